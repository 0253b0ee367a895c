/// A block diagram drawn with box-drawing characters: series left to right, parallel
/// branches stacked between two rails, k-of-n and standby groups labelled above their
/// branches, each part a box with its name and availability, shared parts in double
/// lines. A series too wide for the terminal continues on the next rows; a diagram that
/// still does not fit is drawn as an indented outline.
enum DiagramText {
    /// The characters of one drawing style.
    struct Glyphs {
        let h, v, topLeft, topRight, bottomLeft, bottomRight, enter, leave: String
        let sharedH, sharedV, sharedTopLeft, sharedTopRight, sharedBottomLeft, sharedBottomRight: String
        let sharedEnter, sharedLeave: String
        let split, branch, lastBranch, join, joinBranch, lastJoin: String
        let turnDown, turnBack, turnIn, turnOut: String
        let tee, elbow, pipe: String

        static let unicode = Glyphs(
            h: "─", v: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", enter: "┤", leave: "├",
            sharedH: "═", sharedV: "║", sharedTopLeft: "╔", sharedTopRight: "╗", sharedBottomLeft: "╚",
            sharedBottomRight: "╝", sharedEnter: "╢", sharedLeave: "╟",
            split: "┬", branch: "├", lastBranch: "└", join: "┬", joinBranch: "┤", lastJoin: "┘",
            turnDown: "╮", turnBack: "╯", turnIn: "╭", turnOut: "╰",
            tee: "├─ ", elbow: "└─ ", pipe: "│  ")

        static let ascii = Glyphs(
            h: "-", v: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", enter: "|", leave: "|",
            sharedH: "=", sharedV: "|", sharedTopLeft: "+", sharedTopRight: "+", sharedBottomLeft: "+",
            sharedBottomRight: "+", sharedEnter: "|", sharedLeave: "|",
            split: "+", branch: "+", lastBranch: "+", join: "+", joinBranch: "+", lastJoin: "+",
            turnDown: "+", turnBack: "+", turnIn: "+", turnOut: "+",
            tee: "|- ", elbow: "`- ", pipe: "|  ")
    }

    static func draw(_ block: Block, _ canvas: Display.Canvas) -> String {
        let diagram = DiagramModel(block)
        let g = canvas.unicode ? Glyphs.unicode : Glyphs.ascii
        var lines =
            boxes(diagram.root, width: canvas.width, g)?.lines ?? outline(diagram.root, width: canvas.width, g)
        lines += Display.wrap(diagram.summary(separator: canvas.glyph(" · ", " - ")), width: canvas.width)
        if !diagram.shared.isEmpty {
            let mark = canvas.unicode ? "╔═╗" : "+=+"
            let names = diagram.shared.joined(separator: ", ")
            lines += Display.wrap(
                mark + " shared: " + names + " (one part drawn in each place it is used)", width: canvas.width)
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Boxes

    /// The diagram with a line in and out, wrapped onto more rows when it is a series
    /// too wide for `width`; nil when even that does not fit.
    static func boxes(_ root: DiagramModel.Node, width: Int, _ g: Glyphs) -> Display.Grid? {
        let whole = layout(root, g)
        if whole.width + 4 <= width { return framed([whole], width: whole.width + 4, g) }
        guard case .series(let parts) = root else { return nil }
        var pieces: [Display.Grid] = []
        for (i, part) in parts.enumerated() {
            if Display.Pace.stops(at: i) { break }
            pieces.append(layout(part, g))
        }
        // Each row of the wrapped series has a turn column on either side and a line in and out.
        let room = width - 4
        guard pieces.allSatisfy({ $0.width <= room }) else { return nil }
        var rows: [[Display.Grid]] = [[]]
        var used = 0
        for piece in pieces {
            let extra = rows[rows.count - 1].isEmpty ? piece.width : piece.width + 2
            if used + extra > room, !rows[rows.count - 1].isEmpty {
                rows.append([piece])
                used = piece.width
            } else {
                rows[rows.count - 1].append(piece)
                used += extra
            }
        }
        let grids = rows.map { series($0, g) }
        return framed(grids, width: width, g)
    }

    /// Rows of a series stacked, each joined to the next by a line that turns down on the
    /// right and comes back on the left; a line enters the first and leaves the last.
    private static func framed(_ rows: [Display.Grid], width: Int, _ g: Glyphs) -> Display.Grid {
        if rows.count == 1, let only = rows.first {
            var grid = Display.Grid(width: only.width + 4, height: only.height, anchor: only.anchor)
            grid.paste(only, row: 0, column: 2)
            grid.line(g.h, row: only.anchor, from: 0, to: 1)
            grid.line(g.h, row: only.anchor, from: only.width + 2, to: only.width + 3)
            return grid
        }
        let height = rows.reduce(0) { $0 + $1.height } + rows.count - 1
        var grid = Display.Grid(width: width, height: height, anchor: rows.first?.anchor ?? 0)
        let right = width - 1
        var top = 0
        for (i, row) in rows.enumerated() {
            if Display.Pace.stops(at: i) { break }
            grid.paste(row, row: top, column: 2)
            let anchor = top + row.anchor
            // In: from the left edge on the first row, from the turn on the others.
            if i == 0 {
                grid.line(g.h, row: anchor, from: 0, to: 1)
            } else {
                grid.column(g.v, column: 0, from: top, to: anchor - 1)
                grid.put(g.turnOut, row: anchor, column: 0)
                grid.put(g.h, row: anchor, column: 1)
            }
            // Out: to the right edge on the last row, down and back on the others.
            grid.line(g.h, row: anchor, from: 2 + row.width, to: i == rows.count - 1 ? right : right - 1)
            if i < rows.count - 1 {
                let back = top + row.height
                grid.put(g.turnDown, row: anchor, column: right)
                grid.column(g.v, column: right, from: anchor + 1, to: back - 1)
                grid.put(g.turnBack, row: back, column: right)
                grid.line(g.h, row: back, from: 1, to: right - 1)
                grid.put(g.turnIn, row: back, column: 0)
                top = back + 1
            }
        }
        return grid
    }

    /// A node's drawing, with its line entering at the anchor row's left edge and leaving at its right.
    static func layout(_ node: DiagramModel.Node, _ g: Glyphs) -> Display.Grid {
        switch node {
        case .part(let name, let availability, let shared):
            return box(name: name, availability: availability, shared: shared, g)
        case .series(let parts):
            return series(parts.map { layout($0, g) }, g)
        case .parallel(let parts, let label):
            return parallel(parts.map { layout($0, g) }, label: label, g)
        }
    }

    /// A part: its name over its availability, in a box whose sides the line meets.
    private static func box(name: String?, availability: String, shared: Bool, _ g: Glyphs) -> Display.Grid {
        let name = name.map { Display.truncate($0, to: 40, unicode: g.h == "─") }
        let texts = [name, availability].compactMap { $0 }
        let inner = texts.map(Display.columns).max() ?? 0
        var grid = Display.Grid(width: inner + 4, height: texts.count + 2, anchor: 1)
        let (h, v) = shared ? (g.sharedH, g.sharedV) : (g.h, g.v)
        grid.line(h, row: 0, from: 1, to: inner + 2)
        grid.line(h, row: grid.height - 1, from: 1, to: inner + 2)
        grid.put(shared ? g.sharedTopLeft : g.topLeft, row: 0, column: 0)
        grid.put(shared ? g.sharedTopRight : g.topRight, row: 0, column: inner + 3)
        grid.put(shared ? g.sharedBottomLeft : g.bottomLeft, row: grid.height - 1, column: 0)
        grid.put(shared ? g.sharedBottomRight : g.bottomRight, row: grid.height - 1, column: inner + 3)
        for (i, text) in texts.enumerated() {
            grid.put(v, row: i + 1, column: 0)
            grid.put(v, row: i + 1, column: inner + 3)
            grid.put(text, row: i + 1, column: 2)
        }
        grid.put(shared ? g.sharedEnter : g.enter, row: 1, column: 0)
        grid.put(shared ? g.sharedLeave : g.leave, row: 1, column: inner + 3)
        return grid
    }

    /// Drawings side by side, their anchor rows aligned, joined by a short line.
    private static func series(_ parts: [Display.Grid], _ g: Glyphs) -> Display.Grid {
        let anchor = parts.map(\.anchor).max() ?? 0
        let below = parts.map { $0.height - $0.anchor }.max() ?? 1
        let width = parts.reduce(0) { $0 + $1.width } + 2 * max(0, parts.count - 1)
        var grid = Display.Grid(width: width, height: anchor + below, anchor: anchor)
        var column = 0
        for (i, part) in parts.enumerated() {
            if Display.Pace.stops(at: i) { break }
            if i > 0 {
                grid.line(g.h, row: anchor, from: column, to: column + 1)
                column += 2
            }
            grid.paste(part, row: anchor - part.anchor, column: column)
            column += part.width
        }
        return grid
    }

    /// Branches stacked between a rail that splits the line and one that joins it; the
    /// line runs on the first branch's row; a label (k of n, standby) sits above.
    private static func parallel(_ parts: [Display.Grid], label: String?, _ g: Glyphs) -> Display.Grid {
        guard parts.count > 1 || label != nil, let first = parts.first else {
            return parts.first ?? Display.Grid(width: 0, height: 1)
        }
        let header = label == nil ? 0 : 1
        let inner = max(parts.map(\.width).max() ?? 0, label.map { Display.columns($0) } ?? 0)
        let width = inner + 4
        let height = header + parts.reduce(0) { $0 + $1.height }
        var grid = Display.Grid(width: width, height: height, anchor: header + first.anchor)
        if let label { grid.put(label, row: 0, column: 2) }
        var top = header
        var anchors: [Int] = []
        for (i, part) in parts.enumerated() {
            if Display.Pace.stops(at: i) { break }
            grid.paste(part, row: top, column: 2)
            let anchor = top + part.anchor
            anchors.append(anchor)
            grid.put(g.h, row: anchor, column: 1)
            grid.line(g.h, row: anchor, from: 2 + part.width, to: width - 2)
            top += part.height
        }
        let firstAnchor = anchors.first ?? 0
        let lastAnchor = anchors.last ?? 0
        grid.column(g.v, column: 0, from: firstAnchor, to: lastAnchor)
        grid.column(g.v, column: width - 1, from: firstAnchor, to: lastAnchor)
        for (i, anchor) in anchors.enumerated() {
            let isFirst = i == 0
            let isLast = i == anchors.count - 1
            grid.put(isFirst ? g.split : isLast ? g.lastBranch : g.branch, row: anchor, column: 0)
            grid.put(isFirst ? g.join : isLast ? g.lastJoin : g.joinBranch, row: anchor, column: width - 1)
        }
        return grid
    }

    // MARK: Outline

    /// The diagram as an indented tree, for a terminal too narrow for its boxes.
    static func outline(_ root: DiagramModel.Node, width: Int, _ g: Glyphs) -> [String] {
        var lines: [String] = []
        func walk(_ node: DiagramModel.Node, prefix: String, childPrefix: String) {
            switch node {
            case .part(let name, let availability, let shared):
                let after = "  " + availability + (shared ? "  (shared)" : "")
                guard let name else {
                    lines.append(prefix + availability + (shared ? "  (shared)" : ""))
                    return
                }
                let room = max(4, width - Display.columns(prefix) - Display.columns(after))
                lines.append(prefix + Display.truncate(name, to: room, unicode: g.h == "─") + after)
            case .series(let parts):
                lines.append(prefix + "all of")
                children(parts, childPrefix)
            case .parallel(let parts, let label):
                lines.append(prefix + (label.map { "\($0)" } ?? "any of"))
                children(parts, childPrefix)
            }
        }
        func children(_ parts: [DiagramModel.Node], _ prefix: String) {
            for (i, part) in parts.enumerated() {
                let last = i == parts.count - 1
                walk(part, prefix: prefix + (last ? g.elbow : g.tee), childPrefix: prefix + (last ? "   " : g.pipe))
            }
        }
        walk(root, prefix: "", childPrefix: "")
        return lines
    }
}
