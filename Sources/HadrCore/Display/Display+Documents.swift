/// Tables for documents: CSV (RFC 4180) for spreadsheets and report generators, and
/// GitHub-flavoured Markdown for slides, wikis and pull requests.
extension Display {
    /// A value's rows for a document: a table's records, a record as one row, a list of
    /// plain values as one column named `value`; nil for anything else.
    static func documentRows(_ value: Value, raw: Bool) -> (columns: [String], rows: [[String]], right: [Bool])? {
        let records: [RecordBox]
        switch value {
        case .list(let list):
            if list.isTable {
                records = list.items.compactMap { item in
                    if case .record(let r) = item { return r }
                    return nil
                }
            } else if list.items.allSatisfy({ if case .record = $0 { false } else { true } }) {
                records = list.items.map { RecordBox(names: ["value"], values: [$0]) }
            } else {
                return nil
            }
        case .record(let record): records = [record]
        default: return nil
        }
        let columns = records.first?.names ?? ["value"]
        let rows = records.map { record in record.values.map { cell($0, raw: raw) } }
        let right = columns.indices.map { i in
            !records.isEmpty && records.allSatisfy { i < $0.values.count && isQuantity($0.values[i]) }
        }
        return (columns, rows, right)
    }

    /// A cell as the table shows it, or with `raw` as plain numbers: a duration in
    /// seconds, an availability or percentage as a fraction.
    private static func cell(_ value: Value, raw: Bool) -> String {
        if raw {
            switch value {
            case .number(let x): return rawNumber(x)
            case .availability(let u): return rawNumber(1 - u)
            case .percentage(let x): return rawNumber(x)
            case .system(let b): return rawNumber(1 - b.u)
            case .time(let x, _, _): return rawNumber(x)
            default: break
            }
        }
        return inline(value, quoted: false, style: .plain, depth: 1)
    }

    /// The shortest decimal that reads back as the same double.
    private static func rawNumber(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    private static func isQuantity(_ value: Value) -> Bool {
        switch value {
        case .number, .availability, .percentage, .system, .time: true
        default: false
        }
    }

    /// CSV: a header row, then a row per record; a field with a comma, quote, line break
    /// or edge space is quoted, its quotes doubled. Lines end in `\n`.
    static func csv(columns: [String], rows: [[String]]) -> String {
        func field(_ text: String) -> String {
            let needsQuotes =
                text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                || text.hasPrefix(" ") || text.hasSuffix(" ")
            guard needsQuotes else { return text }
            return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
        }
        return ([columns] + rows).map { $0.map(field).joined(separator: ",") + "\n" }.joined()
    }

    /// The widest a Markdown column is padded to: a wider cell is written as it is, so that
    /// one long cell (a 50 MB string) does not pad every row, header and rule to its width.
    static let markdownPaddedWidth = 200

    /// A GitHub-flavoured Markdown table, its columns padded to line up as text too (up to
    /// `markdownPaddedWidth`) and quantities aligned right; `|` and Markdown's inline markup
    /// escaped in cells.
    static func markdown(columns: [String], rows: [[String]], right: [Bool]) -> String {
        let header = columns.map(markdownEscaped)
        let body = rows.map { $0.map(markdownEscaped) }
        let most = markdownPaddedWidth
        // A text of more bytes than `most` may still fit: its width is measured only then.
        func width(_ text: String) -> Int { min(most, text.utf8.count <= most ? Display.columns(text) : most) }
        var widths = header.map { max(3, width($0)) }
        for row in body {
            for (i, text) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], width(text))
            }
        }
        func line(_ cells: [String]) -> String {
            "| "
                + cells.enumerated().map { i, text in
                    pad(text, to: i < widths.count ? widths[i] : 0, right: i < right.count && right[i])
                }.joined(separator: " | ") + " |\n"
        }
        let rule =
            "|"
            + widths.enumerated().map { i, w in
                " " + String(repeating: "-", count: right[i] ? w - 1 : w) + (right[i] ? ":" : "") + " "
            }.joined(separator: "|") + "|\n"
        return line(header) + rule + body.map(line).joined()
    }

    /// A cell's text for Markdown: `|`, backslash, backtick, `*`, `<`, `[` and `]`
    /// escaped, `_` where it could start or end emphasis, line breaks as `<br>`.
    static func markdownEscaped(_ text: String) -> String {
        // Nothing to escape (the common cell): the text itself, with no copy.
        if !text.utf8.contains(where: { markdownSpecial.contains($0) }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var before: Character = " "
        var index = text.startIndex
        while index < text.endIndex {
            let ch = text[index]
            let next = text.index(after: index)
            switch ch {
            case "|", "\\", "`", "*", "<", "[", "]":
                out += "\\" + String(ch)
            case "_":
                let after = next < text.endIndex ? text[next] : " "
                out += before.isLetter || before.isNumber ? (after.isLetter || after.isNumber ? "_" : "\\_") : "\\_"
            case "\n": out += "<br>"
            case "\r": break
            default: out.append(ch)
            }
            before = ch
            index = next
        }
        return out
    }

    /// The bytes `markdownEscaped` may change.
    private static let markdownSpecial: Set<UInt8> = Set("|\\`*<[]_\n\r".utf8)
}

extension String {
    /// The text with every `target` replaced.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
