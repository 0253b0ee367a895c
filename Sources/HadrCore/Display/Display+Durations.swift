/// Durations and other powers of time.
extension Display {
    /// The display unit of a duration shown in days and smaller units only (a calendar's
    /// `length` column: a year as `365d 5h 49m 12s`, not `1y`).
    static let inDays: Int8 = -1

    /// Months, quarters and years are the session calendar's (`CalendarUnits.current`).
    static func time(_ x: Double, exponent: Int8, unit: Int8, style: Style) -> String {
        let calendar = CalendarUnits.current
        switch exponent {
        case 1:
            if let u = TimeUnit(rawValue: unit) { return number(x / u.seconds(in: calendar)) + style.unit(u.symbol) }
            return duration(x, style: style, years: unit != inDays)
        case -1:
            if let u = TimeUnit(rawValue: unit) {
                return number(x * u.seconds(in: calendar)) + style.unit("/" + u.symbol)
            }
            let chosen = TimeUnit.rateUnits.first { abs(x) * $0.seconds(in: calendar) >= 1 } ?? .year
            return number(x * chosen.seconds(in: calendar)) + style.unit("/" + chosen.symbol)
        default:
            return number(x) + style.unit("s^\(exponent)")
        }
    }

    /// A duration in the unit that reads best: `250ms`, `26.28s`, `8h 45m 36s`, `3d 15h 36m`;
    /// years are the session calendar's, and left out when `years` is false.
    public static func duration(_ seconds: Double, style: Style = .plain, years: Bool = true) -> String {
        if seconds.isNaN { return "nan" + style.unit("s") }
        if seconds < 0 { return "-" + duration(-seconds, style: style, years: years) }
        if seconds.isInfinite { return "inf" + style.unit("s") }
        if seconds == 0 { return "0" + style.unit("s") }
        if seconds < 1 { return number(seconds * 1000, digits: 6) + style.unit("ms") }
        if seconds < 60 { return number((seconds * 1000).rounded() / 1000) + style.unit("s") }
        let year = TimeUnit.year.seconds(in: .current)
        if seconds >= 1e12 { return number(seconds / (years ? year : 86_400)) + style.unit(years ? "y" : "d") }
        var rest = Int64((seconds * 1000).rounded())
        // Built as bytes: a String grown by `+=` costs far more per piece.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for unit in TimeUnit.compound where years || unit != .year {
            // A calendar's year may be any positive length: only whole milliseconds that fit count.
            let ms = ((unit == .year ? year : unit.seconds) * 1000).rounded()
            guard ms >= 1, ms < 9e18 else { continue }
            let size = Int64(ms)
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
