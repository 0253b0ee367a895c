import HadrCore

#if canImport(Glibc)
    import Glibc
#endif

/// Runs what an invocation asks for (`-e` expressions, a script, standard input, the
/// REPL, or only a check of them) and turns errors into exit statuses.
struct Runner {
    let invocation: Invocation
    let console = Console()

    /// The sessions made, kept until the process exits: hadr exits right after a run, and
    /// freeing what a stopped script built (a hundred million list items) took seconds
    /// after its time limit or its Ctrl-C, for nothing.
    nonisolated(unsafe) private static var kept: [Session] = []

    /// Chooses the mode and returns the exit status: the run's own, or 74 when standard
    /// output could not be written (a full disk, a closed pipe).
    func main() -> Int32 {
        // A closed pipe is a failed write (EPIPE), reported with status 74, not a silent death by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let status = run()
        console.flush()
        if let failure = console.writeFailure {
            console.err("hadr: cannot write standard output: \(failure)\n")
            return ExitStatus.outputFailed
        }
        return status
    }

    private func run() -> Int32 {
        let named = !invocation.expressions.isEmpty || invocation.script != nil
        let startsREPL = (!named && !invocation.check || invocation.interactive) && console.stdinIsTerminal
        if !startsREPL { Signals.installForScript() }
        let colors = Colors(mode: invocation.color, isTerminal: console.stdoutIsTerminal)
        let errorColors = Colors(mode: invocation.color, isTerminal: isatty(2) == 1)
        let renderer = DiagnosticRenderer(palette: errorColors.diagnostics)
        let width = invocation.width
        let isTerminal = console.stdoutIsTerminal
        var options = Session.Options()
        options.limits = invocation.limits
        options.arguments = invocation.arguments
        options.layout = TerminalLayout.current(isTerminal: isTerminal, width: width)
        options.resultFormat =
            invocation.json ? .json : invocation.csv ? .csv : invocation.markdown ? .markdown : .text(colors.display)
        let json = invocation.json
        let makeSession = { [console] in
            let session = Session(options: options, interrupt: interruptRequests) { text in
                // Under --json, what `print` (or `help`, `explain`) writes is one JSON string a call.
                console.out(
                    json ? Display.jsonString(text.hasSuffix("\n") ? String(text.dropLast()) : text) + "\n" : text)
            }
            // Warnings go to standard error, so standard output stays the results (and valid JSON).
            session.onWarning = { console.err(renderer.render($0)) }
            return session
        }
        let session = makeSession()
        Self.kept.append(session)
        var shown = 0
        session.onResult = { [console] result in
            // Documents one after another stay apart: a blank line between them.
            console.out((result.isDocument && shown > 0 ? "\n" : "") + result.written)
            shown += 1
        }
        func report(_ diagnostic: Diagnostic?) -> Int32 {
            guard var diagnostic else { return ExitStatus.ok }
            // Stopped because standard output failed: `main` says so, once.
            if diagnostic.kind == .interrupted, console.writeFailure != nil { return ExitStatus.outputFailed }
            if diagnostic.kind == .io, invocation.script == "help" {
                diagnostic.notes.append("note: `hadr --help` shows the usage")
            }
            // A script that cannot be read has no place to point at: hadr itself reports it.
            let prefix = diagnostic.hasLocation ? "" : "hadr: "
            console.err(json ? diagnostic.json + "\n" : prefix + renderer.render(diagnostic))
            if diagnostic.kind == .interrupted { return Signals.interruptedStatus }
            return ExitStatus.of(diagnostic)
        }
        func repl() -> Int32 {
            REPL(
                session: session, makeSession: makeSession, console: console, renderer: renderer,
                layout: { TerminalLayout.current(isTerminal: isTerminal, width: width) }
            ).run()
        }
        let check = invocation.check
        var status = ExitStatus.ok
        if !invocation.expressions.isEmpty {
            for (i, expression) in invocation.expressions.enumerated() {
                let name = invocation.expressions.count == 1 ? "<-e>" : "<-e \(i + 1)>"
                status = report(check ? session.check(expression, name: name) : session.run(expression, name: name))
                if status != ExitStatus.ok { break }
            }
        } else if let script = invocation.script, script != "-" {
            status = report(check ? session.checkFile(script) : session.runFile(script))
        } else if !named, !check, console.stdinIsTerminal {
            return repl()
        } else {
            status = report(check ? session.checkStandardInput() : session.runStandardInput())
        }
        guard invocation.interactive else { return status }
        // -i: on to the REPL, which starts even after an error so that the state can be looked
        // at; piped, the lines of standard input run as more of the script.
        if console.stdinIsTerminal {
            let replStatus = repl()
            return status != ExitStatus.ok ? status : replStatus
        }
        if status != ExitStatus.ok || invocation.script == "-" { return status }
        return report(session.runStandardInput())
    }
}
