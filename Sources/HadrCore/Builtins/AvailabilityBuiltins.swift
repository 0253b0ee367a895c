import Glibc

/// Availability algebra, computed on the unavailability U = 1 − A so that many nines stay exact.
enum AvailabilityBuiltins {
    /// A duration as the chapter writes it: a few significant digits in the largest
    /// unit that gives at least 1 (`3.65 days`, `43.8 minutes`, `6.05 seconds`).
    static func approximate(_ seconds: Double, digits: Int) -> String {
        let units: [(Double, String)] = [(86_400, "day"), (3600, "hour"), (60, "minute"), (1, "second")]
        let magnitude = abs(seconds)
        let (size, name) = units.first { magnitude >= $0.0 } ?? (0.001, "millisecond")
        let text = Display.number(Double(Display.cFormat("g", digits, seconds / size)) ?? seconds / size)
        return text + " " + name + (text == "1" ? "" : "s")
    }

    static let functions: [NativeFunction] = [
        NativeFunction("series", 1) { args in
            let items = try args.items(0)
            try args.charge(items.count)
            if let blocks = try blocks(items, "series") { return .system(.series(blocks)) }
            var u = 0.0
            var logSum = 0.0
            for (i, item) in items.enumerated() {
                let ui = try unavailability(item, "&", position: i)
                logSum += log1p(-ui)
                u = -expm1(logSum)
            }
            return .availability(u)
        },
        NativeFunction("parallel", 1) { args in
            let items = try args.items(0)
            try args.charge(items.count)
            guard !items.isEmpty else { throw ArgumentError.needsAValue("parallel") }
            if let blocks = try blocks(items, "parallel") { return .system(.parallel(blocks)) }
            var u = 1.0
            for (i, item) in items.enumerated() { u *= try unavailability(item, "|", position: i) }
            return .availability(u)
        },
        NativeFunction("k_of_n", 3) { args in
            let k = try args.integer(0, "k", in: 0...1_000_000)
            if case .list(let list) = args[1] {
                guard args.isAbsent(2) else {
                    throw BuiltinError.kOfNListWithThird
                }
                let us = try list.items.enumerated().map { try unavailability($1, "k_of_n", position: $0) }
                guard k <= us.count else {
                    throw BuiltinError.kExceedsComponents(k: k, count: us.count)
                }
                if let blocks = try blocks(list.items, "k_of_n") { return .system(.kOfN(k, blocks)) }
                return .availability(try KOfN.unavailability(k: k, unavailabilities: us, tick: args.charge))
            }
            let n = try args.integer(1, "n", in: 1...1_000_000)
            guard k <= n else { throw BuiltinError.kExceedsN(k: k, n: n) }
            guard !args.isAbsent(2) else {
                throw BuiltinError.kOfNNeedsAvailability
            }
            let u = try args.unavailability(2, "a")
            if case .system(let block) = args[2], n <= 1000 {
                return .system(
                    Block(
                        kind: .kOfN(k, Array(repeating: block, count: n)), label: nil,
                        u: KOfN.unavailability(k: k, n: n, u: u)))
            }
            return .availability(KOfN.unavailability(k: k, n: n, u: u))
        },
        NativeFunction("availability", 4) { args in
            let hasMTBF = !args.isAbsent(0) || !args.isAbsent(1)
            let hasDowntime = !args.isAbsent(2) || !args.isAbsent(3)
            if hasMTBF, !hasDowntime {
                if args.isAbsent(0) || args.isAbsent(1) {
                    throw BuiltinError.availabilityNeedsBoth(
                        "mtbf", "mttr", example: "availability(mtbf: 1000h, mttr: 10h)")
                }
                let mtbf = try args.duration(0, "mtbf", positive: true)
                let mttr = try args.duration(1, "mttr")
                return .availability(mttr / (mtbf + mttr))
            }
            if hasDowntime, !hasMTBF {
                if args.isAbsent(2) || args.isAbsent(3) {
                    throw BuiltinError.availabilityNeedsBoth(
                        "downtime", "per", example: "availability(downtime: 1h, per: 1y)")
                }
                let downtime = try args.duration(2, "downtime")
                let period = try args.duration(3, "per", positive: true)
                guard downtime <= period else {
                    throw BuiltinError.downtimeLongerThanPeriod(
                        downtime: Display.duration(downtime), period: Display.duration(period))
                }
                return .availability(downtime / period)
            }
            throw BuiltinError.availabilityEither
        },
        NativeFunction("unavailability", 1) { args in
            .percentage(try args.unavailability(0, "a"))
        },
        NativeFunction("nines", 1) { args in
            .number(-log10(try args.unavailability(0, "a")))
        },
        NativeFunction("downtime", 3) { args in
            let u = try args.unavailability(0, "a")
            if !args.isAbsent(1) {
                return .duration(u * (try args.duration(1, "per", positive: true)))
            }
            guard case .record(let calendar) = args[2] else {
                throw args.wrong(
                    "calendar", expected: "a calendar record such as `calendar` or `sre_calendar`", args[2])
            }
            var rows: [Value] = []
            for (name, value) in zip(calendar.names, calendar.values) where name != "name" {
                guard case .time(let seconds, 1, _) = value, seconds > 0 else {
                    throw BuiltinError.calendarField(name, got: Operators.describe(value))
                }
                rows.append(
                    .record(["period": .string(name), "length": .duration(seconds), "downtime": .duration(u * seconds)])
                )
            }
            return .list(rows)
        },
        NativeFunction("approx", 2) { args in
            let digits = try args.integer(1, "digits", in: 1...15)
            switch args[0] {
            case .time(let seconds, 1, _): return .string(approximate(seconds, digits: digits))
            case .number(let x): return .string(Display.number(x, digits: digits))
            default: throw args.wrong("x", expected: "a duration or a number", args[0])
            }
        },
    ]

    /// The items as blocks when any of them is a system, so the result keeps its structure.
    static func blocks(_ items: [Value], _ what: String) throws -> [Block]? {
        guard items.contains(where: { if case .system = $0 { true } else { false } }) else { return nil }
        return try items.enumerated().map { i, item in
            guard let block = Block.lift(item, label: nil) else {
                _ = try unavailability(item, what, position: i)
                return Block.leaf(0, label: nil)
            }
            return block
        }
    }

    static func unavailability(_ value: Value, _ what: String, position: Int) throws -> Double {
        guard let u = Operators.unavailabilityOf(value) else {
            throw ArgumentError.component(position, of: what, got: Operators.describe(value))
        }
        return u
    }
}
