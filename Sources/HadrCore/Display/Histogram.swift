import Glibc

/// How values spread: equal-width bins as columns of blocks rising in eighths of a cell
/// (`▁`…`█`; `#` in ASCII), the count on the left axis, the values' unit on the bottom
/// one, and the 50th, 90th and 99th percentiles (nearest rank) marked under it.
struct Histogram {
    /// The values, in increasing order.
    var values: [Double]
    var quantity: ChartQuantity
    /// Bins; nil picks about two per doubling of the count.
    var bins: Int?
    var title: String?
    /// What is counted, such as `years`.
    var counting: String
    /// What the values are, such as `downtime in a year`.
    var caption: String

    static let percentiles: [Double] = [50, 90, 99]

    /// The nearest-rank percentile: the smallest value with at least p% of the values at or below it.
    static func percentile(_ p: Double, of sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    /// How many values fall in each of `count` equal bins from `low` to `high` (the last bin closed).
    static func counts(_ values: [Double], bins count: Int, low: Double, high: Double) -> [Int] {
        var counts = [Int](repeating: 0, count: count)
        let span = high - low
        for v in values where v.isFinite {
            let share = span > 0 && span.isFinite ? (v - low) / span : 0
            let scaled = (share * Double(count)).rounded(.down)
            let i = scaled.isFinite ? Int(min(Double(count - 1), max(0, scaled))) : 0
            counts[i] += 1
        }
        return counts
    }

    func draw(_ canvas: Display.Canvas) -> String {
        var lines = title.map { Display.wrap($0, width: canvas.width) } ?? []
        guard let low = values.first, let last = values.last else {
            return (lines + ["(no values)"]).joined(separator: "\n")
        }
        let high = last > low ? last : low + 1
        let rows = canvas.width >= 60 ? 10 : 8
        let gutterGuess = 6
        let room = max(10, canvas.width - gutterGuess - 1)
        let automatic = Int((2 * Glibc.log2(Double(max(2, values.count)))).rounded()) + 2
        let binCount = min(room, max(1, bins ?? automatic))
        let valueAxis = ChartAxis(covering: [low, high], quantity: quantity, log: false, includeZero: false)
        let counts = Self.counts(values, bins: binCount, low: valueAxis.low, high: valueAxis.high)
        let most = counts.max() ?? 1
        let countAxis = ChartAxis(covering: [0, Double(most)], quantity: .number, log: false)
        let countLabels = countAxis.ticks.map { Display.number($0) }
        let gutter = (countLabels.map(Display.columns).max() ?? 1) + 1
        // Each bin as many whole cells wide as fit, at least one.
        let binWidth = max(1, (canvas.width - gutter - 1) / binCount)
        let cells = binWidth * binCount
        lines += Display.wrap(counting, width: canvas.width)
        let eighths = counts.map { Int((Double($0) / countAxis.high * Double(rows * 8)).rounded()) }
        // A tick labels the row whose top it is; 0 is the axis itself.
        let tickRows = Dictionary(
            countAxis.ticks.enumerated().compactMap { i, tick -> (Int, String)? in
                let fromBottom = Int((tick / countAxis.high * Double(rows)).rounded()) - 1
                return fromBottom < 0 ? nil : (rows - 1 - min(rows - 1, fromBottom), countLabels[i])
            }, uniquingKeysWith: { a, _ in a })
        for row in 0..<rows {
            let floor = (rows - 1 - row) * 8
            var text = ""
            for e in eighths {
                let fill = min(8, max(0, e - floor))
                let glyph: String
                if canvas.unicode {
                    glyph = ["", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"][fill]
                } else {
                    glyph = fill >= 4 ? "#" : ""
                }
                text +=
                    glyph.isEmpty ? String(repeating: " ", count: binWidth) : String(repeating: glyph, count: binWidth)
            }
            let label = Display.pad(tickRows[row] ?? "", to: gutter - 1, right: true)
            let axisGlyph = tickRows[row] != nil ? canvas.glyph("┤", "+") : canvas.glyph("│", "|")
            while text.hasSuffix(" ") { text.removeLast() }
            lines.append(
                label + " " + canvas.paint(canvas.style.muted, axisGlyph) + canvas.paint(canvas.style.accent, text))
        }
        let axisLines = valueAxis.draw(length: cells, offset: gutter + 1, corner: true, canvas)
        lines += axisLines.map { canvas.paint(canvas.style.muted, $0) }
        // The percentiles: a mark under each, then their values.
        var marks = Display.Grid(width: gutter + 1 + cells, height: 1)
        var legend: [String] = []
        for p in Self.percentiles {
            guard let v = Self.percentile(p, of: values) else { continue }
            let at = gutter + 1 + min(cells - 1, Int(valueAxis.position(v, length: Double(cells - 1)).rounded()))
            marks.put(canvas.glyph("▲", "^"), row: 0, column: at)
            legend.append("p\(Display.number(p)) " + quantity.label(v))
        }
        lines += marks.lines.map { canvas.paint(canvas.style.alert, $0) }
        lines += Display.wrap(
            ([caption] + legend).joined(separator: canvas.glyph(" · ", " - ")), width: canvas.width,
            first: String(repeating: " ", count: gutter + 1), rest: String(repeating: " ", count: gutter + 1))
        return lines.joined(separator: "\n")
    }
}
