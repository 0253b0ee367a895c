import Glibc

/// The step-by-step derivation `explain` prints, with the chapter's formulas.
enum Explanation {
    /// A leaf's name: its label, else its availability.
    static func name(of leaf: Block, among leaves: [Block]) -> String {
        leaf.label ?? Display.percent(leaf.u)
    }

    static func text(_ block: Block) -> String {
        var lines: [String] = []
        var seen = Set<String>()
        derive(block, into: &lines, seen: &seen)
        let nines = block.u > 0 ? Display.number(-log10(block.u), digits: 3) : "inf"
        lines.append(
            "=> \(Display.percent(block.u)) (\(nines) nines, \(Display.duration(block.u * TimeUnit.year.seconds(in: .current))) down a year)"
        )
        return lines.joined(separator: "\n") + "\n"
    }

    private static func a(_ b: Block) -> String { Display.percent(b.u) }
    private static func u(_ b: Block) -> String { Display.number(b.u * 100, digits: 6) + "%" }

    /// Appends the steps for `block` after those of its parts; a part used twice
    /// (`db | db`) is described once.
    private static func derive(_ block: Block, into lines: inout [String], seen: inout Set<String>) {
        let key = if case .leaf = block.kind { "\(block.label ?? "")=\(block.u)" } else { "\(ObjectIdentifier(block))" }
        guard seen.insert(key).inserted else { return }
        for child in block.children { derive(child, into: &lines, seen: &seen) }
        let title = block.structure
        switch block.kind {
        case .leaf(let mtbf?, let mttr?):
            lines.append("\(title): A = MTBF / (MTBF + MTTR)")
            lines.append(
                "    = \(Display.duration(mtbf)) / (\(Display.duration(mtbf)) + \(Display.duration(mttr))) = \(a(block))"
            )
        case .leaf:
            if let label = block.label, label != a(block), label != Display.plain(.availability(block.u), quoted: false)
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
            lines.append("\(title): active-passive: U = U1 × U2 + f × switchover / year + f × (1 − p) × repair / year")
            lines.append(
                "    = \(u(primary)) × \(u(backup)) + \(Display.number(f)) × \(Display.duration(switchover)) / 1y + \(Display.number(f)) × \(Display.number(1 - ok)) × \(Display.duration(repair)) / 1y"
            )
            lines.append("    = \(u(block)) unavailable, A = \(a(block))")
        }
    }
}
