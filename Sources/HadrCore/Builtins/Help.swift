/// The text `help` shows. Library functions are described from the build-time index, so
/// nothing is loaded to answer; the user's own functions from their definitions.
enum Help {
    /// Help for a value: a function's signature and docs; a string names a topic.
    static func text(for value: Value?, in machine: Machine) -> String {
        guard let value else { return topics() }
        switch value {
        case .function(let f):
            return describe(signature: f.proto.signature, doc: f.proto.doc)
        case .string(let topic):
            return text(forTopic: topic, in: machine)
        default:
            return "\(value.typeName): \(Display.plain(value, quoted: true))\n"
        }
    }

    /// Help for a topic written as a name: a domain (a library file), or a function.
    static func text(forTopic topic: String, in machine: Machine?) -> String {
        if let file = Library.files.first(where: { $0.name == topic }) {
            return "\(topic):\n"
                + file.entries.map { entry in
                    "  \(entry.signature.padded(to: 44)) \(firstLine(of: entry.doc))"
                }.joined(separator: "\n") + "\n"
        }
        if case .function(let f)? = machine?.global(named: topic) {
            return describe(signature: f.proto.signature, doc: f.proto.doc)
        }
        if let entry = Library.entry(named: topic) {
            return describe(signature: entry.signature, doc: entry.doc)
        }
        var text = "no help for \"\(topic)\"\n"
        let candidates = Array(Library.names) + (machine?.globalNames ?? []) + Library.files.map(\.name)
        if let guess = Suggestion.closest(to: topic, among: candidates) { text += "did you mean \"\(guess)\"?\n" }
        return text
    }

    /// Every domain with its functions.
    static func topics() -> String {
        var text = "hadr: help(name) shows one function, help(\"domain\") lists a domain.\n"
        for file in Library.files where !file.entries.isEmpty {
            text += "  \(file.name.padded(to: 13)) " + file.entries.map(\.name).joined(separator: ", ") + "\n"
        }
        return text
    }

    /// `signature` then the documentation, indented; `@` lines are for hadr, not for people.
    static func describe(signature: String, doc: String?) -> String {
        var text = signature + "\n"
        let lines = (doc ?? "").split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("@") }
        if doc == nil || lines.allSatisfy(\.isEmpty) {
            text += "  (no documentation; write `##` lines above its `fn`)\n"
        } else {
            text += lines.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        return text
    }

    private static func firstLine(of doc: String) -> String {
        doc.split(separator: "\n").first { !$0.hasPrefix("@") }.map(String.init) ?? ""
    }
}

extension String {
    /// The text with spaces added to reach `width` characters.
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
