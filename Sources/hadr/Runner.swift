import HadrCore

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `-e` expressions, a script file, piped input or the REPL, and turns errors into exit statuses.
struct Runner {
    struct Settings {
        var options: Session.Options
        var json: Bool
        var color: String
        /// `csv` or `markdown`: tables, records and lists print as that document format.
        var document: String? = nil
        /// Columns to draw for, instead of the terminal's.
        var width: Int? = nil
    }

    let settings: Settings
    let console = Console()

    /// Chooses the mode and returns the exit status: the run's own, or 74 when standard
    /// output could not be written (a full disk, a closed pipe).
    func main(expressions: [String], script: String?) -> Int32 {
        let status = run(expressions: expressions, script: script)
        console.flush()
        if let failure = console.writeFailure {
            console.err("hadr: cannot write standard output: \(failure)\n")
            return ExitStatus.outputFailed
        }
        return status
    }

    private func run(expressions: [String], script: String?) -> Int32 {
        let repl = expressions.isEmpty && script == nil && console.stdinIsTerminal
        if !repl { Signals.installForScript() }
        let colors = Colors(mode: settings.color, isTerminal: console.stdoutIsTerminal)
        let errorColors = Colors(mode: settings.color, isTerminal: isatty(2) == 1)
        let renderer = DiagnosticRenderer(palette: errorColors.diagnostics)
        var options = settings.options
        let width = settings.width
        let isTerminal = console.stdoutIsTerminal
        options.layout = TerminalLayout.current(isTerminal: isTerminal, width: width)
        let makeSession = { [console] in
            Session(options: options, interrupt: interruptRequests, output: { console.out($0) })
        }
        let session = makeSession()
        let style = colors.display
        let json = settings.json
        let document = settings.document
        var shown = 0
        session.onResult = { [console] result in
            if json {
                console.out(result.json + "\n")
            } else if let document, let text = document == "csv" ? result.csv : result.markdown {
                // Documents one after another stay apart: a blank line between them.
                console.out((shown > 0 ? "\n" : "") + text)
            } else {
                console.out(result.text(style: style) + "\n")
            }
            shown += 1
        }
        func report(_ diagnostic: Diagnostic?) -> Int32 {
            guard let diagnostic else { return ExitStatus.ok }
            console.err(renderer.render(diagnostic))
            if diagnostic.kind == .interrupted { return Signals.interruptedStatus }
            return ExitStatus.of(diagnostic)
        }
        if !expressions.isEmpty {
            for (i, expression) in expressions.enumerated() {
                let name = expressions.count == 1 ? "<-e>" : "<-e \(i + 1)>"
                let status = report(session.run(expression, name: name))
                if status != ExitStatus.ok { return status }
            }
            return ExitStatus.ok
        }
        if let script {
            if let error = session.runFile(script) {
                // A script that cannot be read has no place to point at.
                if error.kind == .io, !error.hasLocation {
                    console.err("hadr: " + error.message + "\n")
                    return ExitStatus.noInput
                }
                return report(error)
            }
            return ExitStatus.ok
        }
        if !console.stdinIsTerminal {
            return report(session.runStandardInput())
        }
        return REPL(
            session: session, makeSession: makeSession, console: console, renderer: renderer, style: style,
            layout: { TerminalLayout.current(isTerminal: isTerminal, width: width) }
        ).run()
    }
}
