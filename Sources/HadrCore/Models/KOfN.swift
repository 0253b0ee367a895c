import Glibc

/// The unavailability of k-of-n groups: at least k of n components must work.
///
/// Both forms add only positive terms, each held as a `Scaled` number so that no term
/// underflows before it is added: `k_of_n(900, 1000, 99.99%)` has U = 5.2e-264, made of
/// terms such as C(1000, 101) · 0.9999⁸⁹⁹ · 0.0001¹⁰¹ whose power alone is 1e-404.
enum KOfN {
    /// P(fewer than k of n identical components work): the binomial tail, summed from its small end.
    static func unavailability(k: Int, n: Int, u: Double) -> Double {
        if k == 0 { return 0 }
        if u == 0 { return 0 }
        if u == 1 { return 1 }
        let a = 1 - u
        // Terms j = number working, 0..<k: C(n, j) A^j U^(n-j). C(n, j) is built up from
        // C(n, 0) = 1; each step rounds once, so C(n, j) is within j ulps.
        var choose = Scaled.one
        var terms: [Scaled] = []
        terms.reserveCapacity(k)
        for j in 0..<k {
            terms.append(choose * Scaled.power(a, j) * Scaled.power(u, n - j))
            choose = choose * Double(n - j) / Double(j + 1)
        }
        return min(1, sum(terms))
    }

    /// The sum of positive terms, smallest first.
    static func sum(_ terms: [Scaled]) -> Double {
        var total = Scaled.zero
        for term in terms.sorted() { total = total + term }
        return total.double
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
    ///
    /// Each entry only ever loses mass to multiplications by probabilities, so an entry
    /// that underflows carries less than 1e-308 to the result: in Doubles the result is
    /// exact to full precision whenever it is above 1e-290. Below that the same steps are
    /// taken again with `Scaled` numbers.
    static func unavailability(k: Int, unavailabilities us: [Double], tick: (Int) throws -> Void) rethrows -> Double {
        let fast: Double = try distribution(k: k, us, tick: tick)
        if fast >= 1e-290 { return min(1, fast) }
        let slow: Scaled = distribution(k: k, us, tick: { _ in })
        return min(1, slow.double)
    }

    private static func distribution<P: Probability>(k: Int, _ us: [Double], tick: (Int) throws -> Void) rethrows
        -> P
    {
        let n = us.count
        if k <= 0 { return P(0) }
        if k > n { return P(1) }
        let countFailures = n - k + 1 <= k
        // p[c]: the probability that exactly c parts (failed, or working) have been seen
        // so far; p[last] absorbs every count from `last` on.
        let last = countFailures ? n - k + 1 : k
        var p = [P](repeating: P(0), count: last + 1)
        p[0] = P(1)
        for (i, u) in us.enumerated() {
            // The probabilities that this part adds to the count, and that it does not: both
            // from u itself, so that a tiny U is never taken as 1 minus a number near 1.
            let adds = P(countFailures ? u : 1 - u)
            let stays = P(countFailures ? 1 - u : u)
            p[last] = p[last] + p[last - 1] * adds
            var c = min(i + 1, last - 1)
            while c >= 1 {
                p[c] = p[c] * stays + p[c - 1] * adds
                c -= 1
            }
            p[0] = p[0] * stays
            try tick(last)
        }
        // Down when n − k + 1 or more have failed, or when fewer than k work.
        if countFailures { return p[last] }
        var total = P(0)
        for c in (0..<last).sorted(by: { p[$0] < p[$1] }) { total = total + p[c] }
        return total
    }
}

/// What the k-of-n sums are taken in: Doubles, or `Scaled` numbers where they would underflow.
protocol Probability: Comparable {
    init(_ x: Double)
    static func + (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    var double: Double { get }
}

extension Double: Probability {
    var double: Double { self }
}

extension Scaled: Probability {}
