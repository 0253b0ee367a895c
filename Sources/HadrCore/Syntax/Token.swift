/// Reserved words.
enum Keyword: String, Sendable, CaseIterable {
    case fn, `if`, then, `else`, `do`, end, `for`, `in`, `while`, `import`
    case `true`, `false`, none, and, or, not, to
}

/// Punctuation and operators.
enum Symbol: String, Sendable {
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
enum TemplatePart: Sendable {
    case text(String)
    case code([Token], SourceRange)
}

/// What a token is.
enum TokenKind: Sendable {
    case number(Double)
    /// A percentage literal: its fraction and its unavailability, each rounded once from the decimal text.
    case percent(fraction: Double, unavailability: Double)
    /// A number with a unit written after it (`5m`): the number and the unit.
    case duration(count: Double, unit: TimeUnit)
    case string(String)
    case template([TemplatePart])
    case identifier(String)
    case keyword(Keyword)
    case symbol(Symbol)
    case newline
    case endOfInput
}

/// A token with its source range and the `##` documentation written directly above it.
struct Token: Sendable {
    var kind: TokenKind
    var range: SourceRange
    var doc: String?

    init(_ kind: TokenKind, _ range: SourceRange, doc: String? = nil) {
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
