/// What the lexer and the parser find wrong in a text.
enum SyntaxError: ErrorMessage {
    /// The text ends where `expected` was wanted: the REPL asks for another line.
    case unexpectedEnd(expected: String)
    /// Something else than `expected` was found, described as the parser names tokens.
    case expected(String, found: String)
    case unterminatedString
    case unterminatedInterpolation
    case emptyInterpolation
    case interpolationTooDeep(limit: Int)
    case unknownEscape(String)
    case bang
    case nulByte
    case singleQuote
    /// A character no token starts with, as shown (`` `@` `` or "byte 200").
    case unexpectedCharacter(String)
    case numberTooLarge(String)
    case percentageOutOfRange(String)
    case durationTooLarge(String)
    /// A suffix after a number that is not a time unit.
    case unknownUnit(String)
    /// A reserved word where a name was wanted; `what` says which name.
    case reservedWord(String, as: String)
    case tooDeep(limit: Int)
    case notAssignable
    case parameterTwice(String)
    case restNotLast
    case argumentTwice(String)
    case positionalAfterNamed
    case fieldTwice(String)

    var kind: Diagnostic.Kind {
        switch self {
        case .unexpectedEnd, .unterminatedString, .unterminatedInterpolation: .incompleteInput
        case .interpolationTooDeep, .tooDeep: .limit
        default: .syntax
        }
    }

    var message: String {
        switch self {
        case .unexpectedEnd(let what): "unexpected end of input: expected \(what)"
        case .expected(let what, let found): "expected \(what), found \(found)"
        case .unterminatedString: "unterminated string"
        case .unterminatedInterpolation: "unterminated `{` in string interpolation"
        case .emptyInterpolation: "empty `{}` in string; write `\\{` for a brace"
        case .interpolationTooDeep(let limit): "string interpolations nest too deeply (limit \(limit))"
        case .unknownEscape(let c): "unknown escape `\\\(c)`; use \\n \\t \\\" \\\\ \\{ \\}"
        case .bang: "unexpected `!`; write `not` for negation"
        case .nulByte: "unexpected NUL byte"
        case .singleQuote: "unexpected `'`; strings use double quotes"
        case .unexpectedCharacter(let shown): "unexpected character \(shown)"
        case .numberTooLarge(let text): "number `\(text)` is too large"
        case .percentageOutOfRange(let text): "a percentage must lie between 0% and 100%; got \(text)%"
        case .durationTooLarge(let text): "duration `\(text)` is too large"
        case .unknownUnit(let suffix):
            "unknown unit `\(suffix)` after a number; time units are "
                + TimeUnit.suffixes.map { "`\($0)`" }.joined(separator: ", ")
        case .reservedWord(let word, let what): "`\(word)` is a reserved word and cannot be \(what)"
        case .tooDeep(let limit): "expression nests more than \(limit) levels deep"
        case .notAssignable:
            "only a name can be assigned to; records and lists are values that cannot be changed in place"
        case .parameterTwice(let name): "parameter `\(name)` appears twice"
        case .restNotLast: "only the last parameter can collect the remaining arguments"
        case .argumentTwice(let name): "argument `\(name)` is given twice"
        case .positionalAfterNamed: "positional arguments must come before named ones"
        case .fieldTwice(let name): "field `\(name)` appears twice in the record"
        }
    }

    var notes: [String] {
        switch self {
        case .tooDeep: ["help: split it into named parts"]
        default: []
        }
    }
}
