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

    /// Factoring on the shared parts (what a system too entangled for a decision diagram
    /// gets) finds the same exact U, in the steady state and over a mission.
    @Test(arguments: cases.prefix(60))
    func factoringAgrees(_ c: Case) throws {
        let block = try #require(Self.block(c.expression))
        let factored = try Factoring(block).unavailability(probability: { ($0.u, 1 - $0.u) })
        #expect(Self.close(factored, c.u, 1e-12), "factoring \(factored), exact \(c.u)")
        // Over a mission every part fails by t with probability 1 − e^(−t/MTBF): give each
        // a life from its availability and compare the diagram with factoring.
        let function = try StructureFunction(parts: block, mode: .mission)
        let t = 0.37
        func q(_ b: Block) -> (q: Double, a: Double) {
            let rate = b.u / (1 - b.u)
            return (-expm1(-rate * t), exp(-rate * t))
        }
        var qs: [Double] = []
        var accs: [Double] = []
        for variable in function.variables {
            if case .part(let b) = variable {
                let (down, up) = q(b)
                qs.append(down)
                accs.append(up)
            } else {
                qs.append(0)
                accs.append(1)
            }
        }
        let viaDiagram = function.diagram.program(from: function.root).failure(q: qs, a: accs)
        let viaFactoring = try Factoring(block).unavailability(probability: q, mode: .mission)
        #expect(Self.close(viaFactoring, viaDiagram, 1e-12), "\(viaFactoring) vs \(viaDiagram)")
    }

    /// Random systems built in Swift: the minimal cut and path sets (the top-down expansion)
    /// and U (the decision diagram) against the truth table of the structure, every state
    /// of up to 12 parts evaluated on the diagram as written.
    @Test func randomSystemsAgreeWithTheirTruthTables() throws {
        var random = SplitMix64(seed: 77)
        for _ in 0..<120 {
            let count = 3 + Int(random.next() % 10)
            let parts = (0..<count).map { i in
                Block.component("p\(i)", Part(u: [0.1, 0.01, 0.001, 0.05][Int(random.next() % 4)]))
            }
            func make(_ depth: Int) throws -> Block {
                if depth == 0 || random.next() % 4 == 0 { return parts[Int(random.next() % UInt64(count))] }
                let n = 2 + Int(random.next() % 3)
                let children = try (0..<n).map { _ in try make(depth - 1) }
                switch random.next() % 3 {
                case 0: return try .series(children)
                case 1: return try .parallel(children)
                default: return try .kOfN(1 + Int(random.next() % UInt64(n)), children)
                }
            }
            let block = try make(4)
            let analysis = SystemAnalysis(block)
            let used = analysis.parts
            let n = used.count
            let keys = used.compactMap(\.key)
            // works[mask]: the system with the parts in `mask` down.
            let works = (0..<(1 << n)).map { mask in
                block.works(down: { key in keys.firstIndex(of: key).map { mask >> $0 & 1 == 1 } ?? false })
            }
            var cuts: [[Int]] = []
            var paths: [[Int]] = []
            var u = 0.0
            for mask in 0..<(1 << n) {
                let members = (0..<n).filter { mask >> $0 & 1 == 1 }
                if !works[mask], members.allSatisfy({ works[mask ^ (1 << $0)] }) { cuts.append(members) }
                // A path set: the parts outside `mask` up keep it working; minimal if losing any breaks it.
                let up = (0..<n).filter { mask >> $0 & 1 == 0 }
                if works[mask], up.allSatisfy({ !works[mask | (1 << $0)] }) { paths.append(up) }
                if !works[mask] {
                    var p = 1.0
                    for i in 0..<n { p *= mask >> i & 1 == 1 ? used[i].u : 1 - used[i].u }
                    u += p
                }
            }
            let order: ([Int], [Int]) -> Bool = { a, b in
                a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b)
            }
            #expect(try analysis.sets(cuts: true, maxOrder: nil) == cuts.sorted(by: order), "\(block.structure)")
            #expect(try analysis.sets(cuts: false, maxOrder: nil) == paths.sorted(by: order), "\(block.structure)")
            #expect(Self.close(block.u, u, 1e-9), "\(block.structure): \(block.u) vs \(u)")
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
