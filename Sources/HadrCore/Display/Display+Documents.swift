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

    /// A GitHub-flavoured Markdown table, its columns padded to line up as text too and
    /// quantities aligned right; `|` and Markdown's inline markup escaped in cells.
    static func markdown(columns: [String], rows: [[String]], right: [Bool]) -> String {
        let header = columns.map(markdownEscaped)
        let body = rows.map { $0.map(markdownEscaped) }
        var widths = header.map { max(3, Display.columns($0)) }
        for row in body {
            for (i, text) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], Display.columns(text))
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
        var out = ""
        let characters = Array(text)
        for (i, ch) in characters.enumerated() {
            switch ch {
            case "|", "\\", "`", "*", "<", "[", "]":
                out += "\\" + String(ch)
            case "_":
                let before = i > 0 ? characters[i - 1] : " "
                let after = i + 1 < characters.count ? characters[i + 1] : " "
                out += before.isLetter || before.isNumber ? (after.isLetter || after.isNumber ? "_" : "\\_") : "\\_"
            case "\n": out += "<br>"
            case "\r": break
            default: out.append(ch)
            }
        }
        return out
    }
}

extension String {
    /// The text with every `target` replaced.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
