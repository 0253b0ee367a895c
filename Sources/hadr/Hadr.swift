import ArgumentParser
import HadrCore

#if canImport(Glibc)
    import Glibc
#endif

/// The `hadr` command: a REPL, a script runner and a one-line evaluator.
@main
struct Hadr: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "hadr",
        abstract: "An interactive language for availability, resilience and disaster-recovery math.",
        discussion: """
            With no script and a terminal, hadr starts its REPL; with piped input it runs the lines as a script.

            Exit status: 0 success; 1 a failed assert; 64 bad usage; 65 a syntax or name error; \
            66 a file that cannot be read; 70 an error while running; 130 interrupted.
            """,
        version: version
    )

    @Option(
        name: .customShort("e"),
        help: ArgumentHelp("Evaluate EXPR and print its value (repeatable).", valueName: "EXPR"))
    var expressions: [String] = []

    @Flag(help: "Print each result as JSON.")
    var json = false

    @Flag(help: "Print each table (record, list) result as CSV.")
    var csv = false

    @Flag(help: "Print each table (record, list) result as a GitHub-flavoured Markdown table.")
    var markdown = false

    @Option(
        help: ArgumentHelp(
            "Draw output for this many columns (default: the terminal's; 80 when piped).", valueName: "N"))
    var width: Int?

    @Option(help: ArgumentHelp("Colour output: auto, always or never.", valueName: "WHEN"))
    var color: String = "auto"

    @Option(help: ArgumentHelp("Stop after this many loop iterations and calls.", valueName: "N"))
    var maxSteps: Int?

    @Option(help: ArgumentHelp("Stop after this many seconds.", valueName: "SECONDS"))
    var timeout: Double?

    @Option(help: ArgumentHelp("Deepest chain of calls allowed.", valueName: "N"))
    var maxDepth: Int = Limits().maxCallDepth

    @Option(help: ArgumentHelp("Most items a range or a builtin may build in one list.", valueName: "N"))
    var maxList: Int = Limits().maxListSize

    @Option(help: ArgumentHelp("Longest string an operator or a builtin may build, in bytes.", valueName: "N"))
    var maxString: Int = Limits().maxStringSize

    @Argument(help: ArgumentHelp("A .hadr script to run.", valueName: "FILE"))
    var script: String?

    @Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp("Arguments for the script, visible as `args`.", valueName: "ARGS"))
    var arguments: [String] = []

    func validate() throws {
        guard ["auto", "always", "never"].contains(color) else {
            throw ValidationError("--color must be auto, always or never; got '\(color)'")
        }
        if let problem = Invocation(self).limits.problem { throw ValidationError(problem) }
        if [json, csv, markdown].filter({ $0 }).count > 1 {
            throw ValidationError("give only one of --json, --csv and --markdown")
        }
        if let width, !Display.Layout.widths.contains(width) {
            throw ValidationError(
                "--width must be between \(Display.Layout.widths.lowerBound) and \(Display.Layout.widths.upperBound)")
        }
        if script != nil, !expressions.isEmpty {
            throw ValidationError("give either -e EXPR or a script FILE, not both")
        }
    }

    /// Starts hadr. The two shapes typed most (`hadr -e EXPR...` and `hadr FILE ARGS...`,
    /// no option beyond `-e`) skip ArgumentParser, whose reflection-driven parse is a third of
    /// start-up; everything else (options, --help, --version, completion scripts, errors)
    /// goes through it.
    static func main() {
        let argv = Array(CommandLine.arguments.dropFirst())
        if let invocation = Invocation(commonShape: argv) { Glibc.exit(invocation.run()) }
        main(argv)
    }

    func run() throws {
        let status = Invocation(self).run()
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}
