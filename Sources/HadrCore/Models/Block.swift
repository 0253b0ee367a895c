import Glibc

/// A reliability block diagram: components composed in series, in parallel, k-of-n
/// and as active-passive pairs. Each block keeps its unavailability U = 1 − A, computed
/// from its parts without cancellation, and its structure for `explain`, `spof`,
/// `improve` and `simulate`.
final class Block {
    /// How a block is made.
    enum Kind {
        /// A part with a known availability; from `component`, or a plain value given a label.
        case leaf(mtbf: Double?, mttr: Double?)
        case series([Block])
        case parallel([Block])
        case kOfN(Int, [Block])
        /// An active-passive pair: the backup takes over after `switchover`, and a
        /// switch fails with probability 1 − `switchSuccess`.
        case standby(
            primary: Block, backup: Block, switchover: Double, failuresPerYear: Double, switchSuccess: Double,
            repair: Double)
    }

    let kind: Kind
    /// The component's name, or the source text a value was written as (`web`, `99.9%`).
    let label: String?
    /// Whether this leaf was made by `component` (and so is named by its author).
    let isComponent: Bool
    let u: Double

    init(kind: Kind, label: String?, isComponent: Bool = false, u: Double) {
        self.kind = kind
        self.label = label
        self.isComponent = isComponent
        self.u = min(1, max(0, u))
    }

    /// A leaf of known unavailability.
    static func leaf(_ u: Double, label: String?, mtbf: Double? = nil, mttr: Double? = nil, isComponent: Bool = false)
        -> Block
    {
        Block(kind: .leaf(mtbf: mtbf, mttr: mttr), label: label, isComponent: isComponent, u: u)
    }

    static func series(_ parts: [Block]) -> Block {
        // Flatten unnamed series so that a & b & c reads as one series of three.
        let flat = parts.flatMap { part -> [Block] in
            if case .series(let inner) = part.kind, part.label == nil { return inner }
            return [part]
        }
        var logSum = 0.0
        for part in flat { logSum += log1p(-part.u) }
        return Block(kind: .series(flat), label: nil, u: -expm1(logSum))
    }

    static func parallel(_ parts: [Block]) -> Block {
        let flat = parts.flatMap { part -> [Block] in
            if case .parallel(let inner) = part.kind, part.label == nil { return inner }
            return [part]
        }
        return Block(kind: .parallel(flat), label: nil, u: flat.reduce(1.0) { $0 * $1.u })
    }

    static func kOfN(_ k: Int, _ parts: [Block]) -> Block {
        Block(kind: .kOfN(k, parts), label: nil, u: KOfN.unavailability(k: k, unavailabilities: parts.map(\.u)))
    }

    /// The unavailability of an active-passive pair: both down, plus each failover's
    /// switchover time, plus failed switches that last until the primary is repaired.
    static func standby(
        primary: Block, backup: Block, switchover: Double, failuresPerYear: Double, switchSuccess: Double,
        repair: Double
    ) -> Block {
        let year = TimeUnit.year.seconds
        let both = primary.u * backup.u
        let switching = failuresPerYear * switchover / year
        let failedSwitches = failuresPerYear * (1 - switchSuccess) * repair / year
        return Block(
            kind: .standby(
                primary: primary, backup: backup, switchover: switchover, failuresPerYear: failuresPerYear,
                switchSuccess: switchSuccess, repair: repair),
            label: nil, u: both + switching + failedSwitches)
    }

    /// Whether a component made by `component` is anywhere inside.
    var hasComponents: Bool {
        if isComponent { return true }
        return children.contains { $0.hasComponents }
    }

    /// The blocks directly inside this one.
    var children: [Block] {
        switch kind {
        case .leaf: []
        case .series(let parts), .parallel(let parts), .kOfN(_, let parts): parts
        case .standby(let primary, let backup, _, _, _, _): [primary, backup]
        }
    }

    /// Every leaf, left to right.
    var leaves: [Block] {
        if case .leaf = kind { return [self] }
        return children.flatMap(\.leaves)
    }

    /// The diagram as an expression: `web & app & (db | db)`.
    var structure: String { describe(parentPrecedence: 0) }

    private func describe(parentPrecedence: Int) -> String {
        if let label, !(isComposite && !isComponent && label.isEmpty) {
            if case .leaf = kind { return label }
        }
        switch kind {
        case .leaf:
            return label ?? Display.percent(u)
        case .series(let parts):
            let text = parts.map { $0.describe(parentPrecedence: 2) }.joined(separator: " & ")
            return parentPrecedence > 2 ? "(\(text))" : text
        case .parallel(let parts):
            let text = parts.map { $0.describe(parentPrecedence: 1) }.joined(separator: " | ")
            return parentPrecedence > 1 ? "(\(text))" : text
        case .kOfN(let k, let parts):
            return "k_of_n(\(k), [" + parts.map { $0.describe(parentPrecedence: 0) }.joined(separator: ", ") + "])"
        case .standby(let primary, let backup, _, _, _, _):
            return "standby(\(primary.describe(parentPrecedence: 0)), \(backup.describe(parentPrecedence: 0)))"
        }
    }

    private var isComposite: Bool {
        if case .leaf = kind { return false }
        return true
    }

    /// This block with one leaf replaced (by identity).
    func replacing(_ target: Block, with replacement: Block) -> Block {
        if self === target { return replacement }
        switch kind {
        case .leaf:
            return self
        case .series(let parts):
            return .series(parts.map { $0.replacing(target, with: replacement) })
        case .parallel(let parts):
            return .parallel(parts.map { $0.replacing(target, with: replacement) })
        case .kOfN(let k, let parts):
            return .kOfN(k, parts.map { $0.replacing(target, with: replacement) })
        case .standby(let p, let b, let s, let f, let ok, let r):
            return .standby(
                primary: p.replacing(target, with: replacement), backup: b.replacing(target, with: replacement),
                switchover: s,
                failuresPerYear: f, switchSuccess: ok, repair: r)
        }
    }

    /// Whether the system works when exactly the leaves in `down` have failed.
    func works(down: (Block) -> Bool) -> Bool {
        switch kind {
        case .leaf: return !down(self)
        case .series(let parts): return parts.allSatisfy { $0.works(down: down) }
        case .parallel(let parts): return parts.contains { $0.works(down: down) }
        case .kOfN(let k, let parts): return parts.filter { $0.works(down: down) }.count >= k
        case .standby(let p, let b, _, _, _, _): return p.works(down: down) || b.works(down: down)
        }
    }
}
