import Glibc

/// What a chart's numbers measure, and so how its axis and labels read.
enum ChartQuantity: Equatable {
    case number
    /// Seconds, read as durations (`1h 30m`).
    case duration
    /// An availability plotted by its nines, labelled as a percentage.
    case nines
    /// A share, labelled as a percentage.
    case percent

    /// The quantity of a value and where it is plotted; nil for a value that is not a quantity.
    static func of(_ value: Value) -> (ChartQuantity, Double)? {
        switch value {
        case .number(let x): return (.number, x)
        case .time(let x, 1, _): return (.duration, x)
        case .availability(let u): return (.nines, u > 0 ? -log10(u) : .infinity)
        case .system(let b): return (.nines, b.u > 0 ? -log10(b.u) : .infinity)
        case .percentage(let x): return (.percent, x)
        default: return nil
        }
    }

    /// A position on the axis as its tick reads.
    func label(_ x: Double) -> String {
        switch self {
        case .number: Display.number(x, digits: 4)
        case .duration: Display.duration(ChartAxis.readable(x))
        case .nines: Display.number(x, digits: 3)
        case .percent: Display.number(x * 100, digits: 4) + "%"
        }
    }

    /// What the axis measures, after its caption: the unit the ticks are in.
    var unitName: String? {
        switch self {
        case .number: nil
        case .duration: nil
        case .nines: "nines"
        case .percent: nil
        }
    }
}

/// An axis: its range, linear or logarithmic, its ticks, and how to draw it.
struct ChartAxis {
    let low: Double
    let high: Double
    let log: Bool
    let quantity: ChartQuantity
    /// The values ticks are drawn at, inside [low, high].
    let ticks: [Double]

    /// An axis that covers `values` (and 0 on a linear axis), its ends on ticks when they can be.
    init(covering values: [Double], quantity: ChartQuantity, log: Bool, includeZero: Bool = true) {
        let finite = values.filter { $0.isFinite && (!log || $0 > 0) }
        self.quantity = quantity
        self.log = log
        guard var lo = finite.min(), var hi = finite.max() else {
            (low, high, ticks) = (0, 1, [0, 1])
            return
        }
        if log {
            let steps = ChartAxis.logSteps(quantity)
            lo = steps.last { $0 <= lo } ?? pow(10, floor(log10(lo)))
            hi = steps.first { $0 >= hi } ?? pow(10, ceil(log10(hi)))
            if hi <= lo { hi = lo * 10 }
            low = lo
            high = hi
            var chosen = steps.filter { $0 >= lo && $0 <= hi }
            if chosen.count < 2 { chosen = [lo, hi] }
            ticks = chosen
            return
        }
        if includeZero {
            lo = min(0, lo)
            hi = max(0, hi)
        }
        if hi <= lo { hi = lo + (lo == 0 ? 1 : abs(lo)) }
        let step = ChartAxis.step(for: (hi - lo) / 5, quantity)
        lo = (lo / step).rounded(.down) * step
        hi = (hi / step).rounded(.up) * step
        low = lo
        high = hi
        var marks: [Double] = []
        var k = 0.0
        while lo + k * step <= hi + step / 1e9, marks.count < 50 {
            marks.append(lo + k * step)
            k += 1
        }
        ticks = marks
    }

    /// A linear axis from exactly `low` to `high`, ticked at the round values between them.
    init(from low: Double, to high: Double, quantity: ChartQuantity) {
        self.low = low
        self.high = high > low ? high : low + 1
        self.log = false
        self.quantity = quantity
        let step = ChartAxis.step(for: (self.high - low) / 5, quantity)
        var marks: [Double] = []
        var k = (low / step).rounded(.up)
        while k * step <= self.high + step / 1e9, marks.count < 50 {
            marks.append(k * step)
            k += 1
        }
        ticks = marks
    }

    /// Where `x` falls on an axis `length` long, from 0 to `length`, clamped.
    func position(_ x: Double, length: Double) -> Double {
        guard x.isFinite else { return x > 0 ? length : 0 }
        let share: Double
        if log {
            guard x > 0 else { return 0 }
            share = (Glibc.log(x) - Glibc.log(low)) / (Glibc.log(high) - Glibc.log(low))
        } else {
            share = (x - low) / (high - low)
        }
        // A range too wide for a double (−1e308 to 1e308) has no position: the start.
        guard share.isFinite else { return 0 }
        return min(length, max(0, share * length))
    }

    /// A tick spacing of about `rough`: 1, 2 or 5 × 10^k, or for durations a whole unit.
    static func step(for rough: Double, _ quantity: ChartQuantity) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        if quantity == .duration, rough >= 1 {
            let units: [Double] = [
                1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172_800,
                604_800, 1_209_600, 2_592_000, 7_776_000, 31_536_000,
            ]
            if let unit = units.first(where: { $0 >= rough }) { return unit }
        }
        let magnitude = pow(10, floor(log10(rough)))
        for m in [1.0, 2, 5, 10] where m * magnitude >= rough { return m * magnitude }
        return 10 * magnitude
    }

    /// The ticks of a logarithmic axis: whole units for durations, powers of ten otherwise.
    static func logSteps(_ quantity: ChartQuantity) -> [Double] {
        if quantity == .duration {
            return [0.001, 0.01, 0.1, 1, 10, 60, 600, 3600, 36000, 86400, 604_800, 2_592_000, 31_536_000, 315_360_000]
        }
        return (-12...15).map { pow(10, Double($0)) }
    }

    /// A duration rounded as a label wants it: to the minute from an hour, to the second
    /// from a minute, to three significant digits below (`30s`, not `29.999s`).
    static func readable(_ x: Double) -> Double {
        let size = abs(x)
        if size >= 3600 { return (x / 60).rounded() * 60 }
        if size >= 60 { return x.rounded() }
        if size == 0 || !size.isFinite { return x }
        let scale = pow(10, 2 - floor(log10(size)))
        return (x * scale).rounded() / scale
    }

    /// The axis as two lines `length` columns long: a rule with tick marks, and the tick
    /// labels placed under their marks where they do not overlap. `offset` is where the
    /// axis starts on the line; `corner` draws the corner of a vertical axis just before it.
    func draw(length: Int, offset: Int, corner: Bool = false, _ canvas: Display.Canvas) -> [String] {
        var rule = Display.Grid(width: offset + length, height: 2)
        rule.line(canvas.glyph("─", "-"), row: 0, from: offset, to: offset + length - 1)
        let places = ticks.map { min(length - 1, max(0, Int(position($0, length: Double(length - 1)).rounded()))) }
        for at in places {
            let glyph = at == 0 && !corner ? "├" : at == length - 1 ? "┤" : "┬"
            rule.put(canvas.glyph(glyph, "+"), row: 0, column: offset + at)
        }
        if corner, offset > 0 { rule.put(canvas.glyph("└", "+"), row: 0, column: offset - 1) }
        // The ends' labels first, then the others wherever they leave a space on each side.
        var taken: [ClosedRange<Int>] = []
        let order = ticks.indices.sorted { a, b in
            let endA = a == 0 || a == ticks.count - 1
            let endB = b == 0 || b == ticks.count - 1
            return endA != endB ? endA : a < b
        }
        for i in order {
            let text = quantity.label(ticks[i])
            let w = Display.columns(text)
            var start = offset + places[i] - w / 2
            if i == 0 { start = offset + places[i] }
            if i == ticks.count - 1, i > 0 { start = offset + places[i] - w + 1 }
            start = max(offset, min(start, offset + length - w))
            guard start >= 0 else { continue }
            let span = (start - 1)...(start + w)
            if taken.contains(where: { $0.overlaps(span) }) { continue }
            taken.append(start...(start + w - 1))
            rule.put(text, row: 1, column: start)
        }
        return rule.lines
    }
}
