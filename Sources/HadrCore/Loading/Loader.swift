/// The loading stage: before an input is resolved, finds everything it needs and reads
/// it: the standard-library files that bind the names it uses (from the build-time index,
/// each after the files it uses in turn) and the files it imports (each after the files
/// they import). Nothing runs here, and name resolution afterwards only reads a plain
/// global table.
struct Loader {
    /// One file to resolve and compile, with a number that names it in the machine.
    struct Unit {
        let id: Int
        let file: SourceFile
        let statements: [Stmt]
        /// Library files run as soon as they are compiled; an imported file runs where
        /// its `import` statement is reached, once.
        let isLibrary: Bool
        /// Each path as this file's `import` statements write it → the unit it names.
        let imports: [String: Int]
    }

    /// What a session has loaded; it is restored with the rest of the session when a
    /// REPL line fails.
    struct State {
        var libraryLoaded = [Bool](repeating: false, count: Library.files.count)
        /// Canonical path → the unit of a file already imported.
        var imported: [String: Int] = [:]
        var unitCount = 0
    }

    var state = State()
    /// Called every few thousand tokens and nodes of a file being read (see `Checkpoint`).
    var checkpoint: Checkpoint?

    /// The units an input needs that are not loaded yet, in the order they must be
    /// resolved and run, ending with the input itself. `path` is the input file's
    /// canonical path, when it has one, so that importing it again is a cycle.
    mutating func load(_ file: SourceFile, statements: [Stmt], path: String?) throws(Diagnostic) -> [Unit] {
        var work = Work(importStack: path.map { [$0] } ?? [])
        let inputImports = try importedPaths(of: file, statements, &work)
        work.names.formUnion(try NameScan.names(in: statements, checkpoint: checkpoint))
        var units = try libraryUnits(for: work.names)
        // Imported files get their numbers now, each after the files it imports.
        for found in work.found { state.imported[found.path] = newID() }
        for found in work.found {
            units.append(
                Unit(
                    id: state.imported[found.path] ?? -1, file: found.file, statements: found.statements,
                    isLibrary: false, imports: ids(found.imports)))
        }
        units.append(
            Unit(id: newID(), file: file, statements: statements, isLibrary: false, imports: ids(inputImports)))
        return units
    }

    /// An imported file read and parsed, before it has a number.
    private struct Found {
        let path: String
        let file: SourceFile
        let statements: [Stmt]
        /// Each path as its `import` statements write it, with the canonical path.
        let imports: [(written: String, canonical: String)]
    }

    /// Progress through one input's imports.
    private struct Work {
        var importStack: [String]
        /// Files found, each after the files it imports.
        var found: [Found] = []
        var names = Set<String>()
    }

    private mutating func newID() -> Int {
        defer { state.unitCount += 1 }
        return state.unitCount
    }

    private func ids(_ imports: [(written: String, canonical: String)]) -> [String: Int] {
        var table: [String: Int] = [:]
        for (written, canonical) in imports { table[written] = state.imported[canonical] }
        return table
    }

    /// Finds the files `file` imports (and theirs, first); returns each path as written
    /// with its canonical path.
    private mutating func importedPaths(of file: SourceFile, _ statements: [Stmt], _ work: inout Work)
        throws(Diagnostic) -> [(written: String, canonical: String)]
    {
        var table: [(written: String, canonical: String)] = []
        for (path, range) in NameScan.imports(in: statements) where !table.contains(where: { $0.written == path }) {
            table.append((path, try find(path, from: file, at: range, &work)))
        }
        return table
    }

    /// The canonical path of an imported file, reading and parsing it (and what it
    /// imports) unless an earlier input or this one already did.
    private mutating func find(_ path: String, from importer: SourceFile, at range: SourceRange, _ work: inout Work)
        throws(Diagnostic) -> String
    {
        let joined = path.hasPrefix("/") ? path : (importer.directory ?? ".") + "/" + path
        guard let canonical = SourceLoader.canonical(joined) else {
            throw Diagnostic(LoadError.noSuchImport(path, importer: importer.name), file: importer, range: range)
        }
        if let cycleStart = work.importStack.firstIndex(of: canonical) {
            let chain = (work.importStack[cycleStart...] + [canonical]).map(SourceLoader.lastComponent)
            throw Diagnostic(LoadError.importCycle(chain), file: importer, range: range)
        }
        if state.imported[canonical] != nil || work.found.contains(where: { $0.path == canonical }) { return canonical }
        let text: String
        do { text = try SourceLoader.readImport(canonical) } catch {
            throw Diagnostic(error, file: importer, range: range)
        }
        let file = SourceFile(name: joined, text: text, directory: SourceLoader.directory(of: joined))
        let statements = try Parser.parse(file, checkpoint: checkpoint)
        work.importStack.append(canonical)
        let imports = try importedPaths(of: file, statements, &work)
        work.importStack.removeLast()
        work.names.formUnion(try NameScan.names(in: statements, checkpoint: checkpoint))
        work.found.append(Found(path: canonical, file: file, statements: statements, imports: imports))
        return canonical
    }

    /// The library files not loaded yet that bind any of `names`, with the files they use,
    /// in the library's order (each after the files it uses).
    private mutating func libraryUnits(for names: Set<String>) throws(Diagnostic) -> [Unit] {
        // Flags, not a Set<Int>: a new generic instantiation costs start-up time.
        var needed = [Bool](repeating: false, count: Library.files.count)
        var pending = names.compactMap { Library.fileDefining[$0] }
        while let i = pending.popLast() {
            guard !state.libraryLoaded[i], !needed[i] else { continue }
            needed[i] = true
            pending.append(contentsOf: Library.dependencies[i])
        }
        var units: [Unit] = []
        for i in needed.indices where needed[i] {
            state.libraryLoaded[i] = true
            let file = SourceFile(name: Library.sourceName(i), text: Library.files[i].text)
            let statements = try Parser.parse(file)
            units.append(Unit(id: newID(), file: file, statements: statements, isLibrary: true, imports: [:]))
        }
        return units
    }
}
