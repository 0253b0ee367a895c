/// Updates of a variable from its own value that reuse its storage: `xs = append(xs, x)`,
/// `s = s + a + b` and `s = "{s}..."`. Lists and strings stay values: the variable lets go
/// of its value just before the new one is stored, so the storage is extended in place only
/// when nothing else holds it (`isKnownUniquelyReferenced`, and String's own copy on write);
/// otherwise it is copied as before. The operands are evaluated first, in order, while the
/// variable still holds its old value, so what they see and the errors they raise are those
/// of the plain code, which runs whenever the variable does not hold a list or a string.
///
/// Both forms are compiled, so the operands are compiled twice: only operands with no
/// function, block or branch inside (`shallow`) take this path, or an update nested in a
/// lambda inside another's operand would double the compiling at every level.
extension Compiler {
    /// Where an updated variable lives.
    enum Place {
        case local(Int)
        case cell(Int)
        case global(Int)

        @inline(__always)
        func load(_ m: Machine) -> Value {
            switch self {
            case .local(let i): return m.fp[i]
            case .cell(let i):
                if case .cell(let c) = m.fp[i] { return c.value }
                return m.fp[i]
            case .global(let g): return m.globals[g]
            }
        }

        /// Lets go of the variable's value, so that a copy taken by `load` may be the only one.
        @inline(__always)
        func release(_ m: Machine) {
            switch self {
            case .local(let i): Machine.store(.none, at: m.fp + i)
            case .cell(let i): if case .cell(let c) = m.fp[i] { c.value = .none }
            case .global(let g): Machine.store(.none, at: m.globals + g)
            }
        }

        @inline(__always)
        func store(_ m: Machine, _ value: consuming Value) {
            switch self {
            case .local(let i): Machine.store(value, at: m.fp + i)
            case .cell(let i):
                if case .cell(let c) = m.fp[i] { c.value = value } else { m.fp[i] = .cell(Cell(value)) }
            case .global(let g): m.setGlobal(g, value)
            }
        }
    }

    func place(_ slot: Slot) -> Place {
        switch slot {
        case .local(let i): isCell(i) ? .cell(i) : .local(i)
        case .global(let g): .global(g)
        }
    }

    /// The in-place form of `slot = value`, when the value has one of the shapes above.
    func update(_ slot: Slot, _ valueNode: Bound, plain: @escaping Code) -> Code? {
        switch valueNode.kind {
        case .call(let callee, let arguments, let labels, _):
            guard case .read(.global(let g), "append") = callee.kind, arguments.count == 2,
                labels.allSatisfy({ $0 == nil }), reads(arguments[0], slot), shallow(arguments[1])
            else { return nil }
            return appendUpdate(
                place(slot), appendSlot: g, item: compile(arguments[1]), range: valueNode.range, plain: plain)
        case .binary(.add, _, _):
            // The operands of a chain ((s + a) + b) + c, each with the range of its `+`.
            var operands: [(Bound, SourceRange)] = []
            var node = valueNode
            while case .binary(.add, let left, let right) = node.kind {
                operands.append((right, node.range))
                node = left
            }
            guard reads(node, slot), operands.allSatisfy({ mayBeString($0.0) && shallow($0.0) }) else { return nil }
            operands.reverse()
            return concatenation(place(slot), operands.map { compile($0.0) }, operands.map(\.1), plain: plain)
        case .template(let segments):
            guard case .expr(let first)? = segments.first, reads(first, slot), shallow(valueNode) else { return nil }
            return templateUpdate(place(slot), Array(segments.dropFirst()), valueNode.range, plain: plain)
        default:
            return nil
        }
    }

    /// Whether a `+` operand may be a string: not a number, a duration or arithmetic, so that
    /// `total = total + x * y` and `i = i + 1` keep the plain code's fast paths.
    func mayBeString(_ node: Bound) -> Bool {
        switch node.kind {
        case .literal(let literal):
            if case .string = literal { return true }
            return false
        case .binary(let op, _, _): return op == .add
        case .unary, .range, .list, .record, .function, .convert, .and, .or: return false
        default: return true
        }
    }

    /// Whether an expression holds no function, block, branch or loop, so compiling it
    /// again costs no more than its own size.
    func shallow(_ node: Bound) -> Bool {
        switch node.kind {
        case .literal, .read: true
        case .template(let segments):
            segments.allSatisfy { segment in
                if case .expr(let e) = segment { shallow(e) } else { true }
            }
        case .list(let items): items.allSatisfy(shallow)
        case .record(_, let values): values.allSatisfy(shallow)
        case .unary(_, let a), .convert(let a, _), .field(let a, _): shallow(a)
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b), .range(let a, let b),
            .index(let a, let b):
            shallow(a) && shallow(b)
        case .call(let callee, let arguments, _, _): shallow(callee) && arguments.allSatisfy(shallow)
        default: false
        }
    }

    /// Whether a node is a plain read of the slot.
    func reads(_ node: Bound, _ slot: Slot) -> Bool {
        switch (node.kind, slot) {
        case (.read(.local(let a), _), .local(let b)): a == b
        case (.read(.global(let a), _), .global(let b)): a == b
        default: false
        }
    }

    /// `xs = append(xs, item)`, when `append` is still the builtin.
    func appendUpdate(
        _ place: Place, appendSlot g: Int, item: @escaping Code, range: SourceRange, plain: @escaping Code
    ) -> Code {
        return { m in
            guard case .function(let f) = m.globals[g], f.proto.isAppend,
                case .list(var box) = place.load(m), box.items.count < m.limits.maxListSize
            else { return try plain(m) }
            let value = try item(m)
            place.release(m)
            if isKnownUniquelyReferenced(&box) {
                box.append(value)
            } else {
                // Charged before the copy, and on a limit the variable gets its list back:
                // thrown after, the new list was the only holder of everything and was freed
                // on the way out (seconds for `xs = append(xs, xs)`), leaving `xs` empty.
                do { try m.tick(box.items.count / 16) } catch {
                    place.store(m, .list(box))
                    throw locate(error, range)
                }
                box = ListBox(box.items + CollectionOfOne(value))
            }
            place.store(m, .list(box))
            return .none
        }
    }

    /// `s = s + a + b ...`, when `s` holds a string.
    func concatenation(_ place: Place, _ operands: [Code], _ ranges: [SourceRange], plain: @escaping Code) -> Code {
        return { m in
            guard case .string(var s) = place.load(m) else { return try plain(m) }
            let limit = m.limits.maxStringSize
            var tail = ""
            for index in operands.indices {
                let v = try operands[index](m)
                guard case .string(let t) = v else {
                    // Not a string: from here on, `+` as the plain code does it (and its error).
                    var result: Value = .string(s + tail)
                    var operand = v
                    for next in index..<operands.count {
                        if next > index { operand = try operands[next](m) }
                        do {
                            result = try Operators.add(result, operand, subtract: false, m.limits)
                            try m.charge(for: result)
                        } catch { throw locate(error, ranges[next]) }
                    }
                    place.store(m, result)
                    return .none
                }
                guard s.utf8.count + tail.utf8.count + t.utf8.count <= limit else {
                    throw locate(RuntimeError.stringTooLong(limit: limit), ranges[index])
                }
                tail += t
            }
            place.release(m)
            s += tail
            place.store(m, .string(s))
            return .none
        }
    }

    /// `s = "{s}..."`, when `s` holds a string.
    func templateUpdate(_ place: Place, _ segments: [BoundSegment], _ range: SourceRange, plain: @escaping Code) -> Code
    {
        let parts: [(String?, Code?)] = segments.map { segment in
            switch segment {
            case .text(let text): (text, nil)
            case .expr(let e): (nil, compile(e))
            }
        }
        return { m in
            guard case .string(var s) = place.load(m) else { return try plain(m) }
            let limit = m.limits.maxStringSize
            guard s.utf8.count <= limit else { throw locate(RuntimeError.stringTooLong(limit: limit), range) }
            var tail = ""
            for (text, code) in parts {
                if let text { tail += text }
                if let code {
                    tail += try interpolated(try code(m), m, room: limit - s.utf8.count - tail.utf8.count, range)
                }
                guard s.utf8.count + tail.utf8.count <= limit else {
                    throw locate(RuntimeError.stringTooLong(limit: limit), range)
                }
            }
            place.release(m)
            s += tail
            place.store(m, .string(s))
            return .none
        }
    }
}
