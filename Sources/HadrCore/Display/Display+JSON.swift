/// The `--json` form of values.
extension Display {
    /// The `--json` form fixed by LANGUAGE.md: a number as a number, an availability as
    /// `{"availability": A, "unavailability": U}` (U is the exact unavailability hadr
    /// keeps, so it stays exact where A rounds to 1), a share (an error rate,
    /// `unavailability(a)`) as `{"fraction": F}`, a duration as `{"seconds": S}`, a record
    /// as an object, a list or table as an array, `none` as `null`. A number JSON cannot
    /// hold (infinity, NaN) is `null`. A value nested deeper than `maxDepth` has no JSON
    /// form (nil): jq reads 256 levels at most, so hadr writes no deeper, and cuts nothing.
    static func json(_ value: Value) -> String? {
        try? json(value, depth: 0)
    }

    /// A value nested past `maxDepth`.
    struct TooDeep: Error {}

    private static func json(_ value: Value, depth: Int) throws(TooDeep) -> String {
        if depth >= maxDepth { throw TooDeep() }
        let num = jsonNumber
        switch value {
        case .none, .undefined: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return num(x)
        case .availability(let u): return "{\"availability\": \(num(1 - u)), \"unavailability\": \(num(u))}"
        case .percentage(let x): return "{\"fraction\": \(num(x))}"
        case .system(let b):
            return
                "{\"availability\": \(num(1 - b.u)), \"unavailability\": \(num(b.u)), \"structure\": \(jsonString(b.structure))}"
        case .time(let x, let e, _):
            if e == 1 { return "{\"seconds\": \(num(x))}" }
            if e == -1 { return "{\"per_second\": \(num(x))}" }
            return "{\"value\": \(num(x)), \"seconds_exponent\": \(e)}"
        case .string(let s): return jsonString(s)
        case .list(let l):
            var items: [String] = []
            var last = 0
            for (n, item) in l.items.enumerated() {
                if Pace.stops(at: n, after: last) { break }
                let shown = try json(item, depth: depth + 1)
                last = shown.utf8.count
                items.append(shown)
            }
            return "[" + items.joined(separator: ", ") + "]"
        case .record(let r):
            var fields: [String] = []
            for (name, field) in zip(r.names, r.values) {
                fields.append("\(jsonString(name)): \(try json(field, depth: depth + 1))")
            }
            return "{" + fields.joined(separator: ", ") + "}"
        case .function(let f): return jsonString("<fn \(f.proto.signature)>")
        case .picture(let p): return jsonString(p.draw())
        case .cell(let c): return try json(c.value, depth: depth + 1)
        }
    }

    /// A number as JSON: a whole number below 2^53 without a fraction (`3`, not `3.0`),
    /// any other finite number in the shortest form that reads back as the same double
    /// (`0.001`, `1e-18`), and null for infinity and NaN, which JSON cannot hold.
    static func jsonNumber(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 9_007_199_254_740_992, let whole = Int(exactly: x) {
            return x == 0 && x.sign == .minus ? "-0" : String(whole)
        }
        return "\(x)"
    }

    /// A string as a JSON string literal, escaping what JSON requires.
    public static func jsonString(_ s: String) -> String {
        quoted(s, hexControls: true) { byte in
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte
            case UInt8(ascii: "\n"): UInt8(ascii: "n")
            case UInt8(ascii: "\t"): UInt8(ascii: "t")
            case UInt8(ascii: "\r"): UInt8(ascii: "r")
            default: nil
            }
        }
    }
}
