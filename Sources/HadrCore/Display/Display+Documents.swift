/// Tables for documents: CSV (RFC 4180) for spreadsheets and report generators, and
/// GitHub-flavoured Markdown for slides, wikis and pull requests.
extension Display {
    /// A table, record or list as rows of cells for a document. Rows are made when they
    /// are written, one at a time, so that a document of ten million rows holds no array
    /// of them (freeing one took longer than `--timeout` allows past its limit).
    struct Document {
        let columns: [String]
        /// Per column: whether every cell is a quantity (aligned right in Markdown).
        let right: [Bool]
        let count: Int
        /// The cells of row `n`, as the table shows them.
        let cells: (Int) -> [String]
    }

    /// A value as a document: a table's records, a record as one row, a list of plain
    /// values as one column named `value`; nil for anything else.
    static func document(_ value: Value, raw: Bool) -> Document? {
        switch value {
        case .list(let list) where list.isTable:
            let records = list.items.compactMap { item in
                if case .record(let r) = item { return r }
                return nil
            }
            return document(records, raw: raw)
        case .list(let list):
            if list.items.contains(where: { if case .record = $0 { true } else { false } }) { return nil }
            let items = list.items
            return Document(
                columns: ["value"], right: [!items.isEmpty && items.allSatisfy(isQuantity)], count: items.count,
                cells: { [cell(items[$0], raw: raw)] })
        case .record(let record): return document([record], raw: raw)
        default: return nil
        }
    }

    /// Records as a document, its columns those of the first.
    private static func document(_ records: [RecordBox], raw: Bool) -> Document {
        let columns = records.first?.names ?? ["value"]
        let right = columns.indices.map { i in
            !records.isEmpty && records.allSatisfy { i < $0.values.count && isQuantity($0.values[i]) }
        }
        return Document(
            columns: columns, right: right, count: records.count,
            cells: { records[$0].values.map { cell($0, raw: raw) } })
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
    static func csv(_ document: Document) -> String {
        func field(_ text: String) -> String {
            // By byte: `\r\n` is one Character, equal to neither `\r` nor `\n`.
            let needsQuotes =
                text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
                || text.hasPrefix(" ") || text.hasSuffix(" ")
            guard needsQuotes else { return text }
            return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
        }
        var out = document.columns.map(field).joined(separator: ",") + "\n"
        for n in 0..<document.count {
            if Pace.stops(at: n) { break }
            out += document.cells(n).map(field).joined(separator: ",") + "\n"
        }
        return out
    }

    /// The widest a Markdown column is padded to: a wider cell is written as it is, so that
    /// one long cell (a 50 MB string) does not pad every row, header and rule to its width.
    static let markdownPaddedWidth = 200

    /// A GitHub-flavoured Markdown table, its columns padded to line up as text too (up to
    /// `markdownPaddedWidth`) and quantities aligned right; `|` and Markdown's inline markup
    /// escaped in cells. The rows are made twice, once for the widths and once to write.
    static func markdown(_ document: Document) -> String {
        let right = document.right
        let most = markdownPaddedWidth
        // A text of more bytes than `most` may still fit: its width is measured only then.
        func width(_ text: String) -> Int { min(most, text.utf8.count <= most ? Display.columns(text) : most) }
        var widths = document.columns.map { max(3, width(markdownEscaped($0))) }
        for n in 0..<document.count {
            if Pace.stops(at: n) { break }
            for (i, text) in document.cells(n).enumerated() where i < widths.count {
                widths[i] = max(widths[i], width(markdownEscaped(text)))
            }
        }
        func line(_ cells: [String]) -> String {
            "| "
                + cells.enumerated().map { i, text in
                    let escaped = markdownEscaped(text)
                    // Far wider than any padded column: written as it is, its columns not counted.
                    if escaped.utf8.count > 16 * most { return escaped }
                    return pad(escaped, to: i < widths.count ? widths[i] : 0, right: i < right.count && right[i])
                }.joined(separator: " | ") + " |\n"
        }
        let rule =
            "|"
            + widths.enumerated().map { i, w in
                " " + String(repeating: "-", count: right[i] ? w - 1 : w) + (right[i] ? ":" : "") + " "
            }.joined(separator: "|") + "|\n"
        var out = line(document.columns) + rule
        for n in 0..<document.count {
            if Pace.stops(at: n) { break }
            out += line(document.cells(n))
        }
        return out
    }

    /// A cell's text for Markdown: `|`, backslash, backtick, `*`, `<`, `[`, `]` and `~`
    /// escaped, `_` where it could start or end emphasis, line breaks as `<br>`.
    static func markdownEscaped(_ text: String) -> String {
        // Nothing to escape (the common cell): the text itself, with no copy.
        if !text.utf8.contains(where: { markdownSpecial.contains($0) }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var before: Character = " "
        var index = text.startIndex
        var n = 0
        while index < text.endIndex {
            // One cell may be megabytes: under the display's limits (`Pace`) like a table's rows.
            if Pace.stops(at: n) { break }
            n += 1
            let ch = text[index]
            let next = text.index(after: index)
            switch ch {
            case "|", "\\", "`", "*", "<", "[", "]", "~":
                out += "\\" + String(ch)
            case "_":
                let after = next < text.endIndex ? text[next] : " "
                out += before.isLetter || before.isNumber ? (after.isLetter || after.isNumber ? "_" : "\\_") : "\\_"
            case "\n", "\r\n": out += "<br>"
            case "\r": break
            default: out.append(ch)
            }
            before = ch
            index = next
        }
        return out
    }

    /// The bytes `markdownEscaped` may change.
    private static let markdownSpecial: Set<UInt8> = Set("|\\`*<[]~_\n\r".utf8)
}

extension String {
    /// The text with every `target` replaced.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
