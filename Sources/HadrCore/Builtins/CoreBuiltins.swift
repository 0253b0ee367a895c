/// `print`, `assert`, `help`, `type`, `fail`.
enum CoreBuiltins {
    static let functions: [NativeFunction] = [
        NativeFunction("print", 1) { args in
            let items = try args.list(0, "values")
            args.write(try args.joined(items, separator: " ", layout: args.machine.layout) + "\n")
            return .none
        },
        NativeFunction("assert", 2) { args in
            guard case .bool(let ok) = args[0] else {
                throw args.wrong("condition", expected: "`true` or `false`", args[0])
            }
            if !ok {
                let message = if case .string(let s) = args[1] { s } else { Display.text(args[1]) }
                throw BuiltinError.assertion(message)
            }
            return .none
        },
        NativeFunction("fail", 1) { args in
            throw BuiltinError.failed(Display.text(args[0]))
        },
        NativeFunction("help", 1) { args in
            if !args.isAbsent(0), case .string(let topic) = args[0] { try args.charge(topic.utf8.count >> 8) }
            args.write(Help.text(for: args.isAbsent(0) ? nil : args[0], in: args.machine))
            return .none
        },
        NativeFunction("type", 1) { args in
            .string(args[0].typeName)
        },
    ]
}
