/// The `--json` form of values.
extension Display {
    /// The `--json` form fixed by LANGUAGE.md.
    static func json(_ value: Value, depth: Int = 0) -> String {
        if depth > maxDepth { return "null" }
        func num(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
        switch value {
        case .none, .undefined: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return num(x)
        case .availability(let u): return "{\"availability\": \(num(1 - u)), \"unavailability\": \(num(u))}"
        case .percentage(let x): return "{\"availability\": \(num(x)), \"unavailability\": \(num(1 - x))}"
        case .system(let b):
            return
                "{\"availability\": \(num(1 - b.u)), \"unavailability\": \(num(b.u)), \"structure\": \(jsonString(b.structure))}"
        case .time(let x, let e, _):
            if e == 1 { return "{\"seconds\": \(num(x))}" }
            if e == -1 { return "{\"per_second\": \(num(x))}" }
            return "{\"value\": \(num(x)), \"seconds_exponent\": \(e)}"
        case .string(let s): return jsonString(s)
        case .list(let l): return "[" + l.items.map { json($0, depth: depth + 1) }.joined(separator: ", ") + "]"
        case .record(let r):
            return "{"
                + zip(r.names, r.values).map { "\(jsonString($0)): \(json($1, depth: depth + 1))" }.joined(
                    separator: ", ") + "}"
        case .function(let f): return jsonString("<fn \(f.proto.signature)>")
        case .picture(let p): return jsonString(p.draw())
        case .cell(let c): return json(c.value, depth: depth + 1)
        }
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if ch.value < 0x20 {
                    let hex = String(ch.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out + "\""
    }
}
