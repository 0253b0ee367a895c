import Foundation
import Testing

@testable import HadrCore

/// The rules `prometheus_rules` writes, checked by Prometheus's own `promtool` (Debian's
/// `prometheus` package, installed by `scripts/install-deps`): `promtool check rules` on
/// every file, and `promtool test rules` with synthetic series. Without promtool these
/// tests fail; they never pass by skipping.
@Suite(.serialized) struct PromtoolTests {
    static let promtool: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(dir)/promtool"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Runs promtool with arguments in a directory; its status and everything it printed.
    static func promtool(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        guard let promtool else {
            Issue.record("promtool is not installed: run scripts/install-deps (Debian package `prometheus`)")
            return (-1, "")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A fresh directory for one test's files.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hadr-promtool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// What hadr prints for a text that must not fail.
    static func printed(_ text: String, arguments: [String] = []) -> String {
        var output = ""
        let s = session(arguments: arguments) { output += $0 }
        if let error = s.run(text, name: "rules.hadr") {
            Issue.record("hadr failed: \(DiagnosticRenderer().render(error))")
        }
        return output
    }

    static let errors = #"'http_requests_total{job="checkout",code=~"5.."}'"#
    static let total = #"'http_requests_total{job="checkout"}'"#

    /// Rules files for many SLOs, windows and alert tiers: promtool accepts each.
    @Test(arguments: [
        "service: \"checkout\", slo: 99.9%",
        "service: \"checkout\", slo: 99.9%, tiers: sloth_alerts",
        "service: \"checkout\", slo: 99.99%, window: 28d, tiers: sloth_alerts",
        "service: \"payments-api.eu\", slo: 99.5%, window: 7d",
        "service: \"checkout\", slo: 99.95%, window: 1mo",
        "service: \"checkout\", slo: 99.9%, tiers: [{severity: \"page\", long_window: 1h, short_window: 1h, burn_rate: 36}, {severity: \"warning\", long_window: 1h 30m, budget_consumed: 3%}]",
    ])
    func promtoolAcceptsTheRules(_ call: String) throws {
        let text = "print(prometheus_rules(\(call), errors: \(Self.errors), total: \(Self.total)))"
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.printed(text).write(to: dir.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
        let (status, output) = try Self.promtool(["check", "rules", "rules.yml"], in: dir)
        #expect(status == 0, "promtool check rules failed for \(call):\n\(output)")
        #expect(output.contains("SUCCESS"), "\(output)")
    }

    /// Selectors with what PromQL and YAML find awkward: quotes, backslashes, `#`, `: `,
    /// braces and brackets inside label values.
    @Test func awkwardSelectorsStayIntact() throws {
        let errors = #"'http_requests_total{path=~"/api/[a-z]+: #x", code=~"5\\d\\d"}'"#
        let total = #"'http_requests_total{path=~"/api/[a-z]+: #x"}'"#
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = Self.printed(
            "print(prometheus_rules(service: \"checkout\", slo: 99.9%, errors: \(errors), total: \(total)))")
        #expect(rules.contains(#"sum(rate(http_requests_total{path=~"/api/[a-z]+: #x", code=~"5\\d\\d"}[5m]))"#))
        try rules.write(to: dir.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
        let (status, output) = try Self.promtool(["check", "rules", "rules.yml"], in: dir)
        #expect(status == 0, "\(output)")
    }

    /// The rules file examples/slo_rules.hadr prints (and its golden .out holds).
    @Test func theExamplesRulesFileIsValid() throws {
        let output = try GoldenTests.output(of: "examples/slo_rules.hadr")
        #expect(output.hasPrefix("# Prometheus rules for the SLO of checkout"), "\(output.prefix(200))")
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try output.write(to: dir.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
        let (status, result) = try Self.promtool(["check", "rules", "rules.yml"], in: dir)
        #expect(status == 0, "\(result)")
        #expect(result.contains("SUCCESS: 10 rules found"), "\(result)")
    }

    // MARK: Synthetic series

    /// A counter's values every minute, in promtool's notation: `phases` of (minutes,
    /// increase per minute), starting at 0.
    static func counter(_ phases: [(minutes: Int, perMinute: Int)]) -> String {
        var value = 0
        var parts: [String] = []
        for (i, phase) in phases.enumerated() {
            if i == 0 {
                parts.append("\(value)+\(phase.perMinute)x\(phase.minutes)")
            } else {
                parts.append("\(value + phase.perMinute)+\(phase.perMinute)x\(phase.minutes - 1)")
            }
            value += phase.perMinute * phase.minutes
        }
        return parts.joined(separator: " ")
    }

    /// Failing and succeeding requests of checkout: `phases` of (minutes, errors per minute)
    /// out of `perMinute` requests.
    static func inputSeries(_ phases: [(Int, Int)], perMinute: Int) -> String {
        """
              - series: 'http_requests_total{job="checkout",code="500"}'
                values: '\(counter(phases.map { (minutes: $0.0, perMinute: $0.1) }))'
              - series: 'http_requests_total{job="checkout",code="200"}'
                values: '\(counter(phases.map { (minutes: $0.0, perMinute: perMinute - $0.1) }))'
        """
    }

    /// The alerts expected at one time, by the tiers' windows: promtool's `alert_rule_test`
    /// with every label and annotation the rules give.
    static func expectAlerts(at minute: Int, _ firing: [AlertTier]) -> String {
        var text = """
                  - eval_time: \(minute)m
                    alertname: CheckoutErrorBudgetBurn
                    exp_alerts:
            """
        if firing.isEmpty { return text + " []\n" }
        text += "\n"
        for tier in firing {
            let long = PrometheusRules.duration(tier.longWindow) ?? ""
            let short = PrometheusRules.duration(tier.shortWindow) ?? ""
            text += """
                          - exp_labels:
                              severity: \(tier.severity)
                              service: checkout
                              long_window: \(long)
                              short_window: \(short)
                            exp_annotations:

                """
            for (name, value) in checkout.annotations(tier) {
                text += "              \(name): \(PrometheusRules.quoted(value))\n"
            }
        }
        return text
    }

    /// The rules the synthetic tests load: checkout, 99.9% over 30 days, the workbook's alerts.
    static let checkout = PrometheusRules(
        service: "checkout", budget: 0.001, errors: "", total: "", window: 2_592_000, tiers: workbook)

    static let workbook: [AlertTier] = [
        AlertTierSpec(severity: "page", longWindow: 3600, shortWindow: 300, threshold: .budgetConsumed(0.02)),
        AlertTierSpec(severity: "page", longWindow: 21_600, shortWindow: 1800, threshold: .budgetConsumed(0.05)),
        AlertTierSpec(severity: "ticket", longWindow: 259_200, shortWindow: 21_600, threshold: .budgetConsumed(0.1)),
    ].map { $0.tier(window: 2_592_000) }

    /// Runs a promtool unit test of the default rules (99.9% over 30 days) on series.
    static func runRuleTest(series: String, expectations: String, exprTests: String = "") throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = printed(
            "print(prometheus_rules(service: \"checkout\", slo: 99.9%, errors: \(errors), total: \(total)))")
        try rules.write(to: dir.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
        let test = """
            rule_files:
              - rules.yml
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
            \(series)
                alert_rule_test:
            \(expectations)
            """ + (exprTests.isEmpty ? "" : "    promql_expr_test:\n" + exprTests)
        try test.write(to: dir.appendingPathComponent("test.yml"), atomically: true, encoding: .utf8)
        let (status, output) = try promtool(["test", "rules", "test.yml"], in: dir)
        #expect(status == 0, "promtool test rules failed:\n\(output)\n\(test)")
        #expect(output.contains("SUCCESS"), "\(output)")
    }

    /// Three days of clean traffic, then a burn of 20× (2% errors at 99.9%) for two hours;
    /// later a spike of 20% errors for five minutes. The page over 1h/5m fires within the
    /// workbook's detection time (1h × 14.4 / 20 = 43.2 min), the page over 6h/30m within
    /// 1h 48m, and the ticket never (the 3-day ratio stays below 0.1%); after the burn ends
    /// the fast page resets within its 5-minute window (5m × (1 − 14.4/20) = 1.4 min) and
    /// the slow one within its 30 minutes (21 min). The spike fires the fast page alone,
    /// which resets within the short window although the 1h ratio stays over the threshold.
    @Test func aBurnOf20TimesPagesWithinTheDetectionTimeAndResets() throws {
        let t0 = 3 * 24 * 60
        let spike = t0 + 600
        let series = Self.inputSeries(
            [(t0, 0), (120, 20), (spike - t0 - 120, 0), (5, 200), (60, 0)], perMinute: 1000)
        let fast = [Self.workbook[0]]
        let both = [Self.workbook[0], Self.workbook[1]]
        let timing: [Double] = Self.workbook.map { $0.detectionTime(errorRate: 0.02, budget: 0.001) ?? -1 }
        let expected: [Double] = [43.2 * 60, 108 * 60, 3.6 * 3600]
        for (got, want) in zip(timing, expected) { #expect(abs(got - want) < 1e-6, "\(timing)") }
        let checks = [
            Self.expectAlerts(at: t0 - 1, []),
            Self.expectAlerts(at: t0 + 42, []),
            Self.expectAlerts(at: t0 + 44, fast),
            Self.expectAlerts(at: t0 + 106, fast),
            Self.expectAlerts(at: t0 + 110, both),
            Self.expectAlerts(at: t0 + 120, both),
            Self.expectAlerts(at: t0 + 121, both),
            Self.expectAlerts(at: t0 + 122, [Self.workbook[1]]),
            Self.expectAlerts(at: t0 + 125, [Self.workbook[1]]),
            Self.expectAlerts(at: t0 + 140, [Self.workbook[1]]),
            Self.expectAlerts(at: t0 + 142, []),
            Self.expectAlerts(at: t0 + 150, []),
            Self.expectAlerts(at: spike, []),
            Self.expectAlerts(at: spike + 5, fast),
            Self.expectAlerts(at: spike + 10, []),
            Self.expectAlerts(at: spike + 60, []),
        ]
        let exprs = """
                  - expr: slo:sli_error:ratio_rate5m
                    eval_time: \(t0 + 60)m
                    exp_samples:
                      - labels: 'slo:sli_error:ratio_rate5m{service="checkout"}'
                        value: 0.02
                  - expr: slo:sli_error:ratio_rate1h > 0.0144
                    eval_time: \(spike + 10)m
                    exp_samples:
                      - labels: 'slo:sli_error:ratio_rate1h{service="checkout"}'
                        value: 0.016666666666666666

            """
        try Self.runRuleTest(series: series, expectations: checks.joined(), exprTests: exprs)
    }

    /// A burn of 0.5× (0.05% errors at 99.9%) for seven hours fires nothing.
    @Test func aBurnOfHalfFiresNothing() throws {
        let series = Self.inputSeries([(7 * 60, 5)], perMinute: 10_000)
        let checks = [30, 60, 61, 6 * 60, 7 * 60].map { Self.expectAlerts(at: $0, []) }
        let exprs = """
                  - expr: round(slo:sli_error:ratio_rate1h * 1e6)
                    eval_time: 2h
                    exp_samples:
                      - labels: '{service="checkout"}'
                        value: 500

            """
        try Self.runRuleTest(series: series, expectations: checks.joined(), exprTests: exprs)
    }
}
