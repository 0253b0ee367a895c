/// Horizontal bars, one a row with its label on the left and its value (or a note) on
/// the right, over an axis labelled in the values' unit. Bars grow from zero in eighths
/// of a cell (`▏`…`█`); a bar with a `start` floats (a timeline), and one with a `low`
/// and `high` shows that range as a band (`░`), such as the spread jitter gives a wait.
struct BarChart {
    struct Bar {
        var label: String
        var value: Double
        var start: Double = 0
        var low: Double?
        var high: Double?
        /// What is written after the bar: the value as it reads, or the row's note.
        var note: String
    }

    var bars: [Bar]
    var quantity: ChartQuantity
    var log: Bool
    var title: String?
    /// What the axis measures, such as `downtime per year`.
    var caption: String

    func draw(_ canvas: Display.Canvas) -> String {
        var lines = title.map { Display.wrap($0, width: canvas.width) } ?? []
        let floating = bars.contains { $0.start != 0 || $0.low != nil || $0.high != nil }
        let labelWidth = min(bars.map { Display.columns($0.label) }.max() ?? 0, max(6, canvas.width / 3))
        let noteWidth = min(
            bars.map { Display.columns($0.note) }.max() ?? 0, max(8, (canvas.width - labelWidth - 4) / 2))
        let length = max(8, canvas.width - labelWidth - noteWidth - 4)
        let ends = bars.flatMap { bar in [bar.start, bar.start + bar.value, bar.start + (bar.high ?? 0)] }
        let axis = ChartAxis(covering: ends, quantity: quantity, log: log)
        let full = canvas.glyph("█", "#")
        let band = canvas.glyph("░", "-")
        for (n, bar) in bars.enumerated() {
            if Display.Pace.stops(at: n) { break }
            let label = Display.pad(
                Display.truncate(bar.label, to: labelWidth, unicode: canvas.unicode), to: labelWidth)
            var body: String
            var used: Int
            if floating {
                // Whole cells: a partial block has no left-hand form to start a floating bar with.
                let from = Int(axis.position(bar.start, length: Double(length)).rounded())
                let solidEnd = Int(axis.position(bar.start + (bar.low ?? bar.value), length: Double(length)).rounded())
                let bandEnd = Int(
                    axis.position(bar.start + (bar.high ?? bar.low ?? bar.value), length: Double(length)).rounded())
                let solid = max(0, solidEnd - from)
                let shaded = max(0, bandEnd - max(from, solidEnd))
                body =
                    String(repeating: " ", count: from)
                    + canvas.paint(canvas.style.accent, String(repeating: full, count: solid))
                    + canvas.paint(canvas.style.muted, String(repeating: band, count: shaded))
                used = from + solid + shaded
            } else {
                let cells = axis.position(bar.value, length: Double(length))
                (body, used) = Self.blocks(cells, canvas)
                body = canvas.paint(canvas.style.accent, body)
            }
            let note = Display.truncate(bar.note, to: noteWidth, unicode: canvas.unicode)
            var line = label + "  " + body + String(repeating: " ", count: max(0, length - used)) + "  " + note
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        let axisLines = axis.draw(length: length, offset: labelWidth + 2, canvas)
        lines += axisLines.map { canvas.paint(canvas.style.muted, $0) }
        let caption = caption + (log ? " (log scale)" : "") + (quantity.unitName.map { ", " + $0 } ?? "")
        lines += Display.wrap(caption, width: canvas.width, first: String(repeating: " ", count: labelWidth + 2))
        return lines.joined(separator: "\n")
    }

    /// A bar `cells` long in whole blocks and a last eighth; ASCII rounds to whole `#`s.
    static func blocks(_ cells: Double, _ canvas: Display.Canvas) -> (String, Int) {
        guard cells > 0, cells.isFinite else { return ("", 0) }
        if !canvas.unicode {
            let n = Int(cells.rounded())
            return (String(repeating: "#", count: n), n)
        }
        let eighths = Int((cells * 8).rounded())
        let whole = eighths / 8
        let rest = eighths % 8
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][rest]
        return (String(repeating: "█", count: whole) + partial, whole + (rest > 0 ? 1 : 0))
    }
}
