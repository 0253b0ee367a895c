/// What the resolver finds wrong before anything runs.
enum NameError: ErrorMessage {
    /// A name no scope binds, with the closest one that is bound.
    case unknownName(String, suggestion: String?)
    /// A reserved word used as a variable.
    case reservedWord(String)
    /// An `import` inside a function or a block.
    case importNotAtTopLevel
    /// A `fn` without `= body` that no builtin implements.
    case missingBody(String)
    /// A builtin declared with another number of parameters than its implementation takes.
    case builtinParameterCount(String, implemented: Int, declared: Int)
    /// A syntax tree deeper than the resolver walks.
    case tooDeep(limit: Int)

    var kind: Diagnostic.Kind {
        if case .tooDeep = self { return .limit }
        return .name
    }

    var message: String {
        switch self {
        case .unknownName(let name, _): "unknown name `\(name)`"
        case .reservedWord(let name): "`\(name)` is a reserved word"
        case .importNotAtTopLevel: "`import` is allowed only at the top level of a file"
        case .missingBody(let name):
            "function `\(name)` has no body; only builtins declared in the standard library may omit it"
        case .builtinParameterCount(let name, let implemented, let declared):
            "builtin `\(name)` takes \(implemented) parameters but is declared with \(declared)"
        case .tooDeep(let limit): "expression is too deeply nested or too long (more than \(limit) levels)"
        }
    }

    var notes: [String] {
        switch self {
        case .unknownName(_, let guess?): ["help: did you mean `\(guess)`?"]
        case .missingBody(let name): ["help: write `fn \(name)(...) = expression`"]
        case .tooDeep: ["help: split it into named parts"]
        default: []
        }
    }
}
