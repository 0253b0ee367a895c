import Glibc

/// What a system's structure tells: its single points of failure, minimal cut and path
/// sets, the importance of each part, and how it fares over time without repair.
///
/// Every figure is over the distinct parts (a shared part is one part), from the decision
/// diagram of the structure function, so it is exact for any structure.
///
/// Importance measures, for a part i with unavailability q_i, and U the system's
/// (conventions of Rausand & Høyland, System Reliability Theory, 2nd ed., ch. 5; NUREG/CR-3385):
/// - Birnbaum: A(i always up) − A(i always down) = P(i is critical), computed as the
///   probability of the states where i alone decides, never as a difference;
/// - criticality: Birnbaum × q_i / U, the chance that i is failed and critical given that
///   the system is down;
/// - Fussell–Vesely: P(some minimal cut set containing i has failed) / U;
/// - risk achievement worth (RAW): U(i always down) / U;
/// - risk reduction worth (RRW): U / U(i always up), infinite when i's repair would leave
///   nothing to fail.
struct SystemAnalysis {
    let block: Block
    /// The distinct parts in order of first appearance.
    let parts: [Block]
    /// Their names: a component's, else the source text or availability; repeated
    /// labels of different parts get a number ("99.9% [2]").
    let names: [String]
    /// Called with the work done as a long analysis goes, so that it honours the limits
    /// and Ctrl-C (the builtins pass the machine's).
    var tick: (Int) throws -> Void = { _ in }

    init(_ block: Block) {
        self.block = block
        parts = block.distinctParts
        var used: [String: Int] = [:]
        names = parts.map { part in
            let label = part.label ?? Display.percent(part.u)
            let n = used[label, default: 0] + 1
            used[label] = n
            return n == 1 || part.isComponent ? label : "\(label) [\(n)]"
        }
    }

    /// The parts whose failure alone brings the system down, in order of first appearance.
    ///
    /// A part written once is one exactly when every block on its way to the root needs all
    /// its children (series, n-of-n); a part written in several places is tried on the
    /// whole structure. So this is linear in the diagram's size plus one pass per shared part.
    func singlePoints() -> [Int] {
        var occurrences: [PartKey: Int] = [:]
        var critical: Set<PartKey> = []
        func walk(_ b: Block, critical isCritical: Bool) {
            if let key = b.key {
                occurrences[key, default: 0] += 1
                if isCritical { critical.insert(key) }
                return
            }
            let needsAll: Bool
            switch b.kind {
            case .series: needsAll = true
            case .kOfN(let k, let parts): needsAll = k >= parts.count
            case .parallel(let parts): needsAll = parts.count == 1
            default: needsAll = false
            }
            for child in b.children { walk(child, critical: isCritical && needsAll) }
        }
        walk(block, critical: true)
        return parts.indices.filter { i in
            guard let key = parts[i].key else { return false }
            if occurrences[key] == 1 { return critical.contains(key) }
            return !block.works(down: { $0 == key })
        }
    }

    /// The minimal cut sets (or path sets), smallest first, as part indices.
    func sets(cuts: Bool, maxOrder: Int?) throws -> [[Int]] {
        var finder = CutSets(parts: parts, maxOrder: maxOrder, tick: tick)
        return CutSets.sorted(try finder.family(block, cuts: cuts))
    }

    /// One row of `importance`.
    struct Importance {
        var birnbaum: Double
        var criticality: Double
        /// Nil when the cut sets are too many to take the union of.
        var fussellVesely: Double?
        var raw: Double
        var rrw: Double
    }

    /// The importance of every part, in the parts' order.
    func importance() throws -> (u: Double, rows: [Importance]) {
        var base = try StructureFunction(parts: block, mode: .steady)
        base.diagram.clearCaches()
        let (q, a) = base.steadyProbabilities()
        let program = base.diagram.program(from: base.root)
        let u = program.failure(q: q, a: a)
        let cuts = try? sets(cuts: true, maxOrder: nil)
        var rows: [Importance] = []
        for i in parts.indices {
            try tick(program.variable.count + 1)
            var qDown = q
            var aDown = a
            qDown[i] = 1
            aDown[i] = 0
            var qUp = q
            var aUp = a
            qUp[i] = 0
            aUp[i] = 1
            let uDown = program.failure(q: qDown, a: aDown)
            let uUp = program.failure(q: qUp, a: aUp)
            // Each part's diagrams are built on a copy of the structure's, so that they do not
            // pile up in it.
            var function = base
            let critical = try function.critical(i)
            let birnbaum = function.diagram.program(from: critical).success(q: q, a: a)
            var fv: Double?
            if let cuts {
                var sets = base
                let union = try sets.anyFailed(cuts.filter { $0.contains(i) })
                fv = u > 0 ? sets.diagram.program(from: union).success(q: q, a: a) / u : 0
            }
            rows.append(
                Importance(
                    birnbaum: birnbaum, criticality: u > 0 ? birnbaum * q[i] / u : 0, fussellVesely: fv,
                    raw: u > 0 ? uDown / u : .infinity, rrw: uUp > 0 ? u / uUp : .infinity))
        }
        return (u, rows)
    }

    /// The probability that the system has failed by time t, without repair: 1 − R(t),
    /// computed as such, so that a reliability of many nines keeps them.
    func failure(by t: Double) throws -> Double {
        let function = try StructureFunction(parts: block, mode: .mission)
        let (q, a) = try function.missionProbabilities(at: t, names: names)
        return function.diagram.program(from: function.root).failure(q: q, a: a)
    }

    /// The mission view: the chance of getting through `duration` without an outage.
    struct Mission {
        /// P(an outage during the mission), with repair, starting at a random moment.
        var outageChance: Double
        /// P(failed by the end) without repair, starting with every part new.
        var failureWithoutRepair: Double
        var outagesPerYear: Double
        var meanTimeBetweenOutages: Double
        var meanOutage: Double
    }

    /// With repair, in the steady state, outages begin at the rate ν = Σ_i I_B(i) / (MTBF_i + MTTR_i)
    /// (each part fails once per cycle of life and repair, and brings the system down when
    /// it is critical), the system is up a share A of the time, and while up fails at
    /// ν / A (the Vesely failure rate). So P(no outage in T) ≈ A · exp(−ν T / A): exact for
    /// one part with exponential times, and close whenever outages are rare next to T's
    /// repairs. Active-passive pairs with a switchover or a failing switch are refused:
    /// `simulate(system, mission: T)` measures those.
    func mission(_ duration: Double) throws -> Mission {
        for b in block.allBlocks {
            if case .standby(_, _, let s, _, let ok, _) = b.kind, s > 0 || ok < 1 { throw ModelError.missionStandby }
        }
        let (u, rows) = try importance()
        var rate = 0.0
        for (i, part) in parts.enumerated() {
            guard let life = part.part?.life, let repair = part.part?.repair else {
                throw ModelError.noLifetime(names[i])
            }
            rate += rows[i].birnbaum / (life.mean + repair.mean)
        }
        let a = 1 - u
        let x = rate * duration / max(a, .leastNormalMagnitude)
        // 1 − A·e^(−x) = U·e^(−x) + (1 − e^(−x)), both terms without cancellation.
        let outage = min(1, u * exp(-x) - expm1(-x))
        let year = TimeUnit.year.seconds
        return Mission(
            outageChance: outage, failureWithoutRepair: try failure(by: duration), outagesPerYear: rate * year,
            meanTimeBetweenOutages: rate > 0 ? a / rate : .infinity, meanOutage: rate > 0 ? u / rate : 0)
    }

    /// The mean time to the first failure without repair: ∫₀^∞ R(t) dt.
    ///
    /// With t = e^s the integrand e^s R(e^s) is smooth and falls off fast at both ends, so
    /// the trapezoidal rule in s converges geometrically (Trefethen & Weideman, SIAM Review
    /// 56, 2014): a step of 1/32 gives full double precision for lives from exponential to
    /// Weibull. The range runs from 1e-20 of the shortest mean life to where R has fallen
    /// below 1e-300 of what has been summed.
    func mttf() throws -> Double {
        let function = try StructureFunction(parts: block, mode: .mission)
        let program = function.diagram.program(from: function.root)
        var shortest = Double.infinity
        var longest = 0.0
        for (i, variable) in function.variables.enumerated() {
            guard case .part(let b) = variable else { continue }
            guard let life = b.part?.life else {
                throw ModelError.noLifetime(i < names.count ? names[i] : (b.label ?? Display.percent(b.u)))
            }
            shortest = min(shortest, life.mean)
            longest = max(longest, life.mean)
        }
        if function.root == DecisionDiagram.up || !longest.isFinite { return .infinity }
        if function.root == DecisionDiagram.down || longest == 0 { return 0 }
        let h = 1.0 / 32
        let start = log(shortest) - log(1e20)
        var total = exp(start)  // ∫₀^{t0} R ≈ t0, as R(t0) = 1 to 1e-20.
        var s = start
        var steps = 0
        while steps < 200_000 {
            try tick(program.variable.count + 1)
            let t = exp(s)
            let (q, a) = try function.missionProbabilities(at: t, names: names)
            let term = t * program.success(q: q, a: a) * h
            total += term
            if term < 1e-300 * total || (t > longest && term < 1e-18 * total) { break }
            s += h
            steps += 1
        }
        return total
    }
}

extension StructureFunction {
    /// The states in which part i alone decides: the system works with i up and fails
    /// with i down.
    mutating func critical(_ i: Int) throws -> Int32 {
        let withUp = try diagram.restrict(root, i, to: true)
        let withDown = try diagram.restrict(root, i, to: false)
        return try diagram.and(withUp, try diagram.not(withDown))
    }

    /// "Every part of at least one of these sets is down", over the part variables.
    mutating func anyFailed(_ sets: [[Int]]) throws -> Int32 {
        var union = DecisionDiagram.down
        for set in sets {
            var all = DecisionDiagram.up
            for i in set.reversed() { all = try diagram.and(all, try diagram.not(try diagram.variable(i))) }
            union = try diagram.or(union, all)
        }
        return union
    }
}
