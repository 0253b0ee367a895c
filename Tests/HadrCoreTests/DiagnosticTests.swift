import Testing

@testable import HadrCore

@Suite struct DiagnosticTests {
    @Test func rendersLocationSourceLineAndCaret() {
        let outcome = run("a = 1\nb = 2\nc = a + fob\n", name: "file.hadr")
        #expect(
            outcome.errorText == """
                file.hadr:3:9: error: unknown name `fob`
                 3 | c = a + fob
                   |         ^^^
                  help: did you mean `a`?

                """
                || outcome.errorText.hasPrefix(
                    "file.hadr:3:9: error: unknown name `fob`\n 3 | c = a + fob\n   |         ^^^\n")
        )
    }

    @Test func runtimeErrorsListTheCallFrames() {
        let outcome = run("fn inner(x) = x + \"s\"\nfn outer(x) = inner(x)\nouter(1)\n", name: "f.hadr")
        #expect(outcome.errorText.hasPrefix("f.hadr:1:15: error: cannot add a number (1) and a string (\"s\")"))
        #expect(outcome.errorText.contains("\nf.hadr:2:15: note: in inner called here\n"))
        #expect(outcome.errorText.contains("\nf.hadr:3:1: note: in outer called here\n"))
    }

    @Test func repeatedFramesAreCounted() {
        let outcome = run("fn f(n) = if n == 0 then 1 / 0 else f(n - 1)\nf(50)\n", name: "r.hadr")
        #expect(outcome.errorText.contains("(50 times)"))
    }

    @Test func suggestionsFindCloseNames() {
        #expect(Suggestion.closest(to: "dowtime", among: ["downtime", "nines"]) == "downtime")
        #expect(Suggestion.closest(to: "xyz", among: ["downtime", "nines"]) == nil)
    }
}
