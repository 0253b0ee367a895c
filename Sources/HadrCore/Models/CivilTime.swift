/// Dates and times of the proleptic Gregorian calendar in UTC, as seconds since
/// 1970-01-01 00:00, for the day an error budget runs out. Years 1 to 9999 only.
enum CivilTime {
    /// Seconds since 1970-01-01 00:00 UTC of the earliest and latest times handled.
    static let earliest = -62_135_596_800.0  // 0001-01-01 00:00
    static let latest = 253_402_300_799.0  // 9999-12-31 23:59:59

    /// Days since 1970-01-01 of a date (H. Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day counted from 1970-01-01 (civil_from_days).
    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `2025-03-01`, `2025-03-01 14:30`, `2025-03-01T14:30:00Z` (UTC; seconds and `Z`
    /// optional) as seconds since 1970; `nil` for anything else or an impossible date.
    static func parse(_ text: String) -> Double? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for c in b[from..<(from + count)] {
                guard c >= 48, c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var rest = b[10...]
        if !rest.isEmpty {
            guard rest.first == UInt8(ascii: " ") || rest.first == UInt8(ascii: "T"), rest.count >= 6,
                let h = number(11, 2), b[13] == UInt8(ascii: ":"), let m = number(14, 2), h < 24, m < 60
            else { return nil }
            (hour, minute) = (h, m)
            rest = b[16...]
            if rest.first == UInt8(ascii: ":") {
                guard let s = number(17, 2), s < 60 else { return nil }
                second = s
                rest = b[19...]
            }
            if rest.first == UInt8(ascii: "Z") { rest = rest.dropFirst() }
            guard rest.isEmpty else { return nil }
        }
        let days = Double(Self.days(year: year, month: month, day: day))
        return days * 86_400 + Double(hour * 3600 + minute * 60 + second)
    }

    /// A time as `2025-03-19 04:48 UTC`, to the nearest minute; `nil` outside years 1 to 9999.
    static func format(_ seconds: Double) -> String? {
        let minutes = (seconds / 60).rounded()
        guard seconds.isFinite, minutes * 60 >= earliest, minutes * 60 <= latest, let total = Int(exactly: minutes)
        else { return nil }
        let dayCount = total >= 0 ? total / 1440 : (total - 1439) / 1440
        let minuteOfDay = total - dayCount * 1440
        let (year, month, day) = date(days: dayCount)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(yearText)-\(two(month))-\(two(day)) \(two(minuteOfDay / 60)):\(two(minuteOfDay % 60)) UTC"
    }
}
