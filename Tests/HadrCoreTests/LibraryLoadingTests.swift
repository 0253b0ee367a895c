import Foundation
import Testing

@testable import HadrCore

/// The standard library loads file by file, the first time one of its names is used.
@Suite struct LibraryLoadingTests {
    /// The build tool's index of each file's names agrees with what the file's top level binds.
    @Test(arguments: Library.files.map(\.name))
    func indexListsTheNamesTheFileBinds(_ name: String) throws {
        let entry = try #require(Library.files.first { $0.name == name })
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
        let all = Library.files.flatMap(\.defines)
        #expect(all.count == Set(all).count)
    }

    /// Runs `body` with a fresh session; returns what it printed.
    private func withSession(_ limits: Limits = Limits(), _ body: (Session) -> Void) -> String {
        var output = ""
        body(session(limits: limits) { output += $0 })
        return output
    }

    /// The build tool orders the files so that each comes after every file it uses.
    @Test func filesComeAfterTheFilesTheyUse() {
        for (i, dependencies) in Library.dependencies.enumerated() {
            for d in dependencies {
                #expect(d < i, "\(Library.files[i].name) uses \(Library.files[d].name), listed after it")
            }
        }
    }

    /// Each file's index lists the files whose names it uses: a file loaded alone runs.
    @Test(arguments: Library.files.indices)
    func aFileLoadedWithItsDependenciesAloneRuns(_ i: Int) {
        var loader = Loader()
        let name = Library.files[i].defines.first ?? ""
        let file = SourceFile(name: "t", text: name)
        let units = (try? loader.load(file, statements: (try? Parser.parse(file)) ?? [], path: nil)) ?? []
        let loaded = Set(units.filter(\.isLibrary).map(\.file.name))
        #expect(loaded.contains(Library.sourceName(i)))
        #expect(run(name).error == nil, "\(name) alone fails")
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

    /// Help answers from the build-time index: nothing is loaded or run to answer it.
    @Test func helpLoadsNothing() {
        var declared: [String] = []
        let output = withSession { session in
            #expect(session.evaluate("help(\"backoff\")") == nil)
            #expect(session.evaluate("help(\"resilience\")") == nil)
            declared = session.globalsDeclared
        }
        #expect(
            output.hasPrefix(
                "backoff(base = 1s, factor = 2, attempts = 5, cap = none, jitter = \"none\",\n    seed = none)\n"))
        #expect(output.contains("resilience:\n  backoff("))
        #expect(!declared.contains("backoff"), "help loaded resilience.hadr")
    }

    /// `:help` takes a name, not an expression: what follows it is never evaluated.
    @Test func helpForATopicEvaluatesNothing() {
        var printed = ""
        let s = session { printed += $0 }
        #expect(s.help("print(\"ran\")").hasPrefix("no help for"))
        #expect(printed.isEmpty)
        #expect(s.help("downtime").hasPrefix("downtime(a, per = none, calendar = default_calendar)"))
    }

    /// A parameter marked `## @diagram NAME` keeps its argument's block diagram, each part
    /// labelled by its source text, for any function (not only `explain`).
    @Test func aDiagramParameterSeesTheExpressionAsWritten() {
        let text = """
            web = 99.9%
            db = 99.95%
            explain(web & (db | db))
            ## @diagram s
            fn shape(s) = type(s)
            shape(web & db)
            """
        let output = run(text).output
        #expect(output.contains("db | db: in parallel, one must work"))
        #expect(output.contains("web & (db | db): in series, all must work"))
        #expect(output.hasSuffix("\"system\"\n"))
        #expect(eval("fn shape(s) = type(s)\nshape(99.9% & 99.9%)") == "\"availability\"")
    }

    @Test func helpWithNoArgumentListsEveryDomain() {
        let output = withSession { session in _ = session.evaluate("help()") }
        for file in Library.files { #expect(output.contains(file.name), "help() lacks \(file.name)") }
    }
}
