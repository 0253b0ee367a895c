import Glibc

/// Named components, active-passive pairs, and what can be learned from a block diagram:
/// its derivation, its single points of failure, what to double first, and a simulation.
enum SystemBuiltins {
    static let functions: [NativeFunction] = [
        NativeFunction("component", 4) { args in
            let name = try args.string(0, "name")
            if !args.isAbsent(1) {
                guard args.isAbsent(2), args.isAbsent(3) else {
                    throw BuiltinError.componentBoth
                }
                return .system(.leaf(try args.unavailability(1, "a"), label: name, isComponent: true))
            }
            guard !args.isAbsent(2), !args.isAbsent(3) else {
                throw BuiltinError.componentNeither
            }
            let mtbf = try args.duration(2, "mtbf", positive: true)
            let mttr = try args.duration(3, "mttr")
            return .system(.leaf(mttr / (mtbf + mttr), label: name, mtbf: mtbf, mttr: mttr, isComponent: true))
        },
        NativeFunction("standby", 6) { args in
            guard let primary = Block.lift(args[0], label: nil) else {
                throw args.wrong("primary", expected: "an availability or a component", args[0])
            }
            guard let backup = Block.lift(args[1], label: nil) else {
                throw args.wrong("backup", expected: "an availability or a component", args[1])
            }
            let switchover = try args.duration(2, "switchover")
            var failures: Double
            if args.isAbsent(3) {
                guard case .leaf(let mtbf?, _) = primary.kind else {
                    throw BuiltinError.standbyNeedsFailures
                }
                failures = TimeUnit.year.seconds / mtbf
            } else {
                failures = try args.number(3, "failures_per_year")
                guard failures >= 0, failures.isFinite else {
                    throw ArgumentError.negative("failures_per_year", got: Display.number(failures))
                }
            }
            let success = try args.fraction(4, "switch_success")
            var repair = 3600.0
            if !args.isAbsent(5) {
                repair = try args.duration(5, "repair")
            } else if case .leaf(_, let mttr?) = primary.kind {
                repair = mttr
            }
            return .system(
                .standby(
                    primary: primary, backup: backup, switchover: switchover, failuresPerYear: failures,
                    switchSuccess: success, repair: repair))
        },
        NativeFunction("explain", 1) { args in
            guard let block = Block.lift(args[0], label: nil) else {
                throw args.wrong("system", expected: "an availability or a system", args[0])
            }
            args.write(Explanation.text(block))
            return .none
        },
        NativeFunction("spof", 1) { args in
            guard case .system(let block) = args[0] else {
                throw ArgumentError.needsComponents(
                    "system", got: Operators.describe(args[0]), plain: Operators.unavailabilityOf(args[0]) != nil)
            }
            let leaves = block.leaves
            let points = leaves.filter { leaf in !block.works(down: { $0 === leaf }) }
            return .list(points.map { Value.string(Explanation.name(of: $0, among: leaves)) })
        },
        NativeFunction("improve", 2) { args in
            guard case .system(var block) = args[0] else {
                throw ArgumentError.needsComponents(
                    "system", got: Operators.describe(args[0]), plain: Operators.unavailabilityOf(args[0]) != nil)
            }
            let target: Double? = args.isAbsent(1) ? nil : try args.unavailability(1, "target")
            let leaves = block.leaves
            if target == nil {
                // Rank each single doubling.
                let options = leaves.map { leaf -> (String, Double) in
                    (Explanation.name(of: leaf, among: leaves), block.replacing(leaf, with: .parallel([leaf, leaf])).u)
                }
                return .list(
                    options.sorted { $0.1 < $1.1 }.map { name, u in
                        .record([
                            "double": .string(name), "availability": .availability(u),
                            "nines": .number((-log10(u) * 1000).rounded() / 1000),
                        ])
                    })
            }
            var rows: [Value] = []
            var step = 0
            var doubled: Set<ObjectIdentifier> = []
            while step < 10, let goal = target, block.u > goal {
                let candidates = block.leaves.filter { !doubled.contains(ObjectIdentifier($0)) }
                guard
                    let best = candidates.min(by: { a, b in
                        block.replacing(a, with: .parallel([a, a])).u < block.replacing(b, with: .parallel([b, b])).u
                    })
                else { break }
                let copy = Block.leaf(best.u, label: best.label, mtbf: nil, mttr: nil, isComponent: best.isComponent)
                doubled.insert(ObjectIdentifier(best))
                doubled.insert(ObjectIdentifier(copy))
                block = block.replacing(best, with: .parallel([best, copy]))
                step += 1
                rows.append(
                    .record([
                        "step": .number(Double(step)), "double": .string(Explanation.name(of: best, among: leaves)),
                        "availability": .availability(block.u), "meets_target": .bool(block.u <= goal),
                    ]))
            }
            return .list(rows)
        },
        NativeFunction("simulate", 5) { args in
            guard let block = Block.lift(args[0], label: nil) else {
                throw args.wrong("system", expected: "an availability or a system", args[0])
            }
            let years = try args.number(1, "years")
            guard years.isFinite, years > 0, years <= 1e7 else {
                throw BuiltinError.yearsOutOfRange(Display.number(years))
            }
            let runs = try args.integer(3, "runs", in: 2...10_000)
            let defaultRepair = try args.duration(4, "mttr", positive: true)
            var seed: UInt64 = 0
            if args.isAbsent(2) {
                var clock = SplitMix64.unseeded()
                seed = clock.next()
            } else {
                let s = try args.number(2, "seed")
                guard s.isFinite else { throw BuiltinError.notFiniteSeed }
                seed = UInt64(bitPattern: Int64(clamping: Int(exactly: s.rounded()) ?? 0))
            }
            let estimate = try Simulation.run(
                block, years: years, runs: runs, seed: seed, defaultRepair: defaultRepair,
                interrupt: args.machine.interrupt,
                deadline: args.machine.deadline)
            try args.tick()
            return .record([
                "availability": .availability(estimate.u), "low": .availability(estimate.high),
                "high": .availability(estimate.low), "analytic": .availability(block.u),
                "years": .number(years), "runs": .number(Double(runs)),
            ])
        },
        NativeFunction("yearly_downtime", 4) { args in
            guard let block = Block.lift(args[0], label: nil) else {
                throw args.wrong("system", expected: "an availability or a system", args[0])
            }
            let years = try args.integer(1, "years", in: 1...Simulation.maxYears)
            var seed: UInt64 = 0
            if args.isAbsent(2) {
                var clock = SplitMix64.unseeded()
                seed = clock.next()
            } else {
                let s = try args.number(2, "seed")
                guard s.isFinite else { throw BuiltinError.notFiniteSeed }
                seed = UInt64(bitPattern: Int64(clamping: Int(exactly: s.rounded()) ?? 0))
            }
            let defaultRepair = try args.duration(3, "mttr", positive: true)
            let downtimes = try Simulation.yearly(
                block, years: years, seed: seed, defaultRepair: defaultRepair, interrupt: args.machine.interrupt,
                deadline: args.machine.deadline)
            try args.tick()
            return .list(downtimes.map(Value.duration))
        },
    ]
}
