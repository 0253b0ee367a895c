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
        while k <= attempts {
            let wait = min(cap, base * pow(factor, Double(k - 2)))
            expected += mean * wait
            worst += most * wait
            nominal += wait
            // Once every wait is the cap (or, with factor 1, the same), the rest adds up without a loop.
            if wait >= cap || factor == 1, k < attempts {
                let rest = Double(attempts - k)
                nominal += rest * wait
                expected += rest * mean * wait
                worst += rest * most * wait
                break
            }
            k += 1
            if k & 4095 == 0 { try tick(4096) }
        }
        if jitter == "decorrelated" {
            (expected, worst) = Decorrelated(base: base, cap: cap).totals(waits: attempts - 1)
        }
        return (nominal, expected, worst)
    }
}

/// The waits of decorrelated jitter, W = min(cap, uniform(base, 3 × previous W)) from
/// W₀ = base, as `backoff` samples them: the exact worst case and the mean.
///
/// The mean is E[min(cap, W)], not min(cap, E[W]): each wait's distribution is carried
/// from the last one (a point mass at `cap` and a density on [base, cap] held on a grid),
/// and the expected wait is taken exactly over it, since for a previous wait p, with
/// h = 3p, E[min(cap, U(base, h))] = (base + h) / 2 when h ≤ cap and
/// ((cap² − base²) / 2 + cap (h − cap)) / (h − base) otherwise. The grid error is below
/// 1e-6 relative (checked against a Monte Carlo of the sampler and finer grids in
/// Tests/HadrCoreTests/Fixtures/decorrelated_mean.py). Without
/// a cap the mean follows E[W] = (base + 3 E[W_prev]) / 2 exactly.
struct Decorrelated {
    let base: Double
    let cap: Double
    /// Grid cells on [base, cap], spaced evenly in log(wait) so that early waits near
    /// `base` are resolved as finely as those near `cap`.
    static let cells = 8192
    /// The most waits carried one by one; the distribution settles long before.
    static let maxSteps = 10_000

    /// The expected and the worst total of `waits` waits.
    func totals(waits: Int) -> (expected: Double, worst: Double) {
        guard waits > 0, base > 0 else { return (0, 0) }
        if cap <= base { return (Double(waits) * cap, Double(waits) * cap) }
        var worst = 0.0
        var previousWorst = base
        var expected = 0.0
        // Without a cap the means follow a line; with one, the distribution is carried.
        if !cap.isFinite {
            var mean = base
            for _ in 0..<waits {
                mean = (base + 3 * mean) / 2
                previousWorst = 3 * previousWorst
                expected += mean
                worst += previousWorst
                // Both grow geometrically: once infinite they stay so.
                if !worst.isFinite { return (expected, worst) }
            }
            return (expected, worst)
        }
        var distribution = Distribution(pointAt: base)
        var previousMean = -1.0
        var i = 0
        while i < waits {
            let mean = distribution.expectedNext(base: base, cap: cap)
            previousWorst = min(cap, 3 * previousWorst)
            expected += mean
            worst += previousWorst
            i += 1
            // Once the means have settled and the worst case is the cap, the rest are the same.
            let settled = abs(mean - previousMean) <= 1e-13 * mean || i >= Self.maxSteps
            if previousWorst >= cap, settled {
                let rest = Double(waits - i)
                expected += rest * mean
                worst += rest * cap
                break
            }
            previousMean = mean
            if i < waits { distribution = distribution.next(base: base, cap: cap, cells: Self.cells) }
        }
        return (expected, worst)
    }

    /// A distribution of the previous wait: masses at sorted points in [base, cap].
    struct Distribution {
        var points: [Double]
        var masses: [Double]

        init(pointAt x: Double) {
            points = [x]
            masses = [1]
        }

        init(points: [Double], masses: [Double]) {
            self.points = points
            self.masses = masses
        }

        /// E[min(cap, U(base, 3p))] over this distribution of p.
        func expectedNext(base: Double, cap: Double) -> Double {
            var total = 0.0
            for (p, m) in zip(points, masses) {
                let h = max(base, 3 * p)
                let g = h <= cap ? (base + h) / 2 : ((cap * cap - base * base) / 2 + cap * (h - cap)) / (h - base)
                total += m * g
            }
            return total
        }

        /// The distribution of the next wait, on a grid of `cells` cells plus a mass at `cap`.
        /// Its CDF below the cap is F(w) = P(h ≤ w) + (w − base) E[1 / (h − base); h > w].
        func next(base: Double, cap: Double, cells: Int) -> Distribution {
            let hs = points.map { max(base, 3 * $0) }
            // suffix[i] = Σ_{j ≥ i} m_j / (h_j − base); prefix[i] = Σ_{j < i} m_j.
            var suffix = [Double](repeating: 0, count: hs.count + 1)
            for j in stride(from: hs.count - 1, through: 0, by: -1) {
                suffix[j] = suffix[j + 1] + (hs[j] > base ? masses[j] / (hs[j] - base) : 0)
            }
            var prefix = [Double](repeating: 0, count: hs.count + 1)
            for j in 0..<hs.count { prefix[j + 1] = prefix[j] + masses[j] }
            let logRatio = log(cap / base)
            func edge(_ cell: Int) -> Double {
                cell == cells ? cap : base * exp(logRatio * Double(cell) / Double(cells))
            }
            var newPoints: [Double] = []
            var newMasses: [Double] = []
            newPoints.reserveCapacity(cells + 1)
            newMasses.reserveCapacity(cells + 1)
            var j = 0
            var below = 0.0
            var low = base
            for cell in 1...cells {
                let w = edge(cell)
                while j < hs.count, hs[j] <= w { j += 1 }
                let f = min(1, prefix[j] + (w - base) * suffix[j])
                newPoints.append((low + w) / 2)
                low = w
                newMasses.append(max(0, f - below))
                below = max(below, f)
            }
            newPoints.append(cap)
            newMasses.append(max(0, 1 - below))
            return Distribution(points: newPoints, masses: newMasses)
        }
    }
}
