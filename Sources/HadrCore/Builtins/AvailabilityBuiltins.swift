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
            if let blocks = try blocks(items, "series") { return .system(try .series(blocks)) }
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
            if let blocks = try blocks(items, "parallel") { return .system(try group(.parallel(blocks), args)) }
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
                if let blocks = try blocks(list.items, "k_of_n") { return .system(try group(.kOfN(k, blocks), args)) }
                return .availability(try KOfN.unavailability(k: k, unavailabilities: us, tick: args.charge))
            }
            let n = try args.integer(1, "n", in: 1...1_000_000)
            guard k <= n else { throw BuiltinError.kExceedsN(k: k, n: n) }
            guard !args.isAbsent(2) else {
                throw BuiltinError.kOfNNeedsAvailability
            }
            let u = try args.unavailability(2, "a")
            // n of a component are n independent copies: k_of_n(k, replicas(c, n)).
            if case .system(let block) = args[2], n <= maxReplicas {
                return .system(try .kOfN(k, try block.replicas(n)))
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
                // Only the session calendar's service time can be down (all of it, but for business hours).
                let period = try args.duration(3, "per", positive: true) * (try args.machine.calendarUnits().service)
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
            let calendar = try Calendar(args, 2)
            if !args.isAbsent(1) {
                let per = try args.duration(1, "per", positive: true)
                return .duration(u * per * (try calendar.service(machine: args.machine)))
            }
            let service = calendar.units.service
            var rows: [Value] = []
            for (name, length) in calendar.periods {
                var names = ["period", "length"]
                var values: [Value] = [.string(name), .time(length, exponent: 1, unit: Display.inDays)]
                if service < 1 {
                    names.append("service_time")
                    values.append(.duration(length * service))
                }
                names += ["downtime", "calendar"]
                values += [.duration(u * length * service), .string(calendar.name)]
                rows.append(.record(names: names, values: values))
            }
            return .list(rows)
        },
        NativeFunction("business_hours", 3) { args in
            let hours = try args.duration(0, "hours", positive: true)
            guard hours <= 86_400 else { throw BuiltinError.serviceHours(Display.duration(hours)) }
            let days = try args.number(1, "days")
            guard days.isFinite, days > 0, days <= 7 else { throw BuiltinError.serviceDays(Display.number(days)) }
            let base = try Calendar(args, 2)
            guard base.units.service == 1 else { throw BuiltinError.serviceTwice(base.name) }
            let share = hours / 86_400 * days / 7
            let name = "business hours (\(Display.duration(hours)) × \(Display.number(days)) days)"
            var names = ["name"]
            var values: [Value] = [.string(name)]
            for (period, length) in base.periods {
                names.append(period)
                values.append(.duration(length))
            }
            names.append("service")
            values.append(.number(share))
            return .record(names: names, values: values)
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

    /// A calendar record given to a builtin: its name, its periods in order and their lengths.
    struct Calendar {
        let name: String
        let periods: [(String, Double)]
        let units: CalendarUnits
        /// Whether it is the session's `default_calendar` itself.
        let isSession: Bool

        init(_ args: NativeArguments, _ i: Int) throws {
            let session = args.machine.calendarSlot.flatMap(args.machine.value(atGlobal:))
            var value = args[i]
            if case .none = value, let session { value = session }
            guard case .record(let r) = value else {
                throw args.wrong("calendar", expected: "a calendar record such as `sre_calendar`", value)
            }
            if case .record(let s)? = session { isSession = s === r } else { isSession = false }
            var periods: [(String, Double)] = []
            for (field, v) in zip(r.names, r.values) where field != "name" && field != "service" {
                guard case .time(let seconds, 1, _) = v, seconds.isFinite, seconds > 0 else {
                    throw BuiltinError.calendarField(field, got: Operators.describe(v))
                }
                periods.append((field, seconds))
            }
            guard let units = CalendarUnits(value) else {
                if let service = r["service"] {
                    throw BuiltinError.calendarField("service", got: Operators.describe(service))
                }
                throw BuiltinError.calendarNeeds
            }
            self.units = units
            self.periods = periods
            if case .string(let n)? = r["name"] { name = n } else { name = "custom" }
        }

        /// The share of `per:` that is service time. `per:` was measured on the session's
        /// calendar, so another calendar must agree with it on months, quarters and years.
        func service(machine: Machine) throws -> Double {
            guard !isSession else { return units.service }
            let session = try machine.calendarUnits()
            guard session.year == units.year, session.quarter == units.quarter, session.month == units.month else {
                throw BuiltinError.perWithOtherCalendar(name)
            }
            return units.service
        }
    }

    /// The most copies `k_of_n(k, n, c)` builds as a diagram; beyond, only its availability is kept.
    static let maxReplicas = 1000

    /// A parallel group or k-of-n, with a warning when a part is written twice in it.
    static func group(_ block: Block, _ args: NativeArguments) -> Block {
        if let name = block.newlyRepeated() {
            let what = if case .kOfN = block.kind { "k_of_n" } else { "parallel group" }
            args.machine.warnAtCall(ModelError.repeatedInGroup(name, group: what))
        }
        return block
    }

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
