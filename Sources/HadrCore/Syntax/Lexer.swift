/// Turns source bytes into tokens with ranges, keeping `##` documentation for help.
struct Lexer {
    /// How deeply string interpolations may nest before the lexer gives up.
    static let maxInterpolationDepth = 64

    private let file: SourceFile
    private let bytes: [UInt8]
    private var position = 0
    private var pendingDoc: [String] = []
    private var interpolationDepth = 0
    /// Line breaks in a row so far (two end a `##` comment's claim on the next token).
    private var blankRun = 0
    /// Whether the last top-level token was a line break, or there was none yet: line
    /// breaks in a row, and those before the first token, make no token.
    private var afterLineBreak = true
    private var finished = false
    /// Called every `Self.partsBetweenChecks` interpolations of one string, so that a time
    /// limit or an interrupt stops a single huge string (millions of `{x}`) while it is read.
    var checkpoint: Checkpoint?
    private static let partsBetweenChecks = 1024

    init(_ file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
        if bytes.starts(with: Array("#!".utf8)) {
            while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        }
    }

    /// All tokens of the file, ending with `.endOfInput`.
    mutating func tokenize() throws(Diagnostic) -> [Token] {
        var tokens: [Token] = []
        while try next(into: &tokens, atLeast: 4096) {}
        return tokens
    }

    /// Appends the file's next tokens, at least `count` of them unless the file ends
    /// first; the last token of a file is `.endOfInput`. Returns false once that is out.
    /// The parser pulls tokens as it goes, so a file's tokens are never all held at once.
    mutating func next(into tokens: inout [Token], atLeast count: Int) throws(Diagnostic) -> Bool {
        guard !finished else { return false }
        let target = tokens.count + count
        try scan(untilBrace: false, into: &tokens, until: target)
        if position >= bytes.count {
            tokens.append(Token(.endOfInput, SourceRange(bytes.count, bytes.count)))
            finished = true
        }
        return true
    }

    private func error(_ error: SyntaxError, _ start: Int, _ end: Int) -> Diagnostic {
        Diagnostic(error, file: file, range: SourceRange(start, end))
    }

    private func peek(_ offset: Int = 0) -> UInt8 {
        let i = position + offset
        return i < bytes.count ? bytes[i] : 0
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_")
    }
    private static func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }

    /// Scans tokens to the end of input, or to the `}` closing an interpolation, or (at
    /// the top level) until `tokens` holds `target` of them.
    private mutating func scan(untilBrace: Bool, into tokens: inout [Token], until target: Int = .max)
        throws(Diagnostic)
    {
        var braceDepth = 0
        let outerBlankRun = blankRun
        if untilBrace { blankRun = 0 }
        defer { if untilBrace { blankRun = outerBlankRun } }
        func push(_ token: Token, _ lexer: inout Lexer) {
            var token = token
            if !lexer.pendingDoc.isEmpty {
                token.doc = lexer.pendingDoc.joined(separator: "\n")
                lexer.pendingDoc.removeAll()
            }
            lexer.afterLineBreak = false
            tokens.append(token)
        }
        while position < bytes.count, tokens.count < target {
            let start = position
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
                continue
            case UInt8(ascii: "\n"):
                position += 1
                blankRun += 1
                if blankRun >= 2 { pendingDoc.removeAll() }
                if untilBrace { continue }
                if !afterLineBreak {
                    tokens.append(Token(.newline, SourceRange(start, start + 1)))
                    afterLineBreak = true
                }
                continue
            case UInt8(ascii: "#"):
                let isDoc = peek(1) == UInt8(ascii: "#")
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
                if isDoc {
                    var text = String(decoding: bytes[(start + 2)..<position], as: UTF8.self)
                    if text.hasPrefix(" ") { text.removeFirst() }
                    if text.hasSuffix("\r") { text.removeLast() }
                    pendingDoc.append(text)
                    blankRun = 0
                }
                continue
            default:
                break
            }
            blankRun = 0
            if Self.isDigit(byte) {
                push(try number(), &self)
            } else if Self.isIdentifierStart(byte) {
                while Self.isIdentifierPart(peek()) { position += 1 }
                let text = String(decoding: bytes[start..<position], as: UTF8.self)
                let range = SourceRange(start, position)
                if let keyword = Keyword(rawValue: text) {
                    push(Token(.keyword(keyword), range), &self)
                } else {
                    push(Token(.identifier(text), range), &self)
                }
            } else if byte == UInt8(ascii: "\"") {
                push(try string(), &self)
            } else if byte == UInt8(ascii: "'") {
                push(try rawString(), &self)
            } else if untilBrace, byte == UInt8(ascii: "}"), braceDepth == 0 {
                return
            } else {
                let symbol = try self.symbol()
                if symbol == .leftBrace { braceDepth += 1 }
                if symbol == .rightBrace { braceDepth -= 1 }
                push(Token(.symbol(symbol), SourceRange(start, position)), &self)
            }
        }
        if untilBrace {
            throw error(.unterminatedInterpolation, position, position)
        }
    }

    private mutating func symbol() throws(Diagnostic) -> Symbol {
        let start = position
        let byte = bytes[position]
        let next = peek(1)
        position += 1
        switch byte {
        case UInt8(ascii: "("): return .leftParen
        case UInt8(ascii: ")"): return .rightParen
        case UInt8(ascii: "["): return .leftBracket
        case UInt8(ascii: "]"): return .rightBracket
        case UInt8(ascii: "{"): return .leftBrace
        case UInt8(ascii: "}"): return .rightBrace
        case UInt8(ascii: ","): return .comma
        case UInt8(ascii: ":"): return .colon
        case UInt8(ascii: ";"): return .semicolon
        case UInt8(ascii: "+"): return .plus
        case UInt8(ascii: "-"):
            // `a -> b` can never be a subtraction (`>` starts no operand): say what to write.
            if next == UInt8(ascii: ">") { throw error(.arrow, start, position + 1) }
            return .minus
        case UInt8(ascii: "*"): return .star
        case UInt8(ascii: "/"): return .slash
        case UInt8(ascii: "^"): return .caret
        case UInt8(ascii: "&"): return .ampersand
        case UInt8(ascii: "|"): return .pipe
        case UInt8(ascii: "%"): return .percent
        case UInt8(ascii: "."):
            if next == UInt8(ascii: "."), peek(1) == UInt8(ascii: ".") {
                position += 2
                return .ellipsis
            }
            if next == UInt8(ascii: ".") {
                position += 1
                return .dotDot
            }
            return .dot
        case UInt8(ascii: "="):
            if next == UInt8(ascii: "=") {
                position += 1
                return .equal
            }
            return .assign
        case UInt8(ascii: "!"):
            if next == UInt8(ascii: "=") {
                position += 1
                return .notEqual
            }
            throw error(.bang, start, position)
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "=") {
                position += 1
                return .lessEqual
            }
            return .less
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: "=") {
                position += 1
                return .greaterEqual
            }
            return .greater
        default:
            // Step over a whole UTF-8 sequence so the caret covers one character.
            while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if byte == 0 { throw error(.nulByte, start, position) }
            let shown =
                text == "\u{FFFD}"
                ? "U+FFFD (it stands for bytes that were not UTF-8)"
                : text.unicodeScalars.allSatisfy { $0.value >= 32 } ? "`\(text)`" : "byte \(byte)"
            throw error(.unexpectedCharacter(shown), start, position)
        }
    }

    private mutating func digits() -> String {
        var text = ""
        while Self.isDigit(peek()) || (peek() == UInt8(ascii: "_") && Self.isDigit(peek(1))) {
            if peek() != UInt8(ascii: "_") { text.unicodeScalars.append(Unicode.Scalar(peek())) }
            position += 1
        }
        return text
    }

    private mutating func number() throws(Diagnostic) -> Token {
        let start = position
        var text = digits()
        if peek() == UInt8(ascii: "."), Self.isDigit(peek(1)) {
            position += 1
            text += "." + digits()
        }
        var hasExponent = false
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
            if Self.isDigit(peek(sign ? 2 : 1)) {
                position += sign ? 2 : 1
                let signText = sign ? String(UnicodeScalar(bytes[position - 1])) : ""
                text += "e" + signText + digits()
                hasExponent = true
            }
        }
        guard let value = Double(text), value.isFinite else {
            throw error(.numberTooLarge(text), start, position)
        }
        if peek() == UInt8(ascii: "%") {
            position += 1
            let range = SourceRange(start, position)
            guard value <= 100 else {
                throw error(.percentageOutOfRange(text), start, position)
            }
            if !hasExponent, let written = DecimalText.Fixed(text) {
                // Compared as written: `100.000000000000001%` is a double of 100 but is over 100%.
                guard let complement = DecimalText.subtract(DecimalText.Fixed(digits: [1, 0, 0], scale: 0), written)
                else { throw error(.percentageOutOfRange(text), start, position) }
                if let scaled = Double(
                    DecimalText.Fixed(digits: complement.digits, scale: complement.scale + 2).scientific)
                {
                    return Token(
                        .percent(fraction: Double(text + "e-2") ?? value / 100, unavailability: scaled), range)
                }
            }
            return Token(.percent(fraction: value / 100, unavailability: 1 - value / 100), range)
        }
        if Self.isIdentifierStart(peek()) {
            let suffixStart = position
            while Self.isIdentifierPart(peek()) { position += 1 }
            let suffix = String(decoding: bytes[suffixStart..<position], as: UTF8.self)
            var unit = TimeUnit(word: suffix)
            if unit == nil {
                // `1h30m`, as Prometheus writes durations: the unit ends where a digit starts,
                // and the next number is lexed on its own (the parser adds the two).
                var letters = suffixStart
                while letters < position, !Self.isDigit(bytes[letters]) { letters += 1 }
                let word = String(decoding: bytes[suffixStart..<letters], as: UTF8.self)
                if letters < position, let short = TimeUnit(word: word) {
                    position = letters
                    unit = short
                }
            }
            guard let unit else {
                let number = String(decoding: bytes[start..<suffixStart], as: UTF8.self)
                throw error(.unknownUnit(suffix, number: number), suffixStart, position)
            }
            let written = String(decoding: bytes[start..<position], as: UTF8.self)
            guard (value * unit.seconds).isFinite else { throw error(.durationTooLarge(written), start, position) }
            return Token(.duration(count: value, unit: unit), SourceRange(start, position))
        }
        return Token(.number(value), SourceRange(start, position))
    }

    /// A raw string `'...'`: every byte as written up to the next `'`, with no escapes and
    /// no interpolation, so PromQL such as `'rate(x{code=~"5.."}[5m])'` needs no quoting.
    private mutating func rawString() throws(Diagnostic) -> Token {
        let start = position
        position += 1
        while position < bytes.count, bytes[position] != UInt8(ascii: "'") { position += 1 }
        guard position < bytes.count else {
            throw error(.unterminatedRawString, start, start + 1)
        }
        let text = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
        position += 1
        return Token(.string(text), SourceRange(start, position))
    }

    private mutating func string() throws(Diagnostic) -> Token {
        let start = position
        position += 1
        var parts: [TemplatePart] = []
        var text: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw error(.unterminatedString, start, start + 1)
            }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                let range = SourceRange(start, position)
                if parts.isEmpty { return Token(.string(String(decoding: text, as: UTF8.self)), range) }
                if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
                return Token(.template(parts), range)
            case UInt8(ascii: "\\"):
                let escape = peek(1)
                switch escape {
                case UInt8(ascii: "n"): text.append(10)
                case UInt8(ascii: "r"): text.append(13)
                case UInt8(ascii: "t"): text.append(9)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"): text.append(escape)
                default:
                    throw error(.unknownEscape(String(UnicodeScalar(escape))), position, position + 2)
                }
                position += 2
            case UInt8(ascii: "{"):
                if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
                text.removeAll()
                let open = position
                position += 1
                guard interpolationDepth < Self.maxInterpolationDepth else {
                    throw error(.interpolationTooDeep(limit: Self.maxInterpolationDepth), open, position)
                }
                interpolationDepth += 1
                let saved = pendingDoc
                pendingDoc = []
                var inner: [Token] = []
                try scan(untilBrace: true, into: &inner)
                pendingDoc = saved
                interpolationDepth -= 1
                position += 1  // the closing brace
                guard !inner.isEmpty else {
                    throw error(.emptyInterpolation, open, position)
                }
                var code = inner
                code.append(Token(.endOfInput, SourceRange(position - 1, position - 1)))
                parts.append(.code(code, SourceRange(open, position)))
                if parts.count % Self.partsBetweenChecks == 0 {
                    // Shown at the interpolation reading had reached.
                    do throws(Diagnostic) { try checkpoint?() } catch {
                        throw error.placed(in: file, at: SourceRange(open, position))
                    }
                }
            case UInt8(ascii: "\n"):
                text.append(byte)
                position += 1
            default:
                text.append(byte)
                position += 1
            }
        }
    }
}
