import Foundation
import Testing

@testable import HadrCore

/// The standard library loads file by file, the first time one of its names is used.
@Suite struct LibraryLoadingTests {
    /// The build tool's index of each file's names agrees with what the file's top level binds.
    @Test(arguments: Session.library.map(\.name))
    func indexListsTheNamesTheFileBinds(_ name: String) throws {
        let entry = try #require(Session.library.first { $0.name == name })
        let statements = try Parser.parse(SourceFile(name: "stdlib/\(name)", text: entry.text))
        let bound = statements.compactMap { statement -> String? in
            switch statement.kind {
            case .assign(let name, _, _): name
            case .function(let decl): decl.name
            default: nil
            }
        }
        var seen = Set<String>()
        #expect(entry.defines == bound.filter { seen.insert($0).inserted })
    }

    @Test func noNameIsDefinedByTwoFiles() {
        let all = Session.library.flatMap(\.defines)
        #expect(all.count == Set(all).count)
    }

    /// Runs `body` with a fresh session on a large stack; returns what it printed.
    private func withSession(_ limits: Limits = Limits(), _ body: @escaping (Session) -> Void) -> String {
        var output = ""
        LargeStack.run {
            var options = Session.Options()
            options.limits = limits
            guard let session = try? Session(options: options, output: { output += $0 }) else { return }
            session.onResult = { output += Display.result($0) + "\n" }
            body(session)
        }
        return output
    }

    @Test func aSessionThatUsesNoLibraryNameLoadsNoFile() {
        var declared: [String] = []
        _ = withSession { session in
            #expect(session.evaluate("99.9% & 99.9%") == nil)
            declared = session.globalsDeclared
        }
        #expect(declared == ["args"])
    }

    @Test func usingANameLoadsItsFileAndWhatThatFileUses() {
        var declared: Set<String> = []
        let output = withSession { session in
            #expect(session.evaluate("strategy(15m, 5m).name") == nil)
            declared = Set(session.globalsDeclared)
        }
        #expect(output == "\"Warm Standby\"\n")
        #expect(declared.contains("dr_strategies"))
        #expect(!declared.contains("backoff"), "resilience.hadr was loaded without being used")
    }

    @Test func aFailedLineForgetsTheFilesItLoadedAndTheNextLoadsThemAgain() {
        let output = withSession { session in
            #expect(session.evaluate("downtime(99.9%) + 1") != nil)
            #expect(session.evaluate("downtime(99.9%, per: 1y)") == nil)
        }
        #expect(output == "8h 45m 36s\n")
    }

    @Test func aFileLoadedAfterATimedEvaluationIsNotCutShortByItsOldDeadline() {
        var limits = Limits()
        limits.timeout = 0.2
        let output = withSession(limits) { session in
            #expect(session.evaluate("1") == nil)
            usleep(300_000)
            #expect(session.evaluate("nines(99.99%)") == nil)
        }
        #expect(output == "1\n4\n")
    }

    @Test func aUserDefinitionOfALibraryNameReplacesIt() {
        #expect(eval("fn nines(a) = 42\nnines(99.9%)") == "42")
        #expect(eval("x = nines(99.9%)\nfn nines(a) = 42\n[x, nines(99.9%)]") == "[3, 42]")
    }

    @Test func helpWithNoArgumentListsEveryDomain() {
        let output = withSession { session in _ = session.evaluate("help()") }
        for domain in Session.loadOrder { #expect(output.contains(domain), "help() lacks \(domain)") }
    }
}
