/// What goes wrong while running: values of the wrong kind or unit for an operator,
/// indexes and fields that are not there. Each case carries the descriptions of the
/// values involved ("a duration (5m)"), taken when the error is made.
enum RuntimeError: ErrorMessage {
    /// `+` or `-` on values that do not add; `hint` suggests a unit for a bare number.
    case cannotAdd(String, String, subtract: Bool, hint: Bool)
    case cannotMultiply(String, String)
    case cannotDivide(String, String)
    case divisionByZero
    case exponentNotANumber(String)
    /// A duration raised to a power that is not whole or too large.
    case durationPower(String)
    /// A power of time past what a value holds (seconds^±64).
    case timePowerTooLarge(Int)
    /// A duration or rate that is infinite or not a number.
    case timeNotFinite
    /// A model's availability or share that came out undefined (0/0, ∞ − ∞ inside it).
    case shareNotANumber
    case cannotRaise(String)
    /// `x ^ y` with no real value, as numbers.
    case noRealPower(String, String)
    case cannotNegate(String)
    /// `&` or `|` on a number outside [0, 1].
    case compositionNumber(symbol: String, number: String)
    /// `&` or `|` on something that is not an availability.
    case compositionValue(symbol: String, value: String)
    case cannotCompare(String, String, hint: Bool)
    /// `to %` on a number outside [0, 1].
    case notAShare(String)
    /// `to m` on a plain number.
    case numberHasNoUnit(unit: String)
    case notADuration(String, unit: String)
    case notARate(String, unit: String)
    case notAPercentage(String)
    /// A duration in months, quarters or years while `default_calendar` is not a calendar.
    case notACalendar(String)
    /// A string or list `+` would make longer than the most one may hold.
    case stringTooLong(limit: Int)
    case listTooLong(limit: Int)
    /// An index of the wrong kind (`what` is "list", "table" or "string").
    case indexNotANumber(what: String, got: String)
    case indexNotWhole(what: String, got: String)
    case indexOutOfRange(Int, what: String, count: Int)
    case recordIndexNotAString(String)
    case cannotIndex(String)
    case listHasNoFields(String)
    case noFields(field: String, value: String)
    /// A field a record or table does not have, with the ones it has and the closest.
    case missingField(String, in: String, fields: [String])
    case rangeNotWhole(String)
    /// A range bound past 2^53, where whole numbers are no longer all exact.
    case rangeNotExact(String)
    case rangeTooLarge(low: String, high: String, count: String, limit: Int)
    case notCallable(typeName: String)
    case notACondition(String)
    case notIterable(String)
    /// A global read before any statement gave it a value.
    case usedBeforeAssigned(String)

    static func notCallable(_ value: Value) -> RuntimeError { .notCallable(typeName: value.typeName) }

    var kind: Diagnostic.Kind {
        switch self {
        case .divisionByZero, .noRealPower, .indexOutOfRange, .missingField, .usedBeforeAssigned: .runtime
        case .stringTooLong, .listTooLong, .rangeTooLarge: .limit
        default: .type
        }
    }

    var message: String {
        switch self {
        case .cannotAdd(let a, let b, let subtract, _):
            subtract ? "cannot subtract \(b) from \(a)" : "cannot add \(a) and \(b)"
        case .cannotMultiply(let a, let b): "cannot multiply \(a) by \(b)"
        case .cannotDivide(let a, let b): "cannot divide \(a) by \(b)"
        case .divisionByZero: "division by zero"
        case .exponentNotANumber(let b): "an exponent must be a number; got \(b)"
        case .durationPower(let y): "a duration can only be raised to a whole power between -8 and 8; got \(y)"
        case .timePowerTooLarge(let e): "the result would be time to the power \(e); powers of time go from -64 to 64"
        case .timeNotFinite: "the result is not a finite amount of time (past 1e308 seconds)"
        case .shareNotANumber:
            "the result is not a number: an availability came out undefined (its inputs are too far apart)"
        case .cannotRaise(let a): "cannot raise \(a) to a power"
        case .noRealPower(let x, let y): "\(x) ^ \(y) has no real value"
        case .cannotNegate(let a): "cannot negate \(a)"
        case .compositionNumber(let symbol, let x):
            "`\(symbol)` combines availabilities, or numbers between 0 and 1; got \(x)"
        case .compositionValue(let symbol, let v): "`\(symbol)` combines availabilities; got \(v)"
        case .cannotCompare(let a, let b, _): "cannot compare \(a) with \(b)"
        case .notAShare(let x): "only a number between 0 and 1 can be shown as a percentage; got \(x)"
        case .notACalendar(let got):
            "`default_calendar` must be a calendar such as `sre_calendar` (a record whose `year`, `quarter` and "
                + "`month` are positive durations) to measure months, quarters and years; got \(got)"
        case .numberHasNoUnit(let unit): "cannot convert a number to `\(unit)`; it has no unit"
        case .notADuration(let v, let unit): "cannot convert \(v) to `\(unit)`; only durations can"
        case .notARate(let v, let unit): "cannot convert \(v) to `/\(unit)`; only rates (1 / duration) can"
        case .notAPercentage(let v): "cannot convert \(v) to `%`"
        case .stringTooLong(let limit): "the string would be longer than \(limit) bytes, the most a string may hold"
        case .listTooLong(let limit): "the list would hold more than \(limit) items, the most `+` builds"
        case .indexNotANumber(let what, let got): "a \(what) index must be a number; got \(got)"
        case .indexNotWhole(let what, let got): "a \(what) index must be a whole number; got \(got)"
        case .indexOutOfRange(let i, let what, let count):
            "index \(i) is out of range for a \(what) of \(counted(count, "item"))"
        case .recordIndexNotAString(let got): "a record is indexed by a field name string; got \(got)"
        case .cannotIndex(let v): "cannot index \(v); only lists, tables, records and strings can be indexed"
        case .listHasNoFields(let name): "a list has no field `\(name)`; only records and tables do"
        case .noFields(let name, let v): "cannot read field `\(name)` of \(v); only records and tables have fields"
        case .missingField(let name, let what, _): "the \(what) has no field `\(name)`"
        case .rangeNotWhole(let got): "a range `a..b` needs whole numbers; got \(got)"
        case .rangeNotExact(let got):
            "a range `a..b` needs bounds of at most 2^53 − 1 (9007199254740991) in size, where counting stays exact; got \(got)"
        case .rangeTooLarge(let low, let high, let count, let limit):
            "range \(low)..\(high) would hold \(count) items, more than the limit of \(limit)"
        case .notCallable(let typeName): "cannot call a \(typeName); only functions can be called"
        case .notACondition(let v): "a condition must be `true` or `false`; got \(v)"
        case .notIterable(let v): "`for` loops over a list, a table or a range `a..b`; got \(v)"
        case .usedBeforeAssigned(let name): "`\(name)` is used before it is given a value"
        }
    }

    var notes: [String] {
        switch self {
        case .cannotAdd(_, _, _, true), .cannotCompare(_, _, true): ["help: give the number a unit, as in `5m`"]
        case .compositionNumber: ["help: write a percentage such as `99.9%`"]
        case .numberHasNoUnit(let unit): ["help: multiply by a unit instead, as in `x * 1\(unit)`"]
        case .indexOutOfRange: ["note: indexes count from 0; negative ones count from the end"]
        case .missingField(let name, _, let fields):
            if fields.isEmpty {
                ["note: it has no fields"]
            } else {
                (Suggestion.closest(to: name, among: fields).map { ["help: did you mean `\($0)`?"] } ?? [])
                    + ["note: its fields are " + fields.map { "`\($0)`" }.joined(separator: ", ")]
            }
        case .rangeTooLarge:
            ["help: loop over it with `for` instead, which builds no list, or raise the limit with --max-list"]
        case .usedBeforeAssigned: ["note: it is defined further down; move the definition above this line"]
        default: []
        }
    }
}
