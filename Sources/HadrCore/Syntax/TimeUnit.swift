#if canImport(Glibc)
    import Glibc
#endif

/// The units of time, in one table that the lexer, display and builtins all read.
///
/// The table holds the default calendar: a year is 365 days, a quarter 1/4 year and a
/// month 1/12 year (30.42 days). The session's calendar (`default_calendar`, see
/// `CalendarUnits`) may give `mo`, `q` and `y` other lengths; the other units are fixed.
enum TimeUnit: Int8, Sendable, CaseIterable {
    case millisecond = 1
    case second, minute, hour, day, week, month, quarter, year

    /// What the table says about one unit.
    struct Entry: Sendable {
        /// Seconds in one unit.
        let seconds: Double
        /// The short form used when displaying (`m`, `mo`).
        let symbol: String
        /// Every short form the lexer accepts after a number.
        let suffixes: [String]
        /// The unit spelled out, singular and plural (`hour`, `hours`).
        let singular: String
        let plural: String
    }

    private static let secondsPerYear = 31_536_000.0

    static let table: [TimeUnit: Entry] = [
        .millisecond: Entry(
            seconds: 0.001, symbol: "ms", suffixes: ["ms"], singular: "millisecond", plural: "milliseconds"),
        .second: Entry(seconds: 1, symbol: "s", suffixes: ["s"], singular: "second", plural: "seconds"),
        .minute: Entry(seconds: 60, symbol: "m", suffixes: ["m", "min"], singular: "minute", plural: "minutes"),
        .hour: Entry(seconds: 3600, symbol: "h", suffixes: ["h"], singular: "hour", plural: "hours"),
        .day: Entry(seconds: 86_400, symbol: "d", suffixes: ["d"], singular: "day", plural: "days"),
        .week: Entry(seconds: 604_800, symbol: "w", suffixes: ["w"], singular: "week", plural: "weeks"),
        .month: Entry(
            seconds: secondsPerYear / 12, symbol: "mo", suffixes: ["mo"], singular: "month", plural: "months"),
        .quarter: Entry(
            seconds: secondsPerYear / 4, symbol: "q", suffixes: ["q"], singular: "quarter", plural: "quarters"),
        .year: Entry(seconds: secondsPerYear, symbol: "y", suffixes: ["y"], singular: "year", plural: "years"),
    ]

    private var entry: Entry {
        // Every case is in the table; the fallback is never taken.
        Self.table[self] ?? Entry(seconds: 1, symbol: "s", suffixes: [], singular: "second", plural: "seconds")
    }

    /// Seconds in one unit, on the default calendar.
    var seconds: Double { entry.seconds }

    /// Seconds in one unit on a calendar: `mo`, `q` and `y` are the calendar's.
    func seconds(in calendar: CalendarUnits) -> Double {
        switch self {
        case .month: calendar.month
        case .quarter: calendar.quarter
        case .year: calendar.year
        default: entry.seconds
        }
    }

    /// Whether the unit's length is the calendar's (`mo`, `q`, `y`).
    var isCalendar: Bool { self == .month || self == .quarter || self == .year }

    /// The short form used when displaying.
    var symbol: String { entry.symbol }

    /// The unit spelled out: `hour` for one, `hours` otherwise.
    func name(plural: Bool) -> String { plural ? entry.plural : entry.singular }

    /// The unit a short suffix names (`ms`, `s`, `m`, `min`, `h`, `d`, `w`, `mo`, `q`, `y`), if any.
    init?(suffix: String) {
        guard let unit = Self.bySuffix[suffix] else { return nil }
        self = unit
    }

    /// The unit a short suffix or a spelled-out word names (`5 min`, `2 hours`), if any.
    init?(word: String) {
        guard let unit = Self.bySuffix[word] ?? Self.byWord[word] else { return nil }
        self = unit
    }

    private static let bySuffix: [String: TimeUnit] = Dictionary(
        allCases.flatMap { unit in unit.entry.suffixes.map { ($0, unit) } }, uniquingKeysWith: { a, _ in a })

    private static let byWord: [String: TimeUnit] = Dictionary(
        allCases.flatMap { unit in [(unit.entry.singular, unit), (unit.entry.plural, unit)] },
        uniquingKeysWith: { a, _ in a })

    /// The unit a word that is none means, for did-you-mean: the spellings other tools
    /// use (`hr`, `sec`, `yr`), a start of a unit's name (`sec`, `mins`... `minu`), or a
    /// misspelt name (`hours` as `huors`).
    static func meant(by word: String) -> TimeUnit? {
        let lower = word.lowercased()
        if let unit = Self.otherSpellings[lower] ?? Self.bySuffix[lower] ?? Self.byWord[lower] { return unit }
        if lower.count >= 3, let unit = allCases.first(where: { $0.entry.plural.hasPrefix(lower) }) { return unit }
        return Suggestion.closest(to: lower, among: words).flatMap { TimeUnit(word: $0) }
    }

    /// The unit a name of three letters or more spells exactly (`year`, `months`, `hrs`,
    /// `monthly`): an unknown name that is one was meant as a duration (`per: year`).
    static func named(_ name: String) -> TimeUnit? {
        let lower = name.lowercased()
        guard lower.count >= 3 || otherSpellings[lower] != nil else { return nil }
        return otherSpellings[lower] ?? byWord[lower] ?? bySuffix[lower]
    }

    /// Units as other tools and people write them.
    private static let otherSpellings: [String: TimeUnit] = [
        "msec": .millisecond, "msecs": .millisecond, "millis": .millisecond,
        "sec": .second, "secs": .second, "sek": .second,
        "mins": .minute, "mn": .minute,
        "hr": .hour, "hrs": .hour, "hs": .hour,
        "dy": .day, "dys": .day,
        "wk": .week, "wks": .week,
        "mon": .month, "mons": .month, "mth": .month, "mths": .month, "mos": .month,
        "qtr": .quarter, "qtrs": .quarter,
        "yr": .year, "yrs": .year, "yy": .year,
        "daily": .day, "weekly": .week, "monthly": .month, "quarterly": .quarter, "yearly": .year,
        "annual": .year, "annually": .year,
    ]

    /// Every suffix the lexer accepts, in the table's order, for error messages.
    static let suffixes: [String] = allCases.flatMap { $0.entry.suffixes }

    /// Every spelled-out word, for suggestions.
    static let words: [String] = allCases.flatMap { [$0.entry.singular, $0.entry.plural] }

    /// The units a duration is written in, largest first: `8h 45m 36s`, `3d 15h 36m`.
    static let compound: [TimeUnit] = [.year, .day, .hour, .minute]

    /// The units a rate may be shown per, smallest first: the first giving at least 1 is used.
    static let rateUnits: [TimeUnit] = [.second, .minute, .hour, .day, .year]

    /// The units a duration is approximated in, largest first (`3.65 days`, `43.8 minutes`).
    static let approximate: [TimeUnit] = [.day, .hour, .minute, .second]
}

/// What a calendar decides about time: the lengths of a month, a quarter and a year, and
/// the share of the clock that is agreed service time (1 unless a calendar such as
/// `business_hours()` says less).
struct CalendarUnits: Sendable, Equatable {
    var year: Double
    var quarter: Double
    var month: Double
    var service: Double = 1

    /// The 365-day calendar of the unit table.
    static let standard = CalendarUnits(
        year: TimeUnit.year.seconds, quarter: TimeUnit.quarter.seconds, month: TimeUnit.month.seconds)

    // MARK: The calendar display uses

    /// One thread's current calendar.
    private final class Box {
        var units = CalendarUnits.standard
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<Box>.fromOpaque(pointer).release() }
        }
        return key
    }()

    private static var box: Box {
        if let pointer = pthread_getspecific(key) { return Unmanaged<Box>.fromOpaque(pointer).takeUnretainedValue() }
        let box = Box()
        pthread_setspecific(key, Unmanaged.passRetained(box).toOpaque())
        return box
    }

    /// The calendar durations are shown in on this thread: the machine sets it when
    /// `default_calendar` changes and as an evaluation starts, a result while it is shown.
    static var current: CalendarUnits {
        get { box.units }
        set { box.units = newValue }
    }

    /// Runs `body` with `calendar` as the current one, then puts the previous one back.
    static func with<T>(_ calendar: CalendarUnits, _ body: () throws -> T) rethrows -> T {
        let saved = current
        current = calendar
        defer { current = saved }
        return try body()
    }
}

/// A duration literal with months, quarters or years in it (`1mo`, `1y 2d`): how many of
/// each, and the seconds of its fixed units, so it can be measured on the session's calendar.
struct CalendarDuration: Sendable, Equatable {
    var fixed: Double = 0
    var months: Double = 0
    var quarters: Double = 0
    var years: Double = 0

    func seconds(in calendar: CalendarUnits) -> Double {
        fixed + months * calendar.month + quarters * calendar.quarter + years * calendar.year
    }

    mutating func add(_ count: Double, _ unit: TimeUnit) {
        switch unit {
        case .month: months += count
        case .quarter: quarters += count
        case .year: years += count
        default: fixed += count * unit.seconds
        }
    }
}
