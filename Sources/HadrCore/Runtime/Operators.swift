import Glibc

/// The meaning of each operator on each kind of value. Errors carry no location:
/// the compiled code that called them adds it.
enum Operators {

    /// Whether one side is a bare number and the other a duration: the number wants a unit.
    static func numberBesideTime(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.time, .number), (.number, .time): true
        default: false
        }
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

    static func add(_ a: Value, _ b: Value, subtract: Bool, _ limits: Limits) throws -> Value {
        switch (a, b) {
        case (.time(let x, let e, _), .time(let y, let f, _)) where e == f:
            return try .time(subtract ? x - y : x + y, exponent: e)
        case (.string(let x), .string(let y)) where !subtract:
            guard x.utf8.count + y.utf8.count <= limits.maxStringSize else {
                throw RuntimeError.stringTooLong(limit: limits.maxStringSize)
            }
            return .string(x + y)
        case (.list(let x), .list(let y)) where !subtract:
            guard x.items.count + y.items.count <= limits.maxListSize else {
                throw RuntimeError.listTooLong(limit: limits.maxListSize)
            }
            return .list(x.items + y.items)
        default:
            if let x = fraction(a), let y = fraction(b) { return .number(subtract ? x - y : x + y) }
            throw RuntimeError.cannotAdd(describe(a), describe(b), subtract: subtract, hint: numberBesideTime(a, b))
        }
    }

    static func multiply(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.availability(let u), .availability(let v)):
            return .availability(series(u, v))
        case (.system, .availability), (.availability, .system), (.system, .system):
            return try compose(a, b, series: true)
        case (.time(let x, let e, _), .time(let y, let f, _)):
            return try .quantity(x * y, exponent: Int(e) + Int(f))
        case (.time(let x, let e, _), _):
            guard let y = fraction(b) else { break }
            return try .time(x * y, exponent: e)
        case (_, .time(let y, let f, _)):
            guard let x = fraction(a) else { break }
            return try .time(x * y, exponent: f)
        default:
            if let x = fraction(a), let y = fraction(b) { return .number(x * y) }
        }
        throw RuntimeError.cannotMultiply(describe(a), describe(b))
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
            if divisorIsZero { throw RuntimeError.divisionByZero }
            return try .quantity(x / y, exponent: Int(e) - Int(f))
        case (.time(let x, let e, _), _):
            guard let y = fraction(b) else { break }
            if divisorIsZero { throw RuntimeError.divisionByZero }
            return try .time(x / y, exponent: e)
        case (_, .time(let y, let f, _)):
            guard let x = fraction(a) else { break }
            if divisorIsZero { throw RuntimeError.divisionByZero }
            return try .quantity(x / y, exponent: -Int(f))
        default:
            if let x = fraction(a), let y = fraction(b) {
                if divisorIsZero { throw RuntimeError.divisionByZero }
                return .number(x / y)
            }
        }
        throw RuntimeError.cannotDivide(describe(a), describe(b))
    }

    static func power(_ a: Value, _ b: Value) throws -> Value {
        guard let y = fraction(b) else {
            throw RuntimeError.exponentNotANumber(describe(b))
        }
        switch a {
        case .time(let x, let e, _):
            guard y == y.rounded(), abs(y) <= 8 else { throw RuntimeError.durationPower(Display.number(y)) }
            return try .quantity(pow(x, y), exponent: Int(e) * Int(y))
        case .availability(let u) where y >= 0 && y.isFinite:
            // A^y, as y components in series: U = 1 − (1 − U)^y without cancellation.
            return .availability(-expm1(y * log1p(-u)))
        case .system:
            throw ModelError.systemPower(Display.number(y))
        default:
            guard let x = fraction(a) else { throw RuntimeError.cannotRaise(describe(a)) }
            let result = pow(x, y)
            if result.isNaN, !x.isNaN, !y.isNaN {
                throw RuntimeError.noRealPower(Display.number(x), Display.number(y))
            }
            return .number(result)
        }
    }

    static func negate(_ a: Value) throws -> Value {
        switch a {
        case .number(let x): return .number(-x)
        case .time(let x, let e, let u): return .time(-x, exponent: e, unit: u)
        case .availability, .percentage, .system: return .number(-(fraction(a) ?? 0))
        default: throw RuntimeError.cannotNegate(describe(a))
        }
    }

    /// The unavailability of a block, from an availability or a number in [0, 1].
    static func unavailability(_ value: Value, operator symbol: String) throws -> Double {
        if let u = unavailabilityOf(value) { return u }
        switch value {
        case .number(let x):
            throw RuntimeError.compositionNumber(symbol: symbol, number: Display.number(x))
        default:
            throw RuntimeError.compositionValue(symbol: symbol, value: describe(value))
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
            return .system(isSeries ? try .series([x, y]) : try .parallel([x, y]))
        }
        if case .system = b, let x = Block.lift(a, label: nil), let y = Block.lift(b, label: nil) {
            return .system(isSeries ? try .series([x, y]) : try .parallel([x, y]))
        }
        let u = try unavailability(a, operator: symbol)
        let v = try unavailability(b, operator: symbol)
        return .availability(isSeries ? series(u, v) : parallel(u, v))
    }

    /// Orders two values, or nil when they cannot be compared. `progress` is told the work
    /// of ordering two long strings as it goes (`orderStrings`).
    static func compare(_ a: Value, _ b: Value, progress: ((Int) throws -> Void)? = nil) throws -> Int {
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
        case (.string(let x), .string(let y)): return try orderStrings(x, y, progress: progress)
        default:
            break
        }
        throw RuntimeError.cannotCompare(describe(a), describe(b), hint: numberBesideTime(a, b))
    }

    /// The order of two strings as Swift's `<` and `==` give it (Unicode canonical order:
    /// `"é"` precomposed equals `"e"` with a combining accent). Two long strings that are
    /// not plain bytes alike are compared a piece of `piece` characters at a time, `progress`
    /// told each piece's bytes in steps (a step a 256 bytes), so that a limit stops two
    /// equal 50 MB strings on the way (one comparison of them took 6 s). A difference is
    /// looked for inside the first piece that differs, from its start: pieces end on
    /// character boundaries, which canonical composition never crosses.
    static func orderStrings(
        _ x: String, _ y: String, progress: ((Int) throws -> Void)?, piece: Int = 16_384, longer: Int = 1 << 16
    ) throws -> Int {
        // Short, or plain ASCII (compared as bytes, fast), or the same bytes: in one go.
        guard let progress, x.utf8.count > longer || y.utf8.count > longer,
            !(TextIndex.isPlainASCII(x) && TextIndex.isPlainASCII(y)), !x.utf8.elementsEqual(y.utf8)
        else {
            return x == y ? 0 : (x < y ? -1 : 1)
        }
        var i = x.startIndex
        var j = y.startIndex
        while i < x.endIndex, j < y.endIndex {
            let nextI = x.index(i, offsetBy: piece, limitedBy: x.endIndex) ?? x.endIndex
            let nextJ = y.index(j, offsetBy: piece, limitedBy: y.endIndex) ?? y.endIndex
            if x[i..<nextI] != y[j..<nextJ] { break }
            try progress(x.utf8.distance(from: i, to: nextI) >> 8)
            i = nextI
            j = nextJ
        }
        let (restX, restY) = (x[i...], y[j...])
        return restX == restY ? 0 : (restX < restY ? -1 : 1)
    }

    /// Whether an order (as `compare` gives it) satisfies a comparison operator.
    static func holds(_ op: BinaryOperator, order: Int) -> Bool {
        switch op {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessEqual: order <= 0
        case .greater: order > 0
        default: order >= 0
        }
    }

    /// `a op b`; `limits` bound what `+` builds.
    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, _ limits: Limits) throws -> Value {
        switch op {
        case .add: return try add(a, b, subtract: false, limits)
        case .subtract: return try add(a, b, subtract: true, limits)
        case .multiply: return try multiply(a, b)
        case .divide: return try divide(a, b)
        case .power: return try power(a, b)
        case .series: return try compose(a, b, series: true)
        case .parallel: return try compose(a, b, series: false)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return .bool(try test(op, a, b))
        }
    }

    /// A comparison: `==` and `!=` on any values, the orderings where values compare.
    static func test(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Bool {
        switch op {
        case .equal: a.equals(b)
        case .notEqual: !a.equals(b)
        case .less: try compare(a, b) < 0
        case .lessEqual: try compare(a, b) <= 0
        case .greater: try compare(a, b) > 0
        default: try compare(a, b) >= 0
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
                throw RuntimeError.notAShare(Display.number(x))
            }
            return x < 0.5 ? .percentage(x) : .availability(1 - x)
        case (.time(let unit), .time(let x, 1, _)):
            return .time(x, exponent: 1, unit: unit.rawValue)
        case (.rate(let unit), .time(let x, -1, _)):
            return .time(x, exponent: -1, unit: unit.rawValue)
        case (.time(let unit), .number):
            throw RuntimeError.numberHasNoUnit(unit: unit.symbol)
        case (.time(let unit), _):
            throw RuntimeError.notADuration(describe(value), unit: unit.symbol)
        case (.rate(let unit), _):
            throw RuntimeError.notARate(describe(value), unit: unit.symbol)
        case (.percent, _):
            throw RuntimeError.notAPercentage(describe(value))
        }
    }
}
