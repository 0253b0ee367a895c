/// A line through points, drawn in braille dots (each cell 2 × 4 dots; `*` cells in
/// ASCII), with labelled axes and dotted horizontal threshold lines named at the right,
/// such as a burn rate against its alert thresholds.
struct LinePlot {
    struct Threshold {
        var label: String
        var value: Double
    }

    var points: [(x: Double, y: Double)]
    var xQuantity: ChartQuantity
    var yQuantity: ChartQuantity
    var thresholds: [Threshold]
    var title: String?
    var xCaption: String
    var yCaption: String
    /// Rows of the plot area; nil picks one from the width.
    var height: Int?

    func draw(_ canvas: Display.Canvas) -> String {
        var lines = title.map { Display.wrap($0, width: canvas.width) } ?? []
        lines += Display.wrap(yCaption, width: canvas.width)
        let yAxis = ChartAxis(
            covering: points.map(\.y) + thresholds.map(\.value), quantity: yQuantity, log: false)
        let xAxis = ChartAxis(covering: points.map(\.x), quantity: xQuantity, log: false, includeZero: false)
        let yLabels = yAxis.ticks.map(yQuantity.label)
        let gutter = (yLabels.map(Display.columns).max() ?? 1) + 1
        let tags = thresholds.map { Display.truncate($0.label, to: max(4, canvas.width / 4), unicode: canvas.unicode) }
        let margin = tags.isEmpty ? 0 : (tags.map(Display.columns).max() ?? 0) + 1
        let cells = max(10, canvas.width - gutter - 1 - margin)
        let rows = min(40, max(4, height ?? (canvas.width >= 60 ? 10 : 8)))
        let (dx, dy) = canvas.unicode ? (2, 4) : (1, 1)
        let dotsWide = cells * dx
        let dotsHigh = rows * dy
        var dots = [[Bool]](repeating: [Bool](repeating: false, count: dotsWide), count: dotsHigh)
        var dotted = dots
        func dot(_ x: Double, _ axis: ChartAxis, _ count: Int) -> Int {
            Int(axis.position(x, length: Double(count - 1)).rounded())
        }
        // Thresholds: every other dot (every other cell in ASCII), so the line stays the line.
        var thresholdRows: [Int] = []
        for threshold in thresholds {
            let row = dotsHigh - 1 - dot(threshold.value, yAxis, dotsHigh)
            thresholdRows.append(row / dy)
            for x in stride(from: 0, to: dotsWide, by: 2) { dotted[row][x] = true }
        }
        // The line: each segment stepped dot by dot.
        let placed = points.map { (dot($0.x, xAxis, dotsWide), dotsHigh - 1 - dot($0.y, yAxis, dotsHigh)) }
        for (i, p) in placed.enumerated() {
            dots[p.1][p.0] = true
            guard i + 1 < placed.count else { continue }
            let q = placed[i + 1]
            let steps = max(abs(q.0 - p.0), abs(q.1 - p.1))
            if steps > 0 {
                for s in 1...steps {
                    let x = p.0 + (q.0 - p.0) * s / steps
                    let y = p.1 + (q.1 - p.1) * s / steps
                    dots[y][x] = true
                }
            }
        }
        let tickRows = Dictionary(
            yAxis.ticks.enumerated().map { i, tick in
                ((dotsHigh - 1 - dot(tick, yAxis, dotsHigh)) / dy, yLabels[i])
            }, uniquingKeysWith: { a, _ in a })
        for row in 0..<rows {
            var text = ""
            for cell in 0..<cells {
                let (glyph, hasLine, hasDots) = Self.cell(row: row, cell: cell, dots, dotted, dx, dy, canvas.unicode)
                if hasLine {
                    text += canvas.style.accent(glyph)
                } else if hasDots {
                    text += canvas.style.alert(glyph)
                } else {
                    text += glyph
                }
            }
            let label = Display.pad(tickRows[row] ?? "", to: gutter - 1, right: true)
            let axisGlyph = tickRows[row] != nil ? canvas.glyph("┤", "+") : canvas.glyph("│", "|")
            var out = label + " " + canvas.style.muted(axisGlyph) + text
            if let i = thresholdRows.firstIndex(of: row) { out += " " + canvas.style.alert(tags[i]) }
            while out.hasSuffix(" ") { out.removeLast() }
            lines.append(out)
        }
        let xLines = xAxis.draw(length: cells, offset: gutter + 1, corner: true, canvas)
        lines += xLines.map { canvas.paint(canvas.style.muted, $0) }
        lines += Display.wrap(xCaption, width: canvas.width, first: String(repeating: " ", count: gutter + 1))
        return lines.joined(separator: "\n")
    }

    /// One cell of the plot: a braille character of the dots in it (the line's and the
    /// thresholds'), or in ASCII `*` for the line and `-` for a threshold.
    private static func cell(
        row: Int, cell: Int, _ dots: [[Bool]], _ dotted: [[Bool]], _ dx: Int, _ dy: Int, _ unicode: Bool
    ) -> (String, Bool, Bool) {
        if !unicode {
            if dots[row][cell] { return ("*", true, false) }
            if dotted[row][cell] { return ("-", false, true) }
            return (" ", false, false)
        }
        // Braille dot bits by (column, row) within the cell.
        let bits: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        var mask: UInt32 = 0
        var line = false
        var marks = false
        for c in 0..<dx {
            for r in 0..<dy {
                let y = row * dy + r
                let x = cell * dx + c
                if dots[y][x] {
                    mask |= bits[c][r]
                    line = true
                } else if dotted[y][x] {
                    mask |= bits[c][r]
                    marks = true
                }
            }
        }
        guard mask != 0, let scalar = Unicode.Scalar(0x2800 + mask) else { return (" ", false, false) }
        return (String(Character(scalar)), line, marks)
    }
}
