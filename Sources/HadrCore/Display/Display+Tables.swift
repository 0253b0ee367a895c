/// Tables as aligned columns.
extension Display {
    private static func rightAligned(_ value: Value) -> Bool {
        switch value {
        case .number, .availability, .percentage, .system, .time: true
        default: false
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
        var cells: [[String]] = []
        cells.reserveCapacity(list.items.count)
        for item in list.items {
            guard case .record(let r) = item else {
                cells.append([])
                continue
            }
            var row: [String] = []
            for value in r.values {
                var bytes: [UInt8] = []
                try append(value, to: &bytes, quoted: false, style: .plain, depth: 1, limit: limit - used)
                used += bytes.count + 2
                row.append(String(decoding: bytes, as: UTF8.self))
            }
            cells.append(row)
        }
        let cellWidths = cells.map { $0.map(width) }
        var widths = columns.map(width)
        for row in cellWidths {
            for (i, w) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], w) }
        }
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
        let (total, overflow) = rowBytes.multipliedReportingOverflow(by: cells.count + 1)
        if limit != Int.max, overflow || total > limit { throw TooLong() }
        // Built as bytes: a String grown by `+=` costs far more per piece.
        var out: [UInt8] = []
        out.reserveCapacity(min(rowBytes * (cells.count + 1), 1 << 24))
        let space = UInt8(ascii: " ")
        /// Appends one row, its cells padded to the column widths, without trailing spaces.
        func appendRow(_ texts: [String], _ textWidths: [Int], header: Bool) {
            let start = out.count
            for (i, text) in texts.enumerated() {
                if i > 0 {
                    out.append(space)
                    out.append(space)
                }
                let fill = i < widths.count ? max(0, widths[i] - textWidths[i]) : 0
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
        appendRow(columns, columns.map(width), header: true)
        for (row, rowWidths) in zip(cells, cellWidths) {
            out.append(UInt8(ascii: "\n"))
            appendRow(row, rowWidths, header: false)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One block per record: a numbered rule, then each field's name and value on a line.
    private static func blocks(_ cells: [[String]], columns: [String], style: Style, layout: Layout) -> String {
        let nameWidth = columns.map(width).max() ?? 0
        let rule = layout.unicode ? "─" : "-"
        var lines: [String] = []
        for (n, row) in cells.enumerated() {
            let title = rule + rule + " " + String(n + 1) + " "
            lines.append(title + String(repeating: rule, count: max(2, min(layout.width, 40) - width(title))))
            for (i, name) in columns.enumerated() {
                let value = i < row.count ? row[i] : ""
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
