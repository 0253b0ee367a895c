import Glibc

/// Charts, block diagrams and tables for documents. A chart or diagram is a picture
/// value, drawn when shown at the width of the session's layout (or the `width:` asked
/// for); exports (DOT, Mermaid, CSV, Markdown) are strings.
enum PictureBuiltins {
    static let functions: [NativeFunction] = [
        NativeFunction("bar_chart", 6) { args in
            let table = try Rows(args[0], "data")
            let label = try table.column(args, 1, "label") ?? table.labelColumn
            let value = try table.column(args, 2, "value") ?? table.quantityColumn(last: true, besides: label)
            guard let value else { throw BuiltinError.nothingToChart(function: "bar_chart", columns: table.columns) }
            let log = args.isAbsent(3) ? false : try args.bool(3, "log")
            let (quantity, values) = try table.quantities(value)
            func optional(_ name: String) throws -> [Double]? {
                guard let column = table.columns.firstIndex(of: name), column != value else { return nil }
                let (kind, numbers) = try table.quantities(column)
                guard kind == quantity else {
                    throw BuiltinError.mixedQuantities(
                        what: "`\(name)` and `\(table.columns[value])`",
                        kinds: Rows.kindName(kind) + " and " + Rows.kindName(quantity))
                }
                return numbers
            }
            let starts = try optional("start")
            let lows = try optional("low")
            let highs = try optional("high")
            let notes = table.columns.firstIndex(of: "note").map { n in table.rows.map { Display.text($0[n]) } }
            let bars = table.rows.indices.map { i in
                BarChart.Bar(
                    label: Display.text(table.rows[i][label]), value: values[i], start: starts?[i] ?? 0,
                    low: lows?[i], high: highs?[i],
                    note: notes?[i] ?? Display.plain(table.rows[i][value], quoted: false))
            }
            let chart = BarChart(
                bars: bars, quantity: quantity, log: log, title: try args.optionalString(4, "title"),
                caption: Rows.caption(table.columns[value], quantity))
            return try picture(.bars(chart), args, widthAt: 5)
        },
        NativeFunction("line_chart", 7) { args in
            let table = try Rows(args[0], "data")
            let x = try table.column(args, 1, "x") ?? table.quantityColumn(last: false, besides: nil)
            guard let x else { throw BuiltinError.nothingToChart(function: "line_chart", columns: table.columns) }
            let y = try table.column(args, 2, "y") ?? table.quantityColumn(last: true, besides: x)
            guard let y else { throw BuiltinError.nothingToChart(function: "line_chart", columns: table.columns) }
            let (xKind, xs) = try table.quantities(x)
            let (yKind, ys) = try table.quantities(y)
            let thresholds = args.isAbsent(3) ? [] : try Self.thresholds(args[3], kind: yKind)
            let height = args.isAbsent(6) ? nil : try args.integer(6, "height", in: 4...40)
            let plot = LinePlot(
                points: zip(xs, ys).sorted { $0.0 < $1.0 }.map { (x: $0.0, y: $0.1) }, xQuantity: xKind,
                yQuantity: yKind, thresholds: thresholds, title: try args.optionalString(4, "title"),
                xCaption: Rows.caption(table.columns[x], xKind), yCaption: Rows.caption(table.columns[y], yKind),
                height: height)
            return try picture(.line(plot), args, widthAt: 5)
        },
        NativeFunction("histogram", 6) { args in
            let items = try args.list(0, "values")
            guard !items.isEmpty else { throw ArgumentError.needsAValue("histogram") }
            let (quantity, values) = try Rows.quantities(items, what: "`values`")
            let bins = args.isAbsent(1) ? nil : try args.integer(1, "bins", in: 1...500)
            let chart = Histogram(
                values: values.filter(\.isFinite).sorted(), quantity: quantity, bins: bins,
                title: try args.optionalString(2, "title"), counting: try args.optionalString(4, "y") ?? "count",
                caption: try args.optionalString(3, "x") ?? "value")
            return try picture(.histogram(chart), args, widthAt: 5)
        },
        NativeFunction("breaker_chart", 5) { args in
            guard case .record(let settings) = args[0] else {
                throw args.wrong("breaker", expected: "a breaker record from `breaker(...)`", args[0])
            }
            let outcomes = try BreakerSimulation.outcomes(args[1])
            guard !outcomes.isEmpty else { throw ArgumentError.needsAValue("breaker_chart") }
            let interval = try args.duration(2, "interval", positive: true)
            let (_, handled) = try BreakerSimulation(settings: settings).trace(outcomes, interval: interval)
            let order: [BreakerSimulation.State] = [.closed, .halfOpen, .open]
            let strip = StateStrip(
                states: order.map(\.rawValue),
                perCall: handled.map { state in order.firstIndex(of: state) ?? 0 },
                outcomes: zip(outcomes, handled).map { ok, state in
                    state == .open ? .rejected : ok ? .success : .failure
                },
                interval: interval,
                title: try args.optionalString(3, "title") ?? "circuit breaker over \(outcomes.count) calls",
                alerting: [2])
            return try picture(.strip(strip), args, widthAt: 4)
        },
        NativeFunction("diagram", 3) { args in
            guard let block = Block.lift(args[0], label: nil) else {
                throw args.wrong("system", expected: "a system or an availability", args[0])
            }
            let format = args.isAbsent(1) ? "text" : try args.string(1, "format")
            switch format {
            case "text": return try picture(.diagram(block), args, widthAt: 2)
            case "dot": return .string(DiagramExport.dot(block))
            case "mermaid": return .string(DiagramExport.mermaid(block))
            default: throw ArgumentError.unknownKind("format", given: format, kinds: ["text", "dot", "mermaid"])
            }
        },
        NativeFunction("csv", 2) { args in
            let raw = args.isAbsent(1) ? false : try args.bool(1, "raw")
            guard let document = Display.document(args[0], raw: raw) else {
                throw args.wrong("table", expected: "a table, a record or a list", args[0])
            }
            return .string(try args.machine.paced { Display.csv(document) })
        },
        NativeFunction("markdown", 2) { args in
            let raw = args.isAbsent(1) ? false : try args.bool(1, "raw")
            guard let document = Display.document(args[0], raw: raw) else {
                throw args.wrong("table", expected: "a table, a record or a list", args[0])
            }
            return .string(try args.machine.paced { Display.markdown(document) })
        },
    ]

    /// A picture of `kind` for the session's layout, at the `width:` argument if one was given.
    private static func picture(_ kind: Picture.Kind, _ args: NativeArguments, widthAt i: Int) throws -> Value {
        let width = args.isAbsent(i) ? nil : try args.integer(i, "width", in: Display.Layout.widths)
        return .picture(Picture(kind, width: width, layout: args.machine.layout))
    }

    /// Threshold lines: a list of `{label, value}` records, or a record whose fields are the thresholds.
    private static func thresholds(_ value: Value, kind: ChartQuantity) throws -> [LinePlot.Threshold] {
        var pairs: [(String, Value)] = []
        switch value {
        case .record(let r): pairs = Array(zip(r.names, r.values))
        case .list(let list):
            for item in list.items {
                guard case .record(let r) = item, let label = r["label"], let v = r["value"] else {
                    throw ArgumentError.mustBe(
                        "thresholds", expected: "a list of `{label, value}` records or a record",
                        got: Operators.describe(item))
                }
                pairs.append((Display.text(label), v))
            }
        default:
            throw ArgumentError.mustBe(
                "thresholds", expected: "a list of `{label, value}` records or a record", got: Operators.describe(value)
            )
        }
        return try pairs.map { label, v in
            guard let (k, x) = ChartQuantity.of(v), k == kind else {
                throw BuiltinError.thresholdKind(label, expected: Rows.kindName(kind))
            }
            return LinePlot.Threshold(label: label, value: x)
        }
    }
}

/// A chart's data as rows of named columns: a table's records, a record's fields as
/// `label`/`value` rows, or a list's items as `n`/`value` rows.
struct Rows {
    let columns: [String]
    let rows: [[Value]]
    /// The column of values when the data was a list or a record: it is the one drawn.
    var valueColumn: Int?

    init(_ value: Value, _ name: String) throws {
        switch value {
        case .list(let list) where list.isTable:
            columns = list.tableColumns ?? []
            rows = list.items.compactMap { item in
                if case .record(let r) = item { return r.values }
                return nil
            }
        case .list(let list):
            guard !list.items.isEmpty else { throw ArgumentError.needsAValue("a chart") }
            if list.items.contains(where: { if case .record = $0 { true } else { false } }) {
                throw ArgumentError.mustBe(
                    name, expected: "a table (records with the same fields)", got: Operators.describe(value))
            }
            columns = ["n", "value"]
            rows = list.items.enumerated().map { i, item in [.number(Double(i + 1)), item] }
            valueColumn = 1
        case .record(let record) where !record.names.isEmpty:
            columns = ["label", "value"]
            rows = zip(record.names, record.values).map { [.string($0), $1] }
            valueColumn = 1
        default:
            throw ArgumentError.mustBe(name, expected: "a table, a record or a list", got: Operators.describe(value))
        }
    }

    /// The column named by string argument `i`, if one was given.
    func column(_ args: NativeArguments, _ i: Int, _ parameter: String) throws -> Int? {
        if args.isAbsent(i) { return nil }
        let name = try args.string(i, parameter)
        guard let index = columns.firstIndex(of: name) else {
            throw BuiltinError.noSuchColumn(parameter: parameter, given: name, columns: columns)
        }
        return index
    }

    /// The first column of strings, or else the first column.
    var labelColumn: Int {
        columns.indices.first { i in rows.allSatisfy { if case .string = $0[i] { true } else { false } } } ?? 0
    }

    /// The first (or last) column, other than `besides`, of one kind of quantity.
    func quantityColumn(last: Bool, besides: Int?) -> Int? {
        if last, let valueColumn { return valueColumn }
        let candidates = columns.indices.filter { i in
            i != besides && !["start", "low", "high"].contains(columns[i]) && (try? quantities(i)) != nil
        }
        return last ? candidates.last : candidates.first
    }

    /// A column's kind of quantity and its values as plotted.
    func quantities(_ column: Int) throws -> (ChartQuantity, [Double]) {
        try Self.quantities(rows.map { $0[column] }, what: "column `\(columns[column])`")
    }

    static func quantities(_ values: [Value], what: String) throws -> (ChartQuantity, [Double]) {
        var kind: ChartQuantity?
        var numbers: [Double] = []
        numbers.reserveCapacity(values.count)
        for value in values {
            guard let (k, x) = ChartQuantity.of(value) else {
                throw ArgumentError.mustBe(
                    what, expected: "numbers, durations or availabilities", got: Operators.describe(value))
            }
            if let kind, kind != k {
                throw BuiltinError.mixedQuantities(what: what, kinds: kindName(kind) + " and " + kindName(k))
            }
            kind = k
            numbers.append(x)
        }
        return (kind ?? .number, numbers)
    }

    static func kindName(_ kind: ChartQuantity) -> String {
        switch kind {
        case .number: "a number"
        case .duration: "a duration"
        case .nines: "an availability"
        case .percent: "a percentage"
        }
    }

    /// A column's name as an axis caption (`downtime_per_year` → `downtime per year`); the
    /// kind of quantity for the `value` column a record or list is given.
    static func caption(_ column: String, _ kind: ChartQuantity) -> String {
        if column == "value" {
            switch kind {
            case .number: return "value"
            case .duration: return "duration"
            case .nines: return "availability"
            case .percent: return "share"
            }
        }
        return String(column.map { $0 == "_" ? " " : $0 })
    }
}

extension NativeArguments {
    /// A string argument, or nil when it was not given.
    func optionalString(_ i: Int, _ name: String) throws -> String? {
        isAbsent(i) ? nil : try string(i, name)
    }
}
