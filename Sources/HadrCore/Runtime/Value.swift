#if canImport(Glibc)
    import Glibc
#endif

/// A hadr value. Numbers, availabilities, durations and bools carry no reference-counted
/// payload, so arithmetic never retains or releases.
enum Value {
    case none
    case bool(Bool)
    case number(Double)
    /// An availability, held as its unavailability 1 − A so that many nines stay exact.
    case availability(Double)
    /// A small share written as a percentage (an unavailability, an error rate), held as
    /// the fraction itself so that tiny shares stay exact; the counterpart of `availability`.
    case percentage(Double)
    /// A composed system: a reliability block diagram with its unavailability.
    case system(Block)
    /// A power of time: seconds^exponent (1 a duration, −1 a rate); `unit` is the display unit (0 = best fit).
    case time(Double, exponent: Int8, unit: Int8)
    case string(String)
    case list(ListBox)
    case record(RecordBox)
    case function(Function)
    /// A chart or a block diagram, drawn when it is shown.
    case picture(Picture)
    /// A captured variable's storage; only ever found in a frame slot, never as a result.
    case cell(Cell)
    /// A global that has been declared but not yet assigned.
    case undefined

    /// A duration in seconds, shown in the unit that reads best.
    @inline(__always)
    static func duration(_ seconds: Double) -> Value { .time(seconds, exponent: 1, unit: 0) }

    /// A plain quantity of time^exponent; exponent 0 collapses to a number. Refuses a power
    /// past ±64 and an amount that is not finite, rather than holding a wrong one.
    static func quantity(_ value: Double, exponent: Int) throws(RuntimeError) -> Value {
        if exponent == 0 { return .number(value) }
        guard abs(exponent) <= 64 else { throw .timePowerTooLarge(exponent) }
        return try time(value, exponent: Int8(exponent))
    }

    /// A quantity of time^exponent, refused when the amount is infinite or not a number.
    static func time(_ value: Double, exponent: Int8) throws(RuntimeError) -> Value {
        guard value.isFinite else { throw .timeNotFinite }
        return .time(value, exponent: exponent, unit: 0)
    }

    /// The kind of value, as error messages name it.
    var typeName: String {
        switch self {
        case .none: "none"
        case .bool: "bool"
        case .number: "number"
        case .availability: "availability"
        case .percentage: "percentage"
        case .system: "system"
        case .time(_, let e, _): e == 1 ? "duration" : e == -1 ? "rate" : "time^\(e)"
        case .string: "string"
        case .list(let l): l.isTable ? "table" : "list"
        case .record: "record"
        case .function: "function"
        case .picture(let p): p.typeName
        case .cell(let c): c.value.typeName
        case .undefined: "undefined"
        }
    }
}

/// The shared storage of a variable captured by a closure.
final class Cell {
    var value: Value
    init(_ value: Value) { self.value = value }

    deinit {
        if DeepRelease.holdsContainer(value) {
            var values = [value]
            value = .none
            DeepRelease.release(&values)
        }
    }
}

/// An immutable list; a list of records with the same fields is a table.
final class ListBox {
    private(set) var items: [Value]
    init(_ items: [Value]) { self.items = items }

    /// Adds an item in place; only for a list nothing else holds (see `Compiler.appendUpdate`).
    func append(_ item: Value) { items.append(item) }

    deinit {
        if items.contains(where: DeepRelease.holdsContainer) { DeepRelease.release(&items) }
    }

    /// The field names shared by every element, when the list is a non-empty table.
    var tableColumns: [String]? {
        // Records with no fields make no table (it would have no columns): a list of them is a list.
        guard case .record(let first) = items.first, !first.names.isEmpty else { return nil }
        for item in items.dropFirst() {
            guard case .record(let r) = item, r.names == first.names else { return nil }
        }
        return first.names
    }

    var isTable: Bool { tableColumns != nil }
}

/// An immutable record whose fields keep the order they were written in.
final class RecordBox {
    let names: [String]
    /// Written only when the record is freed, so dynamic exclusivity checks on every field
    /// read would cost for nothing.
    @exclusivity(unchecked) private(set) var values: [Value]

    init(names: [String], values: [Value]) {
        self.names = names
        self.values = values
    }

    deinit {
        if values.contains(where: DeepRelease.holdsContainer) { DeepRelease.release(&values) }
    }

    convenience init(_ fields: KeyValuePairs<String, Value>) {
        self.init(names: fields.map(\.key), values: fields.map(\.value))
    }

    subscript(name: String) -> Value? {
        guard let i = names.firstIndex(of: name) else { return nil }
        return values[i]
    }
}

/// Releases nested lists, records, closures and cells with a loop instead of recursion,
/// so that a value nested millions deep (`for i in 1..3000000 do x = [x] end`, a chain
/// of closures each capturing the one before) does not exhaust the native stack when it
/// is freed.
///
/// A box being freed hands the values it holds to `release`. The first call on a thread
/// drops them one by one; a box freed meanwhile (because it was one of them) finds that
/// call running and only adds its own values to the same worklist, so no deinit ever
/// runs inside another's.
enum DeepRelease {
    /// Whether a value may hold others, so that freeing it may free more.
    @inline(__always)
    static func holdsContainer(_ value: Value) -> Bool {
        switch value {
        case .list, .record, .cell: true
        case .function(let f): !f.captures.isEmpty
        default: false
        }
    }

    /// The values waiting to be dropped on one thread, and whether a drop loop is running.
    private final class Worklist {
        var pending: [Value] = []
        var running = false
    }

    /// Each thread's worklist, freed with the thread.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<Worklist>.fromOpaque(pointer).release() }
        }
        return key
    }()

    private static var worklist: Worklist {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<Worklist>.fromOpaque(pointer).takeUnretainedValue()
        }
        let list = Worklist()
        pthread_setspecific(key, Unmanaged.passRetained(list).toOpaque())
        return list
    }

    /// Takes the values a box is freeing, leaving `values` empty, and drops them without recursion.
    static func release(_ values: inout [Value]) {
        let list = worklist
        list.pending.append(contentsOf: values)
        values = []
        if list.running { return }
        list.running = true
        while let value = list.pending.popLast() {
            // Dropping it may free a box, whose deinit adds to `pending` and returns.
            _ = consume value
        }
        list.running = false
    }
}

extension Value {
    static func list(_ items: [Value]) -> Value { .list(ListBox(items)) }
    static func record(_ fields: KeyValuePairs<String, Value>) -> Value { .record(RecordBox(fields)) }
    static func record(names: [String], values: [Value]) -> Value {
        .record(RecordBox(names: names, values: values))
    }
}

extension Value {
    /// Structural equality as `==` defines it.
    func equals(_ other: Value) -> Bool {
        switch (self, other) {
        case (.none, .none): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.availability(let a), .availability(let b)): a == b
        case (.percentage(let a), .percentage(let b)): a == b
        case (.system, _), (_, .system):
            if let u = Operators.exactUnavailability(self), let v = Operators.exactUnavailability(other) {
                u == v
            } else {
                Operators.fraction(self) != nil && Operators.fraction(self) == Operators.fraction(other)
            }
        case (.availability, .number), (.number, .availability), (.percentage, .number), (.number, .percentage),
            (.availability, .percentage), (.percentage, .availability):
            Operators.fraction(self) == Operators.fraction(other)
        case (.time(let a, let e, _), .time(let b, let f, _)): e == f && a == b
        case (.string(let a), .string(let b)): a == b
        case (.list(let a), .list(let b)):
            a === b || (a.items.count == b.items.count && zip(a.items, b.items).allSatisfy { $0.equals($1) })
        case (.record(let a), .record(let b)):
            a === b || (a.names == b.names && zip(a.values, b.values).allSatisfy { $0.equals($1) })
        case (.function(let a), .function(let b)): a === b
        case (.picture(let a), .picture(let b)): a === b
        default: false
        }
    }
}
