import HadrCore

/// What running some hadr text produced: printed output and result lines, and the error if any.
struct Outcome {
    var output: String
    var error: Diagnostic?

    /// The rendered error, as a script's stderr would show it.
    var errorText: String { error.map { DiagnosticRenderer().render($0) } ?? "" }
}

/// Runs text in a fresh session on a large stack, as the hadr binary does.
func run(_ text: String, name: String = "test.hadr", limits: Limits = Limits()) -> Outcome {
    var outcome = Outcome(output: "", error: nil)
    LargeStack.run {
        var output = ""
        do {
            var options = Session.Options()
            options.limits = limits
            let session = try Session(options: options, output: { output += $0 })
            session.onResult = { output += Display.result($0) + "\n" }
            outcome.error = session.run(SourceFile(name: name, text: text))
        } catch {
            outcome.error = error as? Diagnostic
        }
        outcome.output = output
    }
    return outcome
}

/// The displayed value of one expression; the error message when it fails.
func eval(_ text: String) -> String {
    let outcome = run(text)
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
