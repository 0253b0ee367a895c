import Glibc

/// A distribution of a time: how long a part lives, or how long its repair takes.
enum Lifetime: Equatable {
    /// Memoryless, with this mean (seconds): a constant failure rate 1 / mean.
    case exponential(mean: Double)
    /// Weibull with shape β and scale η (seconds): R(t) = exp(−(t/η)^β); β < 1 infant
    /// mortality, β = 1 exponential, β > 1 wear-out.
    case weibull(shape: Double, scale: Double)
    /// Lognormal with this mean (seconds) and σ, the standard deviation of ln(time):
    /// ln T ~ Normal(ln(mean) − σ²/2, σ²). Repairs are often spread like this: most quick,
    /// a few long.
    case lognormal(mean: Double, sigma: Double)

    /// The mean time, in seconds.
    var mean: Double {
        switch self {
        case .exponential(let mean), .lognormal(let mean, _): mean
        case .weibull(let shape, let scale): scale * tgamma(1 + 1 / shape)
        }
    }

    /// P(T > t), the chance of lasting past t.
    func survival(_ t: Double) -> Double {
        switch self {
        case .exponential(let mean): mean.isInfinite ? 1 : exp(-t / mean)
        case .weibull(let shape, let scale): exp(-pow(t / scale, shape))
        case .lognormal(let mean, let sigma):
            t <= 0 ? 1 : 0.5 * erfc((log(t) - (log(mean) - sigma * sigma / 2)) / (sigma * 2.0.squareRoot()))
        }
    }

    /// P(T ≤ t), computed without cancellation where it is small.
    func failure(_ t: Double) -> Double {
        switch self {
        case .exponential(let mean): mean.isInfinite ? 0 : -expm1(-t / mean)
        case .weibull(let shape, let scale): -expm1(-pow(t / scale, shape))
        case .lognormal(let mean, let sigma):
            t <= 0 ? 0 : 0.5 * erfc(-(log(t) - (log(mean) - sigma * sigma / 2)) / (sigma * 2.0.squareRoot()))
        }
    }

    /// One draw, from a uniform in [0, 1) (and a second one for the lognormal).
    func sample(_ random: inout SplitMix64) -> Double {
        switch self {
        case .exponential(let mean):
            return mean.isInfinite ? .infinity : -mean * log1p(-random.unit())
        case .weibull(let shape, let scale):
            return scale * pow(-log1p(-random.unit()), 1 / shape)
        case .lognormal(let mean, let sigma):
            // Box–Muller: one standard normal from two uniforms.
            let u1 = 1 - random.unit()
            let u2 = random.unit()
            let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            return exp(log(mean) - sigma * sigma / 2 + sigma * z)
        }
    }

    /// How it reads: "exponential, mean 83d 8h", "Weibull(shape 1.5, scale 5y)".
    var description: String {
        switch self {
        case .exponential(let mean): "mean \(Display.duration(mean))"
        case .weibull(let shape, let scale):
            "Weibull(shape \(Display.number(shape)), scale \(Display.duration(scale)))"
        case .lognormal(let mean, let sigma):
            "lognormal(mean \(Display.duration(mean)), sigma \(Display.number(sigma)))"
        }
    }
}

/// What is known about one part: its unavailability, and, when given, how long it lives
/// and how long its repairs take (the availability is then mean life / (mean life + mean repair),
/// the long-run share of an alternating renewal process, whatever the distributions).
struct Part: Equatable {
    var u: Double
    var life: Lifetime?
    var repair: Lifetime?

    var mtbf: Double? { life?.mean }
    var mttr: Double? { repair?.mean }

    /// A part known by its availability only.
    init(u: Double) {
        self.u = u
    }

    /// A part known by its life and repair distributions.
    init(life: Lifetime, repair: Lifetime) {
        self.life = life
        self.repair = repair
        let up = life.mean
        let down = repair.mean
        u = up.isInfinite ? 0 : down / (up + down)
    }

    /// How the part reads in an error: "99.95%" or "mtbf 83d 8h, mttr 4h".
    var description: String {
        guard let life, let repair else { return Display.percent(u) }
        if case .exponential(let up) = life, case .exponential(let down) = repair {
            return "mtbf \(Display.duration(up)), mttr \(Display.duration(down))"
        }
        return "life \(life.description), repair \(repair.description)"
    }
}
