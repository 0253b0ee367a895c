/// The Monte Carlo year by year: the same process as `run`, with the system's downtime
/// totalled per calendar year (365 days), for the spread of a bad year.
extension Simulation {
    /// The most years one call may simulate.
    static let maxYears = 1_000_000

    /// Downtime in seconds in each of `years` simulated years. The years are cut into
    /// up to 64 stretches simulated side by side, each from its own stream of `seed` and
    /// from every part working, so a seed gives the same years however they are scheduled.
    static func yearly(
        _ block: Block, years: Int, seed: UInt64, defaultRepair: Double, interrupt: Interrupt, deadline: Double?
    ) throws -> [Double] {
        let shouldStop: @Sendable () -> Bool = { interrupt.isRequested || deadline.map { Machine.now() > $0 } ?? false }
        let (diagram, processes) = try prepare(block, years: Double(years), defaultRepair: defaultRepair)
        let year = TimeUnit.year.seconds
        let stretches = min(years, 64)
        let results = YearResults(count: years)
        Parallel.forEach(stretches) { stretch in
            // Stretch k simulates years [first, first + count).
            let first = years * stretch / stretches
            let count = years * (stretch + 1) / stretches - first
            var random = SplitMix64.stream(stretch, of: seed)
            _ = simulateOne(
                diagram, processes: processes, horizon: Double(count) * year, mission: nil, random: &random,
                shouldStop: shouldStop, yearlyOut: results.values.baseAddress.map { $0 + first })
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
}
