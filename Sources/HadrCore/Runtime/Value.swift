/// A hadr value. Numbers, availabilities, durations and bools carry no reference-counted
/// payload, so arithmetic never retains or releases.
public enum Value {
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
    /// A captured variable's storage; only ever found in a frame slot, never as a result.
    case cell(Cell)
    /// A global that has been declared but not yet assigned.
    case undefined

    /// A duration in seconds, shown in the unit that reads best.
    @inline(__always)
    public static func duration(_ seconds: Double) -> Value { .time(seconds, exponent: 1, unit: 0) }

    /// A plain quantity of time^exponent; exponent 0 collapses to a number.
    static func quantity(_ value: Double, exponent: Int) -> Value {
        exponent == 0 ? .number(value) : .time(value, exponent: Int8(clamping: exponent), unit: 0)
    }

    /// The kind of value, as error messages name it.
    public var typeName: String {
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
        case .cell(let c): c.value.typeName
        case .undefined: "undefined"
        }
    }
}

/// The shared storage of a variable captured by a closure.
public final class Cell {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// An immutable list; a list of records with the same fields is a table.
public final class ListBox {
    public private(set) var items: [Value]
    init(_ items: [Value]) { self.items = items }

    deinit { DeepRelease.drain(take()) }

    /// Hands the items over to a releaser, leaving the box empty.
    fileprivate func take() -> [Value] {
        defer { items = [] }
        return items
    }

    /// The field names shared by every element, when the list is a non-empty table.
    public var tableColumns: [String]? {
        guard case .record(let first) = items.first else { return nil }
        for item in items.dropFirst() {
            guard case .record(let r) = item, r.names == first.names else { return nil }
        }
        return first.names
    }

    var isTable: Bool { tableColumns != nil }
}

/// An immutable record whose fields keep the order they were written in.
public final class RecordBox {
    public let names: [String]
    public private(set) var values: [Value]

    init(names: [String], values: [Value]) {
        self.names = names
        self.values = values
    }

    deinit { DeepRelease.drain(take()) }

    fileprivate func take() -> [Value] {
        defer { values = [] }
        return values
    }

    convenience init(_ fields: KeyValuePairs<String, Value>) {
        self.init(names: fields.map(\.key), values: fields.map(\.value))
    }

    public subscript(name: String) -> Value? {
        guard let i = names.firstIndex(of: name) else { return nil }
        return values[i]
    }
}

/// Releases nested lists and records with a loop instead of recursion, so that a list
/// nested millions deep (`for i in 1..3000000 do x = [x] end`) does not exhaust the stack
/// when it is freed. A box is emptied here only when nothing else holds it.
enum DeepRelease {
    private static func isContainer(_ value: Value) -> Bool {
        switch value {
        case .list, .record: true
        default: false
        }
    }

    static func drain(_ values: [Value]) {
        guard values.contains(where: isContainer) else { return }
        var pending = values
        while var current = pending.popLast() {
            var list: ListBox?
            var record: RecordBox?
            switch current {
            case .list(let box): list = box
            case .record(let box): record = box
            default: continue
            }
            // Drop the enum's reference so that the one left is ours alone, if no one else's.
            current = .none
            if var box = list {
                list = nil
                if isKnownUniquelyReferenced(&box) { pending.append(contentsOf: box.take()) }
            } else if var box = record {
                record = nil
                if isKnownUniquelyReferenced(&box) { pending.append(contentsOf: box.take()) }
            }
        }
    }
}

extension Value {
    public static func list(_ items: [Value]) -> Value { .list(ListBox(items)) }
    public static func record(_ fields: KeyValuePairs<String, Value>) -> Value { .record(RecordBox(fields)) }
    public static func record(names: [String], values: [Value]) -> Value {
        .record(RecordBox(names: names, values: values))
    }
}

extension Value {
    /// Structural equality as `==` defines it.
    public func equals(_ other: Value) -> Bool {
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
        default: false
        }
    }
}
