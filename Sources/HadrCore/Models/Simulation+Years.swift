import Glibc

/// The Monte Carlo year by year: the same failure and repair process as `run`, with the
/// system's downtime totalled per calendar year (365 days), for the spread of a bad year.
extension Simulation {
    /// The most years one call may simulate.
    static let maxYears = 1_000_000

    /// Downtime in seconds in each of `years` simulated years. The years are cut into
    /// up to 64 stretches simulated side by side, each from its own stream of `seed`, so
    /// a seed gives the same years however they are scheduled.
    static func yearly(
        _ block: Block, years: Int, seed: UInt64, defaultRepair: Double, interrupt: Interrupt, deadline: Double?
    ) throws -> [Double] {
        let shouldStop: @Sendable () -> Bool = { interrupt.isRequested || deadline.map { Machine.now() > $0 } ?? false }
        var leaves: [Block] = []
        var built = Diagram()
        _ = built.add(block, leaves: &leaves)
        let diagram = built
        let rates = leaves.map { leaf -> Rates in
            if case .leaf(let mtbf?, let mttr?) = leaf.kind { return Rates(mtbf: mtbf, mttr: mttr) }
            let mtbf = leaf.u > 0 ? defaultRepair * (1 - leaf.u) / leaf.u : .infinity
            return Rates(mtbf: mtbf, mttr: defaultRepair)
        }
        let year = TimeUnit.year.seconds
        let events = rates.reduce(0.0) { $0 + 2 * Double(years) * year / ($1.mtbf + $1.mttr) }
        guard events <= maxEvents else {
            throw ModelError.tooManyEvents(Display.number(events, digits: 3), limit: Display.number(maxEvents))
        }
        let stretches = min(years, 64)
        let results = YearResults(count: years)
        Parallel.forEach(stretches) { stretch in
            // Stretch k simulates years [first, first + count).
            let first = years * stretch / stretches
            let count = years * (stretch + 1) / stretches - first
            var random = SplitMix64.stream(stretch, of: seed)
            simulateYears(
                diagram, rates: rates, years: count, into: results.values.baseAddress.map { $0 + first },
                random: &random,
                shouldStop: shouldStop)
        }
        if interrupt.isRequested { throw LimitError.interrupted }
        if let deadline, Machine.now() > deadline { throw ModelError.simulationTimedOut }
        return Array(results.values)
    }

    /// Per-year results, each stretch writing its own indices.
    private final class YearResults: @unchecked Sendable {
        let values: UnsafeMutableBufferPointer<Double>
        init(count: Int) {
            values = .allocate(capacity: count)
            values.initialize(repeating: 0)
        }
        deinit { values.deallocate() }
    }

    /// One stretch of consecutive years from all parts working; each year's downtime in seconds into `out`.
    private static func simulateYears(
        _ diagram: Diagram, rates: [Rates], years: Int, into out: UnsafeMutablePointer<Double>?,
        random: inout SplitMix64, shouldStop: () -> Bool
    ) {
        guard let out, years > 0 else { return }
        let year = TimeUnit.year.seconds
        let horizon = Double(years) * year
        let n = rates.count
        var down = [Bool](repeating: false, count: n)
        var next = [Double](repeating: 0, count: n)
        func sample(_ mean: Double, _ random: inout SplitMix64) -> Double {
            mean.isInfinite ? .infinity : -mean * log1p(-random.unit())
        }
        for i in 0..<n {
            if rates[i].mtbf == 0 {
                down[i] = true
                next[i] = .infinity
            } else {
                next[i] = sample(rates[i].mtbf, &random)
            }
        }
        var state = State(diagram, leafDown: down)
        var time = 0.0
        var events = 0
        /// Adds the downtime from `time` to `until`, split at year boundaries.
        func addDown(until: Double) {
            var from = time
            while from < until {
                let index = min(years - 1, Int(from / year))
                let boundary = min(until, Double(index + 1) * year)
                out[index] += boundary - from
                if index == years - 1 {
                    out[index] += until - boundary
                    break
                }
                from = boundary
            }
        }
        while true {
            var i = 0
            var soonest = Double.infinity
            for j in 0..<n where next[j] < soonest {
                soonest = next[j]
                i = j
            }
            let until = min(soonest, horizon)
            if !state.systemWorks { addDown(until: until) }
            time = until
            if soonest >= horizon { break }
            down[i].toggle()
            next[i] = time + sample(down[i] ? rates[i].mttr : rates[i].mtbf, &random)
            state.set(leafNode: diagram.leafNode[i], working: !down[i], diagram)
            events += 1
            if events & 0xFFFF == 0, shouldStop() { break }
        }
    }
}
