import Foundation
import HadrCore
import Testing

/// The builtins declared in `stdlib/` and the Swift tables agree, and each is documented,
/// described in docs/ and used in examples/.
@Suite struct StdlibTests {
    static let root = GoldenTests.root

    static func builtinNames() -> [String] {
        var names: [String] = []
        LargeStack.run {
            guard let session = try? Session(output: { _ in }) else { return }
            for (_, domainNames) in session.domains {
                for name in domainNames {
                    if case .function? = session.value(of: name) { names.append(name) }
                }
            }
        }
        return names
    }

    @Test func everyNativeIsDeclaredInStdlib() throws {
        let declared = Set(Self.builtinNames())
        for name in HadrCore.nativeNames where !declared.contains(name) {
            Issue.record("native `\(name)` has no declaration in stdlib/")
        }
    }

    @Test(arguments: builtinNames())
    func builtinIsDocumented(_ name: String) throws {
        var help = ""
        LargeStack.run {
            guard let session = try? Session(output: { help += $0 }) else { return }
            _ = session.run(SourceFile(name: "t", text: "help(\(name))"))
        }
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
