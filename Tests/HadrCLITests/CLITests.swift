import Foundation
import Testing

/// Runs the built `hadr` binary (it sits beside the test bundle) and checks what it prints and returns.
struct HadrProcess {
    static let binary: URL = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = exe.deletingLastPathComponent()
        // The test bundle may be inside a `.xctest` folder.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("hadr").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("hadr")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String? = nil, cwd: URL? = nil, environment: [String: String] = [:])
        throws -> Result
    {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = cwd }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read stderr beside stdout: a full pipe would otherwise block the child.
        let errors = ErrorReader(err.fileHandleForReading)
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = errors.finish()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Drains a pipe on a thread of its own.
    final class ErrorReader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func finish() -> Data {
            done.wait()
            return data
        }
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hadr-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

@Suite struct CLITests {
    @Test func evaluatesExpressions() throws {
        let r = try HadrProcess.run(["-e", "1h + 30m", "-e", "99.9% & 99.9%"])
        #expect(r.status == 0)
        #expect(r.stdout == "1h 30m\n99.8001%\n")
        #expect(r.stderr == "")
    }

    @Test func pipedInputRunsAsAScript() throws {
        #expect(try HadrProcess.run([], stdin: "x = 20\nprint(x * 2)\n").stdout == "40\n")
        let r = try HadrProcess.run([], stdin: "1 + 1\n")
        #expect(r.stdout == "2\n")
        #expect(r.stderr == "")
    }

    @Test func syntaxErrorOnLineThreeExits65() throws {
        let dir = try HadrProcess.temporaryFolder()
        try "a = 1\nb = 2\nc = (a +\n".write(
            to: dir.appendingPathComponent("bad.hadr"), atomically: true, encoding: .utf8)
        try "a = 1\nb = 2\nc = a + * 2\n".write(
            to: dir.appendingPathComponent("bad2.hadr"), atomically: true, encoding: .utf8)
        let r = try HadrProcess.run(["bad2.hadr"], cwd: dir)
        #expect(r.status == 65)
        #expect(
            r.stderr.hasPrefix(
                "bad2.hadr:3:9: error: expected an expression, found `*`\n 3 | c = a + * 2\n   |         ^\n"))
        let incomplete = try HadrProcess.run(["bad.hadr"], cwd: dir)
        #expect(incomplete.status == 65)
        #expect(incomplete.stderr.contains("unexpected end of input"))
    }

    /// One rule binds arguments: the same mistake gives the same words and status (65)
    /// whether the resolver sees the function or the call goes through another variable.
    @Test func aCallThatDoesNotFitExits65HoweverItIsMade() throws {
        let direct = try HadrProcess.run(["-e", "fn f(a, b = 1) = a\nf(1, 2, 3)"])
        let indirect = try HadrProcess.run(["-e", "fn f(a, b = 1) = a\ng = f\ng(1, 2, 3)"])
        let builtin = try HadrProcess.run(["-e", "h = nines\nh(99%, 2)"])
        #expect(direct.status == 65)
        #expect(indirect.status == 65)
        #expect(builtin.status == 65)
        let message = "error: `f` takes at most 2 arguments but 3 were given"
        #expect(direct.stderr.contains(message) && indirect.stderr.contains(message))
        #expect(direct.stderr.contains("note: the parameters are f(a, b = 1)"))
        #expect(indirect.stderr.contains("note: the parameters are f(a, b = 1)"))
        #expect(builtin.stderr.contains("error: `nines` takes 1 argument but 2 were given"))
    }

    @Test func runtimeErrorExits70AndAssertExits1() throws {
        let dir = try HadrProcess.temporaryFolder()
        try "x = 1\ny = x + 5m\n".write(to: dir.appendingPathComponent("rt.hadr"), atomically: true, encoding: .utf8)
        try "assert(false, \"the budget is spent\")\n".write(
            to: dir.appendingPathComponent("as.hadr"), atomically: true, encoding: .utf8)
        let r = try HadrProcess.run(["rt.hadr"], cwd: dir)
        #expect(r.status == 70)
        #expect(r.stderr.hasPrefix("rt.hadr:2:5: error: cannot add a number (1) and a duration (5m)"))
        let a = try HadrProcess.run(["as.hadr"], cwd: dir)
        #expect(a.status == 1)
        #expect(a.stderr.hasPrefix("as.hadr:1:1: assertion failed: the budget is spent"))
    }

    @Test func missingFileExits66() throws {
        let r = try HadrProcess.run(["/nonexistent/x.hadr"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("cannot read `/nonexistent/x.hadr`"))
    }

    @Test func badUsageExits64() throws {
        #expect(try HadrProcess.run(["--color", "purple", "-e", "1"]).status == 64)
    }

    @Test func jsonOutput() throws {
        let r = try HadrProcess.run([
            "--json", "-e", "99.9%", "-e", "90s", "-e", "{rto: 15m, name: \"x\"}", "-e", "[1, 2]", "-e", "3",
        ])
        #expect(
            r.stdout
                == "{\"availability\": 0.999, \"unavailability\": 0.001}\n{\"seconds\": 90}\n{\"rto\": {\"seconds\": 900}, \"name\": \"x\"}\n[1, 2]\n3\n"
        )
    }

    @Test func scriptSeesItsArguments() throws {
        let dir = try HadrProcess.temporaryFolder()
        try "print(args)\n".write(to: dir.appendingPathComponent("a.hadr"), atomically: true, encoding: .utf8)
        #expect(try HadrProcess.run(["a.hadr", "one", "--two"], cwd: dir).stdout == "[\"one\", \"--two\"]\n")
    }

    @Test func shebangScriptRuns() throws {
        let dir = try HadrProcess.temporaryFolder()
        let script = dir.appendingPathComponent("s.hadr")
        try "#!\(HadrProcess.binary.path)\nprint(nines(99.99%))\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let process = Process()
        process.executableURL = script
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self) == "4\n")
    }

    @Test func importsRunOnceRelativeToTheImporterAndReportCycles() throws {
        let dir = try HadrProcess.temporaryFolder()
        let lib = dir.appendingPathComponent("lib")
        try FileManager.default.createDirectory(at: lib, withIntermediateDirectories: true)
        try "print(\"loading tiers\")\nweb = 99.9%\n".write(
            to: lib.appendingPathComponent("tiers.hadr"), atomically: true, encoding: .utf8)
        try "import \"lib/tiers.hadr\"\nimport \"lib/tiers.hadr\"\nweb & web\n".write(
            to: dir.appendingPathComponent("main.hadr"), atomically: true, encoding: .utf8)
        let r = try HadrProcess.run([dir.appendingPathComponent("main.hadr").path])
        #expect(r.stdout == "loading tiers\n99.8001%\n")
        try "import \"b.hadr\"\n".write(to: dir.appendingPathComponent("a.hadr"), atomically: true, encoding: .utf8)
        try "import \"a.hadr\"\n".write(to: dir.appendingPathComponent("b.hadr"), atomically: true, encoding: .utf8)
        let cycle = try HadrProcess.run(["a.hadr"], cwd: dir)
        #expect(cycle.status == 65)
        #expect(cycle.stderr.contains("import cycle: a.hadr → b.hadr → a.hadr"))
        try "import \"self.hadr\"\n".write(
            to: dir.appendingPathComponent("self.hadr"), atomically: true, encoding: .utf8)
        #expect(try HadrProcess.run(["self.hadr"], cwd: dir).stderr.contains("import cycle: self.hadr → self.hadr"))
        try "import \"nope.hadr\"\n".write(
            to: dir.appendingPathComponent("missing.hadr"), atomically: true, encoding: .utf8)
        let missing = try HadrProcess.run(["missing.hadr"], cwd: dir)
        #expect(missing.status == 66)
        #expect(missing.stderr.hasPrefix("missing.hadr:1:8: error: cannot import \"nope.hadr\""))
    }

    @Test func versionAndHelp() throws {
        #expect(try HadrProcess.run(["--version"]).stdout.hasPrefix("hadr 0."))
        let help = try HadrProcess.run(["--help"])
        #expect(help.stdout.contains("Exit status"))
    }

    @Test func maxStepsStopsARunawayLoop() throws {
        let r = try HadrProcess.run(["--max-steps", "100000", "-e", "while true do end"])
        #expect(r.status == 70)
        #expect(r.stderr.contains("evaluation took more than 100000 steps"))
    }

    @Test func noColourWhenPiped() throws {
        let r = try HadrProcess.run(["-e", "backoff(attempts: 2)", "-e", "1 + \"a\""])
        #expect(!r.stdout.contains("\u{1B}["))
        #expect(!r.stderr.contains("\u{1B}["))
        let coloured = try HadrProcess.run(["--color", "always", "-e", "5m"])
        #expect(coloured.stdout.contains("\u{1B}["))
    }

    @Test func tasteOfTheLanguageWorks() throws {
        let cases: [(String, String)] = [
            ("nines(99.99%)", "4"),
            ("8.76h to m", "525.6m"),
            ("strategy(rto: 15m, rpo: 5m).name", "\"Warm Standby\""),
            ("downtime(99.9%, per: 1y)", "8h 45m 36s"),
            ("availability(mtbf: 1000h, mttr: 10h)", "99.009901%"),
            ("k_of_n(2, 3, 99%)", "99.9702%"),
        ]
        for (expression, expected) in cases {
            #expect(try HadrProcess.run(["-e", expression]).stdout == expected + "\n", "\(expression)")
        }
    }

    @Test func binaryCopiedAloneStillWorks() throws {
        let dir = try HadrProcess.temporaryFolder()
        let copy = dir.appendingPathComponent("hadr")
        try FileManager.default.copyItem(at: HadrProcess.binary, to: copy)
        let process = Process()
        process.executableURL = copy
        process.arguments = ["-e", "downtime(99.9%, per: 1y)"]
        process.currentDirectoryURL = dir
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self) == "8h 45m 36s\n")
    }
}

@Suite struct ShellIntegrationTests {
    @Test func pipedInputHasNoPromptOrBanner() throws {
        let r = try HadrProcess.run([], stdin: "web = 99.9%\nweb & web\n")
        #expect(r.stdout == "99.8001%\n")
    }
}
