/// A circuit breaker with resilience4j's semantics, run over a sequence of call outcomes:
/// CLOSED counts failures over a sliding window (the last N calls, or the calls of the
/// last T seconds); once it holds `minimum_calls` and the failure rate reaches the
/// threshold it opens. OPEN rejects calls until `open_timeout` has passed, then
/// HALF-OPEN lets `half_open_calls` through; if their failure rate reaches the
/// threshold it opens again, otherwise it closes.
struct BreakerSimulation {
    enum State: String {
        case closed = "CLOSED"
        case open = "OPEN"
        case halfOpen = "HALF-OPEN"
    }

    let threshold: Double
    let windowCalls: Int?
    let windowSeconds: Double?
    let minimumCalls: Int
    let openTimeout: Double
    let halfOpenCalls: Int

    init(settings: RecordBox) throws {
        func field(_ name: String) throws -> Value {
            guard let v = settings[name] else {
                throw ModelError.breakerField(name)
            }
            return v
        }
        guard let threshold = Operators.fraction(try field("failure_threshold")), threshold > 0, threshold <= 1 else {
            throw ModelError.breakerSetting("failure_threshold", expected: "a percentage above 0%", got: nil)
        }
        self.threshold = threshold
        switch try field("window") {
        case .number(let n) where n >= 1 && n == n.rounded() && n <= 1_000_000:
            windowCalls = Int(n)
            windowSeconds = nil
        case .time(let s, 1, _) where s > 0:
            windowCalls = nil
            windowSeconds = s
        case let other:
            throw ModelError.breakerSetting(
                "window", expected: "a number of calls or a duration", got: Operators.describe(other))
        }
        guard case .number(let minimum) = try field("minimum_calls"), minimum >= 1, minimum <= 1_000_000,
            minimum == minimum.rounded()
        else {
            throw ModelError.breakerSetting("minimum_calls", expected: "a whole number of at least 1", got: nil)
        }
        minimumCalls = Int(minimum)
        guard case .time(let timeout, 1, _) = try field("open_timeout"), timeout >= 0 else {
            throw ModelError.breakerSetting("open_timeout", expected: "a duration", got: nil)
        }
        openTimeout = timeout
        guard case .number(let probes) = try field("half_open_calls"), probes >= 1, probes <= 1_000_000,
            probes == probes.rounded()
        else {
            throw ModelError.breakerSetting("half_open_calls", expected: "a whole number of at least 1", got: nil)
        }
        halfOpenCalls = Int(probes)
    }

    /// Outcomes from a list of bools (true = success) or a string of `S` and `F`.
    static func outcomes(_ value: Value) throws -> [Bool] {
        switch value {
        case .string(let s):
            return try s.filter { $0 != " " }.map { ch in
                switch ch {
                case "S", "s", ".": return true
                case "F", "f", "x", "X": return false
                default:
                    throw ModelError.outcomeLetter(String(ch))
                }
            }
        case .list(let list):
            return try list.items.map { item in
                guard case .bool(let ok) = item else {
                    throw ModelError.outcomeNotBool(Operators.describe(item))
                }
                return ok
            }
        default:
            throw ModelError.outcomesKind(Operators.describe(value))
        }
    }

    func run(_ outcomes: [Bool], interval: Double) throws -> Value {
        try trace(outcomes, interval: interval).result
    }

    /// The run's result record, and the state that handled each call (OPEN: rejected).
    func trace(_ outcomes: [Bool], interval: Double) throws -> (result: Value, handled: [State]) {
        var handled: [State] = []
        handled.reserveCapacity(outcomes.count)
        var state = State.closed
        var window: [(time: Double, ok: Bool)] = []
        var openedAt = 0.0
        var probes: [Bool] = []
        var rejected = 0
        var timeline: [Value] = []
        func move(_ to: State, call: Int, time: Double, reason: String) {
            timeline.append(
                .record([
                    "call": .number(Double(call)), "time": .duration(time), "from": .string(state.rawValue),
                    "to": .string(to.rawValue), "reason": .string(reason),
                ]))
            state = to
        }
        func rate(_ items: [Bool]) -> Double {
            Double(items.filter { !$0 }.count) / Double(max(1, items.count))
        }
        for (i, ok) in outcomes.enumerated() {
            let call = i + 1
            let time = Double(i) * interval
            if state == .open {
                if time - openedAt >= openTimeout {
                    move(.halfOpen, call: call, time: time, reason: "open for \(Display.duration(time - openedAt))")
                    probes = []
                } else {
                    rejected += 1
                    handled.append(.open)
                    continue
                }
            }
            handled.append(state)
            if state == .halfOpen {
                probes.append(ok)
                if probes.count == halfOpenCalls {
                    let r = rate(probes)
                    if r >= threshold {
                        move(
                            .open, call: call, time: time,
                            reason: "\(Display.number(r * 100, digits: 4))% of \(probes.count) trial calls failed")
                        openedAt = time
                    } else {
                        move(
                            .closed, call: call, time: time,
                            reason: "\(Display.number(r * 100, digits: 4))% of \(probes.count) trial calls failed")
                        window = []
                    }
                }
                continue
            }
            window.append((time, ok))
            if let n = windowCalls, window.count > n { window.removeFirst(window.count - n) }
            if let t = windowSeconds { window.removeAll { time - $0.time >= t } }
            if window.count >= minimumCalls {
                let r = rate(window.map(\.ok))
                if r >= threshold {
                    move(
                        .open, call: call, time: time,
                        reason: "\(Display.number(r * 100, digits: 4))% of the last \(window.count) calls failed")
                    openedAt = time
                    window = []
                }
            }
        }
        let result = Value.record([
            "state": .string(state.rawValue), "calls": .number(Double(outcomes.count)),
            "rejected": .number(Double(rejected)), "failures": .number(Double(outcomes.filter { !$0 }.count)),
            "timeline": .list(timeline),
        ])
        return (result, handled)
    }
}
