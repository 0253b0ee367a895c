/// Reading one value from text, for `parse`: the parser's own rules, so that what hadr
/// accepts in a script (`99.9%`, `30d`, `43m 48s`, `2 hours`) it accepts from the
/// command line too, and nothing that would run code.
extension Parser {
    /// The literal a whole text spells: a number, a percentage, a duration (quantities
    /// side by side too), a quoted string, `true` or `false`, optionally after a minus sign
    /// for a number or a duration. Nil for any other expression or for more than one; a
    /// text that is not valid hadr throws its syntax error.
    static func literal(spelledBy text: String) throws(Diagnostic) -> Literal? {
        let statements = try parse(SourceFile(name: "<parse>", text: text))
        guard statements.count == 1, case .expression(let expression) = statements[0].kind else { return nil }
        switch expression.kind {
        case .literal(.none): return nil
        case .literal(let literal): return literal
        case .unary(.negate, let operand):
            switch operand.kind {
            case .literal(.number(let x)): return .number(-x)
            case .literal(.duration(let seconds, let unit)): return .duration(seconds: -seconds, unit: unit)
            default: return nil
            }
        default: return nil
        }
    }
}
