import Glibc

/// Numeric functions on plain numbers.
enum MathBuiltins {
    private static func unary(
        _ name: String, _ f: @escaping @Sendable (Double) -> Double, domain: (@Sendable (Double) -> Bool)? = nil,
        why: String = ""
    )
        -> NativeFunction
    {
        NativeFunction(
            name,
            leaf: .one { value, _ in
                guard case .number(let x) = value else {
                    throw ArgumentError.mustBe("x", expected: "a number", got: Operators.describe(value))
                }
                if let domain, !domain(x) {
                    throw ArgumentError.outOfDomain(name, why: why, got: Display.number(x))
                }
                return .number(f(x))
            })
    }

    static let functions: [NativeFunction] = [
        NativeFunction(
            "abs",
            leaf: .one { value, _ in
                switch value {
                case .number(let x): return .number(Swift.abs(x))
                case .time(let x, let e, _): return .time(Swift.abs(x), exponent: e, unit: 0)
                default:
                    throw ArgumentError.mustBe("x", expected: "a number or a duration", got: Operators.describe(value))
                }
            }),
        unary("sqrt", { $0.squareRoot() }, domain: { $0 >= 0 }, why: "needs a number that is not negative"),
        unary("exp", { Glibc.exp($0) }),
        unary("ln", { Glibc.log($0) }, domain: { $0 > 0 }, why: "needs a positive number"),
        unary("log10", { Glibc.log10($0) }, domain: { $0 > 0 }, why: "needs a positive number"),
        unary("floor", { $0.rounded(.down) }),
        unary("ceil", { $0.rounded(.up) }),
        NativeFunction("round", 2) { args in
            let x = try args.number(0, "x")
            let digits = try args.integer(1, "digits", in: -15...15)
            let scale = Glibc.pow(10, Double(digits))
            return .number((x * scale).rounded() / scale)
        },
        NativeFunction(
            "min", 1, pairwise: { a, b, machine in try better(a, b, wantLess: true) { try machine.tick($0) } },
            { args in try extreme(args, wantLess: true) }),
        NativeFunction(
            "max", 1, pairwise: { a, b, machine in try better(a, b, wantLess: false) { try machine.tick($0) } },
            { args in try extreme(args, wantLess: false) }),
    ]

    private static func extreme(_ args: NativeArguments, wantLess: Bool) throws -> Value {
        let items = try args.items(0)
        try args.charge(items.count)
        guard var best = items.first else {
            throw ArgumentError.needsAValue(wantLess ? "min" : "max")
        }
        for item in items.dropFirst() { best = try better(best, item, wantLess: wantLess, progress: args.charge) }
        return best
    }

    /// The lesser (or greater) of the best so far and the next item; the first on a tie.
    /// `progress` is told the work of comparing two long strings (`Operators.orderStrings`).
    private static func better(_ best: Value, _ item: Value, wantLess: Bool, progress: @escaping (Int) throws -> Void)
        throws
        -> Value
    {
        let order = try Operators.compare(item, best, progress: progress)
        return wantLess ? (order < 0 ? item : best) : (order > 0 ? item : best)
    }
}
