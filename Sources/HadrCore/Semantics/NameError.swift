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
        case .unknownName(let name, let guess): Self.hints(forUnknown: name, guess: guess)
        case .missingBody(let name): ["help: write `fn \(name)(...) = expression`"]
        case .tooDeep: ["help: split it into named parts"]
        default: []
        }
    }

    /// What an unknown name was likely meant as: a pattern hadr writes otherwise, a period
    /// written as a unit's name (`per: year`), or a close name.
    private static func hints(forUnknown name: String, guess: String?) -> [String] {
        if let hint = patterns[name] { return [hint] }
        if let unit = TimeUnit.named(name) { return ["help: a period is a duration: write `1\(unit.symbol)`"] }
        return guess.map { ["help: did you mean `\($0)`?"] } ?? []
    }

    /// Names of redundancy patterns (the chapter's, and others') that hadr writes otherwise.
    private static let patterns: [String: String] = {
        let standby =
            "help: an active-passive pair with failover is `standby(primary, backup, switchover: 30s)`; see `help(standby)`"
        let kOfN = "help: N+1 redundancy is `k_of_n(n, n + 1, a)`: any n of the n + 1 parts must work"
        let parallel = "help: active-active is parallel composition: `a | b`, or `parallel(a, b, ...)`"
        return [
            "failover": standby, "active_passive": standby, "active_standby": standby, "primary_standby": standby,
            "n_plus_1": kOfN, "n_plus_one": kOfN, "n_plus_2": kOfN, "nplus1": kOfN,
            "active_active": parallel, "redundant": parallel,
        ]
    }()
}
