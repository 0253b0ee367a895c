import Glibc

/// A Monte Carlo of a block diagram, to check its formulas.
///
/// Each distinct part is one process that alternates between working and repair (a part
/// that appears in several places fails everywhere at once): its life and repair times
/// are drawn from its distributions (exponential unless given: Weibull lives, lognormal
/// repairs); a part known only by its availability gets repairs of mean `mttr` and the mean
/// life that availability implies. An active-passive pair goes down for `switchover` each
/// time its primary fails while the backup works, and a switch that fails (probability
/// 1 − p) keeps it down for `repair` more, as the standby formula counts them. The years are split into independent runs spread over the cores, each
/// with its own random stream derived from the seed, so a seed gives the same answer
/// however the runs are scheduled.
enum Simulation {
    /// The most failure and repair events one simulation may process.
    static let maxEvents = 100_000_000.0
    /// Yearly downtimes are counted in 100 bins a decade from 1 ms to over a year.
    static let binsPerDecade = 100.0
    static let smallestBin = -3.0
    static let binCount = 1100

    /// What a simulation found.
    struct Estimate {
        /// The share of time down, and its 95% interval.
        var u: Double
        var low: Double
        var high: Double
        var outages: Int
        /// The 50th, 90th and 99th percentiles of the downtime in a year, when whole years were run.
        var percentiles: [Double]?
        /// The share of moments from which a mission of the given length sees no outage.
        var missionSuccess: Double?
        /// With no outage seen: the 95% upper bound on U from the exposure.
        var bound: Double?

        /// The record `simulate` returns.
        func record(analytic: Double, years: Double, runs: Int) -> Value {
            var names = ["availability", "low", "high", "analytic", "years", "runs", "outages"]
            var values: [Value] = [
                .availability(u), .availability(high), .availability(low), .availability(analytic),
                .number(years), .number(Double(runs)), .number(Double(outages)),
            ]
            if let percentiles {
                names += ["p50", "p90", "p99"]
                values += percentiles.map(Value.duration)
            }
            if let missionSuccess {
                names.append("mission_no_outage")
                values.append(.availability(1 - missionSuccess))
            }
            if let bound {
                names.append("note")
                values.append(
                    .string(
                        "no outage in \(Display.number(years)) simulated years: U is below \(Display.number(bound, digits: 3)) (95%, from the exposure)"
                    ))
            }
            return .record(names: names, values: values)
        }
    }

    /// The diagram flattened for the event loop: nodes children-first, each with its
    /// parent and how many working children it needs (series: all; parallel and standby:
    /// one; k-of-n: k). A failure or repair updates the counts on the paths to the root
    /// only, stopping as soon as a node's state does not change.
    struct Diagram: Sendable {
        /// Per node: the parent's index, or −1 for the root (the last node).
        var parent: [Int] = []
        /// Per node: working children needed; 0 for leaves.
        var needed: [Int] = []
        /// Per node: the part it stands for, or −1.
        var partOf: [Int] = []
        /// Per part: its nodes (several when the part is shared), while the diagram is built.
        var nodesOf: [[Int]] = []
        /// The same, flat: part i's nodes are nodeList[nodeStart[i]..<nodeStart[i + 1]].
        var nodeStart: [Int] = [0]
        var nodeList: [Int] = []

        /// Makes the flat lists of each part's nodes.
        mutating func finishParts() {
            nodeStart = [0]
            nodeList = []
            for nodes in nodesOf {
                nodeList += nodes
                nodeStart.append(nodeList.count)
            }
        }
        /// Per node: its standby pair's index in `pairs`, or −1.
        var pairOf: [Int] = []
        var pairs: [Pair] = []

        /// An active-passive pair's node and settings.
        struct Pair: Sendable {
            var node: Int
            var primary: Int
            var backup: Int
            var switchover: Double
            var success: Double
            var repair: Double
        }

        /// Adds `block` and its parts; returns its node.
        mutating func add(_ block: Block, index: [PartKey: Int]) -> Int {
            switch block.kind {
            case .leaf:
                let part = block.key.flatMap { index[$0] } ?? -1
                let node = newNode(needed: 0, children: [], part: part)
                if part >= 0 { nodesOf[part].append(node) }
                return node
            case .series(let p):
                return newNode(needed: p.count, children: p.map { add($0, index: index) }, part: -1)
            case .parallel(let p):
                return newNode(needed: 1, children: p.map { add($0, index: index) }, part: -1)
            case .kOfN(let k, let p):
                return newNode(needed: k, children: p.map { add($0, index: index) }, part: -1)
            case .standby(let primary, let backup, let switchover, _, let ok, let repair):
                let p = add(primary, index: index)
                let b = add(backup, index: index)
                let node = newNode(needed: 1, children: [p, b], part: -1)
                pairOf[node] = pairs.count
                pairs.append(
                    Pair(node: node, primary: p, backup: b, switchover: switchover, success: ok, repair: repair))
                return node
            }
        }

        private mutating func newNode(needed need: Int, children: [Int], part: Int) -> Int {
            let node = parent.count
            parent.append(-1)
            needed.append(need)
            partOf.append(part)
            pairOf.append(-1)
            for child in children { parent[child] = node }
            return node
        }
    }

    /// How one part lives and is repaired.
    struct Process: Sendable {
        var life: Lifetime
        var repair: Lifetime
        /// Always down (an availability of 0).
        var alwaysDown = false
    }

    /// Per-run results, written by concurrent iterations each to its own index.
    private final class Results: @unchecked Sendable {
        let runs: UnsafeMutableBufferPointer<Run>
        init(count: Int) {
            runs = .allocate(capacity: count)
            runs.initialize(repeating: Run())
        }
        deinit {
            runs.deinitialize()
            runs.deallocate()
        }
    }

    /// What one run saw.
    struct Run {
        var downShare = 0.0
        var outages = 0
        /// Counts of whole years by their downtime's bin; index 0 holds years with none.
        var yearly: [Int] = []
        /// Seconds from which a mission saw no outage, and the seconds such a start could have.
        var missionGood = 0.0
        var missionSpan = 0.0
    }

    static func run(
        _ block: Block, years: Double, runs: Int, seed: UInt64, defaultRepair: Double, mission: Double?,
        interrupt: Interrupt, deadline: Double?
    ) throws -> Estimate {
        let shouldStop: @Sendable () -> Bool = { interrupt.isRequested || deadline.map { Machine.now() > $0 } ?? false }
        let (diagram, processes) = try prepare(block, years: years, defaultRepair: defaultRepair)
        let yearSeconds = TimeUnit.year.seconds
        let horizon = years / Double(runs) * yearSeconds
        let results = Results(count: runs)
        Parallel.forEach(runs) { run in
            var random = SplitMix64.stream(run, of: seed)
            results.runs[run] = simulateOne(
                diagram, processes: processes, horizon: horizon, mission: mission, random: &random,
                shouldStop: shouldStop)
        }
        if interrupt.isRequested { throw LimitError.interrupted }
        if let deadline, Machine.now() > deadline {
            throw ModelError.simulationTimedOut
        }
        let all = Array(results.runs)
        let values = all.map(\.downShare)
        let mean = values.reduce(0, +) / Double(runs)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(runs - 1)
        let t = 1.96 + 2.4 / Double(runs - 1)
        let half = t * variance.squareRoot() / Double(runs).squareRoot()
        let outages = all.reduce(0) { $0 + $1.outages }
        var estimate = Estimate(
            u: mean, low: max(0, mean - half), high: min(1, mean + half), outages: outages,
            percentiles: percentiles(all), missionSuccess: nil, bound: nil)
        if let mission, mission < horizon {
            let span = all.reduce(0.0) { $0 + $1.missionSpan }
            estimate.missionSuccess = span > 0 ? all.reduce(0.0) { $0 + $1.missionGood } / span : nil
        }
        if outages == 0 {
            // No outage in the exposure: outages come at a rate below −ln(0.05) / exposure
            // with 95% confidence, and none can last longer on average than the longest
            // mean repair (an outage ends when the part that began it is repaired, or a
            // failover's switchover and repair).
            var longest = processes.reduce(0.0) { max($0, $1.repair.mean) }
            for pair in diagram.pairs { longest = max(longest, pair.switchover + pair.repair) }
            let bound = min(1, -log(0.05) / (years * yearSeconds) * longest)
            estimate.low = 0
            estimate.high = bound
            estimate.bound = bound
        }
        return estimate
    }

    /// The diagram and each part's process; refuses a simulation of more than `maxEvents`
    /// failures and repairs (each part has about two per mean life + mean repair).
    static func prepare(_ block: Block, years: Double, defaultRepair: Double) throws -> (Diagram, [Process]) {
        let parts = block.distinctParts
        var index: [PartKey: Int] = [:]
        for (i, part) in parts.enumerated() {
            if let key = part.key { index[key] = i }
        }
        var diagram = Diagram()
        diagram.nodesOf = Array(repeating: [], count: parts.count)
        _ = diagram.add(block, index: index)
        diagram.finishParts()
        let processes = processes(parts, block: block, index: index, defaultRepair: defaultRepair)
        let yearSeconds = TimeUnit.year.seconds
        let events = processes.reduce(0.0) { total, p in
            p.alwaysDown ? total : total + 2 * years * yearSeconds / (p.life.mean + p.repair.mean)
        }
        guard events <= maxEvents else {
            throw ModelError.tooManyEvents(Display.number(events, digits: 3), limit: Display.number(maxEvents))
        }
        return (diagram, processes)
    }

    /// Each part's process: its own distributions, or for a part known by its availability
    /// only, repairs of mean `defaultRepair` (or, as a standby's primary with a given
    /// number of failovers a year, lives of mean 1y / failovers) and the life that implies.
    static func processes(_ parts: [Block], block: Block, index: [PartKey: Int], defaultRepair: Double) -> [Process] {
        var failovers: [Int: Double] = [:]
        for b in block.allBlocks {
            if case .standby(let primary, _, _, let f, _, _) = b.kind, let key = primary.key, let i = index[key],
                f > 0
            {
                failovers[i] = f
            }
        }
        return parts.enumerated().map { i, leaf in
            if let life = leaf.part?.life, let repair = leaf.part?.repair { return Process(life: life, repair: repair) }
            let u = leaf.u
            if u >= 1 {
                return Process(life: .exponential(mean: 1), repair: .exponential(mean: 1), alwaysDown: true)
            }
            if let f = failovers[i], u > 0 {
                // f failures a year: a cycle of life and repair of 1y / f, a share u of it in repair.
                let cycle = TimeUnit.year.seconds / f
                return Process(life: .exponential(mean: cycle * (1 - u)), repair: .exponential(mean: cycle * u))
            }
            let life = u > 0 ? defaultRepair * (1 - u) / u : .infinity
            return Process(life: .exponential(mean: life), repair: .exponential(mean: defaultRepair))
        }
    }

    /// The 50th, 90th and 99th percentiles of the yearly downtimes, from the runs' bins.
    static func percentiles(_ runs: [Run]) -> [Double]? {
        var counts = [Int](repeating: 0, count: binCount + 1)
        for run in runs {
            for (bin, n) in run.yearly.enumerated() { counts[bin] += n }
        }
        let total = counts.reduce(0, +)
        guard total > 0 else { return nil }
        return [0.5, 0.9, 0.99].map { p in
            let rank = Int((p * Double(total)).rounded(.up))
            var seen = 0
            for (bin, n) in counts.enumerated() {
                seen += n
                if seen >= rank {
                    if bin == 0 { return 0 }
                    // The bin's middle, to three digits: the bins are 2.3% wide.
                    let middle = pow(10, smallestBin + (Double(bin) - 0.5) / binsPerDecade)
                    return Double(Display.cFormat("g", 3, middle)) ?? middle
                }
            }
            return 0
        }
    }

    /// The bin of a yearly downtime of `seconds` > 0: 1 up to `binCount`.
    static func bin(_ seconds: Double) -> Int {
        let position = (log10(seconds) - smallestBin) * binsPerDecade
        guard position.isFinite else { return 1 }
        return max(1, min(binCount, Int(position.rounded(.down)) + 1))
    }

    /// One run over `horizon` seconds from every part working; each whole year's downtime
    /// also into `yearlyOut` when given.
    static func simulateOne(
        _ d: Diagram, processes: [Process], horizon: Double, mission: Double?, random: inout SplitMix64,
        shouldStop: () -> Bool, yearlyOut: UnsafeMutablePointer<Double>? = nil
    ) -> Run {
        var state = RunState(d, processes: processes, horizon: horizon, mission: mission, random: &random)
        state.yearlyOut = yearlyOut
        let partCount = processes.count
        // Each part's exponential means (0 for other distributions, which sample themselves).
        func exponentialMean(_ d: Lifetime) -> Double {
            if case .exponential(let mean) = d, mean.isFinite { return mean }
            return 0
        }
        let lifeMeans = processes.map { exponentialMean($0.life) }
        let repairMeans = processes.map { exponentialMean($0.repair) }
        var events = 0
        while true {
            let (slot, soonest) = state.queue.minimum
            state.advance(to: min(soonest, horizon))
            if soonest >= horizon { break }
            if slot < partCount {
                state.down[slot].toggle()
                let next: Double
                let mean = state.down[slot] ? repairMeans[slot] : lifeMeans[slot]
                if mean > 0 {
                    // Exponential: the common case, without the distribution's switch.
                    next = -mean * log1p(-random.unit())
                } else {
                    let process = processes[slot]
                    next = (state.down[slot] ? process.repair : process.life).sample(&random)
                }
                state.queue.set(slot, state.time + next)
                var i = d.nodeStart[slot]
                while i < d.nodeStart[slot + 1] {
                    state.refresh(d.nodeList[i], random: &random)
                    i += 1
                }
            } else {
                let pair = slot - partCount
                state.blocked[pair] = false
                state.queue.set(slot, .infinity)
                state.refresh(d.pairs[pair].node, random: &random)
            }
            events += 1
            if events & 0xFFFF == 0, shouldStop() { break }
        }
        return state.finish()
    }

    /// The state of one run: every node's, the events to come, and what has been counted.
    struct RunState {
        let d: Diagram
        let partCount: Int
        let horizon: Double
        let mission: Double?
        let root: Int
        let wholeYears: Int
        /// The length of a year, read once (it is a table lookup).
        let yearSeconds = TimeUnit.year.seconds
        // The states, in buffers of the run's own (no copy-on-write checks in the event
        // loop); `finish` frees them.
        let down: UnsafeMutablePointer<Bool>
        let works: UnsafeMutablePointer<Bool>
        let workingChildren: UnsafeMutablePointer<Int>
        let blocked: UnsafeMutablePointer<Bool>
        var queue: EventQueue
        var time = 0.0
        var downtime = 0.0
        var upSince = 0.0
        var year = 0
        var downThisYear = 0.0
        var yearly: [Int]
        var yearlyOut: UnsafeMutablePointer<Double>?
        var run = Run()

        init(_ d: Diagram, processes: [Process], horizon: Double, mission: Double?, random: inout SplitMix64) {
            self.d = d
            self.horizon = horizon
            self.mission = mission
            partCount = processes.count
            let nodeCount = d.parent.count
            root = nodeCount - 1
            // Event slots: parts first, then each pair's switchover window.
            queue = EventQueue(count: partCount + d.pairs.count)
            down = .allocate(capacity: max(1, partCount))
            down.initialize(repeating: false, count: max(1, partCount))
            for i in 0..<partCount {
                if processes[i].alwaysDown {
                    down[i] = true
                } else {
                    queue.set(i, processes[i].life.sample(&random))
                }
            }
            // Node states, children before parents.
            works = .allocate(capacity: nodeCount)
            works.initialize(repeating: false, count: nodeCount)
            workingChildren = .allocate(capacity: nodeCount)
            workingChildren.initialize(repeating: 0, count: nodeCount)
            blocked = .allocate(capacity: max(1, d.pairs.count))
            blocked.initialize(repeating: false, count: max(1, d.pairs.count))
            for node in 0..<nodeCount {
                works[node] = d.partOf[node] >= 0 ? !down[d.partOf[node]] : workingChildren[node] >= d.needed[node]
                if works[node], d.parent[node] >= 0 { workingChildren[d.parent[node]] += 1 }
            }
            wholeYears = Int(min(1e7, (horizon / yearSeconds).rounded(.down)))
            yearly = [Int](repeating: 0, count: wholeYears > 0 ? binCount + 1 : 0)
        }

        /// Accounts for the time from `time` to `until` in the current system state,
        /// splitting it at year ends for the yearly downtimes.
        @inline(__always)
        mutating func advance(to until: Double) {
            let isDown = !works[root]
            if isDown { downtime += until - time }
            var from = time
            while year < wholeYears, until >= Double(year + 1) * yearSeconds {
                let end = Double(year + 1) * yearSeconds
                if isDown { downThisYear += end - from }
                yearly[downThisYear > 0 ? bin(downThisYear) : 0] += 1
                yearlyOut?[year] = downThisYear
                downThisYear = 0
                year += 1
                from = end
            }
            if isDown, year < wholeYears { downThisYear += until - from }
            time = until
        }

        /// Re-derives a node's state and carries a change up to the root; starts a
        /// failover's window when a pair's primary goes down while its backup works.
        @inline(__always)
        mutating func refresh(_ start: Int, random: inout SplitMix64) {
            var node = start
            while true {
                let pair = d.pairOf[node]
                let part = d.partOf[node]
                let now =
                    part >= 0
                    ? !down[part] : workingChildren[node] >= d.needed[node] && !(pair >= 0 && blocked[pair])
                if now == works[node] { return }
                works[node] = now
                if node == root {
                    if now {
                        upSince = time
                    } else {
                        run.outages += 1
                        if let mission { run.missionGood += max(0, time - upSince - mission) }
                    }
                }
                let up = d.parent[node]
                if up < 0 { return }
                workingChildren[up] += now ? 1 : -1
                let upPair = d.pairOf[up]
                if upPair >= 0, !now, !blocked[upPair] {
                    let p = d.pairs[upPair]
                    if node == p.primary, works[p.backup] {
                        // A failover: down for the switchover, and for a repair more if the
                        // switch fails, however soon the primary is back (as the formula counts it).
                        let failed = p.success < 1 && random.unit() >= p.success
                        let window = p.switchover + (failed ? p.repair : 0)
                        if window > 0 {
                            blocked[upPair] = true
                            queue.set(partCount + upPair, time + window)
                        }
                    }
                }
                node = up
            }
        }

        /// What the run saw, once it has reached the horizon; frees the state.
        mutating func finish() -> Run {
            if works[root], let mission { run.missionGood += max(0, horizon - upSince - mission) }
            run.missionSpan = max(0, horizon - (mission ?? 0))
            run.downShare = downtime / horizon
            run.yearly = yearly
            down.deallocate()
            works.deallocate()
            workingChildren.deallocate()
            blocked.deallocate()
            return run
        }
    }
}

/// The next event of each slot: the soonest in O(1) and a change in O(log n) from a
/// binary heap keyed by time, or, for a few slots, a plain scan (faster below about 16).
struct EventQueue {
    static let scanLimit = 16
    private var times: [Double]
    /// The heap of slots, and each slot's place in it (unused when scanning).
    private var heap: [Int]
    private var place: [Int]
    private let scans: Bool

    init(count: Int) {
        times = [Double](repeating: .infinity, count: count)
        scans = count <= Self.scanLimit
        heap = scans ? [] : Array(0..<count)
        place = scans ? [] : Array(0..<count)
    }

    /// The slot with the soonest event, and its time (infinity when there is none).
    var minimum: (Int, Double) {
        @inline(__always) get { scans ? scan() : (heap.first.map { ($0, times[$0]) } ?? (0, .infinity)) }
    }

    @inline(__always)
    private func scan() -> (Int, Double) {
        var best = 0
        var soonest = Double.infinity
        for i in times.indices where times[i] < soonest {
            soonest = times[i]
            best = i
        }
        return (best, soonest)
    }

    mutating func set(_ slot: Int, _ time: Double) {
        let old = times[slot]
        times[slot] = time
        if scans { return }
        if time < old { up(place[slot]) } else { down(place[slot]) }
    }

    private mutating func swapAt(_ i: Int, _ j: Int) {
        heap.swapAt(i, j)
        place[heap[i]] = i
        place[heap[j]] = j
    }

    private mutating func up(_ start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            if times[heap[parent]] <= times[heap[i]] { return }
            swapAt(i, parent)
            i = parent
        }
    }

    private mutating func down(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var smallest = i
            if l < heap.count, times[heap[l]] < times[heap[smallest]] { smallest = l }
            if r < heap.count, times[heap[r]] < times[heap[smallest]] { smallest = r }
            if smallest == i { return }
            swapAt(i, smallest)
            i = smallest
        }
    }
}
