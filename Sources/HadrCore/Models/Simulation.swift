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

    /// The diagram flattened for the event loop: nodes children-first, each with its
    /// parent and how many working children it needs (series: all; parallel: one;
    /// k-of-n: k). A failure or repair updates the counts on the path to the root only,
    /// stopping as soon as a node's state does not change.
    struct Diagram: Sendable {
        /// Per node: the parent's index, or −1 for the root (the last node).
        var parent: [Int] = []
        /// Per node: working children needed; 0 for leaves.
        var needed: [Int] = []
        /// Per node: child count; 0 for leaves.
        var childCount: [Int] = []
        /// Per leaf: its node.
        var leafNode: [Int] = []

        /// Adds `block` and its parts; returns its node.
        mutating func add(_ block: Block, leaves: inout [Block]) -> Int {
            let parts: [Block]
            let need: Int
            switch block.kind {
            case .leaf:
                leaves.append(block)
                return newNode(needed: 0, children: [], leaf: true)
            case .series(let p): (parts, need) = (p, p.count)
            case .parallel(let p): (parts, need) = (p, 1)
            case .kOfN(let k, let p): (parts, need) = (p, k)
            // Simulated as a plain pair: the switchover time is not modelled.
            case .standby(let primary, let backup, _, _, _, _): (parts, need) = ([primary, backup], 1)
            }
            let children = parts.map { add($0, leaves: &leaves) }
            return newNode(needed: need, children: children, leaf: false)
        }

        private mutating func newNode(needed need: Int, children: [Int], leaf: Bool) -> Int {
            let node = parent.count
            parent.append(-1)
            needed.append(need)
            childCount.append(children.count)
            for child in children { parent[child] = node }
            if leaf { leafNode.append(node) }
            return node
        }
    }

    /// The working state of every node, kept up to date as leaves fail and recover.
    struct State {
        var works: [Bool]
        var workingChildren: [Int]

        /// All nodes from the leaves' states, children before parents.
        init(_ d: Diagram, leafDown: [Bool]) {
            works = [Bool](repeating: false, count: d.parent.count)
            workingChildren = [Int](repeating: 0, count: d.parent.count)
            var leafOf = [Int](repeating: -1, count: d.parent.count)
            for (leaf, node) in d.leafNode.enumerated() { leafOf[node] = leaf }
            for node in 0..<d.parent.count {
                works[node] = leafOf[node] >= 0 ? !leafDown[leafOf[node]] : workingChildren[node] >= d.needed[node]
                if works[node], d.parent[node] >= 0 { workingChildren[d.parent[node]] += 1 }
            }
        }

        var systemWorks: Bool { works[works.count - 1] }

        /// Sets a leaf's state and carries the change up while it changes anything.
        mutating func set(leafNode: Int, working: Bool, _ d: Diagram) {
            var node = leafNode
            var state = working
            while works[node] != state {
                works[node] = state
                let up = d.parent[node]
                if up < 0 { return }
                workingChildren[up] += state ? 1 : -1
                node = up
                state = workingChildren[up] >= d.needed[up]
            }
        }
    }

    /// Mean time to failure and to repair of one leaf, in seconds.
    struct Rates: Sendable {
        var mtbf: Double
        var mttr: Double
    }

    /// Per-run results, written by concurrent iterations each to its own index.
    private final class Results: @unchecked Sendable {
        let values: UnsafeMutableBufferPointer<Double>
        init(count: Int) {
            values = .allocate(capacity: count)
            values.initialize(repeating: 0)
        }
        deinit { values.deallocate() }
    }

    static func run(
        _ block: Block, years: Double, runs: Int, seed: UInt64, defaultRepair: Double, interrupt: Interrupt,
        deadline: Double?
    ) throws -> Estimate {
        let shouldStop: @Sendable () -> Bool = { interrupt.isRequested || deadline.map { Machine.now() > $0 } ?? false }
        var leaves: [Block] = []
        var built = Diagram()
        _ = built.add(block, leaves: &leaves)
        let diagram = built
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
            throw ModelError.tooManyEvents(Display.number(events, digits: 3), limit: Display.number(maxEvents))
        }
        let results = Results(count: runs)
        Parallel.forEach(runs) { run in
            var random = SplitMix64.stream(run, of: seed)
            results.values[run] = simulateOne(
                diagram, rates: rates, horizon: horizon, random: &random, shouldStop: shouldStop)
        }
        if interrupt.isRequested { throw LimitError.interrupted }
        if let deadline, Machine.now() > deadline {
            throw ModelError.simulationTimedOut
        }
        let values = Array(results.values)
        let mean = values.reduce(0, +) / Double(runs)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(runs - 1)
        let t = 1.96 + 2.4 / Double(runs - 1)
        let half = t * variance.squareRoot() / Double(runs).squareRoot()
        return Estimate(u: mean, low: max(0, mean - half), high: min(1, mean + half))
    }

    /// One run: the share of `horizon` seconds the system spent down.
    static func simulateOne(
        _ diagram: Diagram, rates: [Rates], horizon: Double, random: inout SplitMix64, shouldStop: () -> Bool
    ) -> Double {
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
        var downtime = 0.0
        var events = 0
        while true {
            var i = 0
            var soonest = Double.infinity
            for j in 0..<n where next[j] < soonest {
                soonest = next[j]
                i = j
            }
            let until = min(soonest, horizon)
            if !state.systemWorks { downtime += until - time }
            time = until
            if soonest >= horizon { break }
            down[i].toggle()
            next[i] = time + sample(down[i] ? rates[i].mttr : rates[i].mtbf, &random)
            state.set(leafNode: diagram.leafNode[i], working: !down[i], diagram)
            events += 1
            if events & 0xFFFF == 0, shouldStop() { break }
        }
        return downtime / horizon
    }
}
