/// Random hadr programs for the property test and the fuzzer's structure-aware mode
/// (fuzz/run compiles this file into its target too). It writes what users write, and
/// past it: every value form, calls of every builtin with arguments of any kind, and
/// the shapes that break interpreters: nesting deeper than the parser's limits, long
/// operator chains, long loops, big ranges and deep values. Most programs are wrong in
/// some way; the property is only that each ends with a value or a located error.
/// It needs nothing but the standard library: the caller passes the names to call.
struct ProgramGenerator {
    private var state: UInt64
    private let names: [String]
    /// How many choices are left before every choice takes its simplest form, so that a
    /// program stays finite however the choices fall.
    private var budget: Int

    /// `seed` picks the program; `names` are the functions it may call.
    init(seed: UInt64, names: [String], size: Int = 400) {
        state = seed
        self.names = names.isEmpty ? ["len"] : names
        budget = size
    }

    /// A program seeded by bytes (the fuzzer's input): the same bytes, the same program.
    init(bytes: UnsafeBufferPointer<UInt8>, names: [String]) {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for byte in bytes { seed = (seed ^ UInt64(byte)) &* 0x100_0000_01B3 }
        self.init(seed: seed, names: names, size: 100 + bytes.count)
    }

    // MARK: Choices

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<n.
    private mutating func below(_ n: Int) -> Int {
        budget -= 1
        return Int(next() % UInt64(max(1, n)))
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    // MARK: Programs

    /// A whole program: statements, one a line.
    mutating func program() -> String {
        // Every variable starts bound, so that most programs get past name resolution.
        var lines = [
            "x = 1; y = 99.9%; s = \"a\"; xs = [1, 2, 3]; r = {a: 1, b: 5m}; f = fn(p) = p; g = fn(p, q) = [p, q]",
            "n = 3; a = 99.99%; b = 30d",
        ]
        let count = 1 + below(6)
        for _ in 0..<count { lines.append(statement(depth: 0)) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static let variables = ["x", "y", "s", "xs", "r", "f", "g", "n", "a", "b"]

    private mutating func statement(depth: Int) -> String {
        switch below(budget > 0 ? 10 : 2) {
        case 0: return "\(pick(Self.variables)) = \(expression(depth: depth + 1))"
        case 1: return expression(depth: depth + 1)
        case 2:
            let params = (0..<below(3)).map { ["p", "q", "...rest"][$0] }.joined(separator: ", ")
            return "fn \(pick(Self.variables))(\(params)) = \(expression(depth: depth + 1))"
        case 3: return "for i in \(range()) do \(statement(depth: depth + 1)) end"
        case 4: return "n = 0; while n < \(bigNumber()) do n = n + 1 end"
        case 5: return "xs = []; for i in \(range()) do xs = append(xs, \(expression(depth: depth + 1))) end"
        case 6: return "s = \"\"; for i in \(range()) do s = \"{s}\(pick(["a", "{i}", "{s}"]))\" end"
        case 7:
            return
                "x = \(pick(["[]", "{}", "1"])); for i in 1..\(bigNumber()) do x = \(pick(["[x]", "{a: x}", "[x, x]"])) end"
        case 8: return "print(\(expression(depth: depth + 1)))"
        default: return "assert(\(expression(depth: depth + 1)))"
        }
    }

    private mutating func range() -> String {
        pick([
            "1..10", "1..\(bigNumber())", "0..-5", "1..1e9", "1..9007199254740993", "-1e300..1e300", "[1, 2, 3]",
            "\"abc\"",
        ])
    }

    /// Numbers around the default limits and ten times past them.
    private mutating func bigNumber() -> String {
        pick([
            "0", "1", "255", "256", "257", "3000", "20000", "100000", "1e6", "1e7", "1e8", "1e12", "-1", "0.5", "1e308",
            "2^53",
        ])
    }

    private mutating func literal() -> String {
        pick([
            "0", "1", "-1", "2.5", "1e-300", "1e308", "99.9%", "99.999999999%", "100%", "0%", "5%", "50%", "5m",
            "1h 30m", "30d", "1y", "2q", "1mo", "1.5s", "0s", "true", "false", "none", "\"db\"", "'raw{x}'",
            "\"a{1 + 1}b\"", "\"\"", "[]", "{}", "[1, 2, 3]", "{a: 1, b: \"x\"}", "1..5", bigNumber(),
        ])
    }

    private static let operators = [
        "+", "-", "*", "/", "^", "&", "|", "==", "!=", "<", "<=", ">", ">=", "and", "or", "..",
    ]

    private mutating func expression(depth: Int) -> String {
        if budget <= 0 || depth > 5 { return chance(70) ? literal() : pick(Self.variables) }
        switch below(20) {
        case 0, 1, 15, 16, 17: return literal()
        case 2: return pick(Self.variables)
        case 3: return "\(expression(depth: depth + 1)) \(pick(Self.operators)) \(expression(depth: depth + 1))"
        case 4: return call(depth: depth)
        case 5: return call(depth: depth)
        case 6: return "[" + (0..<below(4)).map { _ in expression(depth: depth + 1) }.joined(separator: ", ") + "]"
        case 7: return "{a: \(expression(depth: depth + 1)), b: \(expression(depth: depth + 1))}"
        case 8: return "fn(p) = \(expression(depth: depth + 1))"
        case 9:
            return
                "if \(expression(depth: depth + 1)) then \(expression(depth: depth + 1)) else \(expression(depth: depth + 1))"
        case 10: return "\(expression(depth: depth + 1)) to \(pick(["%", "m", "h", "d", "/h", "y", "q"]))"
        case 11: return "\(pick(Self.variables))[\(expression(depth: depth + 1))]"
        case 12: return "\(pick(Self.variables)).\(pick(["a", "b", "t", "rows", "to"]))"
        case 13: return "\"{\(expression(depth: depth + 1))}\""
        case 14: return chance(25) ? deep() : literal()
        default: return "do \(statement(depth: depth + 1)); \(expression(depth: depth + 1)) end"
        }
    }

    /// A call of a builtin or a library function, with positional and named arguments.
    private mutating func call(depth: Int) -> String {
        let name = pick(names)
        var arguments = (0..<below(4)).map { _ in expression(depth: depth + 1) }
        if chance(30) {
            arguments.append(
                "\(pick(["per", "attempts", "base", "cap", "jitter", "years", "seed", "n", "k", "window"])): \(expression(depth: depth + 1))"
            )
        }
        return "\(name)(\(arguments.joined(separator: ", ")))"
    }

    /// Nesting around and past the parser's limits: brackets, operator chains, prefix
    /// operators, interpolations.
    private mutating func deep() -> String {
        let n = pick([10, 63, 64, 65, 255, 256, 257, 2999, 3000, 3001, 10000])
        switch below(6) {
        case 0: return String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
        case 1: return String(repeating: "[", count: n) + String(repeating: "]", count: n)
        case 2: return (0..<n).map { _ in "1" }.joined(separator: " + ")
        case 3: return String(repeating: "-", count: n) + "1"
        case 4: return String(repeating: "\"{", count: min(n, 100)) + "1" + String(repeating: "}\"", count: min(n, 100))
        default: return String(repeating: "not ", count: n) + "true"
        }
    }
}
