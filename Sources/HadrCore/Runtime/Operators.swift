import Glibc

/// The meaning of each operator on each kind of value. Errors carry no location:
/// the compiled code that called them adds it.
enum Operators {
    /// The longest string `+` builds.
    static let maxStringBytes = 100_000_000
    /// The longest list `+` builds.
    static let maxListItems = 10_000_000

    static func typeError(_ message: String, notes: [String] = []) -> Diagnostic {
        Diagnostic(.type, message, notes: notes)
    }

    /// "a duration (5m)": a value's kind and its display, for error messages.
    static func describe(_ value: Value) -> String {
        let shown = Display.plain(value, quoted: true)
        let short = shown.count > 40 ? String(shown.prefix(37)) + "..." : shown
        let article = ["availability", "undefined", "none"].contains(value.typeName) ? "an" : "a"
        if case .none = value { return "`none`" }
        return "\(article) \(value.typeName) (\(short))"
    }

    /// A number, or an availability used as the fraction it stands for.
    static func fraction(_ value: Value) -> Double? {
        switch value {
        case .number(let x): x
        case .availability(let u): 1 - u
        case .percentage(let x): x
        case .system(let b): 1 - b.u
        default: nil
        }
    }

    /// The unavailability a value stands for: an availability, a percentage, a system, or
    /// a number in [0, 1]; nil for anything else. Callers word their own errors.
    static func unavailabilityOf(_ value: Value) -> Double? {
        switch value {
        case .availability(let u): u
        case .percentage(let x): 1 - x
        case .system(let b): b.u
        case .number(let x) where x >= 0 && x <= 1: 1 - x
        default: nil
        }
    }

    /// The unavailability of a value held that way (availabilities and systems), kept exact.
    static func exactUnavailability(_ value: Value) -> Double? {
        switch value {
        case .availability(let u): u
        case .system(let b): b.u
        default: nil
        }
    }

    static func add(_ a: Value, _ b: Value, subtract: Bool) throws -> Value {
        switch (a, b) {
        case (.time(let x, let e, _), .time(let y, let f, _)) where e == f:
            return .time(subtract ? x - y : x + y, exponent: e, unit: 0)
        case (.string(let x), .string(let y)) where !subtract:
            guard x.utf8.count + y.utf8.count <= maxStringBytes else {
                throw Diagnostic(
                    .limit, "the string would be longer than \(maxStringBytes) bytes, the most a string may hold")
            }
            return .string(x + y)
        case (.list(let x), .list(let y)) where !subtract:
            guard x.items.count + y.items.count <= maxListItems else {
                throw Diagnostic(.limit, "the list would hold more than \(maxListItems) items, the most `+` builds")
            }
            return .list(x.items + y.items)
        default:
            if let x = fraction(a), let y = fraction(b) { return .number(subtract ? x - y : x + y) }
            var notes: [String] = []
            if case .time = a, case .number = b { notes.append("help: give the number a unit, as in `5m`") }
            if case .number = a, case .time = b { notes.append("help: give the number a unit, as in `5m`") }
            let message =
                subtract
                ? "cannot subtract \(describe(b)) from \(describe(a))" : "cannot add \(describe(a)) and \(describe(b))"
            throw typeError(message, notes: notes)
        }
    }

    static func multiply(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.availability(let u), .availability(let v)):
            return .availability(series(u, v))
        case (.system, .availability), (.availability, .system), (.system, .system):
            return try compose(a, b, series: true)
        case (.time(let x, let e, _), .time(let y, let f, _)):
            return .quantity(x * y, exponent: Int(e) + Int(f))
        case (.time(let x, let e, _), _):
            guard let y = fraction(b) else { break }
            return .time(x * y, exponent: e, unit: 0)
        case (_, .time(let y, let f, _)):
            guard let x = fraction(a) else { break }
            return .time(x * y, exponent: f, unit: 0)
        default:
            if let x = fraction(a), let y = fraction(b) { return .number(x * y) }
        }
        throw typeError("cannot multiply \(describe(a)) by \(describe(b))")
    }

    static func divide(_ a: Value, _ b: Value) throws -> Value {
        let divisorIsZero: Bool
        switch b {
        case .number(let y): divisorIsZero = y == 0
        case .time(let y, _, _): divisorIsZero = y == 0
        case .availability(let u): divisorIsZero = u == 1
        case .percentage(let x): divisorIsZero = x == 0
        default: divisorIsZero = false
        }
        switch (a, b) {
        case (.time(let x, let e, _), .time(let y, let f, _)):
            if divisorIsZero { throw Diagnostic(.runtime, "division by zero") }
            return .quantity(x / y, exponent: Int(e) - Int(f))
        case (.time(let x, let e, _), _):
            guard let y = fraction(b) else { break }
            if divisorIsZero { throw Diagnostic(.runtime, "division by zero") }
            return .time(x / y, exponent: e, unit: 0)
        case (_, .time(let y, let f, _)):
            guard let x = fraction(a) else { break }
            if divisorIsZero { throw Diagnostic(.runtime, "division by zero") }
            return .quantity(x / y, exponent: -Int(f))
        default:
            if let x = fraction(a), let y = fraction(b) {
                if divisorIsZero { throw Diagnostic(.runtime, "division by zero") }
                return .number(x / y)
            }
        }
        throw typeError("cannot divide \(describe(a)) by \(describe(b))")
    }

    static func power(_ a: Value, _ b: Value) throws -> Value {
        guard let y = fraction(b) else {
            throw typeError("an exponent must be a number; got \(describe(b))")
        }
        switch a {
        case .time(let x, let e, _):
            guard y == y.rounded(), abs(y) <= 8 else {
                throw typeError(
                    "a duration can only be raised to a whole power between -8 and 8; got \(Display.number(y))")
            }
            return .quantity(pow(x, y), exponent: Int(e) * Int(y))
        default:
            guard let x = fraction(a) else { throw typeError("cannot raise \(describe(a)) to a power") }
            let result = pow(x, y)
            if result.isNaN, !x.isNaN, !y.isNaN {
                throw Diagnostic(.runtime, "\(Display.number(x)) ^ \(Display.number(y)) has no real value")
            }
            return .number(result)
        }
    }

    static func negate(_ a: Value) throws -> Value {
        switch a {
        case .number(let x): return .number(-x)
        case .time(let x, let e, let u): return .time(-x, exponent: e, unit: u)
        case .availability, .percentage, .system: return .number(-(fraction(a) ?? 0))
        default: throw typeError("cannot negate \(describe(a))")
        }
    }

    /// The unavailability of a block, from an availability or a number in [0, 1].
    static func unavailability(_ value: Value, operator symbol: String) throws -> Double {
        if let u = unavailabilityOf(value) { return u }
        switch value {
        case .number(let x):
            throw typeError(
                "`\(symbol)` combines availabilities, or numbers between 0 and 1; got \(Display.number(x))",
                notes: ["help: write a percentage such as `99.9%`"])
        default:
            throw typeError("`\(symbol)` combines availabilities; got \(describe(value))")
        }
    }

    /// Series: the unavailability of two blocks that must both work, without cancellation.
    static func series(_ u: Double, _ v: Double) -> Double {
        -expm1(log1p(-u) + log1p(-v))
    }

    /// Parallel: the unavailability of two blocks of which either may serve.
    static func parallel(_ u: Double, _ v: Double) -> Double { u * v }

    static func compose(_ a: Value, _ b: Value, series isSeries: Bool) throws -> Value {
        let symbol = isSeries ? "&" : "|"
        if case .system = a, let x = Block.lift(a, label: nil), let y = Block.lift(b, label: nil) {
            return .system(isSeries ? .series([x, y]) : .parallel([x, y]))
        }
        if case .system = b, let x = Block.lift(a, label: nil), let y = Block.lift(b, label: nil) {
            return .system(isSeries ? .series([x, y]) : .parallel([x, y]))
        }
        let u = try unavailability(a, operator: symbol)
        let v = try unavailability(b, operator: symbol)
        return .availability(isSeries ? series(u, v) : parallel(u, v))
    }

    /// Orders two values, or nil when they cannot be compared.
    static func compare(_ a: Value, _ b: Value) throws -> Int {
        func sign(_ x: Double, _ y: Double) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch (a, b) {
        case (.number(let x), .number(let y)): return sign(x, y)
        case (.availability, .availability), (.system, .availability), (.availability, .system), (.system, .system):
            guard let u = exactUnavailability(a), let v = exactUnavailability(b) else { break }
            return sign(v, u)
        case (.availability, .number), (.number, .availability), (.percentage, _), (_, .percentage), (.system, .number),
            (.number, .system):
            guard let x = fraction(a), let y = fraction(b) else { break }
            return sign(x, y)
        case (.time(let x, let e, _), .time(let y, let f, _)) where e == f: return sign(x, y)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        default:
            break
        }
        do {
            var notes: [String] = []
            if case .time = a, case .number = b { notes.append("help: give the number a unit, as in `5m`") }
            if case .number = a, case .time = b { notes.append("help: give the number a unit, as in `5m`") }
            throw typeError("cannot compare \(describe(a)) with \(describe(b))", notes: notes)
        }
    }

    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .add: return try add(a, b, subtract: false)
        case .subtract: return try add(a, b, subtract: true)
        case .multiply: return try multiply(a, b)
        case .divide: return try divide(a, b)
        case .power: return try power(a, b)
        case .series: return try compose(a, b, series: true)
        case .parallel: return try compose(a, b, series: false)
        case .equal: return .bool(a.equals(b))
        case .notEqual: return .bool(!a.equals(b))
        case .less: return .bool(try compare(a, b) < 0)
        case .lessEqual: return .bool(try compare(a, b) <= 0)
        case .greater: return .bool(try compare(a, b) > 0)
        case .greaterEqual: return .bool(try compare(a, b) >= 0)
        }
    }

    static func convert(_ value: Value, _ target: ConversionTarget) throws -> Value {
        switch (target, value) {
        case (.percent, .availability), (.percent, .percentage):
            return value
        case (.percent, .system(let b)):
            return .availability(b.u)
        case (.percent, .number(let x)):
            guard x >= 0, x <= 1 else {
                throw typeError("only a number between 0 and 1 can be shown as a percentage; got \(Display.number(x))")
            }
            return x < 0.5 ? .percentage(x) : .availability(1 - x)
        case (.time(let unit), .time(let x, 1, _)):
            return .time(x, exponent: 1, unit: unit.rawValue)
        case (.rate(let unit), .time(let x, -1, _)):
            return .time(x, exponent: -1, unit: unit.rawValue)
        case (.time(let unit), .number):
            throw typeError(
                "cannot convert a number to `\(unit.symbol)`; it has no unit",
                notes: ["help: multiply by a unit instead, as in `x * 1\(unit.symbol)`"])
        case (.time(let unit), _):
            throw typeError("cannot convert \(describe(value)) to `\(unit.symbol)`; only durations can")
        case (.rate(let unit), _):
            throw typeError("cannot convert \(describe(value)) to `/\(unit.symbol)`; only rates (1 / duration) can")
        case (.percent, _):
            throw typeError("cannot convert \(describe(value)) to `%`")
        }
    }
}
