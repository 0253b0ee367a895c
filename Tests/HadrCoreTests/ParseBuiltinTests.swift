import Testing

@testable import HadrCore

/// `parse(text)`: the value a script argument spells, by the parser's own rules.
@Suite struct ParseBuiltinTests {
    /// A value as the tests write it down (hadr's `Value` is not `Sendable`).
    enum Expected: Sendable {
        case number(Double)
        case availability(Double)
        case percentage(Double)
        case duration(Double)
        case string(String)
        case bool(Bool)

        var value: Value {
            switch self {
            case .number(let x): .number(x)
            case .availability(let u): .availability(u)
            case .percentage(let x): .percentage(x)
            case .duration(let seconds): .duration(seconds)
            case .string(let s): .string(s)
            case .bool(let b): .bool(b)
            }
        }
    }

    /// The value `parse` gives, checked against an independent reading of the same
    /// quantity: seconds and unavailabilities worked out by hand from the text.
    static let values: [(String, Expected)] = [
        ("12", .number(12)),
        (" 12 ", .number(12)),
        ("-3.5", .number(-3.5)),
        ("1e-9", .number(1e-9)),
        ("1_000", .number(1000)),
        ("99.9%", .availability(0.001)),
        ("99.99999%", .availability(1e-7)),
        ("0.5%", .percentage(0.005)),
        ("30d", .duration(30 * 86_400)),
        ("-5m", .duration(-300)),
        ("43m 48s", .duration(43 * 60 + 48)),
        ("8h 45m 36s", .duration(8 * 3600 + 45 * 60 + 36)),
        ("1h30m", .duration(5400)),
        ("2 hours", .duration(7200)),
        ("30 days", .duration(30 * 86_400)),
        ("1y", .duration(365 * 86_400)),
        ("250ms", .duration(0.25)),
        ("(5m)", .duration(300)),
        ("\"web tier\"", .string("web tier")),
        ("'rate(x[5m])'", .string("rate(x[5m])")),
        ("true", .bool(true)),
        ("false", .bool(false)),
    ]

    @Test(arguments: values)
    func readsWhatTheTextSpells(_ text: String, _ expected: Expected) throws {
        let literal = try #require(try Parser.literal(spelledBy: text))
        let value = Compiler.value(of: literal)
        #expect(
            value.equals(expected.value) && value.typeName == expected.value.typeName,
            "\(text) gave \(Display.plain(value, quoted: true))")
    }

    /// The exact unavailability a percentage's text gives, not 1 − 0.999 rounded.
    @Test func aPercentageKeepsItsExactUnavailability() throws {
        let literal = try #require(try Parser.literal(spelledBy: "99.9999999%"))
        guard case .availability(let u) = Compiler.value(of: literal) else {
            Issue.record("not an availability")
            return
        }
        #expect(u == 1e-9)
    }

    @Test(arguments: [
        "", "abc", "none", "1 + 1", "x = 1", "12; 13", "[1]", "{a: 1}", "f(1)", "\"a{1}\"", "5m to h", "--5",
        "-99.9%", "-\"a\"", "1hr", "1e999", "30m 1h", "\"open", "fn(x) = x", "import \"x.hadr\"",
    ])
    func refusesAnythingElse(_ text: String) {
        let outcome = run("parse(\(Display.quote(text)))")
        #expect(outcome.error?.message.hasPrefix("`parse` found no value in ") == true, "\(text): \(outcome.errorText)")
        #expect(outcome.error?.notes.contains { $0.hasPrefix("help: `parse` reads a number") } == true)
    }

    @Test func theErrorSaysWhyAndShowsTheText() {
        let unit = run("parse(\"1hr\")")
        #expect(unit.error?.message == "`parse` found no value in \"1hr\"")
        #expect(unit.error?.notes.first?.hasPrefix("note: unknown unit `hr` after a number") == true)
        let word = run("parse(\"web\")")
        #expect(word.error?.notes.last == "help: a word needs no `parse`: the argument itself is the string")
        let long = run("parse(\"\(String(repeating: "x", count: 500))\")")
        #expect(long.error?.message.count ?? 0 < 100)
        #expect(eval("parse(5)").hasPrefix("error: `text` must be a string; got a number (5)"))
    }

    @Test func nothingInTheTextRuns() {
        let outcome = run("parse(\"print(\\\"ran\\\")\")")
        #expect(outcome.output == "")
        #expect(outcome.error != nil)
    }

    @Test func scriptArgumentsBecomeValues() {
        var output = ""
        let s = session(arguments: ["99.9%", "30d"]) { output += $0 }
        #expect(s.run("error_budget(slo: parse(args[0]), window: parse(args[1]))", name: "t.hadr") == nil)
        #expect(output == "43m 12s\n")
    }

    @Test func optionsFillARecordOfDefaults() {
        let defaults = "{slo: 99.9%, window: 30d, max_rate: none, name: \"api\", dry_run: false}"
        func options(_ words: String) -> String { eval("options([\(words)], \(defaults))") }
        #expect(
            options("\"--slo\", \"99.95%\", \"x\", \"--window=28d\", \"--max-rate\", \"12\", \"--dry-run\"")
                == "{slo: 99.95%, window: 28d, max_rate: 12, name: \"api\", dry_run: true, rest: [\"x\"]}")
        #expect(options("") == "{slo: 99.9%, window: 30d, max_rate: none, name: \"api\", dry_run: false, rest: []}")
        #expect(
            options("\"--name\", \"99.9%\", \"--dry-run\", \"false\"").hasPrefix(
                "{slo: 99.9%, window: 30d, max_rate: none, name: \"99.9%\", dry_run: false,"))
        #expect(options("\"--\", \"--slo\", \"1\"").hasSuffix("rest: [\"--slo\", \"1\"]}"))
        #expect(options("\"--slo\", \"30d\"") == "error: `--slo` must be a value like its default (99.9%); got \"30d\"")
        #expect(options("\"--window\"") == "error: `--window` needs a value, such as `--window 30d`")
        #expect(
            options("\"--max-rate\", \"f(1)\"") == "error: `--max-rate` needs a value that `parse` reads; got \"f(1)\"")
        let unknown = run("options([\"--windw\", \"1d\"], \(defaults))")
        #expect(unknown.error?.message == "unknown option `--windw`")
        #expect(unknown.error?.notes.first == "help: did you mean `--window`?")
        #expect(eval("options([1], {})") == "error: `args` must be a list of strings; got a number (1)")
    }
}
