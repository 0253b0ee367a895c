import Glibc

/// Named components, active-passive pairs, and what can be learned from a block diagram:
/// its derivation, its weak points and the importance of each part, how it fares over
/// time, common cause, Markov standby, what to improve first, and a simulation.
enum SystemBuiltins {
    /// The measures `improve` can rank by.
    static let rankings = ["doubling", "birnbaum", "criticality", "fussell_vesely", "raw", "rrw"]
    /// The kinds of standby `markov_standby` knows.
    static let standbyKinds = ["cold", "warm", "hot"]

    static let functions: [NativeFunction] = [
        NativeFunction("component", 6) { args in
            let name = try args.string(0, "name")
            guard !name.isEmpty else { throw BuiltinError.componentName }
            return .system(.component(name, try part(args)))
        },
        NativeFunction("exponential", 1) { args in
            distribution(.exponential(mean: try args.duration(0, "mean", positive: true)))
        },
        NativeFunction("weibull", 2) { args in
            let shape = try args.number(0, "shape")
            guard shape.isFinite, shape >= 0.05, shape <= 50 else {
                throw ArgumentError.outOfRange("shape", low: "0.05", high: "50", got: Display.number(shape))
            }
            return distribution(.weibull(shape: shape, scale: try args.duration(1, "scale", positive: true)))
        },
        NativeFunction("lognormal", 2) { args in
            let mean = try args.duration(0, "mean", positive: true)
            let sigma = try args.number(1, "sigma")
            guard sigma.isFinite, sigma > 0, sigma <= 5 else {
                throw ArgumentError.outOfRange("sigma", low: "above 0", high: "5", got: Display.number(sigma))
            }
            return distribution(.lognormal(mean: mean, sigma: sigma))
        },
        NativeFunction("replicas", 2) { args in
            guard case .system(let block) = args[0], block.hasComponents else {
                throw args.wrong("c", expected: "a component or a system of components", args[0])
            }
            let n = try args.integer(1, "n", in: 1...AvailabilityBuiltins.maxReplicas)
            try args.charge(n * max(1, block.leaves.count))
            return .list(try block.replicas(n).map(Value.system))
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
                // The primary fails once per life and repair.
                guard let mtbf = primary.part?.mtbf, let mttr = primary.part?.mttr else {
                    throw BuiltinError.standbyNeedsFailures
                }
                failures = TimeUnit.year.seconds / (mtbf + mttr)
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
            } else if let mttr = primary.part?.mttr {
                repair = mttr
            }
            return .system(
                try .standby(
                    primary: primary, backup: backup, switchover: switchover, failuresPerYear: failures,
                    switchSuccess: success, repair: repair))
        },
        NativeFunction("explain", 1) { args in
            guard let block = Block.lift(args[0], label: nil) else {
                throw args.wrong("system", expected: "an availability or a system", args[0])
            }
            args.write(try Explanation.text(block))
            return .none
        },
        NativeFunction("spof", 1) { args in
            let analysis = try analysis(args)
            return .list(analysis.singlePoints().map { .string(analysis.names[$0]) })
        },
        NativeFunction("cut_sets", 2) { args in
            try sets(args, cuts: true)
        },
        NativeFunction("path_sets", 2) { args in
            try sets(args, cuts: false)
        },
        NativeFunction("importance", 1) { args in
            let analysis = try analysis(args)
            let (_, rows) = try analysis.importance()
            let order = rows.indices.sorted {
                rows[$0].birnbaum > rows[$1].birnbaum || (rows[$0].birnbaum == rows[$1].birnbaum && $0 < $1)
            }
            return .list(
                order.map { i in
                    let row = rows[i]
                    return .record(
                        names: ["name", "birnbaum", "criticality", "fussell_vesely", "raw", "rrw"],
                        values: [
                            .string(analysis.names[i]), .number(row.birnbaum), .number(row.criticality),
                            row.fussellVesely.map(Value.number) ?? .none, .number(row.raw), .number(row.rrw),
                        ])
                })
        },
        NativeFunction("reliability", 2) { args in
            let analysis = try analysis(args)
            let t = try args.duration(1, "t")
            // Held as its complement, P(failed by t), like an availability: exact when small.
            return .availability(try analysis.failure(by: t))
        },
        NativeFunction("mttf", 1) { args in
            .duration(try analysis(args).mttf())
        },
        NativeFunction("mission", 2) { args in
            let analysis = try analysis(args)
            let duration = try args.duration(1, "duration")
            let view = try analysis.mission(duration)
            return .record(
                names: [
                    "duration", "no_outage", "without_repair", "outages_per_year", "mean_time_between_outages",
                    "mean_outage",
                ],
                values: [
                    .duration(duration), .availability(view.outageChance), .availability(view.failureWithoutRepair),
                    .number(view.outagesPerYear), .duration(view.meanTimeBetweenOutages), .duration(view.meanOutage),
                ])
        },
        NativeFunction("common_cause", 4) { args in
            guard case .system(let block) = args[0], block.isComponent else {
                throw args.wrong("c", expected: "a component", args[0])
            }
            let n = try args.integer(1, "n", in: 2...AvailabilityBuiltins.maxReplicas)
            let beta = try args.fraction(2, "beta")
            let k = try args.integer(3, "k", in: 1...n)
            return .system(try CommonCause.group(block, n: n, k: k, beta: beta))
        },
        NativeFunction("markov_standby", 6) { args in
            let mtbf = try args.duration(0, "mtbf", positive: true)
            let mttr = try args.duration(1, "mttr", positive: true)
            let kind = try args.string(2, "standby")
            guard standbyKinds.contains(kind) else {
                throw ArgumentError.unknownKind("standby", given: kind, kinds: standbyKinds)
            }
            let crews = try args.integer(3, "crews", in: 1...2)
            let p = try args.fraction(5, "switch_success")
            var standbyRate = 0.0
            switch kind {
            case "hot": standbyRate = 1 / mtbf
            case "warm":
                guard !args.isAbsent(4) else { throw BuiltinError.warmNeedsStandbyMTBF }
                standbyRate = 1 / (try args.duration(4, "standby_mtbf", positive: true))
            default:
                guard args.isAbsent(4) else { throw BuiltinError.standbyMTBFOnlyWarm(kind) }
            }
            let chain = MarkovStandby(
                failureRate: 1 / mtbf, standbyRate: standbyRate, repairRate: 1 / mttr, switchSuccess: p, crews: crews)
            // The simple formula for the same pair: U1 × U2 plus failed switches lasting a repair.
            let unit = mttr / (mtbf + mttr)
            let formula =
                unit * unit
                + Block.switchingUnavailability(
                    switchover: 0, failuresPerYear: TimeUnit.year.seconds / (mtbf + mttr), switchSuccess: p,
                    repair: mttr, backupU: unit)
            let u = chain.unavailability
            return .record(
                names: ["availability", "mttf", "formula", "formula_downtime_ratio"],
                values: [.availability(u), .duration(chain.mttf), .availability(formula), .number(formula / u)])
        },
        NativeFunction("improve", 3) { args in
            guard case .system(let start) = args[0], start.hasComponents else { throw needsComponents(args) }
            let target: Double? = args.isAbsent(1) ? nil : try args.unavailability(1, "target")
            let by = try args.string(2, "by")
            guard rankings.contains(by) else { throw ArgumentError.unknownKind("by", given: by, kinds: rankings) }
            try args.charge(start.leaves.count * start.leaves.count)
            guard let goal = target else {
                let ranked = try Improvement(start, tick: args.charge).ranked(by: by)
                return .list(
                    ranked.map { option in
                        .record(
                            names: ["double", "availability", "nines", "birnbaum", "criticality"],
                            values: [
                                .string(option.name), .availability(option.doubled.u),
                                .number((-log10(option.doubled.u) * 1000).rounded() / 1000),
                                .number(significant(option.birnbaum)), .number(significant(option.criticality)),
                            ])
                    })
            }
            var rows: [Value] = []
            var block = start
            var doubled: Set<String> = []
            for step in 1...Improvement.maxSteps where block.u > goal {
                try args.tick()
                guard let best = try Improvement(block, skipping: doubled, tick: args.charge).ranked(by: by).first
                else { break }
                doubled.insert(best.name)
                doubled.insert(best.copyName)
                block = best.doubled
                rows.append(
                    .record(
                        names: ["step", "double", "availability", "meets_target"],
                        values: [
                            .number(Double(step)), .string(best.name), .availability(block.u), .bool(block.u <= goal),
                        ]))
            }
            return .list(rows)
        },
        NativeFunction("simulate", 6) { args in
            guard let block = Block.lift(args[0], label: nil) else {
                throw args.wrong("system", expected: "an availability or a system", args[0])
            }
            let years = try args.number(1, "years")
            guard years.isFinite, years > 0, years <= 1e7 else {
                throw BuiltinError.yearsOutOfRange(Display.number(years))
            }
            let runs = try args.integer(3, "runs", in: 2...10_000)
            let defaultRepair = try args.duration(4, "mttr", positive: true)
            let mission: Double? = args.isAbsent(5) ? nil : try args.duration(5, "mission", positive: true)
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
                block, years: years, runs: runs, seed: seed, defaultRepair: defaultRepair, mission: mission,
                interrupt: args.machine.interrupt, deadline: args.machine.deadline)
            try args.tick()
            return estimate.record(analytic: block.u, years: years, runs: runs)
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

    /// x to 4 significant digits, for a ranking table that is read, not computed with.
    static func significant(_ x: Double) -> Double {
        Double(Display.cFormat("g", 4, x)) ?? x
    }

    /// A component's part from its arguments (name, a, mtbf, mttr, life, repair).
    static func part(_ args: NativeArguments) throws -> Part {
        let hasA = !args.isAbsent(1)
        var life: Lifetime?
        var repair: Lifetime?
        if !args.isAbsent(2) {
            guard args.isAbsent(4) else { throw BuiltinError.componentTwoLives }
            life = .exponential(mean: try args.duration(2, "mtbf", positive: true))
        } else if !args.isAbsent(4) {
            life = try lifetime(args[4], "life")
        }
        if !args.isAbsent(3) {
            guard args.isAbsent(5) else { throw BuiltinError.componentTwoRepairs }
            repair = .exponential(mean: try args.duration(3, "mttr", positive: true))
        } else if !args.isAbsent(5) {
            repair = try lifetime(args[5], "repair")
        }
        if hasA {
            let u = try args.unavailability(1, "a")
            switch (life, repair) {
            case (nil, nil): return Part(u: u)
            case (nil, let repair?):
                // The availability and the repair time fix the mean life: MTTR × A / U.
                guard u > 0, u < 1 else { throw BuiltinError.componentCannotImplyLife }
                return Part(life: .exponential(mean: repair.mean * (1 - u) / u), repair: repair)
            case (let life?, nil):
                guard u > 0, u < 1 else { throw BuiltinError.componentCannotImplyLife }
                return Part(life: life, repair: .exponential(mean: life.mean * u / (1 - u)))
            case (.some, .some): throw BuiltinError.componentBoth
            }
        }
        guard let life, let repair else { throw BuiltinError.componentNeither }
        return Part(life: life, repair: repair)
    }

    /// A distribution as the record `exponential`, `weibull` and `lognormal` give.
    static func distribution(_ d: Lifetime) -> Value {
        switch d {
        case .exponential(let mean):
            .record(names: ["distribution", "mean"], values: [.string("exponential"), .duration(mean)])
        case .weibull(let shape, let scale):
            .record(
                names: ["distribution", "shape", "scale", "mean"],
                values: [.string("weibull"), .number(shape), .duration(scale), .duration(d.mean)])
        case .lognormal(let mean, let sigma):
            .record(
                names: ["distribution", "mean", "sigma"],
                values: [.string("lognormal"), .duration(mean), .number(sigma)])
        }
    }

    /// A distribution from its record, or a duration taken as an exponential mean.
    static func lifetime(_ value: Value, _ name: String) throws -> Lifetime {
        if case .time(let mean, 1, _) = value, mean > 0, mean.isFinite { return .exponential(mean: mean) }
        guard case .record(let r) = value, case .string(let kind)? = r["distribution"] else {
            throw ArgumentError.mustBe(
                name, expected: "a distribution such as `weibull(1.5, 5y)` or a duration",
                got: Operators.describe(value))
        }
        func time(_ field: String) -> Double? {
            if case .time(let x, 1, _)? = r[field], x > 0, x.isFinite { return x }
            return nil
        }
        func number(_ field: String) -> Double? {
            if case .number(let x)? = r[field], x > 0, x.isFinite { return x }
            return nil
        }
        switch kind {
        case "exponential": if let mean = time("mean") { return .exponential(mean: mean) }
        case "weibull":
            if let shape = number("shape"), let scale = time("scale") { return .weibull(shape: shape, scale: scale) }
        case "lognormal":
            if let mean = time("mean"), let sigma = number("sigma") { return .lognormal(mean: mean, sigma: sigma) }
        default: break
        }
        throw ArgumentError.mustBe(
            name, expected: "a distribution from `exponential`, `weibull` or `lognormal`",
            got: Operators.describe(value))
    }

    /// The analysis of the first argument, which must be a system of components.
    static func analysis(_ args: NativeArguments) throws -> SystemAnalysis {
        guard case .system(let block) = args[0], block.hasComponents else { throw needsComponents(args) }
        try args.charge(block.leaves.count)
        var analysis = SystemAnalysis(block)
        analysis.tick = args.charge
        return analysis
    }

    /// The first argument is no system of components: say so, and how to make one from plain values.
    static func needsComponents(_ args: NativeArguments) -> ArgumentError {
        .needsComponents("system", got: Operators.describe(args[0]), plain: Operators.unavailabilityOf(args[0]) != nil)
    }

    /// `cut_sets` and `path_sets`: lists of lists of names, smallest first.
    static func sets(_ args: NativeArguments, cuts: Bool) throws -> Value {
        let analysis = try analysis(args)
        let limit: Int? = args.isAbsent(1) ? nil : try args.integer(1, "max_size", in: 1...10_000)
        let sets = try analysis.sets(cuts: cuts, maxOrder: limit)
        try args.charge(sets.count)
        return .list(sets.map { set in .list(set.map { .string(analysis.names[$0]) }) })
    }
}
