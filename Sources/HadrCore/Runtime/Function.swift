/// Compiled code: a closure that evaluates one node in the current frame.
typealias Code = (Machine) throws -> Value

/// The arguments a builtin receives, in parameter order, with absent optional ones as `none`.
/// They stay on the machine's value stack for the call, below anything a callback pushes.
struct NativeArguments {
    private let base: UnsafeMutablePointer<Value>
    let count: Int
    let machine: Machine

    init(base: UnsafeMutablePointer<Value>, count: Int, machine: Machine) {
        self.base = base
        self.count = count
        self.machine = machine
    }

    subscript(i: Int) -> Value {
        precondition(i >= 0 && i < count, "builtin argument index out of range")
        return base[i]
    }

    /// All the arguments, as a list.
    var values: [Value] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Calls a hadr function value from a builtin (for `map`, `fold`, ...).
    func call(_ function: Value, _ arguments: [Value]) throws -> Value {
        try machine.call(function, arguments)
    }

    /// Calls a function with one argument, without building an argument list.
    func call(_ function: Function, _ a: Value) throws -> Value {
        try machine.call(function, a)
    }

    /// Calls a function with two arguments, without building an argument list.
    func call(_ function: Function, _ a: consuming Value, _ b: Value) throws -> Value {
        try machine.call(function, a, b)
    }

    /// Writes text as `print` does.
    func write(_ text: String) { machine.output(text) }

    /// Checks for Ctrl-C and limits inside a long builtin loop.
    func tick(_ steps: Int = 1) throws { try machine.tick(steps) }
}

/// A builtin implemented in Swift; declared with its parameters and docs in `stdlib/`.
struct NativeFunction: Sendable {
    let name: String
    let parameterCount: Int
    let body: @Sendable (NativeArguments) throws -> Value
    /// For a builtin whose one parameter collects every argument and whose result over
    /// several is its result over each pair in turn (`min`, `max`): the result over two,
    /// so that a call with two or three arguments builds no list.
    let pairwise: (@Sendable (Value, Value, Machine) throws -> Value)?

    /// For a builtin of one or two parameters that calls no function back and warns
    /// nothing: its body over the arguments themselves. A call naming the global with every
    /// argument positional runs it with no frame and no argument copies; other calls run
    /// the same closure through `body`.
    let leaf: Leaf?

    enum Leaf: Sendable {
        case one(@Sendable (Value, Machine) throws -> Value)
        case two(@Sendable (Value, Value, Machine) throws -> Value)
    }

    /// Whether the result holds only values the builtin was given or its callbacks made
    /// (`map`, `sort`, ...), each already checked where it was made: its result's lists and
    /// records are then not walked again (`Machine.checked`), only its own size is held.
    let passesValuesThrough: Bool

    init(
        _ name: String, _ parameterCount: Int, passesValuesThrough: Bool = false,
        pairwise: (@Sendable (Value, Value, Machine) throws -> Value)? = nil,
        _ body: @escaping @Sendable (NativeArguments) throws -> Value
    ) {
        self.name = name
        self.parameterCount = parameterCount
        self.passesValuesThrough = passesValuesThrough
        self.pairwise = pairwise
        self.body = body
        self.leaf = nil
    }

    /// A leaf builtin (see `leaf`), its parameter count that of its body.
    init(_ name: String, leaf: Leaf) {
        self.name = name
        self.passesValuesThrough = false
        self.pairwise = nil
        self.leaf = leaf
        switch leaf {
        case .one(let f):
            self.parameterCount = 1
            self.body = { args in try f(args[0], args.machine) }
        case .two(let f):
            self.parameterCount = 2
            self.body = { args in try f(args[0], args[1], args.machine) }
        }
    }
}

/// What every closure made from one function definition shares.
final class FunctionProto {
    let name: String
    /// The parameters, as calls bind them and help shows them.
    let parameters: ParameterList
    let defaults: [Code?]
    let body: Code
    let native: NativeFunction?
    let frameSize: Int
    let captureSlots: [Int]
    /// Per captured variable: whether the closure holds its value (never reassigned) rather than its cell.
    let captureByValue: [Bool]
    /// Parameter slots that are captured and so are boxed into cells on entry.
    let cellParameters: [Int]
    /// The parameter count when none collects the rest, −1 otherwise: a call passing that
    /// many positional arguments binds them in order, and no default is needed.
    let fullArity: Int
    /// A builtin whose one parameter collects every argument (`min(...items)`): a call with
    /// positional arguments only passes them as one list, with nothing else to bind.
    let collectsAll: Bool
    /// The builtin's `pairwise`, when it collects all its arguments.
    let pairwise: (@Sendable (Value, Value, Machine) throws -> Value)?
    /// The builtin's `leaf` body, when it has one.
    let leaf: NativeFunction.Leaf?
    /// Whether this is the builtin `append`, which `xs = append(xs, x)` may do in place
    /// (checked on every such update, so a flag rather than the name).
    let isAppend: Bool
    let doc: String?
    let file: SourceFile
    let range: SourceRange

    init(info: FunctionInfo, defaults: [Code?], body: @escaping Code) {
        self.name = info.name
        self.parameters = ParameterList(
            function: info.name, parameters: info.parameters, file: info.file, doc: info.doc)
        self.defaults = defaults
        self.body = body
        self.native = info.native
        self.frameSize = info.frameSize
        self.captureSlots = info.captureSlots
        self.captureByValue = info.captureByValue
        self.cellParameters = (0..<info.parameters.count).filter { info.cellSlots.contains($0) }
        self.fullArity = parameters.hasRest ? -1 : info.parameters.count
        self.collectsAll =
            info.native != nil && parameters.hasRest && parameters.fixedCount == 0 && parameters.diagram.isEmpty
        self.pairwise = collectsAll ? info.native?.pairwise : nil
        self.leaf = info.native?.leaf
        self.isAppend = info.native?.name == "append"
        self.doc = info.doc
        self.file = info.file
        self.range = info.range
    }

    /// `name(a, b = 1, ...rest)`, as help shows it.
    var signature: String { parameters.signature }
}

/// A function value: its definition and what it captured (values, or shared cells). The fields a call
/// needs are copied out of the prototype so that a call touches one object.
final class Function {
    let proto: FunctionProto
    /// Read on every call of a closure; written only when the function is freed, so
    /// dynamic exclusivity checks would cost every call for nothing.
    @exclusivity(unchecked) private(set) var captures: [Value]
    /// Where each captured value goes in the frame (from the prototype, kept here for calls).
    let captureSlots: [Int]
    let body: Code
    let frameSize: Int
    /// The argument count a call may pass straight into the frame, or −1 (natives, defaults, rest).
    let fastArity: Int
    /// Whether entering needs captured cells placed or parameters boxed.
    let needsSetup: Bool
    /// The argument count a builtin takes with no defaults to fill, or −1 (hadr functions too).
    let nativeArity: Int

    init(proto: FunctionProto, captures: [Value]) {
        self.proto = proto
        self.captures = captures
        self.captureSlots = proto.captureSlots
        self.body = proto.body
        self.frameSize = proto.frameSize
        self.fastArity = proto.native == nil ? proto.fullArity : -1
        self.nativeArity = proto.native == nil ? -1 : proto.fullArity
        self.needsSetup = !captures.isEmpty || !proto.cellParameters.isEmpty
    }

    deinit {
        if captures.contains(where: DeepRelease.holdsContainer) { DeepRelease.release(&captures) }
    }
}

/// A compiled file or REPL input.
final class Module {
    let file: SourceFile
    let frameSize: Int
    let statements: [(code: Code, echo: Bool, range: SourceRange)]
    var hasRun = false

    init(file: SourceFile, frameSize: Int, statements: [(code: Code, echo: Bool, range: SourceRange)]) {
        self.file = file
        self.frameSize = frameSize
        self.statements = statements
    }
}
