import Glibc

/// The unavailability of k-of-n groups: at least k of n components must work.
enum KOfN {
    /// log C(n, j), exact for the sizes people use.
    static func logChoose(_ n: Int, _ j: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(j + 1)) - lgamma(Double(n - j + 1))
    }

    /// x^e for a whole e ≥ 0: exact or correctly rounded for e ≤ 2 without calling `pow`.
    @inline(__always)
    private static func power(_ x: Double, _ e: Int) -> Double {
        switch e {
        case 0: 1
        case 1: x
        case 2: x * x
        default: pow(x, Double(e))
        }
    }

    /// P(fewer than k of n identical components work): the binomial tail, summed from its small end.
    static func unavailability(k: Int, n: Int, u: Double) -> Double {
        if k == 0 { return 0 }
        if u == 0 { return 0 }
        if u == 1 { return 1 }
        let a = 1 - u
        let logU = log(u)
        let logA = log1p(-u)
        // Terms j = number working, 0..<k; each is C(n, j) A^j U^(n-j). Small n uses
        // direct powers (correctly rounded), large n the logarithms.
        var choose = 1.0  // C(n, j), built up from j = 0
        // The terms live on the stack for small k: this runs once per design in a sweep.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { terms in
            for j in 0..<k {
                if n <= 1000 {
                    terms[j] = choose * power(a, j) * power(u, n - j)
                    choose = choose * Double(n - j) / Double(j + 1)
                } else {
                    terms[j] = exp(logChoose(n, j) + Double(j) * logA + Double(n - j) * logU)
                }
            }
            // Add the smallest terms first.
            var sorted = terms
            sorted.sort()
            var total = 0.0
            for term in sorted { total += term }
            return min(1, total)
        }
    }

    /// P(fewer than k of the listed components work), for a group small enough not to
    /// need limits (the parts of one block).
    static func unavailability(k: Int, unavailabilities us: [Double]) -> Double {
        unavailability(k: k, unavailabilities: us, tick: { (_: Int) in })
    }

    /// P(fewer than k of the listed components work), by dynamic programming over the
    /// components. It tracks whichever count needs fewer states — the failures up to the
    /// n − k + 1 that bring the group down, or the working parts up to the k that keep it
    /// up — with the rest in one absorbing state, so the work is n × min(k, n − k + 1) and
    /// the failure probability is a sum of products, never a difference. `tick` is called
    /// after each component with the work it took, so a large group honours the limits.
    static func unavailability(k: Int, unavailabilities us: [Double], tick: (Int) throws -> Void) rethrows -> Double {
        let n = us.count
        if k <= 0 { return 0 }
        if k > n { return 1 }
        let countFailures = n - k + 1 <= k
        // p[c]: the probability that exactly c parts (failed, or working) have been seen
        // so far; p[last] absorbs every count from `last` on.
        let last = countFailures ? n - k + 1 : k
        var p = [Double](repeating: 0, count: last + 1)
        p[0] = 1
        for (i, u) in us.enumerated() {
            // The probabilities that this part adds to the count, and that it does not: both
            // from u itself, so that a tiny U is never taken as 1 minus a number near 1.
            let adds = countFailures ? u : 1 - u
            let stays = countFailures ? 1 - u : u
            p[last] += p[last - 1] * adds
            var c = min(i + 1, last - 1)
            while c >= 1 {
                p[c] = p[c] * stays + p[c - 1] * adds
                c -= 1
            }
            p[0] *= stays
            try tick(last)
        }
        // Down when n − k + 1 or more have failed, or when fewer than k work.
        if countFailures { return min(1, p[last]) }
        var total = 0.0
        for c in 0..<last { total += p[c] }
        return min(1, total)
    }
}
