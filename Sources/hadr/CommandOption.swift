import HadrCore

/// One option of hadr's command line: its spellings, the value it takes, its help line and
/// what it does to the invocation. `CommandOption.all` is the one table of options: the
/// parser, `--help` and the tests that keep the man page and the shell completions true
/// all read it.
struct CommandOption: Sendable {
    /// The long spelling without its dashes: `json` for `--json`.
    var long: String
    /// The short spelling without its dash: `e` for `-e`.
    var short: Character?
    /// The name of the value it takes (`EXPR`), or nil for a flag.
    var value: String?
    /// The only values it takes, when there is a fixed set (completions offer them).
    var choices: [String] = []
    /// One line for `--help`.
    var help: String
    /// Applies the option (with its value; "" for a flag) to what is being built.
    var apply: @Sendable (inout Invocation, String) throws(UsageError) -> Void

    /// `-e, --json`: how help and messages write it.
    var spelling: String {
        let long = self.long.isEmpty ? nil : "--" + self.long
        return [short.map { "-\($0)" }, long].compactMap { $0 }.joined(separator: ", ")
    }

    /// Every option hadr takes, in the order `--help` lists them. To add one, add an entry
    /// here, a field to `Invocation`, a line to docs/man/hadr.1 and to the three files in
    /// completions/ (the tests check all four against this table).
    static let all: [CommandOption] = [
        CommandOption(long: "", short: "e", value: "EXPR", help: "Evaluate EXPR and print its value (repeatable).") {
            invocation, value throws(UsageError) in
            invocation.expressions.append(value)
        },
        CommandOption(long: "interactive", short: "i", help: "Start the REPL after the script or the -e expressions.") {
            invocation, _ throws(UsageError) in
            invocation.interactive = true
        },
        CommandOption(long: "check", help: "Parse and resolve only: report errors, run nothing.") {
            invocation, _ throws(UsageError) in
            invocation.check = true
        },
        CommandOption(long: "json", help: "Print each result, and errors, as one line of JSON.") {
            invocation, _ throws(UsageError) in
            invocation.json = true
        },
        CommandOption(long: "csv", help: "Print each table, record or list result as CSV.") {
            invocation, _ throws(UsageError) in
            invocation.csv = true
        },
        CommandOption(long: "markdown", help: "Print each table, record or list result as a Markdown table.") {
            invocation, _ throws(UsageError) in
            invocation.markdown = true
        },
        CommandOption(
            long: "width", value: "N", help: "Draw output for N columns (default: the terminal's; 80 when piped)."
        ) { invocation, value throws(UsageError) in
            invocation.width = try whole("--width", value, in: Display.Layout.widths)
        },
        CommandOption(
            long: "color", value: "WHEN", choices: ColorMode.allCases.map(\.rawValue),
            help: "Colour the output: auto (on a terminal, unless NO_COLOR), always or never."
        ) { invocation, value throws(UsageError) in
            guard let mode = ColorMode(rawValue: value) else {
                throw .notOneOf("--color", value, ColorMode.allCases.map(\.rawValue))
            }
            invocation.color = mode
        },
        CommandOption(long: "max-steps", value: "N", help: "Stop after N loop iterations and calls.") {
            invocation, value throws(UsageError) in
            invocation.maxSteps = try whole("--max-steps", value, in: 1...Int.max)
        },
        CommandOption(long: "timeout", value: "SECONDS", help: "Stop after SECONDS seconds.") {
            invocation, value throws(UsageError) in
            guard let seconds = Double(value), Limits.timeoutRange.contains(seconds) else {
                throw .badValue("--timeout", value, expected: "a number of seconds from 0.001 to 31536000 (a year)")
            }
            invocation.timeout = seconds
        },
        CommandOption(
            long: "max-depth", value: "N", help: "Allow at most N nested calls (default \(Limits().maxCallDepth))."
        ) {
            invocation, value throws(UsageError) in
            invocation.maxDepth = try whole("--max-depth", value, in: Limits.callDepthRange)
        },
        CommandOption(
            long: "max-list", value: "N", help: "Build lists of at most N items (default \(Limits().maxListSize))."
        ) {
            invocation, value throws(UsageError) in
            invocation.maxList = try whole("--max-list", value, in: Limits.listSizeRange)
        },
        CommandOption(
            long: "max-string", value: "N",
            help: "Build strings of at most N bytes (default \(Limits().maxStringSize))."
        ) { invocation, value throws(UsageError) in
            invocation.maxString = try whole("--max-string", value, in: Limits.stringSizeRange)
        },
        CommandOption(long: "help", short: "h", help: "Show this help.") { invocation, _ throws(UsageError) in
            invocation.action = .help
        },
        CommandOption(long: "version", short: "V", help: "Show the version.") { invocation, _ throws(UsageError) in
            invocation.action = .version
        },
    ]

    /// The option spelled `word` (without any `=VALUE`), if there is one.
    static func named(_ word: String) -> CommandOption? {
        if word.hasPrefix("--") {
            let long = word.dropFirst(2)
            return all.first { !$0.long.isEmpty && $0.long == long }
        }
        guard word.count == 2, let letter = word.last else { return nil }
        return all.first { $0.short == letter }
    }

    /// Every spelling, for did-you-mean.
    static var spellings: [String] {
        all.flatMap { option in [option.short.map { "-\($0)" }, option.long.isEmpty ? nil : "--" + option.long] }
            .compactMap { $0 }
    }

    private static func whole(_ option: String, _ text: String, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let n = Int(text), range.contains(n) else {
            let expected =
                range.upperBound == Int.max
                ? "a whole number of at least \(range.lowerBound)"
                : "a whole number from \(range.lowerBound) to \(range.upperBound)"
            throw .badValue(option, text, expected: expected)
        }
        return n
    }
}

/// When hadr colours its output.
enum ColorMode: String, CaseIterable, Sendable {
    case auto, always, never
}
