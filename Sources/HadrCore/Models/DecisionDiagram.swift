/// A reduced ordered binary decision diagram (Bryant 1986) over numbered variables: the
/// structure function of a system as a graph in which each node asks "is variable v up?".
///
/// Variable v is "part v works"; terminal 1 is "the system works", terminal 0 "it is down".
/// Lower-numbered variables sit nearer the root. Nodes are shared (one node per distinct
/// sub-function) and no node has equal children, so the graph stays small for the shapes
/// systems have, and the failure probability is one pass over it:
/// U(node) = q_v · U(low) + a_v · U(high), with U(0) = 1 and U(1) = 0 — a sum of
/// non-negative terms, so U keeps its full relative precision however small it is.
struct DecisionDiagram {
    /// A node: its variable and its two children (node indices), low when the part is down.
    struct Node: Hashable {
        var variable: Int32
        var low: Int32
        var high: Int32
    }

    private struct Pair: Hashable {
        var a: Int32
        var b: Int32
    }

    static let down: Int32 = 0
    static let up: Int32 = 1
    /// The most nodes a diagram holds by default.
    static let maxNodes = 1_000_000
    /// The most nodes this diagram may hold.
    let limit: Int

    /// Nodes 0 and 1 are the terminals (their fields unused).
    private(set) var nodes: [Node] = [Node(variable: .max, low: 0, high: 0), Node(variable: .max, low: 1, high: 1)]
    private var unique: [Node: Int32] = [:]
    private var andCache: [Pair: Int32] = [:]
    private var orCache: [Pair: Int32] = [:]
    private var notCache: [Int32: Int32] = [:]

    var count: Int { nodes.count }

    init(limit: Int = DecisionDiagram.maxNodes) {
        self.limit = min(limit, Int(Int32.max) - 2)
    }

    /// Forgets the results of past operations (the nodes stay): a copy then carries only nodes.
    mutating func clearCaches() {
        andCache = [:]
        orCache = [:]
        notCache = [:]
    }

    /// The node for "if v then high else low", shared and reduced.
    mutating func node(_ v: Int32, low: Int32, high: Int32) throws -> Int32 {
        if low == high { return low }
        let key = Node(variable: v, low: low, high: high)
        if let found = unique[key] { return found }
        guard nodes.count < limit else { throw ModelError.diagramTooLarge(limit: limit) }
        let index = Int32(nodes.count)
        nodes.append(key)
        unique[key] = index
        return index
    }

    /// The function "variable v works".
    mutating func variable(_ v: Int) throws -> Int32 {
        try node(Int32(clamping: v), low: Self.down, high: Self.up)
    }

    private func top(_ f: Int32) -> Int32 { nodes[Int(f)].variable }

    /// The two cofactors of f on variable v (f itself twice when f does not test v).
    private func split(_ f: Int32, on v: Int32) -> (Int32, Int32) {
        let n = nodes[Int(f)]
        return n.variable == v ? (n.low, n.high) : (f, f)
    }

    mutating func and(_ f: Int32, _ g: Int32) throws -> Int32 {
        if f == Self.down || g == Self.down { return Self.down }
        if f == Self.up { return g }
        if g == Self.up || f == g { return f }
        let key = Pair(a: min(f, g), b: max(f, g))
        if let found = andCache[key] { return found }
        let v = min(top(f), top(g))
        let (f0, f1) = split(f, on: v)
        let (g0, g1) = split(g, on: v)
        let result = try node(v, low: try and(f0, g0), high: try and(f1, g1))
        andCache[key] = result
        return result
    }

    mutating func or(_ f: Int32, _ g: Int32) throws -> Int32 {
        if f == Self.up || g == Self.up { return Self.up }
        if f == Self.down { return g }
        if g == Self.down || f == g { return f }
        let key = Pair(a: min(f, g), b: max(f, g))
        if let found = orCache[key] { return found }
        let v = min(top(f), top(g))
        let (f0, f1) = split(f, on: v)
        let (g0, g1) = split(g, on: v)
        let result = try node(v, low: try or(f0, g0), high: try or(f1, g1))
        orCache[key] = result
        return result
    }

    mutating func not(_ f: Int32) throws -> Int32 {
        if f == Self.down { return Self.up }
        if f == Self.up { return Self.down }
        if let found = notCache[f] { return found }
        let n = nodes[Int(f)]
        let result = try node(n.variable, low: try not(n.low), high: try not(n.high))
        notCache[f] = result
        return result
    }

    /// f with variable v fixed up (`value` true) or down.
    mutating func restrict(_ f: Int32, _ v: Int, to value: Bool) throws -> Int32 {
        var memo: [Int32: Int32] = [:]
        return try restrict(f, Int32(clamping: v), value, &memo)
    }

    private mutating func restrict(_ f: Int32, _ v: Int32, _ value: Bool, _ memo: inout [Int32: Int32]) throws
        -> Int32
    {
        let n = nodes[Int(f)]
        // Terminals and nodes below v do not depend on it.
        if f <= Self.up || n.variable > v { return f }
        if n.variable == v { return value ? n.high : n.low }
        if let found = memo[f] { return found }
        let result = try node(
            n.variable, low: try restrict(n.low, v, value, &memo), high: try restrict(n.high, v, value, &memo))
        memo[f] = result
        return result
    }

    /// "At least k of fs work", by counting: after each function (from the last, so that
    /// lower variables go on top), count[j] is "at least j of those so far work"; k × n operations.
    mutating func atLeast(_ k: Int, of fs: [Int32]) throws -> Int32 {
        if k <= 0 { return Self.up }
        if k > fs.count { return Self.down }
        var count = [Int32](repeating: Self.down, count: k + 1)
        count[0] = Self.up
        for (i, f) in fs.reversed().enumerated() {
            var j = min(i + 1, k)
            while j >= 1 {
                count[j] = try or(try and(f, count[j - 1]), count[j])
                j -= 1
            }
        }
        return count[k]
    }

    /// The nodes reachable from `root` as a straight-line program, children before parents,
    /// that computes P(down) in one pass for any probabilities of the variables.
    func program(from root: Int32) -> Program {
        var order: [Int32] = []
        var slot: [Int32: Int32] = [Self.down: 0, Self.up: 1]
        // An explicit stack: a diagram may be thousands of variables deep.
        var stack: [(Int32, Bool)] = [(root, false)]
        while let (f, expanded) = stack.popLast() {
            if expanded {
                if slot[f] == nil {
                    slot[f] = Int32(order.count + 2)
                    order.append(f)
                }
                continue
            }
            if slot[f] != nil { continue }
            let n = nodes[Int(f)]
            stack.append((f, true))
            stack.append((n.high, false))
            stack.append((n.low, false))
        }
        var program = Program(root: slot[root] ?? 0)
        for f in order {
            let n = nodes[Int(f)]
            program.variable.append(n.variable)
            program.low.append(slot[n.low] ?? 0)
            program.high.append(slot[n.high] ?? 0)
        }
        return program
    }

    /// One pass over a diagram's nodes: slot 0 is "down", 1 is "up", slot i + 2 is step i.
    struct Program {
        var root: Int32
        var variable: [Int32] = []
        var low: [Int32] = []
        var high: [Int32] = []

        /// P(down) when variable v is down with probability q[v] and up with a[v] (given
        /// separately so that neither is taken as 1 minus the other).
        func failure(q: [Double], a: [Double]) -> Double { probability(q: q, a: a, ofUp: false) }

        /// P(up), the same way: a sum of non-negative terms, exact when it is small too.
        func success(q: [Double], a: [Double]) -> Double { probability(q: q, a: a, ofUp: true) }

        private func probability(q: [Double], a: [Double], ofUp: Bool) -> Double {
            var value = [Double](repeating: 0, count: variable.count + 2)
            value[ofUp ? 1 : 0] = 1
            for i in 0..<variable.count {
                let v = Int(variable[i])
                value[i + 2] = q[v] * value[Int(low[i])] + a[v] * value[Int(high[i])]
            }
            return value[Int(root)]
        }
    }
}
