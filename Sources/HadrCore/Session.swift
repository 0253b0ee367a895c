/// The one public entry to the language: runs files and REPL inputs against one set of
/// globals, chaining lexer → parser → resolver → compiler → machine.
public final class Session {
    /// How a session runs.
    public struct Options: Sendable {
        public var limits = Limits()
        /// The script's command-line arguments, visible as `args`.
        public var arguments: [String] = []

        public init() {}
    }

    private let globals = GlobalTable()
    private let machine: Machine
    /// Canonical path → module, for files already imported.
    private var modules: [String: Module] = [:]
    private var importStack: [String] = []
    /// Builtin and stdlib names by domain (the stdlib file they are declared in).
    public var domains: [(domain: String, names: [String])] {
        Self.library.map { (String($0.name.dropLast(".hadr".count)), $0.defines) }
    }
    /// Whether a top-level evaluation is running (a library file loaded then must not restart the clock).
    private var running = false
    /// An error raised while loading a library file, reported by the evaluation that needed it.
    private var libraryFailure: Diagnostic?

    /// Called with the value of each top-level bare expression.
    public var onResult: (Value) -> Void = { _ in }

    /// Starts a session. The standard library is not loaded here: each file is parsed,
    /// compiled and run the first time one of its names is used, so a session that needs
    /// none of it starts without that work.
    public init(options: Options = Options(), interrupt: Interrupt = Interrupt(), output: @escaping (String) -> Void)
        throws(Diagnostic)
    {
        machine = Machine(limits: options.limits, interrupt: interrupt, output: output)
        machine.hooks = self
        let argsSlot = globals.declare("args")
        globals.libraryFiles = { Self.library.map(\.defines) }
        globals.loadDeferred = { [unowned self] index in self.loadLibrary(index) }
        machine.growGlobals(to: globals.count)
        machine.setGlobal(argsSlot, .list(options.arguments.map(Value.string)))
    }

    /// The stdlib files, those that others build on first.
    static let loadOrder = ["core", "math", "lists", "text", "availability", "systems", "resilience", "recovery"]

    static let library: [(name: String, text: String, defines: [String])] =
        EmbeddedStdlib.files.sorted { a, b in
            let i = loadOrder.firstIndex(of: String(a.name.dropLast(5))) ?? loadOrder.count
            let j = loadOrder.firstIndex(of: String(b.name.dropLast(5))) ?? loadOrder.count
            return (i, a.name) < (j, b.name)
        }

    /// Every name the standard library defines, loaded or not.
    static let libraryNames: Set<String> = Set(library.flatMap(\.defines))

    /// Loads one library file: its names are declared and its top level runs.
    private func loadLibrary(_ index: Int) {
        let entry = Self.library[index]
        let file = SourceFile(name: "stdlib/\(entry.name)", text: entry.text)
        do {
            let module = try compile(file)
            if !running { machine.begin() }
            try machine.run(module) { _, _ in }
        } catch let d as Diagnostic {
            libraryFailure = libraryFailure ?? d
        } catch {
            libraryFailure = libraryFailure ?? Diagnostic(.runtime, "\(error)")
        }
    }

    /// Loads every library file not loaded yet (for `help()`, and tests of the library).
    public func loadWholeLibrary() {
        for entry in Self.library {
            for name in entry.defines { _ = globals.slot(of: name) }
        }
        machine.growGlobals(to: globals.count)
    }

    /// The limits of the next evaluation.
    public var limits: Limits {
        get { machine.limits }
        set { machine.limits = newValue }
    }

    // MARK: Running

    /// Runs a whole file; stops at the first error and returns it.
    @discardableResult
    public func run(_ file: SourceFile) -> Diagnostic? {
        if let path = file.directory.flatMap({ _ in SourceLoader.canonical(file.name) }) {
            importStack = [path]
        }
        defer { importStack = [] }
        do {
            try execute(file, echo: true)
            return nil
        } catch {
            return error
        }
    }

    /// Runs one REPL input; on error the session is left exactly as it was before.
    public func evaluate(_ text: String, name: String = "<input>") -> Diagnostic? {
        let savedTable = globals.snapshot()
        let savedValues = machine.snapshotGlobals()
        let savedModules = modules
        let file = SourceFile(name: name, text: text)
        do {
            try execute(file, echo: true)
            return nil
        } catch {
            globals.restore(savedTable)
            machine.restoreGlobals(savedValues)
            modules = savedModules
            return error
        }
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

    private func compile(_ file: SourceFile) throws(Diagnostic) -> Module {
        let statements = try Parser.parse(file)
        var resolver = Resolver(file: file, globals: globals, natives: Builtins.table) {
            [unowned self] path, from, range throws(Diagnostic) in
            try self.importModule(path, from: from, range: range)
        }
        let chunk = try resolver.resolve(statements)
        if let failure = libraryFailure { throw failure }
        machine.growGlobals(to: globals.count)
        return Compiler.compile(chunk, file: file)
    }

    private func execute(_ file: SourceFile, echo: Bool) throws(Diagnostic) {
        let module = try compile(file)
        machine.begin()
        running = true
        defer { running = false }
        do {
            try machine.run(module) { value, _ in
                if echo, !Self.isNone(value) { self.onResult(value) }
            }
        } catch let d as Diagnostic {
            throw Self.locatedInUserCode(d)
        } catch {
            throw Diagnostic(.runtime, "\(error)")
        }
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
        moved.notes.append("note: raised in `\(frame.function)` at \(file.name):\(line):\(column)")
        moved.frames = Array(d.frames.dropFirst(index + 1))
        return moved
    }

    private static func isNone(_ value: Value) -> Bool {
        if case .none = value { return true }
        return false
    }

    /// Loads and compiles an imported file once; a file importing itself, directly or not, is an error.
    private func importModule(_ path: String, from importer: SourceFile, range: SourceRange) throws(Diagnostic)
        -> Module
    {
        let joined = path.hasPrefix("/") ? path : (importer.directory ?? ".") + "/" + path
        guard let canonical = SourceLoader.canonical(joined) else {
            throw Diagnostic(
                .io, "cannot import \"\(path)\": no such file beside `\(importer.name)`", file: importer, range: range,
                notes: ["note: imports are found relative to the file that imports them"])
        }
        if let cycleStart = importStack.firstIndex(of: canonical) {
            let chain = (importStack[cycleStart...] + [canonical]).map { SourceLoader.relativeName($0) }
            throw Diagnostic(.name, "import cycle: " + chain.joined(separator: " → "), file: importer, range: range)
        }
        if let module = modules[canonical] { return Module(file: module.file, frameSize: 0, statements: []) }
        let text: String
        do { text = try SourceLoader.read(canonical) } catch {
            var d = error
            d.file = importer
            d.range = range
            throw d
        }
        let file = SourceFile(name: joined, text: text, directory: SourceLoader.directory(of: joined))
        importStack.append(canonical)
        defer { importStack.removeLast() }
        let module = try compile(file)
        modules[canonical] = module
        return module
    }

    // MARK: Introspection

    /// The names the user has bound (not the standard library's), in the order first bound.
    public var userNames: [String] {
        globals.names.filter { !Self.libraryNames.contains($0) && $0 != "args" && value(of: $0) != nil }
    }

    /// Binds a global from outside the language (the REPL's `_`).
    public func setGlobal(_ name: String, _ value: Value) {
        let slot = globals.declare(name)
        globals.signatures[slot] = nil
        machine.growGlobals(to: globals.count)
        machine.setGlobal(slot, value)
    }

    /// The globals declared so far, library ones only once their file is loaded.
    var globalsDeclared: [String] { globals.names }

    /// Names bound in the session, for completion and `:vars`.
    public var globalNames: [String] { globals.knownNames }

    /// The value of a global, if it has one.
    public func value(of name: String) -> Value? {
        guard let slot = globals.slot(of: name), slot < machine.globalCount else { return nil }
        if case .undefined = machine.globals[slot] { return nil }
        return machine.globals[slot]
    }
}

extension SourceLoader {
    /// The last path component, for short messages.
    static func relativeName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

extension Session: SessionHooks {
    /// The help text for a value (a function's signature and docs), a topic name, or all topics.
    func help(for value: Value?) -> String {
        guard let value else { return topics() }
        switch value {
        case .function(let f):
            return describe(f.proto)
        case .string(let topic):
            if let entry = domains.first(where: { $0.domain == topic }) {
                return "\(topic):\n"
                    + entry.names.compactMap { name in
                        guard case .function(let f)? = self.value(of: name) else { return nil }
                        return
                            "  \(f.proto.signature.padded(to: 44)) \(f.proto.doc?.split(separator: "\n").first.map(String.init) ?? "")"
                    }.joined(separator: "\n") + "\n"
            }
            if case .function(let f)? = self.value(of: topic) { return describe(f.proto) }
            var text = "no help for \"\(topic)\"\n"
            let candidates = globals.knownNames + domains.map(\.domain)
            if let guess = Suggestion.closest(to: topic, among: candidates) { text += "did you mean \"\(guess)\"?\n" }
            return text
        default:
            return "\(value.typeName): \(Display.plain(value, quoted: true))\n"
        }
    }

    private func describe(_ proto: FunctionProto) -> String {
        var text = proto.signature + "\n"
        if let doc = proto.doc {
            text +=
                doc.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
                + "\n"
        } else {
            text += "  (no documentation; write `##` lines above its `fn`)\n"
        }
        return text
    }

    private func topics() -> String {
        loadWholeLibrary()
        var text = "hadr: help(name) shows one function, help(\"domain\") lists a domain.\n"
        for (domain, names) in domains {
            let functions = names.filter { if case .function? = value(of: $0) { true } else { false } }
            if functions.isEmpty { continue }
            text += "  \(domain.padded(to: 13)) " + functions.joined(separator: ", ") + "\n"
        }
        return text
    }
}

extension String {
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
