/// Indexing, field access and ranges.
enum Access {
    /// An integral index within bounds, counting from the end when negative.
    static func position(_ index: Value, count: Int, what: String) throws -> Int {
        guard case .number(let x) = index else {
            throw Diagnostic(.type, "a \(what) index must be a number; got \(Operators.describe(index))")
        }
        guard x == x.rounded(), abs(x) < 1e15 else {
            throw Diagnostic(.type, "a \(what) index must be a whole number; got \(Display.number(x))")
        }
        let i = Int(x)
        let resolved = i < 0 ? count + i : i
        guard resolved >= 0, resolved < count else {
            throw Diagnostic(
                .runtime, "index \(i) is out of range for a \(what) of \(count) item\(count == 1 ? "" : "s")",
                notes: ["note: indexes count from 0; negative ones count from the end"])
        }
        return resolved
    }

    static func index(_ base: Value, _ index: Value) throws -> Value {
        switch base {
        case .list(let list):
            return list.items[try position(index, count: list.items.count, what: list.isTable ? "table" : "list")]
        case .record:
            guard case .string(let name) = index else {
                throw Diagnostic(.type, "a record is indexed by a field name string; got \(Operators.describe(index))")
            }
            return try field(base, name)
        case .string(let s):
            let characters = Array(s)
            return .string(String(characters[try position(index, count: characters.count, what: "string")]))
        default:
            throw Diagnostic(
                .type,
                "cannot index \(Operators.describe(base)); only lists, tables, records and strings can be indexed")
        }
    }

    static func field(_ base: Value, _ name: String) throws -> Value {
        switch base {
        case .record(let record):
            if let value = record[name] { return value }
            throw missing(name, among: record.names, in: "record")
        case .list(let list):
            guard let columns = list.tableColumns else {
                throw Diagnostic(.type, "a list has no field `\(name)`; only records and tables do")
            }
            guard let i = columns.firstIndex(of: name) else { throw missing(name, among: columns, in: "table") }
            return .list(
                list.items.map { item in
                    if case .record(let r) = item { return r.values[i] }
                    return .none
                })
        default:
            throw Diagnostic(
                .type, "cannot read field `\(name)` of \(Operators.describe(base)); only records and tables have fields"
            )
        }
    }

    private static func missing(_ name: String, among names: [String], in what: String) -> Diagnostic {
        var notes = ["note: its fields are " + names.map { "`\($0)`" }.joined(separator: ", ")]
        if names.isEmpty { notes = ["note: it has no fields"] }
        if let guess = Suggestion.closest(to: name, among: names) {
            notes.insert("help: did you mean `\(guess)`?", at: 0)
        }
        return Diagnostic(.runtime, "the \(what) has no field `\(name)`", notes: notes)
    }

    /// The whole-number bounds of `a..b`.
    static func bounds(_ low: Value, _ high: Value) throws -> (Double, Double) {
        guard case .number(let a) = low, case .number(let b) = high else {
            let bad = if case .number = low { high } else { low }
            throw Diagnostic(.type, "a range `a..b` needs whole numbers; got \(Operators.describe(bad))")
        }
        for x in [a, b] where !(x.isFinite && x == x.rounded()) {
            throw Diagnostic(.type, "a range `a..b` needs whole numbers; got \(Display.number(x))")
        }
        return (a, b)
    }

    /// The list `a..b` stands for, refusing one too large to build.
    static func range(_ low: Value, _ high: Value, limit: Int) throws -> Value {
        let (a, b) = try bounds(low, high)
        if b < a { return .list([]) }
        let count = b - a + 1
        guard count <= Double(limit) else {
            throw Diagnostic(
                .limit,
                "range \(Display.number(a))..\(Display.number(b)) would hold \(Display.number(count)) items, more than the limit of \(limit)",
                notes: [
                    "help: loop over it with `for` instead, which builds no list, or raise the limit with --max-list"
                ])
        }
        var items: [Value] = []
        items.reserveCapacity(Int(count))
        var x = a
        while x <= b {
            items.append(.number(x))
            x += 1
        }
        return .list(items)
    }
}
