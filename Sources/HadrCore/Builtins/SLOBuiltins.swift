/// Error budgets, burn rates and the SRE workbook's multiwindow, multi-burn-rate alerts, up
/// to the Prometheus rules (and the Sloth spec) that implement them.
enum SLOBuiltins {
    static let functions: [NativeFunction] = [
        NativeFunction("error_budget", 3) { args in
            let u = try args.unavailability(0, "slo")
            if !args.isAbsent(2) {
                guard args.isAbsent(1) else { throw BuiltinError.budgetWindowOrRequests }
                let requests = try args.number(2, "requests")
                guard requests.isFinite, requests >= 0 else {
                    throw ArgumentError.negative("requests", got: Display.number(requests))
                }
                return .number(BurnRateAlerts.tidy(u * requests))
            }
            let window = args.isAbsent(1) ? 30 * 86_400 : try args.duration(1, "window", positive: true)
            return .duration(u * window * (try args.machine.calendarUnits().service))
        },
        NativeFunction("burn_rate", 2) { args in
            let u = try budget(args)
            return .number(BurnRateAlerts.tidy(try args.fraction(1, "error_rate") / u))
        },
        NativeFunction("burn_rate_alerts", 3) { args in
            let u = try budget(args)
            let window = try args.duration(1, "window", positive: true)
            let tiers = try tiers(args, 2, window: window)
            return .list(
                tiers.map { tier in
                    .record(
                        names: [
                            "severity", "long_window", "short_window", "burn_rate", "budget_consumed", "error_rate",
                        ],
                        values: [
                            .string(tier.severity), .duration(tier.longWindow), .duration(tier.shortWindow),
                            .number(tier.burnRate), share(tier.budgetConsumed),
                            share(BurnRateAlerts.tidy(tier.errorRate(budget: u))),
                        ])
                })
        },
        NativeFunction("alert_timing", 5) { args in
            let u = try budget(args)
            let errorRate: Double
            switch (args.isAbsent(1), args.isAbsent(2)) {
            case (false, true): errorRate = try args.fraction(1, "error_rate")
            case (true, false):
                let burn = try args.number(2, "burn_rate")
                guard burn.isFinite, burn > 0 else {
                    throw ArgumentError.notPositive("burn_rate", got: Display.number(burn))
                }
                errorRate = burn * u
                guard errorRate <= 1 else { throw BuiltinError.burnAboveAll(Display.number(burn), most: 1 / u) }
            default: throw BuiltinError.timingEither
            }
            let window = try args.duration(3, "window", positive: true)
            let tiers = try tiers(args, 4, window: window)
            let optional = { (x: Double?) in x.map { Value.duration(BurnRateAlerts.tidy($0)) } ?? .none }
            return .list(
                tiers.map { tier in
                    .record(
                        names: [
                            "severity", "long_window", "short_window", "burn_rate", "detection_time", "reset_time",
                        ],
                        values: [
                            .string(tier.severity), .duration(tier.longWindow), .duration(tier.shortWindow),
                            .number(tier.burnRate), optional(tier.detectionTime(errorRate: errorRate, budget: u)),
                            optional(tier.resetTime(errorRate: errorRate, budget: u)),
                        ])
                })
        },
        NativeFunction("budget_status", 7) { args in try status(args) },
        NativeFunction("prometheus_rules", 6) { args in
            .string(try rules(args, tiersAt: 5).yaml)
        },
        NativeFunction("sloth_spec", 6) { args in
            let rules = try rules(args, tiersAt: nil)
            guard rules.window == 28 * 86_400 || rules.window == 30 * 86_400 else {
                throw BuiltinError.slothPeriod(Display.duration(rules.window))
            }
            return .string(rules.slothSpec(name: try args.string(5, "name")))
        },
    ]

    /// 1 − SLO of the first argument, which must leave a budget.
    private static func budget(_ args: NativeArguments) throws -> Double {
        let u = try args.unavailability(0, "slo")
        guard u > 0 else { throw BuiltinError.noBudget }
        return u
    }

    /// A share as hadr shows one: small ones exactly as percentages, large ones as availabilities.
    static func share(_ x: Double) -> Value { x < 0.5 || x > 1 ? .percentage(x) : .availability(1 - x) }

    private static let tierFields = ["severity", "long_window", "short_window", "budget_consumed", "burn_rate"]

    /// The alert tiers of argument `i` (a list of records) for an SLO window.
    private static func tiers(_ args: NativeArguments, _ i: Int, window: Double) throws -> [AlertTier] {
        let items = try args.list(i, "tiers")
        guard !items.isEmpty else { throw BuiltinError.tiersEmpty }
        return try items.enumerated().map { n, item in
            let spec = try tierSpec(item, n + 1)
            let tier = spec.tier(window: window)
            guard tier.longWindow < window else {
                throw BuiltinError.tierWindowTooLong(
                    n + 1, long: Display.duration(tier.longWindow), window: Display.duration(window))
            }
            return tier
        }
    }

    private static func tierSpec(_ item: Value, _ n: Int) throws -> AlertTierSpec {
        guard case .record(let r) = item else { throw BuiltinError.tierNotRecord(n, got: Operators.describe(item)) }
        if let unknown = r.names.first(where: { !tierFields.contains($0) }) {
            throw BuiltinError.tierUnknownField(n, unknown)
        }
        func field(_ name: String) -> Value? {
            guard let v = r[name] else { return nil }
            if case .none = v { return nil }
            return v
        }
        func window(_ name: String) throws -> Double? {
            guard let v = field(name) else { return nil }
            guard case .time(let s, 1, _) = v, s.isFinite, s > 0 else {
                throw BuiltinError.tierField(n, name, expected: "a positive duration such as `1h`", got: describe(v))
            }
            return s
        }
        guard case .string(let severity)? = field("severity"), !severity.isEmpty else {
            throw BuiltinError.tierField(
                n, "severity", expected: "a name such as \"page\"", got: field("severity").map(describe) ?? "nothing")
        }
        guard let long = try window("long_window") else {
            throw BuiltinError.tierField(n, "long_window", expected: "a positive duration such as `1h`", got: "nothing")
        }
        let short = try window("short_window")
        if let short, short > long {
            throw BuiltinError.tierShortLonger(n, short: Display.duration(short), long: Display.duration(long))
        }
        let threshold: AlertTierSpec.Threshold
        switch (field("budget_consumed"), field("burn_rate")) {
        case (let consumed?, nil):
            guard let x = Operators.fraction(consumed), !isNumber(consumed), x > 0, x <= 1 else {
                throw BuiltinError.tierField(
                    n, "budget_consumed", expected: "a share of the budget above 0% and at most 100%, such as `2%`",
                    got: describe(consumed))
            }
            threshold = .budgetConsumed(x)
        case (nil, let burn?):
            guard case .number(let x) = burn, x.isFinite, x > 0 else {
                throw BuiltinError.tierField(
                    n, "burn_rate", expected: "a positive number such as `14.4`", got: describe(burn))
            }
            threshold = .burnRate(x)
        default: throw BuiltinError.tierThreshold(n)
        }
        return AlertTierSpec(severity: severity, longWindow: long, shortWindow: short, threshold: threshold)
    }

    private static func describe(_ v: Value) -> String { Operators.describe(v) }
    private static func isNumber(_ v: Value) -> Bool { if case .number = v { true } else { false } }

    /// The rules for `prometheus_rules` (tiers at `tiersAt`) and `sloth_spec` (Sloth's own).
    private static func rules(_ args: NativeArguments, tiersAt: Int?) throws -> PrometheusRules {
        let service = try args.string(0, "service")
        let valid =
            service.utf8.first.map { ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 } == true
            && service.utf8.allSatisfy { b in
                (b >= 48 && b <= 57) || ((b | 0x20) >= 97 && (b | 0x20) <= 122) || b == 95 || b == 45 || b == 46
            }
        guard valid, service.utf8.count <= 100 else { throw BuiltinError.serviceName(service) }
        let u = try args.unavailability(1, "slo")
        guard u > 0 else { throw BuiltinError.noBudget }
        func selector(_ i: Int, _ name: String) throws -> String {
            let text = try args.string(i, name)
            let trimmed = String(text.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
            guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
            else { throw BuiltinError.selector(name, got: Display.plain(.string(text), quoted: true)) }
            return trimmed
        }
        let errors = try selector(2, "errors")
        let total = try selector(3, "total")
        let window = try args.duration(4, "window", positive: true)
        guard PrometheusRules.duration(window) != nil else {
            throw BuiltinError.promDuration("window", Display.duration(window))
        }
        var tiers: [AlertTier]
        if let tiersAt {
            tiers = try self.tiers(args, tiersAt, window: window)
        } else {
            tiers = []
        }
        for tier in tiers {
            for (name, w) in [("long_window", tier.longWindow), ("short_window", tier.shortWindow)]
            where PrometheusRules.duration(w) == nil {
                throw BuiltinError.promDuration(name, Display.duration(w))
            }
        }
        return PrometheusRules(service: service, budget: u, errors: errors, total: total, window: window, tiers: tiers)
    }

    /// `budget_status`: the budget spent and left, from counts of events or from downtime.
    private static func status(_ args: NativeArguments) throws -> Value {
        let u = try budget(args)
        let window = try args.duration(5, "window", positive: true)
        let elapsed = args.isAbsent(4) ? window : try args.duration(4, "elapsed", positive: true)
        guard elapsed <= window else {
            throw BuiltinError.elapsedLongerThanWindow(
                elapsed: Display.duration(elapsed), window: Display.duration(window))
        }
        let byCounts = !args.isAbsent(1) || !args.isAbsent(2)
        let byTime = !args.isAbsent(3)
        let errorRate: Double
        let budgetValue: Value
        let left: Value
        switch (byCounts, byTime) {
        case (true, false):
            guard !args.isAbsent(1), !args.isAbsent(2) else { throw BuiltinError.statusNeedsBoth }
            let bad = try args.number(1, "bad")
            let total = try args.number(2, "total")
            guard bad.isFinite, bad >= 0 else { throw ArgumentError.negative("bad", got: Display.number(bad)) }
            guard total.isFinite, total > 0 else {
                throw ArgumentError.notPositive("total", got: Display.number(total))
            }
            guard bad <= total else {
                throw BuiltinError.badExceedsTotal(bad: Display.number(bad), total: Display.number(total))
            }
            errorRate = bad / total
            let allowed = u * total * window / elapsed
            budgetValue = .number(BurnRateAlerts.tidy(allowed))
            left = .number(BurnRateAlerts.tidy(allowed - bad))
        case (false, true):
            let downtime = try args.duration(3, "downtime")
            guard downtime <= elapsed * (try args.machine.calendarUnits().service) else {
                throw BuiltinError.downtimeLongerThanPeriod(
                    downtime: Display.duration(downtime), period: Display.duration(elapsed))
            }
            // Time-weighted over the service time of the session's calendar (all of it, but for business hours).
            let service = try args.machine.calendarUnits().service
            errorRate = downtime / (elapsed * service)
            budgetValue = .duration(u * window * service)
            left = .duration(u * window * service - downtime)
        case (true, true): throw BuiltinError.statusEither
        case (false, false): throw BuiltinError.statusNeedsBoth
        }
        let burn = errorRate / u
        let spent = burn * elapsed / window
        let remaining = 1 - spent
        // At a steady burn the budget lasts window / burn from the window's start.
        let lasting: Double? = burn > 0 ? window / burn : nil
        let exhaustedIn = lasting.map { max(0, $0 - elapsed) }
        var exhaustedOn: Value = .none
        if !args.isAbsent(6) {
            let text = try args.string(6, "start")
            guard let start = CivilTime.parse(text) else { throw BuiltinError.startDate(text) }
            if let lasting, let shown = CivilTime.format(start + lasting) { exhaustedOn = .string(shown) }
        }
        let lasts = lasting.map { $0 >= window } ?? true
        return .record(
            names: [
                "error_rate", "burn_rate", "budget", "spent", "remaining", "left", "exhausted_in", "exhausted_on",
                "lasts_window",
            ],
            values: [
                share(BurnRateAlerts.tidy(errorRate)), .number(BurnRateAlerts.tidy(burn)), budgetValue,
                share(BurnRateAlerts.tidy(spent)), share(BurnRateAlerts.tidy(remaining)), left,
                exhaustedIn.map(Value.duration) ?? .none, exhaustedOn, .bool(lasts),
            ])
    }
}
