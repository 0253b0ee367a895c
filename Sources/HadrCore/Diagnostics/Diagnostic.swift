/// An error with the place it happened; rendered in one place (`DiagnosticRenderer`).
public struct Diagnostic: Error, Sendable {
    /// What went wrong, which also decides the exit status of a script.
    public enum Kind: Sendable {
        /// The text is not valid hadr.
        case syntax
        /// The text stops where more was expected; the REPL asks for another line.
        case incompleteInput
        /// A name is unknown or used wrongly, found before running.
        case name
        /// A call's arguments do not fit the function's parameters (found before running
        /// when the function is known, else when the call is made).
        case call
        /// A value of the wrong kind or unit, found while running.
        case type
        /// Any other error found while running.
        case runtime
        /// An `assert` whose condition was false.
        case assertion
        /// A limit was reached (depth, steps, time, size).
        case limit
        /// The user interrupted the evaluation.
        case interrupted
        /// A file could not be read or written.
        case io
    }

    /// One hadr call that was active when a runtime error happened.
    struct Frame: Sendable {
        var function: String
        var file: SourceFile
        var range: SourceRange
    }

    public var kind: Kind
    public var message: String
    var file: SourceFile?
    var range: SourceRange?
    /// Extra lines such as "did you mean `x`?".
    public var notes: [String]
    /// Innermost call first.
    var frames: [Frame] = []
    /// Whether `frames` has been taken: the trace is captured once, where the error first
    /// crosses a call site, and not added to as it unwinds.
    var traced = false
    /// A warning: the evaluation went on (rendered as `warning:`, written to standard error).
    public var isWarning = false

    /// Whether the error points at a place in a source (a script that cannot be read does not).
    public var hasLocation: Bool { file != nil }

    init(
        _ kind: Kind, _ message: String, file: SourceFile? = nil, range: SourceRange? = nil, notes: [String] = []
    ) {
        self.kind = kind
        self.message = Self.clipped(message)
        self.file = file
        self.range = range
        self.notes = notes
    }
}

extension Diagnostic {
    /// This diagnostic, placed at `range` of `file` when it has no place yet (a limit the
    /// checkpoint raised, a builtin's error): where it was raised, not where it is caught.
    func placed(in file: SourceFile, at range: SourceRange) -> Diagnostic {
        guard self.range == nil else { return self }
        var placed = self
        placed.file = file
        placed.range = range
        return placed
    }

    /// The longest message shown whole, in characters: a message quotes the input (a name,
    /// a number, a value), and a ten-megabyte name must not come back as ten megabytes.
    static let longestMessage = 600

    /// The message, its middle replaced by `…` when it is longer than `longestMessage`.
    static func clipped(_ message: String) -> String {
        guard message.utf8.count > longestMessage * 4 || message.count > longestMessage else { return message }
        let keep = longestMessage / 2
        return String(message.prefix(keep)) + "…" + String(message.suffix(keep))
    }

    /// How many frames of a trace are shown, as runs; the rest are counted.
    static let shownTraceRuns = 20

    /// The trace with consecutive identical frames (deep recursion) folded into one run
    /// with a count, at most `shownTraceRuns` of them, and how many runs were left out.
    var traceRuns: (runs: [(frame: Frame, count: Int)], omitted: Int) {
        var runs: [(frame: Frame, count: Int)] = []
        for frame in frames {
            if let last = runs.last, last.frame.function == frame.function, last.frame.range == frame.range,
                last.frame.file === frame.file
            {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((frame, 1))
            }
        }
        let shown = min(runs.count, Self.shownTraceRuns)
        return (Array(runs.prefix(shown)), runs.count - shown)
    }
}
