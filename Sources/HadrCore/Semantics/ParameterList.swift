/// A function's parameters as a call sees them: their names, the defaults as written,
/// and whether the last one collects the remaining positional arguments.
struct ParameterList: Sendable {
    let function: String
    let names: [String]
    /// Each parameter's default as written, or nil when the parameter is required.
    let defaults: [String?]
    let hasRest: Bool
    /// Parameters whose argument keeps its block diagram (`&`, `|` inside it labelled by
    /// their source text), marked `## @diagram NAME` in the function's documentation.
    let diagram: Set<String>

    init(function: String, parameters: [Parameter], file: SourceFile, doc: String?) {
        self.function = function
        self.names = parameters.map(\.name)
        self.defaults = parameters.map { p in p.defaultValue.map { file.text(in: $0.range) } }
        self.hasRest = parameters.last?.isRest == true
        self.diagram = Self.diagramParameters(in: doc)
    }

    /// The parameters that take positional arguments one by one (all but a rest parameter).
    var fixedCount: Int { hasRest ? names.count - 1 : names.count }

    /// `name(a, b = 1, ...rest)`, as help and errors show it.
    var signature: String {
        let shown = names.enumerated().map { i, name in
            let rest = hasRest && i == names.count - 1 ? "..." : ""
            return rest + name + (defaults[i].map { " = \($0)" } ?? "")
        }
        return "\(function)(\(shown.joined(separator: ", ")))"
    }

    /// The names after `@diagram` on the documentation's lines.
    private static func diagramParameters(in doc: String?) -> Set<String> {
        guard let doc else { return [] }
        var names = Set<String>()
        for line in doc.split(separator: "\n") where line.hasPrefix("@diagram ") {
            if let name = line.dropFirst("@diagram ".count).split(separator: " ").first { names.insert(String(name)) }
        }
        return names
    }
}

/// Where one parameter's value comes from in a call.
enum ArgumentSource: Equatable {
    /// The positional argument with this index.
    case positional(Int)
    /// The named argument with this index among the named ones.
    case named(Int)
    /// The positional arguments from this index on, as a list.
    case rest(from: Int)
    /// None: the parameter's default.
    case byDefault
}

/// Matches a call's arguments to a function's parameters: one rule and one wording for
/// the resolver, which checks calls of functions it knows before running, and for the
/// machine, which binds every other call when it is made.
enum ArgumentBinding {
    /// For each parameter, where its value comes from; `labels` are the named arguments'
    /// labels in the order written, after `positional` positional ones.
    static func bind(_ parameters: ParameterList, positional: Int, labels: [String]) throws(CallError)
        -> [ArgumentSource]
    {
        let fixed = parameters.fixedCount
        if positional > fixed, !parameters.hasRest {
            throw .tooManyArguments(parameters, given: positional)
        }
        var sources = [ArgumentSource](repeating: .byDefault, count: parameters.names.count)
        for i in 0..<min(positional, fixed) { sources[i] = .positional(i) }
        if parameters.hasRest { sources[fixed] = .rest(from: fixed) }
        for (k, label) in labels.enumerated() {
            guard let i = parameters.names.prefix(fixed).firstIndex(of: label) else {
                throw .unknownLabel(parameters, label, argument: positional + k)
            }
            guard sources[i] == .byDefault else { throw .givenTwice(parameters, label, argument: positional + k) }
            sources[i] = .named(k)
        }
        for i in 0..<fixed where sources[i] == .byDefault && parameters.defaults[i] == nil {
            throw .missingArgument(parameters, parameters.names[i])
        }
        return sources
    }
}

/// A call whose arguments do not fit the function's parameters. Found before running
/// when the resolver knows the function, else when the call is made; the same exit
/// status (65) and wording either way.
enum CallError: ErrorMessage {
    /// More positional arguments than parameters.
    case tooManyArguments(ParameterList, given: Int)
    /// A label that names no parameter; `argument` counts every argument from 0.
    case unknownLabel(ParameterList, String, argument: Int)
    /// A parameter given both positionally and by name, or by name twice.
    case givenTwice(ParameterList, String, argument: Int)
    /// A parameter without a default that the call does not give.
    case missingArgument(ParameterList, String)

    var kind: Diagnostic.Kind { .call }

    private var parameters: ParameterList {
        switch self {
        case .tooManyArguments(let p, _), .unknownLabel(let p, _, _), .givenTwice(let p, _, _),
            .missingArgument(let p, _):
            p
        }
    }

    /// The argument at fault, when one is.
    var argument: Int? {
        switch self {
        case .unknownLabel(_, _, let i), .givenTwice(_, _, let i): i
        default: nil
        }
    }

    var message: String {
        let f = "`\(parameters.function)`"
        switch self {
        case .tooManyArguments(let p, let given):
            let required = p.defaults.prefix(p.fixedCount).allSatisfy { $0 == nil }
            let takes = (required ? "" : "at most ") + counted(p.fixedCount, "argument")
            return "\(f) takes \(takes) but \(given) \(given == 1 ? "was" : "were") given"
        case .unknownLabel(_, let label, _): return "\(f) has no parameter named `\(label)`"
        case .givenTwice(_, let label, _): return "argument `\(label)` of \(f) is given twice"
        case .missingArgument(_, let name): return "\(f) is missing argument `\(name)`"
        }
    }

    var notes: [String] {
        var notes = ["note: the parameters are \(parameters.signature)"]
        if case .unknownLabel(let p, let label, _) = self,
            let guess = Suggestion.closest(to: label, among: p.names.prefix(p.fixedCount))
        {
            notes.insert("help: did you mean `\(guess):`?", at: 0)
        }
        return notes
    }
}
