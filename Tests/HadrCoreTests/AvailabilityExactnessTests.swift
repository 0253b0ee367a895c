import Foundation
import Testing

@testable import HadrCore

/// hadr's unavailabilities against exact rational arithmetic, and the simulation against the formulas.
@Suite struct AvailabilityExactnessTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let expression: String
        let exact: Double
        var testDescription: String { String(expression.prefix(60)) }
    }

    /// 200 random nested series/parallel/k-of-n expressions with their unavailability
    /// computed with Python's fractions (Fixtures/make_exact_availability.py).
    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/exact_availability.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let exact = Double(parts[1]) else { return nil }
            return Case(expression: String(parts[0]), exact: exact)
        }
    }()

    static func unavailability(of expression: String) -> Double? {
        var result: Double?
        let session = Session(output: { _ in })
        session.onResult = { r in
            switch r.value {
            case .availability(let u): result = u
            case .system(let b): result = b.u
            default: result = nil
            }
        }
        session.run(expression, name: "t")
        return result
    }

    @Test func thereAre200Cases() {
        #expect(Self.cases.count == 200)
    }

    @Test(arguments: cases)
    func unavailabilityIsExactTo1e12(_ c: Case) throws {
        let u = try #require(Self.unavailability(of: c.expression))
        let relative = abs(u - c.exact) / c.exact
        #expect(relative < 1e-12, "U = \(u), exact \(c.exact), relative error \(relative)")
    }

    @Test func chapterFiguresComeOutExactly() {
        #expect(eval("approx(downtime(99.9%, per: 1y))") == "\"8.76 hours\"")
        #expect(eval("approx(downtime(99.9%, per: 1mo))") == "\"43.8 minutes\"")
        #expect(eval("approx(downtime(99.9%, per: 1w))") == "\"10.1 minutes\"")
        #expect(eval("series(99.9%, 99.9%, 99.9%)") == "99.7003%")
        #expect(eval("parallel(99.9%, 99.9%)") == "99.9999%")
        #expect(eval("nines_table()[4].per_month") == "\"26.3 seconds\"")
    }

    /// Binomial terms whose powers underflow a Double (0.0001^101 = 1e-404) are held with a
    /// wide exponent: exact values from Python's fractions, `sum(comb(n, j) * a**j * u**(n - j))`.
    @Test(arguments: [
        ("k_of_n(900, 1000, 99.99%)", 5.205032813520600e-264),
        ("k_of_n(1000, 1001, 99.99%)", 4.683817085599120e-03),
        ("k_of_n(9990, 10000, 99.9999%)", 2.468756735047840e-30),
        ("k_of_n(900, [\(Array(repeating: "99.99%", count: 1000).joined(separator: ", "))])", 5.205032813520600e-264),
    ])
    func kOfNTermsDoNotUnderflow(_ expression: String, _ exact: Double) throws {
        let u = try #require(Self.unavailability(of: expression))
        #expect(abs(u - exact) / exact < 1e-12, "U = \(u), exact \(exact)")
    }

    @Test func kOfNWhoseUnavailabilityUnderflowsIsAnHonestZero() {
        // Exact U is about 1e-1000: below the smallest Double, so 100% is the nearest value.
        #expect(Self.unavailability(of: "k_of_n(500, 1000, 99%)") == 0)
        #expect(eval("nines(k_of_n(900, 1000, 99.99%)) > 263") == "true")
    }

    @Test func aPowerOfAnAvailabilityIsAnAvailability() {
        #expect(eval("99.9% ^ 3") == "99.7003%")
        #expect(eval("type(99.9% ^ 3)") == "\"availability\"")
        #expect(eval("99.9% ^ 3 == 99.9% * 99.9% * 99.9%") == "true")
        #expect(eval("99.9% ^ 3 == series(99.9%, 99.9%, 99.9%)") == "true")
        // U = 1 − (1 − 1e-12)^2 = 2e-12 − 1e-24, kept to full relative precision.
        #expect(Self.unavailability(of: "99.9999999999% ^ 2") == 1.999999999999e-12)
        #expect(eval("99.9% ^ 0") == "100%")
        #expect(eval("type(0.999 ^ 3)") == "\"number\"")
        #expect(eval("component(\"a\", 99%) ^ 2").hasPrefix("error: a system of named parts cannot be raised"))
    }

    @Test func componentsKeepTheirStructure() {
        let text = "w = component(\"web\", 99.9%)\nd = component(\"db\", mtbf: 2000h, mttr: 4h)\n"
        // Two copies of the database: 0.999 × (1 − (4 / 2004)²).
        #expect(
            eval(text + "w & parallel(replicas(d, 2))").hasPrefix(
                "web & (db#1 | db#2)\n  99.899602% · 3 nines · 8h 47m 41.515s down a year"))
        // The same database written twice is one part: 0.999 × 2000 / 2004.
        #expect(eval(text + "w & (d | d)").hasPrefix("web & (db | db)\n  99.700599% · 2.52 nines"))
        #expect(eval("spof(component(\"lb\", 99.99%) & (component(\"a\", 99%) | component(\"b\", 99%)))") == "[\"lb\"]")
    }

    @Test func explainShowsTheFormulas() {
        let outcome = run("web = 99.9%\nexplain(web & (99.95% | 99.95%))")
        #expect(outcome.output.contains("in parallel, one must work: A = 1 − (1 − A1)(1 − A2)"))
        #expect(outcome.output.contains("= 99.9% × 99.999975% = 99.899975%"))
    }

    /// The Monte Carlo agrees with the analytic availability inside its own interval.
    @Test(arguments: [
        "component(\"a\", mtbf: 1000h, mttr: 10h) | component(\"b\", mtbf: 1000h, mttr: 10h)",
        "component(\"lb\", mtbf: 5000h, mttr: 2h) & (component(\"w1\", mtbf: 800h, mttr: 8h) | component(\"w2\", mtbf: 800h, mttr: 8h))",
        "k_of_n(2, [component(\"r1\", mtbf: 500h, mttr: 5h), component(\"r2\", mtbf: 500h, mttr: 5h), component(\"r3\", mtbf: 500h, mttr: 5h)])",
        "component(\"single\", mtbf: 300h, mttr: 3h)",
    ])
    func simulationAgreesWithTheFormulas(_ design: String) {
        let outcome = run(
            "s = simulate(\(design), years: 3000, seed: 7, runs: 40)\nassert(s.low <= s.analytic and s.analytic <= s.high, \"outside\")\n[s.low, s.analytic, s.high]"
        )
        #expect(outcome.error == nil, "\(outcome.output) \(outcome.errorText)")
    }

    @Test func simulationRepeatsWithASeed() {
        let a = eval("simulate(component(\"a\", mtbf: 100h, mttr: 1h) | 99%, years: 100, seed: 3).availability")
        let b = eval("simulate(component(\"a\", mtbf: 100h, mttr: 1h) | 99%, years: 100, seed: 3).availability")
        #expect(a == b)
        #expect(a.hasSuffix("%"))
    }
}
