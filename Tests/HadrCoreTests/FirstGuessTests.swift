import Testing

@testable import HadrCore

/// What a newcomer types first, from other tools or from the chapter, and the help hadr
/// gives for it.
@Suite struct FirstGuessTests {
    static let cases: [(input: String, message: String, help: String)] = [
        ("1hr", "unknown unit `hr` after a number", "help: did you mean `1h`?"),
        ("1sec", "unknown unit `sec` after a number", "help: did you mean `1s`?"),
        ("30secs", "unknown unit `secs` after a number", "help: did you mean `30s`?"),
        ("5mins", "unknown unit `mins` after a number", "help: did you mean `5m`?"),
        ("2hrs", "unknown unit `hrs` after a number", "help: did you mean `2h`?"),
        ("1yr", "unknown unit `yr` after a number", "help: did you mean `1y`?"),
        ("3wk", "unknown unit `wk` after a number", "help: did you mean `3w`?"),
        ("2huors", "unknown unit `huors` after a number", "help: did you mean `2h`?"),
        (
            "downtime(99.9%, per: \"month\")", "`per` must be a duration such as `30m`; got a string (\"month\")",
            "help: write the period as a duration: `per: 1mo`"
        ),
        (
            "downtime(99.9%, per: \"yearly\")", "`per` must be a duration such as `30m`; got a string (\"yearly\")",
            "help: write the period as a duration: `per: 1y`"
        ),
        ("downtime(99.9%, per: year)", "unknown name `year`", "help: a period is a duration: write `1y`"),
        ("downtime(99.9%, per: month)", "unknown name `month`", "help: a period is a duration: write `1mo`"),
        ("failover(99.9%, 99.9%)", "unknown name `failover`", "help: an active-passive pair with failover is"),
        ("active_passive", "unknown name `active_passive`", "help: an active-passive pair with failover is"),
        ("n_plus_1(3, 99.9%)", "unknown name `n_plus_1`", "help: N+1 redundancy is `k_of_n(n, n + 1, a)`"),
        ("active_active(99.9%, 99.9%)", "unknown name `active_active`", "help: active-active is parallel composition"),
        (
            "spof(99.9% & 99.9%)", "`system` must be a system built from components; got an availability (99.8001%)",
            "help: wrap each part with `component(\"name\", ...)`"
        ),
        (
            "improve(99.9% | 99.5%)", "`system` must be a system built from components; got an availability",
            "help: wrap each part with `component(\"name\", ...)`"
        ),
        (
            "pool_size(rate: 200, latency: 1s)", "`rate` must be a rate such as `200 / 1s`; got a number (200)",
            "note: raised in `pool_size`"
        ),
        // A builtin's complaint inside a library function names the user's argument
        // (`target`), not the builtin's parameter (`a`).
        (
            "mttr_for(99.9, 1000h)", "`target` must be an availability such as `99.9%`, or a number between 0 and 1",
            "note: raised in `mttr_for`"
        ),
        (
            "pool_size(rate: 200 / 1s, latency: 50)", "`latency` must be a duration such as `50ms`; got a number (50)",
            "note: raised in `pool_size`"
        ),
    ]

    @Test(arguments: cases)
    func aFirstGuessGetsItsHelp(_ input: String, _ message: String, _ help: String) {
        let error = run(input).error
        #expect(error?.message.hasPrefix(message) == true, "\(input): \(error?.message ?? "no error")")
        #expect(error?.notes.contains { $0.hasPrefix(help) } == true, "\(input): \(error?.notes ?? [])")
    }

    /// The hints do not replace did-you-mean where a close name is bound, and say nothing
    /// where nothing is close.
    @Test func otherNamesKeepDidYouMean() {
        #expect(run("year_end = 1\nyear_edn").error?.notes == ["help: did you mean `year_end`?"])
        #expect(run("zzqx").error?.notes == [])
        #expect(run("1xyz").error?.notes == [])
        // A spelling that is a unit works as one; only other spellings are corrected.
        #expect(eval("2 hours") == "2h")
    }
}
