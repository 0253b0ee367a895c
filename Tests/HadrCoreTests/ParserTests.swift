import Testing

@testable import HadrCore

@Suite struct ParserTests {
    @Test(arguments: [
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("2 ^ 3 ^ 2", "512"),
        ("-2 ^ 2", "-4"),
        ("10 - 4 - 3", "3"),
        ("1 < 2 and 2 < 3", "true"),
        ("not 1 < 2 or true", "true"),
        ("99.9% & 99.9% | 99.9%", "99.9998001%"),
        ("1h + 30m to m", "90m"),
        ("if 1 > 2 then 1 else if 2 > 1 then 2 else 3", "2"),
    ])
    func precedence(_ text: String, _ expected: String) {
        #expect(eval(text) == expected)
    }

    @Test func newlinesInsideBracketsAreIgnored() {
        #expect(eval("[\n1,\n2,\n]") == "[1, 2]")
        #expect(eval("max(\n1,\n2\n)") == "2")
    }

    @Test func trailingOperatorContinuesTheLine() {
        #expect(eval("1 +\n2") == "3")
    }

    @Test func multiLineIfElse() {
        #expect(eval("if false then 1\nelse 2") == "2")
    }

    @Test(arguments: ["(1 + 2", "fn f(x) = do\n x", "[1, 2", "1 +", "\"abc", "if true then", "{a: 1,"])
    func unfinishedInputIsIncomplete(_ text: String) {
        #expect(Session.isIncomplete(text))
    }

    @Test(arguments: ["1 + 2", "fn f(x) = x", "1 + )"])
    func finishedOrBrokenInputIsNotIncomplete(_ text: String) {
        #expect(!Session.isIncomplete(text))
    }

    @Test func deepNestingIsALimitNotACrash() {
        let text = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let outcome = run(text)
        #expect(outcome.error?.kind == .limit)
        #expect(outcome.error?.message.contains("nests more than") == true)
    }

    @Test func longOperatorChainIsALimitNotACrash() {
        let text = Array(repeating: "1", count: 300_000).joined(separator: " + ")
        let outcome = run(text)
        #expect(outcome.error?.kind == .limit)
    }

    @Test func positionalAfterNamedIsRejected() {
        #expect(eval("max(a: 1, 2)").contains("positional arguments must come before named ones"))
    }

    @Test func assignmentToFieldIsRejected() {
        #expect(eval("r = {a: 1}\nr.a = 2").contains("only a name can be assigned to"))
    }
}
