/// The one public entry to the language: runs files and REPL inputs against one set of
/// globals. It chains the stages, each one way: source text → `Parser` (syntax tree) →
/// `Loader` (the library files and imported files the input needs, read and parsed, in
/// dependency order) → `Resolver` (every name a slot, calls checked) → `Compiler`
/// (closures) → `Machine` (values).
///
/// Every evaluation runs on a thread of the session's own with a large stack, so the
/// deep but bounded recursion of the stages reaches hadr's limits long before the native
/// stack's; callers need not know.
public final class Session {
    /// How a session runs.
    public struct Options: Sendable {
        public var limits = Limits()
        /// The script's command-line arguments, visible as `args`.
        public var arguments: [String] = []
        /// The width and characters output is drawn for; 80 columns of Unicode unless the
        /// caller knows its terminal.
        public var layout = Display.Layout.standard
        /// How each result is shown (`Result.shown`).
        public var resultFormat = ResultFormat.text(.plain)

        public init() {}
    }

    private let globals = GlobalTable()
    private let machine: Machine
    private let resultFormat: ResultFormat
    private var loader = Loader()
    /// The last result whose display a limit stopped, kept until the next one (see `result`).
    private var unshown: Value?
    /// When reading the script about to run began: its time counts against `--timeout`.
    private var clockStart: Double?

    /// Called with each top-level bare expression's value.
    public var onResult: (Result) -> Void = { _ in }

    /// Called with each warning (a diagnostic with `isWarning`), once per place in the source;
    /// the evaluation goes on.
    public var onWarning: (Diagnostic) -> Void {
        get { machine.warning }
        set { machine.warning = newValue }
    }

    /// Starts a session. The standard library is not loaded here: each file is read the
    /// first time an input uses one of its names, so a session that needs none of it
    /// starts without that work.
    public init(options: Options = Options(), interrupt: Interrupt = Interrupt(), output: @escaping (String) -> Void) {
        machine = Machine(limits: options.limits, interrupt: interrupt, output: output)
        machine.layout = options.layout
        resultFormat = options.resultFormat
        let argsSlot = globals.declare("args")
        machine.growGlobals(names: globals.names)
        machine.setGlobal(argsSlot, .list(options.arguments.map(Value.string)))
        loader.checkpoint = checkpoint
    }

    /// The limits of the next evaluation.
    public var limits: Limits {
        get { machine.limits }
        set { machine.limits = newValue }
    }

    /// The width and characters of what is shown next (the REPL follows its terminal's size).
    public var layout: Display.Layout {
        get { machine.layout }
        set { machine.layout = newValue }
    }

    // MARK: Running

    /// Runs a whole text as a file; stops at the first error and returns it. `directory`
    /// is where its imports are found (none for text that has no file).
    @discardableResult
    public func run(_ text: String, name: String, directory: String? = nil) -> Diagnostic? {
        let file = SourceFile(name: name, text: text, directory: directory)
        let path = directory.flatMap { _ in SourceLoader.canonical(name) }
        return onLargeStack { () throws(Diagnostic) in try self.execute(file, path: path) }
    }

    /// Where the first byte that is not UTF-8 is in `bytes`, if one is (for text that reached
    /// the host other than from a file, as the raw bytes of an `-e` argument).
    public static func firstByteNotUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let valid = SourceLoader.validUTF8Prefix(bytes)
        return valid < bytes.count ? valid : nil
    }

    /// Reads a script file as `runFile` would, for a caller that keeps its text.
    public static func readSource(_ path: String) -> Swift.Result<String, Diagnostic> {
        do { return .success(try SourceLoader.read(path)) } catch { return .failure(Diagnostic(error)) }
    }

    /// Reads and runs a script file.
    @discardableResult
    public func runFile(_ path: String) -> Diagnostic? {
        let text: String
        do { text = try readScript(path) } catch { return Diagnostic(error) }
        return run(text, name: path, directory: SourceLoader.directory(of: path))
    }

    /// Reads standard input to its end (at most as much as a source file may be) and runs
    /// it as a script whose imports are found in the current folder.
    @discardableResult
    public func runStandardInput(name: String = "<stdin>") -> Diagnostic? {
        let text: String
        do { text = try readStandardInput(name) } catch { return Diagnostic(error) }
        return run(text, name: name, directory: ".")
    }

    /// Parses and resolves a whole text as `run` would, loading what it uses and what it
    /// imports, but runs nothing: the first syntax, name or call error, if any (`--check`).
    @discardableResult
    public func check(_ text: String, name: String, directory: String? = nil) -> Diagnostic? {
        let file = SourceFile(name: name, text: text, directory: directory)
        let path = directory.flatMap { _ in SourceLoader.canonical(name) }
        return onLargeStack { () throws(Diagnostic) in
            self.machine.begin(since: self.takeClockStart())
            let statements = try Parser.parse(file, checkpoint: self.checkpoint)
            let units = try self.loader.load(file, statements: statements, path: path)
            for unit in units { self.resolver(for: unit).hoist(unit.statements) }
            for unit in units {
                var resolver = self.resolver(for: unit)
                _ = try resolver.resolve(unit.statements)
            }
        }
    }

    /// Reads a script file and checks it (`check`).
    @discardableResult
    public func checkFile(_ path: String) -> Diagnostic? {
        let text: String
        do { text = try readScript(path) } catch { return Diagnostic(error) }
        return check(text, name: path, directory: SourceLoader.directory(of: path))
    }

    /// Reads standard input as `runStandardInput` does and checks it (`check`).
    @discardableResult
    public func checkStandardInput(name: String = "<stdin>") -> Diagnostic? {
        let text: String
        do { text = try readStandardInput(name) } catch { return Diagnostic(error) }
        return check(text, name: name, directory: ".")
    }

    /// When reading the script began, once: the next evaluation's clock starts there.
    private func takeClockStart() -> Double? {
        defer { clockStart = nil }
        return clockStart
    }

    /// Reads a script file (or pipe) under the time limit, whose clock then goes on through
    /// its evaluation: `--timeout` covers a pipe that is slow to give the script.
    private func readScript(_ path: String) throws(LoadError) -> String {
        clockStart = Machine.now()
        return try SourceLoader.read(path, timeout: machine.limits.timeout)
    }

    /// Reads standard input to its end as `readScript` reads a file.
    private func readStandardInput(_ name: String) throws(LoadError) -> String {
        clockStart = Machine.now()
        return try SourceLoader.readAll(0, name: name, timeout: machine.limits.timeout)
    }

    /// Runs one REPL input; on error the session is left exactly as it was before, the
    /// library files the input loaded included.
    @discardableResult
    public func evaluate(_ text: String, name: String = "<input>") -> Diagnostic? {
        let savedTable = globals.snapshot()
        let savedMachine = machine.snapshot()
        let savedLoader = loader.state
        let file = SourceFile(name: name, text: text)
        let error = onLargeStack { () throws(Diagnostic) in try self.execute(file, path: nil) }
        if error != nil {
            globals.restore(savedTable)
            machine.restore(savedMachine)
            loader.state = savedLoader
        }
        return error
    }

    /// Whether text is unfinished (an open bracket, `do` without `end`, a trailing operator).
    public static func isIncomplete(_ text: String) -> Bool {
        do {
            _ = try Parser.parse(SourceFile(name: "<input>", text: text))
            return false
        } catch {
            return error.kind == .incompleteInput
        }
    }

    /// Runs `body` on a large-stack thread and returns its error, if any.
    private func onLargeStack(_ body: @escaping () throws(Diagnostic) -> Void) -> Diagnostic? {
        var failure: Diagnostic?
        LargeStack.run {
            do throws(Diagnostic) { try body() } catch { failure = error }
        }
        return failure
    }

    /// The pipeline, for one input: parse, load what it needs, resolve and compile each
    /// unit, run the library files, then the input.
    private func execute(_ file: SourceFile, path: String?) throws(Diagnostic) {
        // The clock starts before parsing, so that a time limit covers every stage.
        machine.begin(since: takeClockStart())
        let statements = try Parser.parse(file, checkpoint: checkpoint)
        let units = try loader.load(file, statements: statements, path: path)
        // Every unit's top-level names first: a file sees the names of those loaded with it.
        for unit in units { resolver(for: unit).hoist(unit.statements) }
        var input: Module?
        for unit in units {
            var resolver = resolver(for: unit)
            let chunk = try resolver.resolve(unit.statements)
            machine.growGlobals(names: globals.names)
            let module = try Compiler.compile(chunk, file: unit.file, checkpoint: checkpoint)
            machine.add(module, as: unit.id)
            if unit.isLibrary {
                module.hasRun = true
                try run(module, echo: false)
            }
            input = module
        }
        if let input {
            input.hasRun = true
            try run(input, echo: true)
        }
    }

    private func resolver(for unit: Loader.Unit) -> Resolver {
        var resolver = Resolver(file: unit.file, globals: globals, natives: Builtins.table, imports: unit.imports)
        resolver.checkpoint = checkpoint
        return resolver
    }

    /// The front end's checkpoint: the machine's time limit and interrupt, checked while
    /// a long input is parsed, resolved and compiled (the clock starts before parsing).
    private var checkpoint: Checkpoint {
        { [machine] () throws(Diagnostic) in
            do { try machine.checkpoint() } catch { throw Diagnostic.from(error) }
        }
    }

    private func run(_ module: Module, echo: Bool) throws(Diagnostic) {
        do {
            try machine.run(module) { value, range in
                if echo, !Self.isNone(value) {
                    self.onResult(try self.result(value, file: module.file, range: range))
                }
            }
        } catch {
            throw Self.locatedInUserCode(Diagnostic.from(error))
        }
    }

    /// A result with its text made, in the session's format, under the evaluation's limits:
    /// showing ten million items stops at `--timeout` or Ctrl-C like making them, and the
    /// error takes the place of the unfinished text. A value with no JSON form (nested
    /// deeper than JSON readers accept) is an error here, where it has a place.
    private func result(_ value: Value, file: SourceFile, range: SourceRange) throws -> Result {
        var result = Result(value: value, layout: machine.layout, calendar: machine.calendar ?? .standard)
        let made: (String, isDocument: Bool)?
        do { made = try machine.paced { result.made(as: resultFormat) } } catch {
            // Kept, not freed on the way out: freeing millions of items takes longer than
            // the display was allowed (0.4 s for two million lists), and a script exits next.
            unshown = value
            var d = Diagnostic.from(error).placed(in: file, at: range)
            d.notes.insert("note: while showing this result", at: 0)
            throw d
        }
        guard let made else {
            throw Diagnostic(
                .limit, "this result nests more than \(Display.maxDepth) levels deep, more than JSON readers accept",
                file: file, range: range, notes: ["help: show a part of it, or run without --json to see it as text"])
        }
        (result.shown, result.isDocument) = made
        return result
    }

    /// An error raised inside the standard library is shown at the user's call into it,
    /// with the library's own line as a note.
    private static func locatedInUserCode(_ d: Diagnostic) -> Diagnostic {
        guard let file = d.file, file.name.hasPrefix("stdlib/"), let range = d.range,
            let index = d.frames.firstIndex(where: { !$0.file.name.hasPrefix("stdlib/") })
        else { return d }
        var moved = d
        let frame = d.frames[index]
        let (line, column) = file.location(of: range.start)
        moved.file = frame.file
        moved.range = frame.range
        // Raised right inside the function the user called: name the user's argument.
        if index == 0,
            let message = Library.messageNamingUserArgument(
                d.message, call: file.text(in: range), in: frame.function)
        {
            moved.message = message
        }
        moved.notes.append("note: raised in `\(frame.function)` at \(file.name):\(line):\(column)")
        moved.frames = Array(d.frames.dropFirst(index + 1))
        return moved
    }

    private static func isNone(_ value: Value) -> Bool {
        if case .none = value { return true }
        return false
    }

    // MARK: Introspection

    /// The names the user has bound (not the standard library's), in the order first bound.
    var userNames: [String] {
        globals.names.filter { !Library.names.contains($0) && $0 != "args" && value(of: $0) != nil }
    }

    /// The user's bindings with their values shown on one line, for `:vars`.
    /// A value too long for a few lines is cut, ending in `…`: `:vars` with ten million
    /// items bound printed every one, whatever the time limit.
    public var bindings: [(name: String, value: String)] {
        let most = machine.layout.width * 4
        return userNames.compactMap { name in
            value(of: name).map { value in
                var out: [UInt8] = []
                do throws(Display.TooLong) {
                    try Display.append(value, to: &out, quoted: true, style: .plain, depth: 0, limit: most)
                } catch {
                    let unicode = machine.layout.unicode
                    let cut = Display.truncate(String(decoding: out, as: UTF8.self), to: most, unicode: unicode)
                    return (name, cut.hasSuffix(unicode ? "…" : "...") ? cut : cut + (unicode ? "…" : "..."))
                }
                return (name, String(decoding: out, as: UTF8.self))
            }
        }
    }

    /// Binds `_` to the last result, as the REPL does after each input.
    public func bindLastResult(_ result: Result) {
        let slot = globals.declare("_")
        globals.signatures[slot] = nil
        machine.growGlobals(names: globals.names)
        machine.setGlobal(slot, result.value)
    }

    /// The help text for a function or a topic, by name, without evaluating anything (`:help`).
    public func help(_ topic: String?) -> String {
        guard let topic else { return Help.topics(width: machine.layout.width) }
        return Help.text(forTopic: topic, in: machine)
    }

    /// The globals declared so far, library ones only once their file is loaded.
    var globalsDeclared: [String] { globals.names }

    /// Every name an input may use: those bound, and the library's.
    var knownNames: [String] { globals.names + Library.names.filter { globals.slot(of: $0) == nil }.sorted() }

    /// The value of a global, if it has one.
    func value(of name: String) -> Value? {
        globals.slot(of: name).flatMap(machine.value(atGlobal:))
    }
}

/// How a session shows its results.
public enum ResultFormat: Sendable {
    /// As the prompt shows them, in a style (with colours or without).
    case text(Display.Style)
    /// `--json`: one line of JSON each.
    case json
    /// `--csv` and `--markdown`: a table, record or list as a document; anything else as text.
    case csv, markdown
}

/// A value an evaluation produced, as the session hands it out: with its text in the
/// session's format, and able to show itself in the others.
public struct Result {
    let value: Value
    /// The layout of the session that made it.
    let layout: Display.Layout
    /// The session's calendar when it was made: months, quarters and years are shown in it.
    var calendar = CalendarUnits.standard
    /// The text in the session's `ResultFormat`, without a final line break (a document
    /// ends in one).
    public internal(set) var shown = ""
    /// Whether `shown` is a CSV or Markdown document rather than a value's text.
    public internal(set) var isDocument = false

    /// `shown` as written out: ending in a line break.
    public var written: String { isDocument ? shown : shown + "\n" }

    /// The text in `format`; nil for JSON of a value nested too deep to have one.
    func made(as format: ResultFormat) -> (String, isDocument: Bool)? {
        switch format {
        case .text(let style): return (text(style: style), false)
        case .json: return Display.json(value).map { ($0, false) }
        case .csv: return csv.map { ($0, true) } ?? (text(), false)
        case .markdown: return markdown.map { ($0, true) } ?? (text(), false)
        }
    }

    /// The value as a result is shown at the prompt: strings quoted, tables as columns,
    /// pictures drawn, all fitted to the session's layout.
    public func text(style: Display.Style = .plain) -> String {
        CalendarUnits.with(calendar) { Display.result(value, style: style, layout: layout) }
    }

    /// The value as a document; nil for a value that is not a table, record or list, and
    /// for records with no fields (a table of no columns has no CSV or Markdown form).
    private var document: Display.Document? {
        Display.document(value, raw: false).flatMap { $0.columns.isEmpty ? nil : $0 }
    }

    /// The value as `--csv` prints it, when it is a table, a record or a list; nil otherwise.
    public var csv: String? {
        CalendarUnits.with(calendar) {
            document.map(Display.csv)
        }
    }

    /// The value as `--markdown` prints it, when it is a table, a record or a list; nil otherwise.
    public var markdown: String? {
        CalendarUnits.with(calendar) {
            document.map(Display.markdown)
        }
    }

    /// The value as `--json` prints it: one line of JSON (`null` for a value nested deeper
    /// than JSON readers accept, which a session showing JSON never hands out).
    public var json: String { Display.json(value) ?? "null" }
}
