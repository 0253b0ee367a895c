/// Where a call is written: the compiled call keeps one, and each call it makes records
/// it, so that an error can show the chain of calls that led to it.
final class CallSite: Sendable {
    let file: SourceFile
    let range: SourceRange

    init(file: SourceFile, range: SourceRange) {
        self.file = file
        self.range = range
    }

    /// The site of calls no source wrote (a builtin run from outside any call).
    static let unknown = CallSite(file: SourceFile(name: "<builtin>", text: ""), range: SourceRange(0, 0))
}

/// One active call: where it was made and what it called. Unretained: both are kept
/// alive by the call itself while it runs.
/// A record of all zero bits is empty, so the records' memory starts zeroed (`calloc`)
/// instead of being written at start.
struct CallRecord {
    var site: Unmanaged<CallSite>?
    var function: Unmanaged<FunctionProto>?
}

/// How a call with a given number of positional arguments can run without binding
/// names or defaults: straight into a hadr function's frame, or as a builtin's arguments.
enum CallPath { case general, enter, native }

/// Calls: frames are windows of the value stack; a call's arguments are written into the
/// callee's frame, and a builtin reads its own where they were placed.
extension Machine {
    /// The path a call of `function` with `argc` positional arguments can take.
    @inline(__always)
    func path(_ function: Function, argc: Int) -> CallPath {
        if function.fastArity == argc { return hasRoom(function.frameSize) ? .enter : .general }
        if function.nativeArity == argc { return hasRoom(argc) ? .native : .general }
        return .general
    }

    /// Writes a call's argument where the callee's frame will start (the `offset`th
    /// slot above the stack's top); the call that follows takes it over.
    @inline(__always)
    func place(_ value: consuming Value, at offset: Int) {
        (sp + offset).initialize(to: value)
    }

    /// Calls by a path `path(_:argc:)` chose, with the `argc` arguments `place` wrote.
    @inline(__always)
    func invoke(_ function: Function, _ path: CallPath, argc: Int, _ site: CallSite) throws -> Value {
        path == .enter
            ? try enter(function, sp, argc: argc, site) : try callNative(function, sp, count: argc, site)
    }

    /// Enters a user function whose first `argc` slots at `base` the caller has filled.
    @inline(__always)
    func enter(_ function: Function, _ base: UnsafeMutablePointer<Value>, argc: Int, _ site: CallSite) throws -> Value {
        let size = function.frameSize
        if size > argc { (base + argc).initialize(repeating: .none, count: size - argc) }
        if function.needsSetup {
            if !function.captures.isEmpty { placeCaptures(function, base) }
            if !function.proto.cellParameters.isEmpty { boxParameters(function.proto, base) }
        }
        return try run(function, base, site)
    }

    @inline(__always)
    private func run(_ function: Function, _ base: UnsafeMutablePointer<Value>, _ site: CallSite) throws -> Value {
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
        if depth > limits.maxCallDepth { throw LimitError.callDepth(limits.maxCallDepth) }
        if NativeStack.here() < stackFloor {
            throw LimitError.nativeStack(depth: depth, mebibytes: stackSize >> 20)
        }
        callRecords[depth] = CallRecord(
            site: Unmanaged.passUnretained(site), function: Unmanaged.passUnretained(function.proto))
        try tick()
        return try function.body(self)
    }

    /// The active calls from `depth` out, innermost first, as an error's trace shows them.
    func trace(from depth: Int) -> [Diagnostic.Frame] {
        let top = min(depth, self.depth + 1, callRecordCapacity - 1)
        guard top >= 1 else { return [] }
        return (1...top).reversed().compactMap { level in
            let record = callRecords[level]
            guard let function = record.function, let site = record.site?.takeUnretainedValue() else { return nil }
            return Diagnostic.Frame(
                function: function.takeUnretainedValue().name, file: site.file, range: site.range)
        }
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
    func callNative(_ function: Function, _ base: UnsafeMutablePointer<Value>, count: Int, _ site: CallSite)
        throws -> Value
    {
        sp = base + count
        let savedSite = nativeSite
        nativeSite = Unmanaged.passUnretained(site)
        defer {
            nativeSite = savedSite
            Self.release(base, count)
            sp = base
        }
        try tick()
        guard let native = function.proto.native else { return .none }
        return try checked(
            native.body(NativeArguments(base: base, count: count, machine: self)), deep: !native.passesValuesThrough)
    }

    /// A builtin's result, held to what every value must be wherever a builtin made it:
    /// lists within `--max-list`, a string within `--max-string`, durations and rates
    /// finite, availabilities a number. Arithmetic holds its results so as it makes them;
    /// builtins make theirs in many places, so their results are checked here, where every
    /// builtin returns: the value, and what it holds three levels down (a record's table's
    /// rows' fields, as `simulate_breaker(...).timeline`); not `deep`, the value only.
    @inline(__always)
    func checked(_ result: Value, deep: Bool) throws -> Value {
        switch result {
        case .number, .bool, .none: return result
        case .string(let s) where s.utf8.count > limits.maxStringSize:
            throw RuntimeError.stringTooLong(limit: limits.maxStringSize)
        default:
            try check(result, depth: deep ? 0 : Self.checkedDepth)
            return result
        }
    }

    /// How far down `checked` looks into a result.
    private static let checkedDepth = 3

    private func check(_ value: Value, depth: Int) throws {
        switch value {
        case .time(let x, _, _) where !x.isFinite: throw RuntimeError.timeNotFinite
        case .availability(let u) where u.isNaN: throw RuntimeError.shareNotANumber
        case .percentage(let x) where x.isNaN: throw RuntimeError.shareNotANumber
        case .list(let l):
            if l.items.count > limits.maxListSize { throw BuiltinError.listTooLong(limit: limits.maxListSize) }
            guard depth < Self.checkedDepth else { return }
            for item in l.items {
                switch item {
                case .number, .string, .bool, .none: continue
                default: try check(item, depth: depth + 1)
                }
            }
        case .record(let r) where depth < Self.checkedDepth:
            for field in r.values { try check(field, depth: depth + 1) }
        default: return
        }
    }

    /// Whether a frame of `size` slots fits on the stack.
    @inline(__always)
    func hasRoom(_ size: Int) -> Bool {
        // The first test keeps `sp + size` inside (or just past) the allocation.
        size <= Self.stackCapacity && sp + size <= stackEnd
    }

    // MARK: Calls from builtins

    /// Calls a function value with positional arguments, from a builtin.
    func call(_ callee: Value, _ arguments: [Value]) throws -> Value {
        try call(callee, positional: arguments, named: [], site: nativeSite.takeUnretainedValue())
    }

    /// Calls a function with one argument (`map`'s callback); the builtin holds the
    /// function, so the call borrows it.
    func call(_ fn: Function, _ a: Value) throws -> Value {
        let site = nativeSite.takeUnretainedValue()
        if fn.fastArity == 1, hasRoom(fn.frameSize) {
            sp.initialize(to: a)
            return try enter(fn, sp, argc: 1, site)
        }
        return try call(.function(fn), positional: [a], named: [], site: site)
    }

    /// Calls a function with two arguments (`fold`'s callback).
    func call(_ fn: Function, _ a: consuming Value, _ b: Value) throws -> Value {
        let site = nativeSite.takeUnretainedValue()
        if fn.fastArity == 2, hasRoom(fn.frameSize) {
            sp.initialize(to: a)
            (sp + 1).initialize(to: b)
            return try enter(fn, sp, argc: 2, site)
        }
        return try call(.function(fn), positional: [a, b], named: [], site: site)
    }

    // MARK: The general call

    /// Calls any function value, binding named arguments and defaults.
    func call(_ callee: Value, positional: [Value], named: [(String, Value)], site: CallSite) throws -> Value {
        guard case .function(let function) = callee else {
            throw RuntimeError.notCallable(callee)
        }
        if named.isEmpty {
            // The common shapes skip the binding of names and defaults.
            if function.nativeArity == positional.count, hasRoom(positional.count) {
                let base = sp
                for (i, value) in positional.enumerated() { (base + i).initialize(to: value) }
                return try callNative(function, base, count: positional.count, site)
            }
            if function.fastArity == positional.count, hasRoom(function.frameSize) {
                let base = sp
                for (i, value) in positional.enumerated() { (base + i).initialize(to: value) }
                return try enter(function, base, argc: positional.count, site)
            }
        }
        let proto = function.proto
        guard hasRoom(proto.frameSize) else { throw LimitError.callDepth(limits.maxCallDepth) }
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
        let parameters = proto.parameters
        let count = parameters.names.count
        let sources = try ArgumentBinding.bind(parameters, positional: positional.count, labels: named.map(\.0))
        for (i, source) in sources.enumerated() {
            switch source {
            case .positional(let k): base[i] = positional[k]
            case .named(let k): base[i] = named[k].1
            case .rest(let from): base[i] = .list(Array(positional.dropFirst(from)))
            case .byDefault: break
            }
        }
        // Defaults run in the callee's frame, in order, so each sees the parameters before
        // it; an error in one is traced as raised inside the call.
        if depth + 1 < callRecordCapacity {
            callRecords[depth + 1] = CallRecord(
                site: Unmanaged.passUnretained(site), function: Unmanaged.passUnretained(proto))
        }
        let savedFp = fp
        fp = base
        defer { fp = savedFp }
        for (i, source) in sources.enumerated() where source == .byDefault {
            if let fill = proto.defaults[i] { base[i] = try fill(self) }
        }
        for i in count..<size {
            if case .undefined = base[i] { base[i] = .none }
        }
        if let native = proto.native {
            try tick()
            let savedSite = nativeSite
            nativeSite = Unmanaged.passUnretained(site)
            defer { nativeSite = savedSite }
            return try checked(
                native.body(NativeArguments(base: base, count: count, machine: self)),
                deep: !native.passesValuesThrough)
        }
        if !proto.cellParameters.isEmpty { boxParameters(proto, base) }
        owned = false
        sp = base
        fp = savedFp
        return try run(function, base, site)
    }

    /// Runs a module's statements in a fresh top-level frame; `echo` sees each bare expression's value.
    func run(_ module: Module, echo: (Value, SourceRange) throws -> Void) throws {
        guard hasRoom(module.frameSize) else { throw LimitError.callDepth(limits.maxCallDepth) }
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
            // One operation may run long between two checks (a comparison of two huge
            // strings, a sort of them): the limit is reported at the statement, not missed.
            if isOverdue {
                do { try checkpoint() } catch {
                    throw Diagnostic(error, file: module.file, range: statement.range)
                }
            }
            if statement.echo { try echo(value, statement.range) }
        }
    }
}
