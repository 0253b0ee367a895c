/// Records and lists that fit the layout: on one line when they fit, otherwise one field
/// (or item) a line, indented, so that what is shown still reads back as hadr.
extension Display {
    /// `value` for a line on which `used` columns are taken and nested lines start
    /// `indent` columns in.
    static func fitted(
        _ value: Value, indent: Int, used: Int = 0, style: Style, layout: Layout, depth: Int
    ) -> String {
        if depth > maxDepth || fitsOnOneLine(value, room: layout.width - used, depth: depth) {
            return inline(value, quoted: true, style: style, depth: depth)
        }
        let inner = String(repeating: " ", count: indent + 2)
        let closing = String(repeating: " ", count: indent)
        switch value {
        case .record(let record) where !record.names.isEmpty:
            let fields = zip(record.names, record.values).map { name, field in
                inner + name + ": "
                    + fitted(
                        field, indent: indent + 2, used: indent + 2 + columns(name) + 3, style: style, layout: layout,
                        depth: depth + 1)
            }
            return "{\n" + fields.joined(separator: ",\n") + "\n" + closing + "}"
        case .list(let list) where !list.items.isEmpty:
            if list.items.allSatisfy(isScalar) {
                return filled(list.items, indent: indent, used: used, style: style, layout: layout, depth: depth)
            }
            var items: [String] = []
            var last = 0
            for (n, item) in list.items.enumerated() {
                if Pace.stops(at: n, after: last) { break }
                let shown = fitted(
                    item, indent: indent + 2, used: indent + 2 + 1, style: style, layout: layout, depth: depth + 1)
                last = shown.utf8.count
                items.append(inner + shown)
            }
            return "[\n" + items.joined(separator: ",\n") + "\n" + closing + "]"
        case .cell(let c):
            return fitted(c.value, indent: indent, used: used, style: style, layout: layout, depth: depth + 1)
        default:
            return inline(value, quoted: true, style: style, depth: depth)
        }
    }

    /// Whether a value's one-line text fits in `room` columns. The text is built only as
    /// far as it could still fit (16 bytes a column, room for zero-width characters), so a
    /// record holding a 50 MB string is not written out just to learn that it is wide.
    static func fitsOnOneLine(_ value: Value, room: Int, depth: Int) -> Bool {
        guard room > 0 else { return false }
        var out: [UInt8] = []
        do throws(TooLong) {
            try append(value, to: &out, quoted: true, style: .plain, depth: depth, limit: room * 16)
        } catch {
            return false
        }
        return columns(String(decoding: out, as: UTF8.self)) <= room
    }

    /// A list of plain values, as many a line as fit, continued lines under the first item.
    private static func filled(
        _ items: [Value], indent: Int, used: Int, style: Style, layout: Layout, depth: Int
    ) -> String {
        let continuation = String(repeating: " ", count: indent + 1)
        var out = "["
        var lineWidth = used + 1
        var last = 0
        for (i, item) in items.enumerated() {
            if Pace.stops(at: i, after: last) { break }
            let shown = inline(item, quoted: true, style: style, depth: depth + 1)
            last = shown.utf8.count
            // Text longer than 16 bytes a column cannot fit a line: its width is not counted
            // (counting the columns of 25 MB took a second).
            let shownWidth =
                last > layout.width * 16 ? last : columns(inline(item, quoted: true, style: .plain, depth: depth + 1))
            // Room for the item and the `,` or `]` after it.
            if i > 0 {
                if lineWidth + 1 + shownWidth + 1 > layout.width {
                    out += ",\n" + continuation
                    lineWidth = indent + 1
                } else {
                    out += ", "
                    lineWidth += 2
                }
            }
            out += shown
            lineWidth += shownWidth
        }
        return out + "]"
    }

    /// Whether a value shows as one short piece (not a list, record or picture).
    private static func isScalar(_ value: Value) -> Bool {
        switch value {
        case .list, .record, .cell: false
        default: true
        }
    }
}
