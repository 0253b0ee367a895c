import Foundation
import Testing

@testable import HadrCore

/// Every `examples/*.hadr` and `Tests/golden/*.hadr` runs, and what it prints (results,
/// `print` output, warnings and any error, rendered) must equal the `.out` file beside it.
/// Set HADR_RECORD=1 to write the `.out` files anew.
@Suite struct GoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func scripts(in folder: String) -> [String] {
        let url = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".hadr") }.sorted().map { "\(folder)/\($0)" }
    }

    static func output(of path: String) throws -> String {
        let url = root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        var output = ""
        let s = session(arguments: arguments(of: text)) { output += $0 }
        // Warnings (standard error for the binary) appear where they happen.
        s.onWarning = { output += DiagnosticRenderer().render($0) }
        // Named relative to the package so that errors render the same everywhere.
        if let error = s.run(text, name: path, directory: url.deletingLastPathComponent().path) {
            output += DiagnosticRenderer().render(error)
        }
        return output
    }

    /// The command-line arguments a script is run with: the words of a `# args:` line
    /// among its first lines (`# args: 99.95% 28d`), or none, as `hadr FILE` runs it.
    static func arguments(of text: String) -> [String] {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(5)
        where line.hasPrefix("# args:") {
            return line.dropFirst("# args:".count).split(separator: " ").map(String.init)
        }
        return []
    }

    static func check(_ path: String) throws {
        let actual = try output(of: path)
        let expectedURL = root.appendingPathComponent(String(path.dropLast(".hadr".count)) + ".out")
        if ProcessInfo.processInfo.environment["HADR_RECORD"] == "1" {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected =
            (try? String(contentsOf: expectedURL, encoding: .utf8)) ?? "<missing \(expectedURL.lastPathComponent)>"
        #expect(actual == expected, "\(path) printed something else than its .out file")
    }

    @Test(arguments: scripts(in: "examples"))
    func example(_ path: String) throws {
        try Self.check(path)
    }

    @Test(arguments: scripts(in: "Tests/golden"))
    func golden(_ path: String) throws {
        try Self.check(path)
    }

    @Test func thereAreExamples() {
        #expect(Self.scripts(in: "examples").count >= 5)
        #expect(Self.scripts(in: "Tests/golden").count >= 5)
    }

    /// Examples are self-checking scripts: none may end in an error.
    @Test(arguments: scripts(in: "examples"))
    func exampleRunsWithoutError(_ path: String) throws {
        let output = try Self.output(of: path)
        #expect(!output.contains(": error:") && !output.contains("assertion failed:"), "\(path) failed:\n\(output)")
    }
}
