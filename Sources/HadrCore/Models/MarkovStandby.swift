/// Two identical units, one serving and one in standby, with repair, as a continuous-time
/// Markov chain: the steady-state availability and the mean time to the first outage.
///
/// States: 0 both good (one serves); 1 one under repair, the other serving; 2 both failed
/// (down); F the serving unit failed and the switch to the good standby failed (down).
/// Rates, with λ = 1/MTBF of a serving unit, λs that of a unit in standby (cold 0, warm
/// given, hot λ), μ = 1/MTTR, p the chance a switch works, c repair crews:
///
///     0 → 1  λp + λs        1 → 0  μ          2 → 1  min(c, 2) μ
///     0 → F  λ(1 − p)       1 → 2  λ          F → 0  μ,  F → 2  λs
///
/// The steady state is solved by the GTH algorithm (Grassmann, Taksar & Heyman 1985),
/// which subtracts nothing, so the small down-state probabilities keep full relative
/// precision. The MTTF is the mean time from state 0 until 2 or F. With p = 1 these are
/// the textbook results (e.g. Rausand & Høyland, System Reliability Theory, 2nd ed.,
/// §8.7–8.8), ρ = λ/μ: cold standby, one crew U = ρ² / (1 + ρ + ρ²) and
/// MTTF = (2λ + μ) / λ²; hot (active) pair, one crew U = 2ρ² / (1 + 2ρ + 2ρ²) and
/// MTTF = (3λ + μ) / (2λ²); hot pair, two crews U = (ρ / (1 + ρ))², two independent units.
struct MarkovStandby {
    var failureRate: Double
    var standbyRate: Double
    var repairRate: Double
    var switchSuccess: Double
    var crews: Int

    /// The transition rates between the four states (0, 1, 2, F).
    var rates: [[Double]] {
        let (l, ls, m, p) = (failureRate, standbyRate, repairRate, switchSuccess)
        var q = [[Double]](repeating: [Double](repeating: 0, count: 4), count: 4)
        q[0][1] = l * p + ls
        q[0][3] = l * (1 - p)
        q[1][0] = m
        q[1][2] = l
        q[2][1] = Double(min(crews, 2)) * m
        q[3][0] = m
        q[3][2] = ls
        return q
    }

    /// The long-run share of time in each state.
    var steadyState: [Double] { Self.gth(rates) }

    /// The long-run unavailability: the share of time in states 2 and F.
    var unavailability: Double {
        let pi = steadyState
        return pi[2] + pi[3]
    }

    /// The mean time from both good to the first outage, in seconds:
    /// (λ + λs) T0 − (λp + λs) T1 = 1 and (λ + μ) T1 − μ T0 = 1.
    var mttf: Double {
        let (l, ls, m, p) = (failureRate, standbyRate, repairRate, switchSuccess)
        // Cramer's rule on the 2 × 2 system; its determinant
        // (λ + λs)(λ + μ) − μ(λp + λs) = λ² + λλs + λμ(1 − p) is a sum of non-negative terms.
        let determinant = l * l + l * ls + l * m * (1 - p)
        guard determinant > 0 else { return .infinity }
        return ((l + m) + (l * p + ls)) / determinant
    }

    /// The stationary distribution of a small chain with rates q[i][j] (i ≠ j), by GTH
    /// state reduction: each eliminated state's rates are folded into the others using
    /// only sums and products of non-negative numbers.
    static func gth(_ rates: [[Double]]) -> [Double] {
        var q = rates
        let n = q.count
        for i in 0..<n { q[i][i] = 0 }
        var k = n - 1
        while k > 0 {
            var s = 0.0
            for j in 0..<k { s += q[k][j] }
            if s > 0 {
                for i in 0..<k { q[i][k] /= s }
                for i in 0..<k {
                    for j in 0..<k where i != j { q[i][j] += q[i][k] * q[k][j] }
                }
            }
            k -= 1
        }
        var pi = [Double](repeating: 0, count: n)
        pi[0] = 1
        for j in 1..<n {
            var total = 0.0
            for i in 0..<j { total += pi[i] * q[i][j] }
            pi[j] = total
        }
        let sum = pi.reduce(0, +)
        return pi.map { $0 / sum }
    }
}
