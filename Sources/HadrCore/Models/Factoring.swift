/// U of a system whose shared parts are too entangled for a decision diagram, by
/// factoring: conditioning on the states of its shared parts (the parts that appear in
/// more than one place). Once every shared part is fixed up or down, every other part
/// appears once, so the system's U follows the chapter's formulas exactly, and
///
///     U = Σ over the shared parts' states s of P(s) · U(system | s),
///
/// a sum of non-negative terms. The states are taken by how many shared parts are in
/// their less likely state (none, then one, then two, …); after each level, the states
/// not yet taken weigh at most P(more deviations), and U(system | s) ≤ 1, so
/// U lies in [sum so far, sum so far + that weight]. It stops once that weight is below
/// `tolerance` × the sum: the answer is then exact to that relative precision. Shared
/// parts are usually far more available than not, so a few levels suffice: 30 shared
/// parts of four nines and more reach 1e-14 within five levels.
struct Factoring {
    /// The most conditioned systems one answer may evaluate.
    static let maxStates = 2_000_000
    /// The most steps of conditioned programs one answer may run (states × blocks that hold a
    /// shared part): about a second.
    static let maxWork = 300_000_000
    /// The relative precision asked of U.
    static let tolerance = 1e-14

    let block: Block
    /// The parts written in more than one place, in order of first appearance.
    let shared: [PartKey]

    init(_ block: Block) {
        self.block = block
        var counts: [PartKey: Int] = [:]
        var order: [PartKey] = []
        for leaf in block.leaves {
            guard let key = leaf.key else { continue }
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        shared = order.filter { (counts[$0] ?? 0) > 1 }
    }

    /// U over the shared parts' states, each leaf down with probability `probability(leaf).q`
    /// and up with `.a`; blocks combine their children's U by the formulas of `mode`.
    func unavailability(probability: (Block) -> (q: Double, a: Double), mode: StructureFunction.Mode = .steady)
        throws -> Double
    {
        var program = Program(block, shared: shared, probability: probability, mode: mode)
        let probabilities = program.sharedProbabilities
        // Each shared part's less likely state, and the chance of it.
        let deviation = probabilities.map { min($0.q, $0.a) }
        let usual = probabilities.map { max($0.q, $0.a) }
        let usuallyUp = probabilities.map { $0.a >= $0.q }
        let ratio = zip(deviation, usual).map { $0 / $1 }
        let base = usual.reduce(1, *)
        // P(exactly j deviations), and beyond[j] = P(more than j), summed from the small end.
        var exactly = [Double](repeating: 0, count: shared.count + 1)
        exactly[0] = 1
        for (i, d) in deviation.enumerated() {
            for j in stride(from: i + 1, through: 1, by: -1) { exactly[j] = exactly[j] * usual[i] + exactly[j - 1] * d }
            exactly[0] *= usual[i]
        }
        var beyond = [Double](repeating: 0, count: shared.count + 1)
        for j in stride(from: shared.count - 1, through: 0, by: -1) { beyond[j] = beyond[j + 1] + exactly[j + 1] }
        // Each state runs the program once: bound the work, not only the states.
        let stateLimit = min(Self.maxStates, max(1000, Self.maxWork / max(1, program.steps.count)))
        var total = 0.0
        var states = 0
        for level in 0...shared.count {
            // Every set of `level` shared parts in their less likely state.
            var chosen = Array(0..<level)
            while true {
                states += 1
                guard states <= stateLimit else {
                    throw ModelError.tooEntangled(
                        low: total, high: min(1, total + beyond[level] + exactly[level]), states: stateLimit)
                }
                var weight = base
                for i in shared.indices { program.up[i] = usuallyUp[i] }
                for i in chosen {
                    weight *= ratio[i]
                    program.up[i] = !usuallyUp[i]
                }
                if weight > 0 { total += weight * program.run() }
                // The next combination of `level` out of the shared parts, in order.
                var k = level - 1
                while k >= 0, chosen[k] == shared.count - level + k { k -= 1 }
                if k < 0 { break }
                chosen[k] += 1
                var j = k + 1
                while j < level {
                    chosen[j] = chosen[j - 1] + 1
                    j += 1
                }
            }
            if beyond[level] <= Self.tolerance * total { break }
        }
        return min(1, total)
    }

    /// The blocks that hold a shared part, flattened children-first: each evaluation of a
    /// state runs only these, over fixed values for everything else.
    struct Program {
        enum Step {
            /// A shared part's U from its state.
            case shared(Int)
            /// A U that does not depend on the state.
            case constant(Double)
            /// A block's U from the steps of its children.
            case block(Block.Shape, [Int])
        }

        var steps: [Step] = []
        var up: [Bool]
        var sharedProbabilities: [(q: Double, a: Double)]
        let mode: StructureFunction.Mode
        private var values: [Double] = []

        init(
            _ block: Block, shared: [PartKey], probability: (Block) -> (q: Double, a: Double),
            mode: StructureFunction.Mode
        ) {
            self.mode = mode
            up = [Bool](repeating: true, count: shared.count)
            sharedProbabilities = [(q: Double, a: Double)](repeating: (0, 1), count: shared.count)
            let index = Dictionary(uniqueKeysWithValues: shared.enumerated().map { ($1, $0) })
            var memo: [ObjectIdentifier: Int] = [:]
            var fixed: [ObjectIdentifier: Double] = [:]
            func independent(_ b: Block) -> Double {
                let id = ObjectIdentifier(b)
                if let u = fixed[id] { return u }
                let u = b.key != nil ? probability(b).q : Block.combine(b.shape, b.children.map(independent), mode)
                fixed[id] = u
                return u
            }
            func add(_ b: Block) -> Int {
                let id = ObjectIdentifier(b)
                if let step = memo[id] { return step }
                let step: Step
                if let key = b.key, let i = index[key] {
                    sharedProbabilities[i] = probability(b)
                    step = .shared(i)
                } else if !b.partsByKey.keys.contains(where: { index[$0] != nil }) {
                    step = .constant(independent(b))
                } else {
                    step = .block(b.shape, b.children.map(add))
                }
                steps.append(step)
                memo[id] = steps.count - 1
                return steps.count - 1
            }
            _ = add(block)
            values = [Double](repeating: 0, count: steps.count)
        }

        /// U of the whole block in the current state of the shared parts.
        mutating func run() -> Double {
            var children: [Double] = []
            for (i, step) in steps.enumerated() {
                switch step {
                case .shared(let s): values[i] = up[s] ? 0 : 1
                case .constant(let u): values[i] = u
                case .block(let shape, let inputs):
                    children.removeAll(keepingCapacity: true)
                    for input in inputs { children.append(values[input]) }
                    values[i] = Block.combine(shape, children, mode)
                }
            }
            return values[steps.count - 1]
        }
    }
}
