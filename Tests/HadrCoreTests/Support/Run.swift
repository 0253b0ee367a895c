@testable import HadrCore

/// What running some hadr text produced: printed output and result lines, and the error if any.
struct Outcome {
    var output: String
    var error: Diagnostic?

    /// The rendered error, as a script's stderr would show it.
    var errorText: String { error.map { DiagnosticRenderer().render($0) } ?? "" }
}

/// A fresh session whose printed output and results go to `output`.
func session(
    limits: Limits = Limits(), arguments: [String] = [], layout: Display.Layout = .standard,
    output: @escaping (String) -> Void
) -> Session {
    var options = Session.Options()
    options.limits = limits
    options.arguments = arguments
    options.layout = layout
    let session = Session(options: options, output: output)
    session.onResult = { output($0.text() + "\n") }
    return session
}

/// Runs text in a fresh session, as the hadr binary runs a script.
func run(
    _ text: String, name: String = "test.hadr", limits: Limits = Limits(), layout: Display.Layout = .standard
) -> Outcome {
    var output = ""
    let s = session(limits: limits, layout: layout) { output += $0 }
    let error = s.run(text, name: name)
    return Outcome(output: output, error: error)
}

/// The displayed value of one expression, on one line however long (the widest layout);
/// the error message when it fails.
func eval(_ text: String) -> String {
    let outcome = run(text, layout: Display.Layout(width: Display.Layout.widths.upperBound, unicode: true))
    if let error = outcome.error { return "error: " + error.message }
    var output = outcome.output
    if output.hasSuffix("\n") { output.removeLast() }
    return output
}

/// The tokens' kinds of a text, described briefly.
func tokenKinds(_ text: String) throws(Diagnostic) -> [TokenKind] {
    var lexer = Lexer(SourceFile(name: "t", text: text))
    return try lexer.tokenize().map(\.kind)
}
