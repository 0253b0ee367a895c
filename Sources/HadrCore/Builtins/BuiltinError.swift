/// What a builtin finds wrong beyond one argument's kind: arguments that do not go
/// together, values a model cannot take. Grouped by the domain whose builtins raise them.
enum BuiltinError: ErrorMessage {
    // MARK: Core

    /// `fail(message)`.
    case failed(String)
    /// `assert(false, message)`.
    case assertion(String)

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
    case noBudget

    // MARK: Systems

    case componentBoth
    case componentNeither
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

    var kind: Diagnostic.Kind {
        switch self {
        case .assertion: .assertion
        case .listTooLong: .limit
        case .filterNotBool, .kOfNListWithThird, .kOfNNeedsAvailability, .availabilityNeedsBoth, .availabilityEither,
            .calendarField, .componentBoth, .componentNeither, .standbyNeedsFailures:
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
        case .calendarField(let name, let got): "calendar field `\(name)` must be a positive duration; got \(got)"
        case .noBudget: "a 100% SLO has no error budget to burn"
        case .componentBoth: "give `component` either an availability or `mtbf:` and `mttr:`, not both"
        case .componentNeither: "`component` needs an availability or `mtbf:` and `mttr:`"
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
        }
    }

    var notes: [String] {
        switch self {
        case .availabilityNeedsBoth(_, _, let example): ["help: \(example)"]
        case .availabilityEither: ["help: availability(mtbf: 1000h, mttr: 10h) or availability(downtime: 1h, per: 1y)"]
        case .componentNeither: ["help: component(\"db\", 99.95%) or component(\"db\", mtbf: 2000h, mttr: 4h)"]
        case .noSuchColumn(_, _, let columns), .nothingToChart(_, let columns):
            ["note: the columns are " + columns.map { "`\($0)`" }.joined(separator: ", ")]
        default: []
        }
    }
}
