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
        switch kind {
        case .bars(let chart): return chart.draw(canvas)
        case .line(let plot): return plot.draw(canvas)
        case .histogram(let histogram): return histogram.draw(canvas)
        case .strip(let strip): return strip.draw(canvas)
        case .diagram(let block): return DiagramText.draw(block, canvas)
        }
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
