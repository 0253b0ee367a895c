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

    /// P(fewer than k of the listed components work), by the distribution of failures.
    static func unavailability(k: Int, unavailabilities us: [Double]) -> Double {
        let n = us.count
        if k == 0 { return 0 }
        // p[f] = probability that exactly f components have failed so far.
        var p = [Double](repeating: 0, count: n + 1)
        p[0] = 1
        for (i, u) in us.enumerated() {
            for f in stride(from: i + 1, through: 1, by: -1) {
                p[f] = p[f] * (1 - u) + p[f - 1] * u
            }
            p[0] *= 1 - u
        }
        // The system fails when more than n − k components have failed.
        var total = 0.0
        for f in stride(from: n, to: n - k, by: -1) { total += p[f] }
        return min(1, total)
    }
}
