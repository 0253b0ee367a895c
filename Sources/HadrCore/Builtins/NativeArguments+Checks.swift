import Glibc

/// Typed access to a builtin's arguments; each error names the parameter and what it got.
extension NativeArguments {
    func wrong(_ name: String, expected: String, _ value: Value) -> ArgumentError {
        .mustBe(name, expected: expected, got: Operators.describe(value))
    }

    func isAbsent(_ i: Int) -> Bool {
        if case .none = self[i] { return true }
        return false
    }

    func number(_ i: Int, _ name: String) throws -> Double {
        guard case .number(let x) = self[i] else { throw wrong(name, expected: "a number", self[i]) }
        return x
    }

    /// A finite whole number within `range`.
    func integer(_ i: Int, _ name: String, in range: ClosedRange<Int>) throws -> Int {
        let x = try number(i, name)
        guard x.isFinite, x == x.rounded() else {
            throw ArgumentError.notWhole(name, got: Display.number(x))
        }
        guard x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
            throw ArgumentError.outOfRange(
                name, low: String(range.lowerBound), high: String(range.upperBound), got: Display.number(x))
        }
        return Int(x)
    }

    /// A duration in seconds; `positive` refuses zero and negative ones.
    func duration(_ i: Int, _ name: String, positive: Bool = false) throws -> Double {
        guard case .time(let x, 1, _) = self[i] else {
            // `per: "month"`: a unit's name where a duration of it was meant.
            if case .string(let word) = self[i], let unit = TimeUnit.meant(by: word) {
                throw ArgumentError.unitName(name, got: Operators.describe(self[i]), meant: "1" + unit.symbol)
            }
            let isNumber = if case .number = self[i] { true } else { false }
            throw ArgumentError.mustBe(
                name, expected: "a duration such as `30m`", got: Operators.describe(self[i]), unitHint: isNumber)
        }
        guard x.isFinite else { throw ArgumentError.notFinite(name, got: Display.duration(x)) }
        if positive, x <= 0 {
            throw ArgumentError.notPositive(name, got: Display.duration(x))
        }
        if x < 0 { throw ArgumentError.negative(name, got: Display.duration(x)) }
        return x
    }

    /// The unavailability of an availability, or of a number in [0, 1].
    func unavailability(_ i: Int, _ name: String) throws -> Double {
        if let u = Operators.unavailabilityOf(self[i]) { return u }
        switch self[i] {
        case .number(let x):
            throw ArgumentError.notAnAvailability(name, got: Display.number(x))
        default: throw wrong(name, expected: "an availability such as `99.9%`", self[i])
        }
    }

    /// A probability or fraction: a number in [0, 1] or a percentage.
    func fraction(_ i: Int, _ name: String) throws -> Double {
        if case .percentage(let x) = self[i] { return x }
        return 1 - (try unavailability(i, name))
    }

    func string(_ i: Int, _ name: String) throws -> String {
        guard case .string(let s) = self[i] else { throw wrong(name, expected: "a string", self[i]) }
        return s
    }

    func list(_ i: Int, _ name: String) throws -> [Value] {
        guard case .list(let l) = self[i] else { throw wrong(name, expected: "a list", self[i]) }
        return l.items
    }

    func function(_ i: Int, _ name: String) throws -> Function {
        guard case .function(let f) = self[i] else { throw wrong(name, expected: "a function", self[i]) }
        return f
    }

    func bool(_ i: Int, _ name: String) throws -> Bool {
        guard case .bool(let b) = self[i] else { throw wrong(name, expected: "`true` or `false`", self[i]) }
        return b
    }

    /// Counts `work` steps against the limits (a builtin's loop over many items), and
    /// checks Ctrl-C, the step limit and the deadline when the budget runs out.
    func charge(_ work: Int) throws {
        if work > 0 { try machine.tick(work) }
    }

    /// A value as text (as `print` shows it), within the string limit.
    func text(of value: Value) throws -> String {
        let limit = machine.limits.maxStringSize
        guard let text = try machine.text(of: value, limit: limit) else {
            throw RuntimeError.stringTooLong(limit: limit)
        }
        return text
    }

    /// Texts joined by `separator`, refused once they would pass the string limit.
    func joined(_ values: [Value], separator: String, layout: Display.Layout? = nil) throws -> String {
        let limit = machine.limits.maxStringSize
        if layout == nil, let strings = try Self.joinedStrings(values, separator: separator, limit: limit) {
            try tick(values.count >> 10)
            return strings
        }
        var out = ""
        for (i, value) in values.enumerated() {
            let room = limit - out.utf8.count
            guard let piece = try machine.text(of: value, limit: room, layout: layout) else {
                throw RuntimeError.stringTooLong(limit: limit)
            }
            if i > 0 {
                guard out.utf8.count + separator.utf8.count <= limit else {
                    throw RuntimeError.stringTooLong(limit: limit)
                }
                out += separator
            }
            guard out.utf8.count + piece.utf8.count <= limit else { throw RuntimeError.stringTooLong(limit: limit) }
            out += piece
            if i % 1024 == 1023 { try tick(1024) }
        }
        return out
    }

    /// Strings joined by `separator`, their size counted first so that the result is written
    /// once at its size (appending piece by piece cost 60 ns a piece); nil when an item is not
    /// a string.
    private static func joinedStrings(_ values: [Value], separator: String, limit: Int) throws -> String? {
        let (between, overflow) = separator.utf8.count.multipliedReportingOverflow(by: max(0, values.count - 1))
        guard !overflow, between <= limit else { throw RuntimeError.stringTooLong(limit: limit) }
        var size = between
        for value in values {
            guard case .string(let s) = value else { return nil }
            size += s.utf8.count
            // Each addend is at most the limit (1e9), so the sum cannot overflow before this stops it.
            guard size <= limit else { throw RuntimeError.stringTooLong(limit: limit) }
        }
        if size == 0 { return "" }
        var separator = separator
        return separator.withUTF8 { between in
            String(unsafeUninitializedCapacity: size) { out in
                var at = 0
                for (i, value) in values.enumerated() {
                    if i > 0 { at = copy(between, into: out, at: at) }
                    guard case .string(var s) = value else { continue }
                    at = s.withUTF8 { copy($0, into: out, at: at) }
                }
                return at
            }
        }
    }

    /// Copies `bytes` into `out` at `at`; returns where they end.
    private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, at: Int)
        -> Int
    {
        guard let from = bytes.baseAddress, let to = out.baseAddress, !bytes.isEmpty else { return at }
        (to + at).update(from: from, count: bytes.count)
        return at + bytes.count
    }

    /// The items of a rest parameter, or of a single list passed in its place.
    func items(_ i: Int) throws -> [Value] {
        let items = try list(i, "items")
        if items.count == 1, case .list(let inner) = items[0] { return inner.items }
        return items
    }
}
