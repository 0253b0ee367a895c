import Glibc

/// Retry backoff tables and circuit-breaker simulation.
enum ResilienceBuiltins {
    /// The most rows a backoff table may have.
    static let maxAttempts = 1_000_000

    static let functions: [NativeFunction] = [
        NativeFunction("backoff", 6) { args in
            let base = try args.duration(0, "base")
            let factor = try args.number(1, "factor")
            guard factor.isFinite, factor >= 1 else {
                throw BuiltinError.factorBelowOne(Display.number(factor))
            }
            // One row an attempt: the table is a list, held to --max-list.
            let attempts = try args.integer(
                2, "attempts", in: 1...min(maxAttempts, args.machine.limits.maxListSize))
            let cap = args.isAbsent(3) ? Double.infinity : try args.duration(3, "cap")
            let jitter = try args.string(4, "jitter")
            guard BackoffSummary.jitters.contains(jitter) else {
                throw ArgumentError.unknownKind("jitter", given: jitter, kinds: BackoffSummary.jitters)
            }
            var random: SplitMix64
            if args.isAbsent(5) {
                random = .unseeded()
            } else {
                let seed = try args.number(5, "seed")
                guard seed.isFinite else { throw BuiltinError.notFiniteSeed }
                random = SplitMix64(seed: UInt64(bitPattern: Int64(clamping: Int(exactly: seed.rounded()) ?? 0)))
            }
            var rows: [Value] = []
            rows.reserveCapacity(attempts)
            var total = 0.0
            var previous = base
            for attempt in 1...attempts {
                var wait = 0.0
                if attempt > 1 {
                    let nominal = min(cap, base * pow(factor, Double(attempt - 2)))
                    switch jitter {
                    case "full": wait = random.uniform(0, nominal)
                    case "equal": wait = nominal / 2 + random.uniform(0, nominal / 2)
                    case "decorrelated":
                        wait = min(cap, random.uniform(base, max(base, 3 * previous)))
                        previous = wait
                    default: wait = nominal
                    }
                }
                total += wait
                rows.append(
                    .record(
                        names: ["attempt", "wait", "total"],
                        values: [.number(Double(attempt)), .duration(wait), .duration(total)]))
                if attempt % 4096 == 0 { try args.tick(4096) }
            }
            return .list(rows)
        },
        NativeFunction("backoff_summary", 5) { args in
            let base = try args.duration(0, "base")
            let factor = try args.number(1, "factor")
            guard factor.isFinite, factor >= 1 else {
                throw BuiltinError.factorBelowOne(Display.number(factor))
            }
            let attempts = try args.integer(2, "attempts", in: 1...1_000_000_000_000)
            let cap = args.isAbsent(3) ? Double.infinity : try args.duration(3, "cap")
            let jitter = try args.string(4, "jitter")
            let totals = try BackoffSummary.totals(
                base: base, factor: factor, attempts: attempts, cap: cap, jitter: jitter, tick: args.charge)
            return .record([
                "attempts": .number(Double(attempts)), "nominal_total": .duration(totals.nominal),
                "expected_total": .duration(totals.expected), "worst_total": .duration(totals.worst),
            ])
        },
        NativeFunction("simulate_breaker", 3) { args in
            guard case .record(let settings) = args[0] else {
                throw args.wrong("breaker", expected: "a breaker record from `breaker(...)`", args[0])
            }
            let outcomes = try BreakerSimulation.outcomes(args[1])
            let interval = try args.duration(2, "interval", positive: true)
            return try BreakerSimulation(settings: settings).run(outcomes, interval: interval)
        },
    ]
}
