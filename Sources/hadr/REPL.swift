import HadrCore
import LineEditing

#if canImport(Glibc)
    import Glibc
#endif

/// The interactive prompt: reads lines (with libedit when stdin is a terminal), asks for
/// more while the input is unfinished, prints each result, and keeps the session intact
/// after an error or Ctrl-C.
final class REPL {
    static let historySize = 1000

    private var session: Session
    private let makeSession: () -> Session
    private let console: Console
    private let renderer: DiagnosticRenderer
    /// The terminal's layout now: read before each input, so output follows a resized window.
    private let layout: () -> Display.Layout
    /// The inputs that succeeded, for `:save`: what was typed (its imports found from the
    /// current folder), and the text of each file `:load` ran (its imports found beside it).
    private var transcript: [(text: String, directory: String)] = []
    /// Whether the user has been told that the history cannot be saved.
    private var warnedAboutHistory = false
    private var inputNumber = 1

    init(
        session: Session, makeSession: @escaping () -> Session, console: Console, renderer: DiagnosticRenderer,
        layout: @escaping () -> Display.Layout
    ) {
        self.session = session
        self.makeSession = makeSession
        self.console = console
        self.renderer = renderer
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
        Signals.installForREPL()
        console.out(Self.banner(width: layout().width))
        console.flush()
        let history = HistoryFile.defaultPath().map { HistoryFile(path: $0, limit: Self.historySize) }
        let editor = LineEditor(name: "hadr", historySize: Self.historySize) { [weak self] line, cursor in
            self?.complete(line, cursor) ?? []
        }
        for entry in history?.load() ?? [] { editor.addHistory(entry) }
        var pending = PendingInput()
        while true {
            _ = interruptRequests.take()
            guard let line = editor.readLine(prompt: pending.isEmpty ? "hadr> " : "  ... ") else {
                if interruptRequests.take() {
                    // Ctrl-C at the prompt: drop the line (and any unfinished input).
                    console.out("^C\n")
                    console.flush()
                    pending = PendingInput()
                    continue
                }
                console.out("\n")
                if !pending.isEmpty {
                    // Ctrl-D on a continuation line: say what is unfinished, and go on.
                    evaluate(pending.text)
                    pending = PendingInput()
                    console.flush()
                    continue
                }
                console.flush()
                return ExitStatus.ok
            }
            let mightBeComplete = pending.add(line)
            if !pending.hasContent {
                pending = PendingInput()
                continue
            }
            // Parsed only once the brackets, strings and `do`s seen close: a pasted block
            // is scanned once, not parsed again at each of its lines.
            if !pending.text.hasPrefix(":"), !mightBeComplete || Session.isIncomplete(pending.text) { continue }
            let input = pending.text
            pending = PendingInput()
            session.layout = layout()
            editor.addHistory(input)
            if let history, !history.append(input), !warnedAboutHistory {
                warnedAboutHistory = true
                console.err("hadr: the history is not saved: cannot write \(history.path)\n")
            }
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
        session.onResult = { [console] result in
            console.out(result.written)
            last = result
        }
        _ = interruptRequests.take()
        if let error = session.evaluate(input, name: "<input \(inputNumber)>") {
            // After the terminal's own `^C`, start the message on a fresh line.
            console.err((error.kind == .interrupted ? "\n" : "") + renderer.render(error))
        } else {
            if record { transcript.append((input, ".")) }
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
            let width = layout().width
            console.out(REPLCommand.listing(width: width))
            let keys = "Keys: Tab completes, Up/Down and Ctrl-R search history, Ctrl-C stops a running evaluation."
            console.out(Display.wrap(keys, width: width).joined(separator: "\n") + "\n\n")
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
        let text: String
        switch Session.readSource(path) {
        case .success(let read): text = read
        case .failure(let error):
            console.err(renderer.render(error))
            return true
        }
        session.onResult = { [console] result in console.out(result.written) }
        let directory = Self.directory(of: path)
        if let error = session.run(text, name: path, directory: directory) {
            console.err(renderer.render(error))
        } else {
            // The file's own text, so that `:save` keeps its definitions whole.
            transcript.append(("# :load \(path)\n" + text, directory))
        }
        return true
    }

    /// `:save FILE`: writes the session's successful inputs as a script.
    func save(_ path: String) -> Bool {
        guard !path.isEmpty else {
            console.err("usage: :save FILE\n")
            return true
        }
        if let importer = transcript.first(where: { Self.imports($0.text, from: $0.directory, file: path) }) {
            let what = importer.text.hasPrefix("# :load ") ? "a loaded file imports it" : "an input imports it"
            console.err("cannot save `\(path)`: \(what), so the saved file would import itself\n")
            return true
        }
        let text = "# hadr session\n" + transcript.map { $0.text + ($0.text.hasSuffix("\n") ? "" : "\n") }.joined()
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

    /// The folder part of a path ("." when there is none).
    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// Whether `text` has an `import` of `file`, its paths taken from `directory`.
    private static func imports(_ text: String, from directory: String, file: String) -> Bool {
        guard let target = canonical(file) else { return false }
        for line in text.split(separator: "\n") {
            let words = String(line).trimmingSpaces
            guard words.hasPrefix("import "), let open = words.firstIndex(of: "\"") else { continue }
            let rest = words[words.index(after: open)...]
            guard let close = rest.firstIndex(of: "\"") else { continue }
            let imported = String(rest[..<close])
            let joined = imported.hasPrefix("/") ? imported : directory + "/" + imported
            if canonical(joined) == target { return true }
        }
        return false
    }

    /// The absolute, symlink-free form of a path; for a file not made yet, of its folder.
    private static func canonical(_ path: String) -> String? {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        guard let slash = path.lastIndex(of: "/") else { return canonical("./" + path) }
        let folder = slash == path.startIndex ? "/" : String(path[..<slash])
        guard let resolved = realpath(folder, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved) + path[slash...]
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
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
