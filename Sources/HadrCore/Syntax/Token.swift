/// A unit of time a number may carry as a suffix (`15m`, `2h`, `1y`).
public enum TimeUnit: Int8, Sendable, CaseIterable {
    case millisecond = 1
    case second, minute, hour, day, week, month, quarter, year

    /// Seconds in one unit, on the default calendar (a year is 365 days, a month 1/12 year).
    public var seconds: Double {
        switch self {
        case .millisecond: 0.001
        case .second: 1
        case .minute: 60
        case .hour: 3600
        case .day: 86_400
        case .week: 604_800
        case .month: 31_536_000 / 12
        case .quarter: 31_536_000 / 4
        case .year: 31_536_000
        }
    }

    /// The short form used when displaying.
    public var symbol: String {
        switch self {
        case .millisecond: "ms"
        case .second: "s"
        case .minute: "m"
        case .hour: "h"
        case .day: "d"
        case .week: "w"
        case .month: "mo"
        case .quarter: "q"
        case .year: "y"
        }
    }

    /// The unit a suffix names, if any.
    public init?(suffix: String) {
        switch suffix {
        case "ms": self = .millisecond
        case "s": self = .second
        case "m", "min": self = .minute
        case "h": self = .hour
        case "d": self = .day
        case "w": self = .week
        case "mo": self = .month
        case "q": self = .quarter
        case "y": self = .year
        default: return nil
        }
    }

    static let suffixes = ["ms", "s", "m", "min", "h", "d", "w", "mo", "q", "y"]
}

/// Reserved words.
public enum Keyword: String, Sendable, CaseIterable {
    case fn, `if`, then, `else`, `do`, end, `for`, `in`, `while`, `import`
    case `true`, `false`, none, and, or, not, to
}

/// Punctuation and operators.
public enum Symbol: String, Sendable {
    case leftParen = "("
    case rightParen = ")"
    case leftBracket = "["
    case rightBracket = "]"
    case leftBrace = "{"
    case rightBrace = "}"
    case comma = ","
    case colon = ":"
    case semicolon = ";"
    case dot = "."
    case dotDot = ".."
    case ellipsis = "..."
    case assign = "="
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case caret = "^"
    case ampersand = "&"
    case pipe = "|"
    case percent = "%"
}

/// A piece of an interpolated string: literal text or the tokens of an embedded expression.
public enum TemplatePart: Sendable {
    case text(String)
    case code([Token], SourceRange)
}

/// What a token is.
public enum TokenKind: Sendable {
    case number(Double)
    /// A percentage literal: its fraction and its unavailability, each rounded once from the decimal text.
    case percent(fraction: Double, unavailability: Double)
    case duration(seconds: Double, unit: TimeUnit)
    case string(String)
    case template([TemplatePart])
    case identifier(String)
    case keyword(Keyword)
    case symbol(Symbol)
    case newline
    case endOfInput
}

/// A token with its source range and the `##` documentation written directly above it.
public struct Token: Sendable {
    public var kind: TokenKind
    public var range: SourceRange
    public var doc: String?

    public init(_ kind: TokenKind, _ range: SourceRange, doc: String? = nil) {
        self.kind = kind
        self.range = range
        self.doc = doc
    }

    func `is`(_ symbol: Symbol) -> Bool {
        if case .symbol(let s) = kind { return s == symbol }
        return false
    }

    func `is`(_ keyword: Keyword) -> Bool {
        if case .keyword(let k) = kind { return k == keyword }
        return false
    }

    var isNewline: Bool {
        if case .newline = kind { return true }
        return false
    }

    var isEnd: Bool {
        if case .endOfInput = kind { return true }
        return false
    }
}
