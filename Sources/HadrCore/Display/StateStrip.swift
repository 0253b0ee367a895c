/// A state machine over time, such as a circuit breaker's: one row per state filled
/// where the machine was in it, under them a row of what happened to each call, over a
/// time axis. When there are more calls than columns, each column covers several calls
/// and is filled in every state it saw.
struct StateStrip {
    enum Outcome {
        case success, failure, rejected
    }

    /// The states' names, top to bottom.
    var states: [String]
    /// Per call: the index in `states` of the state that handled it.
    var perCall: [Int]
    var outcomes: [Outcome]
    /// The time between calls, in seconds.
    var interval: Double
    var title: String?
    /// Which states need attention (drawn in the alert colour), by index.
    var alerting: Set<Int>

    func draw(_ canvas: Display.Canvas) -> String {
        var lines = title.map { Display.wrap($0, width: canvas.width) } ?? []
        let calls = min(perCall.count, outcomes.count)
        guard calls > 0 else { return (lines + ["(no calls)"]).joined(separator: "\n") }
        let names = states + ["calls"]
        let gutter = (names.map(Display.columns).max() ?? 0) + 2
        let room = max(10, canvas.width - gutter)
        let per = (calls + room - 1) / room
        let cells = (calls + per - 1) / per
        var seen = [[Bool]](repeating: [Bool](repeating: false, count: cells), count: states.count)
        var happened = [Outcome](repeating: .success, count: cells)
        for call in 0..<calls {
            let cell = call / per
            let state = perCall[call]
            if state >= 0, state < states.count { seen[state][cell] = true }
            switch (outcomes[call], happened[cell]) {
            case (.failure, _): happened[cell] = .failure
            case (.rejected, .success): happened[cell] = .rejected
            default: break
            }
        }
        let full = canvas.glyph("█", "#")
        for (i, name) in states.enumerated() {
            let colour = alerting.contains(i) ? canvas.style.alert : canvas.style.accent
            var row = ""
            var run = ""
            var gap = ""
            for cell in 0..<cells {
                if seen[i][cell] {
                    row += gap
                    gap = ""
                    run += full
                } else {
                    row += canvas.paint(colour, run)
                    run = ""
                    gap += " "
                }
            }
            row += canvas.paint(colour, run)
            var line = Display.pad(name, to: gutter) + row
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        let marks = happened.map { outcome -> String in
            switch outcome {
            case .success: canvas.glyph("✓", ".")
            case .failure: canvas.style.alert(canvas.glyph("✗", "x"))
            case .rejected: canvas.glyph("○", "o")
            }
        }
        lines.append(Display.pad("calls", to: gutter) + marks.joined())
        // Column c starts at call c × per: the axis runs to the last column's start.
        let axis = ChartAxis(from: 0, to: Double(max(1, cells - 1) * per) * interval, quantity: .duration)
        lines += axis.draw(length: cells, offset: gutter, canvas).map { canvas.paint(canvas.style.muted, $0) }
        let each = per == 1 ? "1 call" : "\(per) calls"
        let legend = [
            canvas.glyph("✓", ".") + " success", canvas.glyph("✗", "x") + " failure",
            canvas.glyph("○", "o") + " rejected", "a column is \(each), every " + Display.duration(interval),
        ]
        lines += Display.wrap(
            legend.joined(separator: canvas.glyph(" · ", " - ")), width: canvas.width,
            first: String(repeating: " ", count: gutter),
            rest: String(repeating: " ", count: gutter))
        return lines.joined(separator: "\n")
    }
}
