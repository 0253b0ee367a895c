/// Functions over lists and tables.
enum ListBuiltins {
    static let functions: [NativeFunction] = [
        NativeFunction("len", 1) { args in
            switch args[0] {
            case .list(let l): return .number(Double(l.items.count))
            case .string(let s): return .number(Double(s.count))
            case .record(let r): return .number(Double(r.names.count))
            default: throw args.wrong("x", expected: "a list, a string or a record", args[0])
            }
        },
        NativeFunction("map", 2) { args in
            let items = try args.list(0, "list")
            let f = try args.function(1, "f")
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try args.call(f, item)) }
            return .list(out)
        },
        NativeFunction("filter", 2) { args in
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
        NativeFunction("fold", 3) { args in
            let items = try args.list(0, "list")
            let f = try args.function(2, "f")
            var acc = args[1]
            for item in items { acc = try args.call(f, consume acc, item) }
            return acc
        },
        NativeFunction("sum", 1) { args in
            let items = try args.list(0, "list")
            guard var total = items.first else { return .number(0) }
            for item in items.dropFirst() { total = try Operators.add(total, item, subtract: false) }
            return total
        },
        NativeFunction("append", 2) { args in
            var items = try args.list(0, "list")
            guard items.count < args.machine.limits.maxListSize else {
                throw BuiltinError.listTooLong(limit: args.machine.limits.maxListSize)
            }
            items.append(args[1])
            return .list(items)
        },
        NativeFunction("reverse", 1) { args in
            .list(Array(try args.list(0, "list").reversed()))
        },
        NativeFunction("sort", 2) { args in
            let items = try args.list(0, "list")
            let key: Function? = args.isAbsent(1) ? nil : try args.function(1, "by")
            let keys = try items.map { item in try key.map { try args.call($0, item) } ?? item }
            var failure: (any Error)?
            let order = keys.indices.sorted { i, j in
                if failure != nil { return false }
                do { return try Operators.compare(keys[i], keys[j]) < 0 } catch {
                    failure = error
                    return false
                }
            }
            if let failure { throw failure }
            return .list(order.map { items[$0] })
        },
        NativeFunction("contains", 2) { args in
            switch args[0] {
            case .list(let l): return .bool(l.items.contains { $0.equals(args[1]) })
            case .string(let s): return .bool(s.contains(try args.string(1, "item")))
            default: throw args.wrong("collection", expected: "a list or a string", args[0])
            }
        },
        NativeFunction("fields", 1) { args in
            switch args[0] {
            case .record(let r): return .list(r.names.map(Value.string))
            case .list(let l) where l.isTable: return .list((l.tableColumns ?? []).map(Value.string))
            default: throw args.wrong("record", expected: "a record or a table", args[0])
            }
        },
    ]
}
