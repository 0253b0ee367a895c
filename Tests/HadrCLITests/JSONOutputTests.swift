import Foundation
import Testing

/// `--json` output that a pipeline can trust, read back by a real JSON parser
/// (Foundation's JSONSerialization), line by line.
@Suite struct JSONOutputTests {
    static let examples: [String] = {
        let folder = packageRoot.appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".hadr") }.sorted()
    }()

    /// Each line parsed as JSON on its own.
    static func parse(_ line: Substring) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
    }

    /// Every line every example prints under --json is one JSON value; the examples' own
    /// arguments are those of their `# args:` line, as the golden tests run them.
    @Test(arguments: examples)
    func everyLineOfEveryExampleParses(_ name: String) throws {
        let path = packageRoot.appendingPathComponent("examples/\(name)")
        let text = try String(contentsOf: path, encoding: .utf8)
        let argsLine = text.split(separator: "\n").prefix(5).first { $0.hasPrefix("# args:") }
        let arguments = argsLine.map { $0.dropFirst("# args:".count).split(separator: " ").map(String.init) } ?? []
        let r = try HadrProcess.run(["--json", path.path] + arguments)
        #expect(r.status == 0, "\(name): \(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(!lines.isEmpty, "\(name) printed nothing")
        for (i, line) in lines.enumerated() {
            #expect(Self.parse(line) != nil, "\(name), line \(i + 1) is not JSON: \(line.prefix(200))")
        }
    }

    /// A value nested as deep as JSON readers go (jq's 256 levels) is written whole; one
    /// deeper is an error at the statement that made it, never a silent `null` inside.
    @Test func aValueTooDeepForJSONIsAnErrorNotACut() throws {
        let build = "x = 1; for i in 1..N do x = [x] end; x"
        let deep = try HadrProcess.run(["--json", "-e", build.replacingOccurrences(of: "N", with: "255")])
        #expect(deep.status == 0, "\(deep.stderr)")
        #expect(deep.stdout == String(repeating: "[", count: 255) + "1" + String(repeating: "]", count: 255) + "\n")
        let tooDeep = try HadrProcess.run(["--json", "-e", build.replacingOccurrences(of: "N", with: "256"), "-e", "2"])
        #expect(tooDeep.status == 70)
        #expect(tooDeep.stdout.isEmpty)
        #expect(tooDeep.stderr.contains("nests more than 256 levels deep"))
        // As text, the levels past 256 show as `...`, not as nothing.
        let text = try HadrProcess.run(["-e", "x = 1; for i in 1..300 do x = [x] end; str(x)"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("[...]"))
    }

    @Test func theShapesAreTheFixedOnes() throws {
        let r = try HadrProcess.run([
            "--json", "-e", "99.95%", "-e", "unavailability(99.95%)", "-e", "unavailability(99.9999999% | 99.9999999%)",
            "-e", "[none]", "-e", "print(\"a\", 1)", "-e", "[1, 2.5]", "-e", "{slo: 99.9%, window: 30d}", "-e", "\"s\"",
            "-e", "true", "-e", "5%", "-e", "1 / 0",
        ])
        let values = r.stdout.split(separator: "\n").map(Self.parse)
        #expect(values.count == 10)
        guard values.count == 10 else { return }
        let a = try #require(values[0] as? [String: Double])
        #expect(a["availability"] == 0.9995 && a["unavailability"] == 0.0005)
        #expect((values[1] as? [String: Double]) == ["fraction": 0.0005])
        // The exact unavailability, 1e-18, where 1 − A would be 0.
        #expect((values[2] as? [String: Double]) == ["fraction": 1e-18])
        // A bare `none` prints nothing, as it does without --json; inside a value it is null.
        #expect((values[3] as? [Any])?.first is NSNull)
        #expect(values[4] as? String == "a 1")
        #expect((values[5] as? [Double]) == [1, 2.5])
        let record = try #require(values[6] as? [String: Any])
        #expect((record["window"] as? [String: Double]) == ["seconds": 2_592_000])
        #expect(values[7] as? String == "s")
        #expect(values[8] as? Bool == true)
        #expect((values[9] as? [String: Double]) == ["fraction": 0.05])
        // `1 / 0` is an error, reported as JSON on standard error.
        let error = try #require(Self.parse(Substring(r.stderr.dropLast())) as? [String: Any])
        #expect(error["severity"] as? String == "error")
        #expect(error["file"] as? String == "<-e 11>")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    /// A runtime error's trace, and a deep one folded, as JSON.
    @Test func errorsCarryTheirTrace() throws {
        let r = try HadrProcess.run(["--json", "-e", "fn f(n) = if n == 0 then 1 + \"x\" else f(n - 1)\nf(30)"])
        #expect(r.status == 70)
        let error = try #require(Self.parse(Substring(r.stderr.dropLast())) as? [String: Any])
        let trace = try #require(error["trace"] as? [[String: Any]])
        #expect(trace.count == 2)
        #expect(trace.first?["function"] as? String == "f")
        #expect(trace.first?["times"] as? Int == 30)
        #expect(trace.last?["line"] as? Int == 2)
        #expect(error["trace_omitted"] as? Int == 0)
    }
}
