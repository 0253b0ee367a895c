/// The text `help` shows. Library functions are described from the build-time index, so
/// nothing is loaded to answer; the user's own functions from their definitions.
enum Help {
    /// Help for a value: a function's signature and docs; a string names a topic.
    static func text(for value: Value?, in machine: Machine) -> String {
        let width = machine.layout.width
        guard let value else { return topics(width: width) }
        switch value {
        case .function(let f):
            return describe(signature: f.proto.signature, doc: f.proto.doc, width: width)
        case .string(let topic):
            return text(forTopic: topic, in: machine)
        default:
            return "\(value.typeName): \(Display.plain(value, quoted: true))\n"
        }
    }

    /// Help for a topic written as a name: a domain (a library file), or a function.
    static func text(forTopic topic: String, in machine: Machine?) -> String {
        let width = machine?.layout.width ?? Display.Layout.standard.width
        if let file = Library.files.first(where: { $0.name == topic }) {
            return listing(topic, entries: file.entries.map { ($0.signature, summary(of: $0.doc)) }, width: width)
        }
        if case .function(let f)? = machine?.global(named: topic) {
            return describe(signature: f.proto.signature, doc: f.proto.doc, width: width)
        }
        if let entry = Library.entry(named: topic) {
            return describe(signature: entry.signature, doc: entry.doc, width: width)
        }
        var text = "no help for \"\(topic)\"\n"
        let candidates = Array(Library.names) + (machine?.globalNames ?? []) + Library.files.map(\.name)
        if let guess = Suggestion.closest(to: topic, among: candidates) { text += "did you mean \"\(guess)\"?\n" }
        return text
    }

    /// Every domain with its functions, wrapped at word boundaries to `width` columns.
    static func topics(width: Int = Display.Layout.standard.width) -> String {
        var lines = Display.wrap("hadr: help(name) shows one function, help(\"domain\") lists a domain.", width: width)
        let domains = Library.files.filter { !$0.entries.isEmpty }
        let column = 2 + (domains.map { Display.columns($0.name) }.max() ?? 0) + 2
        for file in domains {
            let names = file.entries.map(\.name).joined(separator: ", ")
            let first = "  " + Display.pad(file.name, to: column - 2)
            lines += Display.wrap(names, width: width, first: first, rest: String(repeating: " ", count: column))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A domain's functions: each signature with the first sentence of its docs, beside
    /// it when both fit in two columns, under it otherwise.
    static func listing(_ topic: String, entries: [(signature: String, summary: String)], width: Int) -> String {
        var lines = [topic + ":"]
        let widest = entries.map { Display.columns($0.signature) }.filter { $0 <= 32 }.max() ?? 0
        let column = 2 + widest + 2
        let sideBySide = width - column >= 30
        for (signature, summary) in entries {
            if sideBySide, Display.columns(signature) <= widest {
                lines += Display.wrap(
                    summary, width: width, first: "  " + Display.pad(signature, to: widest + 2),
                    rest: String(repeating: " ", count: column))
            } else {
                lines += Display.wrap(words: parameters(signature), width: width, first: "  ", rest: "      ")
                let indent = String(repeating: " ", count: sideBySide ? column : 6)
                if !summary.isEmpty { lines += Display.wrap(summary, width: width, first: indent, rest: indent) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `signature` then the documentation, indented and wrapped at word boundaries to
    /// `width` columns: prose reflowed, each `Example:` line kept whole when it fits;
    /// `@` lines are for hadr, not for people.
    static func describe(signature: String, doc: String?, width: Int = Display.Layout.standard.width) -> String {
        var lines = Display.wrap(words: parameters(signature), width: width, first: "", rest: "    ")
        let docLines = (doc ?? "").split(separator: "\n", omittingEmptySubsequences: false).filter {
            !$0.hasPrefix("@")
        }
        if doc == nil || docLines.allSatisfy(\.isEmpty) {
            lines += Display.wrap(
                "(no documentation; write `##` lines above its `fn`)", width: width, first: "  ", rest: "  ")
            return lines.joined(separator: "\n") + "\n"
        }
        var paragraph: [Substring] = []
        func flush() {
            if !paragraph.isEmpty {
                lines += Display.wrap(paragraph.joined(separator: " "), width: width, first: "  ", rest: "  ")
            }
            paragraph = []
        }
        for line in docLines {
            if line.hasPrefix("Example:") {
                flush()
                if Display.columns(String(line)) + 2 <= width {
                    lines.append("  " + line)
                } else {
                    lines += Display.wrap(String(line), width: width, first: "  ", rest: "      ")
                }
            } else if line.allSatisfy({ $0 == " " }) {
                flush()
            } else {
                paragraph.append(line)
            }
        }
        flush()
        return lines.joined(separator: "\n") + "\n"
    }

    /// A signature cut after each `, `, so that it wraps between parameters.
    static func parameters(_ signature: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var previous: Character = " "
        for ch in signature {
            if ch == " ", previous == "," {
                pieces.append(current)
                current = ""
            } else {
                current.append(ch)
            }
            previous = ch
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// The first sentence of a function's docs, for a domain's listing.
    static func summary(of doc: String) -> String {
        let prose = doc.split(separator: "\n").filter { !$0.hasPrefix("@") && !$0.hasPrefix("Example:") }
            .joined(separator: " ")
        var end = prose.endIndex
        var search = prose.startIndex
        while let dot = prose[search...].firstIndex(of: ".") {
            let next = prose.index(after: dot)
            if next == prose.endIndex || prose[next] == " " {
                end = next
                break
            }
            search = next
        }
        return String(prose[..<end])
    }
}
