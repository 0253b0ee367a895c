import Glibc

/// Compiles the resolved tree into a tree of closures specialised by shape: plain
/// numbers take inline fast paths, calls by argument count write straight into the
/// callee's frame, conditions compile to closures returning Bool.
struct Compiler {
    let file: SourceFile
    let info: FunctionInfo

    /// Compiles a resolved file or REPL input.
    /// `checkpoint` is called every few thousand top-level statements.
    static func compile(_ chunk: ResolvedChunk, file: SourceFile, checkpoint: Checkpoint? = nil) throws(Diagnostic)
        -> Module
    {
        let compiler = Compiler(file: file, info: chunk.info)
        var statements: [(code: Code, echo: Bool, range: SourceRange)] = []
        statements.reserveCapacity(chunk.statements.count)
        for (i, statement) in chunk.statements.enumerated() {
            if i & 4095 == 4095 { try checkpoint?() }
            statements.append((compiler.compile(statement.code), statement.echo, statement.code.range))
        }
        return Module(file: file, frameSize: chunk.info.frameSize, statements: statements)
    }

    // MARK: Errors

    /// A loop's step: a limit reached here is located at the loop.
    @inline(__always)
    func tick(_ m: Machine, _ range: SourceRange) throws {
        m.budget &-= 1
        if m.budget < 0 {
            do { try m.checkpoint() } catch { throw locate(error, range) }
        }
    }

    /// Gives a location to an error raised without one.
    func locate(_ error: any Error, _ range: SourceRange) -> any Error {
        Diagnostic.from(error).placed(in: file, at: range)
    }

    /// Locates an error at a call site when it has no place yet, and takes the trace of
    /// the calls that led to it, once: the first call site it crosses does both, and every
    /// one after passes it on as it is.
    func annotate(_ error: any Error, _ m: Machine, _ range: SourceRange) -> any Error {
        var d = Diagnostic.from(error)
        if d.traced { return d }
        d.traced = true
        if d.range == nil {
            d.file = file
            d.range = range
            // Raised by the call itself (a builtin, a call that does not fit, a limit).
            if d.kind != .interrupted { d.frames = m.trace(from: m.depth) }
        } else if d.kind != .interrupted {
            // Raised inside the function this site called, one level deeper.
            d.frames = m.trace(from: m.depth + 1)
        }
        return d
    }

    func isCell(_ slot: Int) -> Bool { info.cellSlots.contains(slot) }

    // MARK: Expressions

    func compile(_ node: Bound) -> Code {
        let range = node.range
        switch node.kind {
        case .literal(.calendarDuration(let parts)):
            return { m in .duration(parts.seconds(in: try m.calendarUnits())) }
        case .literal(let literal):
            let value = Self.value(of: literal)
            return { _ in value }
        case .template(let segments):
            return template(segments, range)
        case .read(let slot, let name):
            return read(slot, name: name, range)
        case .write(let slot, let valueNode, let define):
            let plain = write(slot, compile(valueNode), define: define)
            if !define, let inPlace = update(slot, valueNode, plain: plain) { return inPlace }
            return plain
        case .list(let items):
            let codes = items.map(compile)
            return { m in
                guard codes.count <= m.limits.maxListSize else {
                    throw locate(BuiltinError.listTooLong(limit: m.limits.maxListSize), range)
                }
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
                do {
                    let list = try Access.range(a, b, limit: m.limits.maxListSize)
                    if case .list(let box) = list { try m.tick(box.items.count / 16) }
                    return list
                } catch { throw locate(error, range) }
            }
        case .call(let callee, let arguments, let labels, _):
            return call(callee, arguments, labels, range)
        case .index(let base, let index):
            let baseCode = compile(base)
            let indexCode = compile(index)
            return { m in
                let b = try baseCode(m)
                let i = try indexCode(m)
                do {
                    return try Access.index(b, i, text: m.textIndex) { try m.tick($0) }
                } catch { throw locate(error, range) }
            }
        case .field(let base, let name):
            let baseCode = compile(base)
            let cache = FieldCache()
            return { m in
                let b = try baseCode(m)
                if case .record(let r) = b, let value = cache.field(name, of: r) { return value }
                do {
                    if case .list(let box) = b { try m.tick(box.items.count / 16) }
                    return try Access.field(b, name)
                } catch { throw locate(error, range) }
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
                    try tick(m, range)
                }
                return .none
            }
        case .structural(let inner):
            return structural(inner)
        case .runUnit(let id):
            return { m in
                try m.runUnitOnce(id)
                return .none
            }
        }
    }

    /// Compiles `&` and `|` so that they build a block diagram whose leaves are labelled
    /// with their source text (`web`, `99.9%`).

    static func value(of literal: Literal) -> Value {
        switch literal {
        case .number(let x): .number(x)
        case .availability(let u): .availability(u)
        case .percentage(let x): .percentage(x)
        case .duration(let seconds, _): .duration(seconds)
        // Compiled code measures these when it runs; `parse` asks here, on the session's calendar.
        case .calendarDuration(let parts): .duration(parts.seconds(in: .current))
        case .string(let s): .string(s)
        case .bool(let b): .bool(b)
        case .none: .none
        }
    }

    func template(_ segments: [BoundSegment], _ range: SourceRange) -> Code {
        let parts: [(String?, Code?)] = segments.map { segment in
            switch segment {
            case .text(let text): (text, nil)
            case .expr(let e): (nil, compile(e))
            }
        }
        return { m in
            let limit = m.limits.maxStringSize
            var out = ""
            for (text, code) in parts {
                if let text { out += text }
                if let code { out += try interpolated(try code(m), m, room: limit - out.utf8.count, range) }
                guard out.utf8.count <= limit else { throw locate(RuntimeError.stringTooLong(limit: limit), range) }
            }
            return .string(out)
        }
    }

    /// A value's text in a string being built, within `room` bytes: past them the string
    /// limit, and a limit met while showing it, located at the string.
    func interpolated(_ value: Value, _ m: Machine, room: Int, _ range: SourceRange) throws -> String {
        let shown: String?
        do { shown = try m.text(of: value, limit: room) } catch { throw locate(error, range) }
        guard let text = shown else { throw locate(RuntimeError.stringTooLong(limit: m.limits.maxStringSize), range) }
        return text
    }

    func read(_ slot: Slot, name: String, _ range: SourceRange) -> Code {
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
                    throw Diagnostic(RuntimeError.usedBeforeAssigned(name), file: file, range: range)
                }
                return v
            }
        }
    }

    func write(_ slot: Slot, _ code: @escaping Code, define: Bool) -> Code {
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

    func block(_ statements: [Bound]) -> Code {
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
}
