import CNumberFormat
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
    public static func result(_ value: Value, style: Style = .plain) -> String {
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
    public static func plain(_ value: Value, quoted: Bool) -> String {
        inline(value, quoted: quoted, style: .plain, depth: 0)
    }

    /// A value as `print` and string interpolation show it: strings raw, tables as columns.
    public static func text(_ value: Value) -> String {
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

    // MARK: Numbers

    /// printf's `%.<precision>e` or `%.<precision>g` of x.
    static func cFormat(_ conversion: Character, _ precision: Int, _ x: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            guard let base = buffer.baseAddress else { return "" }
            let code = CChar(bitPattern: conversion.asciiValue ?? UInt8(ascii: "g"))
            let n = Int(hadr_format_double(base, 64, code, Int32(clamping: precision), x))
            let length = max(0, min(n, 63))
            return String(decoding: UnsafeRawBufferPointer(start: base, count: length), as: UTF8.self)
        }
    }

    /// A number with up to 12 significant digits, integers without `.0`, exponents as `1e-9`.
    public static func number(_ x: Double, digits: Int = 12) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        var text = cFormat("g", digits, x)
        if let e = text.firstIndex(of: "e") {
            var mantissa = String(text[..<e])
            var exponent = String(text[text.index(after: e)...])
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            let negative = exponent.hasPrefix("-")
            exponent = String(exponent.drop { $0 == "+" || $0 == "-" || $0 == "0" })
            text = mantissa + "e" + (negative ? "-" : "") + (exponent.isEmpty ? "0" : exponent)
        }
        return text
    }

    /// An availability as a percentage with enough digits to see every nine; never rounded up to 100%.
    public static func percent(_ u: Double, style: Style = .plain) -> String {
        percentText(u) + style.unit("%")
    }

    static func percentText(_ u: Double) -> String {
        if u.isNaN { return "nan" }
        if u <= 0 { return "100" }
        if u >= 1 { return "0" }
        if u > 0.5 { return number((1 - u) * 100, digits: 6) }
        // 100·U to six significant digits, subtracted from 100 exactly in decimal.
        let scientific = cFormat("e", 5, 100 * u)
        guard let e = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: e)...])
        else {
            return number((1 - u) * 100)
        }
        let mantissa = scientific[..<e].filter { $0 != "." }
        let digits = mantissa.compactMap { $0.wholeNumberValue.map(UInt8.init) }
        let complement = DecimalText.subtract(
            DecimalText.Fixed(digits: [1, 0, 0], scale: 0), DecimalText.Fixed(digits: digits, scale: 5 - exponent))
        return complement?.text ?? number((1 - u) * 100)
    }

    // MARK: Time

    static func time(_ x: Double, exponent: Int8, unit: Int8, style: Style) -> String {
        switch exponent {
        case 1:
            if let u = TimeUnit(rawValue: unit) { return number(x / u.seconds) + style.unit(u.symbol) }
            return duration(x, style: style)
        case -1:
            if let u = TimeUnit(rawValue: unit) { return number(x * u.seconds) + style.unit("/" + u.symbol) }
            let units: [TimeUnit] = [.second, .minute, .hour, .day, .year]
            let chosen = units.first { abs(x) * $0.seconds >= 1 } ?? .year
            return number(x * chosen.seconds) + style.unit("/" + chosen.symbol)
        default:
            return number(x) + style.unit("s^\(exponent)")
        }
    }

    /// Milliseconds per year, day, hour and minute, with their symbols.
    private static let durationUnits: [(Int64, String)] = [
        (31_536_000_000, "y"), (86_400_000, "d"), (3_600_000, "h"), (60_000, "m"),
    ]

    /// A duration in the unit that reads best: `250ms`, `26.28s`, `8h 45m 36s`, `3d 15h 36m`.
    public static func duration(_ seconds: Double, style: Style = .plain) -> String {
        if seconds.isNaN { return "nan" + style.unit("s") }
        if seconds < 0 { return "-" + duration(-seconds, style: style) }
        if seconds.isInfinite { return "inf" + style.unit("s") }
        if seconds == 0 { return "0" + style.unit("s") }
        if seconds < 1 { return number(seconds * 1000, digits: 6) + style.unit("ms") }
        if seconds < 60 { return number((seconds * 1000).rounded() / 1000) + style.unit("s") }
        if seconds >= 1e12 { return number(seconds / TimeUnit.year.seconds) + style.unit("y") }
        var rest = Int64((seconds * 1000).rounded())
        // Built as bytes: a String grown by `+=` costs far more per piece.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for (size, symbol) in durationUnits where rest >= size {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
            appendDecimal(rest / size, to: &bytes)
            appendUTF8(style.unit(symbol), to: &bytes)
            rest %= size
        }
        if rest > 0 {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
            appendUTF8(number(Double(rest) / 1000), to: &bytes)
            appendUTF8(style.unit("s"), to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends a string's bytes in one copy (the generic `append(contentsOf: s.utf8)` goes byte by byte).
    @inline(__always)
    private static func appendUTF8(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends the decimal digits of a non-negative integer.
    private static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
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

    // MARK: Tables

    private static func rightAligned(_ value: Value) -> Bool {
        switch value {
        case .number, .availability, .percentage, .system, .time: true
        default: false
        }
    }

    /// The number of terminal columns text takes: one per character (ASCII fast path).
    private static func width(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
    }

    /// Aligned columns under a header row.
    static func table(_ list: ListBox, columns: [String], style: Style) -> String {
        let cells = list.items.map { item -> [String] in
            guard case .record(let r) = item else { return [] }
            return r.values.map { inline($0, quoted: false, style: .plain, depth: 1) }
        }
        let cellWidths = cells.map { $0.map(width) }
        var widths = columns.map(width)
        for row in cellWidths {
            for (i, w) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], w) }
        }
        let right = columns.indices.map { i in
            list.items.allSatisfy { item in
                guard case .record(let r) = item, i < r.values.count else { return true }
                return rightAligned(r.values[i])
            }
        }
        // Built as bytes: a String grown by `+=` costs far more per piece.
        var out: [UInt8] = []
        out.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * (cells.count + 1))
        let space = UInt8(ascii: " ")
        /// Appends one row, its cells padded to the column widths, without trailing spaces.
        func appendRow(_ texts: [String], _ textWidths: [Int], header: Bool) {
            let start = out.count
            for (i, text) in texts.enumerated() {
                if i > 0 {
                    out.append(space)
                    out.append(space)
                }
                let fill = i < widths.count ? max(0, widths[i] - textWidths[i]) : 0
                let rightAlign = i < right.count && right[i]
                if header {
                    let padded =
                        rightAlign
                        ? String(repeating: " ", count: fill) + text : text + String(repeating: " ", count: fill)
                    appendUTF8(style.header(padded), to: &out)
                    continue
                }
                if rightAlign { out.append(contentsOf: repeatElement(space, count: fill)) }
                appendUTF8(text, to: &out)
                if !rightAlign { out.append(contentsOf: repeatElement(space, count: fill)) }
            }
            while out.count > start, out.last == space { out.removeLast() }
        }
        appendRow(columns, columns.map(width), header: true)
        for (row, rowWidths) in zip(cells, cellWidths) {
            out.append(UInt8(ascii: "\n"))
            appendRow(row, rowWidths, header: false)
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: JSON

    /// The `--json` form fixed by LANGUAGE.md.
    public static func json(_ value: Value, depth: Int = 0) -> String {
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

extension String {
    var trailingTrimmed: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
