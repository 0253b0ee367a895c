/// Durations and other powers of time.
extension Display {
    static func time(_ x: Double, exponent: Int8, unit: Int8, style: Style) -> String {
        switch exponent {
        case 1:
            if let u = TimeUnit(rawValue: unit) { return number(x / u.seconds) + style.unit(u.symbol) }
            return duration(x, style: style)
        case -1:
            if let u = TimeUnit(rawValue: unit) { return number(x * u.seconds) + style.unit("/" + u.symbol) }
            let chosen = TimeUnit.rateUnits.first { abs(x) * $0.seconds >= 1 } ?? .year
            return number(x * chosen.seconds) + style.unit("/" + chosen.symbol)
        default:
            return number(x) + style.unit("s^\(exponent)")
        }
    }

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
        for unit in TimeUnit.compound {
            let size = Int64(unit.seconds * 1000)
            guard rest >= size else { continue }
            if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
            appendDecimal(rest / size, to: &bytes)
            appendUTF8(style.unit(unit.symbol), to: &bytes)
            rest %= size
        }
        if rest > 0 {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
            appendUTF8(number(Double(rest) / 1000), to: &bytes)
            appendUTF8(style.unit("s"), to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
