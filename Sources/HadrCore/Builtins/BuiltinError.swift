/// What a builtin finds wrong beyond one argument's kind: arguments that do not go
/// together, values a model cannot take. Grouped by the domain whose builtins raise them.
enum BuiltinError: ErrorMessage {
    // MARK: Core

    /// `fail(message)`.
    case failed(String)
    /// `assert(false, message)`.
    case assertion(String)

    // MARK: Text

    /// `parse(text)` of a text that spells no value; `reason` is the syntax error, if any.
    case notAValue(String, reason: String?)
    /// `options(args, defaults)` met `--name` for a field the defaults do not have.
    case unknownOption(String, suggestion: String?, options: [String])
    /// An option (not a flag) was the last word.
    case optionNeedsValue(String, like: String)
    /// An option's value that does not read as a value of its default's kind.
    case optionValue(String, String, like: String, reason: String?)

    // MARK: Lists

    case filterNotBool(String)
    case listTooLong(limit: Int)

    // MARK: Availability

    case kOfNListWithThird
    case kExceedsComponents(k: Int, count: Int)
    case kExceedsN(k: Int, n: Int)
    case kOfNNeedsAvailability
    case availabilityNeedsBoth(String, String, example: String)
    case availabilityEither
    case downtimeLongerThanPeriod(downtime: String, period: String)
    case calendarField(String, got: String)
    case calendarNeeds
    /// `per:` with a calendar whose months, quarters or years are not the session's.
    case perWithOtherCalendar(String)
    case serviceHours(String)
    case serviceDays(String)
    case serviceTwice(String)
    case noBudget

    // MARK: Systems

    case componentBoth
    case componentNeither
    case componentName
    case componentTwoLives
    case componentTwoRepairs
    /// An availability of 0% or 100% with a repair (or life) time: the other time is not fixed.
    case componentCannotImplyLife
    case warmNeedsStandbyMTBF
    case standbyMTBFOnlyWarm(String)
    case standbyNeedsFailures
    case yearsOutOfRange(String)

    // MARK: Resilience

    case factorBelowOne(String)
    case notFiniteSeed

    // MARK: Pictures

    /// A column named by `label:`, `value:`, `x:` or `y:` that the table does not have.
    case noSuchColumn(parameter: String, given: String, columns: [String])
    /// A chart given a table with nothing to measure.
    case nothingToChart(function: String, columns: [String])
    /// A column (or list) whose values are not all one kind of quantity.
    case mixedQuantities(what: String, kinds: String)
    /// A threshold of a different kind than the values it is drawn against.
    case thresholdKind(String, expected: String)

    // MARK: SLOs

    case budgetWindowOrRequests
    /// A burn rate above 1 / (1 − SLO): more errors than requests.
    case burnAboveAll(String, most: Double)
    case timingEither
    case tiersEmpty
    /// Item `n` (from 1) of `tiers` is not a record.
    case tierNotRecord(Int, got: String)
    case tierUnknownField(Int, String)
    /// A field of tier `n` with the wrong kind of value (`got` is "nothing" when it is missing).
    case tierField(Int, String, expected: String, got: String)
    case tierThreshold(Int)
    case tierShortLonger(Int, short: String, long: String)
    case tierWindowTooLong(Int, long: String, window: String)
    case serviceName(String)
    /// An `errors:` or `total:` selector that is empty or holds a control character.
    case selector(String, got: String)
    /// A window Prometheus cannot write: not a whole number of milliseconds.
    case promDuration(String, String)
    case slothPeriod(String)
    case statusEither
    case statusNeedsBoth
    case badExceedsTotal(bad: String, total: String)
    case elapsedLongerThanWindow(elapsed: String, window: String)
    case startDate(String)

    var kind: Diagnostic.Kind {
        switch self {
        case .assertion: .assertion
        case .listTooLong: .limit
        case .filterNotBool, .kOfNListWithThird, .kOfNNeedsAvailability, .availabilityNeedsBoth, .availabilityEither,
            .calendarField, .componentBoth, .componentNeither, .standbyNeedsFailures, .componentName,
            .componentTwoLives, .componentTwoRepairs, .warmNeedsStandbyMTBF, .standbyMTBFOnlyWarm:
            .type
        default: .runtime
        }
    }

    var message: String {
        switch self {
        case .failed(let message), .assertion(let message): message
        case .filterNotBool(let got): "`filter`'s function must return `true` or `false`; got \(got)"
        case .listTooLong(let limit): "a list may hold at most \(limit) items"
        case .kOfNListWithThird: "`k_of_n(k, [a, b, ...])` takes no third argument when the components are listed"
        case .kExceedsComponents(let k, let count): "`k` (\(k)) cannot exceed the number of components (\(count))"
        case .kExceedsN(let k, let n): "`k` (\(k)) cannot exceed `n` (\(n))"
        case .kOfNNeedsAvailability: "`k_of_n(k, n, a)` needs the availability `a` of each component"
        case .availabilityNeedsBoth(let a, let b, _): "`availability` needs both `\(a):` and `\(b):`"
        case .availabilityEither: "`availability` takes either `mtbf:` and `mttr:`, or `downtime:` and `per:`"
        case .downtimeLongerThanPeriod(let downtime, let period):
            "downtime \(downtime) is longer than the period \(period)"
        case .calendarField(let name, let got):
            name == "service"
                ? "calendar field `service` must be the share of time in service, above 0 and at most 1; got \(got)"
                : "calendar field `\(name)` must be a positive duration; got \(got)"
        case .calendarNeeds: "a calendar needs `year`, `quarter` and `month`, each a positive duration"
        case .perWithOtherCalendar(let name):
            "`per:` is measured on the session's calendar, whose months, quarters or years differ from "
                + "\"\(name)\"'s"
        case .serviceHours(let got): "`hours` is the service time of one day, at most 24h; got \(got)"
        case .serviceDays(let got): "`days` is the working days of a week, above 0 and at most 7; got \(got)"
        case .serviceTwice(let name): "\"\(name)\" already has service hours; give `business_hours` a 24-hour calendar"
        case .noBudget: "a 100% SLO has no error budget to burn"
        case .notAValue(let text, _): "`parse` found no value in \(Self.quoted(text))"
        case .unknownOption(let option, _, _): "unknown option `\(option)`"
        case .optionNeedsValue(let option, let like): "`\(option)` needs a value, such as `\(option) \(like)`"
        case .optionValue(let option, let text, "none", _):
            "`\(option)` needs a value that `parse` reads; got \(Self.quoted(text))"
        case .optionValue(let option, let text, let like, _):
            "`\(option)` must be a value like its default (\(like)); got \(Self.quoted(text))"
        case .componentBoth:
            "give `component` an availability and at most one of its times (life or repair), or both times without it"
        case .componentNeither: "`component` needs an availability or `mtbf:` and `mttr:`"
        case .componentName: "a component's name must not be empty"
        case .componentTwoLives: "give `component` either `mtbf:` or `life:`, not both"
        case .componentTwoRepairs: "give `component` either `mttr:` or `repair:`, not both"
        case .componentCannotImplyLife:
            "an availability of 0% or 100% does not fix the other time: give both `mtbf:` and `mttr:`"
        case .warmNeedsStandbyMTBF: "a warm standby needs `standby_mtbf:`, how long a unit lasts while waiting"
        case .standbyMTBFOnlyWarm(let kind):
            "`standby_mtbf:` is for a warm standby; a \(kind) one fails \(kind == "cold" ? "never" : "as fast as the serving unit") while waiting"
        case .standbyNeedsFailures:
            "`standby` needs `failures_per_year:` unless the primary is a component with an MTBF"
        case .yearsOutOfRange(let got): "`years` must be above 0 and at most 10000000; got \(got)"
        case .factorBelowOne(let got): "`factor` must be at least 1; got \(got)"
        case .notFiniteSeed: "`seed` must be a finite number"
        case .noSuchColumn(let parameter, let given, _): "`\(parameter):` names no column of the table: \"\(given)\""
        case .nothingToChart(let function, _):
            "`\(function)` found no column of numbers, durations or availabilities to draw"
        case .mixedQuantities(let what, let kinds): "\(what) mixes kinds of value (\(kinds)); a chart draws one kind"
        case .thresholdKind(let label, let expected): "threshold \(label) must be \(expected), like the values"
        case .budgetWindowOrRequests:
            "`error_budget` takes `window:` (a budget of time) or `requests:` (a budget of events), not both"
        case .burnAboveAll(let burn, let most):
            "a burn rate of \(burn) means more errors than requests; at this SLO it is at most \(Display.number(most))"
        case .timingEither: "`alert_timing` needs `error_rate:` or `burn_rate:`, one of them"
        case .tiersEmpty: "`tiers` must list at least one alert"
        case .tierNotRecord(let n, let got):
            "`tiers` item \(n) must be a record such as `{severity: \"page\", long_window: 1h, budget_consumed: 2%}`; "
                + "got \(got)"
        case .tierUnknownField(let n, let name):
            "`tiers` item \(n) has a field `\(name)`; an alert has `severity`, `long_window`, `short_window`, "
                + "and `budget_consumed` or `burn_rate`"
        case .tierField(let n, let name, let expected, let got):
            "`tiers` item \(n): `\(name)` must be \(expected); got \(got)"
        case .tierThreshold(let n): "`tiers` item \(n) needs one of `budget_consumed:` and `burn_rate:`, not both"
        case .tierShortLonger(let n, let short, let long):
            "`tiers` item \(n): the short window \(short) is longer than the long window \(long)"
        case .tierWindowTooLong(let n, let long, let window):
            "`tiers` item \(n): its long window \(long) is not shorter than the SLO window \(window)"
        case .serviceName(let got):
            "`service` must start with a letter and hold only letters, digits, `_`, `-` and `.` "
                + "(at most 100); got \"\(got)\""
        case .selector(let name, let got): "`\(name)` must be a PromQL selector on one line; got \(got)"
        case .promDuration(let name, let got):
            "`\(name)` must be a whole number of milliseconds for Prometheus; got \(got)"
        case .slothPeriod(let got): "Sloth brings alert windows for 28d and 30d SLO periods only; got \(got)"
        case .statusEither:
            "`budget_status` takes `bad:` and `total:` (counts of events) or `downtime:` (time), not both"
        case .statusNeedsBoth: "`budget_status` needs `bad:` and `total:` (counts of events), or `downtime:`"
        case .badExceedsTotal(let bad, let total): "`bad` (\(bad)) cannot exceed `total` (\(total))"
        case .elapsedLongerThanWindow(let elapsed, let window):
            "`elapsed` (\(elapsed)) is longer than the SLO window (\(window))"
        case .startDate(let got):
            "`start` must be a date such as \"2025-03-01\" or \"2025-03-01 14:30\" (UTC); got \"\(got)\""
        }
    }

    var notes: [String] {
        switch self {
        case .notAValue(let text, let reason):
            (reason.map { ["note: \($0)"] } ?? [])
                + [
                    "help: `parse` reads a number (`12`), a percentage (`99.9%`), a duration (`30d`, `43m 48s`), "
                        + "`true`, `false` or a quoted string"
                ]
                + (Self.isWord(text) ? ["help: a word needs no `parse`: the argument itself is the string"] : [])
        case .unknownOption(_, let suggestion, let options):
            (suggestion.map { ["help: did you mean `\($0)`?"] } ?? [])
                + ["note: the options are " + options.map { "`\($0)`" }.joined(separator: ", ")]
        case .optionValue(_, _, _, let reason?): ["note: \(reason)"]
        case .availabilityNeedsBoth(_, _, let example): ["help: \(example)"]
        case .availabilityEither: ["help: availability(mtbf: 1000h, mttr: 10h) or availability(downtime: 1h, per: 1y)"]
        case .componentNeither, .componentBoth:
            [
                "help: component(\"db\", 99.95%), component(\"db\", mtbf: 2000h, mttr: 4h) or component(\"db\", 99.95%, mttr: 4h)"
            ]
        case .noSuchColumn(_, _, let columns), .nothingToChart(_, let columns):
            ["note: the columns are " + columns.map { "`\($0)`" }.joined(separator: ", ")]
        case .slothPeriod: ["help: prometheus_rules(...) writes the rules for any window itself"]
        case .perWithOtherCalendar:
            [
                "help: for that calendar's month write `per: sre_calendar.month` without `calendar:`; leave out `per:` for its table"
            ]
        case .statusNeedsBoth:
            [
                "help: budget_status(slo: 99.9%, bad: 120, total: 200000, elapsed: 10d) or budget_status(slo: 99.9%, downtime: 20m, elapsed: 10d)"
            ]
        case .tierThreshold, .tierUnknownField:
            ["help: {severity: \"page\", long_window: 1h, short_window: 5m, budget_consumed: 2%}"]
        default: []
        }
    }

    /// Whether a text is one word of letters, digits and `_` (`web`, `eu_west`), as a name is.
    private static func isWord(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// A text as a string literal, cut to its first 60 characters.
    private static func quoted(_ text: String) -> String {
        let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
        return Display.quote(shown)
    }
}
