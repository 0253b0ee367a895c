/// Functions on strings.
enum TextBuiltins {
    static let functions: [NativeFunction] = [
        NativeFunction("str", 1) { args in .string(try args.text(of: args[0])) },
        NativeFunction("parse", 1) { args in
            let text = try args.string(0, "text")
            try args.charge(text.utf8.count >> 8)
            return try parse(text)
        },
        NativeFunction("options", 2) { args in
            let words = try args.list(0, "args").map { word in
                guard case .string(let s) = word else {
                    throw ArgumentError.mustBe("args", expected: "a list of strings", got: Operators.describe(word))
                }
                return s
            }
            guard case .record(let defaults) = args[1] else {
                throw args.wrong("defaults", expected: "a record such as `{slo: 99.9%}`", args[1])
            }
            return try options(words, defaults: defaults)
        },
        NativeFunction("join", 2) { args in
            let items = try args.list(0, "list")
            let separator = try args.string(1, "separator")
            return .string(try args.joined(items, separator: separator))
        },
    ]

    /// The value a text spells (`parse`).
    static func parse(_ text: String) throws -> Value {
        let literal: Literal?
        do throws(Diagnostic) {
            literal = try Parser.literal(spelledBy: text)
        } catch {
            throw BuiltinError.notAValue(text, reason: error.message)
        }
        guard let literal else { throw BuiltinError.notAValue(text, reason: nil) }
        return Compiler.value(of: literal)
    }

    /// `options(args, defaults)`: the defaults with each `--name VALUE` of the words put in,
    /// and the other words as `rest`.
    static func options(_ words: [String], defaults: RecordBox) throws -> Value {
        var values = defaults.values
        var rest: [Value] = []
        var remaining = words[...]
        let spellings = defaults.names.map { "--" + $0.replacingUnderscores }
        while let word = remaining.popFirst() {
            if word == "--" {
                rest += remaining.map(Value.string)
                break
            }
            guard word.hasPrefix("--"), word.count > 2 else {
                rest.append(.string(word))
                continue
            }
            let spelled = String(word.prefix { $0 != "=" })
            let attached = spelled.count < word.count ? String(word.dropFirst(spelled.count + 1)) : nil
            let name = String(spelled.dropFirst(2)).replacingDashes
            guard let index = defaults.names.firstIndex(of: name) else {
                throw BuiltinError.unknownOption(
                    spelled, suggestion: Suggestion.closest(to: spelled, among: spellings), options: spellings)
            }
            let fallback = defaults.values[index]
            // A flag: `--dry-run` alone sets a `false` default to true.
            if case .bool = fallback, attached == nil, remaining.first.map({ $0 != "true" && $0 != "false" }) ?? true {
                values[index] = .bool(true)
                continue
            }
            guard let text = attached ?? remaining.popFirst() else {
                throw BuiltinError.optionNeedsValue(spelled, like: Display.plain(fallback, quoted: true))
            }
            values[index] = try optionValue(text, option: spelled, like: fallback)
        }
        if let index = defaults.names.firstIndex(of: "rest") {
            values[index] = .list(ListBox(rest))
            return .record(RecordBox(names: defaults.names, values: values))
        }
        return .record(RecordBox(names: defaults.names + ["rest"], values: values + [.list(ListBox(rest))]))
    }

    /// An option's text read as a value of the same kind as its default: a string default
    /// takes the text as it is, `none` takes whatever `parse` reads.
    private static func optionValue(_ text: String, option: String, like fallback: Value) throws -> Value {
        if case .string = fallback { return .string(text) }
        let value: Value
        do {
            value = try parse(text)
        } catch let error as BuiltinError {
            guard case .notAValue(_, let reason) = error else { throw error }
            throw BuiltinError.optionValue(option, text, like: Display.plain(fallback, quoted: true), reason: reason)
        }
        if case .none = fallback { return value }
        guard Self.kind(of: value) == Self.kind(of: fallback) else {
            throw BuiltinError.optionValue(option, text, like: Display.plain(fallback, quoted: true), reason: nil)
        }
        return value
    }

    /// The kinds an option's value must keep: an availability and a share are both percentages.
    private static func kind(of value: Value) -> String {
        switch value {
        case .availability, .percentage: "percentage"
        default: value.typeName
        }
    }
}

extension String {
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
    fileprivate var replacingDashes: String { String(map { $0 == "-" ? "_" : $0 }) }
}
