import Foundation
import Testing

/// A bad input, the exit status it must give, and the first line of its error.
struct BadInput: Sendable, CustomTestStringConvertible {
    let source: String
    let status: Int32
    let message: String
    init(_ source: String, _ status: Int32, _ message: String) {
        self.source = source
        self.status = status
        self.message = message
    }
    var testDescription: String { source }
}

/// Bad inputs of every kind end with a located error and a documented exit status,
/// never a trap, a signal or a hang.
@Suite struct BadInputTests {
    static let cases: [BadInput] = [
        BadInput("1 +", 65, "<-e>:1:4: error: unexpected end of input: expected an expression"),
        BadInput("(1 + 2", 65, "<-e>:1:7: error: unexpected end of input: expected `)` to close `(`"),
        BadInput("[1, 2", 65, "<-e>:1:6: error: unexpected end of input: expected `,` or `]` in the list"),
        BadInput("{a: 1", 65, "<-e>:1:6: error: unexpected end of input: expected `,` or `}` in the record"),
        BadInput("\"abc", 65, "<-e>:1:1: error: unterminated string"),
        BadInput("fn f(x) = do", 65, "<-e>:1:13: error: unexpected end of input: expected `end` to close `do`"),
        BadInput("1 +* 2", 65, "<-e>:1:4: error: expected an expression, found `*`"),
        BadInput(")", 65, "<-e>:1:1: error: expected an expression, found `)`"),
        BadInput(
            "5x", 65,
            "<-e>:1:2: error: unknown unit `x` after a number; time units are `ms`, `s`, `m`, `min`, `h`, `d`, `w`, `mo`, `q`, `y`, or spelled out (`minutes`)"
        ),
        // A number and a name on one line: a unit hadr does not know.
        BadInput(
            "5 mins", 65,
            "<-e>:1:3: error: unknown unit `mins` after a number; time units are `ms`, `s`, `m`, `min`, `h`, `d`, `w`, `mo`, `q`, `y`, or spelled out (`minutes`)"
        ),
        BadInput(
            "x = 1 hr", 65,
            "<-e>:1:7: error: unknown unit `hr` after a number; time units are `ms`, `s`, `m`, `min`, `h`, `d`, `w`, `mo`, `q`, `y`, or spelled out (`minutes`)"
        ),
        BadInput("100.1%", 65, "<-e>:1:1: error: a percentage must lie between 0% and 100%; got 100.1%"),
        // The double nearest to it is 100: the written decimal decides.
        BadInput(
            "100.000000000000001%", 65,
            "<-e>:1:1: error: a percentage must lie between 0% and 100%; got 100.000000000000001%"),
        // The first error in the text is reported, whether the parser or the lexer finds it.
        BadInput("x = )\n\"unterminated", 65, "<-e>:1:5: error: expected an expression, found `)`"),
        BadInput("x = 1\ny = \"unterminated", 65, "<-e>:2:5: error: unterminated string"),
        BadInput("1e999", 65, "<-e>:1:1: error: number `1e999` is too large"),
        BadInput("'single", 65, "<-e>:1:1: error: unterminated raw string: `'` starts one and the next `'` ends it"),
        BadInput("8.76h -> m", 65, "<-e>:1:7: error: `->` is not an operator; write `to` to convert: `8.76h to m`"),
        BadInput(
            "30m 1h", 65,
            "<-e>:1:1: error: `30m 1h`: durations written side by side go from the largest unit to the smallest, each unit once (`1h 30m 15s`)"
        ),
        BadInput("!true", 65, "<-e>:1:1: error: unexpected `!`; write `not` for negation"),
        BadInput("a b", 65, "<-e>:1:3: error: expected a new line or `;` after the statement, found `b`"),
        BadInput("x = ", 65, "<-e>:1:5: error: unexpected end of input: expected an expression"),
        BadInput("fn f(x, x) = x", 65, "<-e>:1:9: error: parameter `x` appears twice"),
        BadInput(
            "fn f(...a, b) = a", 65, "<-e>:1:6: error: only the last parameter can collect the remaining arguments"),
        BadInput("f(a: 1, 2)", 65, "<-e>:1:9: error: positional arguments must come before named ones"),
        BadInput("{a: 1, a: 2}", 65, "<-e>:1:8: error: field `a` appears twice in the record"),
        BadInput(
            "import \"nope.hadr\"", 66, "<-e>:1:8: error: cannot import \"nope.hadr\": no such file beside `<-e>`"),
        BadInput("if true then", 65, "<-e>:1:13: error: unexpected end of input: expected an expression"),
        BadInput("for 1 in [1] do end", 65, "<-e>:1:5: error: expected a loop variable after `for`, found number `1`"),
        BadInput("while true end", 65, "<-e>:1:12: error: expected `do` after the loop's condition, found `end`"),
        BadInput("nope", 65, "<-e>:1:1: error: unknown name `nope`"),
        BadInput("downtime(99.9%, pr: 1y)", 65, "<-e>:1:17: error: `downtime` has no parameter named `pr`"),
        BadInput("nines(99.9%, 2)", 65, "<-e>:1:1: error: `nines` takes 1 argument but 2 were given"),
        BadInput("backoff(bse: 1s)", 65, "<-e>:1:9: error: `backoff` has no parameter named `bse`"),
        BadInput("3(1)", 70, "<-e>:1:1: error: cannot call a number; only functions can be called"),
        BadInput(
            "5[0]", 70,
            "<-e>:1:1: error: cannot index a number (5); only lists, tables, records and strings can be indexed"),
        BadInput("[1, 2][7]", 70, "<-e>:1:1: error: index 7 is out of range for a list of 2 items"),
        BadInput("[1, 2][0.5]", 70, "<-e>:1:1: error: a list index must be a whole number; got 0.5"),
        BadInput("{a: 1}.b", 70, "<-e>:1:1: error: the record has no field `b`"),
        BadInput("1 / 0", 70, "<-e>:1:1: error: division by zero"),
        BadInput("5m + 3", 70, "<-e>:1:1: error: cannot add a duration (5m) and a number (3)"),
        BadInput("5m < 3", 70, "<-e>:1:1: error: cannot compare a duration (5m) with a number (3)"),
        BadInput("99.9% & 5m", 70, "<-e>:1:1: error: `&` combines availabilities; got a duration (5m)"),
        BadInput("2 | 99%", 70, "<-e>:1:1: error: `|` combines availabilities, or numbers between 0 and 1; got 2"),
        BadInput("\"a\" - \"b\"", 70, "<-e>:1:1: error: cannot subtract a string (\"b\") from a string (\"a\")"),
        BadInput("not 5", 70, "<-e>:1:5: error: a condition must be `true` or `false`; got a number (5)"),
        BadInput("if 1 then 2 else 3", 70, "<-e>:1:4: error: a condition must be `true` or `false`; got a number (1)"),
        BadInput(
            "for x in 5 do end", 70,
            "<-e>:1:10: error: `for` loops over a list, a table or a range `a..b`; got a number (5)"),
        BadInput(
            "1..1e12", 70,
            "<-e>:1:1: error: range 1..1000000000000 would hold 1000000000000 items, more than the limit of 10000000"),
        BadInput(
            "len(1..1e9)", 70,
            "<-e>:1:5: error: range 1..1000000000 would hold 1000000000 items, more than the limit of 10000000"),
        BadInput("2 ^ 1m", 70, "<-e>:1:1: error: an exponent must be a number; got a duration (1m)"),
        BadInput(
            "1m ^ 0.5", 70, "<-e>:1:1: error: a duration can only be raised to a whole power between -8 and 8; got 0.5"),
        BadInput("sqrt(-1)", 70, "<-e>:1:1: error: `sqrt` needs a number that is not negative; got -1"),
        BadInput("ln(0)", 70, "<-e>:1:1: error: `ln` needs a positive number; got 0"),
        BadInput("k_of_n(4, 3, 99%)", 70, "<-e>:1:1: error: `k` (4) cannot exceed `n` (3)"),
        BadInput("k_of_n(1.5, 3, 99%)", 70, "<-e>:1:1: error: `k` must be a whole number; got 1.5"),
        BadInput(
            "availability(mtbf: -1h, mttr: 1h)", 70, "<-e>:1:1: error: `mtbf` must be a positive duration; got -1h"),
        BadInput(
            "availability(downtime: 2y, per: 1y)", 70, "<-e>:1:1: error: downtime 2y is longer than the period 1y"),
        BadInput("availability(mtbf: 1000h)", 70, "<-e>:1:1: error: `availability` needs both `mtbf:` and `mttr:`"),
        BadInput("downtime(150%)", 65, "<-e>:1:10: error: a percentage must lie between 0% and 100%; got 150%"),
        BadInput("downtime(99.9%, per: -1d)", 70, "<-e>:1:1: error: `per` must be a positive duration; got -1d"),
        BadInput("backoff(attempts: 0)", 70, "<-e>:1:1: error: `attempts` must be between 1 and 1000000; got 0"),
        BadInput("backoff(factor: 0.5)", 70, "<-e>:1:1: error: `factor` must be at least 1; got 0.5"),
        BadInput("backoff(jitter: \"ful\")", 70, "<-e>:1:1: error: unknown jitter \"ful\""),
        BadInput("round(1, 99)", 70, "<-e>:1:1: error: `digits` must be between -15 and 15; got 99"),
        BadInput("fail(\"custom failure\")", 70, "<-e>:1:1: error: custom failure"),
        BadInput("assert(false, \"nope\")", 1, "<-e>:1:1: assertion failed: nope"),
        BadInput("strategy(rto: 15, rpo: 5m)", 70, "<-e>:1:1: error: `rto` must be a duration such as `15m`; got 15"),
        BadInput(
            "x = 1; x.y", 70,
            "<-e>:1:8: error: cannot read field `y` of a number (1); only records and tables have fields"),
        BadInput("type()", 65, "<-e>:1:1: error: `type` is missing argument `x`"),
        BadInput("map([1], 5)", 70, "<-e>:1:1: error: `f` must be a function; got a number (5)"),
        BadInput(
            "filter([1], fn(x) = 1)", 70,
            "<-e>:1:1: error: `filter`'s function must return `true` or `false`; got a number (1)"),
        BadInput("sort([1, \"a\"])", 70, "<-e>:1:1: error: cannot compare a string (\"a\") with a number (1)"),
        BadInput("min()", 70, "<-e>:1:1: error: `min` needs at least one value"),
        BadInput(
            "fn f(n) = f(n + 1); f(1)", 70, "<-e>:1:11: error: calls nest more than 20000 deep (runaway recursion?)"),
        BadInput("x = [x]", 70, "<-e>:1:6: error: `x` is used before it is given a value"),
        BadInput("\"{}\"", 65, "<-e>:1:2: error: empty `{}` in string; write `\\{` for a brace"),
        BadInput("\"\\q\"", 65, "<-e>:1:2: error: unknown escape `\\q`; use \\n \\r \\t \\\" \\\\ \\{ \\}"),
        BadInput("backoff(base: 1s, attempts: 3, base: 2s)", 65, "<-e>:1:32: error: argument `base` is given twice"),
        BadInput("simulate(99%, years: 0)", 70, "<-e>:1:1: error: `years` must be above 0 and at most 10000000; got 0"),
        BadInput("component(\"db\")", 70, "<-e>:1:1: error: `component` needs an availability or `mtbf:` and `mttr:`"),
        BadInput(
            "standby(99%, 99%)", 70,
            "<-e>:1:1: error: `standby` needs `failures_per_year:` unless the primary is a component with an MTBF"),
    ]

    @Test(arguments: cases)
    func badInputGivesItsErrorAndStatus(_ bad: BadInput) throws {
        let r = try HadrProcess.run(["-e", bad.source])
        #expect(r.status == bad.status)
        #expect(r.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) == bad.message)
    }

    @Test func thereAreAtLeastFortyCases() {
        #expect(Self.cases.count >= 40)
    }

    static func script(_ bytes: [UInt8]) throws -> URL {
        let dir = try HadrProcess.temporaryFolder()
        let file = dir.appendingPathComponent("bad.hadr")
        try Data(bytes).write(to: file)
        return file
    }

    @Test func invalidUTF8IsAnErrorNotACrash() throws {
        let r = try HadrProcess.run([try Self.script(Array("x = 1\n".utf8) + [0xFF, 0xFE, 0x41])].map(\.path))
        #expect(r.status == 65)
        #expect(r.stderr.contains("line 2, column 1 holds byte 0xFF, which is not UTF-8 text"), "\(r.stderr)")
        // Latin-1 in a string: refused with the byte, never read as U+FFFD into the string.
        let latin1 = try HadrProcess.run(
            [try Self.script(Array("x = \"caf".utf8) + [0xE9] + Array("\"\n".utf8))].map(\.path))
        #expect(latin1.status == 65)
        #expect(latin1.stderr.contains("line 1, column 9 holds byte 0xE9"), "\(latin1.stderr)")
        // A byte-order mark opening the file is not a column.
        let bom = try HadrProcess.run(
            [try Self.script([0xEF, 0xBB, 0xBF] + Array("x = 1 ".utf8) + [0xFF])].map(\.path))
        #expect(bom.stderr.contains("line 1, column 7 holds byte 0xFF"), "\(bom.stderr)")
        // An -e expression in another encoding is refused before it runs, with its byte, even
        // inside a string, where the U+FFFD it arrives as would be held unseen.
        let latin1E = try OutputIsNotLostTests.bash("$HADR -e \"$(printf '\"caf\\xe9\"')\" 2>&1; echo \"status $?\"")
        #expect(latin1E.contains("holds byte 0xE9 at byte 5, which is not UTF-8 text"), "\(latin1E)")
        #expect(latin1E.contains("status 65"), "\(latin1E)")
        // From -e the shell's bytes reach hadr already replaced: the error names U+FFFD.
        let e = try HadrProcess.run(["-e", "x = 1 \u{FFFD}"])
        #expect(e.status == 65)
        #expect(e.stderr.contains("unexpected character U+FFFD (it stands for bytes that were not UTF-8)"))
    }

    @Test func nulByteIsAnError() throws {
        let r = try HadrProcess.run([try Self.script(Array("1 + ".utf8) + [0] + Array(" 2\n".utf8))].map(\.path))
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.hadr:1:5: error: unexpected NUL byte"))
    }

    @Test func aLineOf300000TermsEndsQuickly() throws {
        let text = Array(repeating: "1", count: 300_000).joined(separator: " + ") + "\n"
        let r = try HadrProcess.run([try Self.script(Array(text.utf8))].map(\.path))
        #expect(r.status == 70)
        #expect(r.stderr.contains("error: expression is too deeply nested or too long (more than 3000 levels)"))
    }

    @Test func aMillionLevelNestEndsQuickly() throws {
        let text = String(repeating: "(", count: 1_000_000) + "1" + String(repeating: ")", count: 1_000_000)
        let r = try HadrProcess.run([try Self.script(Array(text.utf8))].map(\.path))
        #expect(r.status == 70)
        #expect(r.stderr.contains("error: expression nests more than 256 levels deep"))
        let lists = String(repeating: "[", count: 1_000_000)
        let l = try HadrProcess.run([try Self.script(Array(lists.utf8))].map(\.path))
        #expect(l.status == 70)
    }

    /// The trace of a runaway recursion is taken once, when the error is made: at ten
    /// times the default depth it is reported, folded, in a moment (it used to take
    /// minutes, copying the trace at every level as the error unwound).
    @Test func aRunawayRecursionTenTimesTheDefaultDepthIsReported() throws {
        let r = try HadrProcess.run(["--max-depth", "200000", "-e", "fn f(n) = f(n + 1)\nf(0)"])
        #expect(r.status == 70)
        #expect(r.stderr.contains("error: calls nest more than 200000 deep (runaway recursion?)"))
        #expect(
            r.stderr.contains("\n<-e>:1:11: note: in f called here (199999 times)\n<-e>:2:1: note: in f called here\n"))
    }

    @Test func deeplyNestedValuesAreFreedWithoutRecursion() throws {
        let r = try HadrProcess.run(["-e", "x = []", "-e", "for i in 1..1000000 do x = [x] end", "-e", "len(x)"])
        #expect(r.status == 0)
        #expect(r.stdout == "1\n")
    }

    @Test func timeoutStopsAnEndlessLoopAndASimulation() throws {
        let loop = try HadrProcess.run(["--timeout", "0.5", "-e", "while true do end"])
        #expect(loop.status == 70)
        #expect(loop.stderr.contains("evaluation ran longer than the 0.5-second time limit"))
        let sim = try HadrProcess.run([
            "--timeout", "0.5", "-e", "simulate(component(\"a\", mtbf: 10h, mttr: 1h), years: 50000)",
        ])
        #expect(sim.status == 70)
        #expect(sim.stderr.contains("the simulation ran past the time limit"))
    }

    @Test func hugeStringsAreRefused() throws {
        let r = try HadrProcess.run(["-e", "s = \"x\"", "-e", "for i in 1..40 do s = s + s end"])
        #expect(r.status == 70)
        #expect(r.stderr.contains("the string would be longer than 100000000 bytes"))
    }
}

/// Every input the fuzzer ever tripped on (fuzz/regressions) runs to an ordinary end.
@Suite struct FuzzRegressionTests {
    static let inputs: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fuzz/regressions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0).path }
    }()

    @Test func thereAreRegressions() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test(arguments: inputs)
    func regressionEndsWithoutACrash(_ path: String) throws {
        let r = try HadrProcess.run(["--timeout", "10", "--max-steps", "10000000", path])
        #expect([0, 1, 65, 66, 70].contains(r.status), "status \(r.status): \(r.stderr.prefix(300))")
        #expect(!r.stderr.contains("Fatal error"))
    }
}
