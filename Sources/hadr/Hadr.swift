import HadrCore

#if canImport(Glibc)
    import Glibc
#endif

/// The `hadr` command: a REPL, a script runner and a one-line evaluator.
@main
enum Hadr {
    static let version = "0.1.0"

    /// Reads the command line once (`Invocation`) and does what it asks.
    static func main() {
        let argv = Array(CommandLine.arguments.dropFirst())
        var invocation = Invocation()
        let console = Console()
        do {
            try invocation.parse(argv)
        } catch {
            console.err(invocation.json ? error.json + "\n" : error.text)
            exit(ExitStatus.usage)
        }
        switch invocation.action {
        case .help:
            console.out(usage)
        case .version:
            console.out("hadr \(version)\n")
        case .run:
            if let (byte, position) = notUTF8Expression(invocation.expressions) {
                console.err(
                    "hadr: error: the -e expression holds byte 0x\(String(byte, radix: 16, uppercase: true)) at byte "
                        + "\(position + 1), which is not UTF-8 text (the shell passed another encoding)\n")
                console.flush()
                exit(ExitStatus.staticError)
            }
            exit(Runner(invocation: invocation).main())
        }
        console.flush()
        // `hadr --help > /dev/full` printed nothing and exited 0.
        if let failure = console.writeFailure {
            console.err("hadr: cannot write standard output: \(failure)\n")
            exit(ExitStatus.outputFailed)
        }
        exit(ExitStatus.ok)
    }

    /// The first byte that is not UTF-8 in a raw argument that gave an `-e` expression, and
    /// where it is. `CommandLine.arguments` has such bytes replaced by U+FFFD already, which
    /// a string in the expression would then hold unseen; files are refused the same way.
    private static func notUTF8Expression(_ expressions: [String]) -> (UInt8, Int)? {
        guard !expressions.isEmpty else { return nil }
        for i in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[i] else { continue }
            let bytes = UnsafeBufferPointer(
                start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self), count: strlen(argument))
            guard let offset = Session.firstByteNotUTF8(in: bytes) else { continue }
            // The word as it reached the parser: the expression itself, or `-eTEXT`.
            let repaired = String(decoding: bytes, as: UTF8.self)
            guard expressions.contains(where: { repaired == $0 || (repaired.hasPrefix("-") && repaired.hasSuffix($0)) })
            else { continue }
            return (bytes[offset], offset)
        }
        return nil
    }

    /// What `hadr --help` prints: the forms, the options from their table, the exit statuses.
    static var usage: String {
        var text = """
            hadr \(version): an interactive language for availability, resilience and disaster-recovery math.

            Usage:
              hadr [OPTION...]                      the REPL on a terminal; piped input runs as a script
              hadr [OPTION...] FILE [ARG...]        run a script (`-` reads it from standard input)
              hadr [OPTION...] -e EXPR... [ARG...]  evaluate each EXPR and print its value

            The words after FILE (or after the expressions) are the script's, visible as `args`.

            Options:

            """
        let rows = CommandOption.all.map { option in
            (option.spelling + (option.value.map { " " + $0 } ?? ""), option.help)
        }
        let width = rows.map(\.0.count).max() ?? 0
        for (left, help) in rows {
            text += "  " + left + String(repeating: " ", count: width - left.count + 2) + help + "\n"
        }
        text += """

            Exit status: 0 success; 1 a failed assert; 64 bad usage; 65 a syntax or name error;
            66 a file that cannot be read; 70 an error while running; 74 standard output not writable;
            130 interrupted (143 for SIGTERM).

            The manual: man hadr (docs/man/hadr.1).

            """
        return text
    }
}
