import Glibc

/// The totals of a retry schedule, without building its table.
enum BackoffSummary {
    /// The kinds of jitter, as `backoff` and `backoff_summary` take them.
    static let jitters = ["none", "full", "equal", "decorrelated"]

    /// Nominal, expected and worst-case total wait of a retry schedule, in O(attempts until the cap).
    static func totals(
        base: Double, factor: Double, attempts: Int, cap: Double, jitter: String, tick: (Int) throws -> Void
    ) throws
        -> (nominal: Double, expected: Double, worst: Double)
    {
        // Share of the capped nominal wait each kind waits on average, and at most.
        let (mean, most): (Double, Double) =
            switch jitter {
            case "none": (1, 1)
            case "full": (0.5, 1)
            case "equal": (0.75, 1)
            case "decorrelated": (0, 0)
            default: throw ArgumentError.unknownKind("jitter", given: jitter, kinds: jitters)
            }
        var nominal = 0.0
        var expected = 0.0
        var worst = 0.0
        var k = 2
        // Decorrelated: E[W] follows E[min(cap, U(base, 3·previous))], approximated without
        // the cap inside the uniform; its worst case grows by 3× up to the cap.
        var previousMean = base
        var previousWorst = base
        while k <= attempts {
            let wait = min(cap, base * pow(factor, Double(k - 2)))
            if jitter == "decorrelated" {
                let high = max(base, 3 * previousMean)
                previousMean = min(cap, (base + high) / 2)
                previousWorst = min(cap, max(base, 3 * previousWorst))
                expected += previousMean
                worst += previousWorst
            } else {
                expected += mean * wait
                worst += most * wait
            }
            nominal += wait
            // Once every wait is the cap (or, with factor 1, the same), the rest adds up without a loop.
            let settled =
                jitter == "decorrelated" ? previousWorst >= cap && previousMean >= cap : wait >= cap || factor == 1
            let steady = jitter == "decorrelated" ? cap : wait
            if settled, k < attempts {
                let rest = Double(attempts - k)
                nominal += rest * wait
                expected += rest * (jitter == "decorrelated" ? steady : mean * steady)
                worst += rest * (jitter == "decorrelated" ? steady : most * steady)
                break
            }
            k += 1
            if k & 4095 == 0 { try tick(4096) }
        }
        return (nominal, expected, worst)
    }
}
