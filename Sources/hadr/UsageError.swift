import HadrCore

/// A command line hadr cannot act on (exit status 64). Each case carries its wording.
enum UsageError: Error, Equatable {
    /// A word that starts with `-` and is no option; `suggestion` is a close spelling.
    case unknownOption(String, suggestion: String?)
    /// An option that takes a value came last.
    case missingValue(String, valueName: String)
    /// A flag written with `=VALUE`.
    case unexpectedValue(String)
    /// A value outside what the option takes: `expected` reads "a whole number from 1 to 10".
    case badValue(String, String, expected: String)
    /// A value that is not one of a fixed set.
    case notOneOf(String, String, [String])
    /// Two options that cannot go together.
    case conflict(String, String)

    var message: String {
        switch self {
        case .unknownOption(let word, _): "unknown option `\(word)`"
        case .missingValue(let option, let valueName): "`\(option)` needs a value: \(option) \(valueName)"
        case .unexpectedValue(let option): "`\(option)` takes no value"
        case .badValue(let option, let value, let expected): "`\(option)` must be \(expected); got `\(value)`"
        case .notOneOf(let option, let value, let choices):
            "`\(option)` must be \(Self.oneOf(choices)); got `\(value)`"
        case .conflict(let a, let b): "`\(a)` and `\(b)` cannot be used together"
        }
    }

    var notes: [String] {
        var notes: [String] = []
        if case .unknownOption(_, let suggestion?) = self { notes.append("help: did you mean `\(suggestion)`?") }
        notes.append("note: `hadr --help` shows the usage")
        return notes
    }

    /// "`a`, `b` or `c`".
    private static func oneOf(_ choices: [String]) -> String {
        let quoted = choices.map { "`\($0)`" }
        guard let last = quoted.last, quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + last
    }

    /// The report on standard error: `hadr: error: MESSAGE` and the notes.
    var text: String {
        "hadr: error: \(message)\n" + notes.map { "  \($0)\n" }.joined()
    }

    /// The report under `--json`, shaped as a diagnostic's (kind `usage`, no place).
    var json: String {
        let notes = notes.map(Display.jsonString).joined(separator: ", ")
        return "{\"severity\": \"error\", \"kind\": \"usage\", \"message\": \(Display.jsonString(message)), "
            + "\"file\": null, \"line\": null, \"column\": null, \"end_line\": null, \"end_column\": null, "
            + "\"notes\": [\(notes)], \"trace\": [], \"trace_omitted\": 0}"
    }
}
