/// A chart or a block diagram: what to draw, kept as data and drawn each time it is
/// shown, at the width of the layout it is shown in (or the width its call asked for).
final class Picture {
    /// What the picture shows.
    enum Kind {
        case bars(BarChart)
        case line(LinePlot)
        case histogram(Histogram)
        case strip(StateStrip)
        case diagram(Block)
    }

    let kind: Kind
    /// The width the call asked for, if it did: drawn at that width wherever shown.
    let width: Int?
    /// The layout of the session that made it: what `str` and interpolation draw it at.
    let layout: Display.Layout

    init(_ kind: Kind, width: Int?, layout: Display.Layout) {
        self.kind = kind
        self.width = width.map { min(Display.Layout.widths.upperBound, max(Display.Layout.widths.lowerBound, $0)) }
        self.layout = layout
    }

    /// `chart` or `diagram`, as `type` and error messages name it.
    var typeName: String {
        if case .diagram = kind { return "diagram" }
        return "chart"
    }

    /// The picture as text for `layout` (its own when nil), coloured by `style`.
    func draw(layout: Display.Layout? = nil, style: Display.Style = .plain) -> String {
        var target = layout ?? self.layout
        if let width { target.width = width }
        let canvas = Display.Canvas(layout: target, style: style)
        let drawn: String
        switch kind {
        case .bars(let chart): drawn = chart.draw(canvas)
        case .line(let plot): drawn = plot.draw(canvas)
        case .histogram(let histogram): drawn = histogram.draw(canvas)
        case .strip(let strip): drawn = strip.draw(canvas)
        case .diagram(let block): drawn = DiagramText.draw(block, canvas)
        }
        return target.unicode ? drawn : Self.plainPunctuation(drawn)
    }

    /// The punctuation that labels written in hadr use (`·`, `–`, `×`, `…`), in ASCII, for a
    /// terminal that shows only ASCII; the chart's own lines already chose their characters.
    static func plainPunctuation(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "·", "–", "—": out += "-"
            case "×": out += "x"
            case "…": out += "..."
            default: out.append(character)
            }
        }
        return out
    }
}

extension Display {
    /// Where a picture is drawn: the layout, the colours, and the characters to use.
    struct Canvas {
        let layout: Layout
        let style: Style

        var width: Int { layout.width }
        var unicode: Bool { layout.unicode }

        /// `unicode` on a Unicode terminal, `ascii` otherwise.
        func glyph(_ unicode: String, _ ascii: String) -> String { self.unicode ? unicode : ascii }

        /// Text in a colour of the style; nothing stays nothing, so no empty colour codes.
        func paint(_ colour: (String) -> String, _ text: String) -> String { text.isEmpty ? text : colour(text) }
    }
}
