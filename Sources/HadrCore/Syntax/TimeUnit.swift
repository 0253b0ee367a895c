/// The units of time, in one table that the lexer, display and builtins all read.
///
/// The calendar convention is fixed here: a year is 365 days, a quarter 1/4 year and a
/// month 1/12 year (30.42 days). An explicit period (`per: 30d`) or a named calendar gives
/// another one.
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
