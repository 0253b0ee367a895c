import Glibc

/// What to improve first: each part doubled (a second, independent copy in parallel
/// wherever the part is used), with the system's availability after, and the part's
/// importance, ranked by the doubling's gain or by an importance measure.
struct Improvement {
    /// The most doublings `improve(system, target:)` tries.
    static let maxSteps = 10

    /// One part, doubled.
    struct Option {
        var name: String
        /// The name of the copy it gets.
        var copyName: String
        var doubled: Block
        var birnbaum: Double
        var criticality: Double
        var fussellVesely: Double?
        var raw: Double
        var rrw: Double
    }

    let options: [Option]

    /// Every part of `block` except those named in `skipping`, doubled.
    init(_ block: Block, skipping: Set<String> = [], tick: @escaping (Int) throws -> Void = { _ in }) throws {
        var analysis = SystemAnalysis(block)
        analysis.tick = tick
        let (_, rows) = try analysis.importance()
        var options: [Option] = []
        for (i, part) in analysis.parts.enumerated() where !skipping.contains(analysis.names[i]) {
            guard let key = part.key else { continue }
            try tick(block.leaves.count)
            let copy = try part.copy(renaming: { "\($0)#2" })
            let doubled = try block.replacing(key, with: try .parallel([part, copy]))
            let row = rows[i]
            options.append(
                Option(
                    name: analysis.names[i], copyName: copy.label ?? analysis.names[i], doubled: doubled,
                    birnbaum: row.birnbaum, criticality: row.criticality, fussellVesely: row.fussellVesely,
                    raw: row.raw, rrw: row.rrw))
        }
        self.options = options
    }

    /// The options, best first: by the availability the doubling gives, or by the largest
    /// importance (ties keep the parts' order).
    func ranked(by measure: String) -> [Option] {
        func score(_ o: Option) -> Double {
            switch measure {
            case "birnbaum": -o.birnbaum
            case "criticality": -o.criticality
            case "fussell_vesely": -(o.fussellVesely ?? o.criticality)
            case "raw": -o.raw
            case "rrw": -o.rrw
            default: o.doubled.u
            }
        }
        return options.enumerated().sorted { x, y in
            let (a, b) = (score(x.element), score(y.element))
            return a < b || (a == b && x.offset < y.offset)
        }.map(\.element)
    }
}
