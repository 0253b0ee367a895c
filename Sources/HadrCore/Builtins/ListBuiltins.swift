/// Functions over lists and tables.
enum ListBuiltins {
    static let functions: [NativeFunction] = [
        NativeFunction(
            "len",
            leaf: .one { x, machine in
                switch x {
                case .list(let l): return .number(Double(l.items.count))
                case .string(let s):
                    return .number(Double(try machine.textIndex.count(s) { try machine.tick($0) }))
                case .record(let r): return .number(Double(r.names.count))
                default:
                    throw ArgumentError.mustBe(
                        "x", expected: "a list, a string or a record", got: Operators.describe(x))
                }
            }),
        NativeFunction("map", 2, passesValuesThrough: true) { args in
            let items = try args.list(0, "list")
            let f = try args.function(1, "f")
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try args.call(f, item)) }
            return .list(out)
        },
        NativeFunction("filter", 2, passesValuesThrough: true) { args in
            let items = try args.list(0, "list")
            let f = try args.function(1, "keep")
            var out: [Value] = []
            for item in items {
                let keep = try args.call(f, item)
                guard case .bool(let b) = keep else {
                    throw BuiltinError.filterNotBool(Operators.describe(keep))
                }
                if b { out.append(item) }
            }
            return .list(out)
        },
        NativeFunction("fold", 3, passesValuesThrough: true) { args in
            let items = try args.list(0, "list")
            let f = try args.function(2, "f")
            var acc = args[1]
            for item in items { acc = try args.call(f, consume acc, item) }
            return acc
        },
        NativeFunction("sum", 1) { args in
            let items = try args.list(0, "list")
            guard var total = items.first else { return .number(0) }
            for (i, item) in items.dropFirst().enumerated() {
                total = try Operators.add(total, item, subtract: false, args.machine.limits)
                if i % 1024 == 1023 { try args.charge(1024) }
            }
            return total
        },
        NativeFunction("append", 2, passesValuesThrough: true) { args in
            var items = try args.list(0, "list")
            guard items.count < args.machine.limits.maxListSize else {
                throw BuiltinError.listTooLong(limit: args.machine.limits.maxListSize)
            }
            try args.charge(items.count / 16)
            items.append(args[1])
            return .list(items)
        },
        NativeFunction("reverse", 1, passesValuesThrough: true) { args in
            let items = try args.list(0, "list")
            try args.charge(items.count / 16)
            return .list(Array(items.reversed()))
        },
        NativeFunction("sort", 2, passesValuesThrough: true) { args in
            let items = try args.list(0, "list")
            let key: Function? = args.isAbsent(1) ? nil : try args.function(1, "by")
            let keys = try items.map { item in try key.map { try args.call($0, item) } ?? item }
            let order: [Int]
            if let numbers = StableSort.plainNumbers(keys) {
                // Plain numbers compare as doubles, without copying a value per comparison.
                order = try StableSort.order(
                    numbers.count, less: { i, j in numbers[i] < numbers[j] }, tick: args.charge)
            } else {
                order = try StableSort.order(
                    keys.count, less: { i, j in try Operators.compare(keys[i], keys[j], progress: args.charge) < 0 },
                    tick: args.charge)
            }
            return .list(order.map { items[$0] })
        },
        NativeFunction(
            "contains",
            leaf: .two { collection, item, machine in
                switch collection {
                case .list(let l):
                    try machine.tick(l.items.count / 4)
                    return .bool(l.items.contains { $0.equals(item) })
                case .string(let s):
                    // Charged for the text it searches, so that a loop of searches through a long
                    // string meets its limits and Ctrl-C at each call (one step a 256 bytes).
                    try machine.tick(s.utf8.count >> 8)
                    guard case .string(let t) = item else {
                        throw ArgumentError.mustBe("item", expected: "a string", got: Operators.describe(item))
                    }
                    return .bool(TextIndex.contains(s, t))
                default:
                    throw ArgumentError.mustBe(
                        "collection", expected: "a list or a string", got: Operators.describe(collection))
                }
            }),
        NativeFunction("fields", 1, passesValuesThrough: true) { args in
            switch args[0] {
            case .record(let r): return .list(r.names.map(Value.string))
            case .list(let l) where l.isTable: return .list((l.tableColumns ?? []).map(Value.string))
            default: throw args.wrong("record", expected: "a record or a table", args[0])
            }
        },
    ]
}
