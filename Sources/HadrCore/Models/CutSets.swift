/// Minimal cut sets and minimal path sets of a block diagram, by the classic top-down
/// expansion (MOCUS, Fussell & Vesely 1972) over the diagram as written, with each family
/// of sets minimised as it is built. Sets are bit sets over the distinct parts, so a part
/// that appears in several places is one element: `(a & b) | (a & c)` has the cut sets
/// {a} and {b, c}.
///
/// A cut set is a set of parts whose failure together brings the system down; minimal
/// when no part can be left out. A path set is a set of parts whose working together
/// keeps it up. A series block fails when any child fails (the union of the children's
/// cut sets) and works when all do (the products of their path sets); a parallel block
/// the other way round; k-of-n fails when n − k + 1 children fail and works when k do.
/// An active-passive pair is its two sides in parallel: its failovers are no part.
struct CutSets {
    /// The most sets one family may hold, and the most pairs a product may try.
    static let maxSets = 20_000
    static let maxPairs = 20_000_000

    /// A family of sets of parts, each `words` 64-bit words wide, kept minimal.
    struct Family {
        let words: Int
        var bits: [UInt64] = []
        var count: Int { words == 0 ? 0 : bits.count / words }

        init(words: Int) {
            self.words = words
        }

        /// The family holding only the empty set.
        static func empty(words: Int) -> Family {
            var f = Family(words: words)
            f.bits = [UInt64](repeating: 0, count: words)
            return f
        }

        static func single(_ element: Int, words: Int) -> Family {
            var f = empty(words: words)
            f.bits[element / 64] = 1 << UInt64(element % 64)
            return f
        }

        func set(_ i: Int) -> ArraySlice<UInt64> { bits[(i * words)..<((i + 1) * words)] }

        func size(_ i: Int) -> Int { set(i).reduce(0) { $0 + $1.nonzeroBitCount } }

        /// The elements of set i, ascending.
        func elements(_ i: Int) -> [Int] {
            var out: [Int] = []
            for (w, word) in set(i).enumerated() {
                var rest = word
                while rest != 0 {
                    let bit = rest.trailingZeroBitCount
                    out.append(w * 64 + bit)
                    rest &= rest - 1
                }
            }
            return out
        }
    }

    let words: Int
    /// The largest set kept; bigger ones are dropped as they are made (safe: sets only grow).
    let maxOrder: Int
    private var memo: [ObjectIdentifier: Family] = [:]
    private let index: [PartKey: Int]
    /// Called with the work done, for the limits and Ctrl-C.
    let tick: (Int) throws -> Void

    init(parts: [Block], maxOrder: Int?, tick: @escaping (Int) throws -> Void = { _ in }) {
        self.tick = tick
        words = max(1, (parts.count + 63) / 64)
        self.maxOrder = maxOrder ?? Int.max
        var index: [PartKey: Int] = [:]
        for (i, part) in parts.enumerated() {
            if let key = part.key { index[key] = i }
        }
        self.index = index
    }

    /// The minimal cut sets (`cuts` true) or path sets of `block`.
    mutating func family(_ block: Block, cuts: Bool) throws -> Family {
        let id = ObjectIdentifier(block)
        if let found = memo[id] { return found }
        let result: Family
        switch block.kind {
        case .leaf:
            guard let key = block.key, let i = index[key] else { return .empty(words: words) }
            result = .single(i, words: words)
        case .series(let parts):
            result = try cuts ? union(parts, cuts: cuts) : product(parts, cuts: cuts)
        case .parallel(let parts):
            result = try cuts ? product(parts, cuts: cuts) : union(parts, cuts: cuts)
        case .standby(let p, let b, _, _, _, _):
            result = try cuts ? product([p, b], cuts: cuts) : union([p, b], cuts: cuts)
        case .kOfN(let k, let parts):
            // Fails when n − k + 1 fail; works when k work.
            let needed = cuts ? parts.count - k + 1 : k
            result = try atLeast(needed, of: parts, cuts: cuts)
        }
        memo[id] = result
        return result
    }

    private mutating func union(_ parts: [Block], cuts: Bool) throws -> Family {
        var all = Family(words: words)
        for part in parts { all.bits += try family(part, cuts: cuts).bits }
        return try minimal(all)
    }

    private mutating func product(_ parts: [Block], cuts: Bool) throws -> Family {
        var result = Family.empty(words: words)
        for part in parts { result = try times(result, try family(part, cuts: cuts)) }
        return result
    }

    /// Every union of one set from each family, minimal.
    private func times(_ a: Family, _ b: Family) throws -> Family {
        guard a.count * b.count <= Self.maxPairs else { throw ModelError.tooManySets(limit: Self.maxSets) }
        var out = Family(words: words)
        var scratch = [UInt64](repeating: 0, count: words)
        for i in 0..<a.count {
            try tick(b.count)
            let x = a.set(i)
            for j in 0..<b.count {
                let y = b.set(j)
                var size = 0
                for w in 0..<words {
                    scratch[w] = x[x.startIndex + w] | y[y.startIndex + w]
                    size += scratch[w].nonzeroBitCount
                }
                if size <= maxOrder { out.bits += scratch }
            }
        }
        return try minimal(out)
    }

    /// "At least `needed` of the parts": after each part, family t holds the sets that make
    /// at least t of those so far.
    private mutating func atLeast(_ needed: Int, of parts: [Block], cuts: Bool) throws -> Family {
        if needed <= 0 { return .empty(words: words) }
        if needed > parts.count { return Family(words: words) }
        var at = [Family](repeating: Family(words: words), count: needed + 1)
        at[0] = .empty(words: words)
        for (i, part) in parts.enumerated() {
            let own = try family(part, cuts: cuts)
            var t = min(i + 1, needed)
            while t >= 1 {
                var merged = at[t]
                merged.bits += try times(at[t - 1], own).bits
                at[t] = try minimal(merged)
                t -= 1
            }
        }
        return at[needed]
    }

    /// The family without duplicates and without any set that contains another.
    private func minimal(_ family: Family) throws -> Family {
        let sizes: [(index: Int, size: Int)] = (0..<family.count).map { ($0, family.size($0)) }
        let order = sizes.sorted { x, y in x.size != y.size ? x.size < y.size : x.index < y.index }
        var kept = Family(words: words)
        for (i, _) in order {
            try tick(kept.count)
            let s = family.set(i)
            var covered = false
            for j in 0..<kept.count {
                let t = kept.set(j)
                var inside = true
                for w in 0..<words where t[t.startIndex + w] & ~s[s.startIndex + w] != 0 {
                    inside = false
                    break
                }
                if inside {
                    covered = true
                    break
                }
            }
            if !covered {
                kept.bits += s
                guard kept.count <= Self.maxSets else { throw ModelError.tooManySets(limit: Self.maxSets) }
            }
        }
        return kept
    }

    /// The sets as sorted lists of part indices, smallest first, then in the parts' order.
    static func sorted(_ family: Family) -> [[Int]] {
        (0..<family.count).map { family.elements($0) }.sorted { a, b in
            a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b)
        }
    }
}
