import Glibc

/// An arithmetic operator with a fast path on two plain numbers.
private protocol ArithmeticOperator {
    static var op: BinaryOperator { get }
    /// The result, or nil to take the general path (division by zero).
    static func apply(_ x: Double, _ y: Double) -> Double?
}

private enum AddOp: ArithmeticOperator {
    static var op: BinaryOperator { .add }
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { x + y }
}

private enum SubtractOp: ArithmeticOperator {
    static var op: BinaryOperator { .subtract }
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { x - y }
}

private enum MultiplyOp: ArithmeticOperator {
    static var op: BinaryOperator { .multiply }
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { x * y }
}

private enum DivideOp: ArithmeticOperator {
    static var op: BinaryOperator { .divide }
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { y == 0 ? nil : x / y }
}

/// A comparison with a fast path on two plain numbers.
private protocol ComparisonOperator {
    static var op: BinaryOperator { get }
    static func test(_ x: Double, _ y: Double) -> Bool
}

private enum LessOp: ComparisonOperator {
    static var op: BinaryOperator { .less }
    @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x < y }
}

private enum LessEqualOp: ComparisonOperator {
    static var op: BinaryOperator { .lessEqual }
    @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x <= y }
}

private enum GreaterOp: ComparisonOperator {
    static var op: BinaryOperator { .greater }
    @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x > y }
}

private enum GreaterEqualOp: ComparisonOperator {
    static var op: BinaryOperator { .greaterEqual }
    @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x >= y }
}

private enum EqualOp: ComparisonOperator {
    static var op: BinaryOperator { .equal }
    @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x == y }
}

private enum NotEqualOp: ComparisonOperator {
    static var op: BinaryOperator { .notEqual }
    @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x != y }
}

/// Compiles the resolved tree into a tree of closures specialised by shape: plain
/// numbers take inline fast paths, calls by argument count write straight into the
/// callee's frame, conditions compile to closures returning Bool.
struct Compiler {
    let file: SourceFile
    private let info: FunctionInfo

    /// Compiles a resolved file or REPL input.
    static func compile(_ chunk: ResolvedChunk, file: SourceFile) -> Module {
        let compiler = Compiler(file: file, info: chunk.info)
        let statements = chunk.statements.map { (code: compiler.compile($0.code), echo: $0.echo, range: $0.code.range) }
        return Module(file: file, frameSize: chunk.info.frameSize, statements: statements)
    }

    // MARK: Errors

    /// Gives a location to an error raised without one.
    private func locate(_ error: any Error, _ range: SourceRange) -> any Error {
        guard var d = error as? Diagnostic else { return error }
        if d.range == nil {
            d.file = file
            d.range = range
        }
        return d
    }

    private func annotate(_ error: any Error, _ callee: Function, _ range: SourceRange) -> any Error {
        annotate(error, Value.function(callee), range)
    }

    /// Locates an error at a call site, or records the call as a frame of its trace.
    private func annotate(_ error: any Error, _ callee: Value, _ range: SourceRange) -> any Error {
        guard var d = error as? Diagnostic else { return error }
        if d.range == nil {
            d.file = file
            d.range = range
        } else if d.kind != .interrupted {
            let name = if case .function(let f) = callee { f.proto.name } else { "function" }
            d.frames.append(Diagnostic.Frame(function: name, file: file, range: range))
        }
        return d
    }

    private func isCell(_ slot: Int) -> Bool { info.cellSlots.contains(slot) }

    // MARK: Expressions

    func compile(_ node: Bound) -> Code {
        let range = node.range
        switch node.kind {
        case .literal(let literal):
            let value = Self.value(of: literal)
            return { _ in value }
        case .template(let segments):
            return template(segments)
        case .read(let slot, let name):
            return read(slot, name: name, range)
        case .write(let slot, let valueNode, let define):
            return write(slot, compile(valueNode), define: define)
        case .list(let items):
            let codes = items.map(compile)
            return { m in
                var values: [Value] = []
                values.reserveCapacity(codes.count)
                for code in codes { values.append(try code(m)) }
                return .list(values)
            }
        case .record(let names, let valueNodes):
            let codes = valueNodes.map(compile)
            return { m in
                var values: [Value] = []
                values.reserveCapacity(codes.count)
                for code in codes { values.append(try code(m)) }
                return .record(names: names, values: values)
            }
        case .unary(.negate, let operand):
            let code = compile(operand)
            return { m in
                let v = try code(m)
                if case .number(let x) = v { return .number(-x) }
                do { return try Operators.negate(v) } catch { throw locate(error, range) }
            }
        case .unary(.not, _), .and, .or:
            let test = condition(node)
            return { m in .bool(try test(m)) }
        case .binary(let op, let left, let right):
            return binary(op, left, right, range)
        case .convert(let valueNode, let target):
            let code = compile(valueNode)
            return { m in
                let v = try code(m)
                do { return try Operators.convert(v, target) } catch { throw locate(error, range) }
            }
        case .range(let low, let high):
            let lowCode = compile(low)
            let highCode = compile(high)
            return { m in
                let a = try lowCode(m)
                let b = try highCode(m)
                do { return try Access.range(a, b, limit: m.limits.maxListSize) } catch { throw locate(error, range) }
            }
        case .call(let callee, let arguments, let labels, _):
            return call(callee, arguments, labels, range)
        case .index(let base, let index):
            let baseCode = compile(base)
            let indexCode = compile(index)
            return { m in
                let b = try baseCode(m)
                let i = try indexCode(m)
                do { return try Access.index(b, i) } catch { throw locate(error, range) }
            }
        case .field(let base, let name):
            let baseCode = compile(base)
            return { m in
                let b = try baseCode(m)
                do { return try Access.field(b, name) } catch { throw locate(error, range) }
            }
        case .function(let functionInfo):
            let proto = prototype(functionInfo)
            let sources = functionInfo.captureSources
            return { m in .function(Self.closure(m, proto, sources)) }
        case .defineFunction(let slot, let functionInfo):
            return defineFunction(slot, functionInfo)
        case .ifElse(let conditionNode, let thenNode, let elseNode):
            if let elseNode, let fused = fusedIf(conditionNode, thenNode, elseNode) { return fused }
            let test = condition(conditionNode)
            let thenCode = compile(thenNode)
            guard let elseNode else {
                return { m in try test(m) ? try thenCode(m) : .none }
            }
            let elseCode = compile(elseNode)
            return { m in try test(m) ? try thenCode(m) : try elseCode(m) }
        case .block(let statements):
            return block(statements)
        case .forIn(let slot, let sequence, let body):
            return forIn(slot, sequence, compile(body), range)
        case .whileLoop(let conditionNode, let body):
            let test = condition(conditionNode)
            let bodyCode = compile(body)
            return { m in
                while try test(m) {
                    _ = try bodyCode(m)
                    try m.tick()
                }
                return .none
            }
        case .structural(let inner):
            return structural(inner)
        case .importModule(let module):
            return { m in
                if !module.hasRun {
                    module.hasRun = true
                    try m.run(module) { _, _ in }
                }
                return .none
            }
        }
    }

    /// Compiles `&` and `|` so that they build a block diagram whose leaves are labelled
    /// with their source text (`web`, `99.9%`).
    private func structural(_ node: Bound) -> Code {
        guard case .binary(let op, let left, let right) = node.kind, op == .series || op == .parallel else {
            return compile(node)
        }
        let l = structuralOperand(left)
        let r = structuralOperand(right)
        let range = node.range
        return { m in
            let a = try l(m)
            let b = try r(m)
            guard case .system(let x) = a, case .system(let y) = b else {
                do { return try Operators.binary(op, a, b) } catch { throw locate(error, range) }
            }
            return .system(op == .series ? .series([x, y]) : .parallel([x, y]))
        }
    }

    private func structuralOperand(_ node: Bound) -> Code {
        if case .binary(let op, _, _) = node.kind, op == .series || op == .parallel { return structural(node) }
        let code = compile(node)
        let label = file.text(in: node.range)
        return { m in
            let v = try code(m)
            if case .system = v { return v }
            if let block = Block.lift(v, label: label) { return .system(block) }
            return v
        }
    }

    static func value(of literal: Literal) -> Value {
        switch literal {
        case .number(let x): .number(x)
        case .availability(let u): .availability(u)
        case .percentage(let x): .percentage(x)
        case .duration(let seconds, _): .duration(seconds)
        case .string(let s): .string(s)
        case .bool(let b): .bool(b)
        case .none: .none
        }
    }

    private func template(_ segments: [BoundSegment]) -> Code {
        let parts: [(String?, Code?)] = segments.map { segment in
            switch segment {
            case .text(let text): (text, nil)
            case .expr(let e): (nil, compile(e))
            }
        }
        return { m in
            var out = ""
            for (text, code) in parts {
                if let text { out += text }
                if let code { out += Display.text(try code(m)) }
            }
            return .string(out)
        }
    }

    private func read(_ slot: Slot, name: String, _ range: SourceRange) -> Code {
        switch slot {
        case .local(let i):
            if isCell(i) {
                return { m in
                    if case .cell(let c) = m.fp[i] { return c.value }
                    return m.fp[i]
                }
            }
            return { m in m.fp[i] }
        case .global(let g):
            let file = self.file
            return { m in
                let v = m.globals[g]
                if case .undefined = v {
                    throw Diagnostic(
                        .runtime, "`\(name)` is used before it is given a value", file: file, range: range,
                        notes: ["note: it is defined further down; move the definition above this line"])
                }
                return v
            }
        }
    }

    private func write(_ slot: Slot, _ code: @escaping Code, define: Bool) -> Code {
        switch slot {
        case .local(let i):
            if isCell(i) {
                if define {
                    return { m in
                        let v = try code(m)
                        m.fp[i] = .cell(Cell(v))
                        return .none
                    }
                }
                return { m in
                    let v = try code(m)
                    if case .cell(let c) = m.fp[i] { c.value = v } else { m.fp[i] = .cell(Cell(v)) }
                    return .none
                }
            }
            return { m in
                let v = try code(m)
                Machine.store(v, at: m.fp + i)
                return .none
            }
        case .global(let g):
            return { m in
                let v = try code(m)
                m.setGlobal(g, v)
                return .none
            }
        }
    }

    private func block(_ statements: [Bound]) -> Code {
        switch statements.count {
        case 0:
            return { _ in .none }
        case 1:
            return compile(statements[0])
        case 2:
            let a = compile(statements[0])
            let b = compile(statements[1])
            return { m in
                _ = try a(m)
                return try b(m)
            }
        case 3:
            let a = compile(statements[0])
            let b = compile(statements[1])
            let c = compile(statements[2])
            return { m in
                _ = try a(m)
                _ = try b(m)
                return try c(m)
            }
        default:
            let codes = statements.map(compile)
            let body = Array(codes.dropLast())
            let last = codes[codes.count - 1]
            return { m in
                for code in body { _ = try code(m) }
                return try last(m)
            }
        }
    }

    // MARK: Functions

    private func prototype(_ functionInfo: FunctionInfo) -> FunctionProto {
        let inner = Compiler(file: functionInfo.file, info: functionInfo)
        let defaults = functionInfo.defaults.map { $0.map(inner.compile) }
        // Not `Optional.map`: a closure that passes through a generic gets a
        // reabstraction thunk on every call.
        let body: Code
        if let node = functionInfo.body {
            body = inner.compile(node)
        } else {
            body = { _ in .none }
        }
        return FunctionProto(info: functionInfo, defaults: defaults, body: body)
    }

    /// Makes a closure: a copy of each variable captured by value, and the cell (made
    /// now if need be) of each one shared with the enclosing function.
    private static func closure(_ m: Machine, _ proto: FunctionProto, _ sources: [Int]) -> Function {
        if sources.isEmpty { return Function(proto: proto, captures: []) }
        var captures: [Value] = []
        captures.reserveCapacity(sources.count)
        for (k, source) in sources.enumerated() {
            if proto.captureByValue[k] {
                captures.append(m.fp[source])
            } else if case .cell = m.fp[source] {
                captures.append(m.fp[source])
            } else {
                let c = Cell(m.fp[source])
                m.fp[source] = .cell(c)
                captures.append(.cell(c))
            }
        }
        return Function(proto: proto, captures: captures)
    }

    private func defineFunction(_ slot: Slot, _ functionInfo: FunctionInfo) -> Code {
        let proto = prototype(functionInfo)
        let sources = functionInfo.captureSources
        switch slot {
        case .local(let i) where isCell(i):
            // A fresh cell first, so the function can capture itself and recurse.
            return { m in
                let cell = Cell(.none)
                m.fp[i] = .cell(cell)
                cell.value = .function(Self.closure(m, proto, sources))
                return .none
            }
        case .local(let i):
            return { m in
                m.fp[i] = .function(Self.closure(m, proto, sources))
                return .none
            }
        case .global(let g):
            return { m in
                let f = Value.function(Self.closure(m, proto, sources))
                m.setGlobal(g, f)
                return .none
            }
        }
    }

    // MARK: Calls

    private func call(_ calleeNode: Bound, _ argumentNodes: [Bound], _ labels: [String?], _ range: SourceRange) -> Code
    {
        let callee = compile(calleeNode)
        // Closures taken out of an array go through a reabstraction thunk on every
        // call, so the fixed-count cases compile each argument on its own.
        if labels.contains(where: { $0 != nil }) {
            let arguments = argumentNodes.map(compile)
            return { m in
                let f = try callee(m)
                var positional: [Value] = []
                var named: [(String, Value)] = []
                for (label, code) in zip(labels, arguments) {
                    let v = try code(m)
                    if let label { named.append((label, v)) } else { positional.append(v) }
                }
                do { return try m.call(f, positional: positional, named: named) } catch {
                    throw annotate(error, f, range)
                }
            }
        }
        if case .read(.global(let g), _) = calleeNode.kind, argumentNodes.count <= 3 {
            return globalCall(g, callee, argumentNodes, range)
        }
        // `consume` moves the callee and the arguments instead of copying them,
        // which saves a retain and a release of the function on every call.
        switch argumentNodes.count {
        case 0:
            return { m in
                let f = try callee(m)
                switch consume f {
                case .function(let fn) where fn.fastArity == 0 && m.hasRoom(fn.frameSize):
                    do { return try m.enter(fn, m.sp, argc: 0) } catch { throw annotate(error, fn, range) }
                case let other:
                    do { return try m.call(other, positional: [], named: []) } catch {
                        throw annotate(error, other, range)
                    }
                }
            }
        case 1:
            let a0 = compile(argumentNodes[0])
            return { m in
                let f = try callee(m)
                let v0 = try a0(m)
                switch consume f {
                case .function(let fn) where fn.fastArity == 1 && m.hasRoom(fn.frameSize):
                    let base = m.sp
                    base.initialize(to: consume v0)
                    do { return try m.enter(fn, base, argc: 1) } catch { throw annotate(error, fn, range) }
                case let other:
                    do { return try m.call(other, positional: [v0], named: []) } catch {
                        throw annotate(error, other, range)
                    }
                }
            }
        case 2:
            let a0 = compile(argumentNodes[0])
            let a1 = compile(argumentNodes[1])
            return { m in
                let f = try callee(m)
                let v0 = try a0(m)
                let v1 = try a1(m)
                switch consume f {
                case .function(let fn) where fn.fastArity == 2 && m.hasRoom(fn.frameSize):
                    let base = m.sp
                    base.initialize(to: consume v0)
                    (base + 1).initialize(to: consume v1)
                    do { return try m.enter(fn, base, argc: 2) } catch { throw annotate(error, fn, range) }
                case let other:
                    do { return try m.call(other, positional: [v0, v1], named: []) } catch {
                        throw annotate(error, other, range)
                    }
                }
            }
        case 3:
            let a0 = compile(argumentNodes[0])
            let a1 = compile(argumentNodes[1])
            let a2 = compile(argumentNodes[2])
            return { m in
                let f = try callee(m)
                let v0 = try a0(m)
                let v1 = try a1(m)
                let v2 = try a2(m)
                switch consume f {
                case .function(let fn) where fn.fastArity == 3 && m.hasRoom(fn.frameSize):
                    let base = m.sp
                    base.initialize(to: consume v0)
                    (base + 1).initialize(to: consume v1)
                    (base + 2).initialize(to: consume v2)
                    do { return try m.enter(fn, base, argc: 3) } catch { throw annotate(error, fn, range) }
                case let other:
                    do { return try m.call(other, positional: [v0, v1, v2], named: []) } catch {
                        throw annotate(error, other, range)
                    }
                }
            }
        default:
            let arguments = argumentNodes.map(compile)
            return { m in
                let f = try callee(m)
                var values: [Value] = []
                values.reserveCapacity(arguments.count)
                for code in arguments { values.append(try code(m)) }
                do { return try m.call(f, positional: values, named: []) } catch { throw annotate(error, f, range) }
            }
        }
    }

    /// An operand simple enough to evaluate inside its parent's closure, saving a closure
    /// call: a local, a captured variable, a number, or a local plus or minus a number
    /// (`fib(n - 1)`). Trivial to copy, so reading it costs no reference counting.
    private enum InlineOperand {

        var isGeneral: Bool { if case .general = self { true } else { false } }

        case local(Int)
        case captured(Int)
        case global(Int)
        case number(Double)
        case offset(Int, Double)
        case general

        /// The operand's number when it is a plain number, read in place without copying a
        /// value; nil otherwise (and always for `general`, which must be evaluated).
        @inline(__always)
        func peek(_ m: Machine) -> Double? {
            switch self {
            case .local(let i):
                if case .number(let x) = m.fp[i] { return x }
            case .captured(let i):
                if case .cell(let c) = m.fp[i], case .number(let x) = c.value { return x }
            case .global(let g):
                if case .number(let x) = m.globals[g] { return x }
            case .number(let x):
                return x
            case .offset(let i, let k):
                if case .number(let x) = m.fp[i] { return x + k }
            case .general:
                break
            }
            return nil
        }

        @inline(__always)
        func evaluate(_ m: Machine, _ code: Code) throws -> Value {
            switch self {
            case .local(let i):
                return m.fp[i]
            case .captured(let i):
                if case .cell(let c) = m.fp[i] { return c.value }
                return m.fp[i]
            case .global(let g):
                // An unassigned global takes the compiled read, which reports it.
                if case .undefined = m.globals[g] { return try code(m) }
                return m.globals[g]
            case .number(let x):
                return .number(x)
            case .offset(let i, let k):
                if case .number(let x) = m.fp[i] { return .number(x + k) }
                return try code(m)
            case .general:
                return try code(m)
            }
        }
    }

    private func inlineOperand(_ node: Bound) -> InlineOperand {
        switch node.kind {
        case .read(.local(let i), _):
            return isCell(i) ? .captured(i) : .local(i)
        case .read(.global(let g), _):
            return .global(g)
        case .literal(.number(let x)):
            return .number(x)
        case .binary(let op, let left, let right) where op == .add || op == .subtract:
            // x − k is exactly x + (−k) in IEEE arithmetic.
            guard case .read(.local(let i), _) = left.kind, !isCell(i), case .literal(.number(let k)) = right.kind
            else {
                return .general
            }
            return .offset(i, op == .add ? k : -k)
        default:
            return .general
        }
    }

    /// How a call with `argc` positional arguments can run without binding names or
    /// defaults: straight into a hadr function's frame, or as a builtin's arguments.
    private enum DirectCall { case none, enter, native }

    @inline(__always)
    private static func directCall(_ fn: Function, _ m: Machine, argc: Int) -> DirectCall {
        if fn.fastArity == argc { return m.hasRoom(fn.frameSize) ? .enter : .none }
        if fn.nativeArity == argc { return m.hasRoom(argc) ? .native : .none }
        return .none
    }

    /// Runs a borrowed global function whose `argc` arguments are at `base`.
    @inline(__always)
    private func callBorrowed(
        _ u: Unmanaged<Function>, _ how: DirectCall, _ m: Machine, _ base: UnsafeMutablePointer<Value>, argc: Int,
        _ range: SourceRange
    ) throws -> Value {
        try u._withUnsafeGuaranteedRef { fn in
            do {
                return how == .enter ? try m.enter(fn, base, argc: argc) : try m.callNative(fn, base, count: argc)
            } catch { throw annotate(error, fn, range) }
        }
    }

    /// A call of a global with up to three positional arguments. The callee is borrowed
    /// from the machine's table of global functions, so a call retains nothing; the
    /// arguments go straight into the callee's frame.
    private func globalCall(_ g: Int, _ callee: @escaping Code, _ arguments: [Bound], _ range: SourceRange) -> Code {
        // Each argument compiled on its own: a closure taken out of an array is called through a thunk.
        let slow: (Machine, [Value]) throws -> Value = { m, values in
            let f = try callee(m)
            do { return try m.call(f, positional: values, named: []) } catch { throw annotate(error, f, range) }
        }
        switch arguments.count {
        case 0:
            return { m in
                if let u = m.globalFunctions[g] {
                    let how = u._withUnsafeGuaranteedRef { Self.directCall($0, m, argc: 0) }
                    if how != .none {
                        return try callBorrowed(u, how, m, m.sp, argc: 0, range)
                    }
                }
                return try slow(m, [])
            }
        case 1:
            let a0 = compile(arguments[0])
            let i0 = inlineOperand(arguments[0])
            return { m in
                if case .undefined = m.globals[g] { _ = try callee(m) }
                let v0 = try i0.evaluate(m, a0)
                if let u = m.globalFunctions[g] {
                    let how = u._withUnsafeGuaranteedRef { Self.directCall($0, m, argc: 1) }
                    if how != .none {
                        let base = m.sp
                        base.initialize(to: consume v0)
                        return try callBorrowed(u, how, m, base, argc: 1, range)
                    }
                }
                return try slow(m, [v0])
            }
        case 2:
            let a0 = compile(arguments[0])
            let a1 = compile(arguments[1])
            let i0 = inlineOperand(arguments[0])
            let i1 = inlineOperand(arguments[1])
            return { m in
                if case .undefined = m.globals[g] { _ = try callee(m) }
                let v0 = try i0.evaluate(m, a0)
                let v1 = try i1.evaluate(m, a1)
                if let u = m.globalFunctions[g] {
                    let how = u._withUnsafeGuaranteedRef { Self.directCall($0, m, argc: 2) }
                    if how != .none {
                        let base = m.sp
                        base.initialize(to: consume v0)
                        (base + 1).initialize(to: consume v1)
                        return try callBorrowed(u, how, m, base, argc: 2, range)
                    }
                }
                return try slow(m, [v0, v1])
            }
        default:
            let a0 = compile(arguments[0])
            let a1 = compile(arguments[1])
            let a2 = compile(arguments[2])
            let i0 = inlineOperand(arguments[0])
            let i1 = inlineOperand(arguments[1])
            let i2 = inlineOperand(arguments[2])
            return { m in
                if case .undefined = m.globals[g] { _ = try callee(m) }
                let v0 = try i0.evaluate(m, a0)
                let v1 = try i1.evaluate(m, a1)
                let v2 = try i2.evaluate(m, a2)
                if let u = m.globalFunctions[g] {
                    let how = u._withUnsafeGuaranteedRef { Self.directCall($0, m, argc: 3) }
                    if how != .none {
                        let base = m.sp
                        base.initialize(to: consume v0)
                        (base + 1).initialize(to: consume v1)
                        (base + 2).initialize(to: consume v2)
                        return try callBorrowed(u, how, m, base, argc: 3, range)
                    }
                }
                return try slow(m, [v0, v1, v2])
            }
        }
    }

    // MARK: Operators

    private func binary(_ op: BinaryOperator, _ left: Bound, _ right: Bound, _ range: SourceRange) -> Code {
        switch op {
        case .add: return arithmetic(AddOp.self, left, right, range)
        case .subtract: return arithmetic(SubtractOp.self, left, right, range)
        case .multiply: return arithmetic(MultiplyOp.self, left, right, range)
        case .divide: return arithmetic(DivideOp.self, left, right, range)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let test = comparison(op, left, right, range)
            return { m in .bool(try test(m)) }
        case .power, .series, .parallel:
            let l = compile(left)
            let r = compile(right)
            return { m in
                let a = try l(m)
                let b = try r(m)
                do { return try Operators.binary(op, a, b) } catch { throw locate(error, range) }
            }
        }
    }

    private func arithmetic<O: ArithmeticOperator>(_: O.Type, _ left: Bound, _ right: Bound, _ range: SourceRange)
        -> Code
    {
        let slow: (Value, Value) throws -> Value = { a, b in
            do { return try Operators.binary(O.op, a, b) } catch { throw locate(error, range) }
        }
        if case .literal(.number(let k)) = right.kind {
            if case .read(.local(let i), _) = left.kind, !isCell(i) {
                return { m in
                    let a = m.fp[i]
                    if case .number(let x) = a, let r = O.apply(x, k) { return .number(r) }
                    return try slow(a, .number(k))
                }
            }
            let l = compile(left)
            return { m in
                let a = try l(m)
                if case .number(let x) = a, let r = O.apply(x, k) { return .number(r) }
                return try slow(a, .number(k))
            }
        }
        if case .read(.local(let i), _) = left.kind, !isCell(i), case .read(.local(let j), _) = right.kind, !isCell(j) {
            return { m in
                let a = m.fp[i]
                let b = m.fp[j]
                if case .number(let x) = a, case .number(let y) = b, let r = O.apply(x, y) { return .number(r) }
                return try slow(a, b)
            }
        }
        let l = compile(left)
        let r = compile(right)
        let lop = inlineOperand(left)
        let rop = inlineOperand(right)
        switch (lop.isGeneral, rop.isGeneral) {
        case (false, false):
            // Neither side has effects: look at plain numbers in place, copy values only when not.
            return { m in
                if let x = lop.peek(m), let y = rop.peek(m), let result = O.apply(x, y) { return .number(result) }
                return try slow(try lop.evaluate(m, l), try rop.evaluate(m, r))
            }
        case (true, false):
            return { m in
                let a = try l(m)
                if case .number(let x) = a, let y = rop.peek(m), let result = O.apply(x, y) { return .number(result) }
                return try slow(a, try rop.evaluate(m, r))
            }
        case (false, true):
            return { m in
                // The left side's number is taken before the right side runs, as its value would be.
                if let x = lop.peek(m) {
                    let b = try r(m)
                    if case .number(let y) = b, let result = O.apply(x, y) { return .number(result) }
                    return try slow(.number(x), b)
                }
                let a = try lop.evaluate(m, l)
                let b = try r(m)
                if case .number(let x) = a, case .number(let y) = b, let result = O.apply(x, y) {
                    return .number(result)
                }
                return try slow(a, b)
            }
        case (true, true):
            return { m in
                let a = try l(m)
                let b = try r(m)
                if case .number(let x) = a, case .number(let y) = b, let result = O.apply(x, y) {
                    return .number(result)
                }
                return try slow(a, b)
            }
        }
    }

    private func comparison(_ op: BinaryOperator, _ left: Bound, _ right: Bound, _ range: SourceRange) -> (Machine)
        throws -> Bool
    {
        switch op {
        case .less: return compare(LessOp.self, left, right, range)
        case .lessEqual: return compare(LessEqualOp.self, left, right, range)
        case .greater: return compare(GreaterOp.self, left, right, range)
        case .greaterEqual: return compare(GreaterEqualOp.self, left, right, range)
        case .equal: return compare(EqualOp.self, left, right, range)
        default: return compare(NotEqualOp.self, left, right, range)
        }
    }

    /// The same shapes as `arithmetic`, returning Bool. The two are kept apart on purpose:
    /// one function generic over the result type made every operator closure go through a
    /// reabstraction thunk (the 1M-iteration loop: 207M -> 286M instructions).
    private func compare<O: ComparisonOperator>(_: O.Type, _ left: Bound, _ right: Bound, _ range: SourceRange) -> (
        Machine
    ) throws -> Bool {
        let slow: (Value, Value) throws -> Bool = { a, b in
            do {
                guard case .bool(let result) = try Operators.binary(O.op, a, b) else { return false }
                return result
            } catch { throw locate(error, range) }
        }
        if case .literal(.number(let k)) = right.kind {
            if case .read(.local(let i), _) = left.kind, !isCell(i) {
                return { m in
                    let a = m.fp[i]
                    if case .number(let x) = a { return O.test(x, k) }
                    return try slow(a, .number(k))
                }
            }
            let l = compile(left)
            return { m in
                let a = try l(m)
                if case .number(let x) = a { return O.test(x, k) }
                return try slow(a, .number(k))
            }
        }
        let l = compile(left)
        let r = compile(right)
        let lop = inlineOperand(left)
        let rop = inlineOperand(right)
        switch (lop.isGeneral, rop.isGeneral) {
        case (false, false):
            // Neither side has effects: look at plain numbers in place, copy values only when not.
            return { m in
                if let x = lop.peek(m), let y = rop.peek(m) { return O.test(x, y) }
                return try slow(try lop.evaluate(m, l), try rop.evaluate(m, r))
            }
        case (true, false):
            return { m in
                let a = try l(m)
                if case .number(let x) = a, let y = rop.peek(m) { return O.test(x, y) }
                return try slow(a, try rop.evaluate(m, r))
            }
        case (false, true):
            return { m in
                // The left side's number is taken before the right side runs, as its value would be.
                if let x = lop.peek(m) {
                    let b = try r(m)
                    if case .number(let y) = b { return O.test(x, y) }
                    return try slow(.number(x), b)
                }
                let a = try lop.evaluate(m, l)
                let b = try r(m)
                if case .number(let x) = a, case .number(let y) = b { return O.test(x, y) }
                return try slow(a, b)
            }
        case (true, true):
            return { m in
                let a = try l(m)
                let b = try r(m)
                if case .number(let x) = a, case .number(let y) = b { return O.test(x, y) }
                return try slow(a, b)
            }
        }
    }

    /// Compiles a node used as a condition to a closure returning Bool.
    private func condition(_ node: Bound) -> (Machine) throws -> Bool {
        let range = node.range
        switch node.kind {
        case .binary(let op, let left, let right)
        where [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(op):
            return comparison(op, left, right, range)
        case .and(let left, let right):
            let l = condition(left)
            let r = condition(right)
            return { m in try l(m) ? try r(m) : false }
        case .or(let left, let right):
            let l = condition(left)
            let r = condition(right)
            return { m in try l(m) ? true : try r(m) }
        case .unary(.not, let operand):
            let test = condition(operand)
            return { m in !(try test(m)) }
        case .literal(.bool(let b)):
            return { _ in b }
        default:
            let code = compile(node)
            let file = self.file
            return { m in
                let v = try code(m)
                if case .bool(let b) = v { return b }
                throw Diagnostic(
                    .type, "a condition must be `true` or `false`; got \(Operators.describe(v))", file: file,
                    range: range)
            }
        }
    }

    /// `if local < constant then … else …` (any comparison) as one closure: the test runs
    /// inline instead of through a condition closure.
    private func fusedIf(_ conditionNode: Bound, _ thenNode: Bound, _ elseNode: Bound) -> Code? {
        guard case .binary(let op, let left, let right) = conditionNode.kind,
            case .read(.local(let i), _) = left.kind, !isCell(i), case .literal(.number(let k)) = right.kind
        else { return nil }
        // The branches are compiled only once the condition is known to fuse.
        func fused<O: ComparisonOperator>(_: O.Type) -> Code {
            let test = compare(O.self, left, right, conditionNode.range)
            let thenCode = compile(thenNode)
            let elseCode = compile(elseNode)
            return { m in
                let passed = if case .number(let x) = m.fp[i] { O.test(x, k) } else { try test(m) }
                return passed ? try thenCode(m) : try elseCode(m)
            }
        }
        switch op {
        case .less: return fused(LessOp.self)
        case .lessEqual: return fused(LessEqualOp.self)
        case .greater: return fused(GreaterOp.self)
        case .greaterEqual: return fused(GreaterEqualOp.self)
        case .equal: return fused(EqualOp.self)
        case .notEqual: return fused(NotEqualOp.self)
        default: return nil
        }
    }

    // MARK: Loops

    private func forIn(_ slot: Int, _ sequence: Bound, _ body: @escaping Code, _ range: SourceRange) -> Code {
        let cell = isCell(slot)
        let store: (Machine, Value) -> Void =
            cell ? { m, v in m.fp[slot] = .cell(Cell(v)) } : { m, v in Machine.store(v, at: m.fp + slot) }
        if case .range(let low, let high) = sequence.kind {
            // A numeric loop that builds no list.
            let lowCode = compile(low)
            let highCode = compile(high)
            let sequenceRange = sequence.range
            return { m in
                let a = try lowCode(m)
                let b = try highCode(m)
                let (first, last): (Double, Double)
                do { (first, last) = try Access.bounds(a, b) } catch { throw locate(error, sequenceRange) }
                var i = first
                if cell {
                    while i <= last {
                        store(m, .number(i))
                        _ = try body(m)
                        try m.tick()
                        i += 1
                    }
                } else {
                    while i <= last {
                        Machine.store(.number(i), at: m.fp + slot)
                        _ = try body(m)
                        try m.tick()
                        i += 1
                    }
                }
                return .none
            }
        }
        let sequenceCode = compile(sequence)
        let file = self.file
        let sequenceRange = sequence.range
        return { m in
            let s = try sequenceCode(m)
            guard case .list(let list) = s else {
                throw Diagnostic(
                    .type, "`for` loops over a list, a table or a range `a..b`; got \(Operators.describe(s))",
                    file: file,
                    range: sequenceRange)
            }
            for item in list.items {
                store(m, item)
                _ = try body(m)
                try m.tick()
            }
            return .none
        }
    }
}
