/// The resolved program: every name replaced by a slot, ready for the compiler.
struct Bound {
    var kind: BoundKind
    var range: SourceRange

    init(_ kind: BoundKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// Where a variable lives at run time.
enum Slot {
    /// A slot in the current call frame (a captured variable's slot holds its cell).
    case local(Int)
    /// A slot in the session's global table.
    case global(Int)
}

/// The resolved expression and statement forms.
indirect enum BoundKind {
    case literal(Literal)
    case template([BoundSegment])
    case read(Slot, name: String)
    /// Assigns; `define` makes a fresh variable (a fresh cell if captured).
    case write(Slot, Bound, define: Bool)
    case list([Bound])
    case record(names: [String], values: [Bound])
    case unary(UnaryOperator, Bound)
    case binary(BinaryOperator, Bound, Bound)
    case and(Bound, Bound)
    case or(Bound, Bound)
    case convert(Bound, ConversionTarget)
    case range(Bound, Bound)
    case call(Bound, [Bound], labels: [String?], calleeName: String?)
    case index(Bound, Bound)
    case field(Bound, String)
    case function(FunctionInfo)
    /// A named function bound to a slot; the slot is written before the closure is made so it can recurse.
    case defineFunction(Slot, FunctionInfo)
    case ifElse(Bound, Bound, Bound?)
    case block([Bound])
    case forIn(slot: Int, sequence: Bound, body: Bound)
    case whileLoop(Bound, Bound)
    /// Runs the unit the loader made for an imported file, the first time it is reached.
    case runUnit(Int)
    /// An argument of `explain`: `&` and `|` inside keep the diagram, labelled with the source text.
    case structural(Bound)
}

/// A resolved piece of an interpolated string.
enum BoundSegment {
    case text(String)
    case expr(Bound)
}

/// A function being resolved: its frame layout, captures and body.
final class FunctionInfo {
    let name: String
    let parameters: [Parameter]
    let doc: String?
    let range: SourceRange
    let file: SourceFile
    var defaults: [Bound?] = []
    var body: Bound?
    /// Slots in use; parameters come first, then captured cells, then locals.
    var frameSize = 0
    /// For each captured variable: the slot in the enclosing frame that holds it.
    var captureSources: [Int] = []
    /// For each captured variable: the slot in this frame where it is placed.
    var captureSlots: [Int] = []
    /// For each captured variable: whether it is captured by value (it is never
    /// reassigned), so that its slots hold the value itself rather than a cell.
    var captureByValue: [Bool] = []
    /// Slots whose variables are captured by an inner function, so they hold cells.
    var cellSlots: Set<Int> = []
    /// The native implementation, for a body-less declaration.
    var native: NativeFunction?

    init(name: String, parameters: [Parameter], doc: String?, range: SourceRange, file: SourceFile) {
        self.name = name
        self.parameters = parameters
        self.doc = doc
        self.range = range
        self.file = file
    }
}
