/// `explain`'s arguments: `&` and `|` keep the block diagram, each part labelled by its source text.
extension Compiler {
    func structural(_ node: Bound) -> Code {
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
                do { return try Operators.binary(op, a, b, m.limits) } catch { throw locate(error, range) }
            }
            do {
                let group = op == .series ? try Block.series([x, y]) : try Block.parallel([x, y])
                if let name = group.newlyRepeated(operands: [x, y]) {
                    m.warn(ModelError.repeatedInGroup(name, group: "parallel group"), file: file, range: range)
                }
                return .system(group)
            } catch { throw locate(error, range) }
        }
    }

    func structuralOperand(_ node: Bound) -> Code {
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
}
