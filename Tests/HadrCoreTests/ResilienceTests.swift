import Testing

@testable import HadrCore

@Suite struct ResilienceTests {
    @Test func backoffIsTheChaptersTableToTheSecond() {
        #expect(eval("backoff(base: 1s, factor: 2, attempts: 6).wait") == "[0s, 1s, 2s, 4s, 8s, 16s]")
        #expect(eval("backoff(base: 1s, factor: 2, attempts: 6).total") == "[0s, 1s, 3s, 7s, 15s, 31s]")
        #expect(eval("backoff(base: 1s, factor: 2, attempts: 6).attempt") == "[1, 2, 3, 4, 5, 6]")
    }

    @Test func theCapHolds() {
        #expect(eval("max(backoff(base: 1s, attempts: 12, cap: 30s).wait)") == "30s")
        #expect(eval("backoff(base: 1s, attempts: 12, cap: 30s).wait[7]") == "30s")
    }

    /// Each jitter stays inside its formula's bounds over many samples, varies, and repeats with a seed.
    @Test(arguments: ["full", "equal", "decorrelated"])
    func jitterStaysInBoundsVariesAndRepeats(_ kind: String) {
        let script = """
            base = 1s
            cap = 20s
            ok = true
            distinct = []
            for seed in 1..300 do
                t = backoff(base: base, factor: 2, attempts: 8, cap: cap, jitter: "\(kind)", seed: seed)
                previous = base
                for i in 1..7 do
                    w = t[i].wait
                    nominal = min(cap, base * 2 ^ (i - 1))
                    inside = if "\(kind)" == "full" then w >= 0s and w <= nominal
                        else if "\(kind)" == "equal" then w >= nominal / 2 and w <= nominal
                        else w >= base and w <= min(cap, 3 * previous)
                    ok = ok and inside and w <= cap
                    previous = w
                end
                if not contains(distinct, t[3].wait) then distinct = append(distinct, t[3].wait)
            end
            assert(ok, "a wait left its bounds")
            assert(len(distinct) > 250, "jitter does not vary: {len(distinct)} distinct values")
            a = backoff(base: 1s, attempts: 8, cap: 20s, jitter: "\(kind)", seed: 99)
            b = backoff(base: 1s, attempts: 8, cap: 20s, jitter: "\(kind)", seed: 99)
            assert(a == b, "the same seed gives the same table")
            """
        let outcome = run(script)
        #expect(outcome.error == nil, "\(outcome.errorText)")
    }

    @Test func hugeAttemptCountsAreRefusedOrSummarised() {
        #expect(eval("backoff(attempts: 2000000)") == "error: `attempts` must be between 1 and 1000000; got 2000000")
        #expect(eval("backoff_summary(base: 1s, attempts: 1000000000000, cap: 1m).worst_total > 1000y") == "true")
        #expect(eval("backoff_summary(base: 1s, attempts: 6).nominal_total") == "31s")
        #expect(eval("backoff_summary(base: 1s, attempts: 6, jitter: \"full\").expected_total") == "15.5s")
        #expect(eval("backoff_summary(base: 1s, attempts: 6, jitter: \"equal\").expected_total") == "23.25s")
    }

    /// Totals past 1e308 seconds are refused where they are made, never shown as `infs`.
    @Test func totalsPastWhatADurationHoldsAreRefused() {
        let refused = "error: the result is not a finite amount of time (past 1e308 seconds)"
        #expect(eval("backoff_summary(attempts: 2000)") == refused)
        #expect(eval("backoff(attempts: 2000)") == refused)
        #expect(eval("backoff_summary(attempts: 1000).nominal_total > 1e290y") == "true")
    }

    /// A table is a list: its rows are held to `--max-list` like any list.
    @Test func aBackoffTableIsHeldToTheListLimit() {
        var limits = Limits()
        limits.maxListSize = 100
        #expect(
            run("backoff(attempts: 5000, cap: 1m)", limits: limits).errorText.contains("between 1 and 100; got 5000"))
        #expect(run("len(backoff(attempts: 100, cap: 1m))", limits: limits).output == "100\n")
        // Lists inside a builtin's result, and a list written out, are held to it too.
        limits.maxListSize = 5
        #expect(run("[1, 2, 3, 4, 5, 6]", limits: limits).errorText.contains("a list may hold at most 5 items"))
        #expect(run("[1, 2, 3, 4, 5]", limits: limits).error == nil)
        let timeline =
            "simulate_breaker(breaker(window: 2, minimum_calls: 2, half_open_calls: 1, open_timeout: 1s), \"FFSSFFSSFFSSFFSSFFSSFFSS\")"
        #expect(run(timeline, limits: limits).errorText.contains("a list may hold at most 5 items"))
    }

    /// Decorrelated jitter's mean total against two independent computations of the same
    /// sampler (Fixtures/decorrelated_mean.py): a Monte Carlo of 20 million schedules and
    /// the distribution carried on a 200 000-cell grid. Grid and Monte Carlo agree to 2
    /// standard errors; hadr must match the grid to 1e-5 relative.
    @Test(arguments: [
        (1.0, 20.0, 8, 52.556806), (0.1, 30.0, 12, 33.555377), (1.0, 60.0, 30, 780.225475), (0.2, 2.0, 5, 3.396268),
    ])
    func decorrelatedMeanIsTheMeanOfTheSampler(_ base: Double, _ cap: Double, _ attempts: Int, _ oracle: Double) {
        let expected = Decorrelated(base: base, cap: cap).totals(waits: attempts - 1).expected
        #expect(abs(expected - oracle) / oracle < 1e-5, "\(expected) vs \(oracle)")
    }

    @Test func decorrelatedSummaryAgreesWithItsOwnSampler() {
        #expect(
            eval("backoff_summary(base: 1s, attempts: 8, cap: 20s, jitter: \"decorrelated\").expected_total")
                == "52.557s")
        // The sampler itself, 4000 schedules: the mean of the totals is within 3 standard errors.
        let script = """
            totals = map(1..4000, fn(s) = backoff(base: 1s, attempts: 8, cap: 20s, jitter: "decorrelated", seed: s)[7].total / 1s)
            m = sum(totals) / 4000
            sd = sqrt(sum(map(totals, fn(t) = (t - m) ^ 2)) / 3999)
            e = backoff_summary(base: 1s, attempts: 8, cap: 20s, jitter: "decorrelated").expected_total / 1s
            assert(abs(m - e) < 3 * sd / sqrt(4000), "sampler mean {m}, summary {e}")
            """
        let outcome = run(script)
        #expect(outcome.error == nil, "\(outcome.errorText)")
        // Without a cap the mean follows (base + 3 E[W_prev]) / 2 exactly: 2, 3.5, 5.75 → 11.25.
        #expect(eval("backoff_summary(base: 1s, attempts: 4, jitter: \"decorrelated\").expected_total") == "11.25s")
        #expect(eval("backoff_summary(base: 1s, attempts: 4, jitter: \"decorrelated\").worst_total") == "39s")
        // A cap at or below the base: every wait is the cap.
        let low = "backoff_summary(base: 5s, attempts: 4, cap: 2s, jitter: \"decorrelated\")"
        #expect(eval(low + ".expected_total") == "6s")
        // A trillion attempts settle to the stationary mean and add up at once.
        let long = "backoff_summary(base: 1s, attempts: 1000000000000, cap: 1m, jitter: \"decorrelated\")"
        #expect(eval(long + ".expected_total > 1000y") == "true")
    }

    /// resilience4j's CircuitBreakerConfig.ofDefaults(): minimumNumberOfCalls 100, clamped to
    /// a count-based window's size as CircuitBreakerMetrics does.
    @Test func breakerDefaultsAreResilience4js() {
        #expect(
            eval("breaker()")
                == "{failure_threshold: 50%, window: 100, minimum_calls: 100, open_timeout: 1m, half_open_calls: 10}")
        #expect(eval("breaker(window: 10).minimum_calls") == "10")
        #expect(eval("breaker(window: 30s).minimum_calls") == "100")
    }

    /// `breaker` (written in hadr) refuses a setting a simulation would refuse, when it is made.
    @Test(arguments: [
        ("breaker(window: -5)", "`window` must be a number of calls or a duration; got a number (-5)"),
        ("breaker(window: 0s)", "`window` must be a number of calls or a duration; got a duration (0s)"),
        ("breaker(minimum_calls: 0)", "`minimum_calls` must be a whole number of at least 1"),
        ("breaker(open_timeout: -1s)", "`open_timeout` must be a duration"),
        // Checked as given, before `minimum_calls` is capped at the window.
        ("breaker(minimum_calls: 150.5)", "`minimum_calls` must be a whole number of at least 1"),
        ("breaker(minimum_calls: \"x\")", "`minimum_calls` must be a whole number of at least 1"),
    ])
    func breakerRefusesBadSettingsWhenMade(_ call: String, _ message: String) {
        #expect(eval(call).hasPrefix("error: " + message), "\(call): \(eval(call))")
    }

    @Test func unknownJitterSuggests() {
        let outcome = run("backoff(jitter: \"ful\")")
        #expect(outcome.error?.message == "unknown jitter \"ful\"")
        #expect(outcome.error?.notes.first == "help: did you mean \"full\"?")
    }

    @Test func retries() {
        #expect(eval("retry_success(failure: 10%, attempts: 3)") == "99.9%")
        #expect(eval("retry_amplification(layers: 3, attempts: 3)") == "27")
        #expect(
            eval("retry_budget(failure: 50%, attempts: 3, budget: 10%)") == "{wanted: 75%, allowed: 10%, load: 1.1}")
    }

    @Test func breakerOpensProbesAndCloses() {
        let text =
            "r = simulate_breaker(breaker(window: 4, minimum_calls: 4, open_timeout: 3s, half_open_calls: 2), \"SSFFFFSSSSSS\")\n[r.state, r.rejected, r.timeline.to]"
        #expect(eval(text) == "[\"CLOSED\", 2, [\"OPEN\", \"HALF-OPEN\", \"CLOSED\"]]")
    }

    @Test func breakerReopensWhenTrialCallsFail() {
        let text =
            "r = simulate_breaker(breaker(window: 10, minimum_calls: 5, open_timeout: 10s, half_open_calls: 3), failure_scenario(40, 6, 25))\n[r.rejected, r.timeline.to, r.timeline.call]"
        #expect(
            eval(text) == "[18, [\"OPEN\", \"HALF-OPEN\", \"OPEN\", \"HALF-OPEN\", \"CLOSED\"], [10, 20, 22, 32, 34]]")
    }

    @Test func breakerNeedsMinimumCalls() {
        #expect(eval("simulate_breaker(breaker(window: 10, minimum_calls: 10), \"FFFFF\").state") == "\"CLOSED\"")
        #expect(
            eval("simulate_breaker(breaker(), \"SQS\")").hasPrefix(
                "error: outcomes are written with S (success) and F (failure)"))
    }

    @Test func bulkheadsFollowLittlesLaw() {
        #expect(eval("pool_size(rate: 200 / 1s, latency: 50ms)") == "13")
        #expect(eval("pool_size(rate: 200 / 1s, latency: 50ms, headroom: 0%)") == "10")
        #expect(eval("bulkheads([{name: \"p\", rate: 50 / 1s, latency: 200ms}])[0].concurrency") == "10")
    }
}

@Suite struct RecoveryTests {
    /// The cheapest strategy meeting both objectives, over a grid of RTO/RPO pairs.
    @Test(arguments: [
        ("1d", "4h", "Backup & Restore"), ("4h", "1h", "Backup & Restore"), ("3h", "1h", "Pilot Light"),
        ("4h", "30m", "Pilot Light"), ("30m", "10m", "Pilot Light"), ("29m", "10m", "Warm Standby"),
        ("15m", "5m", "Warm Standby"), ("5m", "1m", "Warm Standby"), ("4m", "1m", "Hot Standby"),
        ("5m", "30s", "Hot Standby"), ("1m", "0s", "Hot Standby"), ("10s", "0s", "Hot Standby"),
    ])
    func strategyGrid(_ rto: String, _ rpo: String, _ expected: String) {
        #expect(eval("strategy(rto: \(rto), rpo: \(rpo)).name") == "\"\(expected)\"")
    }

    @Test func strategySaysWhyCheaperOnesFallShort() {
        #expect(
            eval("strategy(rto: 15m, rpo: 5m).rejected.reason")
                == "[\"its RTO of 4h is longer than 15m and its RPO of 1h is longer than 5m\", \"its RTO of 30m is longer than 15m and its RPO of 10m is longer than 5m\"]"
        )
        #expect(eval("strategy(rto: 1s, rpo: 0s)") == "error: no strategy in the catalog reaches RTO 1s and RPO 0s")
    }

    @Test func strategyTakesACatalog() {
        #expect(
            eval(
                "strategy(rto: 1h, rpo: 1h, catalog: [{name: \"ours\", rto: 30m, rpo: 5m, cost: \"$\", infrastructure: \"x\"}]).name"
            ) == "\"ours\"")
    }

    @Test func replicationModes() {
        #expect(eval("replication_mode(rpo: 0s, write_budget: 10ms, round_trip: 2ms).mode") == "\"synchronous\"")
        #expect(eval("replication_mode(rpo: 30s, write_budget: 10ms, round_trip: 2ms).mode") == "\"semi-synchronous\"")
        #expect(eval("replication_mode(rpo: 30s, write_budget: 10ms, round_trip: 20ms).mode") == "\"asynchronous\"")
        #expect(
            eval("replication_mode(rpo: 0s, write_budget: 10ms, round_trip: 20ms)").hasPrefix(
                "error: a zero RPO needs synchronous replication"))
    }

    @Test func backupsAndThe321Rule() {
        #expect(eval("backup_rpo(\"incremental\", full_every: 7d, every: 1d).restore_chain") == "7")
        #expect(eval("backup_rpo(\"differential\").restore_chain") == "2")
        #expect(eval("backup_rpo(\"tape\")").hasPrefix("error: unknown backup type \"tape\""))
        #expect(
            eval("check_321([{media: \"ssd\", offsite: false}, {media: \"tape\", offsite: true}]).problems")
                == "[\"3 copies: only 2\"]")
        #expect(
            eval(
                "check_321([{media: \"a\", offsite: false}, {media: \"a\", offsite: false}, {media: \"a\", offsite: true}]).problems"
            )
                == "[\"2 kinds of storage: only 1 (a)\"]")
        #expect(eval("retention(size_gb: 100, daily_change: 5%).copies") == "[168, 30, 53, 84]")
    }
}
