/// The names a piece of code assigns anywhere inside it, nested functions included. A
/// parameter or loop variable whose name is not among them never changes once bound, so
/// a closure may capture its value instead of sharing a cell with it.
enum AssignedNames {
    /// Walks with an explicit stack: a long operator chain nests thousands deep.
    static func of(_ root: Expr) -> Set<String> {
        var names = Set<String>()
        var pending: [Expr] = [root]
        func add(_ statements: [Stmt]) {
            for statement in statements {
                switch statement.kind {
                case .expression(let e): pending.append(e)
                case .assign(let name, _, let value):
                    names.insert(name)
                    pending.append(value)
                case .function(let decl):
                    if let name = decl.name { names.insert(name) }
                    add(decl)
                case .importFile: break
                }
            }
        }
        func add(_ decl: FunctionDecl) {
            if let body = decl.body { pending.append(body) }
            for parameter in decl.parameters { if let d = parameter.defaultValue { pending.append(d) } }
        }
        while let expr = pending.popLast() {
            switch expr.kind {
            case .literal, .name: break
            case .template(let segments):
                for case .expr(let e) in segments { pending.append(e) }
            case .list(let items): pending.append(contentsOf: items)
            case .record(let fields): pending.append(contentsOf: fields.map(\.value))
            case .unary(_, let e), .convert(let e, _), .field(let e, _, _): pending.append(e)
            case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b), .range(let a, let b),
                .index(let a, let b):
                pending.append(a)
                pending.append(b)
            case .call(let callee, let arguments):
                pending.append(callee)
                pending.append(contentsOf: arguments.map(\.value))
            case .function(let decl): add(decl)
            case .ifElse(let c, let t, let e):
                pending.append(c)
                pending.append(t)
                if let e { pending.append(e) }
            case .block(let statements): add(statements)
            case .forIn(_, _, let sequence, let body):
                pending.append(sequence)
                add(body)
            case .whileLoop(let c, let body):
                pending.append(c)
                add(body)
            }
        }
        return names
    }

    static func of(_ statements: [Stmt]) -> Set<String> {
        of(Expr(.block(statements), SourceRange(0, 0)))
    }
}
