import Foundation
import Testing

@testable import HadrCore

/// Runs a tool (Graphviz, cmark-gfm, Python) on some input; a missing tool fails the test.
func runTool(_ arguments: [String], input: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The value a hadr expression gives.
func value(_ text: String) throws -> Value {
    var result: Value?
    let s = Session(output: { _ in })
    s.onResult = { result = $0.value }
    if let error = s.run(text, name: "test.hadr") { throw error }
    return try #require(result)
}

/// Block diagrams and their exports, tables for documents, and the numbers behind charts.
@Suite struct PictureTests {
    static let components = """
        lb = component("lb", 99.99%)
        web1 = component("web1", 99.9%)
        web2 = component("web2", 99.9%)
        db = component("db \\"primary\\"", 99.95%)
        replica = component("replica <r>", 99.95%)
        auth = component("auth # 1", 99.9%)

        """

    /// Systems of every shape: series, parallel, k-of-n, standby, shared parts, plain values, nesting.
    static let systems = [
        "lb & (web1 | web2) & (db | replica)",
        "k_of_n(2, [web1, web2, replica])",
        "(auth & web1) | (auth & web2)",
        "standby(db, replica, switchover: 30s, failures_per_year: 2)",
        "lb & 99.9% & (web1 | (web2 & k_of_n(1, [db, replica])))",
        "web1",
    ]

    static func names(in system: String) throws -> [String] {
        guard case .system(let block) = try value(Self.components + system) else { return [] }
        return DiagramModel(block).partNames
    }

    /// Every DOT export renders with Graphviz, and every component is a node of the drawing.
    @Test(arguments: systems)
    func dotRendersWithGraphviz(_ system: String) throws {
        guard case .string(let dot) = try value(Self.components + "diagram(\(system), format: \"dot\")") else {
            Issue.record("not a string")
            return
        }
        let (status, svg) = try runTool(["dot", "-Tsvg"], input: dot)
        #expect(status == 0, "dot refused:\n\(dot)")
        let nodes = svg.components(separatedBy: "class=\"node\"").dropFirst()
        for name in try Self.names(in: system) {
            let escaped = name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
                of: "\"", with: "&quot;"
            )
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            #expect(
                nodes.contains { $0.contains(">\(escaped)</text>") || $0.contains(">\(name)</text>") },
                "\(name) is not a node in:\n\(svg)")
        }
    }

    /// Every Mermaid export has the flowchart grammar's shape: a header, node lines with a
    /// quoted label in a known shape, edges between declared nodes, every component named.
    @Test(arguments: systems)
    func mermaidHasTheFlowchartShape(_ system: String) throws {
        guard case .string(let text) = try value(Self.components + "diagram(\(system), format: \"mermaid\")") else {
            Issue.record("not a string")
            return
        }
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "flowchart LR")
        var declared: Set<String> = []
        var labels: [String] = []
        let node = /^    ([a-z][a-z0-9]*)(\[\[|\[|\(\()"([^"]*)"(\]\]|\]|\)\))$/
        let edge = /^    ([a-z][a-z0-9]*) --- ([a-z][a-z0-9]*)$/
        for line in lines.dropFirst() {
            if let m = line.wholeMatch(of: node) {
                let pairs = ["[[": "]]", "[": "]", "((": "))"]
                #expect(pairs[String(m.2)] == String(m.4), "unbalanced shape: \(line)")
                #expect(declared.insert(String(m.1)).inserted, "declared twice: \(line)")
                labels.append(String(m.3))
            } else if let m = line.wholeMatch(of: edge) {
                #expect(declared.contains(String(m.1)) && declared.contains(String(m.2)), "undeclared: \(line)")
            } else {
                Issue.record("not a Mermaid node or edge: \(line)")
            }
        }
        for name in try Self.names(in: system) {
            let escaped = name.replacingOccurrences(of: "#", with: "#35;").replacingOccurrences(
                of: "\"", with: "#quot;"
            )
            .replacingOccurrences(of: "<", with: "#lt;").replacingOccurrences(of: ">", with: "#gt;")
            #expect(labels.contains { $0.hasPrefix(escaped + "<br/>") || $0 == escaped }, "\(name) has no node")
        }
    }

    @Test func sharedPartsAreMarked() throws {
        let text = try value(Self.components + "diagram((auth & web1) | (auth & web2))")
        guard case .picture(let picture) = text else { throw Unexpected(what: "not a picture") }
        let drawn = picture.draw()
        #expect(drawn.contains("╔"))
        #expect(drawn.contains("shared: auth # 1"))
        let dot = eval(Self.components + "diagram((auth & web1) | (auth & web2), format: \"dot\")")
        #expect(dot.contains("peripheries=2"))
        #expect(eval(Self.components + "type(diagram(web1))") == "\"diagram\"")
        #expect(eval("diagram(99.9%, format: \"svg\")").hasPrefix("error: unknown format \"svg\""))
    }

    /// Diagrams fit the width they are drawn for, boxes, wrapped series or outline (from
    /// 30 columns: below, an outline line may still need more than the width).
    @Test(arguments: [30, 40, 80, 120])
    func diagramsFit(_ width: Int) throws {
        for system in Self.systems {
            let shown = run(Self.components + "diagram(\(system))", layout: Display.Layout(width: width, unicode: true))
            #expect(shown.error == nil)
            for line in shown.output.split(separator: "\n") where !line.hasPrefix("availability") {
                #expect(Display.columns(String(line)) <= width, "\(system) at \(width): \(line)")
            }
        }
    }

    // MARK: Documents

    /// CSV read back by Python's csv module gives the table's cells.
    @Test func csvReadsBackWithPython() throws {
        // The third cell holds a \r\n from a source file with Windows line ends (one Character).
        let table =
            "[{name: \"a, b\", note: \"say \\\"hi\\\"\", n: 1}, {name: \" x\", note: \"two\\nlines\", n: 2.5}, {name: \"crlf\", note: \"one\r\ntwo\", n: 3}]"
        guard case .string(let csv) = try value("csv(\(table))") else { throw Unexpected(what: "not a string") }
        let script = "import csv, sys, json; print(json.dumps(list(csv.reader(sys.stdin))))"
        let (status, output) = try runTool(["python3", "-c", script], input: csv)
        #expect(status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String]]
        #expect(
            rows == [
                ["name", "note", "n"], ["a, b", "say \"hi\"", "1"], [" x", "two\nlines", "2.5"],
                ["crlf", "one\r\ntwo", "3"],
            ])
        #expect(
            eval("csv(downtime(99.9%), raw: true)").hasPrefix(
                "\"period,length,downtime,calendar\\nyear,31536000,31536,365-day\\n"))
        #expect(eval("csv(5)").hasPrefix("error: `table` must be a table, a record or a list"))
    }

    /// Markdown rendered by cmark-gfm is a table with the same cells, escapes undone.
    @Test func markdownRendersAsAGitHubTable() throws {
        let table =
            "[{name: \"a | b\", markup: \"*not bold* _x_ `y` <b>\", down: 5m}, {name: \"c\", markup: \"snake_case ~~not struck~~\", down: 1h}]"
        guard case .string(let md) = try value("markdown(\(table))") else {
            throw Unexpected(what: "not a string")
        }
        let (status, html) = try runTool(["cmark-gfm", "--extension", "table"], input: md)
        #expect(status == 0)
        let cells = html.matches(of: /<t[hd][^>]*>([^<]*)<\/t[hd]>/).map { String($0.1) }
        #expect(
            cells == [
                "name", "markup", "down", "a | b", "*not bold* _x_ `y` &lt;b&gt;", "5m", "c",
                "snake_case ~~not struck~~",
                "1h",
            ])
        #expect(html.contains("<th align=\"right\">down</th>"))
    }

    /// A column is padded to at most 200 columns: one long cell is written as it is and does
    /// not widen the header, the rule and every other row to its length.
    @Test func oneLongMarkdownCellIsNotPaddedAround() throws {
        guard
            case .string(let md) = try value(
                "long = join(map(1..5000, fn(i) = \"ab\"), \"\")\nmarkdown([{s: long}, {s: \"c\"}])")
        else { throw Unexpected(what: "not a string") }
        let lines = md.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "| s" + String(repeating: " ", count: 199) + " |")
        #expect(lines[1] == "| " + String(repeating: "-", count: 200) + " |")
        #expect(lines[2] == "| " + String(repeating: "ab", count: 5000) + " |")
        #expect(lines[3].count == lines[0].count)
    }

    // MARK: The numbers behind the charts

    /// The nearest-rank percentile against its definition, counted by brute force.
    @Test func percentilesAreNearestRank() {
        var random = SplitMix64.stream(3, of: 11)
        for n in [1, 2, 3, 10, 99, 100, 101, 1000] {
            let values = (0..<n).map { _ in (random.unit() * 100).rounded() }.sorted()
            for p in [50.0, 90, 99] {
                // The smallest value with at least p% of the values at or below it.
                let oracle = values.first { v in Double(values.filter { $0 <= v }.count) * 100 >= p * Double(n) }
                #expect(Histogram.percentile(p, of: values) == oracle, "n \(n) p \(p)")
            }
        }
    }

    /// Bin counts against counting each bin's members directly.
    @Test func histogramBinsCountEveryValueOnce() {
        var random = SplitMix64.stream(5, of: 2)
        let values = (0..<997).map { _ in random.unit() * 40 }
        for bins in [1, 7, 24] {
            let counts = Histogram.counts(values, bins: bins, low: 0, high: 40)
            #expect(counts.reduce(0, +) == values.count)
            for b in 0..<bins {
                let low = 40 * Double(b) / Double(bins)
                let high = 40 * Double(b + 1) / Double(bins)
                let members = values.filter { $0 >= low && ($0 < high || (b == bins - 1 && $0 <= high)) }.count
                #expect(abs(counts[b] - members) <= 1, "bin \(b) of \(bins)")
            }
        }
    }

    /// A component failing once a year on average (repairs of an hour) has no downtime in
    /// a year with probability A·e^−1 (up at the start, no failure for a year), and its
    /// yearly mean is U × 1 year.
    @Test func yearlyDowntimeMatchesTheExponentialModel() throws {
        let years = 20_000
        let source = "yearly_downtime(component(\"c\", mtbf: 1y, mttr: 1h), years: \(years), seed: 42)"
        guard case .list(let list) = try value(source) else { throw Unexpected(what: "not a list") }
        let seconds = list.items.compactMap { item -> Double? in
            if case .time(let s, 1, _) = item { return s }
            return nil
        }
        #expect(seconds.count == years)
        let hour = 3600.0
        let year = 365 * 86400.0
        let a = year / (year + hour)
        let zeroShare = Double(seconds.filter { $0 == 0 }.count) / Double(years)
        let expected = a * exp(-1)
        let sigma = (expected * (1 - expected) / Double(years)).squareRoot()
        #expect(abs(zeroShare - expected) < 4 * sigma, "\(zeroShare) vs \(expected)")
        let mean = seconds.reduce(0, +) / Double(years)
        let u = hour / (year + hour)
        #expect(abs(mean - u * year) < 0.05 * u * year, "\(mean) vs \(u * year)")
        // A seed repeats exactly.
        guard case .list(let again) = try value(source) else { return }
        #expect(again.items.count == list.items.count && zip(again.items, list.items).allSatisfy { $0.equals($1) })
    }

    /// Bars are as long as their values: a linear chart's bars in eighths of a cell.
    @Test func barLengthsAreProportional() throws {
        guard case .picture(let p) = try value("bar_chart({a: 10, b: 5, c: 2.5}, width: 40)") else {
            throw Unexpected(what: "not a picture")
        }
        let lines = p.draw().split(separator: "\n").map(String.init)
        func cells(_ line: String) -> Double {
            let eighths: [Character: Double] = [
                "█": 8, "▉": 7, "▊": 6, "▋": 5, "▌": 4, "▍": 3, "▎": 2, "▏": 1,
            ]
            return line.reduce(0) { $0 + (eighths[$1] ?? 0) } / 8
        }
        let a = cells(lines[0])
        #expect(abs(cells(lines[1]) - a / 2) <= 0.125)
        #expect(abs(cells(lines[2]) - a / 4) <= 0.125)
    }

    /// Colour comes only from the style: none in plain output, and the coloured text is
    /// the plain text with colour codes added.
    @Test func colourOnlyFromTheStyle() throws {
        let marked = Display.Style(
            unit: { $0 }, header: { $0 }, string: { $0 }, accent: { "<a>" + $0 + "</a>" },
            alert: { "<!>" + $0 + "</!>" }, muted: { "<m>" + $0 + "</m>" })
        for source in [
            "bar_chart([1, 2, 3])", "burn_chart(slo: 99.9%, error_rates: [0.1%, 2%, 0.1%])",
            "histogram([1, 2, 2, 3])", "breaker_chart(breaker(window: 2, minimum_calls: 2), \"SFFS\")",
        ] {
            guard case .picture(let p) = try value(source) else { continue }
            let plain = p.draw()
            let coloured = p.draw(style: marked)
            #expect(!plain.contains("<a>"))
            #expect(coloured.contains("<a>") || coloured.contains("<!>"), "\(source)")
            let stripped = coloured.replacing(/<\/?[am!]>/, with: "")
            #expect(stripped == plain, "\(source)")
        }
    }

    @Test func chartsSayWhatIsWrong() {
        #expect(eval("bar_chart([])").hasPrefix("error: `a chart` needs at least one value"))
        #expect(
            eval("bar_chart([1, 1m])").hasPrefix("error: `values` mixes kinds")
                || eval("bar_chart([1, 1m])").contains("mixes kinds"))
        #expect(eval("bar_chart([{a: 1}], value: \"b\")") == "error: `value:` names no column of the table: \"b\"")
        #expect(eval("bar_chart([{a: \"x\"}])").contains("found no column of numbers"))
        #expect(eval("line_chart([1, 2], thresholds: {x: 1m})").contains("must be a number"))
        #expect(eval("histogram([\"a\"])").contains("must be numbers, durations or availabilities"))
        #expect(eval("histogram([1], bins: 0)").contains("between 1 and 500"))
    }
}

/// A value of the wrong kind where a test expected another.
struct Unexpected: Error {
    let what: String
}

/// Values at the edges of a double draw without a trap.
@Suite struct PictureEdgeTests {
    @Test(arguments: [
        "histogram([1e308, -1e308])", "line_chart([1e308, -1e308, 0])", "bar_chart([1e308, -1e308])",
        "bar_chart([1e-300, 1e300], log: true)", "histogram([5, 5, 5])", "bar_chart([0, 0])",
        "line_chart([{a: 1, b: 2}])", "diagram(100%)", "diagram(0%)", "histogram([1m, 2m, 1h], width: 20)",
    ])
    func drawsWithoutATrap(_ source: String) {
        let shown = run(source, layout: Display.Layout(width: 40, unicode: true))
        #expect(shown.error == nil, "\(source): \(shown.errorText)")
        #expect(!shown.output.isEmpty)
    }
}
