/// Tables as aligned columns.
extension Display {
    private static func rightAligned(_ value: Value) -> Bool {
        switch value {
        case .number, .availability, .percentage, .system, .time: true
        default: false
        }
    }

    /// A cell's text on one line: a line break, carriage return or tab in a string is
    /// written as its escape (`\n`, `\r`, `\t`), which kept raw broke the columns (and a
    /// carriage return moved the cursor).
    private static func oneLine(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return text }
        return quoted(text, marks: false) { byte in
            switch byte {
            case UInt8(ascii: "\n"): UInt8(ascii: "n")
            case UInt8(ascii: "\r"): UInt8(ascii: "r")
            case UInt8(ascii: "\t"): UInt8(ascii: "t")
            default: nil
            }
        }
    }

    /// The terminal columns text takes.
    private static func width(_ text: String) -> Int { Display.columns(text) }

    /// Aligned columns under a header row; with a layout, a table wider than it shows
    /// one record per block instead.
    static func table(_ list: ListBox, columns: [String], style: Style, layout: Layout? = nil) -> String {
        (try? table(list, columns: columns, style: style, layout: layout, limit: Int.max)) ?? ""
    }

    /// Aligned columns under a header row (or blocks, as above), refused once the cells or
    /// the padded rows would pass `limit` bytes.
    static func table(
        _ list: ListBox, columns: [String], style: Style, layout: Layout? = nil, limit: Int
    ) throws(TooLong) -> String {
        var used = 0
        // Every cell in one array, row after row, `columns.count` a row (the records of a
        // table all have those fields): no array a row to make, and to free, for a million rows.
        let k = columns.count
        var flat: [String] = []
        for (n, item) in list.items.enumerated() {
            if Pace.stops(at: n) { break }
            guard case .record(let r) = item, r.values.count == k else {
                flat.append(contentsOf: repeatElement("", count: k))
                continue
            }
            for value in r.values {
                var bytes: [UInt8] = []
                try append(value, to: &bytes, quoted: false, style: .plain, depth: 1, limit: limit - used)
                used += bytes.count + 2
                flat.append(oneLine(bytes))
            }
        }
        let flatWidths = flat.map(width)
        var widths = columns.map(width)
        for (i, w) in flatWidths.enumerated() { widths[i % k] = max(widths[i % k], w) }
        // Row n's cells (slices share the one array).
        let rows = k == 0 ? 0 : flat.count / k
        let cells = (0..<rows).lazy.map { flat[$0 * k..<$0 * k + k] }
        let cellWidths = (0..<rows).lazy.map { flatWidths[$0 * k..<$0 * k + k] }
        if let layout, widths.reduce(0, +) + 2 * max(0, widths.count - 1) > layout.width {
            let shown = blocks(cells, columns: columns, style: style, layout: layout)
            guard shown.utf8.count <= limit else { throw TooLong() }
            return shown
        }
        let right = columns.indices.map { i in
            list.items.allSatisfy { item in
                guard case .record(let r) = item, i < r.values.count else { return true }
                return rightAligned(r.values[i])
            }
        }
        let rowBytes = widths.reduce(0, +) + 2 * widths.count + 1
        let (total, overflow) = rowBytes.multipliedReportingOverflow(by: rows + 1)
        if limit != Int.max, overflow || total > limit { throw TooLong() }
        // Built as bytes: a String grown by `+=` costs far more per piece.
        var out: [UInt8] = []
        out.reserveCapacity(min(rowBytes * (rows + 1), 1 << 24))
        let space = UInt8(ascii: " ")
        /// Appends one row, its cells padded to the column widths, without trailing spaces.
        func appendRow(_ texts: ArraySlice<String>, _ textWidths: ArraySlice<Int>, header: Bool) {
            let start = out.count
            for (i, (text, textWidth)) in zip(texts, textWidths).enumerated() {
                if i > 0 {
                    out.append(space)
                    out.append(space)
                }
                let fill = i < widths.count ? max(0, widths[i] - textWidth) : 0
                let rightAlign = i < right.count && right[i]
                if header {
                    let padded =
                        rightAlign
                        ? String(repeating: " ", count: fill) + text : text + String(repeating: " ", count: fill)
                    appendUTF8(style.header(padded), to: &out)
                    continue
                }
                if rightAlign { out.append(contentsOf: repeatElement(space, count: fill)) }
                appendUTF8(text, to: &out)
                if !rightAlign { out.append(contentsOf: repeatElement(space, count: fill)) }
            }
            while out.count > start, out.last == space { out.removeLast() }
        }
        appendRow(columns[...], columns.map(width)[...], header: true)
        for (n, (row, rowWidths)) in zip(cells, cellWidths).enumerated() {
            if Pace.stops(at: n) { break }
            out.append(UInt8(ascii: "\n"))
            appendRow(row, rowWidths, header: false)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One block per record: a numbered rule, then each field's name and value on a line.
    private static func blocks(
        _ cells: some Sequence<ArraySlice<String>>, columns: [String], style: Style, layout: Layout
    ) -> String {
        let nameWidth = columns.map(width).max() ?? 0
        let rule = layout.unicode ? "─" : "-"
        var lines: [String] = []
        for (n, row) in cells.enumerated() {
            if Pace.stops(at: n) { break }
            let title = rule + rule + " " + String(n + 1) + " "
            lines.append(title + String(repeating: rule, count: max(2, min(layout.width, 40) - width(title))))
            for (i, name) in columns.enumerated() {
                let value = i < row.count ? row[row.startIndex + i] : ""
                let head = style.header(pad(name, to: nameWidth))
                let room = layout.width - nameWidth - 2
                // A value too long for the rest of the line continues under itself.
                if width(value) <= room || room < 10 {
                    lines.append(head + "  " + value)
                } else {
                    let pieces = wrap(value, width: room)
                    lines.append(head + "  " + (pieces.first ?? ""))
                    for piece in pieces.dropFirst() {
                        lines.append(String(repeating: " ", count: nameWidth + 2) + piece)
                    }
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
