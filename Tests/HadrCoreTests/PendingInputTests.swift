import Testing

@testable import HadrCore

/// The scan that spares the parser: open brackets, strings and `do`s.
@Suite struct PendingInputTests {
    /// Adds lines in turn; whether the input might be complete after each.
    static func feed(_ lines: [String]) -> [Bool] {
        var input = PendingInput()
        return lines.map { input.add($0) }
    }

    @Test func aBlockIsCompleteOnlyAtItsEnd() {
        let lines = ["fn f(x) = do"] + (1...5000).map { "  y = x + \($0)" } + ["end"]
        let results = Self.feed(lines)
        #expect(results.dropLast().allSatisfy { !$0 })
        #expect(results.last == true)
    }

    @Test func stringsCommentsAndFieldsDoNotCount() {
        #expect(Self.feed(["s = \"a ( do [\" # do ( ["]) == [true])
        #expect(Self.feed(["q = 'rate(x{a=\"(\"}[5m])'"]) == [true])
        #expect(Self.feed(["timeline.end"]) == [true])
        #expect(Self.feed(["\"a {f(1,", "2)} b\""]) == [false, true])
        #expect(Self.feed(["x = [1,", "2]"]) == [false, true])
    }
}
