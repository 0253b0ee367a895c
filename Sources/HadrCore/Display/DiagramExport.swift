/// A block diagram as Graphviz DOT and as Mermaid flowchart text, for design documents
/// and wiki pages. Left to right: a line enters at `in`, each part is a box with its name
/// and availability, a parallel group splits at a point and joins at another (a k-of-n
/// group joins at a circle saying how many must work), and the line leaves at `out`.
/// A shared part is drawn in each place it is used, in a double border, marked shared.
enum DiagramExport {
    /// One node or edge of the flow, independent of the text format.
    private enum Element {
        case part(id: String, lines: [String], shared: Bool)
        /// A split or join point; `label` for a k-of-n or standby join.
        case point(id: String, label: String?)
        case edge(from: String, to: String)
    }

    /// The elements of a diagram, in order: `in`, the parts and points, `out`, then every edge.
    private static func elements(_ diagram: DiagramModel) -> [Element] {
        var nodes: [Element] = [.point(id: "source", label: nil)]
        var edges: [Element] = []
        var parts = 0
        var points = 0
        func add(_ node: DiagramModel.Node) -> (entry: String, exit: String) {
            switch node {
            case .part(let name, let availability, let shared):
                parts += 1
                let id = "p\(parts)"
                let lines = (name.map { [$0] } ?? []) + [availability] + (shared ? ["(shared)"] : [])
                nodes.append(.part(id: id, lines: lines, shared: shared))
                return (id, id)
            case .series(let children):
                let ends = children.map(add)
                for (a, b) in zip(ends, ends.dropFirst()) { edges.append(.edge(from: a.exit, to: b.entry)) }
                return (ends.first?.entry ?? "source", ends.last?.exit ?? "sink")
            case .parallel(let children, let label):
                points += 1
                let split = "s\(points)"
                let join = "j\(points)"
                nodes.append(.point(id: split, label: nil))
                let ends = children.map(add)
                nodes.append(.point(id: join, label: label))
                for end in ends {
                    edges.append(.edge(from: split, to: end.entry))
                    edges.append(.edge(from: end.exit, to: join))
                }
                return (split, join)
            }
        }
        let ends = add(diagram.root)
        nodes.append(.point(id: "sink", label: nil))
        edges.insert(.edge(from: "source", to: ends.entry), at: 0)
        edges.append(.edge(from: ends.exit, to: "sink"))
        return nodes + edges
    }

    // MARK: DOT

    /// Graphviz DOT: `dot -Tsvg` draws it.
    static func dot(_ block: Block) -> String {
        let diagram = DiagramModel(block)
        var lines = [
            "digraph system {",
            "  rankdir=LR;",
            "  node [shape=box, style=rounded, fontname=\"Helvetica\"];",
            "  edge [arrowhead=none];",
        ]
        for element in elements(diagram) {
            switch element {
            case .part(let id, let texts, let shared):
                let label = texts.map(dotEscaped).joined(separator: "\\n")
                lines.append("  \(id) [label=\"\(label)\"\(shared ? ", peripheries=2" : "")];")
            case .point(let id, let label?):
                lines.append("  \(id) [shape=circle, label=\"\(dotEscaped(label))\", fontsize=10];")
            case .point(let id, nil):
                lines.append("  \(id) [shape=point];")
            case .edge(let from, let to):
                lines.append("  \(from) -> \(to);")
            }
        }
        lines.append("  label=\"\(dotEscaped(diagram.summary))\";")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text for a DOT double-quoted string.
    static func dotEscaped(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    // MARK: Mermaid

    /// A Mermaid flowchart: Markdown renderers that know Mermaid (GitHub's, GitLab's) draw it.
    static func mermaid(_ block: Block) -> String {
        let diagram = DiagramModel(block)
        var lines = ["flowchart LR"]
        for element in elements(diagram) {
            switch element {
            case .part(let id, let texts, let shared):
                let label = texts.map(mermaidEscaped).joined(separator: "<br/>")
                lines.append(shared ? "    \(id)[[\"\(label)\"]]" : "    \(id)[\"\(label)\"]")
            case .point(let id, let label?):
                lines.append("    \(id)((\"\(mermaidEscaped(label))\"))")
            case .point(let id, nil):
                lines.append("    \(id)((\" \"))")
            case .edge(let from, let to):
                lines.append("    \(from) --- \(to)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text for a Mermaid quoted label: quotes and the characters Mermaid reads as markup
    /// written as entity codes.
    static func mermaidEscaped(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "#": out += "#35;"
            case "\n": out += " "
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
