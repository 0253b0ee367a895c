import Foundation
import Testing

@testable import HadrCore

/// Output that fits: display width against the wcwidth package, wrapping, help, records
/// and tables at narrow and wide layouts.
@Suite struct LayoutTests {
    static func layout(_ width: Int) -> Display.Layout { Display.Layout(width: width, unicode: true) }

    /// Every assigned code point's width against wcwidth 0.7.0 (Fixtures/make_display_width.py).
    @Test func displayWidthAgreesWithWcwidth() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/display_width.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var checked = 0
        var disagreements: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t")
            guard parts.count == 3, let first = UInt32(parts[0], radix: 16), let last = UInt32(parts[1], radix: 16),
                let expected = Int(parts[2])
            else { continue }
            for value in first...last {
                guard let scalar = Unicode.Scalar(value) else { continue }
                checked += 1
                // wcwidth says -1 for what it does not know; hadr counts those as one column.
                let want = expected < 0 ? 1 : expected
                let got = Display.columns(of: scalar)
                if got != want, disagreements.count < 20 {
                    disagreements.append(String(value, radix: 16) + ": \(got) vs \(want)")
                }
            }
        }
        #expect(checked > 100_000)
        #expect(disagreements.isEmpty, "\(disagreements)")
    }

    @Test func stringsCountGraphemesByTheirColumns() {
        #expect(Display.columns("abc") == 3)
        #expect(Display.columns("日本語") == 6)
        #expect(Display.columns("e\u{301}") == 1)
        #expect(Display.columns("👍") == 2)
        #expect(Display.columns("👨‍👩‍👧") == 2)
        #expect(Display.columns("🇫🇷") == 2)
        #expect(Display.columns("❤️") == 2)
        #expect(Display.pad("日本", to: 6) == "日本  ")
        #expect(Display.truncate("データベース", to: 7) == "データ…")
    }

    /// Wrapping keeps every word, in order, breaks only at spaces when a word fits a
    /// line, and never passes the width.
    @Test(arguments: [20, 33, 40, 80, 120])
    func wrappingKeepsWordsAndWidth(_ width: Int) {
        let docs = Library.files.flatMap(\.entries).compactMap(\.doc)
        for doc in docs {
            let text = doc.split(separator: "\n").joined(separator: " ")
            let lines = Display.wrap(text, width: width, first: "  ", rest: "    ")
            for line in lines { #expect(Display.columns(line) <= width, "\(line)") }
            let words = text.split(separator: " ").map(String.init)
            let rewrapped = lines.flatMap { $0.split(separator: " ").map(String.init) }
            if words.allSatisfy({ Display.columns($0) <= width - 4 }) { #expect(rewrapped == words) }
        }
    }

    /// help at 40 and 120 columns: every line fits, for every topic and every function.
    @Test(arguments: [40, 120])
    func helpFits(_ width: Int) {
        var topics = ["help()"] + Library.files.map { "help(\"\($0.name)\")" }
        topics += Library.files.flatMap(\.entries).map { "help(\($0.name))" }
        for topic in topics {
            let outcome = run(topic, layout: Self.layout(width))
            #expect(outcome.error == nil)
            for line in outcome.output.split(separator: "\n") {
                #expect(Display.columns(String(line)) <= width, "\(topic): \(line)")
            }
        }
        let narrow = run("help(downtime)", layout: Self.layout(width)).output
        #expect(!narrow.contains("nin\n"))
    }

    /// A record too wide for the layout shows a field a line, and what it shows reads back
    /// as the same record.
    @Test func wideRecordsShowAFieldALineAndReadBack() throws {
        let source = "simulate(99.9%, years: 100, seed: 1)"
        let narrow = run(source, layout: Self.layout(40)).output
        let wide = run(source, layout: Self.layout(200)).output
        #expect(narrow.hasPrefix("{\n  availability: "))
        #expect(!wide.contains("\n  "))
        for line in narrow.split(separator: "\n") { #expect(Display.columns(String(line)) <= 40) }
        // Typed back, the narrow form is the record the wide form shows.
        #expect(run(narrow, layout: Self.layout(200)).output == wide)
        let nested = "{name: \"a much longer name than fits\", parts: [1, 2, 3], inner: {x: 1, y: \"two\"}}"
        let shown = run(nested, layout: Self.layout(30)).output
        #expect(eval("(\(shown)) == \(nested)") == "true")
        #expect(shown.contains("\n"))
        let numbers = run("1..40", layout: Self.layout(40)).output
        #expect(numbers.hasPrefix("[1, 2, 3"))
        for line in numbers.split(separator: "\n") { #expect(Display.columns(String(line)) <= 40) }
        #expect(eval("(\(numbers)) == 1..40") == "true")
    }

    /// A table wider than the layout shows a block per record; one that fits, columns.
    @Test func wideTablesFallBackToBlocks() {
        let source = "nines_table()"
        let wide = run(source, layout: Self.layout(120)).output
        #expect(wide.hasPrefix("availability  nines"))
        let narrow = run(source, layout: Self.layout(40)).output
        #expect(narrow.hasPrefix("── 1 ──"))
        #expect(narrow.contains("typical_use   Development, testing"))
        for line in narrow.split(separator: "\n") { #expect(Display.columns(String(line)) <= 40) }
        let ascii = run(source, layout: Display.Layout(width: 40, unicode: false)).output
        #expect(ascii.hasPrefix("-- 1 --"))
        // Columns line up by display width, wide characters included.
        let table = run("[{name: \"日本\", n: 1}, {name: \"ab\", n: 22}]").output
        #expect(table == "name   n\n日本   1\nab    22\n")
    }

    @Test func layoutWidthsAreBounded() {
        #expect(Display.Layout(width: 3, unicode: true).width == 20)
        #expect(Display.Layout(width: 1_000_000, unicode: true).width == 1000)
        #expect(eval("bar_chart([1, 2], width: 5)").hasPrefix("error: `width` must be between 20 and 1000"))
    }
}
