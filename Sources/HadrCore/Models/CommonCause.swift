import Glibc

/// The beta-factor model of common-cause failure (Fleming 1975; NUREG/CR-5485, 1998;
/// IEC 61508-6:2010 Annex D): of each part's failure rate λ, a fraction β are causes that
/// take every part of the redundant group down at once (a bad deploy, a shared config, a
/// power event), and 1 − β are independent. The group of n identical parts of which k
/// must work is then
///
///     k_of_n(k, n independent copies at rate (1 − β)λ)  &  one common-cause part at rate βλ
///
/// with every failure repaired in the part's MTTR. For a part known by its availability
/// only, λ·MTTR = U / (1 − U) stands for the rate (the steady state of a repairable part).
enum CommonCause {
    /// The group, as a system whose parts are `name#1` … `name#n` and `name (common cause)`.
    static func group(_ component: Block, n: Int, k: Int, beta: Double) throws -> Block {
        guard let name = component.label, let part = component.part else {
            throw ModelError.commonCauseNeedsComponent
        }
        let independent = try scaled(part, by: 1 - beta)
        let copies = (1...n).map { Block.component("\(name)#\($0)", independent) }
        let group = try Block.kOfN(k, copies)
        guard beta > 0 else { return group }
        return try Block.series([group, .component("\(name) (common cause)", try scaled(part, by: beta))])
    }

    /// The part with its failure rate multiplied by `share`, its repairs unchanged.
    static func scaled(_ part: Part, by share: Double) throws -> Part {
        guard let life = part.life, let repair = part.repair else {
            // ρ = λ · MTTR = U / (1 − U); the scaled part has U = sρ / (1 + sρ).
            if part.u >= 1 { return Part(u: share > 0 ? 1 : 0) }
            let rho = share * part.u / (1 - part.u)
            return Part(u: rho / (1 + rho))
        }
        switch life {
        case .exponential(let mean):
            return Part(life: .exponential(mean: share > 0 ? mean / share : .infinity), repair: repair)
        case .weibull(let shape, let scale):
            // A hazard s·h(t) is a Weibull with scale η · s^(−1/β).
            guard share > 0 else { return Part(life: .exponential(mean: .infinity), repair: repair) }
            return Part(life: .weibull(shape: shape, scale: scale * pow(share, -1 / shape)), repair: repair)
        case .lognormal:
            throw ModelError.commonCauseLife
        }
    }
}
