/// Indexing, field access and ranges.
enum Access {
    /// An integral index within bounds, counting from the end when negative. `what`
    /// names the indexed kind in an error and is only worked out then.
    static func position(_ index: Value, count: Int, what: @autoclosure () -> String) throws(RuntimeError) -> Int {
        guard case .number(let x) = index else {
            throw .indexNotANumber(what: what(), got: Operators.describe(index))
        }
        guard x == x.rounded(), abs(x) < 1e15 else {
            throw .indexNotWhole(what: what(), got: Display.number(x))
        }
        let i = Int(x)
        let resolved = i < 0 ? count + i : i
        guard resolved >= 0, resolved < count else {
            throw .indexOutOfRange(i, what: what(), count: count)
        }
        return resolved
    }

    /// `base[index]`; a string's characters are found through `text`, which gives the work
    /// of reading it to `charge`.
    static func index(_ base: Value, _ index: Value, text: TextIndex, charge: (Int) throws -> Void) throws -> Value {
        switch base {
        case .list(let list):
            return list.items[try position(index, count: list.items.count, what: list.isTable ? "table" : "list")]
        case .record:
            guard case .string(let name) = index else {
                throw RuntimeError.recordIndexNotAString(Operators.describe(index))
            }
            return try field(base, name)
        case .string(let s):
            return .string(try text.character(s, charge: charge) { try position(index, count: $0, what: "string") })
        default:
            throw RuntimeError.cannotIndex(Operators.describe(base))
        }
    }

    static func field(_ base: Value, _ name: String) throws(RuntimeError) -> Value {
        switch base {
        case .record(let record):
            if let value = record[name] { return value }
            throw .missingField(name, in: "record", fields: record.names)
        case .list(let list):
            guard let columns = list.tableColumns else { throw .listHasNoFields(name) }
            guard let i = columns.firstIndex(of: name) else { throw .missingField(name, in: "table", fields: columns) }
            return .list(
                list.items.map { item in
                    if case .record(let r) = item { return r.values[i] }
                    return .none
                })
        default:
            throw .noFields(field: name, value: Operators.describe(base))
        }
    }

    /// The largest bound a range may have: 2^53 − 1, so that counting past it by one is
    /// still exact (2^53 + 1 is not a 64-bit float, and a count at 2^53 would never end).
    static let largestBound = 9_007_199_254_740_991.0

    /// The whole-number bounds of `a..b`, each at most 2^53 − 1 in size.
    static func bounds(_ low: Value, _ high: Value) throws(RuntimeError) -> (Double, Double) {
        guard case .number(let a) = low, case .number(let b) = high else {
            let bad = if case .number = low { high } else { low }
            throw .rangeNotWhole(Operators.describe(bad))
        }
        for x in [a, b] where !(x.isFinite && x == x.rounded()) {
            throw .rangeNotWhole(Display.number(x))
        }
        for x in [a, b] where abs(x) > largestBound {
            // Whole, so up to 1e18 it is shown with every digit (9007199254740992, not 9.00719925474e15).
            throw .rangeNotExact(abs(x) < 1e18 ? String(Int64(x)) : Display.number(x))
        }
        return (a, b)
    }

    /// The list `a..b` stands for, refusing one too large to build.
    static func range(_ low: Value, _ high: Value, limit: Int) throws(RuntimeError) -> Value {
        let (a, b) = try bounds(low, high)
        if b < a { return .list([]) }
        let count = b - a + 1
        guard count <= Double(limit) else {
            throw .rangeTooLarge(
                low: Display.number(a), high: Display.number(b), count: Display.number(count), limit: limit)
        }
        let n = Int(count)
        var items: [Value] = []
        items.reserveCapacity(n)
        for i in 0..<n { items.append(.number(a + Double(i))) }
        return .list(items)
    }
}
