/// Errors a builtin raises inside a library function, worded for the user's call.
extension Library {
    /// The message of an error a builtin raised inside the library function `function`,
    /// naming the user's argument instead of the builtin's parameter: when `function`
    /// passed one of its own parameters unchanged to the builtin called in `call`
    /// (`unavailability(target)` inside `mttr_for`), the message's leading `` `a` `` becomes
    /// `` `target` ``, the name the user knows. Nil when the message names no parameter
    /// passed that way.
    static func messageNamingUserArgument(_ message: String, call: String, in function: String) -> String? {
        guard message.first == "`", let close = message.dropFirst().firstIndex(of: "`") else { return nil }
        let named = String(message[message.index(after: message.startIndex)..<close])
        guard let outer = entry(named: function),
            let statements = try? Parser.parse(SourceFile(name: "<call>", text: call)), statements.count == 1,
            case .expression(let expression) = statements[0].kind,
            case .call(let callee, let arguments) = expression.kind, case .name(let builtin) = callee.kind,
            let inner = entry(named: builtin)
        else { return nil }
        var position = 0
        for argument in arguments {
            let parameter: String?
            if let label = argument.label {
                parameter = label
            } else {
                parameter = position < inner.labels.count ? inner.labels[position] : nil
                position += 1
            }
            guard parameter == named else { continue }
            guard case .name(let passed) = argument.value.kind, outer.labels.contains(passed), passed != named
            else { return nil }
            return "`\(passed)`" + message[message.index(after: close)...]
        }
        return nil
    }
}
