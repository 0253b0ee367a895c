import Glibc

/// What makes a part the same part: a component's name, or, for a part without one (a
/// plain availability inside a system), the leaf itself.
enum PartKey: Hashable {
    case named(String)
    case anonymous(ObjectIdentifier)
}

/// A reliability block diagram: parts composed in series, in parallel, k-of-n and as
/// active-passive pairs, kept as written, with its unavailability U = 1 − A.
///
/// A component is one part wherever it appears: every leaf of one name is the same part,
/// and a block used twice (a variable holding a subsystem) is the same subsystem. So a
/// block is a structure function over its distinct parts (`parts`). When no part appears
/// in two children of a block, the children are independent and U follows the chapter's
/// formulas from theirs without cancellation (series U = −expm1(Σ log1p(−Ui)), parallel
/// U = Π Ui, k-of-n the binomial tail); when one does, U is computed exactly over the
/// distinct parts with a decision diagram (`StructureFunction`).
///
/// For a diagram (`diagram(system)`): `kind` and `children` give the structure as the
/// user wrote it; `label` names each leaf. A shared part appears as one leaf under each
/// parent that uses it, and all those leaves have the same `key`; a drawing should show
/// the part once and connect it to every place that uses it (or repeat it and mark it
/// shared), never as independent copies. `replicas` are distinct parts with distinct names.
final class Block {
    /// How a block is made.
    enum Kind {
        /// A part: from `component`, or a plain value given a label.
        case leaf(Part)
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
    /// The distinct parts inside, each by one of its leaves.
    let parts: [PartKey: Block]
    /// Whether some part appears in two places inside (so U came from the decision diagram).
    let hasSharedParts: Bool

    private init(
        kind: Kind, label: String?, isComponent: Bool, u: Double, parts: [PartKey: Block], shared: Bool
    ) {
        self.kind = kind
        self.label = label
        self.isComponent = isComponent
        self.u = min(1, max(0, u))
        self.parts = parts
        self.hasSharedParts = shared
    }

    /// A leaf: its own part.
    private init(part: Part, label: String?, isComponent: Bool) {
        kind = .leaf(part)
        self.label = label
        self.isComponent = isComponent
        u = min(1, max(0, part.u))
        hasSharedParts = false
        parts = [:]
    }

    /// A leaf's identity as a part; composites have none.
    var key: PartKey? {
        guard case .leaf = kind else { return nil }
        if isComponent, let label { return .named(label) }
        return .anonymous(ObjectIdentifier(self))
    }

    /// The distinct parts inside, by key (a leaf is its own).
    var partsByKey: [PartKey: Block] {
        if let key { return [key: self] }
        return parts
    }

    /// A leaf of known unavailability (a plain value inside a system).
    static func leaf(_ u: Double, label: String?) -> Block {
        Block(part: Part(u: u), label: label, isComponent: false)
    }

    /// A named component.
    static func component(_ name: String, _ part: Part) -> Block {
        Block(part: part, label: name, isComponent: true)
    }

    /// The leaf's part; nil for composites.
    var part: Part? {
        if case .leaf(let part) = kind { return part }
        return nil
    }

    static func series(_ parts: [Block]) throws -> Block {
        // Flatten unnamed series so that a & b & c reads as one series of three.
        let flat = parts.flatMap { part -> [Block] in
            if case .series(let inner) = part.kind, part.label == nil { return inner }
            return [part]
        }
        return try make(.series(flat))
    }

    static func parallel(_ parts: [Block]) throws -> Block {
        let flat = parts.flatMap { part -> [Block] in
            if case .parallel(let inner) = part.kind, part.label == nil { return inner }
            return [part]
        }
        return try make(.parallel(flat))
    }

    static func kOfN(_ k: Int, _ parts: [Block]) throws -> Block {
        try make(.kOfN(k, parts))
    }

    static func standby(
        primary: Block, backup: Block, switchover: Double, failuresPerYear: Double, switchSuccess: Double,
        repair: Double
    ) throws -> Block {
        try make(
            .standby(
                primary: primary, backup: backup, switchover: switchover, failuresPerYear: failuresPerYear,
                switchSuccess: switchSuccess, repair: repair))
    }

    /// A composite block: its parts merged (one name, one part), and its U from its
    /// children's when they share nothing, else from the decision diagram.
    private static func make(_ kind: Kind) throws -> Block {
        let children = kind.children
        var parts: [PartKey: Block] = [:]
        var overlap = false
        var shared = false
        for child in children {
            shared = shared || child.hasSharedParts
            for (key, leaf) in child.partsByKey {
                if let seen = parts[key] {
                    overlap = true
                    if seen !== leaf, let a = seen.part, let b = leaf.part, a != b, case .named(let name) = key {
                        throw ModelError.sameNameDifferentParts(name, first: a.description, second: b.description)
                    }
                } else {
                    parts[key] = leaf
                }
            }
        }
        let u: Double
        if overlap {
            let draft = Block(kind: kind, label: nil, isComponent: false, u: 0, parts: parts, shared: true)
            u = try StructureFunction.unavailability(of: draft)
        } else {
            u = combine(kind.shape, children.map(\.u))
        }
        return Block(kind: kind, label: nil, isComponent: false, u: u, parts: parts, shared: shared || overlap)
    }

    /// How a block combines its children's U, without the children.
    enum Shape {
        case leaf(Double)
        case series
        case parallel
        case kOfN(Int)
        case standby(switchover: Double, failuresPerYear: Double, switchSuccess: Double, repair: Double)
    }

    var shape: Shape { kind.shape }

    /// A block's U from its children's, when they are independent, in the steady state
    /// (the chapter's formulas) or over a mission without repair (where an active-passive
    /// pair is the primary, or the backup taken over with probability p).
    static func combine(_ shape: Shape, _ us: [Double], _ mode: StructureFunction.Mode = .steady) -> Double {
        switch shape {
        case .leaf(let u):
            return u
        case .series:
            // Parts always up add nothing, one always down decides (the fast path of factoring,
            // where shared parts are fixed); the formula is the same.
            var logSum = 0.0
            var only = 0.0
            var count = 0
            for u in us where u > 0 {
                if u >= 1 { return 1 }
                only = u
                count += 1
                logSum += log1p(-u)
            }
            return count <= 1 ? only : -expm1(logSum)
        case .parallel:
            var product = 1.0
            for u in us {
                if u <= 0 { return 0 }
                product *= u
            }
            return product
        case .kOfN(let k):
            return KOfN.unavailability(k: k, unavailabilities: us)
        case .standby(let switchover, let f, let ok, let repair):
            switch mode {
            case .steady:
                return us[0] * us[1]
                    + switchingUnavailability(
                        switchover: switchover, failuresPerYear: f, switchSuccess: ok, repair: repair, backupU: us[1])
            case .mission:
                // 1 − (R1 + p (1 − R1) R2) = U1 (1 − p) + U1 p U2.
                return us[0] * (1 - ok) + us[0] * ok * us[1]
            }
        }
    }

    /// The share of time an active-passive pair is down for its failovers: the primary
    /// fails f times a year, each time the backup is up (a share 1 − U2) the pair is down
    /// for `switchover`, and a failed switch (1 − p of them) lasts `repair` more:
    /// f (1 − U2) (switchover + (1 − p) repair) / 1y.
    static func switchingUnavailability(
        switchover: Double, failuresPerYear: Double, switchSuccess: Double, repair: Double, backupU: Double
    ) -> Double {
        let window = switchover + (1 - switchSuccess) * repair
        return min(1, failuresPerYear * (1 - backupU) * window / TimeUnit.year.seconds)
    }

    /// The failovers' share of downtime of an active-passive pair; 0 for any other block.
    var switchingUnavailability: Double {
        guard case .standby(_, let backup, let s, let f, let ok, let r) = kind else { return 0 }
        return Block.switchingUnavailability(
            switchover: s, failuresPerYear: f, switchSuccess: ok, repair: r, backupU: backup.u)
    }

    /// Whether a component made by `component` is anywhere inside.
    var hasComponents: Bool {
        if isComponent { return true }
        return children.contains { $0.hasComponents }
    }

    /// The blocks directly inside this one.
    var children: [Block] { kind.children }

    /// This block and every block inside, parents first.
    var allBlocks: [Block] { [self] + children.flatMap(\.allBlocks) }

    /// Every leaf, left to right (a shared part once per place it appears).
    var leaves: [Block] {
        if case .leaf = kind { return [self] }
        return children.flatMap(\.leaves)
    }

    /// The distinct parts in order of first appearance, left to right.
    var distinctParts: [Block] {
        var seen = Set<PartKey>()
        return leaves.filter { leaf in leaf.key.map { seen.insert($0).inserted } ?? false }
    }

    /// The diagram as an expression: `web & app & (db | db)`.
    var structure: String { describe(parentPrecedence: 0) }

    private func describe(parentPrecedence: Int) -> String {
        switch kind {
        case .leaf:
            return label ?? Display.percent(u)
        case .series(let parts):
            let text = parts.map { $0.describe(parentPrecedence: 2) }.joined(separator: " & ")
            // Inside a parallel group too, for the eye: (a & b) | (a & c).
            return parentPrecedence >= 1 ? "(\(text))" : text
        case .parallel(let parts):
            let text = parts.map { $0.describe(parentPrecedence: 1) }.joined(separator: " | ")
            return parentPrecedence > 1 ? "(\(text))" : text
        case .kOfN(let k, let parts):
            return "k_of_n(\(k), [" + parts.map { $0.describe(parentPrecedence: 0) }.joined(separator: ", ") + "])"
        case .standby(let primary, let backup, _, _, _, _):
            return "standby(\(primary.describe(parentPrecedence: 0)), \(backup.describe(parentPrecedence: 0)))"
        }
    }

    /// This block with every leaf of one part replaced by `replacement`.
    func replacing(_ target: PartKey, with replacement: Block) throws -> Block {
        if key == target { return replacement }
        guard partsByKey[target] != nil else { return self }
        return try rebuilt { try $0.replacing(target, with: replacement) }
    }

    /// The same kind of block over children mapped by `transform`.
    func rebuilt(_ transform: (Block) throws -> Block) throws -> Block {
        switch kind {
        case .leaf:
            return self
        case .series(let parts):
            return try .series(parts.map(transform))
        case .parallel(let parts):
            return try .parallel(parts.map(transform))
        case .kOfN(let k, let parts):
            return try .kOfN(k, parts.map(transform))
        case .standby(let p, let b, let s, let f, let ok, let r):
            return try .standby(
                primary: transform(p), backup: transform(b), switchover: s, failuresPerYear: f, switchSuccess: ok,
                repair: r)
        }
    }

    /// A copy with every component renamed by `rename` and every other part new: an
    /// independent replica.
    func copy(renaming rename: (String) -> String) throws -> Block {
        switch kind {
        case .leaf(let part):
            if isComponent, let label { return .component(rename(label), part) }
            return Block(part: part, label: label, isComponent: false)
        default:
            return try rebuilt { try $0.copy(renaming: rename) }
        }
    }

    /// n independent copies: each component inside renamed `name#i`, every other part new.
    func replicas(_ n: Int) throws -> [Block] {
        try (1...max(1, n)).map { i in try copy(renaming: { "\($0)#\(i)" }) }
    }

    /// Whether the system works when exactly the parts in `down` have failed (a standby
    /// pair works while either side does: its switchover is not a part).
    func works(down: (PartKey) -> Bool) -> Bool {
        switch kind {
        case .leaf: return key.map { !down($0) } ?? true
        case .series(let parts): return parts.allSatisfy { $0.works(down: down) }
        case .parallel(let parts): return parts.contains { $0.works(down: down) }
        case .kOfN(let k, let parts):
            var working = 0
            for part in parts where part.works(down: down) {
                working += 1
                if working >= k { return true }
            }
            return k <= 0
        case .standby(let p, let b, _, _, _, _): return p.works(down: down) || b.works(down: down)
        }
    }

    /// The parts (or subsystems) written more than once directly in one group, by how
    /// they read, in order.
    static func repeated(in children: [Block]) -> [String] {
        var seen = Set<ObjectIdentifier>()
        var names = Set<String>()
        var out: [String] = []
        for child in children {
            let again: Bool
            if case .named(let name) = child.key {
                again = !names.insert(name).inserted
            } else {
                again = !seen.insert(ObjectIdentifier(child)).inserted
            }
            let text = child.label ?? child.structure
            if again, !out.contains(text) { out.append(text) }
        }
        return out
    }

    /// A part written twice directly in this parallel group or k-of-n (`lb | lb`), which
    /// is almost always meant as two copies, and which none of `operands` (the groups it
    /// was flattened from) already repeated: so `lb | lb | lb` is reported once.
    func newlyRepeated(operands: [Block] = []) -> String? {
        let group: [Block]
        switch kind {
        case .parallel(let parts), .kOfN(_, let parts): group = parts
        default: return nil
        }
        let before = Set(
            operands.flatMap { operand -> [String] in
                if case .parallel(let parts) = operand.kind, operand.label == nil { return Block.repeated(in: parts) }
                return []
            })
        return Block.repeated(in: group).first { !before.contains($0) }
    }
}

extension Block.Kind {
    /// How the kind combines its children's U.
    var shape: Block.Shape {
        switch self {
        case .leaf(let part): .leaf(part.u)
        case .series: .series
        case .parallel: .parallel
        case .kOfN(let k, _): .kOfN(k)
        case .standby(_, _, let s, let f, let ok, let r):
            .standby(switchover: s, failuresPerYear: f, switchSuccess: ok, repair: r)
        }
    }

    /// The blocks directly inside.
    var children: [Block] {
        switch self {
        case .leaf: []
        case .series(let parts), .parallel(let parts), .kOfN(_, let parts): parts
        case .standby(let primary, let backup, _, _, _, _): [primary, backup]
        }
    }
}
