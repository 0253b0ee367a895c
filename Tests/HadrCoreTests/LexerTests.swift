import Testing

@testable import HadrCore

@Suite struct LexerTests {
    @Test func numbersWithSeparatorsAndExponents() throws {
        let kinds = try tokenKinds("1_000_000 0.5 1e-9 12")
        let values = kinds.compactMap { if case .number(let x) = $0 { x } else { nil } }
        #expect(values == [1_000_000, 0.5, 1e-9, 12])
    }

    @Test func percentKeepsExactUnavailability() throws {
        let kinds = try tokenKinds("99.99999% 99.9% 5%")
        let us = kinds.compactMap { if case .percent(_, let u) = $0 { u } else { nil } }
        #expect(us == [1e-7, 0.001, 0.95])
    }

    @Test func durationsInEveryUnit() throws {
        let kinds = try tokenKinds("5ms 2s 15m 2min 1h 1d 1w 1mo 1q 1y")
        let seconds = kinds.compactMap { if case .duration(let n, let unit) = $0 { n * unit.seconds } else { nil } }
        #expect(seconds == [0.005, 2, 900, 120, 3600, 86_400, 604_800, 2_628_000, 7_884_000, 31_536_000])
    }

    @Test func rangeIsNotADecimalPoint() throws {
        let kinds = try tokenKinds("1..5")
        #expect(kinds.count == 4)
        if case .number(1) = kinds[0], case .symbol(.dotDot) = kinds[1], case .number(5) = kinds[2] {
        } else {
            Issue.record("got \(kinds)")
        }
    }

    @Test func docCommentsAttachToTheNextToken() throws {
        var lexer = Lexer(SourceFile(name: "t", text: "## Adds one.\n## Twice.\nfn f(x) = x + 1\n"))
        let tokens = try lexer.tokenize()
        #expect(tokens.first?.doc == "Adds one.\nTwice.")
    }

    @Test func blankLineDetachesDocComment() throws {
        var lexer = Lexer(SourceFile(name: "t", text: "## Lost.\n\nfn f(x) = x\n"))
        let tokens = try lexer.tokenize()
        #expect(tokens.first?.doc == nil)
    }

    @Test func interpolationLexesInnerCode() throws {
        let kinds = try tokenKinds(#""a{1 + 2}b""#)
        guard case .template(let parts) = kinds[0] else {
            Issue.record("not a template: \(kinds)")
            return
        }
        #expect(parts.count == 3)
    }

    @Test func unknownUnitIsAnError() {
        #expect(throws: Diagnostic.self) { try tokenKinds("5x") }
        #expect(eval("5x").contains("unknown unit `x`"))
    }

    @Test func unterminatedStringIsIncomplete() {
        do {
            _ = try tokenKinds("\"abc")
            Issue.record("no error")
        } catch {
            #expect(error.kind == .incompleteInput)
        }
    }

    @Test func shebangLineIsIgnored() throws {
        let kinds = try tokenKinds("#!/usr/bin/env hadr\n1")
        if case .number(1) = kinds[0] {} else { Issue.record("got \(kinds)") }
    }

    @Test func percentAbove100IsRejected() {
        #expect(eval("100.1%").contains("between 0% and 100%"))
    }
}
