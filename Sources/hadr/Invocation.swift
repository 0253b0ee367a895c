import HadrCore

/// What one run of `hadr` was asked to do: the one reading of its command line.
///
///     hadr [OPTION...]                      the REPL, or piped standard input as a script
///     hadr [OPTION...] FILE [ARG...]        run a script; `-` is standard input
///     hadr [OPTION...] -e EXPR... [ARG...]  evaluate each EXPR and print its value
///
/// Options come before the script: the first word that is not an option (or the word
/// after `--`) is the script, and every word after it is the script's, whatever it
/// starts with. `-e` takes the next word as it is, so `-e '-5m'` is an expression. Short
/// options may be grouped (`-ie EXPR`) and a value may be attached (`-eEXPR`,
/// `--color=never`).
struct Invocation: Equatable {
    enum Action: Equatable {
        case run, help, version
    }

    var action = Action.run
    var expressions: [String] = []
    /// The script to run; `-` reads it from standard input.
    var script: String?
    /// The words after the script (or after the expressions), visible as `args`.
    var arguments: [String] = []
    var interactive = false
    var check = false
    var json = false
    /// Tables, records and lists as CSV or as a Markdown table.
    var csv = false
    var markdown = false
    /// Columns to draw for, instead of the terminal's.
    var width: Int?
    var color = ColorMode.auto
    var maxSteps: Int?
    var timeout: Double?
    var maxDepth = Limits().maxCallDepth
    var maxList = Limits().maxListSize
    var maxString = Limits().maxStringSize

    init() {}

    /// The limits the options ask for.
    var limits: Limits {
        var limits = Limits()
        limits.maxSteps = maxSteps
        limits.timeout = timeout
        limits.maxCallDepth = maxDepth
        limits.maxListSize = maxList
        limits.maxStringSize = maxString
        return limits
    }

    /// The invocation `argv` (without the program's name) asks for.
    init(parsing argv: [String]) throws(UsageError) {
        try parse(argv)
    }

    /// Reads `argv` into this invocation. On an error, what was read before it stays
    /// set (so that `--json` still shapes the error's report).
    mutating func parse(_ argv: [String]) throws(UsageError) {
        var rest = argv[...]
        while let word = rest.popFirst() {
            if word == "--" {
                if expressions.isEmpty, let file = rest.popFirst() { script = file }
                arguments = Array(rest)
                break
            }
            if word == "-" || !word.hasPrefix("-") {
                if expressions.isEmpty { script = word } else { arguments = [word] }
                arguments += rest
                break
            }
            if word.hasPrefix("--") {
                try long(word, &rest)
            } else {
                try short(word, &rest)
            }
        }
        try validate()
    }

    /// `--name`, `--name VALUE` or `--name=VALUE`.
    private mutating func long(_ word: String, _ rest: inout ArraySlice<String>) throws(UsageError) {
        let name = String(word.prefix { $0 != "=" })
        let attached = name.count < word.count ? String(word.dropFirst(name.count + 1)) : nil
        guard let option = CommandOption.named(name) else {
            throw .unknownOption(word, suggestion: Self.suggestion(for: name))
        }
        if let valueName = option.value {
            guard let value = attached ?? rest.popFirst() else { throw .missingValue(name, valueName: valueName) }
            try option.apply(&self, value)
        } else {
            guard attached == nil else { throw .unexpectedValue(name) }
            try option.apply(&self, "")
        }
    }

    /// `-x`, `-x VALUE`, `-xVALUE`, or flags grouped as `-ix`.
    private mutating func short(_ word: String, _ rest: inout ArraySlice<String>) throws(UsageError) {
        var letters = word.dropFirst()
        while let letter = letters.popFirst() {
            let spelling = "-\(letter)"
            guard let option = CommandOption.named(spelling) else {
                // `-json` is more likely a mistyped `--json` than the flags j, s, o and n.
                let first = letters.count == word.count - 2
                throw .unknownOption(first ? word : spelling, suggestion: first ? Self.suggestion(for: word) : nil)
            }
            guard let valueName = option.value else {
                try option.apply(&self, "")
                continue
            }
            if !letters.isEmpty {
                try option.apply(&self, String(letters))
            } else if let value = rest.popFirst() {
                try option.apply(&self, value)
            } else {
                throw .missingValue(spelling, valueName: valueName)
            }
            return
        }
    }

    private func validate() throws(UsageError) {
        guard action == .run else { return }
        if check, interactive { throw .conflict("--check", "-i") }
        let formats = [("--json", json), ("--csv", csv), ("--markdown", markdown)].filter(\.1).map(\.0)
        if formats.count > 1 { throw .conflict(formats[0], formats[1]) }
    }

    /// A close spelling of a mistyped option: `--jsn` → `--json`, `-json` → `--json`.
    private static func suggestion(for word: String) -> String? {
        if !word.hasPrefix("--"), CommandOption.named("-" + word) != nil { return "-" + word }
        return Suggestion.closest(to: word, among: CommandOption.spellings.filter { $0.hasPrefix("--") })
    }
}
