import Glibc

/// An arithmetic operator with a fast path on two plain numbers.
protocol ArithmeticOperator {
    static var op: BinaryOperator { get }
    /// The result, or nil to take the general path (division by zero).
    static func apply(_ x: Double, _ y: Double) -> Double?
}

enum AddOp: ArithmeticOperator {
    static var op: BinaryOperator { .add }
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { x + y }
}

enum SubtractOp: ArithmeticOperator {
    static var op: BinaryOperator { .subtract }
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { x - y }
}

enum MultiplyOp: ArithmeticOperator {
    static var op: BinaryOperator { .multiply }
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { x * y }
}

enum DivideOp: ArithmeticOperator {
    static var op: BinaryOperator { .divide }
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { y == 0 ? nil : x / y }
}

/// A comparison with a fast path on two plain numbers.
protocol ComparisonOperator {
    static var op: BinaryOperator { get }
    static func test(_ x: Double, _ y: Double) -> Bool
}

enum LessOp: ComparisonOperator {
    static var op: BinaryOperator { .less }
    @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x < y }
}

enum LessEqualOp: ComparisonOperator {
    static var op: BinaryOperator { .lessEqual }
    @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x <= y }
}

enum GreaterOp: ComparisonOperator {
    static var op: BinaryOperator { .greater }
    @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x > y }
}

enum GreaterEqualOp: ComparisonOperator {
    static var op: BinaryOperator { .greaterEqual }
    @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x >= y }
}

enum EqualOp: ComparisonOperator {
    static var op: BinaryOperator { .equal }
    @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x == y }
}

enum NotEqualOp: ComparisonOperator {
    static var op: BinaryOperator { .notEqual }
    @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x != y }
}

/// Arithmetic and comparisons, with inline paths when both operands are plain numbers.
extension Compiler {

    func binary(_ op: BinaryOperator, _ left: Bound, _ right: Bound, _ range: SourceRange) -> Code {
        switch op {
        case .add: return arithmetic(AddOp.self, left, right, range)
        case .subtract: return arithmetic(SubtractOp.self, left, right, range)
        case .multiply: return arithmetic(MultiplyOp.self, left, right, range)
        case .divide: return arithmetic(DivideOp.self, left, right, range)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let test = comparison(op, left, right, range)
            return { m in .bool(try test(m)) }
        case .power, .series, .parallel:
            let l = compile(left)
            let r = compile(right)
            let file = file
            return { m in
                let a = try l(m)
                let b = try r(m)
                let result: Value
                do {
                    result = try Operators.binary(op, a, b, m.limits)
                    // Composing reads every part of both sides: a system grown one `&` at a
                    // time costs more each step, so each step is charged by its parts.
                    if case .system(let block) = result { try m.tick(block.parts.count / 16) }
                } catch { throw locate(error, range) }
                // `lb | lb` is one part: say so, as it is almost always meant as two copies.
                if op == .parallel, case .system(let group) = result,
                    let name = group.newlyRepeated(operands: [a, b].compactMap { Block.lift($0, label: nil) })
                {
                    m.warn(ModelError.repeatedInGroup(name, group: "parallel group"), file: file, range: range)
                }
                return result
            }
        }
    }

    func arithmetic<O: ArithmeticOperator>(_: O.Type, _ left: Bound, _ right: Bound, _ range: SourceRange)
        -> Code
    {
        let slow: (Machine, Value, Value) throws -> Value = { m, a, b in
            do {
                let result = try Operators.binary(O.op, a, b, m.limits)
                try m.charge(for: result)
                return result
            } catch { throw locate(error, range) }
        }
        if case .literal(.number(let k)) = right.kind {
            if case .read(.local(let i), _) = left.kind, !isCell(i) {
                return { m in
                    let a = m.fp[i]
                    if case .number(let x) = a, let r = O.apply(x, k) { return .number(r) }
                    return try slow(m, a, .number(k))
                }
            }
            let l = compile(left)
            return { m in
                let a = try l(m)
                if case .number(let x) = a, let r = O.apply(x, k) { return .number(r) }
                return try slow(m, a, .number(k))
            }
        }
        if case .read(.local(let i), _) = left.kind, !isCell(i), case .read(.local(let j), _) = right.kind, !isCell(j) {
            return { m in
                let a = m.fp[i]
                let b = m.fp[j]
                if case .number(let x) = a, case .number(let y) = b, let r = O.apply(x, y) { return .number(r) }
                return try slow(m, a, b)
            }
        }
        let l = compile(left)
        let r = compile(right)
        let lop = inlineOperand(left)
        let rop = inlineOperand(right)
        switch (lop.isGeneral, rop.isGeneral) {
        case (false, false):
            // Neither side has effects: look at plain numbers in place, copy values only when not.
            return { m in
                if let x = lop.peek(m), let y = rop.peek(m), let result = O.apply(x, y) { return .number(result) }
                return try slow(m, try lop.evaluate(m, l), try rop.evaluate(m, r))
            }
        case (true, false):
            return { m in
                let a = try l(m)
                if case .number(let x) = a, let y = rop.peek(m), let result = O.apply(x, y) { return .number(result) }
                return try slow(m, a, try rop.evaluate(m, r))
            }
        case (false, true):
            return { m in
                // The left side's number is taken before the right side runs, as its value would be.
                if let x = lop.peek(m) {
                    let b = try r(m)
                    if case .number(let y) = b, let result = O.apply(x, y) { return .number(result) }
                    return try slow(m, .number(x), b)
                }
                let a = try lop.evaluate(m, l)
                let b = try r(m)
                if case .number(let x) = a, case .number(let y) = b, let result = O.apply(x, y) {
                    return .number(result)
                }
                return try slow(m, a, b)
            }
        case (true, true):
            return { m in
                let a = try l(m)
                let b = try r(m)
                if case .number(let x) = a, case .number(let y) = b, let result = O.apply(x, y) {
                    return .number(result)
                }
                return try slow(m, a, b)
            }
        }
    }

    func comparison(_ op: BinaryOperator, _ left: Bound, _ right: Bound, _ range: SourceRange) -> (Machine)
        throws -> Bool
    {
        switch op {
        case .less: return compare(LessOp.self, left, right, range)
        case .lessEqual: return compare(LessEqualOp.self, left, right, range)
        case .greater: return compare(GreaterOp.self, left, right, range)
        case .greaterEqual: return compare(GreaterEqualOp.self, left, right, range)
        case .equal: return compare(EqualOp.self, left, right, range)
        default: return compare(NotEqualOp.self, left, right, range)
        }
    }

    /// The same shapes as `arithmetic`, returning Bool. The two are kept apart on purpose:
    /// one function generic over the result type made every operator closure go through a
    /// reabstraction thunk (the 1M-iteration loop: 207M -> 286M instructions).
    func compare<O: ComparisonOperator>(_: O.Type, _ left: Bound, _ right: Bound, _ range: SourceRange) -> (
        Machine
    ) throws -> Bool {
        let slow: (Machine, Value, Value) throws -> Bool = { m, a, b in
            do {
                // Two strings compare byte by byte (Unicode order for `<`): charged for their size
                // (one step a 256 bytes), so that a loop of comparisons meets --timeout, and two
                // long ones a piece at a time (`Operators.orderStrings`).
                if case .string(let x) = a, case .string(let y) = b {
                    try m.tick(min(x.utf8.count, y.utf8.count) >> 8)
                    return Operators.holds(O.op, order: try Operators.orderStrings(x, y) { try m.tick($0) })
                }
                return try Operators.test(O.op, a, b)
            } catch { throw locate(error, range) }
        }
        if case .literal(.number(let k)) = right.kind {
            if case .read(.local(let i), _) = left.kind, !isCell(i) {
                return { m in
                    let a = m.fp[i]
                    if case .number(let x) = a { return O.test(x, k) }
                    return try slow(m, a, .number(k))
                }
            }
            let l = compile(left)
            return { m in
                let a = try l(m)
                if case .number(let x) = a { return O.test(x, k) }
                return try slow(m, a, .number(k))
            }
        }
        let l = compile(left)
        let r = compile(right)
        let lop = inlineOperand(left)
        let rop = inlineOperand(right)
        switch (lop.isGeneral, rop.isGeneral) {
        case (false, false):
            // Neither side has effects: look at plain numbers in place, copy values only when not.
            return { m in
                if let x = lop.peek(m), let y = rop.peek(m) { return O.test(x, y) }
                return try slow(m, try lop.evaluate(m, l), try rop.evaluate(m, r))
            }
        case (true, false):
            return { m in
                let a = try l(m)
                if case .number(let x) = a, let y = rop.peek(m) { return O.test(x, y) }
                return try slow(m, a, try rop.evaluate(m, r))
            }
        case (false, true):
            return { m in
                // The left side's number is taken before the right side runs, as its value would be.
                if let x = lop.peek(m) {
                    let b = try r(m)
                    if case .number(let y) = b { return O.test(x, y) }
                    return try slow(m, .number(x), b)
                }
                let a = try lop.evaluate(m, l)
                let b = try r(m)
                if case .number(let x) = a, case .number(let y) = b { return O.test(x, y) }
                return try slow(m, a, b)
            }
        case (true, true):
            return { m in
                let a = try l(m)
                let b = try r(m)
                if case .number(let x) = a, case .number(let y) = b { return O.test(x, y) }
                return try slow(m, a, b)
            }
        }
    }

    /// Compiles a node used as a condition to a closure returning Bool.

    /// An operand simple enough to evaluate inside its parent's closure, saving a closure
    /// call: a local, a captured variable, a global, a number, or a local plus or minus a
    /// number (`fib(n - 1)`). Trivial to copy, so reading it costs no reference counting.
    enum InlineOperand {

        var isGeneral: Bool { if case .general = self { true } else { false } }

        case local(Int)
        case captured(Int)
        case global(Int)
        case number(Double)
        case offset(Int, Double)
        case general

        /// The operand's number when it is a plain number, read in place without copying a
        /// value; nil otherwise (and always for `general`, which must be evaluated).
        @inline(__always)
        func peek(_ m: Machine) -> Double? {
            switch self {
            case .local(let i):
                if case .number(let x) = m.fp[i] { return x }
            case .captured(let i):
                if case .cell(let c) = m.fp[i], case .number(let x) = c.value { return x }
            case .global(let g):
                if case .number(let x) = m.globals[g] { return x }
            case .number(let x):
                return x
            case .offset(let i, let k):
                if case .number(let x) = m.fp[i] { return x + k }
            case .general:
                break
            }
            return nil
        }

        @inline(__always)
        func evaluate(_ m: Machine, _ code: Code) throws -> Value {
            switch self {
            case .local(let i):
                return m.fp[i]
            case .captured(let i):
                if case .cell(let c) = m.fp[i] { return c.value }
                return m.fp[i]
            case .global(let g):
                // An unassigned global takes the compiled read, which reports it.
                if case .undefined = m.globals[g] { return try code(m) }
                return m.globals[g]
            case .number(let x):
                return .number(x)
            case .offset(let i, let k):
                if case .number(let x) = m.fp[i] { return .number(x + k) }
                return try code(m)
            case .general:
                return try code(m)
            }
        }
    }

    func inlineOperand(_ node: Bound) -> InlineOperand {
        switch node.kind {
        case .read(.local(let i), _):
            return isCell(i) ? .captured(i) : .local(i)
        case .read(.global(let g), _):
            return .global(g)
        case .literal(.number(let x)):
            return .number(x)
        case .binary(let op, let left, let right) where op == .add || op == .subtract:
            // x − k is exactly x + (−k) in IEEE arithmetic.
            guard case .read(.local(let i), _) = left.kind, !isCell(i), case .literal(.number(let k)) = right.kind
            else {
                return .general
            }
            return .offset(i, op == .add ? k : -k)
        default:
            return .general
        }
    }

    /// How a call with `argc` positional arguments can run without binding names or
    /// defaults: straight into a hadr function's frame, or as a builtin's arguments.
}
