import Dispatch
import Glibc

/// A Monte Carlo of a block diagram: each leaf alternates between working and repair
/// with exponential times (mean MTBF, then mean MTTR); the system's downtime is
/// accumulated over independent runs spread over the cores. Each run has its own seed
/// derived from the caller's, so a seed gives the same answer however runs are scheduled.
enum Simulation {
    /// The most failure and repair events one simulation may process.
    static let maxEvents = 100_000_000.0

    /// The estimated unavailability and its 95% interval.
    struct Estimate {
        var u: Double
        var low: Double
        var high: Double
    }

    /// The diagram reduced to leaf indexes, safe to share between threads.
    indirect enum Node: Sendable {
        case leaf(Int)
        case series([Node])
        case parallel([Node])
        case kOfN(Int, [Node])

        func works(_ down: UnsafeBufferPointer<Bool>) -> Bool {
            switch self {
            case .leaf(let i): return !down[i]
            case .series(let parts): return parts.allSatisfy { $0.works(down) }
            case .parallel(let parts): return parts.contains { $0.works(down) }
            case .kOfN(let k, let parts):
                var working = 0
                for part in parts where part.works(down) { working += 1 }
                return working >= k
            }
        }
    }

    /// Mean time to failure and to repair of one leaf, in seconds.
    struct Rates: Sendable {
        var mtbf: Double
        var mttr: Double
    }

    /// Holds per-run results written by concurrent iterations, each to its own index.
    private final class Results: @unchecked Sendable {
        var values: [Double]
        init(count: Int) { values = [Double](repeating: 0, count: count) }
    }

    static func compile(_ block: Block, leaves: inout [Block]) -> Node {
        switch block.kind {
        case .leaf:
            leaves.append(block)
            return .leaf(leaves.count - 1)
        case .series(let parts): return .series(parts.map { compile($0, leaves: &leaves) })
        case .parallel(let parts): return .parallel(parts.map { compile($0, leaves: &leaves) })
        case .kOfN(let k, let parts): return .kOfN(k, parts.map { compile($0, leaves: &leaves) })
        // Simulated as a plain pair: the switchover time is not modelled.
        case .standby(let p, let b, _, _, _, _): return .parallel([compile(p, leaves: &leaves), compile(b, leaves: &leaves)])
        }
    }

    static func run(_ block: Block, years: Double, runs: Int, seed: UInt64, defaultRepair: Double, interrupt: Interrupt, deadline: Double?) throws -> Estimate {
        let shouldStop: @Sendable () -> Bool = { interrupt.isRequested || deadline.map { Machine.now() > $0 } ?? false }
        var leaves: [Block] = []
        let tree = compile(block, leaves: &leaves)
        let rates = leaves.map { leaf -> Rates in
            if case .leaf(let mtbf?, let mttr?) = leaf.kind { return Rates(mtbf: mtbf, mttr: mttr) }
            // Only an availability is known: assume the default repair time.
            let mttr = defaultRepair
            let mtbf = leaf.u > 0 ? mttr * (1 - leaf.u) / leaf.u : .infinity
            return Rates(mtbf: mtbf, mttr: mttr)
        }
        let horizon = years / Double(runs) * TimeUnit.year.seconds
        // Each leaf fails and is repaired about once per MTBF + MTTR: refuse a run
        // that would take longer than anyone waits.
        let events = rates.reduce(0.0) { $0 + 2 * years * TimeUnit.year.seconds / ($1.mtbf + $1.mttr) }
        guard events <= maxEvents else {
            throw Diagnostic(
                .limit, "the simulation would need about \(Display.number(events, digits: 3)) events, more than the \(Display.number(maxEvents)) allowed",
                notes: ["help: simulate fewer years"])
        }
        let results = Results(count: runs)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            var random = SplitMix64.stream(run, of: seed)
            results.values[run] = simulateOne(tree, rates: rates, horizon: horizon, random: &random, shouldStop: shouldStop)
        }
        if interrupt.isRequested { throw Diagnostic(.interrupted, "interrupted") }
        if let deadline, Machine.now() > deadline {
            throw Diagnostic(.limit, "the simulation ran past the time limit", notes: ["help: simulate fewer years, or raise --timeout"])
        }
        let values = results.values
        let mean = values.reduce(0, +) / Double(runs)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(runs - 1)
        let t = 1.96 + 2.4 / Double(runs - 1)
        let half = t * variance.squareRoot() / Double(runs).squareRoot()
        return Estimate(u: mean, low: max(0, mean - half), high: min(1, mean + half))
    }

    /// One run: the share of `horizon` seconds the system spent down.
    static func simulateOne(_ tree: Node, rates: [Rates], horizon: Double, random: inout SplitMix64, shouldStop: () -> Bool) -> Double {
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
        var time = 0.0
        var downtime = 0.0
        var systemUp = down.withUnsafeBufferPointer { tree.works($0) }
        var events = 0
        while true {
            var i = 0
            var soonest = Double.infinity
            for j in 0..<n where next[j] < soonest {
                soonest = next[j]
                i = j
            }
            let until = min(soonest, horizon)
            if !systemUp { downtime += until - time }
            time = until
            if soonest >= horizon { break }
            down[i].toggle()
            next[i] = time + sample(down[i] ? rates[i].mttr : rates[i].mtbf, &random)
            systemUp = down.withUnsafeBufferPointer { tree.works($0) }
            events += 1
            if events & 0xFFFF == 0, shouldStop() { break }
        }
        return downtime / horizon
    }
}
