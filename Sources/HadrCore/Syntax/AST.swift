/// A literal value written in the source.
enum Literal: Sendable {
    case number(Double)
    case availability(unavailability: Double)
    /// A percentage below 50%, kept as its fraction.
    case percentage(Double)
    case duration(seconds: Double, unit: TimeUnit)
    /// A duration with months, quarters or years in it, measured on the session's calendar when it runs.
    case calendarDuration(CalendarDuration)
    case string(String)
    case bool(Bool)
    case none
}

/// Unary operators.
enum UnaryOperator: Sendable {
    case negate, not
}

/// Binary operators other than `and`/`or`, which short-circuit.
enum BinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case power = "^"
    case series = "&"
    case parallel = "|"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
}

/// What `to` converts into.
enum ConversionTarget: Sendable, Equatable {
    case percent
    case time(TimeUnit)
    case rate(TimeUnit)
}

/// An argument in a call: positional or `label: value`.
struct CallArgument: Sendable {
    var label: String?
    var value: Expr
    var range: SourceRange
}

/// A function parameter, with its default and whether it collects the remaining arguments.
struct Parameter: Sendable {
    var name: String
    var defaultValue: Expr?
    var isRest: Bool
    var range: SourceRange
}

/// A named or anonymous function; a named one without a body declares a native builtin.
struct FunctionDecl: Sendable {
    var name: String?
    var parameters: [Parameter]
    var body: Expr?
    var doc: String?
    var range: SourceRange
}

/// A piece of an interpolated string after parsing.
enum TemplateSegment: Sendable {
    case text(String)
    case expr(Expr)
}

/// An expression with its source range.
struct Expr: Sendable {
    var kind: ExprKind
    var range: SourceRange

    init(_ kind: ExprKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// The expression forms.
indirect enum ExprKind: Sendable {
    case literal(Literal)
    case template([TemplateSegment])
    case name(String)
    case list([Expr])
    case record([(name: String, value: Expr, range: SourceRange)])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case convert(Expr, ConversionTarget)
    case range(Expr, Expr)
    case call(Expr, [CallArgument])
    case index(Expr, Expr)
    case field(Expr, String, SourceRange)
    case function(FunctionDecl)
    case ifElse(Expr, Expr, Expr?)
    case block([Stmt])
    case forIn(name: String, nameRange: SourceRange, sequence: Expr, body: [Stmt])
    case whileLoop(Expr, [Stmt])
}

/// A statement with its source range.
struct Stmt: Sendable {
    var kind: StmtKind
    var range: SourceRange
}

/// The statement forms.
enum StmtKind: Sendable {
    case expression(Expr)
    case assign(name: String, nameRange: SourceRange, value: Expr)
    /// Boxed: a declaration is large, and most statements are not one.
    indirect case function(FunctionDecl)
    case importFile(path: String, pathRange: SourceRange)
}
