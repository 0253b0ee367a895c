import Foundation
import Testing

@testable import HadrCore

/// Systems whose parts are shared, against brute force over all their states.
@Suite struct SharedPartsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let expression: String
        let u: Double
        let spof: [String]
        let cutSets: [[String]]
        let birnbaum: [String: Double]
        var testDescription: String { String(expression.prefix(60)) }
    }

    /// 150 random systems of up to 16 distinct parts — names written in several branches,
    /// k-of-n over subsystems that share parts, replicas, plain availabilities, nesting —
    /// with U, the single points of failure, the minimal cut sets and each part's Birnbaum
    /// importance from an enumeration of all 2^n states in exact rational arithmetic
    /// (Fixtures/make_shared_systems.py).
    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/shared_systems.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let columns = line.split(separator: "\t").map(String.init)
            guard columns.count == 5, let u = Double(columns[1]),
                let spof = json(columns[2]) as? [String], let cuts = json(columns[3]) as? [[String]],
                let birnbaum = json(columns[4]) as? [String: String]
            else { return nil }
            return Case(
                expression: columns[0], u: u, spof: spof, cutSets: cuts,
                birnbaum: birnbaum.compactMapValues { Double($0) })
        }
    }()

    static func json(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// The block an expression evaluates to.
    static func block(_ expression: String) -> Block? {
        var result: Block?
        let session = Session(output: { _ in })
        session.onResult = { r in
            if case .system(let b) = r.value { result = b }
        }
        session.run(expression, name: "t")
        return result
    }

    static func close(_ x: Double, _ exact: Double, _ tolerance: Double) -> Bool {
        if exact == 0 { return abs(x) < 1e-300 }
        return abs(x - exact) / abs(exact) < tolerance
    }

    @Test func thereAre150Cases() {
        #expect(Self.cases.count == 150)
        #expect(Self.cases.filter { $0.birnbaum.count == 16 }.count >= 20)
    }

    @Test(arguments: cases)
    func agreesWithEveryState(_ c: Case) throws {
        let block = try #require(Self.block(c.expression))
        #expect(Self.close(block.u, c.u, 1e-12), "U = \(block.u), exact \(c.u)")
        let analysis = SystemAnalysis(block)
        #expect(analysis.singlePoints().map { analysis.names[$0] } == c.spof)
        let cuts = try analysis.sets(cuts: true, maxOrder: nil).map { $0.map { analysis.names[$0] } }
        #expect(cuts == c.cutSets)
        let (_, rows) = try analysis.importance()
        #expect(Set(analysis.names) == Set(c.birnbaum.keys))
        for (i, name) in analysis.names.enumerated() {
            let exact = try #require(c.birnbaum[name])
            #expect(Self.close(rows[i].birnbaum, exact, 1e-12), "\(name): \(rows[i].birnbaum), exact \(exact)")
        }
    }

    /// The builtins show what the analysis found.
    @Test func builtinsShowTheAnalysis() throws {
        let c = try #require(Self.cases.first { $0.cutSets.count > 2 })
        #expect(eval("spof(\(c.expression))") == "[" + c.spof.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
        let cuts = c.cutSets.map { "[" + $0.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        #expect(eval("cut_sets(\(c.expression))") == "[" + cuts.joined(separator: ", ") + "]")
    }
}
