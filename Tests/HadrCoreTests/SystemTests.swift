import Foundation
import Testing

@testable import HadrCore

/// Systems of named parts: closed forms, time, standby, common cause, warnings and errors.
@Suite struct SystemTests {
    /// The value of a script's last expression as a block.
    static func block(_ text: String) -> Block? {
        var result: Block?
        let session = Session(output: { _ in })
        session.onResult = { r in
            if case .system(let b) = r.value { result = b }
        }
        session.run(text, name: "t")
        return result
    }

    /// The number a script's last expression gives (a number, a duration in seconds, or an
    /// availability's unavailability).
    static func number(_ text: String) -> Double? {
        var result: Double?
        let session = Session(output: { _ in })
        session.onResult = { r in
            switch r.value {
            case .number(let x): result = x
            case .time(let x, _, _): result = x
            case .availability(let u): result = u
            case .system(let b): result = b.u
            default: result = nil
            }
        }
        session.run(text, name: "t")
        return result
    }

    static func close(_ x: Double?, _ exact: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let x else { return false }
        return abs(x - exact) <= tolerance * abs(exact)
    }

    static let parts = """
        a = component("a", 99%)
        b = component("b", 99%)
        c = component("c", 99%)

        """

    @Test func aSharedPartIsOnePart() {
        // (a & b) | (a & c) is a & (b | c): 0.99 × (1 − 0.01²) = 0.989901.
        #expect(eval(Self.parts + "(a & b) | (a & c)").hasPrefix("(a & b) | (a & c)\n  98.9901% · 2 nines"))
        #expect(eval(Self.parts + "((a & b) | (a & c)) == a & (b | c)") == "true")
        #expect(eval(Self.parts + "spof((a & b) | (a & c))") == "[\"a\"]")
        #expect(eval(Self.parts + "(a | a) == a and (a & a) == a") == "true")
        // Plain availabilities stay independent.
        #expect(eval("99% | 99%") == "99.99%")
        // A subsystem held in a variable and used twice is the same subsystem.
        #expect(eval(Self.parts + "s = b | c\n(a & s) | s == s") == "true")
    }

    @Test func twoComponentsWithOneNameAreAnError() {
        let outcome = run("component(\"db\", 99.95%) & component(\"db\", mtbf: 2000h, mttr: 4h)")
        #expect(
            outcome.error?.message
                == "two different components are named `db`: one is 99.95%, the other mtbf 83d 8h, mttr 4h")
        #expect(
            outcome.error?.notes.last
                == "help: give each part its own name, or use `replicas(c, n)` for independent copies")
        // The same description twice is the same part.
        #expect(eval("component(\"db\", 99%) | component(\"db\", 99%)").contains("99% · 2 nines"))
    }

    @Test func replicasAreIndependentCopies() {
        #expect(eval("replicas(component(\"web\", 99.9%), 3)").hasPrefix("[99.9%, 99.9%, 99.9%]"))
        #expect(eval("parallel(replicas(component(\"web\", 99.9%), 2))").hasPrefix("web#1 | web#2\n  99.9999%"))
        #expect(eval("k_of_n(2, 3, component(\"w\", 99%))").hasPrefix("k_of_n(2, [w#1, w#2, w#3])\n  99.9702%"))
        // A system's replicas copy every part in it, shared ones included.
        let copies = "r = replicas(component(\"az\", 99.9%) & component(\"vm\", 99%), 2)\n"
        #expect(eval(copies + "cut_sets(parallel(r))").hasPrefix("[[\"az#1\", \"az#2\"], [\"az#1\", \"vm#2\"]"))
    }

    /// `lb | lb` is one part, and a warning on standard error says so, once per place.
    @Test func aPartWrittenTwiceInAGroupWarnsOnce() {
        var warnings: [String] = []
        let session = Session(output: { _ in })
        session.onWarning = { warnings.append(DiagnosticRenderer().render($0)) }
        let text = """
            lb = component("lb", 99.99%)
            x = lb | lb
            y = lb | lb | lb
            z = parallel(lb, lb)
            w = k_of_n(1, [lb, lb, component("b", 99%)])
            fine = (lb & component("c", 99%)) | (lb & component("d", 99%))
            for i in 1..3 do v = lb | lb end
            """
        #expect(session.run(text, name: "w.hadr") == nil)
        #expect(warnings.count == 5, "\(warnings)")
        #expect(
            warnings.first?.hasPrefix(
                "w.hadr:2:5: warning: `lb` appears twice in one parallel group: it is one part wherever it appears")
                == true)
        #expect(warnings.first?.contains("help: for independent copies write `replicas(lb, 2)`") == true)
        #expect(warnings[3].contains("appears twice in one k_of_n"))
    }

    /// The bridge of five identical parts (a, b in, e the bridge, c, d out):
    /// R = 2R² + 2R³ − 5R⁴ + 2R⁵ (e.g. Billinton & Allan, Reliability Evaluation of
    /// Engineering Systems, §4.2); U from Python's fractions.
    static let bridgeCases: [(String, Double)] = [
        ("90%", 0.02152), ("99%", 0.0002019502), ("99.9999%", 2.000001999995000002e-12),
    ]

    @Test(arguments: bridgeCases)
    func theBridgeIsExact(_ a: String, _ exact: Double) {
        let bridge = """
            a = component("a", \(a))
            b = component("b", \(a))
            c = component("c", \(a))
            d = component("d", \(a))
            e = component("e", \(a))
            (a & c) | (b & d) | (a & e & d) | (b & e & c)
            """
        #expect(Self.close(Self.number(bridge), exact))
        #expect(
            eval(bridge.replacingOccurrences(of: "\n(a & c)", with: "\nbridge = (a & c)") + "\nspof(bridge)") == "[]")
    }

    static let lives = """
        x = component("x", mtbf: 1000h, mttr: 1h)
        y = component("y", mtbf: 1000h, mttr: 1h)
        z = component("z", mtbf: 1000h, mttr: 1h)
        v = component("v", mtbf: 1000h, mttr: 1h)
        w = component("w", mtbf: 1000h, mttr: 1h)

        """

    /// Mean times to failure without repair, ∫ R(t) dt, against their closed forms.
    static let mttfCases: [(String, Double)] = [
        ("x", 1), ("x & y", 0.5), ("x | y", 1.5), ("k_of_n(2, [x, y, z])", 5.0 / 6), ("parallel(x, y, z)", 11.0 / 6),
        ("(x & z) | (y & v) | (x & w & v) | (y & w & z)", 49.0 / 60),
        // x & (y | z): ∫ e^{−t}(2e^{−t} − e^{−2t}) = 1 − 1/3.
        ("(x & y) | (x & z)", 2.0 / 3),
    ]

    @Test(arguments: mttfCases)
    func mttfHasItsClosedForm(_ system: String, _ timesMTBF: Double) {
        #expect(Self.close(Self.number(Self.lives + "mttf(\(system)) / 1h"), timesMTBF * 1000, 1e-10))
    }

    @Test func reliabilityFollowsTheLives() {
        // R(t) of one part is e^{−t/MTBF}; of the bridge 2R² + 2R³ − 5R⁴ + 2R⁵ with R = e^{−0.1}.
        let r = exp(-0.1)
        let bridge = 2 * r * r + 2 * pow(r, 3) - 5 * pow(r, 4) + 2 * pow(r, 5)
        let text =
            Self.lives + "unavailability(reliability((x & z) | (y & v) | (x & w & v) | (y & w & z), 100h)) / 100%"
        #expect(Self.close(Self.number(text), 1 - bridge, 1e-12))
        // Short times keep their nines: 1 − e^{−1e-9}.
        #expect(Self.close(Self.number(Self.lives + "reliability(x, 0.001h)"), -expm1(-1e-6)))
        // A Weibull life: R(t) = exp(−(t/η)^β); MTTF = η Γ(1 + 1/β).
        let weibull = "d = component(\"d\", life: weibull(2, 1000h), mttr: 1h)\n"
        #expect(Self.close(Self.number(weibull + "reliability(d, 500h)"), -expm1(-0.25)))
        #expect(Self.close(Self.number(weibull + "mttf(d) / 1h"), 1000 * tgamma(1.5), 1e-10))
        #expect(Self.close(Self.number(weibull + "mttf(d | d) / 1h"), 1000 * tgamma(1.5), 1e-10))
        // Two Weibull parts in parallel: ∫ 1 − (1 − e^{−(t/η)²})² = η √π (1 − 1/(2√2)).
        let pair =
            "p = component(\"p\", life: weibull(2, 1000h), mttr: 1h)\nq = component(\"q\", life: weibull(2, 1000h), mttr: 1h)\n"
        let exact = 1000 * Double.pi.squareRoot() * (1 - 1 / (2 * 2.0.squareRoot()))
        #expect(Self.close(Self.number(pair + "mttf(p | q) / 1h"), exact, 1e-10))
    }

    @Test func timeNeedsLives() {
        let outcome = run("reliability(component(\"lb\", 99.99%) & component(\"x\", mtbf: 10h, mttr: 1h), 1h)")
        #expect(
            outcome.error?.message
                == "`lb` is known only by its availability, so it has no failure rate for a question about time")
        // An availability with a repair time implies the life: MTBF = MTTR × A / U.
        #expect(eval("mttf(component(\"lb\", 99.99%, mttr: 1h))") == "1y 51d 15h")
    }

    /// Lives so long that the answer (or the integration reaching it) passes 1e308 seconds
    /// are an error, not `infs` or `nans`; long lives short of that still integrate.
    @Test func timesPastWhatADurationHoldsAreRefused() {
        let refused = "error: the result is not a finite amount of time (past 1e308 seconds)"
        #expect(eval("mttf(component(\"x\", mtbf: 1e300y, mttr: 1h))") == refused)
        #expect(eval("markov_standby(1e300y, 1h)") == refused)
        // An availability that comes out undefined is refused, never shown as `nan%`.
        #expect(eval("markov_standby(1h, 1e160y)").hasPrefix("error: the result is not a number"))
        // Three levels down: a timeline's times.
        #expect(
            eval(
                "simulate_breaker(breaker(window: 2, minimum_calls: 2, half_open_calls: 1, open_timeout: 1s), \"SSSSSSSFF\", interval: 1e300y)"
            ) == refused)
        #expect(
            eval("mttf(component(\"x\", mtbf: 1e200y, mttr: 1h) & component(\"y\", mtbf: 1e200y, mttr: 1h))")
                == "5e199y")
    }

    @Test func theMissionView() {
        // One exponential part: P(no outage in T from a random moment) = A · e^{−T / MTBF}, exactly.
        let one = "m = mission(component(\"x\", mtbf: 1000h, mttr: 10h), 72h)\n"
        let a = 1000.0 / 1010
        #expect(Self.close(Self.number(one + "m.no_outage"), 1 - a * exp(-0.072), 1e-12))
        #expect(Self.close(Self.number(one + "m.without_repair"), -expm1(-0.072)))
        #expect(Self.close(Self.number(one + "m.mean_time_between_outages / 1h"), 1000, 1e-12))
        #expect(Self.close(Self.number(one + "m.mean_outage / 1h"), 10, 1e-12))
        let standby =
            "mission(standby(component(\"p\", mtbf: 100h, mttr: 1h), component(\"b\", 99%), switchover: 1m), 1h)"
        #expect(
            eval(standby).hasPrefix("error: `mission` does not model the outages of an active-passive pair's failovers")
        )
    }

    /// The mission view of a redundant pair against the simulation's count of missions.
    @Test func missionAgreesWithTheSimulation() {
        let text = """
            x = component("x", mtbf: 200h, mttr: 20h)
            y = component("y", mtbf: 200h, mttr: 20h)
            az = component("az", mtbf: 2000h, mttr: 5h)
            s = az & (x | y)
            m = mission(s, 72h)
            r = simulate(s, years: 2000, seed: 11, mission: 72h)
            [m.no_outage, r.mission_no_outage]
            """
        let outcome = run(text)
        #expect(outcome.error == nil, "\(outcome.errorText)")
        let values = outcome.output.split(separator: "[").last?.split(separator: ",").compactMap {
            Double($0.filter { "0123456789.".contains($0) })
        }
        // Chances of an outage, in percent: within 3% of each other (the view is an approximation).
        if let v = values, v.count == 2 {
            #expect(abs(v[0] - v[1]) / v[1] < 0.03, "\(v)")
        } else {
            Issue.record("\(outcome.output)")
        }
    }

    /// Two-unit standby with repair against the exact solution of its chain in rational
    /// arithmetic (Fixtures/markov_standby.py); for p = 1 these are the textbook closed
    /// forms (Rausand & Høyland, System Reliability Theory, 2nd ed., §8.7–8.8): cold, one
    /// crew U = ρ²/(1 + ρ + ρ²), MTTF = (2λ + μ)/λ²; hot, one crew U = 2ρ²/(1 + 2ρ + 2ρ²),
    /// MTTF = (3λ + μ)/(2λ²); hot, two crews U = (ρ/(1 + ρ))².
    static let markovCases: [(String, Double, Double)] = [
        ("mtbf: 1000h, mttr: 10h, standby: \"cold\"", 0.00009900009900009900009900009900009900009900, 102000),
        ("mtbf: 1000h, mttr: 10h, standby: \"cold\", crews: 2", 0.00004950249987624375030939062422652343943369, 102000),
        ("mtbf: 1000h, mttr: 10h, standby: \"hot\"", 0.0001960399921584003136639874534405018623799, 51500),
        ("mtbf: 1000h, mttr: 10h, standby: \"hot\", crews: 2", 0.00009802960494069208901088128614841682188021, 51500),
        (
            "mtbf: 1000h, mttr: 10h, standby: \"warm\", standby_mtbf: 5000h",
            0.0001185630162431332253092518673675058293483, 85166.66666666666666666666666666666666667
        ),
        ("mtbf: 2000h, mttr: 4h, switch_success: 99%", 0.00002391208114586692850994321419647882429527, 167330),
        (
            "mtbf: 500h, mttr: 24h, standby: \"warm\", crews: 2, standby_mtbf: 1500h, switch_success: 95%",
            0.003623102724811620414425629082818911550984, 4866.666666666666666666666666666666666667
        ),
    ]

    @Test(arguments: markovCases)
    func markovStandbyIsExact(_ arguments: String, _ u: Double, _ mttfHours: Double) {
        #expect(Self.close(Self.number("markov_standby(\(arguments)).availability"), u, 1e-12))
        #expect(Self.close(Self.number("markov_standby(\(arguments)).mttf / 1h"), mttfHours, 1e-12))
    }

    @Test func markovStandbySaysWhatTheFormulaMisses() {
        // Hot, two crews: the units are independent, so the formula U1 × U2 is right.
        #expect(
            Self.close(
                Self.number(
                    "markov_standby(mtbf: 1000h, mttr: 10h, standby: \"hot\", crews: 2).formula_downtime_ratio"), 1))
        // Cold, one crew: (ρ/(1+ρ))² against ρ²/(1+ρ+ρ²), ρ = 0.01.
        let rho = 0.01
        let ratio = (rho / (1 + rho)) * (rho / (1 + rho)) / (rho * rho / (1 + rho + rho * rho))
        #expect(Self.close(Self.number("markov_standby(mtbf: 1000h, mttr: 10h).formula_downtime_ratio"), ratio))
        #expect(
            eval("markov_standby(mtbf: 1h, mttr: 1h, standby: \"warm\")").hasPrefix(
                "error: a warm standby needs `standby_mtbf:`"))
        #expect(eval("markov_standby(mtbf: 1h, mttr: 1h, standby: \"tepid\")") == "error: unknown standby \"tepid\"")
    }

    /// The beta-factor model: k-of-n of independent copies at (1 − β)λ, in series with one
    /// common-cause part at βλ, every repair the part's MTTR.
    @Test func commonCauseIsTheBetaFactorModel() {
        let c = "c = component(\"web\", mtbf: 1000h, mttr: 10h)\n"
        // β = 0: the replicas.
        #expect(eval(c + "common_cause(c, 2, beta: 0%) == parallel(replicas(c, 2))") == "true")
        // β = 10%: independent U = 9/(1000 + 9), common-cause U = 1/(1000 + 1).
        let ui = 9.0 / 1009
        let uc = 1.0 / 1001
        let exact = -expm1(log1p(-ui * ui) + log1p(-uc))
        #expect(Self.close(Self.number(c + "common_cause(c, 2, beta: 10%)"), exact))
        #expect(eval(c + "spof(common_cause(c, 2, beta: 10%))") == "[\"web (common cause)\"]")
        #expect(
            eval(c + "cut_sets(common_cause(c, 3, beta: 5%, k: 2))")
                == "[[\"web (common cause)\"], [\"web#1\", \"web#2\"], [\"web#1\", \"web#3\"], [\"web#2\", \"web#3\"]]")
        // A component known by its availability: λ·MTTR = U / (1 − U) stands for the rate.
        let plain = "common_cause(component(\"a\", 99%), 2, beta: 50%)"
        let rho = 0.5 / 99
        let u = rho / (1 + rho)
        #expect(Self.close(Self.number(plain), -expm1(log1p(-u * u) + log1p(-u))))
    }

    /// A hand-worked importance table: a & (b | c), every part at 99%, U = 0.010099.
    @Test func importanceOfASmallSystem() throws {
        let block = try #require(Self.block(Self.parts + "a & (b | c)"))
        let (u, rows) = try SystemAnalysis(block).importance()
        #expect(Self.close(u, 0.010099))
        // Birnbaum: a: A(b | c) = 0.9999; b: A(a) × U(c) = 0.0099.
        #expect(Self.close(rows[0].birnbaum, 0.9999))
        #expect(Self.close(rows[1].birnbaum, 0.0099))
        // Criticality = I_B q / U; FV: a in {a} → 0.01 / U; b in {b, c} → 0.0001 / U.
        #expect(Self.close(rows[0].criticality, 0.9999 * 0.01 / 0.010099))
        #expect(Self.close(rows[0].fussellVesely, 0.01 / 0.010099))
        #expect(Self.close(rows[1].fussellVesely, 0.0001 / 0.010099))
        // RAW = U(down) / U; RRW = U / U(up).
        #expect(Self.close(rows[0].raw, 1 / 0.010099))
        #expect(Self.close(rows[0].rrw, 0.010099 / 0.0001))
        #expect(Self.close(rows[1].raw, 0.0199 / 0.010099))
        #expect(Self.close(rows[1].rrw, 0.010099 / 0.01))
        #expect(eval(Self.parts + "importance(a & (b | c)).name") == "[\"a\", \"b\", \"c\"]")
    }

    @Test func cutSetsAndPathSets() {
        let bridge =
            Self.parts
            + "d = component(\"d\", 99%)\ne = component(\"e\", 99%)\ns = (a & c) | (b & d) | (a & e & d) | (b & e & c)\n"
        // Names in each set in the order the parts first appear: a, c, b, d, e.
        #expect(
            eval(bridge + "cut_sets(s)")
                == "[[\"a\", \"b\"], [\"c\", \"d\"], [\"a\", \"d\", \"e\"], [\"c\", \"b\", \"e\"]]")
        #expect(
            eval(bridge + "path_sets(s)")
                == "[[\"a\", \"c\"], [\"b\", \"d\"], [\"a\", \"d\", \"e\"], [\"c\", \"b\", \"e\"]]")
        #expect(eval(bridge + "cut_sets(s, max_size: 2)") == "[[\"a\", \"b\"], [\"c\", \"d\"]]")
        #expect(
            eval(Self.parts + "cut_sets(k_of_n(2, [a, b, c]))") == "[[\"a\", \"b\"], [\"a\", \"c\"], [\"b\", \"c\"]]")
    }

    @Test func improveRanksByDoublingOrByImportance() {
        let s = Self.parts + "s = a & (b | c)\n"
        #expect(eval(s + "improve(s).double") == "[\"a\", \"b\", \"c\"]")
        #expect(eval(s + "improve(s, by: \"rrw\").double") == "[\"a\", \"b\", \"c\"]")
        #expect(eval(s + "improve(s, target: 99.9%).double") == "[\"a\"]")
        // Doubling a shared part doubles it everywhere: a second zone beside the first.
        let zone = "z = component(\"zone\", 99%)\nw = (z & component(\"w1\", 99.9%)) | (z & component(\"w2\", 99.9%))\n"
        #expect(eval(zone + "improve(w)[0].double") == "\"zone\"")
        #expect(eval(s + "improve(s, by: \"luck\")") == "error: unknown by \"luck\"")
    }

    @Test func explainShowsTheConditioning() {
        let outcome = run(Self.parts + "explain((a & b) | (a & c))")
        #expect(
            outcome.output.contains("(a & b) | (a & c): `a` is in more than one branch, so they are not independent;"))
        #expect(outcome.output.contains("    if a up (weight 99%): b | c = 99.99%"))
        #expect(outcome.output.contains("    if a down (weight 1%): down = 0%"))
        #expect(outcome.output.contains("    = 99% × 99.99% + 1% × 0% = 98.9901%"))
    }
}
