/// What a parsed file refers to before it is resolved: every name it may look up in the
/// session's globals, and the files it imports.
enum NameScan {
    /// Every name the file reads, assigns or defines with `fn`, at any depth. Locals are
    /// included too (which may load a library file that turns out not to be needed); a
    /// name bound at top level counts because a library name redefined by the user must
    /// have been loaded first, so that the user's definition replaces it.
    static func names(in statements: [Stmt], checkpoint: Checkpoint? = nil) throws(Diagnostic) -> Set<String> {
        var names = Set<String>()
        try SyntaxWalk.walk(statements, checkpoint: checkpoint) { node in
            switch node {
            case .statement(let s):
                if case .assign(let name, _, _) = s.kind { names.insert(name) }
            case .function(let decl):
                if let name = decl.name { names.insert(name) }
            case .expression(let e):
                if case .name(let name) = e.kind { names.insert(name) }
            }
        }
        return names
    }

    /// The `import` statements at the top level of a file, in order (an `import` anywhere
    /// else is an error the resolver reports).
    static func imports(in statements: [Stmt]) -> [(path: String, range: SourceRange)] {
        statements.compactMap { statement in
            if case .importFile(let path, let range) = statement.kind { return (path, range) }
            return nil
        }
    }
}
