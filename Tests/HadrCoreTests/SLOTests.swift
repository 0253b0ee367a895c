import Foundation
import Testing

@testable import HadrCore

/// Error budgets, burn-rate alerts and budget status, against the SRE workbook's tables,
/// hand computation, a brute-force replay of sliding windows and the C library's calendar.
@Suite struct SLOTests {
    /// The workbook's recommended parameters for a 99.9% SLO over 30 days (table 5-8).
    @Test func theWorkbooksTable() {
        let table = eval("burn_rate_alerts(slo: 99.9%)")
        #expect(
            table == """
                severity  long_window  short_window  burn_rate  budget_consumed  error_rate
                page               1h            5m       14.4               2%       1.44%
                page               6h           30m          6               5%        0.6%
                ticket             3d            6h          1              10%        0.1%
                """)
    }

    /// The burn rates Sloth writes into its rules for 28 days (errorBudgetPercent / 100 ×
    /// 28d / longWindow) and for 30 days.
    @Test(arguments: [
        ("28d", ["13.44", "5.6", "2.8", "0.933333333333"]),
        ("30d", ["14.4", "6", "3", "1"]),
    ])
    func slothsBurnRates(_ window: String, _ rates: [String]) {
        let got = eval("map(burn_rate_alerts(slo: 99.9%, window: \(window), tiers: sloth_alerts), fn(a) = a.burn_rate)")
        #expect(got == "[" + rates.joined(separator: ", ") + "]")
    }

    /// The workbook's table of burn rates and time to exhaustion for a 99.9% SLO.
    @Test(arguments: [("0.1%", "1", "30d"), ("0.2%", "2", "15d"), ("1%", "10", "3d"), ("100%", "1000", "43m 12s")])
    func burnRatesAndExhaustion(_ errorRate: String, _ burn: String, _ gone: String) {
        #expect(eval("burn_rate(slo: 99.9%, error_rate: \(errorRate))") == burn)
        #expect(eval("time_to_exhaust(burn_rate(slo: 99.9%, error_rate: \(errorRate)))") == gone)
    }

    @Test func customTiers() {
        let text = """
            burn_rate_alerts(slo: 99.95%, tiers: [{severity: "page", long_window: 2h, burn_rate: 10}, {severity: "chat", long_window: 12h, short_window: 1h, budget_consumed: 8%}])
            """
        // 10 × 2h / 30d = 2.77778%; 8% × 30d / 12h = 4.8; short window 2h / 12 = 10m.
        #expect(
            eval(text) == """
                severity  long_window  short_window  burn_rate  budget_consumed  error_rate
                page               2h           10m         10         2.77778%        0.5%
                chat              12h            1h        4.8               8%       0.24%
                """)
    }

    /// The first second at which both windows' mean error ratio is
    /// over the threshold, errors running at `rate` from time 0; and the first second after
    /// they stop at `stop` at which either is not.
    static func replay(long: Int, short: Int, threshold: Double, rate: Double, stop: Int) -> (Int?, Int?) {
        let horizon = stop + long + 10
        var errors = [Double](repeating: 0, count: horizon + 1)  // errors[t]: cumulative at second t
        for t in 1...horizon { errors[t] = errors[t - 1] + (t <= stop ? rate : 0) }
        func ratio(_ t: Int, _ w: Int) -> Double { (errors[t] - errors[max(0, t - w)]) / Double(w) }
        var fired: Int?
        var reset: Int?
        for t in 1...horizon {
            let on = ratio(t, long) > threshold && ratio(t, short) > threshold
            if on, fired == nil { fired = t }
            if !on, fired != nil, t > stop, reset == nil { reset = t - stop }
        }
        return (fired, reset)
    }

    /// Detection and reset times against a second-by-second replay of the two windows.
    @Test(arguments: [20.0, 15.0, 50.0, 1000.0])
    func detectionAndResetTimesMatchAReplay(_ burn: Double) {
        let budget = 0.001
        for tier in PromtoolTests.workbook where burn > tier.burnRate {
            let e = burn * budget
            guard let detection = tier.detectionTime(errorRate: e, budget: budget),
                let reset = tier.resetTime(errorRate: e, budget: budget)
            else {
                Issue.record("\(tier.severity) \(tier.longWindow) never fires at \(burn)×")
                continue
            }
            let (fired, resetAfter) = Self.replay(
                long: Int(tier.longWindow), short: Int(tier.shortWindow), threshold: tier.errorRate(budget: budget),
                rate: e, stop: Int(tier.longWindow) * 2)
            #expect(
                fired.map { abs(Double($0) - detection) <= 2 } == true,
                "\(burn)× \(tier): \(String(describing: fired)) vs \(detection)")
            #expect(
                resetAfter.map { abs(Double($0) - reset) <= 2 } == true,
                "\(burn)× \(tier): \(String(describing: resetAfter)) vs \(reset)")
        }
    }

    @Test func alertsThatNeverFireSayNone() {
        let rows = eval("map(alert_timing(slo: 99.9%, burn_rate: 3), fn(a) = [a.detection_time, a.reset_time])")
        #expect(rows == "[[none, none], [none, none], [1d, 4h]]")
    }

    /// The workbook's single-window attempts: 0.6 s and 10 minutes; 2 min 10 s and 36 hours;
    /// 2 min 10 s and 58 minutes.
    @Test func theWorkbooksEarlierAttempts() {
        let text = """
            map(alert_timing(slo: 99.9%, error_rate: 100%, tiers: [
                {severity: "a", long_window: 10m, short_window: 10m, burn_rate: 1},
                {severity: "b", long_window: 36h, short_window: 36h, burn_rate: 1},
                {severity: "c", long_window: 1h, short_window: 1h, burn_rate: 36},
            ]), fn(a) = [a.detection_time, a.reset_time])
            """
        #expect(eval(text) == "[[600ms, 9m 59.4s], [2m 9.6s, 1d 11h 57m 50.4s], [2m 9.6s, 57m 50.4s]]")
    }

    @Test func eventBudgets() {
        #expect(eval("error_budget(slo: 99.9%, requests: 1_000_000)") == "1000")
        #expect(eval("error_budget(slo: 99.95%, requests: 3_000_000)") == "1500")
        #expect(eval("error_budget(slo: 99.9%)") == "43m 12s")
        #expect(eval("error_budget(slo: 99.9%, window: 4w)") == "40m 19.2s")
    }

    /// Hand-computed: 1840 of 1 150 000 requests failed in 12 of 30 days.
    @Test func budgetStatusFromCounts() {
        let text = #"budget_status(slo: 99.9%, bad: 1840, total: 1_150_000, elapsed: 12 days, start: "2025-06-01")"#
        #expect(
            eval(text)
                == #"{error_rate: 0.16%, burn_rate: 1.6, budget: 2875, spent: 64%, remaining: 36%, left: 1035, exhausted_in: 6d 18h, exhausted_on: "2025-06-19 18:00 UTC", lasts_window: false}"#
        )
    }

    @Test func budgetStatusFromDowntime() {
        // 25 minutes down in 12 days: 25 / 43.2 of the budget spent; the 18m 12s left last
        // 18.2 / 25 × 12 days at that pace.
        let text = #"budget_status(slo: 99.9%, downtime: 25 min, elapsed: 12 days, start: "2025-06-01")"#
        #expect(
            eval(text)
                == #"{error_rate: 0.144676%, burn_rate: 1.44675925926, budget: 43m 12s, spent: 57.8704%, remaining: 42.1296%, left: 18m 12s, exhausted_in: 8d 17h 39m 50.4s, exhausted_on: "2025-06-21 17:40 UTC", lasts_window: false}"#
        )
    }

    @Test func overspentAndUnspentBudgets() {
        #expect(eval("budget_status(slo: 99.9%, bad: 90000, total: 43_200_000).spent") == "208.333%")
        #expect(eval("budget_status(slo: 99.9%, bad: 90000, total: 43_200_000).lasts_window") == "false")
        #expect(eval("budget_status(slo: 99.9%, bad: 0, total: 100).exhausted_in == none") == "true")
        #expect(eval("budget_status(slo: 99.9%, bad: 0, total: 100).lasts_window") == "true")
        // Over budget from the start: it ran out 30d / 1000 = 43.2 minutes in.
        #expect(
            eval(
                #"budget_status(slo: 99.9%, bad: 100, total: 100, elapsed: 1d, start: "2024-02-28 12:00").exhausted_on"#
            )
                == #""2024-02-28 12:43 UTC""#)
    }

    /// Dates against the C library's `timegm` and `gmtime_r`, over 4000 random times from
    /// year 1 to 9999 (leap years, centuries and all).
    @Test func civilTimeAgreesWithTheCLibrary() {
        var generator = SplitMix64(seed: 2025)
        for _ in 0..<4000 {
            let minutes = UInt64((CivilTime.latest - CivilTime.earliest) / 60)
            let seconds = CivilTime.earliest + Double(generator.next() % minutes) * 60
            var parts = tm()
            var time = time_t(seconds)
            gmtime_r(&time, &parts)
            let expected = String(
                format: "%04d-%02d-%02d %02d:%02d UTC", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                parts.tm_hour, parts.tm_min)
            #expect(CivilTime.format(seconds) == expected)
            let date = String(expected.prefix(16))
            #expect(CivilTime.parse(date) == seconds, "\(date)")
            #expect(Double(timegm(&parts)) == seconds)
        }
    }

    @Test(arguments: [
        "2025-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-1-01", "2025-01-01 24:00",
        "2025-01-01T10:60", "2025-01-01 10:00:61", "2025-01-01 10:00Zx", "0000-01-01", "", "yesterday",
    ])
    func impossibleDatesAreRefused(_ text: String) {
        #expect(CivilTime.parse(text) == nil)
        #expect(
            eval("budget_status(slo: 99.9%, bad: 1, total: 10, start: \"\(text)\")").contains("`start` must be a date"))
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "2025-03-01T14:30:00Z", "2025-03-01 14:30", "9999-12-31 23:59:59"])
    func possibleDatesAreRead(_ text: String) {
        #expect(CivilTime.parse(text) != nil)
    }

    @Test(arguments: [
        ("burn_rate_alerts(slo: 100%)", "a 100% SLO has no error budget to burn"),
        ("burn_rate_alerts(slo: 99.9%, tiers: [])", "`tiers` must list at least one alert"),
        ("burn_rate_alerts(slo: 99.9%, tiers: [1h])", "`tiers` item 1 must be a record"),
        (
            "burn_rate_alerts(slo: 99.9%, tiers: [{severity: \"page\", long_windw: 1h, burn_rate: 2}])",
            "`tiers` item 1 has a field `long_windw`"
        ),
        (
            "burn_rate_alerts(slo: 99.9%, tiers: [{severity: \"page\", long_window: 1h}])",
            "`tiers` item 1 needs one of `budget_consumed:` and `burn_rate:`"
        ),
        (
            "burn_rate_alerts(slo: 99.9%, tiers: [{severity: \"page\", long_window: 1h, burn_rate: 2, budget_consumed: 2%}])",
            "needs one of `budget_consumed:` and `burn_rate:`, not both"
        ),
        (
            "burn_rate_alerts(slo: 99.9%, tiers: [{severity: \"page\", long_window: 5, burn_rate: 2}])",
            "`tiers` item 1: `long_window` must be a positive duration such as `1h`; got a number (5)"
        ),
        (
            "burn_rate_alerts(slo: 99.9%, tiers: [{severity: \"page\", long_window: 1h, short_window: 2h, burn_rate: 2}])",
            "the short window 2h is longer than the long window 1h"
        ),
        (
            "burn_rate_alerts(slo: 99.9%, window: 2d, tiers: workbook_alerts)",
            "`tiers` item 3: its long window 3d is not shorter than the SLO window 2d"
        ),
        (
            "burn_rate_alerts(slo: 99.9%, tiers: [{severity: \"page\", long_window: 1h, budget_consumed: 0.02}])",
            "`budget_consumed` must be a share of the budget above 0% and at most 100%"
        ),
        (
            "burn_rate_alerts(slo: 99.9%, tiers: [{severity: \"page\", long_window: 1h, burn_rate: -1}])",
            "`burn_rate` must be a positive number"
        ),
        ("burn_rate_alerts(slo: 99.9%, tiers: [{long_window: 1h, burn_rate: 2}])", "`severity` must be a name"),
        ("alert_timing(slo: 99.9%)", "`alert_timing` needs `error_rate:` or `burn_rate:`"),
        ("alert_timing(slo: 99.9%, burn_rate: 2000)", "a burn rate of 2000 means more errors than requests"),
        ("error_budget(slo: 99.9%, window: 30d, requests: 10)", "not both"),
        ("error_budget(slo: 99.9%, requests: -1)", "`requests`"),
        ("budget_status(slo: 99.9%)", "`budget_status` needs `bad:` and `total:`"),
        ("budget_status(slo: 99.9%, bad: 1)", "`budget_status` needs `bad:` and `total:`"),
        ("budget_status(slo: 99.9%, bad: 1, total: 10, downtime: 1m)", "not both"),
        ("budget_status(slo: 99.9%, bad: 11, total: 10)", "`bad` (11) cannot exceed `total` (10)"),
        ("budget_status(slo: 99.9%, bad: 1, total: 0)", "`total`"),
        ("budget_status(slo: 99.9%, downtime: 2d, elapsed: 1d)", "downtime 2d is longer than the period 1d"),
        (
            "budget_status(slo: 99.9%, downtime: 1m, elapsed: 31d)",
            "`elapsed` (31d) is longer than the SLO window (30d)"
        ),
        (
            "prometheus_rules(service: \"9lives\", slo: 99.9%, errors: 'e', total: 't')",
            "`service` must start with a letter"
        ),
        (
            "prometheus_rules(service: \"check out\", slo: 99.9%, errors: 'e', total: 't')",
            "`service` must start with a letter"
        ),
        (
            "prometheus_rules(service: \"checkout\", slo: 99.9%, errors: '  ', total: 't')",
            "`errors` must be a PromQL selector on one line"
        ),
        (
            "prometheus_rules(service: \"checkout\", slo: 99.9%, errors: 'e', total: \"a\\nb\")",
            "`total` must be a PromQL selector on one line"
        ),
        (
            "prometheus_rules(service: \"checkout\", slo: 99.9%, errors: 'e', total: 't', window: 30d + 0.0001s)",
            "`window` must be a whole number of milliseconds for Prometheus"
        ),
        (
            "prometheus_rules(service: \"checkout\", slo: 100%, errors: 'e', total: 't')",
            "a 100% SLO has no error budget to burn"
        ),
        (
            "sloth_spec(service: \"checkout\", slo: 99.9%, errors: 'e', total: 't', window: 7d)",
            "Sloth brings alert windows for 28d and 30d SLO periods only; got 7d"
        ),
    ])
    func mistakesAreClearErrors(_ text: String, _ message: String) {
        let got = eval(text)
        #expect(got.hasPrefix("error: ") && got.contains(message), "\(got)")
    }

    @Test func serviceNamesBecomeAlertNames() {
        let rules = eval("prometheus_rules(service: \"payments-api.eu\", slo: 99.9%, errors: 'e', total: 't')")
        #expect(rules.contains("PaymentsApiEuErrorBudgetBurn"))
        #expect(rules.contains(#"service: \"payments-api.eu\""#))
    }

    @Test func prometheusDurations() {
        #expect(PrometheusRules.duration(300) == "5m")
        #expect(PrometheusRules.duration(5400) == "1h30m")
        #expect(PrometheusRules.duration(259_200) == "3d")
        #expect(PrometheusRules.duration(2_628_000) == "30d10h")
        #expect(PrometheusRules.duration(0.5) == "500ms")
        #expect(PrometheusRules.duration(0.0001) == nil)
        #expect(PrometheusRules.duration(1e300) == nil)
        #expect(PrometheusRules.duration(-5) == nil)
    }

    @Test func yamlQuoting() {
        #expect(PrometheusRules.quoted(#"a "b" \c"#) == #""a \"b\" \\c""#)
        #expect(PrometheusRules.quoted("x\u{1}y") == #""x\x01y""#)
    }
}
