// The grammar of hadr, loosest binding first (EBNF). NEWLINE ends a statement except
// inside ( ) [ ] { } and right after a binary operator, where it is ignored.
//
//   program     = { statement terminator } EOF ;
//   terminator  = NEWLINE | ";" ;
//   statement   = "fn" IDENT params [ "=" expression ]        (* no body: a native builtin *)
//               | "import" STRING
//               | IDENT "=" expression
//               | expression ;
//   params      = "(" [ param { "," param } [ "," ] ] ")" ;
//   param       = [ "..." ] IDENT [ "=" expression ] ;
//   expression  = logic_or { "to" target } ;
//   target      = "%" | UNIT | "/" UNIT ;
//   logic_or    = logic_and { "or" logic_and } ;
//   logic_and   = logic_not { "and" logic_not } ;
//   logic_not   = "not" logic_not | comparison ;
//   comparison  = range { ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) range } ;
//   range       = parallel [ ".." parallel ] ;
//   parallel    = series { "|" series } ;
//   series      = additive { "&" additive } ;
//   additive    = term { ( "+" | "-" ) term } ;
//   term        = unary { ( "*" | "/" ) unary } ;
//   unary       = "-" unary | power ;
//   power       = postfix [ "^" unary ] ;
//   postfix     = primary { "(" [ argument { "," argument } [ "," ] ] ")" | "[" expression "]" | "." IDENT } ;
//   argument    = [ IDENT ":" ] expression ;
//   primary     = NUMBER | PERCENT | duration | STRING | "true" | "false" | "none" | IDENT
//               | "(" expression ")"
//               | "[" [ expression { "," expression } [ "," ] ] "]"
//               | "{" [ field { "," field } [ "," ] ] "}"
//               | "fn" params "=" expression
//               | "if" expression "then" branch [ "else" branch ]
//               | "do" block "end"
//               | "for" IDENT "in" expression "do" block "end"
//               | "while" expression "do" block "end" ;
//   branch      = IDENT "=" expression | expression ;      (* an assignment is a one-statement block *)
//   field       = ( IDENT | STRING ) ":" expression ;
//   block       = { statement terminator } ;
//   duration    = quantity { quantity } ;                   (* side by side they add: `43m 48s` *)
//   quantity    = DURATION | NUMBER UNIT_WORD ;             (* `5 min`, `2 hours`, `30 days` *)
//
// A UNIT_WORD is an identifier that names a time unit (`h`, `min`, `hour`, `hours`, ...)
// written on the same line as the number before it and not followed by `(`, so `5 min`
// is five minutes while `min(a, b)`, `2 * d` and `x = 5` NEWLINE `m = 3` keep their
// meaning: a number followed by a name was never valid, so no program changes meaning.
// Quantities side by side go from the largest unit to the smallest, each unit once.
// STRING is `"..."` (escapes, `{expr}` interpolation) or a raw `'...'`.

/// Builds the syntax tree from tokens; reports an unfinished text as `.incompleteInput`.
struct Parser {
    /// How deeply brackets, blocks and prefix operators may nest.
    static let maxNesting = 256

    private let file: SourceFile
    /// Where more tokens come from: the file's lexer, or nil when `tokens` holds them all
    /// (an interpolation's code).
    private var lexer: Lexer?
    /// A window on the token stream: the current token, the one before it and what has
    /// been lexed ahead.
    private var tokens: [Token]
    private var index = 0
    /// An error that cut the token stream short: the lexer's, or a limit the checkpoint
    /// reached. The parser sees the end of input there, and this error replaces whatever
    /// it made of that.
    private var streamError: Diagnostic?
    /// Whether `streamError` is a limit the checkpoint reached, not the lexer's error.
    private var stoppedByLimit = false
    /// Called each time more of the file is lexed, so that a time limit or an interrupt
    /// stops a long parse.
    private let checkpoint: Checkpoint?
    private var ignoreNewlines: [Bool] = [false]
    private var nesting = 0

    init(file: SourceFile, tokens: [Token]) {
        self.file = file
        self.tokens = tokens
        self.checkpoint = nil
    }

    private init(file: SourceFile, checkpoint: Checkpoint?) {
        self.file = file
        self.lexer = Lexer(file)
        self.lexer?.checkpoint = checkpoint
        self.tokens = []
        self.checkpoint = checkpoint
    }

    /// Lexes and parses a whole file, pulling tokens from the lexer as it goes. The first
    /// error in the text is the one reported, whether the lexer or the parser finds it.
    static func parse(_ file: SourceFile, checkpoint: Checkpoint? = nil) throws(Diagnostic)
        -> [Stmt]
    {
        var parser = Parser(file: file, checkpoint: checkpoint)
        let statements: [Stmt]
        do {
            statements = try parser.program()
        } catch {
            // The tokens before a lexical error were parsed: an error among them comes
            // first in the text. A limit reached while reading always wins.
            guard let stopped = parser.streamError else { throw error }
            if !parser.stoppedByLimit, let at = error.range?.start, let lexical = stopped.range?.start, at < lexical {
                throw error
            }
            throw stopped
        }
        if let stopped = parser.streamError { throw stopped }
        return statements
    }

    // MARK: Token access

    /// How many tokens the lexer adds to the window at a time.
    private static let lexChunk = 4096

    /// The token `offset` places from the current one (-1 is the one before it), lexing
    /// more of the file when the window runs out. Past the end it is `.endOfInput`.
    private mutating func token(_ offset: Int = 0) -> Token {
        if index + offset >= tokens.count { pull(through: index + offset) }
        return tokens[min(max(0, index + offset), tokens.count - 1)]
    }

    /// Lexes until the window holds position `wanted`, first dropping every token before
    /// the one just read.
    private mutating func pull(through wanted: Int) {
        guard lexer != nil else { return }
        let consumed = max(0, index - 1)
        if consumed > 0 {
            tokens.removeFirst(consumed)
            index -= consumed
        }
        let target = wanted - consumed
        do throws(Diagnostic) {
            while tokens.count <= target {
                do throws(Diagnostic) { try checkpoint?() } catch {
                    // A limit reached while reading is shown where reading stopped.
                    endStream(error.placed(in: file, at: tokens.last?.range ?? SourceRange(0, 0)), byLimit: true)
                    return
                }
                guard try lexer?.next(into: &tokens, atLeast: Self.lexChunk) == true else { return }
            }
        } catch {
            // The lexer's own error, or a limit its checkpoint reached inside a long string.
            endStream(error, byLimit: error.kind == .limit || error.kind == .interrupted)
        }
    }

    /// Ends the token stream where `error` happened: the parser sees the end of input there.
    private mutating func endStream(_ error: Diagnostic, byLimit: Bool) {
        streamError = error
        stoppedByLimit = byLimit
        lexer = nil
        let at = error.range?.start ?? file.bytes.count
        tokens.append(Token(.endOfInput, SourceRange(at, at)))
    }

    private mutating func skipIgnoredNewlines() {
        if ignoreNewlines.last == true {
            while token().isNewline { index += 1 }
        }
    }

    private var current: Token {
        mutating get {
            skipIgnoredNewlines()
            return token()
        }
    }

    /// The token after the current one, newlines included.
    private var next: Token {
        mutating get {
            skipIgnoredNewlines()
            return token(1)
        }
    }

    @discardableResult
    private mutating func advance() -> Token {
        skipIgnoredNewlines()
        let read = token()
        if !read.isEnd { index += 1 }
        return read
    }

    private mutating func skipNewlines() {
        while token().isNewline { index += 1 }
    }

    private mutating func consume(_ symbol: Symbol) -> Bool {
        if current.is(symbol) {
            advance()
            return true
        }
        return false
    }

    private mutating func consume(_ keyword: Keyword) -> Bool {
        if current.is(keyword) {
            advance()
            return true
        }
        return false
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .endOfInput: "end of input"
        case .newline: "a new line"
        case .number, .percent, .duration: "number `\(file.text(in: token.range))`"
        case .string, .template: "a string"
        case .identifier(let name): "`\(name)`"
        case .keyword(let k): "`\(k.rawValue)`"
        case .symbol(let s): "`\(s.rawValue)`"
        }
    }

    private func error(_ error: SyntaxError, _ range: SourceRange) -> Diagnostic {
        Diagnostic(error, file: file, range: range)
    }

    private mutating func failure(expected what: String) -> Diagnostic {
        let token = current
        if token.isEnd { return error(.unexpectedEnd(expected: what), token.range) }
        return error(.expected(what, found: describe(token)), token.range)
    }

    private mutating func expect(_ symbol: Symbol, _ what: String) throws(Diagnostic) -> Token {
        if current.is(symbol) { return advance() }
        throw failure(expected: what)
    }

    private mutating func expect(_ keyword: Keyword, _ what: String) throws(Diagnostic) -> Token {
        if current.is(keyword) { return advance() }
        throw failure(expected: what)
    }

    private mutating func identifier(_ what: String) throws(Diagnostic) -> (String, SourceRange) {
        let token = current
        if case .identifier(let name) = token.kind {
            advance()
            return (name, token.range)
        }
        if case .keyword(let k) = token.kind {
            throw error(.reservedWord(k.rawValue, as: what), token.range)
        }
        throw failure(expected: what)
    }

    private mutating func enter(_ range: SourceRange) throws(Diagnostic) {
        nesting += 1
        if nesting > Self.maxNesting {
            throw error(.tooDeep(limit: Self.maxNesting), range)
        }
    }

    // MARK: Statements

    private mutating func program() throws(Diagnostic) -> [Stmt] {
        let statements = try block(closers: [])
        if !current.isEnd { throw failure(expected: "a statement") }
        return statements
    }

    /// Statements up to (not including) one of the closing keywords or the end of input.
    private mutating func block(closers: [Keyword]) throws(Diagnostic) -> [Stmt] {
        ignoreNewlines.append(false)
        defer { ignoreNewlines.removeLast() }
        var statements: [Stmt] = []
        while true {
            while token().isNewline || token().is(.semicolon) { index += 1 }
            let first = token()
            if first.isEnd { break }
            if case .keyword(let k) = first.kind, closers.contains(k) { break }
            statements.append(try statement())
            let after = token()
            if after.isNewline || after.is(.semicolon) || after.isEnd { continue }
            if case .keyword(let k) = after.kind, closers.contains(k) { continue }
            throw failure(expected: "a new line or `;` after the statement")
        }
        return statements
    }

    private mutating func statement() throws(Diagnostic) -> Stmt {
        let token = current
        if token.is(.fn), case .identifier = next.kind {
            let decl = try function(named: true)
            return Stmt(kind: .function(decl), range: decl.range)
        }
        if token.is(.import) {
            advance()
            let pathToken = current
            guard case .string(let path) = pathToken.kind else {
                throw failure(expected: "a file name in quotes after `import`")
            }
            advance()
            return Stmt(
                kind: .importFile(path: path, pathRange: pathToken.range), range: token.range.to(pathToken.range))
        }
        if case .identifier(let name) = token.kind, next.is(.assign) {
            advance()
            advance()
            skipNewlines()
            let value = try expression()
            return Stmt(
                kind: .assign(name: name, nameRange: token.range, value: value), range: token.range.to(value.range))
        }
        let expr = try expression()
        if current.is(.assign) {
            throw error(.notAssignable, current.range)
        }
        return Stmt(kind: .expression(expr), range: expr.range)
    }

    private mutating func function(named: Bool) throws(Diagnostic) -> FunctionDecl {
        let fnToken = advance()
        var name: String?
        if named { name = try identifier("a function name").0 }
        _ = try expect(.leftParen, "`(` to start the parameters")
        ignoreNewlines.append(true)
        var parameters: [Parameter] = []
        while !current.is(.rightParen) {
            let start = current.range
            let isRest = consume(.ellipsis)
            let (pname, prange) = try identifier("a parameter name")
            if parameters.contains(where: { $0.name == pname }) {
                throw error(.parameterTwice(pname), prange)
            }
            var defaultValue: Expr?
            if consume(.assign) { defaultValue = try expression() }
            parameters.append(
                Parameter(name: pname, defaultValue: defaultValue, isRest: isRest, range: start.to(prange)))
            if !consume(.comma) { break }
        }
        let close = try expect(.rightParen, "`,` or `)` in the parameters")
        ignoreNewlines.removeLast()
        if let rest = parameters.dropLast().first(where: \.isRest) {
            throw error(.restNotLast, rest.range)
        }
        var body: Expr?
        if consume(.assign) {
            skipNewlines()
            body = try expression()
        } else if !named {
            throw failure(expected: "`=` and the body of the function")
        }
        return FunctionDecl(
            name: name, parameters: parameters, body: body, doc: fnToken.doc,
            range: fnToken.range.to(body?.range ?? close.range))
    }

    // MARK: Expressions

    /// Parses one expression.
    mutating func expression() throws(Diagnostic) -> Expr {
        var expr = try logicOr()
        while current.is(.to) {
            let toToken = advance()
            let target = try conversionTarget(after: toToken)
            expr = Expr(.convert(expr, target.0), expr.range.to(target.1))
        }
        return expr
    }

    private mutating func conversionTarget(after toToken: Token) throws(Diagnostic) -> (ConversionTarget, SourceRange) {
        let token = current
        if token.is(.percent) {
            advance()
            return (.percent, token.range)
        }
        var isRate = false
        if token.is(.slash) {
            advance()
            isRate = true
        }
        let unitToken = current
        if case .identifier(let name) = unitToken.kind, let unit = TimeUnit(word: name) {
            advance()
            return (isRate ? .rate(unit) : .time(unit), token.range.to(unitToken.range))
        }
        throw failure(expected: "a unit after `to`: `%`, a time unit such as `m` or `h`, or `/h` for a rate")
    }

    private mutating func logicOr() throws(Diagnostic) -> Expr {
        var left = try logicAnd()
        while consume(.or) {
            skipNewlines()
            let right = try logicAnd()
            left = Expr(.or(left, right), left.range.to(right.range))
        }
        return left
    }

    private mutating func logicAnd() throws(Diagnostic) -> Expr {
        var left = try logicNot()
        while consume(.and) {
            skipNewlines()
            let right = try logicNot()
            left = Expr(.and(left, right), left.range.to(right.range))
        }
        return left
    }

    private mutating func logicNot() throws(Diagnostic) -> Expr {
        if current.is(.not) {
            let token = advance()
            try enter(token.range)
            defer { nesting -= 1 }
            let operand = try logicNot()
            return Expr(.unary(.not, operand), token.range.to(operand.range))
        }
        return try comparison()
    }

    private static let comparisons: [Symbol: BinaryOperator] = [
        .equal: .equal, .notEqual: .notEqual, .less: .less, .lessEqual: .lessEqual,
        .greater: .greater, .greaterEqual: .greaterEqual,
    ]

    private mutating func comparison() throws(Diagnostic) -> Expr {
        var left = try range()
        while case .symbol(let s) = current.kind, let op = Self.comparisons[s] {
            advance()
            skipNewlines()
            let right = try range()
            left = Expr(.binary(op, left, right), left.range.to(right.range))
        }
        return left
    }

    private mutating func range() throws(Diagnostic) -> Expr {
        let left = try binary(level: 0)
        if consume(.dotDot) {
            skipNewlines()
            let right = try binary(level: 0)
            return Expr(.range(left, right), left.range.to(right.range))
        }
        return left
    }

    /// The left-associative binary levels, loosest first.
    private static let levels: [[Symbol: BinaryOperator]] = [
        [.pipe: .parallel],
        [.ampersand: .series],
        [.plus: .add, .minus: .subtract],
        [.star: .multiply, .slash: .divide],
    ]

    private mutating func binary(level: Int) throws(Diagnostic) -> Expr {
        if level == Self.levels.count { return try unary() }
        var left = try binary(level: level + 1)
        while case .symbol(let s) = current.kind, let op = Self.levels[level][s] {
            advance()
            skipNewlines()
            let right = try binary(level: level + 1)
            left = Expr(.binary(op, left, right), left.range.to(right.range))
        }
        return left
    }

    private mutating func unary() throws(Diagnostic) -> Expr {
        let token = current
        try enter(token.range)
        defer { nesting -= 1 }
        if token.is(.minus) {
            advance()
            let operand = try unary()
            return Expr(.unary(.negate, operand), token.range.to(operand.range))
        }
        let base = try postfix()
        if consume(.caret) {
            skipNewlines()
            let exponent = try unary()
            return Expr(.binary(.power, base, exponent), base.range.to(exponent.range))
        }
        return base
    }

    private mutating func postfix() throws(Diagnostic) -> Expr {
        var expr = try primary()
        while true {
            // A bracket on the next line starts a new statement, not a call or an index.
            let raw = token()
            if raw.is(.leftParen) {
                advance()
                expr = try call(expr)
            } else if raw.is(.leftBracket) {
                advance()
                ignoreNewlines.append(true)
                let subscriptExpr = try expression()
                let close = try expect(.rightBracket, "`]` to close the index")
                ignoreNewlines.removeLast()
                expr = Expr(.index(expr, subscriptExpr), expr.range.to(close.range))
            } else if raw.is(.dot) || (ignoreNewlines.last == true && current.is(.dot)) {
                advance()
                // Any word may name a field (`timeline.to`), reserved or not.
                let token = current
                let name: String
                if case .keyword(let k) = token.kind {
                    advance()
                    name = k.rawValue
                } else {
                    name = try identifier("a field name after `.`").0
                }
                expr = Expr(.field(expr, name, token.range), expr.range.to(token.range))
            } else {
                return expr
            }
        }
    }

    private mutating func call(_ callee: Expr) throws(Diagnostic) -> Expr {
        ignoreNewlines.append(true)
        var arguments: [CallArgument] = []
        var seenLabel = false
        while !current.is(.rightParen) {
            let start = current
            var label: String?
            if case .identifier(let name) = start.kind, next.is(.colon) {
                advance()
                advance()
                label = name
                if arguments.contains(where: { $0.label == name }) {
                    throw error(.argumentTwice(name), start.range)
                }
                seenLabel = true
            } else if seenLabel {
                throw error(.positionalAfterNamed, start.range)
            }
            let value = try expression()
            arguments.append(CallArgument(label: label, value: value, range: start.range.to(value.range)))
            if !consume(.comma) { break }
        }
        let close = try expect(.rightParen, "`,` or `)` in the arguments")
        ignoreNewlines.removeLast()
        return Expr(.call(callee, arguments), callee.range.to(close.range))
    }

    private mutating func primary() throws(Diagnostic) -> Expr {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            guard let unit = unitWord() else {
                // A number and a name on one line is never valid: a unit hadr does not know
                // (`5 mins`, `1 hr`) is the likely intent.
                if case .identifier(let word) = self.token().kind, !self.token(1).is(.leftParen) {
                    throw error(.unknownUnit(word, number: file.text(in: token.range)), self.token().range)
                }
                return Expr(.literal(.number(value)), token.range)
            }
            return try duration(first: try quantity(value, unit, token))
        case .percent(let fraction, let u):
            advance()
            let literal: Literal = fraction < 0.5 ? .percentage(fraction) : .availability(unavailability: u)
            return Expr(.literal(literal), token.range)
        case .duration(let count, let unit):
            advance()
            return try duration(first: (count, unit, token.range))
        case .string(let text):
            advance()
            return Expr(.literal(.string(text)), token.range)
        case .template(let parts):
            advance()
            return Expr(.template(try template(parts)), token.range)
        case .identifier(let name):
            advance()
            return Expr(.name(name), token.range)
        case .keyword(.true):
            advance()
            return Expr(.literal(.bool(true)), token.range)
        case .keyword(.false):
            advance()
            return Expr(.literal(.bool(false)), token.range)
        case .keyword(.none):
            advance()
            return Expr(.literal(.none), token.range)
        case .symbol(.leftParen):
            advance()
            ignoreNewlines.append(true)
            var inner = try expression()
            let close = try expect(.rightParen, "`)` to close `(`")
            ignoreNewlines.removeLast()
            inner.range = token.range.to(close.range)
            return inner
        case .symbol(.leftBracket):
            advance()
            ignoreNewlines.append(true)
            var items: [Expr] = []
            while !current.is(.rightBracket) {
                items.append(try expression())
                if !consume(.comma) { break }
            }
            let close = try expect(.rightBracket, "`,` or `]` in the list")
            ignoreNewlines.removeLast()
            return Expr(.list(items), token.range.to(close.range))
        case .symbol(.leftBrace):
            advance()
            return try record(open: token)
        case .keyword(.fn):
            let decl = try function(named: false)
            return Expr(.function(decl), decl.range)
        case .keyword(.if):
            return try ifExpression()
        case .keyword(.do):
            advance()
            let body = try block(closers: [.end])
            let end = try expect(.end, "`end` to close `do`")
            return Expr(.block(body), token.range.to(end.range))
        case .keyword(.for):
            advance()
            let (name, nameRange) = try identifier("a loop variable after `for`")
            _ = try expect(.in, "`in` after the loop variable")
            let sequence = try expression()
            _ = try expect(.do, "`do` after the loop's list")
            let body = try block(closers: [.end])
            let end = try expect(.end, "`end` to close `for`")
            return Expr(
                .forIn(name: name, nameRange: nameRange, sequence: sequence, body: body), token.range.to(end.range))
        case .keyword(.while):
            advance()
            let condition = try expression()
            _ = try expect(.do, "`do` after the loop's condition")
            let body = try block(closers: [.end])
            let end = try expect(.end, "`end` to close `while`")
            return Expr(.whileLoop(condition, body), token.range.to(end.range))
        default:
            throw failure(expected: "an expression")
        }
    }

    /// The time unit named by the word right after a number, if it is one: on the same line
    /// and not called (`5 min` but not `5 min(a)`); consumes it.
    private mutating func unitWord() -> TimeUnit? {
        guard case .identifier(let word) = token().kind, let unit = TimeUnit(word: word),
            !token(1).is(.leftParen)
        else { return nil }
        index += 1
        return unit
    }

    /// A number and the unit word after it, as one quantity.
    private mutating func quantity(_ value: Double, _ unit: TimeUnit, _ number: Token) throws(Diagnostic) -> (
        Double, TimeUnit, SourceRange
    ) {
        let range = number.range.to(token(-1).range)
        guard (value * unit.seconds).isFinite else { throw error(.durationTooLarge(file.text(in: range)), range) }
        return (value, unit, range)
    }

    /// A duration literal and the quantities written side by side after it (`1h 30m`), summed.
    /// With months, quarters or years in it, it is measured on the session's calendar.
    private mutating func duration(first: (Double, TimeUnit, SourceRange)) throws(Diagnostic) -> Expr {
        var (count, unit, range) = first
        let firstUnit = unit
        var parts = CalendarDuration()
        parts.add(count, unit)
        while true {
            let read = token()
            var next: (Double, TimeUnit, SourceRange)
            switch read.kind {
            case .duration(let c, let u):
                index += 1
                next = (c, u, read.range)
            case .number(let value):
                index += 1
                guard let u = unitWord() else {
                    throw error(
                        .unitlessAfterDuration(file.text(in: read.range), after: file.text(in: range)), read.range)
                }
                next = try quantity(value, u, read)
            default:
                let isCalendar = parts.months != 0 || parts.quarters != 0 || parts.years != 0
                let literal: Literal =
                    isCalendar ? .calendarDuration(parts) : .duration(seconds: parts.fixed, unit: firstUnit)
                return Expr(.literal(literal), range)
            }
            range = range.to(next.2)
            guard next.1.seconds < unit.seconds else { throw error(.unitsOutOfOrder(file.text(in: range)), range) }
            (count, unit) = (next.0, next.1)
            parts.add(count, unit)
            guard parts.seconds(in: .standard).isFinite else {
                throw error(.durationTooLarge(file.text(in: range)), range)
            }
        }
    }

    private mutating func ifExpression() throws(Diagnostic) -> Expr {
        let ifToken = advance()
        let condition = try expression()
        skipNewlines()
        _ = try expect(.then, "`then` after the condition")
        skipNewlines()
        let thenBranch = try branch()
        var elseBranch: Expr?
        var ahead = 0
        while token(ahead).isNewline { ahead += 1 }
        if token(ahead).is(.else) {
            index += ahead + 1
            skipNewlines()
            elseBranch = try branch()
        }
        return Expr(.ifElse(condition, thenBranch, elseBranch), ifToken.range.to(elseBranch?.range ?? thenBranch.range))
    }

    /// A branch of `if`: an expression, or an assignment standing for a one-statement block.
    private mutating func branch() throws(Diagnostic) -> Expr {
        if case .identifier = current.kind, next.is(.assign) {
            let statement = try self.statement()
            return Expr(.block([statement]), statement.range)
        }
        return try expression()
    }

    private mutating func record(open: Token) throws(Diagnostic) -> Expr {
        ignoreNewlines.append(true)
        var fields: [(name: String, value: Expr, range: SourceRange)] = []
        while !current.is(.rightBrace) {
            let nameToken = current
            let name: String
            switch nameToken.kind {
            case .identifier(let n): name = n
            case .string(let s): name = s
            case .keyword(let k): name = k.rawValue
            default: throw failure(expected: "a field name in the record")
            }
            advance()
            _ = try expect(.colon, "`:` after the field name")
            if fields.contains(where: { $0.name == name }) {
                throw error(.fieldTwice(name), nameToken.range)
            }
            let value = try expression()
            fields.append((name, value, nameToken.range))
            if !consume(.comma) { break }
        }
        let close = try expect(.rightBrace, "`,` or `}` in the record")
        ignoreNewlines.removeLast()
        return Expr(.record(fields), open.range.to(close.range))
    }

    private mutating func template(_ parts: [TemplatePart]) throws(Diagnostic) -> [TemplateSegment] {
        var segments: [TemplateSegment] = []
        for (n, part) in parts.enumerated() {
            if n % 1024 == 1023, let checkpoint {
                do throws(Diagnostic) { try checkpoint() } catch { throw error.placed(in: file, at: current.range) }
            }
            switch part {
            case .text(let text):
                segments.append(.text(text))
            case .code(let code, _):
                var inner = Parser(file: file, tokens: code)
                inner.ignoreNewlines = [true]
                inner.nesting = nesting
                let expr = try inner.expression()
                if !inner.current.isEnd { throw inner.failure(expected: "`}` to end the interpolation") }
                segments.append(.expr(expr))
            }
        }
        return segments
    }
}
