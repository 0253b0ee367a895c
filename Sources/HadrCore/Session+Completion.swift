/// Tab completion: the names, keywords, record fields and argument labels that fit
/// the identifier ending at the cursor.
extension Session {
    /// Candidates to replace the identifier that ends at `cursor` (a UTF-8 offset into `line`).
    /// `commands` are extra words offered at the start of a line (the REPL's `:help` and the like).
    public func completions(line: String, cursor: Int, commands: [String] = []) -> [String] {
        let bytes = Array(line.utf8.prefix(max(0, cursor)))
        var start = bytes.count
        while start > 0, Self.isIdentifierByte(bytes[start - 1]) { start -= 1 }
        let word = String(decoding: bytes[start...], as: UTF8.self)
        let before = bytes[..<start]

        // `:command` at the start of the line.
        if before.count == 1, before.first == UInt8(ascii: ":"), !commands.isEmpty {
            return commands.filter { $0.hasPrefix(":" + word) }.map { String($0.dropFirst()) }
        }
        // `record.fi` → the fields of the record the name chain before the dot holds.
        if before.last == UInt8(ascii: ".") {
            guard let value = valueOfChain(ending: before.count - 1, in: bytes) else { return [] }
            return fieldNames(of: value).filter { $0.hasPrefix(word) }.sorted()
        }
        // Inside `f(` → the labels of f's parameters come first (a library function's from the index).
        if let callee = openCallee(before: start, in: bytes) {
            var parameters: [String] = []
            if case .function(let f)? = value(of: callee) {
                parameters = Array(f.proto.parameters.names.prefix(f.proto.parameters.fixedCount))
            } else if !globalsDeclared.contains(callee), let entry = Library.entry(named: callee) {
                parameters = entry.labels
            }
            let labels = parameters.map { $0 + ":" }.filter { $0.hasPrefix(word) }
            if !labels.isEmpty { return labels }
        }
        guard !word.isEmpty else { return [] }
        // Library names are offered without loading their files.
        let names = Set(
            knownNames.filter { Library.names.contains($0) || value(of: $0) != nil }
                + Keyword.allCases.map(\.rawValue))
        return names.filter { $0.hasPrefix(word) }.sorted()
    }

    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_")
    }

    /// The value of `a.b.c` ending just before `end`, when it is a chain of names and fields.
    private func valueOfChain(ending end: Int, in bytes: [UInt8]) -> Value? {
        var parts: [String] = []
        var i = end
        while true {
            var j = i
            while j > 0, Self.isIdentifierByte(bytes[j - 1]) { j -= 1 }
            guard j < i else { return nil }
            parts.insert(String(decoding: bytes[j..<i], as: UTF8.self), at: 0)
            if j > 0, bytes[j - 1] == UInt8(ascii: ".") {
                i = j - 1
            } else {
                break
            }
        }
        guard var value = value(of: parts[0]) else { return nil }
        for field in parts.dropFirst() {
            guard let next = try? Access.field(value, field) else { return nil }
            value = next
        }
        return value
    }

    private func fieldNames(of value: Value) -> [String] {
        switch value {
        case .record(let r): r.names
        case .list(let l): l.tableColumns ?? []
        default: []
        }
    }

    /// The name before the innermost `(` still open at `end`.
    private func openCallee(before end: Int, in bytes: [UInt8]) -> String? {
        var depth = 0
        var i = end
        var inString = false
        // Scan from the start to track strings correctly, remembering open parentheses.
        var opens: [Int] = []
        var k = 0
        while k < i {
            let b = bytes[k]
            if inString {
                if b == UInt8(ascii: "\\") { k += 1 } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                opens.append(k)
            } else if b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") {
                if !opens.isEmpty { opens.removeLast() }
            }
            k += 1
        }
        depth = opens.count
        guard depth > 0, let open = opens.last, bytes[open] == UInt8(ascii: "(") else { return nil }
        i = open
        var j = i
        while j > 0, Self.isIdentifierByte(bytes[j - 1]) { j -= 1 }
        guard j < i else { return nil }
        return String(decoding: bytes[j..<i], as: UTF8.self)
    }
}
