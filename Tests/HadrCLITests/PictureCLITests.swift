import Foundation
import Testing

/// The command line's pictures and documents: `--csv`, `--markdown`, `--width`, piped
/// output at a fixed width, ASCII under `TERM=dumb`.
@Suite struct PictureCLITests {
    @Test func csvAndMarkdownPrintTableResults() throws {
        let csv = try HadrProcess.run(["--csv", "-e", "downtime(99.95%)"])
        #expect(csv.status == 0)
        #expect(
            csv.stdout.hasPrefix(
                "period,length,downtime,calendar\nyear,365d,4h 22m 48s,365-day\nquarter,91d 6h,1h 5m 42s,365-day\n"))
        let markdown = try HadrProcess.run(["--markdown", "-e", "downtime(99.95%)", "-e", "nines(99.9%)"])
        #expect(
            markdown.stdout.hasPrefix(
                "| period  |  length |   downtime | calendar |\n| ------- | ------: | ---------: | -------- |\n"))
        #expect(markdown.stdout.hasSuffix("|\n3\n"))
        let two = try HadrProcess.run(["--csv", "-e", "[{a: 1}]", "-e", "[{b: 2}]"])
        #expect(two.stdout == "a\n1\n\nb\n2\n")
        // A record with no fields has no table form: it is shown as a value.
        let empty = try HadrProcess.run(["--markdown", "-e", "{}"])
        #expect(empty.stdout == "{}\n")
    }

    @Test func conflictingFormatsAndBadWidthsAreUsageErrors() throws {
        let both = try HadrProcess.run(["--csv", "--json", "-e", "1"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("`--json` and `--csv` cannot be used together"))
        let narrow = try HadrProcess.run(["--width", "5", "-e", "1"])
        #expect(narrow.status == 64)
        #expect(narrow.stderr.contains("`--width` must be a whole number from 20 to 1000; got `5`"))
    }

    /// Piped output is drawn for 80 columns whatever `COLUMNS` says; `--width` sets it.
    @Test func pipedOutputHasAFixedWidth() throws {
        let piped = try HadrProcess.run(["-e", "downtime_chart()"], environment: ["COLUMNS": "200"])
        let lines = piped.stdout.split(separator: "\n")
        #expect(lines.map(\.count).max() == 80 || lines.allSatisfy { $0.count <= 80 })
        let wide = try HadrProcess.run(["--width", "120", "-e", "downtime_chart()"])
        #expect(wide.stdout.split(separator: "\n").contains { $0.count > 80 })
        #expect(wide.stdout.split(separator: "\n").allSatisfy { $0.count <= 120 })
    }

    @Test func dumbTerminalsGetASCII() throws {
        let result = try HadrProcess.run(
            ["-e", "diagram(component(\"a\", 99.9%) | component(\"b\", 99.9%))"], environment: ["TERM": "dumb"])
        #expect(result.stdout.contains("+-------+"))
        #expect(!result.stdout.contains("┌"))
        let unicode = try HadrProcess.run(
            ["-e", "diagram(component(\"a\", 99.9%) | component(\"b\", 99.9%))"], environment: ["TERM": "xterm"])
        #expect(unicode.stdout.contains("┌"))
    }

    /// `hadr -e 'print(diagram(..., format: "dot"))' | dot -Tsvg` works as the docs say.
    @Test func dotFromTheCommandLineRenders() throws {
        let dot = try HadrProcess.run([
            "-e",
            "print(diagram(component(\"web\", 99.9%) & (component(\"db\", 99.95%) | component(\"db2\", 99.95%)), format: \"dot\"))",
        ])
        #expect(dot.status == 0)
        #expect(dot.stdout.hasPrefix("digraph system {"))
    }
}
