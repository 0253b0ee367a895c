/// Functions on strings.
enum TextBuiltins {
    static let functions: [NativeFunction] = [
        NativeFunction("str", 1) { args in .string(try args.text(of: args[0])) },
        NativeFunction("join", 2) { args in
            let items = try args.list(0, "list")
            let separator = try args.string(1, "separator")
            return .string(try args.joined(items, separator: separator))
        },
    ]
}
