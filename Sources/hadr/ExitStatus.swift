import HadrCore

/// The documented exit statuses of `hadr`.
enum ExitStatus {
    static let ok: Int32 = 0
    /// An `assert` failed.
    static let assertionFailed: Int32 = 1
    /// Bad command-line usage.
    static let usage: Int32 = 64
    /// A syntax or name error, or a call whose arguments do not fit the function.
    static let staticError: Int32 = 65
    /// A file could not be read.
    static let noInput: Int32 = 66
    /// An error while running: types, units, limits.
    static let runtimeError: Int32 = 70
    /// Standard output could not be written (a full disk, a closed pipe).
    static let outputFailed: Int32 = 74
    /// Interrupted with Ctrl-C (SIGTERM gives 143).
    static let interrupted: Int32 = 130

    static func of(_ diagnostic: Diagnostic) -> Int32 {
        switch diagnostic.kind {
        case .assertion: assertionFailed
        case .io: noInput
        case .interrupted: interrupted
        case .syntax, .incompleteInput, .name, .call: staticError
        case .type, .runtime, .limit: runtimeError
        }
    }
}
