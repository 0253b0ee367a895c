import Glibc

/// How values read when printed: the way a person writes them.
public enum Display {
    /// Colours for parts of a value; identity when colour is off.
    public struct Style: Sendable {
        public var unit: @Sendable (String) -> String
        public var header: @Sendable (String) -> String
        public var string: @Sendable (String) -> String
        /// A chart's bars, lines and dots.
        public var accent: @Sendable (String) -> String
        /// What needs attention in a picture: alert thresholds, failures, an open breaker.
        public var alert: @Sendable (String) -> String
        /// Axes, rails and legends: what frames a picture.
        public var muted: @Sendable (String) -> String

        public static let plain = Style(unit: { $0 }, header: { $0 }, string: { $0 })

        public init(
            unit: @escaping @Sendable (String) -> String, header: @escaping @Sendable (String) -> String,
            string: @escaping @Sendable (String) -> String, accent: @escaping @Sendable (String) -> String = { $0 },
            alert: @escaping @Sendable (String) -> String = { $0 },
            muted: @escaping @Sendable (String) -> String = { $0 }
        ) {
            self.unit = unit
            self.header = header
            self.string = string
            self.accent = accent
            self.alert = alert
            self.muted = muted
        }
    }

    /// How deeply nested a value is shown: deeper levels show as `...` in text, and the
    /// value has no `--json` form. 256 is as deep as jq reads.
    static let maxDepth = 256

    /// The longest one-line text that is fitted to a layout; longer is shown as it is.
    static let maxFitted = 1 << 20

    /// A value as a result is shown: strings quoted, tables as aligned columns, pictures
    /// drawn, and a record or list too wide for the layout one field or item a line.
    static func result(_ value: Value, style: Style = .plain, layout: Layout = .standard) -> String {
        if case .list(let list) = value, let columns = list.tableColumns {
            return table(list, columns: columns, style: style, layout: layout)
        }
        if case .system(let b) = value, b.hasComponents { return system(b, style: style) }
        if case .picture(let p) = value { return p.draw(layout: layout, style: style) }
        return fitted(value, indent: 0, style: style, layout: layout, depth: 0)
    }

    /// A value as `print` writes it: as `text`, but fitted to the layout like a result.
    static func printed(_ value: Value, layout: Layout, limit: Int = Int.max) throws(TooLong) -> String {
        switch value {
        case .picture(let p):
            let drawn = p.draw(layout: layout, style: .plain)
            guard drawn.utf8.count <= limit else { throw TooLong() }
            return drawn
        case .list(let list) where list.isTable:
            return try table(list, columns: list.tableColumns ?? [], style: .plain, layout: layout, limit: limit)
        case .list, .record:
            let flat = try text(value, limit: limit)
            if flat.utf8.count > maxFitted || columns(flat) <= layout.width { return flat }
            let shown = fitted(value, indent: 0, style: .plain, layout: layout, depth: 0)
            guard shown.utf8.count <= limit else { throw TooLong() }
            return shown
        default:
            return try text(value, limit: limit)
        }
    }

    /// A system with named components: its diagram, availability, nines and yearly downtime.
    static func system(_ b: Block, style: Style) -> String {
        let nines = b.u > 0 ? number(-log10(b.u), digits: 3) : "inf"
        return b.structure + "\n  " + percent(b.u, style: style) + " · " + nines + " nines · "
            + duration(b.u * TimeUnit.year.seconds(in: .current), style: style) + " down a year"
    }

    /// A value on one line; strings quoted or not.
    static func plain(_ value: Value, quoted: Bool) -> String {
        inline(value, quoted: quoted, style: .plain, depth: 0)
    }

    /// A value as `str` and string interpolation show it: strings raw, tables as columns,
    /// pictures drawn at the layout they were made in.
    static func text(_ value: Value) -> String {
        (try? text(value, limit: Int.max)) ?? ""
    }

    /// The text of a value, refusing one longer than `limit` bytes before it is built
    /// whole: a list of ten million references to one long string would otherwise make
    /// gigabytes of text.
    static func text(_ value: Value, limit: Int) throws(TooLong) -> String {
        if case .string(let s) = value {
            guard s.utf8.count <= limit else { throw TooLong() }
            return s
        }
        // The common case of an interpolation (`"{s}k{i},"`), without a byte buffer.
        if case .number(let x) = value {
            let shown = number(x)
            guard shown.utf8.count <= limit else { throw TooLong() }
            return shown
        }
        if case .picture(let p) = value {
            let drawn = p.draw()
            guard drawn.utf8.count <= limit else { throw TooLong() }
            return drawn
        }
        if case .list(let list) = value, let columns = list.tableColumns {
            return try table(list, columns: columns, style: .plain, limit: limit)
        }
        var out: [UInt8] = []
        try append(value, to: &out, quoted: true, style: .plain, depth: 0, limit: limit)
        return String(decoding: out, as: UTF8.self)
    }

    /// Text that would pass the limit it is built under.
    struct TooLong: Error {}

    static func inline(_ value: Value, quoted: Bool, style: Style, depth: Int) -> String {
        var out: [UInt8] = []
        try? append(value, to: &out, quoted: quoted, style: style, depth: depth, limit: Int.max)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a value's one-line text, stopping as soon as `out` would pass `limit` bytes.
    static func append(
        _ value: Value, to out: inout [UInt8], quoted: Bool, style: Style, depth: Int, limit: Int
    ) throws(TooLong) {
        func add(_ text: String) throws(TooLong) {
            appendUTF8(text, to: &out)
            if out.count > limit { throw TooLong() }
        }
        if depth > maxDepth { return try add("...") }
        switch value {
        case .none: try add("none")
        case .undefined: try add("undefined")
        case .bool(let b): try add(b ? "true" : "false")
        case .number(let x): try add(number(x))
        case .availability(let u): try add(percent(u, style: style))
        case .percentage(let x): try add(number(x * 100, digits: 6) + style.unit("%"))
        case .system(let b): try add(percent(b.u, style: style))
        case .time(let x, let e, let unit): try add(time(x, exponent: e, unit: unit, style: style))
        case .string(let s):
            if s.utf8.count > limit - out.count { throw TooLong() }
            try add(quoted ? style.string(quote(s)) : s)
        case .list(let list):
            out.append(UInt8(ascii: "["))
            for (k, item) in list.items.enumerated() {
                if Pace.stops(at: k) { break }
                if k > 0 { try add(", ") }
                try append(item, to: &out, quoted: true, style: style, depth: depth + 1, limit: limit)
            }
            try add("]")
        case .record(let record):
            out.append(UInt8(ascii: "{"))
            for (k, (name, v)) in zip(record.names, record.values).enumerated() {
                try add((k > 0 ? ", " : "") + name + ": ")
                try append(v, to: &out, quoted: true, style: style, depth: depth + 1, limit: limit)
            }
            try add("}")
        case .function(let f): try add("<fn \(f.proto.signature)>")
        case .picture(let p): try add("<\(p.typeName)>")
        case .cell(let c): try append(c.value, to: &out, quoted: quoted, style: style, depth: depth + 1, limit: limit)
        }
    }

    /// A string literal that reads back as the same string.
    static func quote(_ s: String) -> String {
        quoted(s) { byte in
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"): byte
            case UInt8(ascii: "\n"): UInt8(ascii: "n")
            case UInt8(ascii: "\r"): UInt8(ascii: "r")
            case UInt8(ascii: "\t"): UInt8(ascii: "t")
            default: nil
            }
        }
    }

    /// `s` with a backslash and the letter `escape` gives before each byte it names (`n`
    /// for a line feed), and, with `hexControls`, any other byte below 0x20 as `\u00XX`
    /// (JSON); between double quotes unless `marks` is false. Byte by byte: every escaped
    /// character is ASCII, and no byte of a longer UTF-8 sequence is, so runs of other bytes
    /// are copied whole (a 100 MB string is quoted in a fraction of a second).
    static func quoted(_ s: String, marks: Bool = true, hexControls: Bool = false, escape: (UInt8) -> UInt8?)
        -> String
    {
        var s = s
        return s.withUTF8 { text in
            var out: [UInt8] = []
            out.reserveCapacity(text.count + 2)
            if marks { out.append(UInt8(ascii: "\"")) }
            var run = 0
            for (i, byte) in text.enumerated() {
                let letter = escape(byte)
                guard letter != nil || (hexControls && byte < 0x20) else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<i]))
                out.append(UInt8(ascii: "\\"))
                if let letter {
                    out.append(letter)
                } else {
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
                }
                run = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[run...]))
            if marks { out.append(UInt8(ascii: "\"")) }
            return String(decoding: out, as: UTF8.self)
        }
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
