/// What the lexer and the parser find wrong in a text.
enum SyntaxError: ErrorMessage {
    /// The text ends where `expected` was wanted: the REPL asks for another line.
    case unexpectedEnd(expected: String)
    /// Something else than `expected` was found, described as the parser names tokens.
    case expected(String, found: String)
    case unterminatedString
    /// A raw string `'...'` with no closing `'`.
    case unterminatedRawString
    case unterminatedInterpolation
    case emptyInterpolation
    case interpolationTooDeep(limit: Int)
    case unknownEscape(String)
    case bang
    case nulByte
    /// `->`, which some calculators use for conversion.
    case arrow
    /// A character no token starts with, as shown (`` `@` `` or "byte 200").
    case unexpectedCharacter(String)
    case numberTooLarge(String)
    case percentageOutOfRange(String)
    case durationTooLarge(String)
    /// A suffix after a number that is not a time unit, and the number as written.
    case unknownUnit(String, number: String)
    /// A bare number right after a duration literal (`1h 30`): the number and the duration as written.
    case unitlessAfterDuration(String, after: String)
    /// Durations side by side whose units do not shrink (`30m 1h`), as written.
    case unitsOutOfOrder(String)
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
        case .unexpectedEnd, .unterminatedString, .unterminatedRawString, .unterminatedInterpolation: .incompleteInput
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
        case .unknownEscape(let c): "unknown escape `\\\(c)`; use \\n \\r \\t \\\" \\\\ \\{ \\}"
        case .bang: "unexpected `!`; write `not` for negation"
        case .nulByte: "unexpected NUL byte"
        case .unterminatedRawString: "unterminated raw string: `'` starts one and the next `'` ends it"
        case .arrow: "`->` is not an operator; write `to` to convert: `8.76h to m`"
        case .unexpectedCharacter(let shown): "unexpected character \(shown)"
        case .numberTooLarge(let text): "number `\(text)` is too large"
        case .percentageOutOfRange(let text): "a percentage must lie between 0% and 100%; got \(text)%"
        case .durationTooLarge(let text): "duration `\(text)` is too large"
        case .unknownUnit(let suffix, _):
            "unknown unit `\(suffix)` after a number; time units are "
                + TimeUnit.suffixes.map { "`\($0)`" }.joined(separator: ", ") + ", or spelled out (`minutes`)"
        case .unitlessAfterDuration(let number, let after):
            "`\(after) \(number)`: a number written after a duration needs its unit (`1h 30m`)"
        case .unitsOutOfOrder(let written):
            "`\(written)`: durations written side by side go from the largest unit to the smallest, "
                + "each unit once (`1h 30m 15s`)"
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
        case .unknownUnit(let suffix, let number):
            TimeUnit.meant(by: suffix).map { ["help: did you mean `\(number)\($0.symbol)`?"] } ?? []
        default: []
        }
    }
}
