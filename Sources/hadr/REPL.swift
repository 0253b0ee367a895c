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
    static let historySize = 1000

    private var session: Session
    private let makeSession: () -> Session
    private let console: Console
    private let renderer: DiagnosticRenderer
    private let style: Display.Style
    /// The terminal's layout now: read before each input, so output follows a resized window.
    private let layout: () -> Display.Layout
    /// The inputs that succeeded, for `:save`.
    private var transcript: [String] = []
    private var inputNumber = 1

    init(
        session: Session, makeSession: @escaping () -> Session, console: Console, renderer: DiagnosticRenderer,
        style: Display.Style, layout: @escaping () -> Display.Layout
    ) {
        self.session = session
        self.makeSession = makeSession
        self.console = console
        self.renderer = renderer
        self.style = style
        self.layout = layout
    }

    /// The banner, wrapped to the terminal: what hadr is, and how to get help and out.
    static func banner(width: Int) -> String {
        let lines = [
            "hadr \(Hadr.version): availability, resilience and DR math.",
            "help() lists topics, :help the commands, Ctrl-D quits.",
        ]
        return lines.flatMap { Display.wrap($0, width: width) }.joined(separator: "\n") + "\n"
    }

    func run() -> Int32 {
        Self.installInterruptHandler()
        console.out(Self.banner(width: layout().width))
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
            session.layout = layout()
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
        var last: Result?
        session.onResult = { [console, style] result in
            console.out(result.text(style: style) + "\n")
            last = result
        }
        _ = interruptRequests.take()
        if let error = session.evaluate(input, name: "<input \(inputNumber)>") {
            // After the terminal's own `^C`, start the message on a fresh line.
            console.err((error.kind == .interrupted ? "\n" : "") + renderer.render(error))
        } else {
            if record { transcript.append(input) }
            if let last { session.bindLastResult(last) }
        }
        inputNumber += 1
    }

    private func complete(_ line: String, _ cursor: Int) -> [String] {
        session.completions(line: line, cursor: cursor, commands: REPLCommand.names)
    }

    // MARK: Commands

    /// Runs a `:command`; false means quit.
    private func handleCommand(_ input: String) -> Bool {
        let trimmed = input.trimmingSpaces
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        let word = parts[0]
        let argument = parts.count > 1 ? parts[1].trimmingSpaces : ""
        guard let command = REPLCommand.named(word) else {
            var message = "unknown command `\(word)`"
            if let guess = Suggestion.closest(to: word, among: REPLCommand.names) {
                message += "; did you mean `\(guess)`?"
            }
            console.err(message + " (:help lists the commands)\n")
            return true
        }
        return command.run(self, argument)
    }

    /// `:help`: the commands and the topics, or help for one name; nothing is evaluated.
    func help(_ argument: String) -> Bool {
        if argument.isEmpty {
            console.out(REPLCommand.listing)
            console.out(
                "Keys: Tab completes, Up/Down and Ctrl-R search history, Ctrl-C stops a running evaluation.\n\n")
            console.out(session.help(nil))
        } else {
            console.out(session.help(argument))
        }
        return true
    }

    /// `:vars`: the user's bindings and their values.
    func showBindings() -> Bool {
        let bindings = session.bindings
        if bindings.isEmpty { console.out("no bindings yet\n") }
        for (name, value) in bindings { console.out("\(name) = \(value)\n") }
        return true
    }

    /// `:load FILE`: runs a script in this session.
    func load(_ path: String) -> Bool {
        guard !path.isEmpty else {
            console.err("usage: :load FILE\n")
            return true
        }
        session.onResult = { [console, style] result in console.out(result.text(style: style) + "\n") }
        if let error = session.runFile(path) {
            console.err(renderer.render(error))
        } else {
            transcript.append("import \"\(path.replacingQuotes)\"")
        }
        return true
    }

    /// `:save FILE`: writes the session's successful inputs as a script.
    func save(_ path: String) -> Bool {
        guard !path.isEmpty else {
            console.err("usage: :save FILE\n")
            return true
        }
        let text = "# hadr session\n" + transcript.map { $0 + "\n" }.joined()
        if let problem = AtomicFile.write(text, to: path) {
            console.err("cannot save `\(path)`: \(problem)\n")
        } else {
            console.out("saved \(transcript.count) input\(transcript.count == 1 ? "" : "s") to \(path)\n")
        }
        return true
    }

    /// `:reset`: a fresh session.
    func reset() -> Bool {
        session = makeSession()
        transcript = []
        console.out("session reset\n")
        return true
    }

    /// `:time EXPR`: evaluates and shows how long it took.
    func time(_ expression: String) -> Bool {
        let start = Self.now()
        evaluate(expression)
        console.out("time: \(Display.duration(Self.now() - start))\n")
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
