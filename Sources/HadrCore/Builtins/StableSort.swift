/// A stable merge sort that a comparison may fail in and that stops for limits: `sort`
/// over ten million items takes seconds, and must honour `--timeout` and Ctrl-C while it
/// runs, which the standard library's sort (whose comparator cannot throw) cannot.
enum StableSort {
    /// The keys as doubles when every one is a plain number that orders as `compare` does
    /// (not NaN), so a sort can compare them directly.
    static func plainNumbers(_ keys: [Value]) -> [Double]? {
        var numbers: [Double] = []
        numbers.reserveCapacity(keys.count)
        for key in keys {
            guard case .number(let x) = key, !x.isNaN else { return nil }
            numbers.append(x)
        }
        return numbers
    }

    /// The order of `count` items under `less`, stable; `tick(n)` is called every few
    /// thousand comparisons with the work done since the last call.
    static func order(_ count: Int, less: (Int, Int) throws -> Bool, tick: (Int) throws -> Void) throws -> [Int] {
        var order = Array(0..<count)
        guard count > 1 else { return order }
        var scratch = order
        var work = 0
        // Short runs by insertion, then merges of doubling width.
        let run = 16
        var start = 0
        while start < count {
            let end = min(start + run, count)
            var i = start + 1
            while i < end {
                let item = order[i]
                var j = i
                while j > start, try less(item, order[j - 1]) {
                    order[j] = order[j - 1]
                    j -= 1
                    work += 1
                }
                order[j] = item
                work += 1
                i += 1
            }
            start = end
            if work >= 4096 {
                try tick(work)
                work = 0
            }
        }
        var width = run
        while width < count {
            var low = 0
            while low < count {
                let middle = min(low + width, count)
                let high = min(low + 2 * width, count)
                var a = low
                var b = middle
                var k = low
                while a < middle, b < high {
                    // Take from the right only when strictly less: equal items keep their order.
                    if try less(order[b], order[a]) {
                        scratch[k] = order[b]
                        b += 1
                    } else {
                        scratch[k] = order[a]
                        a += 1
                    }
                    k += 1
                }
                while a < middle {
                    scratch[k] = order[a]
                    a += 1
                    k += 1
                }
                while b < high {
                    scratch[k] = order[b]
                    b += 1
                    k += 1
                }
                work += high - low
                if work >= 4096 {
                    try tick(work)
                    work = 0
                }
                low = high
            }
            swap(&order, &scratch)
            width *= 2
        }
        try tick(work)
        return order
    }
}
