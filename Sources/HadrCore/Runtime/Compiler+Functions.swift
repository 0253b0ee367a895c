/// Function definitions and closures.
extension Compiler {

    func prototype(_ functionInfo: FunctionInfo) -> FunctionProto {
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
    static func closure(_ m: Machine, _ proto: FunctionProto, _ sources: [Int]) -> Function {
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

    func defineFunction(_ slot: Slot, _ functionInfo: FunctionInfo) -> Code {
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
}
