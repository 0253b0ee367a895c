/// The session's global names: name → slot at compile time only; values live in the machine.
///
/// Names of standard-library files not loaded yet are *deferred*: the first time one is
/// looked up or declared, the table asks `loadDeferred` to load its file, which declares it.
final class GlobalTable {
    private(set) var names: [String] = []
    private var slots: [String: Int] = [:]
    /// Parameters of globals bound by `fn` and never reassigned, for arity checks before running.
    var signatures: [Int: [Parameter]] = [:]
    /// The names each library file defines, by file index; set by the session.
    var libraryFiles: (() -> [[String]])?
    /// Loads a library file by index; set by the session.
    var loadDeferred: ((Int) -> Void)?
    /// Deferred names → the index of the library file that defines them. Built on the
    /// first lookup that misses, so that a program using no name never pays for it.
    private var deferredIndex: [String: Int]?

    private var deferred: [String: Int] {
        get {
            if let deferredIndex { return deferredIndex }
            guard let libraryFiles else { return [:] }
            var index: [String: Int] = [:]
            for (file, names) in libraryFiles().enumerated() {
                for name in names where slots[name] == nil { index[name] = file }
            }
            deferredIndex = index
            return index
        }
        set { deferredIndex = newValue }
    }

    var count: Int { names.count }

    /// Every name a program may use: those declared and those deferred.
    var knownNames: [String] { names + deferred.keys.sorted() }

    func slot(of name: String) -> Int? {
        if let slot = slots[name] { return slot }
        loadFile(defining: name)
        return slots[name]
    }

    /// The slot of `name`, declaring it if new.
    func declare(_ name: String) -> Int {
        if let slot = slots[name] { return slot }
        loadFile(defining: name)
        if let slot = slots[name] { return slot }
        let slot = names.count
        names.append(name)
        slots[name] = slot
        return slot
    }

    private func loadFile(defining name: String) {
        guard let file = deferred[name], let loadDeferred else { return }
        // Forget the file's names first: its own declarations must not load it again.
        deferred = deferred.filter { $0.value != file }
        loadDeferred(file)
    }

    /// State to restore after a failed REPL line.
    struct Snapshot {
        fileprivate let names: [String]
        fileprivate let slots: [String: Int]
        fileprivate let signatures: [Int: [Parameter]]
        fileprivate let deferred: [String: Int]?
    }

    func snapshot() -> Snapshot {
        Snapshot(names: names, slots: slots, signatures: signatures, deferred: deferredIndex)
    }

    func restore(_ s: Snapshot) {
        names = s.names
        slots = s.slots
        signatures = s.signatures
        deferredIndex = s.deferred
    }
}
