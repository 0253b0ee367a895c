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
    public struct Frame: Sendable {
        public var function: String
        public var file: SourceFile
        public var range: SourceRange
    }

    public var kind: Kind
    public var message: String
    public var file: SourceFile?
    public var range: SourceRange?
    /// Extra lines such as "did you mean `x`?".
    public var notes: [String]
    /// Innermost call first.
    public var frames: [Frame] = []

    public init(
        _ kind: Kind, _ message: String, file: SourceFile? = nil, range: SourceRange? = nil, notes: [String] = []
    ) {
        self.kind = kind
        self.message = message
        self.file = file
        self.range = range
        self.notes = notes
    }

    /// Whether evaluation had started when this happened.
    public var isStatic: Bool {
        switch kind {
        case .syntax, .incompleteInput, .name: true
        default: false
        }
    }
}
