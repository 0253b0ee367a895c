/// Prometheus recording and alerting rules for an SLO's burn-rate alerts, and the same SLO
/// as a Sloth `prometheus/v1` spec, written as YAML text.
struct PrometheusRules: Sendable {
    /// Letters, digits, `_`, `-` and `.`, starting with a letter (checked by the builtin).
    var service: String
    /// 1 − SLO.
    var budget: Double
    /// PromQL selectors of counters of bad events and of all events, trimmed, on one line.
    var errors: String
    var total: String
    /// The SLO window, in seconds.
    var window: Double
    var tiers: [AlertTier]

    /// The SLO as hadr shows it (`99.9%`).
    var sloText: String { Display.plain(.availability(budget), quoted: false) }

    /// The name alerts get: the service in CamelCase (`checkout-api` → `CheckoutApiErrorBudgetBurn`).
    var alertName: String {
        let words = service.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." })
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "ErrorBudgetBurn"
    }

    /// Every window the alerts read, shortest first, each once.
    var windows: [Double] {
        var seen: [Double] = []
        for tier in tiers {
            for w in [tier.shortWindow, tier.longWindow] where !seen.contains(w) { seen.append(w) }
        }
        return seen.sorted()
    }

    /// A duration as PromQL writes it (`5m`, `3d`, `1h30m`, `500ms`); `nil` unless it is a
    /// positive whole number of milliseconds (that fits in 64 bits).
    static func duration(_ seconds: Double) -> String? {
        let ms = seconds * 1000
        guard ms >= 1, ms < 3.2e19, ms == ms.rounded(), var rest = Int64(exactly: ms) else { return nil }
        var text = ""
        for (size, unit) in [(Int64(86_400_000), "d"), (3_600_000, "h"), (60_000, "m"), (1000, "s"), (1, "ms")]
        where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text
    }

    /// A YAML double-quoted scalar: any text, with `\` and `"` escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private func recordName(_ window: Double) -> String { "slo:sli_error:ratio_rate" + (Self.duration(window) ?? "") }

    private var serviceMatcher: String { "{service=\(Self.quoted(service))}" }

    private static func lines(_ expression: [String], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        return expression.map { pad + $0 }.joined(separator: "\n")
    }

    private var header: [String] {
        let period = Display.duration(window)
        return [
            "# Prometheus rules for the SLO of \(service): \(sloText) of requests succeed over \(period).",
            "# Error budget: \(Display.plain(.percentage(budget), quoted: false)) of requests "
                + "(\(Display.duration(budget * window)) of full outage in \(period)).",
            "# Written by hadr's prometheus_rules. Check: promtool check rules FILE;",
            "# load: list FILE under rule_files in prometheus.yml.",
        ]
    }

    /// The rules file: one group holding the recording rules (the error ratio over every
    /// window, the ratio over the SLO window, the budget left), then the alerting rules.
    var yaml: String {
        var out = header
        let threshold = { (tier: AlertTier) in
            "(\(Display.number(tier.burnRate)) * \(Display.number(self.budget)))"
        }
        // One group: Prometheus runs a group's rules in order at each evaluation, so the alerts
        // always read the ratios recorded at the same instant (groups run independently).
        out += ["groups:", "  - name: \(Self.quoted("slo-\(service)"))", "    rules:"]
        for w in windows {
            let range = Self.duration(w) ?? ""
            out += [
                "      - record: \(Self.quoted(recordName(w)))",
                "        expr: |-",
                Self.lines(
                    ["sum(rate(\(errors)[\(range)]))", "/", "sum(rate(\(total)[\(range)]))"], indent: 10),
                "        labels:",
                "          service: \(Self.quoted(service))",
            ]
        }
        let period = Self.duration(window) ?? ""
        let shortest = windows.first ?? 300
        out += [
            "      # Over the SLO window: the mean of the \(Self.duration(shortest) ?? "") ratios, weighted by time.",
            "      - record: \(Self.quoted(recordName(window)))",
            "        expr: avg_over_time(\(recordName(shortest))\(serviceMatcher)[\(period)])",
            "        labels:",
            "          service: \(Self.quoted(service))",
            "      # The share of the SLO window's error budget not yet spent (below 0 when overspent).",
            "      - record: \"slo:error_budget_remaining:ratio\"",
            "        expr: 1 - \(recordName(window))\(serviceMatcher) / \(Display.number(budget))",
            "        labels:",
            "          service: \(Self.quoted(service))",
        ]
        out += ["      # The alerts: each fires while both its windows are over its threshold."]
        for tier in tiers {
            let long = Self.duration(tier.longWindow) ?? ""
            let short = Self.duration(tier.shortWindow) ?? ""
            var expression = ["\(recordName(tier.longWindow))\(serviceMatcher) > \(threshold(tier))"]
            if tier.shortWindow != tier.longWindow {
                expression += ["and", "\(recordName(tier.shortWindow))\(serviceMatcher) > \(threshold(tier))"]
            }
            out += [
                "      - alert: \(Self.quoted(alertName))",
                "        expr: |-",
                Self.lines(expression, indent: 10),
                "        labels:",
                "          severity: \(Self.quoted(tier.severity))",
                "          service: \(Self.quoted(service))",
                "          long_window: \(Self.quoted(long))",
                "          short_window: \(Self.quoted(short))",
                "        annotations:",
            ]
            out += annotations(tier).map { "          \($0.0): \(Self.quoted($0.1))" }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// What an alert of a tier says: a summary and a description for people, and the SLO,
    /// burn rate, budget consumed and error rate on their own for routing and dashboards.
    func annotations(_ tier: AlertTier) -> [(String, String)] {
        let long = Self.duration(tier.longWindow) ?? ""
        let short = Self.duration(tier.shortWindow) ?? ""
        let burn = Display.number(tier.burnRate)
        let consumed = Display.plain(.percentage(tier.budgetConsumed), quoted: false)
        let rate = Display.plain(.percentage(tier.errorRate(budget: budget)), quoted: false)
        let windowsText = tier.shortWindow != tier.longWindow ? "\(long) and \(short)" : long
        let summary = "\(service): error budget burn rate above \(burn) over \(windowsText) (\(tier.severity))"
        let description =
            "The error ratio over the last \(windowsText) is above \(rate): a burn rate of \(burn) against the "
            + "\(Display.plain(.percentage(budget), quoted: false)) error budget of the \(sloText) SLO. At that "
            + "rate \(consumed) of the \(Display.duration(window)) budget goes in "
            + "\(Display.duration(tier.longWindow)), and all of it in \(Display.duration(window / tier.burnRate))."
        return [
            ("summary", summary), ("description", description), ("slo", sloText), ("burn_rate", burn),
            ("budget_consumed", consumed), ("error_rate", rate),
        ]
    }

    /// The same SLO as a Sloth `prometheus/v1` spec; Sloth brings its own alert windows (the
    /// workbook's pages, tickets over 1d/2h and 3d/6h) for 28-day and 30-day periods.
    func slothSpec(name: String) -> String {
        let period = Self.duration(window) ?? ""
        let objective = Display.number(BurnRateAlerts.tidy(100 * (1 - budget)))
        let lines = [
            "# Sloth spec for the SLO of \(service): \(sloText) of requests succeed over \(period).",
            "# Written by hadr's sloth_spec. Generate the rules:",
            "#   sloth generate -i FILE -o rules.yml --default-slo-period=\(period)",
            "version: \"prometheus/v1\"",
            "service: \(Self.quoted(service))",
            "slos:",
            "  - name: \(Self.quoted(name))",
            "    objective: \(objective)",
            "    description: \(Self.quoted("\(sloText) of \(service)'s requests succeed over \(period)."))",
            "    sli:",
            "      events:",
            "        error_query: \(Self.quoted("sum(rate(\(errors)[{{.window}}]))"))",
            "        total_query: \(Self.quoted("sum(rate(\(total)[{{.window}}]))"))",
            "    alerting:",
            "      name: \(Self.quoted(alertName))",
            "      page_alert:",
            "        labels:",
            "          severity: \"page\"",
            "      ticket_alert:",
            "        labels:",
            "          severity: \"ticket\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
