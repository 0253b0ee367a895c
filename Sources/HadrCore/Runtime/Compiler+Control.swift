/// Conditions, `if` and loops.
extension Compiler {
    func condition(_ node: Bound) -> (Machine) throws -> Bool {
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
                throw Diagnostic(RuntimeError.notACondition(Operators.describe(v)), file: file, range: range)
            }
        }
    }

    /// `if local < constant then … else …` (any comparison) as one closure: the test runs
    /// inline instead of through a condition closure.
    func fusedIf(_ conditionNode: Bound, _ thenNode: Bound, _ elseNode: Bound) -> Code? {
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

    func forIn(_ slot: Int, _ sequence: Bound, _ body: @escaping Code, _ range: SourceRange) -> Code {
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
                        try tick(m, range)
                        i += 1
                    }
                } else {
                    while i <= last {
                        Machine.store(.number(i), at: m.fp + slot)
                        _ = try body(m)
                        try tick(m, range)
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
                throw Diagnostic(RuntimeError.notIterable(Operators.describe(s)), file: file, range: sequenceRange)
            }
            for item in list.items {
                store(m, item)
                _ = try body(m)
                try tick(m, range)
            }
            return .none
        }
    }
}
