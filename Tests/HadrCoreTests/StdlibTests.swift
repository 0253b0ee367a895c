import Foundation
import Testing

@testable import HadrCore

/// The builtins declared in `stdlib/` and the Swift tables agree, and each is documented,
/// described in docs/ and used in examples/.
@Suite struct StdlibTests {
    static let root = GoldenTests.root

    /// Every function the library declares, from the build tool's index.
    static func builtinNames() -> [String] {
        Library.files.flatMap { $0.entries.map(\.name) }
    }

    @Test func everyNativeIsDeclaredInStdlib() throws {
        let declared = Set(Self.builtinNames())
        for name in HadrCore.nativeNames where !declared.contains(name) {
            Issue.record("native `\(name)` has no declaration in stdlib/")
        }
    }

    @Test(arguments: builtinNames())
    func builtinIsDocumented(_ name: String) throws {
        let help = run("help(\(name))").output
        #expect(!help.contains("no documentation"), "\(name) has no ## docs")
        #expect(help.hasPrefix(name + "("))
    }

    @Test(arguments: builtinNames())
    func builtinIsInTheDocsAndExamples(_ name: String) throws {
        let docs = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }
            .map { try String(contentsOf: Self.root.appendingPathComponent("docs/\($0)"), encoding: .utf8) }
            .joined()
        #expect(docs.contains("`\(name)("), "docs/ has no entry for \(name)")
        let examples = try FileManager.default.contentsOfDirectory(
            atPath: Self.root.appendingPathComponent("examples").path
        )
        .filter { $0.hasSuffix(".hadr") }
        .map { try String(contentsOf: Self.root.appendingPathComponent("examples/\($0)"), encoding: .utf8) }
        .joined()
        #expect(examples.contains("\(name)("), "no example uses \(name)")
    }

    /// `help` answers from the build tool's index without loading the file: the index must
    /// say what the loaded function says.
    @Test(arguments: builtinNames())
    func indexAgreesWithTheDeclaration(_ name: String) throws {
        let entry = try #require(Library.entry(named: name))
        var value: Value?
        let s = session { _ in }
        s.onResult = { value = $0.value }
        s.run(name, name: "t")
        guard case .function(let f)? = value else {
            Issue.record("\(name) is not a function")
            return
        }
        #expect(entry.signature == f.proto.signature)
        #expect(entry.doc == (f.proto.doc ?? ""))
    }

    @Test func helpListsDomains() {
        let outcome = run("help()")
        #expect(outcome.output.contains("availability"))
        #expect(outcome.output.contains("downtime"))
    }

    @Test func helpShowsSignatureAndDoc() {
        let outcome = run("help(downtime)")
        #expect(
            outcome.output.hasPrefix(
                "downtime(a, per = none, calendar = default_calendar)\n  The downtime an availability allows"))
    }
}

/// Every `## Example:` line of the library that shows a result (`# => 99.0099%`) is run,
/// and the result must read as the example says.
@Suite struct StdlibExampleTests {
    struct Example: CustomStringConvertible, Sendable {
        var function: String
        var code: String
        var expected: String
        var description: String { "\(function): \(code)" }
    }

    static let examples: [Example] = Library.files.flatMap { file in
        file.entries.flatMap { entry in
            entry.doc.split(separator: "\n").compactMap { line -> Example? in
                guard line.hasPrefix("Example:"), let arrow = line.range(of: "# =>") else { return nil }
                let code = line[line.index(line.startIndex, offsetBy: 8)..<arrow.lowerBound]
                let expected = line[arrow.upperBound...]
                return Example(
                    function: entry.name, code: code.trimmingCharacters(in: .whitespaces),
                    expected: expected.trimmingCharacters(in: .whitespaces))
            }
        }
    }

    @Test func thereAreExamplesWithResults() {
        #expect(Self.examples.count >= 40)
    }

    @Test(arguments: examples)
    func exampleShowsItsResult(_ example: Example) {
        #expect(eval(example.code) == example.expected, "\(example.function)'s example")
    }
}
