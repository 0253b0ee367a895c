/// Renders diagnostics as `FILE:LINE:COL: error: MESSAGE`, the source line and a caret.
public struct DiagnosticRenderer: Sendable {
    /// Wraps parts of the output in terminal colours; identity when colour is off.
    public struct Palette: Sendable {
        public var error: @Sendable (String) -> String
        public var location: @Sendable (String) -> String
        public var caret: @Sendable (String) -> String
        public var note: @Sendable (String) -> String

        public static let plain = Palette(error: { $0 }, location: { $0 }, caret: { $0 }, note: { $0 })

        public init(
            error: @escaping @Sendable (String) -> String, location: @escaping @Sendable (String) -> String,
            caret: @escaping @Sendable (String) -> String, note: @escaping @Sendable (String) -> String
        ) {
            self.error = error
            self.location = location
            self.caret = caret
            self.note = note
        }
    }

    public var palette: Palette

    public init(palette: Palette = .plain) {
        self.palette = palette
    }

    /// The full text of a diagnostic, ending with a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = ""
        let label = diagnostic.isWarning ? "warning" : diagnostic.kind == .assertion ? "assertion failed" : "error"
        if let file = diagnostic.file, let range = diagnostic.range {
            let (line, column) = file.location(of: range.start)
            out +=
                palette.location("\(file.name):\(line):\(column):") + " " + palette.error(label + ":") + " "
                + diagnostic.message + "\n"
            // The line near the error only (a few KB of a line of megabytes), columns counted
            // from where that part starts.
            let near = file.lineText(line, around: range.start, radius: 4096)
            var source = Array(near.text.replacingTabs)
            let at = column - near.firstColumn + 1
            let gutter = String(line)
            let pad = String(repeating: " ", count: gutter.count)
            let (endLine, endColumn) = file.location(of: range.end)
            var width = endLine == line ? max(1, endColumn - column) : max(1, source.count - at + 1)
            var caretColumn = at
            // A very long line shows a window around the error, not the whole line.
            let window = 100
            if source.count > window + 20 || near.cutBefore || near.cutAfter {
                let start = max(0, min(at - 1 - window / 2, source.count - window))
                let end = min(source.count, start + window)
                let before = start > 0 || near.cutBefore
                let shown =
                    (before ? "…" : "") + String(source[start..<end]) + (end < source.count || near.cutAfter ? "…" : "")
                caretColumn = at - start + (before ? 1 : 0)
                width = min(width, window - (at - 1 - start))
                source = Array(shown)
            }
            out += " \(gutter) | \(String(source))\n"
            out +=
                " \(pad) | " + String(repeating: " ", count: max(0, caretColumn - 1))
                + palette.caret(String(repeating: "^", count: max(1, width))) + "\n"
        } else if let file = diagnostic.file {
            out +=
                palette.location("\(file.name):") + " " + palette.error(label + ":") + " " + diagnostic.message + "\n"
        } else {
            out += palette.error(label + ":") + " " + diagnostic.message + "\n"
        }
        for note in diagnostic.notes {
            out += "  " + palette.note(note) + "\n"
        }
        // One line per frame in the compiler's form, so an editor's list of errors jumps
        // to each call site; consecutive identical frames (deep recursion) print once.
        let (runs, omitted) = diagnostic.traceRuns
        for run in runs {
            let (line, column) = run.frame.file.location(of: run.frame.range.start)
            let times = run.count > 1 ? " (\(run.count) times)" : ""
            out +=
                palette.location("\(run.frame.file.name):\(line):\(column):") + " " + palette.note("note:")
                + " in \(run.frame.function) called here\(times)\n"
        }
        if omitted > 0 {
            out += "  ... and \(omitted) more calls\n"
        }
        return out
    }
}

extension String {
    fileprivate var replacingTabs: String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}

/// Names within a small edit distance of a misspelled one, closest first.
public enum Suggestion {
    /// The best candidate, if one is close enough to be a likely typo.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().utf8)
        let limit = max(1, target.count / 3)
        var best: (String, Int)?
        for candidate in candidates where candidate != name {
            let d = distance(target, Array(candidate.lowercased().utf8), limit: limit)
            // A distance as long as the shorter name would suggest anything (`x` → `_`).
            guard d < min(target.count, candidate.utf8.count) else { continue }
            if d <= limit, d < (best?.1 ?? Int.max) || (d == best?.1 && candidate < (best?.0 ?? "")) {
                best = (candidate, d)
            }
        }
        return best?.0
    }

    /// Edit distance counting a swap of neighbours as one edit (optimal string alignment).
    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
