import Foundation
import Testing

@testable import HadrCore

/// The Monte Carlo as a check of the analysis: shared parts, failovers, other
/// distributions, rare outages, yearly percentiles. Fixed seeds and modest years keep it fast.
@Suite struct SimulationTests {
    /// The fields of a `simulate` record, by name.
    static func simulate(_ text: String) -> [String: Value] {
        var fields: [String: Value] = [:]
        let session = Session(output: { _ in })
        session.onResult = { r in
            if case .record(let box) = r.value {
                for (name, value) in zip(box.names, box.values) { fields[name] = value }
            }
        }
        session.run(text, name: "t")
        return fields
    }

    static func u(_ value: Value?) -> Double? {
        if case .availability(let u)? = value { return u }
        return nil
    }

    static func seconds(_ value: Value?) -> Double? {
        if case .time(let x, _, _)? = value { return x }
        return nil
    }

    /// Shared parts are one process: the analytic value, exact over the shared parts,
    /// lies inside the simulation's interval, and the naive one (copies) outside it.
    static let shared: [(String, String)] = [
        (
            "az = component(\"az\", mtbf: 500h, mttr: 5h)\nw1 = component(\"w1\", mtbf: 300h, mttr: 10h)\nw2 = component(\"w2\", mtbf: 300h, mttr: 10h)\n",
            "(az & w1) | (az & w2)"
        ),
        (
            "a = component(\"a\", mtbf: 400h, mttr: 8h)\nb = component(\"b\", mtbf: 400h, mttr: 8h)\nc = component(\"c\", mtbf: 400h, mttr: 8h)\nd = component(\"d\", mtbf: 400h, mttr: 8h)\ne = component(\"e\", mtbf: 400h, mttr: 8h)\n",
            "(a & c) | (b & d) | (a & e & d) | (b & e & c)"
        ),
        (
            "z = component(\"zone\", mtbf: 1000h, mttr: 4h)\nr = map(1..3, fn(i) = component(\"r{i}\", mtbf: 200h, mttr: 10h))\n",
            "k_of_n(2, [z & r[0], z & r[1], r[2]])"
        ),
    ]

    @Test(arguments: shared)
    func sharedPartsAgreeWithTheExactValue(_ parts: String, _ system: String) throws {
        let fields = Self.simulate(parts + "simulate(\(system), years: 3000, seed: 5, runs: 40)")
        let low = try #require(Self.u(fields["high"]))  // `high` is the availability's top: U's low end.
        let high = try #require(Self.u(fields["low"]))
        let exact = try #require(Self.u(fields["analytic"]))
        #expect(low <= exact && exact <= high, "U \(exact) outside [\(low), \(high)]")
    }

    @Test func theNaiveValueIsOutsideTheInterval() throws {
        let (parts, system) = Self.shared[0]
        let fields = Self.simulate(parts + "simulate(\(system), years: 3000, seed: 5, runs: 40)")
        let high = try #require(Self.u(fields["low"]))
        // As if the zone were two: (1 − (1 − Uaz)(1 − Uw))², far below the simulated U.
        let uaz = 5.0 / 505
        let uw = 10.0 / 310
        let naive = pow(1 - (1 - uaz) * (1 - uw), 2)
        let exact = uaz + (1 - uaz) * uw * uw
        #expect(naive < exact / 3)
        let low = try #require(Self.u(fields["high"]))
        #expect(naive < low, "naive \(naive) is inside [\(low), \(high)]")
    }

    /// Failovers cost their switchover, failed switches their repair: the standby formula's
    /// U = U1 U2 + f s / 1y + f (1 − p) r / 1y is inside the simulation's interval.
    @Test func standbySwitchoverIsSimulated() throws {
        let text = """
            p = component("p", mtbf: 200h, mttr: 4h)
            b = component("b", mtbf: 200h, mttr: 4h)
            simulate(standby(p, b, switchover: 30m, switch_success: 90%, repair: 2h), years: 2000, seed: 3, runs: 40)
            """
        let fields = Self.simulate(text)
        let exact = try #require(Self.u(fields["analytic"]))
        let low = try #require(Self.u(fields["high"]))
        let high = try #require(Self.u(fields["low"]))
        #expect(low <= exact && exact <= high, "U \(exact) outside [\(low), \(high)]")
        // Without the failovers it would be U1 U2 alone, far below.
        #expect((4.0 / 204) * (4.0 / 204) < low)
    }

    /// Weibull lives and lognormal repairs: the long-run U is mean repair / (mean life + mean repair).
    @Test func otherDistributions() throws {
        let text = """
            disk = component("disk", life: weibull(3, 900h), repair: lognormal(12h, 1))
            simulate(disk, years: 2000, seed: 9, runs: 40)
            """
        let fields = Self.simulate(text)
        let exact = 12.0 / (900 * tgamma(1 + 1.0 / 3) + 12)
        #expect(abs((Self.u(fields["analytic"]) ?? 0) - exact) < 1e-15)
        let low = try #require(Self.u(fields["high"]))
        let high = try #require(Self.u(fields["low"]))
        #expect(low <= exact && exact <= high, "U \(exact) outside [\(low), \(high)]")
    }

    /// No outage seen: never a zero-width interval at 100%, but the bound the exposure allows.
    @Test func noOutageGivesAnHonestBound() throws {
        let fields = Self.simulate("simulate(component(\"x\", mtbf: 1000000y, mttr: 2h), years: 50, seed: 1)")
        #expect(fields["outages"].map { $0.equals(.number(0)) } == true)
        let bound = try #require(Self.u(fields["low"]))
        // −ln(0.05) / 50 years × 2 h.
        let expected = -log(0.05) / (50 * 365 * 86_400) * 7200
        #expect(abs(bound - expected) / expected < 1e-12)
        #expect(Self.u(fields["high"]) == 0)
        if case .string(let note)? = fields["note"] {
            #expect(note.hasPrefix("no outage in 50 simulated years: U is below 1.37e-5 (95%, from the exposure)"))
        } else {
            Issue.record("no note")
        }
    }

    /// The yearly downtime's percentiles against an independent sampler
    /// (Fixtures/yearly_downtime.py, numpy, a million years): p50 81.80 h, p90 141.86 h, p99 202.67 h.
    @Test func yearlyPercentiles() throws {
        let fields = Self.simulate(
            "simulate(component(\"x\", mtbf: 1000h, mttr: 10h), years: 20000, seed: 4, runs: 20)")
        let hours = ["p50", "p90", "p99"].map { Self.seconds(fields[$0]).map { $0 / 3600 } }
        for (value, (oracle, tolerance)) in zip(hours, [(81.80, 0.03), (141.86, 0.03), (202.67, 0.06)]) {
            let v = try #require(value)
            #expect(abs(v - oracle) / oracle < tolerance, "\(v) h vs \(oracle) h")
        }
    }
}
