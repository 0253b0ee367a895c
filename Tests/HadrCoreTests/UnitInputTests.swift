import Foundation
import Testing

@testable import HadrCore

/// Input as SREs type it: units after a space and spelled out, durations side by side,
/// raw strings, and the `->` hint.
@Suite struct UnitInputTests {
    @Test(arguments: [
        ("8.76 h", "8h 45m 36s"),
        ("5 min", "5m"),
        ("2 hours", "2h"),
        ("1 hour", "1h"),
        ("30 days", "30d"),
        ("1 second", "1s"),
        ("250 milliseconds", "250ms"),
        ("2 weeks", "14d"),
        ("5minutes", "5m"),
        ("8.76 hours to minutes", "525.6m"),
        ("90 min to hours", "1.5h"),
        ("1 / 1000 hours to /year", "8.76/y"),
    ])
    func unitAfterASpaceOrSpelledOut(_ text: String, _ expected: String) {
        #expect(eval(text) == expected)
    }

    @Test(arguments: [
        ("43m 48s == 43m + 48s", "true"),
        ("1h 30m", "1h 30m"),
        ("1h30m", "1h 30m"),
        ("1h30m15s == 1h + 30m + 15s", "true"),
        ("1 h 30 min", "1h 30m"),
        ("2 hours 30 minutes", "2h 30m"),
        ("3d 14h 43m 57.624s", "3d 14h 43m 57.624s"),
        // Side by side binds tighter than any operator: one literal.
        ("2 * 1h 30m", "3h"),
        ("1h 30m / 2", "45m"),
        ("-1h 30m", "-1h 30m"),
        ("[1h 30m, 2 days]", "[1h 30m, 2d]"),
        ("\"{1 h 30 min}\"", "\"1h 30m\""),
    ])
    func durationsSideBySideAdd(_ text: String, _ expected: String) {
        #expect(eval(text) == expected)
    }

    /// A word after a number is a unit only when nothing else could be meant: the code
    /// below was valid before units could follow a space and keeps its meaning.
    @Test(arguments: [
        ("x = 5\nm = 3\nx * m", "15"),
        ("m = 3\nf = fn(a, b) = a + b\nf(5, m)", "8"),
        ("d = 2\n2 * d", "4"),
        ("h = 3\n2 + h", "5"),
        ("min(3, 5)", "3"),
        ("s = [1, 2]\ns[1]", "2"),
        ("fn y(n) = n + 1\ny(1)", "2"),
        ("t = 0\nfor h in 1..3 do t = t + h end\nt", "6"),
        ("r = {m: 5, h: 2}\n[r.m, 3, r.h]", "[5, 3, 2]"),
    ])
    func namesAfterANumberKeepTheirMeaning(_ text: String, _ expected: String) {
        #expect(eval(text) == expected)
    }

    @Test func aUnitMustBeOnTheNumbersLine() {
        // Inside brackets a new line is ignored, but it still separates a number from a name.
        #expect(eval("m = 2\n(5\n+ m)") == "7")
        #expect(eval("(5\nm)").contains("expected `)` to close `(`"))
    }

    @Test func aCalledUnitWordIsACallNotAUnit() {
        #expect(eval("5 min(3, 4)").contains("expected a new line or `;` after the statement, found `min`"))
    }

    @Test(arguments: [
        ("30m 1h", "`30m 1h`: durations written side by side go from the largest unit to the smallest"),
        ("1h 1h", "`1h 1h`: durations written side by side"),
        ("1h 30", "`1h 30`: a number written after a duration needs its unit (`1h 30m`)"),
        ("5 parsecs", "unknown unit `parsecs` after a number"),
        ("5parsecs", "unknown unit `parsecs` after a number"),
        ("1h30x", "unknown unit `x` after a number"),
        ("5e300 years 1e303 days", "duration `5e300 years 1e303 days` is too large"),
        ("8.76h -> m", "`->` is not an operator; write `to` to convert: `8.76h to m`"),
        ("1 to parsecs", "expected a unit after `to`"),
    ])
    func mistakesSayWhatToWrite(_ text: String, _ message: String) {
        #expect(eval(text).contains(message), "\(eval(text))")
    }

    /// What hadr prints for a duration reads back as the same duration.
    @Test func printedDurationsTypeBack() {
        var generator = SplitMix64(seed: 15)
        for _ in 0..<300 {
            let exponent = Double(generator.next() % 1000) / 1000 * 9  // 1 s to 31 years
            let seconds = (pow(10, exponent) * 1000).rounded() / 1000
            let shown = Display.duration(seconds)
            #expect(eval("(\(shown)) / 1s") == Display.number(seconds), "\(shown)")
        }
    }

    @Test func rawStringsKeepEveryCharacter() {
        #expect(eval(#"len('a\nb')"#) == "4")
        #expect(
            eval(#"'rate(http_requests_total{code=~"5.."}[5m])' == "rate(http_requests_total\{code=~\"5..\"\}[5m])""#)
                == "true")
        #expect(eval("len('{x}')") == "3")
        #expect(eval("'two\nlines'") == #""two\nlines""#)
        #expect(eval("''") == #""""#)
    }

    @Test func anUnfinishedRawStringAsksForMore() {
        #expect(Session.isIncomplete("x = 'rate(a[5m])"))
        #expect(eval("'abc").contains("unterminated raw string"))
    }
}
