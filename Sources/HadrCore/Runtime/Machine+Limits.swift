import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A flag another thread (a signal handler) sets to stop a running evaluation.
public final class Interrupt: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the running evaluation to stop at its next check.
    public func request() { flag.store(true, ordering: .relaxed) }

    /// Takes a pending request, clearing it; true if there was one.
    public func take() -> Bool { flag.exchange(false, ordering: .relaxed) }

    /// Whether a request is pending, without taking it (for worker threads).
    public var isRequested: Bool { flag.load(ordering: .relaxed) }
}

/// Bounds on one evaluation; hitting one is an error with a location, never a crash.
public struct Limits: Sendable {
    /// Deepest chain of hadr calls.
    public var maxCallDepth = 20_000
    /// Loop iterations plus calls, or nil for no bound.
    public var maxSteps: Int?
    /// Wall-clock seconds, or nil for no bound.
    public var timeout: Double?
    /// Most items a range or a builtin may build in one list.
    public var maxListSize = 10_000_000
    /// Longest string an operator or a builtin may build, in bytes.
    public var maxStringSize = 100_000_000

    public init() {}

    /// The values each limit may be given, so that no limit is unbounded and no size
    /// computation from one overflows.
    public static let callDepthRange = 1...200_000
    public static let listSizeRange = 1...100_000_000
    public static let stringSizeRange = 1...1_000_000_000
    public static let timeoutRange = 0.001...31_536_000.0

    /// What is wrong with these limits, worded for the command line; nil when they are fine.
    public var problem: String? {
        if !Self.callDepthRange.contains(maxCallDepth) { return Self.outside("--max-depth", Self.callDepthRange) }
        if let maxSteps, maxSteps < 1 { return "--max-steps must be at least 1" }
        if let timeout, !Self.timeoutRange.contains(timeout) {
            return "--timeout must be between 0.001 and 31536000 seconds (a year)"
        }
        if !Self.listSizeRange.contains(maxListSize) { return Self.outside("--max-list", Self.listSizeRange) }
        if !Self.stringSizeRange.contains(maxStringSize) { return Self.outside("--max-string", Self.stringSizeRange) }
        return nil
    }

    private static func outside(_ flag: String, _ range: ClosedRange<Int>) -> String {
        "\(flag) must be between \(range.lowerBound) and \(range.upperBound)"
    }
}

/// A limit an evaluation reached, or the user's interrupt.
enum LimitError: ErrorMessage {
    /// Ctrl-C (or SIGTERM) asked the evaluation to stop.
    case interrupted
    /// More loop iterations and calls than `--max-steps`.
    case steps(Int)
    /// Longer than `--timeout`, in seconds.
    case time(Double)
    /// Calls nested deeper than `--max-depth`.
    case callDepth(Int)
    /// Calls nested deeper than the native stack holds (at this depth, of a stack of this many MiB).
    case nativeStack(depth: Int, mebibytes: Int)

    var kind: Diagnostic.Kind {
        if case .interrupted = self { return .interrupted }
        return .limit
    }

    var message: String {
        switch self {
        case .interrupted: "interrupted"
        case .steps(let n): "evaluation took more than \(n) steps"
        case .time(let seconds): "evaluation ran longer than the \(seconds)-second time limit"
        case .callDepth(let n): "calls nest more than \(n) deep (runaway recursion?)"
        case .nativeStack(let depth, let size):
            "calls nest too deep for the native stack (\(depth) calls deep, in a stack of \(size) MiB)"
        }
    }

    var notes: [String] {
        switch self {
        case .interrupted: []
        case .steps: ["help: raise the limit with --max-steps, or look for a loop that never ends"]
        case .time: ["help: raise the limit with --timeout"]
        case .callDepth: ["help: check that the recursion reaches its base case"]
        case .nativeStack:
            [
                "help: check that the recursion reaches its base case; a long expression in a recursive function needs more stack per call"
            ]
        }
    }
}

/// Limits and interrupts: every step costs one decrement; the checks run every `checkInterval` steps.
extension Machine {
    /// Starts the clock and step count for one evaluation.
    /// Starts an evaluation; its time limit counts from `start` (when reading its script
    /// began) or from now.
    func begin(since start: Double? = nil) {
        // Each evaluation may run on a new thread: display there uses the session's calendar.
        CalendarUnits.current = calendar ?? .standard
        stepsUsed = 0
        grantBudget()
        deadline = limits.timeout.map { (start ?? Self.now()) + $0 }
        // A pending interrupt is kept: a script's SIGTERM may arrive before it starts.
        // The REPL forgets a Ctrl-C pressed at the prompt before it evaluates.
        if let stack = NativeStack.floor() {
            stackFloor = stack.floor
            stackSize = stack.size
        }
        // One record per call that may be active, and one for a call refused as too deep.
        let needed = limits.maxCallDepth + 2
        if callRecordCapacity < needed {
            free(callRecords)
            callRecords = Self.emptyRecords(needed)
            callRecordCapacity = needed
        }
    }

    /// Room for `count` call records, all empty. Zeroed memory is empty records, so
    /// `calloc`'s pages are only touched as calls nest.
    static func emptyRecords(_ count: Int) -> UnsafeMutablePointer<CallRecord> {
        if let memory = calloc(max(1, count), MemoryLayout<CallRecord>.stride) {
            return memory.bindMemory(to: CallRecord.self, capacity: count)
        }
        let records = UnsafeMutablePointer<CallRecord>.allocate(capacity: max(1, count))
        records.initialize(repeating: CallRecord(), count: max(1, count))
        return records
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    @inline(__always)
    func tick(_ steps: Int = 1) throws {
        budget &-= steps
        if budget < 0 { try checkpoint() }
    }

    /// Counts the work of building a large list or string (`+` copies both sides).
    @inline(__always)
    func charge(for built: Value) throws {
        switch built {
        case .list(let list): try tick(list.items.count / 16)
        case .string(let s): try tick(s.utf8.count / 256)
        default: break
        }
    }

    /// Runs the display of a value under the evaluation's deadline and interrupt
    /// (`Display.Pace`): stopped early, it throws the limit's error in place of the
    /// unfinished text.
    func paced<T>(_ display: () throws -> T) throws -> T {
        let pace = Display.Pace(deadline: deadline, interrupt: interrupt)
        let made = try Display.Pace.$current.withValue(pace, operation: display)
        if pace.isOver { try checkpoint() }
        return made
    }

    /// A value's text within `limit` bytes, nil past it: as `print` shows it fitted to
    /// `layout` (`Display.printed`), or on one line without one (`Display.text`). A list or
    /// record, which may take long to show, is shown under the limits (`paced`).
    func text(of value: Value, limit: Int, layout: Display.Layout? = nil) throws -> String? {
        func show() -> String? {
            if let layout { return try? Display.printed(value, layout: layout, limit: limit) }
            return try? Display.text(value, limit: limit)
        }
        switch value {
        case .list, .record: return try paced(show)
        default: return show()
        }
    }

    /// Whether the time is up or an interrupt is pending, without taking it: looked at
    /// after each top-level statement, whatever it charged.
    var isOverdue: Bool { Display.Pace(deadline: deadline, interrupt: interrupt).isOver }

    /// Steps until the next check: `checkInterval`, or fewer when `--max-steps` is nearer,
    /// so that the step limit holds to the step (`--max-steps 100` stopped after 4 096).
    private func grantBudget() {
        let left = limits.maxSteps.map { max(0, $0 - stepsUsed) } ?? Self.checkInterval
        budgetGranted = min(Self.checkInterval, left)
        budget = budgetGranted
    }

    /// The slow part of `tick`: interrupt, step limit and deadline.
    func checkpoint() throws(LimitError) {
        stepsUsed += budgetGranted - budget
        grantBudget()
        if interrupt.take() { throw .interrupted }
        if let maxSteps = limits.maxSteps, stepsUsed > maxSteps { throw .steps(maxSteps) }
        if let deadline, Self.now() > deadline { throw .time(limits.timeout ?? 0) }
    }
}
