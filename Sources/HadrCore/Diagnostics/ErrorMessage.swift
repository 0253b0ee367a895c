/// An error's kind and wording without a place: what a stage, an operator or a builtin
/// throws. Each stage keeps its errors in one enum whose cases carry their wording, and
/// the stage (or, at run time, the compiled code that ran the operation) adds the place
/// when it turns the error into a `Diagnostic`.
protocol ErrorMessage: Error, Sendable {
    var kind: Diagnostic.Kind { get }
    var message: String { get }
    /// Extra lines: `help: ...` and `note: ...`.
    var notes: [String] { get }
}

extension ErrorMessage {
    var notes: [String] { [] }
}

extension Diagnostic {
    /// A diagnostic for an error message, at a place if one is known.
    init(_ error: some ErrorMessage, file: SourceFile? = nil, range: SourceRange? = nil) {
        self.init(error.kind, error.message, file: file, range: range, notes: error.notes)
    }

    /// Any error thrown while running, as a diagnostic (without a place unless it had one).
    static func from(_ error: any Error) -> Diagnostic {
        switch error {
        case let d as Diagnostic: d
        case let e as any ErrorMessage: Diagnostic(e)
        default: Diagnostic(.runtime, "\(error)")
        }
    }
}

/// "1 argument", "2 arguments".
func counted(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
}
