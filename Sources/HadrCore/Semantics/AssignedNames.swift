/// The names a piece of code assigns anywhere inside it, nested functions included. A
/// parameter or loop variable whose name is not among them never changes once bound, so
/// a closure may capture its value instead of sharing a cell with it.
enum AssignedNames {
    static func of(_ root: Expr, checkpoint: Checkpoint? = nil) throws(Diagnostic) -> Set<String> {
        try of([Stmt(kind: .expression(root), range: root.range)], checkpoint: checkpoint)
    }

    static func of(_ statements: [Stmt], checkpoint: Checkpoint? = nil) throws(Diagnostic) -> Set<String> {
        var names = Set<String>()
        try SyntaxWalk.walk(statements, checkpoint: checkpoint) { node in
            switch node {
            case .statement(let s):
                if case .assign(let name, _, _) = s.kind { names.insert(name) }
            case .function(let decl):
                // A named function binds its name in the enclosing scope.
                if let name = decl.name { names.insert(name) }
            case .expression:
                break
            }
        }
        return names
    }
}
