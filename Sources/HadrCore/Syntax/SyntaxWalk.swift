/// Visits every statement and expression of a syntax tree, nested functions included.
/// It walks with an explicit stack: a long operator chain nests thousands deep.
enum SyntaxWalk {
    /// A node the walk reaches.
    enum Node {
        case statement(Stmt)
        case expression(Expr)
        case function(FunctionDecl)
    }

    /// Visits every node; `checkpoint` is called every few thousand nodes, so that a time
    /// limit or an interrupt stops a walk over a huge file.
    static func walk(_ statements: [Stmt], checkpoint: Checkpoint? = nil, _ visit: (Node) -> Void)
        throws(Diagnostic)
    {
        // One top-level statement at a time: the pending stack holds one statement's
        // nodes, not a copy of a whole file's statements.
        var pending: [Node] = []
        var visited = 0
        for statement in statements {
            pending.append(.statement(statement))
            try walk(&pending, &visited, checkpoint: checkpoint, visit)
        }
    }

    private static func walk(
        _ pending: inout [Node], _ visited: inout Int, checkpoint: Checkpoint?, _ visit: (Node) -> Void
    ) throws(Diagnostic) {
        while let node = pending.popLast() {
            visit(node)
            visited &+= 1
            if visited & 4095 == 0 { try checkpoint?() }
            switch node {
            case .statement(let statement):
                switch statement.kind {
                case .expression(let e): pending.append(.expression(e))
                case .assign(_, _, let value): pending.append(.expression(value))
                case .function(let decl): pending.append(.function(decl))
                case .importFile: break
                }
            case .function(let decl):
                if let body = decl.body { pending.append(.expression(body)) }
                for parameter in decl.parameters {
                    if let d = parameter.defaultValue { pending.append(.expression(d)) }
                }
            case .expression(let expr):
                children(of: expr, into: &pending)
            }
        }
    }

    static func walk(_ expr: Expr, checkpoint: Checkpoint? = nil, _ visit: (Node) -> Void) throws(Diagnostic) {
        try walk([Stmt(kind: .expression(expr), range: expr.range)], checkpoint: checkpoint, visit)
    }

    private static func children(of expr: Expr, into pending: inout [Node]) {
        func add(_ e: Expr) { pending.append(.expression(e)) }
        func add(_ statements: [Stmt]) { pending.append(contentsOf: statements.reversed().map { .statement($0) }) }
        switch expr.kind {
        case .literal, .name: break
        case .template(let segments):
            for case .expr(let e) in segments { add(e) }
        case .list(let items): items.forEach(add)
        case .record(let fields): fields.map(\.value).forEach(add)
        case .unary(_, let e), .convert(let e, _), .field(let e, _, _): add(e)
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b), .range(let a, let b),
            .index(let a, let b):
            add(a)
            add(b)
        case .call(let callee, let arguments):
            add(callee)
            arguments.map(\.value).forEach(add)
        case .function(let decl): pending.append(.function(decl))
        case .ifElse(let c, let t, let e):
            add(c)
            add(t)
            if let e { add(e) }
        case .block(let statements): add(statements)
        case .forIn(_, _, let sequence, let body):
            add(sequence)
            add(body)
        case .whileLoop(let c, let body):
            add(c)
            add(body)
        }
    }
}
