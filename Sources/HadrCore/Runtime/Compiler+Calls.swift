/// Calls, specialised by the number of arguments and by how the callee is found. Each
/// compiled call keeps its `CallSite`; the machine records it as the call starts.
extension Compiler {
    func call(_ calleeNode: Bound, _ argumentNodes: [Bound], _ labels: [String?], _ range: SourceRange) -> Code {
        let callee = compile(calleeNode)
        let site = CallSite(file: file, range: range)
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
                do { return try m.call(f, positional: positional, named: named, site: site) } catch {
                    throw annotate(error, m, range)
                }
            }
        }
        if case .read(.global(let g), _) = calleeNode.kind, argumentNodes.count <= 3 {
            return globalCall(g, callee, argumentNodes, site)
        }
        // `consume` moves the callee and the arguments instead of copying them,
        // which saves a retain and a release of the function on every call.
        switch argumentNodes.count {
        case 0:
            return { m in
                let f = try callee(m)
                do {
                    switch consume f {
                    case .function(let fn) where fn.fastArity == 0 && m.hasRoom(fn.frameSize):
                        return try m.invoke(fn, .enter, argc: 0, site)
                    case let other:
                        return try m.call(other, positional: [], named: [], site: site)
                    }
                } catch { throw annotate(error, m, range) }
            }
        case 1:
            let a0 = compile(argumentNodes[0])
            return { m in
                let f = try callee(m)
                let v0 = try a0(m)
                do {
                    switch consume f {
                    case .function(let fn) where fn.fastArity == 1 && m.hasRoom(fn.frameSize):
                        m.place(consume v0, at: 0)
                        return try m.invoke(fn, .enter, argc: 1, site)
                    case let other:
                        return try m.call(other, positional: [v0], named: [], site: site)
                    }
                } catch { throw annotate(error, m, range) }
            }
        case 2:
            let a0 = compile(argumentNodes[0])
            let a1 = compile(argumentNodes[1])
            return { m in
                let f = try callee(m)
                let v0 = try a0(m)
                let v1 = try a1(m)
                do {
                    switch consume f {
                    case .function(let fn) where fn.fastArity == 2 && m.hasRoom(fn.frameSize):
                        m.place(consume v0, at: 0)
                        m.place(consume v1, at: 1)
                        return try m.invoke(fn, .enter, argc: 2, site)
                    case let other:
                        return try m.call(other, positional: [v0, v1], named: [], site: site)
                    }
                } catch { throw annotate(error, m, range) }
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
                do {
                    switch consume f {
                    case .function(let fn) where fn.fastArity == 3 && m.hasRoom(fn.frameSize):
                        m.place(consume v0, at: 0)
                        m.place(consume v1, at: 1)
                        m.place(consume v2, at: 2)
                        return try m.invoke(fn, .enter, argc: 3, site)
                    case let other:
                        return try m.call(other, positional: [v0, v1, v2], named: [], site: site)
                    }
                } catch { throw annotate(error, m, range) }
            }
        default:
            let arguments = argumentNodes.map(compile)
            return { m in
                let f = try callee(m)
                var values: [Value] = []
                values.reserveCapacity(arguments.count)
                for code in arguments { values.append(try code(m)) }
                do { return try m.call(f, positional: values, named: [], site: site) } catch {
                    throw annotate(error, m, range)
                }
            }
        }
    }

    /// Runs a borrowed global function by the path the machine chose, its `argc`
    /// arguments placed.
    @inline(__always)
    private func callBorrowed(_ u: Unmanaged<Function>, _ path: CallPath, _ m: Machine, argc: Int, _ site: CallSite)
        throws -> Value
    {
        try u._withUnsafeGuaranteedRef { fn in
            do { return try m.invoke(fn, path, argc: argc, site) } catch { throw annotate(error, m, site.range) }
        }
    }

    /// A call of a global with up to three positional arguments. The callee is borrowed
    /// from the machine's table of global functions, so a call retains nothing; the
    /// arguments go straight into the callee's frame.
    func globalCall(_ g: Int, _ callee: @escaping Code, _ arguments: [Bound], _ site: CallSite) -> Code {
        let range = site.range
        // Each argument compiled on its own: a closure taken out of an array is called through a thunk.
        let slow: (Machine, [Value]) throws -> Value = { m, values in
            let f = try callee(m)
            do { return try m.call(f, positional: values, named: [], site: site) } catch {
                throw annotate(error, m, range)
            }
        }
        switch arguments.count {
        case 0:
            return { m in
                if let u = m.globalFunctions[g] {
                    let path = u._withUnsafeGuaranteedRef { m.path($0, argc: 0) }
                    if path != .general { return try callBorrowed(u, path, m, argc: 0, site) }
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
                    if case .one(let leaf)? = u._withUnsafeGuaranteedRef({ $0.proto.leaf }) {
                        do {
                            try m.tick()
                            return try leaf(v0, m)
                        } catch { throw annotate(error, m, range) }
                    }
                    let path = u._withUnsafeGuaranteedRef { m.path($0, argc: 1) }
                    if path != .general {
                        m.place(consume v0, at: 0)
                        return try callBorrowed(u, path, m, argc: 1, site)
                    }
                    if u._withUnsafeGuaranteedRef({ $0.proto.collectsAll }), m.hasRoom(1) {
                        m.place(.list([v0]), at: 0)
                        return try callBorrowed(u, .native, m, argc: 1, site)
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
                    if case .two(let leaf)? = u._withUnsafeGuaranteedRef({ $0.proto.leaf }) {
                        do {
                            try m.tick()
                            return try leaf(v0, v1, m)
                        } catch { throw annotate(error, m, range) }
                    }
                    let path = u._withUnsafeGuaranteedRef { m.path($0, argc: 2) }
                    if path != .general {
                        m.place(consume v0, at: 0)
                        m.place(consume v1, at: 1)
                        return try callBorrowed(u, path, m, argc: 2, site)
                    }
                    if let pairwise = u._withUnsafeGuaranteedRef({ $0.proto.pairwise }) {
                        do {
                            try m.tick()
                            return try pairwise(v0, v1, m)
                        } catch { throw annotate(error, m, range) }
                    }
                    if u._withUnsafeGuaranteedRef({ $0.proto.collectsAll }), m.hasRoom(1) {
                        m.place(.list([v0, v1]), at: 0)
                        return try callBorrowed(u, .native, m, argc: 1, site)
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
                    let path = u._withUnsafeGuaranteedRef { m.path($0, argc: 3) }
                    if path != .general {
                        m.place(consume v0, at: 0)
                        m.place(consume v1, at: 1)
                        m.place(consume v2, at: 2)
                        return try callBorrowed(u, path, m, argc: 3, site)
                    }
                    if let pairwise = u._withUnsafeGuaranteedRef({ $0.proto.pairwise }) {
                        do {
                            try m.tick()
                            return try pairwise(pairwise(v0, v1, m), v2, m)
                        } catch { throw annotate(error, m, range) }
                    }
                    if u._withUnsafeGuaranteedRef({ $0.proto.collectsAll }), m.hasRoom(1) {
                        m.place(.list([v0, v1, v2]), at: 0)
                        return try callBorrowed(u, .native, m, argc: 1, site)
                    }
                }
                return try slow(m, [v0, v1, v2])
            }
        }
    }
}
