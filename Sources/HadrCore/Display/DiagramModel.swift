import Glibc

/// A reliability block diagram as the pictures draw it (in the terminal, as DOT, as
/// Mermaid): parts with their name and availability, series, parallel groups and k-of-n
/// groups. A component whose name appears more than once is one shared part, marked so.
struct DiagramModel {
    indirect enum Node {
        /// A block with a known availability; `name` is nil for a plain value such as `99.9%`.
        case part(name: String?, availability: String, shared: Bool)
        case series([Node])
        /// Branches of which `needed` must work (1 for plain parallel); `label` marks k-of-n and standby groups.
        case parallel([Node], label: String?)
    }

    let root: Node
    /// The names of the components that appear more than once, in first-seen order.
    let shared: [String]
    /// The whole system's unavailability.
    let u: Double

    init(_ block: Block) {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for leaf in block.leaves where leaf.isComponent {
            guard let name = leaf.label else { continue }
            if counts[name] == nil { order.append(name) }
            counts[name, default: 0] += 1
        }
        let shared = order.filter { (counts[$0] ?? 0) > 1 }
        self.shared = shared
        root = Self.node(block, shared: Set(shared), depth: 0)
        u = block.u
    }

    private static func node(_ block: Block, shared: Set<String>, depth: Int) -> Node {
        if depth > Display.maxDepth { return .part(name: "…", availability: Display.percent(block.u), shared: false) }
        let availability = Display.percent(block.u)
        switch block.kind {
        case .leaf:
            let name = block.label.flatMap { label -> String? in
                block.isComponent || label != availability ? label : nil
            }
            let isShared = block.isComponent && name.map(shared.contains) == true
            return .part(name: name, availability: availability, shared: isShared)
        case .series(let parts):
            return .series(parts.map { node($0, shared: shared, depth: depth + 1) })
        case .parallel(let parts):
            return .parallel(parts.map { node($0, shared: shared, depth: depth + 1) }, label: nil)
        case .kOfN(let k, let parts):
            return .parallel(
                parts.map { node($0, shared: shared, depth: depth + 1) }, label: "\(k) of \(parts.count)")
        case .standby(let primary, let backup, let switchover, _, _, _):
            let label = switchover > 0 ? "standby, switchover " + Display.duration(switchover) : "standby"
            return .parallel(
                [node(primary, shared: shared, depth: depth + 1), node(backup, shared: shared, depth: depth + 1)],
                label: label)
        }
    }

    /// The line under a drawing: availability, nines and yearly downtime.
    var summary: String { summary(separator: " · ") }

    func summary(separator: String) -> String {
        let nines = u > 0 ? Display.number(-log10(u), digits: 3) : "inf"
        return "availability " + Display.percent(u) + separator + nines + " nines" + separator
            + Display.duration(u * TimeUnit.year.seconds(in: .current)) + " down a year"
    }

    /// Every part's name (or availability), in order, each once.
    var partNames: [String] {
        var seen: Set<String> = []
        var names: [String] = []
        func walk(_ node: Node) {
            switch node {
            case .part(let name, let availability, _):
                let text = name ?? availability
                if seen.insert(text).inserted { names.append(text) }
            case .series(let nodes), .parallel(let nodes, _): nodes.forEach(walk)
            }
        }
        walk(root)
        return names
    }
}
