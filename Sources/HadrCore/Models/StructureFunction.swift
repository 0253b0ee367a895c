/// A block diagram as a decision diagram over what it is made of, with the probabilities
/// of each variable: exact for any structure, shared parts included.
///
/// Two uses:
/// - a block's own U when its children share a part (`unavailability(of:)`): variables are
///   the shared parts and the largest sub-blocks that share nothing with the rest
///   ("modules", each with the U its own formulas gave), so that what can use the
///   chapter's formulas does, and the diagram stays small;
/// - analysis (`init(parts:mode:)`): one variable per distinct part, so that a part can be
///   conditioned on (importance) or given a time-dependent probability (reliability).
///
/// An active-passive pair is expanded as the two sides in parallel with a pseudo-part, not
/// a part of the system's structure: in the steady state the failovers' share of downtime
/// (`Block.switchingUnavailability`), in series with the pair; over a mission without
/// repair, the switch's success, in series with the backup (a hot standby that takes over
/// with probability p: R = R1 + p (1 − R1) R2).
struct StructureFunction {
    /// Which probabilities the variables have.
    enum Mode {
        /// Long-run availability with repair.
        case steady
        /// The chance of lasting from 0 to a time without repair.
        case mission
    }

    /// What a variable stands for.
    enum Variable {
        case part(Block)
        case module(Block)
        /// The pseudo-part of an active-passive pair.
        case switchOf(Block)
    }

    private enum VariableKey: Hashable {
        case part(PartKey)
        case module(ObjectIdentifier)
        case switchOf(ObjectIdentifier)
    }

    var diagram = DecisionDiagram()
    private(set) var variables: [Variable] = []
    private(set) var root: Int32 = DecisionDiagram.up
    let mode: Mode
    private var index: [VariableKey: Int] = [:]
    private var memo: [ObjectIdentifier: Int32] = [:]
    /// For modules: how many times each part appears under the block being built.
    private var counts: [PartKey: Int]?

    /// The most nodes the diagram of a block's own U may take before factoring on its
    /// shared parts is tried instead.
    static let moduleLimit = 100_000

    /// U of a block whose children share a part, over its shared parts and modules; by
    /// factoring on the shared parts when the diagram would be too large.
    static func unavailability(of block: Block) throws -> Double {
        var counts: [PartKey: Int] = [:]
        for leaf in block.leaves {
            if let key = leaf.key { counts[key, default: 0] += 1 }
        }
        var function = StructureFunction(mode: .steady, counts: counts, limit: moduleLimit)
        do {
            function.root = try function.build(block, isRoot: true)
        } catch ModelError.diagramTooLarge {
            return try Factoring(block).unavailability(probability: { ($0.u, 1 - $0.u) })
        }
        let (q, a) = function.steadyProbabilities()
        return function.diagram.program(from: function.root).failure(q: q, a: a)
    }

    private init(mode: Mode, counts: [PartKey: Int]?, limit: Int) {
        self.mode = mode
        self.counts = counts
        diagram = DecisionDiagram(limit: limit)
    }

    /// The structure over every distinct part of `block`: variable i is `parts[i]`, and the
    /// pseudo-parts of active-passive pairs follow.
    init(parts block: Block, mode: Mode) throws {
        self.mode = mode
        for part in block.distinctParts {
            if let key = part.key { _ = try variable(.part(key), .part(part)) }
        }
        root = try build(block, isRoot: true)
    }

    private mutating func variable(_ key: VariableKey, _ meaning: Variable) throws -> Int32 {
        if let v = index[key] { return try diagram.variable(v) }
        let v = variables.count
        variables.append(meaning)
        index[key] = v
        return try diagram.variable(v)
    }

    /// Whether a sub-block shares no part with the rest of the block being built.
    private func isModule(_ block: Block) -> Bool {
        guard let counts, block.key == nil else { return false }
        return block.parts.keys.allSatisfy { counts[$0] == 1 }
    }

    private mutating func build(_ block: Block, isRoot: Bool = false) throws -> Int32 {
        let id = ObjectIdentifier(block)
        if let found = memo[id] { return found }
        let result: Int32
        if !isRoot, isModule(block) {
            result = try variable(.module(id), .module(block))
        } else {
            switch block.kind {
            case .leaf:
                guard let key = block.key else { return DecisionDiagram.up }
                result = try variable(.part(key), .part(block))
            // The children are built in order (so variables are numbered as they appear) and
            // combined from the last: each step then puts lower variables above the rest,
            // one node each, where combining from the first would rebuild the chain below.
            case .series(let parts):
                var f = DecisionDiagram.up
                for g in try parts.map({ try build($0) }).reversed() { f = try diagram.and(g, f) }
                result = f
            case .parallel(let parts):
                var f = DecisionDiagram.down
                for g in try parts.map({ try build($0) }).reversed() { f = try diagram.or(g, f) }
                result = f
            case .kOfN(let k, let parts):
                result = try diagram.atLeast(k, of: try parts.map { try build($0) })
            case .standby(let p, let b, _, _, let ok, _):
                let primary = try build(p)
                let backup = try build(b)
                switch mode {
                case .steady:
                    let either = try diagram.or(primary, backup)
                    result =
                        block.switchingUnavailability > 0
                        ? try diagram.and(either, try variable(.switchOf(id), .switchOf(block))) : either
                case .mission:
                    let taken = ok < 1 ? try diagram.and(backup, try variable(.switchOf(id), .switchOf(block))) : backup
                    result = try diagram.or(primary, taken)
                }
            }
        }
        memo[id] = result
        return result
    }

    /// Each variable's probabilities of being down and up in the steady state.
    func steadyProbabilities() -> (q: [Double], a: [Double]) {
        var q: [Double] = []
        var a: [Double] = []
        for variable in variables {
            let u: Double
            switch variable {
            case .part(let b), .module(let b): u = b.u
            case .switchOf(let b): u = b.switchingUnavailability
            }
            q.append(u)
            a.append(1 - u)
        }
        return (q, a)
    }

    /// Each variable's probabilities of having failed, and of not, by time t without repair;
    /// a part without a life is an error that names it.
    func missionProbabilities(at t: Double, names: [String]) throws -> (q: [Double], a: [Double]) {
        var q: [Double] = []
        var a: [Double] = []
        for (i, variable) in variables.enumerated() {
            switch variable {
            case .part(let b):
                guard let life = b.part?.life else {
                    throw ModelError.noLifetime(i < names.count ? names[i] : (b.label ?? Display.percent(b.u)))
                }
                q.append(life.failure(t))
                a.append(life.survival(t))
            case .module(let b):
                q.append(b.u)
                a.append(1 - b.u)
            case .switchOf(let b):
                var ok = 1.0
                if case .standby(_, _, _, _, let p, _) = b.kind { ok = p }
                q.append(1 - ok)
                a.append(ok)
            }
        }
        return (q, a)
    }
}
