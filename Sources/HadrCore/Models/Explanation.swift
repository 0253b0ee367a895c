import Glibc

/// The step-by-step derivation `explain` prints, with the chapter's formulas; where a part
/// is shared, the conditioning on it (the total probability over its two states).
enum Explanation {
    /// How deep conditionings nest in the text before the rest is summed up in one line.
    static let maxDepth = 3

    /// A leaf's name: its label, else its availability.
    static func name(of leaf: Block) -> String {
        leaf.label ?? Display.percent(leaf.u)
    }

    static func text(_ block: Block) throws -> String {
        var lines: [String] = []
        var seen = Set<String>()
        try derive(block, into: &lines, seen: &seen)
        let nines = block.u > 0 ? Display.number(-log10(block.u), digits: 3) : "inf"
        lines.append(
            "=> \(Display.percent(block.u)) (\(nines) nines, \(Display.duration(block.u * TimeUnit.year.seconds(in: .current))) down a year)"
        )
        return lines.joined(separator: "\n") + "\n"
    }

    private static func a(_ b: Block) -> String { Display.percent(b.u) }
    private static func a(_ u: Double) -> String { Display.percent(u) }
    private static func u(_ b: Block) -> String { Display.number(b.u * 100, digits: 6) + "%" }
    /// A small probability as a percentage, kept exact.
    private static func share(_ x: Double) -> String { Display.plain(.percentage(x), quoted: false) }

    /// Appends the steps for `block` after those of its parts; a part used twice is
    /// described once.
    private static func derive(_ block: Block, into lines: inout [String], seen: inout Set<String>) throws {
        let key: String
        switch block.key {
        case .named(let name): key = "component " + name
        case .anonymous: key = "\(block.label ?? "")=\(block.u)"
        case nil: key = "\(ObjectIdentifier(block))"
        }
        guard seen.insert(key).inserted else { return }
        for child in block.children { try derive(child, into: &lines, seen: &seen) }
        let title = block.structure
        if let shared = sharedAcrossChildren(block) {
            lines.append("\(title): `\(shared.name)` is in more than one branch, so they are not independent;")
            lines.append("    condition on it: A = A(\(shared.name)) × A(if up) + (1 − A(\(shared.name))) × A(if down)")
            try condition(block, on: shared, depth: 1, into: &lines)
            return
        }
        switch block.kind {
        case .leaf(let part):
            if let mtbf = part.mtbf, let mttr = part.mttr {
                lines.append("\(title): A = MTBF / (MTBF + MTTR)")
                lines.append(
                    "    = \(Display.duration(mtbf)) / (\(Display.duration(mtbf)) + \(Display.duration(mttr))) = \(a(block))"
                )
            } else if let label = block.label, label != a(block),
                label != Display.plain(.availability(block.u), quoted: false)
            {
                lines.append("\(label) = \(a(block))")
            }
        case .series(let parts):
            let symbols = parts.indices.map { "A\($0 + 1)" }.joined(separator: " × ")
            lines.append("\(title): in series, all must work: A = \(symbols)")
            lines.append("    = " + parts.map(a).joined(separator: " × ") + " = \(a(block))")
        case .parallel(let parts):
            let symbols = parts.indices.map { "(1 − A\($0 + 1))" }.joined()
            lines.append("\(title): in parallel, one must work: A = 1 − \(symbols)")
            lines.append("    = 1 − " + parts.map { "(\(u($0)))" }.joined() + " = \(a(block))")
        case .kOfN(let k, let parts):
            lines.append("\(title): at least \(k) of \(parts.count) must work: A = P(working ≥ \(k))")
            lines.append("    = \(a(block))")
        case .standby(let primary, let backup, let switchover, let f, let ok, let repair):
            lines.append(
                "\(title): active-passive: U = U1 × U2 + f × A2 × (switchover + (1 − p) × repair) / year")
            lines.append(
                "    = \(u(primary)) × \(u(backup)) + \(Display.number(f)) × \(a(backup)) × (\(Display.duration(switchover)) + \(Display.number(1 - ok)) × \(Display.duration(repair))) / 1y"
            )
            lines.append("    = \(u(block)) unavailable, A = \(a(block))")
        }
    }

    /// The first part (in order of appearance) found under two of the block's children, or
    /// twice among them: the block's children are then not independent.
    static func sharedAcrossChildren(_ block: Block) -> (key: PartKey, name: String, leaf: Block)? {
        guard block.key == nil, block.hasSharedParts else { return nil }
        var owner: [PartKey: Int] = [:]
        var found: Set<PartKey> = []
        for (i, child) in block.children.enumerated() {
            for leaf in child.leaves {
                guard let key = leaf.key else { continue }
                if let j = owner[key], j != i { found.insert(key) } else { owner[key] = i }
            }
        }
        for leaf in block.leaves {
            if let key = leaf.key, found.contains(key) { return (key, name(of: leaf), leaf) }
        }
        return nil
    }

    /// The two cases of a conditioning on one part, with their weights, and the total.
    private static func condition(
        _ block: Block, on shared: (key: PartKey, name: String, leaf: Block), depth: Int, into lines: inout [String]
    ) throws {
        let pad = String(repeating: "    ", count: depth)
        let up = try Conditioned.make(block, shared.key, up: true)
        let down = try Conditioned.make(block, shared.key, up: false)
        let weightUp = 1 - shared.leaf.u
        let weightDown = shared.leaf.u
        let cases: [(String, String, Conditioned)] = [
            ("up", Display.percent(shared.leaf.u), up), ("down", share(weightDown), down),
        ]
        for (state, weight, branch) in cases {
            lines.append("\(pad)if \(shared.name) \(state) (weight \(weight)): \(branch.text) = \(a(branch.u))")
            if case .block(let b) = branch, let inner = sharedAcrossChildren(b) ?? sharedInside(b) {
                if depth < maxDepth {
                    lines.append("\(pad)    `\(inner.name)` is shared there too: condition on it")
                    try condition(b, on: inner, depth: depth + 2, into: &lines)
                } else {
                    lines.append("\(pad)    (its other shared parts summed exactly over a decision diagram)")
                }
            }
        }
        // U = P(up) U(if up) + P(down) U(if down): a sum of non-negative terms.
        let total = weightUp * up.u + weightDown * down.u
        lines.append(
            "\(pad)= \(Display.percent(shared.leaf.u)) × \(a(up.u)) + \(share(weightDown)) × \(a(down.u)) = \(a(total))"
        )
    }

    /// A shared part somewhere inside a block whose own children are independent.
    private static func sharedInside(_ block: Block) -> (key: PartKey, name: String, leaf: Block)? {
        for inner in block.allBlocks { if let found = sharedAcrossChildren(inner) { return found } }
        return nil
    }

    /// A block with one part fixed up or down: a smaller block, or always up or down.
    enum Conditioned {
        case always(Bool)
        case block(Block)

        var u: Double {
            switch self {
            case .always(let up): up ? 0 : 1
            case .block(let b): b.u
            }
        }

        var text: String {
            switch self {
            case .always(let up): up ? "always up" : "down"
            case .block(let b): b.structure
            }
        }

        static func make(_ block: Block, _ key: PartKey, up: Bool) throws -> Conditioned {
            if block.key == key { return .always(up) }
            guard block.partsByKey[key] != nil else { return .block(block) }
            let children = try block.children.map { try make($0, key, up: up) }
            let rest = children.compactMap { c -> Block? in if case .block(let b) = c { b } else { nil } }
            let ups = children.filter { if case .always(true) = $0 { true } else { false } }.count
            let downs = children.filter { if case .always(false) = $0 { true } else { false } }.count
            switch block.kind {
            case .leaf:
                return .block(block)
            case .series:
                if downs > 0 { return .always(false) }
                if rest.isEmpty { return .always(true) }
                return .block(rest.count == 1 ? rest[0] : try .series(rest))
            case .parallel:
                if ups > 0 { return .always(true) }
                if rest.isEmpty { return .always(false) }
                return .block(rest.count == 1 ? rest[0] : try .parallel(rest))
            case .kOfN(let k, _):
                let need = k - ups
                if need <= 0 { return .always(true) }
                if need > rest.count { return .always(false) }
                if rest.count == 1 { return .block(rest[0]) }
                if need == rest.count { return .block(try .series(rest)) }
                if need == 1 { return .block(try .parallel(rest)) }
                return .block(try .kOfN(need, rest))
            case .standby(_, _, let s, let f, let ok, let r):
                // The pair keeps its failovers: a fixed side becomes a part that is always up or down.
                func side(_ c: Conditioned) -> Block {
                    switch c {
                    case .always(let up): .leaf(up ? 0 : 1, label: up ? "up" : "down")
                    case .block(let b): b
                    }
                }
                return .block(
                    try .standby(
                        primary: side(children[0]), backup: side(children[1]), switchover: s, failuresPerYear: f,
                        switchSuccess: ok, repair: r))
            }
        }
    }
}
