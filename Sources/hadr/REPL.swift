import HadrCore
import LineEditing

#if canImport(Glibc)
    import Glibc
#endif

/// Set by SIGINT: stops a running evaluation, or clears the line at the prompt.
/// A signal handler cannot capture, so it reaches this one global through a `let`.
let interruptRequests = Interrupt()

/// The interactive prompt: reads lines (with libedit when stdin is a terminal), asks for
/// more while the input is unfinished, prints each result, and keeps the session intact
/// after an error or Ctrl-C.
final class REPL {
    static let commands = [":help", ":vars", ":load", ":save", ":reset", ":time", ":quit"]
    static let historySize = 1000

    private var session: Session
    private let makeSession: () -> Session?
    private let console: Console
    private let renderer: DiagnosticRenderer
    private let style: Display.Style
    /// The inputs that succeeded, for `:save`.
    private var transcript: [String] = []
    private var inputNumber = 1

    init(
        session: Session, makeSession: @escaping () -> Session?, console: Console, renderer: DiagnosticRenderer,
        style: Display.Style
    ) {
        self.session = session
        self.makeSession = makeSession
        self.console = console
        self.renderer = renderer
        self.style = style
    }

    func run() -> Int32 {
        Self.installInterruptHandler()
        console.out(
            "hadr \(Hadr.version): availability, resilience and DR math. help() lists topics, :help the commands, Ctrl-D quits.\n"
        )
        console.flush()
        let history = HistoryFile.defaultPath().map { HistoryFile(path: $0, limit: Self.historySize) }
        let editor = LineEditor(name: "hadr", historySize: Self.historySize) { [weak self] line, cursor in
            self?.complete(line, cursor) ?? []
        }
        for entry in history?.load() ?? [] { editor.addHistory(entry) }
        var pending = ""
        while true {
            _ = interruptRequests.take()
            guard let line = editor.readLine(prompt: pending.isEmpty ? "hadr> " : "  ... ") else {
                if interruptRequests.take() {
                    // Ctrl-C at the prompt: drop the line (and any unfinished input).
                    console.out("^C\n")
                    console.flush()
                    pending = ""
                    continue
                }
                console.out("\n")
                console.flush()
                return ExitStatus.ok
            }
            pending += pending.isEmpty ? line : "\n" + line
            if pending.trimmingSpaces.isEmpty {
                pending = ""
                continue
            }
            if !pending.hasPrefix(":"), Session.isIncomplete(pending) { continue }
            let input = pending
            pending = ""
            editor.addHistory(input)
            history?.append(input)
            if input.hasPrefix(":") {
                if handleCommand(input) == false { return ExitStatus.ok }
            } else {
                evaluate(input)
            }
            console.flush()
        }
    }

    // MARK: Evaluation

    /// Evaluates an input; `record` keeps it for `:save` when it succeeds.
    private func evaluate(_ input: String, record: Bool = true) {
        var last: Value?
        session.onResult = { [console, style] value in
            console.out(Display.result(value, style: style) + "\n")
            last = value
        }
        _ = interruptRequests.take()
        if let error = session.evaluate(input, name: "<input \(inputNumber)>") {
            // After the terminal's own `^C`, start the message on a fresh line.
            console.err((error.kind == .interrupted ? "\n" : "") + renderer.render(error))
        } else {
            if record { transcript.append(input) }
            if let last { session.setGlobal("_", last) }
        }
        inputNumber += 1
    }

    private func complete(_ line: String, _ cursor: Int) -> [String] {
        session.completions(line: line, cursor: cursor, commands: Self.commands)
    }

    // MARK: Commands

    /// Runs a `:command`; false means quit.
    private func handleCommand(_ input: String) -> Bool {
        let trimmed = input.trimmingSpaces
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        let command = parts[0]
        let argument = parts.count > 1 ? parts[1].trimmingSpaces : ""
        switch command {
        case ":quit", ":q", ":exit":
            return false
        case ":help":
            if argument.isEmpty {
                console.out(
                    """
                    Commands:
                      :help [name]   help for a function or a domain (the same as help(name))
                      :vars          the names you have bound, with their values
                      :load FILE     run a script in this session
                      :save FILE     write this session's successful inputs as a script
                      :reset         forget every binding
                      :time EXPR     evaluate and show how long it took
                      :quit          leave (Ctrl-D too)
                    Keys: Tab completes, Up/Down and Ctrl-R search history, Ctrl-C stops a running evaluation.

                    """)
                evaluate("help()", record: false)
            } else if argument.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
                session.value(of: argument) != nil
            {
                evaluate("help(\(argument))", record: false)
            } else {
                evaluate("help(\"\(argument.replacingQuotes)\")", record: false)
            }
        case ":vars":
            let names = session.userNames
            if names.isEmpty { console.out("no bindings yet\n") }
            for name in names {
                guard let value = session.value(of: name) else { continue }
                console.out("\(name) = \(Display.plain(value, quoted: true))\n")
            }
        case ":load":
            guard !argument.isEmpty else {
                console.err("usage: :load FILE\n")
                return true
            }
            let text: String
            do { text = try SourceLoader.read(argument) } catch {
                console.err(renderer.render(error))
                return true
            }
            session.onResult = { [console, style] value in console.out(Display.result(value, style: style) + "\n") }
            let file = SourceFile(name: argument, text: text, directory: SourceLoader.directory(of: argument))
            if let error = session.run(file) {
                console.err(renderer.render(error))
            } else {
                transcript.append("import \"\(argument.replacingQuotes)\"")
            }
        case ":save":
            guard !argument.isEmpty else {
                console.err("usage: :save FILE\n")
                return true
            }
            let text = "# hadr session\n" + transcript.map { $0 + "\n" }.joined()
            if let problem = AtomicFile.write(text, to: argument) {
                console.err("cannot save `\(argument)`: \(problem)\n")
            } else {
                console.out("saved \(transcript.count) input\(transcript.count == 1 ? "" : "s") to \(argument)\n")
            }
        case ":reset":
            if let fresh = makeSession() {
                session = fresh
                transcript = []
                console.out("session reset\n")
            }
        case ":time":
            let start = Self.now()
            evaluate(argument)
            console.out("time: \(Display.duration(Self.now() - start))\n")
        default:
            var message = "unknown command `\(command)`"
            if let guess = Suggestion.closest(to: command, among: Self.commands) {
                message += "; did you mean `\(guess)`?"
            }
            console.err(message + " (:help lists the commands)\n")
        }
        return true
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// SIGINT sets the flag; no SA_RESTART, so a read at the prompt returns.
    private static func installInterruptHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptRequests.request() }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    var replacingQuotes: String {
        String(flatMap { $0 == "\"" || $0 == "\\" ? ["\\", $0] : [$0] })
    }
}
