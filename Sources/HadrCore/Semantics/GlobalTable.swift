/// The session's global names: name → slot, at compile time only (values live in the
/// machine). The loader has declared what an input needs before the resolver reads it,
/// so a lookup here only reads the table.
final class GlobalTable {
    private(set) var names: [String] = []
    private var slots: [String: Int] = [:]
    /// Parameters of globals bound by `fn` and never reassigned, for checking calls before running.
    var signatures: [Int: ParameterList] = [:]

    var count: Int { names.count }

    func slot(of name: String) -> Int? { slots[name] }

    /// The slot of `name`, declaring it if new.
    func declare(_ name: String) -> Int {
        if let slot = slots[name] { return slot }
        let slot = names.count
        names.append(name)
        slots[name] = slot
        return slot
    }

    /// State to restore after a failed REPL line.
    struct Snapshot {
        fileprivate let names: [String]
        fileprivate let slots: [String: Int]
        fileprivate let signatures: [Int: ParameterList]
    }

    func snapshot() -> Snapshot { Snapshot(names: names, slots: slots, signatures: signatures) }

    func restore(_ s: Snapshot) {
        names = s.names
        slots = s.slots
        signatures = s.signatures
    }
}
