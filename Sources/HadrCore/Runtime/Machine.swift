import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
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

    /// Forgets a request made while nothing was running.
    public func clear() { flag.store(false, ordering: .relaxed) }
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
    /// Longest string a builtin may build, in bytes.
    public var maxStringSize = 100_000_000

    public init() {}
}

/// What builtins may ask of the session that runs them.
protocol SessionHooks: AnyObject {
    func help(for value: Value?) -> String
}

/// The run-time state: the value stack, the globals, limits and the interrupt flag.
final class Machine {
    static let stackCapacity = 1 << 20
    static let checkInterval = 4096

    /// The current frame's first slot.
    var fp: UnsafeMutablePointer<Value>
    /// The first free slot above the current frame.
    var sp: UnsafeMutablePointer<Value>
    let stackBase: UnsafeMutablePointer<Value>
    let stackEnd: UnsafeMutablePointer<Value>
    /// Global slots; reallocated as the global table grows, so code reads it through the machine.
    /// Written only through `setGlobal`, which keeps `globalFunctions` in step.
    private(set) var globals: UnsafeMutablePointer<Value>
    /// For each global slot, the function it holds, unretained: a call through a global
    /// borrows its callee from here instead of retaining and releasing it.
    private(set) var globalFunctions: UnsafeMutablePointer<Unmanaged<Function>?>
    private(set) var globalCount = 0
    private var globalCapacity = 0
    /// Functions replaced in their global slot while calls were running: a running call
    /// may be borrowing one, so they live until the machine is back at top level.
    private var retired: [Value] = []
    /// How many module runs are nested (an import or a library file loaded inside another).
    private var modulesRunning = 0

    var depth = 0
    var budget = Machine.checkInterval
    private var stepsUsed = 0
    /// When the current evaluation must stop, if it has a time limit (read by worker threads' stop checks).
    private(set) var deadline: Double?
    var limits: Limits
    let interrupt: Interrupt
    var output: (String) -> Void
    weak var hooks: (any SessionHooks)?

    init(limits: Limits, interrupt: Interrupt, output: @escaping (String) -> Void) {
        self.limits = limits
        self.interrupt = interrupt
        self.output = output
        stackBase = UnsafeMutablePointer<Value>.allocate(capacity: Self.stackCapacity)
        stackEnd = stackBase + Self.stackCapacity
        fp = stackBase
        sp = stackBase
        globals = UnsafeMutablePointer<Value>.allocate(capacity: 0)
        globalFunctions = UnsafeMutablePointer<Unmanaged<Function>?>.allocate(capacity: 0)
    }

    deinit {
        stackBase.deinitialize(count: sp - stackBase)
        stackBase.deallocate()
        globals.deinitialize(count: globalCount)
        globals.deallocate()
        globalFunctions.deallocate()
    }

    /// Makes room for `count` globals; new ones start undefined.
    func growGlobals(to count: Int) {
        guard count > globalCount else { return }
        if count > globalCapacity {
            let capacity = max(count, globalCapacity * 2, 64)
            let fresh = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
            fresh.moveInitialize(from: globals, count: globalCount)
            globals.deallocate()
            globals = fresh
            let freshFunctions = UnsafeMutablePointer<Unmanaged<Function>?>.allocate(capacity: capacity)
            freshFunctions.moveInitialize(from: globalFunctions, count: globalCount)
            globalFunctions.deallocate()
            globalFunctions = freshFunctions
            globalCapacity = capacity
        }
        (globals + globalCount).initialize(repeating: .undefined, count: count - globalCount)
        (globalFunctions + globalCount).initialize(repeating: nil, count: count - globalCount)
        globalCount = count
    }

    /// Assigns a global slot, keeping its borrowed function up to date.
    @inline(__always)
    func setGlobal(_ g: Int, _ value: Value) {
        let borrowed = globalFunctions[g]
        if case .function(let f) = value {
            globalFunctions[g] = Unmanaged.passUnretained(f)
        } else {
            globalFunctions[g] = nil
        }
        if borrowed != nil, depth > 0 {
            // The old function may be running, borrowed by its call: keep it alive.
            retired.append((globals + g).move())
            (globals + g).initialize(to: value)
        } else {
            Self.store(value, at: globals + g)
        }
    }

    /// Stores into an initialised slot, skipping the outlined destroy when the old value
    /// holds no reference (a number over a number in a loop).
    @inline(__always)
    static func store(_ value: consuming Value, at slot: UnsafeMutablePointer<Value>) {
        if holdsNoReference(slot) { slot.initialize(to: value) } else { slot.pointee = value }
    }

    /// Whether a slot's value holds no reference, so it can be dropped without the
    /// outlined destroy (a switch over every case) that `Value` otherwise goes through.
    @inline(__always)
    static func holdsNoReference(_ slot: UnsafeMutablePointer<Value>) -> Bool {
        switch slot.pointee {
        case .none, .bool, .number, .availability, .percentage, .time, .undefined: true
        default: false
        }
    }

    /// Frees the functions retired while calls were running, once none is: between the
    /// statements of the outermost module, not of one a builtin or an import runs inside it.
    private func releaseRetired() {
        if depth == 0, modulesRunning == 1, !retired.isEmpty { retired.removeAll() }
    }

    /// Copies of the globals, to restore after a failed REPL line.
    func snapshotGlobals() -> [Value] { Array(UnsafeBufferPointer(start: globals, count: globalCount)) }

    func restoreGlobals(_ saved: [Value]) {
        globals.deinitialize(count: globalCount)
        globalCount = 0
        growGlobals(to: saved.count)
        for (i, v) in saved.enumerated() { setGlobal(i, v) }
    }

    // MARK: Limits and interrupts

    /// Starts the clock and step count for one evaluation.
    func begin() {
        stepsUsed = 0
        budget = Self.checkInterval
        deadline = limits.timeout.map { Self.now() + $0 }
        _ = interrupt.take()
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

    /// The slow part of `tick`: interrupt, step limit and deadline.
    func checkpoint() throws {
        stepsUsed += Self.checkInterval - budget
        budget = Self.checkInterval
        if interrupt.take() {
            throw Diagnostic(.interrupted, "interrupted")
        }
        if let maxSteps = limits.maxSteps, stepsUsed > maxSteps {
            throw Diagnostic(
                .limit, "evaluation took more than \(maxSteps) steps",
                notes: ["help: raise the limit with --max-steps, or look for a loop that never ends"])
        }
        if let deadline, Self.now() > deadline {
            throw Diagnostic(
                .limit, "evaluation ran longer than the \(limits.timeout ?? 0)-second time limit",
                notes: ["help: raise the limit with --timeout"])
        }
    }

    private func tooDeep() -> Diagnostic {
        Diagnostic(
            .limit, "calls nest more than \(limits.maxCallDepth) deep (runaway recursion?)",
            notes: ["help: check that the recursion reaches its base case"])
    }

    // MARK: Calls

    /// Enters a user function whose first `argc` slots at `base` the caller has filled.
    @inline(__always)
    func enter(_ function: Function, _ base: UnsafeMutablePointer<Value>, argc: Int) throws -> Value {
        let size = function.frameSize
        if size > argc { (base + argc).initialize(repeating: .none, count: size - argc) }
        if function.needsSetup {
            if !function.captures.isEmpty { placeCaptures(function, base) }
            if !function.proto.cellParameters.isEmpty { boxParameters(function.proto, base) }
        }
        return try run(function, base)
    }

    @inline(__always)
    private func run(_ function: Function, _ base: UnsafeMutablePointer<Value>) throws -> Value {
        let size = function.frameSize
        let savedFp = fp
        let savedSp = sp
        fp = base
        sp = base + size
        depth &+= 1
        defer {
            depth &-= 1
            Self.release(base, size)
            fp = savedFp
            sp = savedSp
        }
        if depth > limits.maxCallDepth { throw tooDeep() }
        try tick()
        return try function.body(self)
    }

    /// Ends a frame's slots: a plain loop is specialised for `Value`, where
    /// `deinitialize(count:)` goes through the generic `swift_arrayDestroy`.
    @inline(__always)
    static func release(_ base: UnsafeMutablePointer<Value>, _ count: Int) {
        var slot = base
        for _ in 0..<count {
            if !holdsNoReference(slot) { slot.deinitialize(count: 1) }
            slot += 1
        }
    }

    @inline(__always)
    private func placeCaptures(_ function: Function, _ base: UnsafeMutablePointer<Value>) {
        // Capture slots come after the parameters and hold `none` or `undefined` here:
        // nothing to destroy, so they are initialised over.
        function.captures.withUnsafeBufferPointer { captures in
            function.captureSlots.withUnsafeBufferPointer { slots in
                for k in 0..<captures.count { (base + slots[k]).initialize(to: captures[k]) }
            }
        }
    }

    private func boxParameters(_ proto: FunctionProto, _ base: UnsafeMutablePointer<Value>) {
        for slot in proto.cellParameters {
            base[slot] = .cell(Cell(base[slot]))
        }
    }

    /// Runs a builtin whose `count` arguments the caller has placed at `base` (= `sp`);
    /// they stay below `sp` while it runs and are released after.
    @inline(__always)
    func callNative(_ function: Function, _ base: UnsafeMutablePointer<Value>, count: Int) throws -> Value {
        sp = base + count
        defer {
            Self.release(base, count)
            sp = base
        }
        try tick()
        guard let native = function.proto.native else { return .none }
        return try native.body(NativeArguments(base: base, count: count, machine: self))
    }

    /// Whether a frame of `size` slots fits on the stack.
    @inline(__always)
    func hasRoom(_ size: Int) -> Bool {
        // The first test keeps `sp + size` inside (or just past) the allocation.
        size <= Self.stackCapacity && sp + size <= stackEnd
    }

    /// Calls any function value with positional arguments.
    func call(_ callee: Value, _ arguments: [Value]) throws -> Value {
        try call(callee, positional: arguments, named: [])
    }

    /// Calls a function with one argument (`map`'s callback); the builtin holds the
    /// function, so the call borrows it.
    func call(_ fn: Function, _ a: Value) throws -> Value {
        if fn.fastArity == 1, hasRoom(fn.frameSize) {
            sp.initialize(to: a)
            return try enter(fn, sp, argc: 1)
        }
        return try call(.function(fn), positional: [a], named: [])
    }

    /// Calls a function with two arguments (`fold`'s callback).
    func call(_ fn: Function, _ a: consuming Value, _ b: Value) throws -> Value {
        if fn.fastArity == 2, hasRoom(fn.frameSize) {
            sp.initialize(to: a)
            (sp + 1).initialize(to: b)
            return try enter(fn, sp, argc: 2)
        }
        return try call(.function(fn), positional: [a, b], named: [])
    }

    /// Calls any function value, binding named arguments and defaults.
    func call(_ callee: Value, positional: [Value], named: [(String, Value)]) throws -> Value {
        guard case .function(let function) = callee else {
            throw Diagnostic(.type, "cannot call a \(callee.typeName); only functions can be called")
        }
        if named.isEmpty {
            // The common shapes skip the binding of names and defaults.
            if function.nativeArity == positional.count, hasRoom(positional.count) {
                let base = sp
                for (i, value) in positional.enumerated() { (base + i).initialize(to: value) }
                return try callNative(function, base, count: positional.count)
            }
            if function.fastArity == positional.count, hasRoom(function.frameSize) {
                let base = sp
                for (i, value) in positional.enumerated() { (base + i).initialize(to: value) }
                return try enter(function, base, argc: positional.count)
            }
        }
        let proto = function.proto
        guard hasRoom(proto.frameSize) else { throw tooDeep() }
        let base = sp
        let size = proto.frameSize
        base.initialize(repeating: .undefined, count: size)
        sp = base + size
        var owned = true
        defer {
            if owned {
                base.deinitialize(count: size)
                sp = base
            }
        }
        if !proto.captureSlots.isEmpty { placeCaptures(function, base) }
        let count = proto.parameterNames.count
        let fixed = proto.hasRest ? count - 1 : count
        if positional.count > fixed, !proto.hasRest {
            throw Diagnostic(
                .type,
                "`\(proto.name)` takes \(fixed) argument\(fixed == 1 ? "" : "s") but \(positional.count) were given",
                notes: ["note: the parameters are \(proto.signature)"])
        }
        for (i, value) in positional.prefix(fixed).enumerated() { base[i] = value }
        if proto.hasRest { base[count - 1] = .list(Array(positional.dropFirst(fixed))) }
        for (label, value) in named {
            guard let i = proto.parameterNames.firstIndex(of: label), i < fixed else {
                var notes = ["note: the parameters are \(proto.signature)"]
                if let guess = Suggestion.closest(to: label, among: proto.parameterNames) {
                    notes.insert("help: did you mean `\(guess):`?", at: 0)
                }
                throw Diagnostic(.type, "`\(proto.name)` has no parameter named `\(label)`", notes: notes)
            }
            if case .undefined = base[i] {
                base[i] = value
            } else {
                throw Diagnostic(.type, "argument `\(label)` of `\(proto.name)` is given twice")
            }
        }
        let savedFp = fp
        fp = base
        defer { fp = savedFp }
        for i in 0..<fixed {
            guard case .undefined = base[i] else { continue }
            guard let fill = proto.defaults[i] else {
                throw Diagnostic(
                    .type, "`\(proto.name)` is missing argument `\(proto.parameterNames[i])`",
                    notes: ["note: the parameters are \(proto.signature)"])
            }
            base[i] = try fill(self)
        }
        for i in count..<size {
            if case .undefined = base[i] { base[i] = .none }
        }
        if let native = proto.native {
            try tick()
            return try native.body(NativeArguments(base: base, count: count, machine: self))
        }
        if !proto.cellParameters.isEmpty { boxParameters(proto, base) }
        owned = false
        sp = base
        fp = savedFp
        return try run(function, base)
    }

    /// Runs a module's statements in a fresh top-level frame; `echo` sees each bare expression's value.
    func run(_ module: Module, echo: (Value, SourceRange) throws -> Void) throws {
        guard hasRoom(module.frameSize) else { throw tooDeep() }
        let base = sp
        base.initialize(repeating: .none, count: module.frameSize)
        let savedFp = fp
        fp = base
        sp = base + module.frameSize
        modulesRunning += 1
        defer {
            modulesRunning -= 1
            base.deinitialize(count: module.frameSize)
            fp = savedFp
            sp = base
        }
        for statement in module.statements {
            let value = try statement.code(self)
            releaseRetired()
            if statement.echo { try echo(value, statement.range) }
        }
    }
}
