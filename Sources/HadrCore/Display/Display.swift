import Glibc

/// How values read when printed: the way a person writes them.
public enum Display {
    /// Colours for parts of a value; identity when colour is off.
    public struct Style: Sendable {
        public var unit: @Sendable (String) -> String
        public var header: @Sendable (String) -> String
        public var string: @Sendable (String) -> String

        public static let plain = Style(unit: { $0 }, header: { $0 }, string: { $0 })

        public init(
            unit: @escaping @Sendable (String) -> String, header: @escaping @Sendable (String) -> String,
            string: @escaping @Sendable (String) -> String
        ) {
            self.unit = unit
            self.header = header
            self.string = string
        }
    }

    static let maxDepth = 32

    /// A value as a result is shown: strings quoted, tables as aligned columns.
    static func result(_ value: Value, style: Style = .plain) -> String {
        if case .list(let list) = value, let columns = list.tableColumns {
            return table(list, columns: columns, style: style)
        }
        if case .system(let b) = value, b.hasComponents { return system(b, style: style) }
        return inline(value, quoted: true, style: style, depth: 0)
    }

    /// A system with named components: its diagram, availability, nines and yearly downtime.
    static func system(_ b: Block, style: Style) -> String {
        let nines = b.u > 0 ? number(-log10(b.u), digits: 3) : "inf"
        return b.structure + "\n  " + percent(b.u, style: style) + " · " + nines + " nines · "
            + duration(b.u * TimeUnit.year.seconds, style: style) + " down a year"
    }

    /// A value on one line; strings quoted or not.
    static func plain(_ value: Value, quoted: Bool) -> String {
        inline(value, quoted: quoted, style: .plain, depth: 0)
    }

    /// A value as `print` and string interpolation show it: strings raw, tables as columns.
    static func text(_ value: Value) -> String {
        if case .string(let s) = value { return s }
        if case .list(let list) = value, let columns = list.tableColumns {
            return table(list, columns: columns, style: .plain)
        }
        return inline(value, quoted: true, style: .plain, depth: 0)
    }

    static func inline(_ value: Value, quoted: Bool, style: Style, depth: Int) -> String {
        if depth > maxDepth { return "..." }
        switch value {
        case .none: return "none"
        case .undefined: return "undefined"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return number(x)
        case .availability(let u): return percent(u, style: style)
        case .percentage(let x): return number(x * 100, digits: 6) + style.unit("%")
        case .system(let b): return percent(b.u, style: style)
        case .time(let x, let e, let unit): return time(x, exponent: e, unit: unit, style: style)
        case .string(let s): return quoted ? style.string(quote(s)) : s
        case .list(let list):
            return "["
                + list.items.map { inline($0, quoted: true, style: style, depth: depth + 1) }.joined(separator: ", ")
                + "]"
        case .record(let record):
            let fields = zip(record.names, record.values).map { name, v in
                "\(name): " + inline(v, quoted: true, style: style, depth: depth + 1)
            }
            return "{" + fields.joined(separator: ", ") + "}"
        case .function(let f): return "<fn \(f.proto.signature)>"
        case .cell(let c): return inline(c.value, quoted: quoted, style: style, depth: depth + 1)
        }
    }

    /// A string literal that reads back as the same string.
    static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "{": out += "\\{"
            case "}": out += "\\}"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }

    // MARK: Building text as bytes

    /// Appends a string's bytes in one copy (the generic `append(contentsOf: s.utf8)` goes byte by byte).
    @inline(__always)
    static func appendUTF8(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends the decimal digits of a non-negative integer.
    static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") &+ UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
        }
    }
}
