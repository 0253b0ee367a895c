import Foundation
import Testing

/// Each form of the command line, run through the real binary.
@Suite struct CommandLineTests {
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = try HadrProcess.temporaryFolder()
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test func anExpressionMayStartWithADash() throws {
        let r = try HadrProcess.run(["-e", "-5m"])
        #expect(r.status == 0)
        #expect(r.stdout == "-5m\n")
        #expect(try HadrProcess.run(["-e", "--json"]).stderr.hasPrefix("<-e>:1:3: error: unknown name `json`"))
        // Options may follow the expressions; the first other word starts the args.
        #expect(try HadrProcess.run(["-e-1h", "--json"]).stdout == "{\"seconds\": -3600}\n")
    }

    @Test func wordsAfterTheExpressionsAreArgs() throws {
        let r = try HadrProcess.run(["-e", "args", "99.9%", "--json", "-e"])
        #expect(r.stdout == "[\"99.9%\", \"--json\", \"-e\"]\n")
    }

    @Test func wordsAfterTheScriptAreItsOwn() throws {
        let dir = try Self.folder(["a.hadr": "print(args)\n"])
        let r = try HadrProcess.run(["--json", "a.hadr", "--json", "-e", "x", "--"], cwd: dir)
        #expect(r.stdout == "\"[\\\"--json\\\", \\\"-e\\\", \\\"x\\\", \\\"--\\\"]\"\n")
        let odd = try Self.folder(["-odd.hadr": "print(\"odd\")\n"])
        #expect(try HadrProcess.run(["--", "-odd.hadr"], cwd: odd).stdout == "odd\n")
    }

    @Test func aDashReadsTheScriptFromStandardInput() throws {
        let r = try HadrProcess.run(["-", "one", "two"], stdin: "print(args)\n99.9% & 99.9%\n")
        #expect(r.status == 0)
        #expect(r.stdout == "[\"one\", \"two\"]\n99.8001%\n")
        let bad = try HadrProcess.run(["-"], stdin: "x = 1\nx +\n")
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix("<stdin>:3:1: error: unexpected end of input"))
    }

    /// Piped, `-i` runs the lines of standard input as more of the same session; on a
    /// terminal it is the REPL (`REPLTests.interactiveAfterAScript`).
    @Test func interactiveGoesOnInTheSameSession() throws {
        let dir = try Self.folder(["setup.hadr": "web = 99.9%\n"])
        let r = try HadrProcess.run(["-i", "setup.hadr"], stdin: "web & web\nnines(web)\n", cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "99.8001%\n3\n")
        let e = try HadrProcess.run(["-ie", "x = 21"], stdin: "x * 2\n")
        #expect(e.stdout == "42\n")
        // A failed script does not go on to its input.
        let failed = try HadrProcess.run(["-i", "-e", "nope"], stdin: "print(1)\n")
        #expect(failed.status == 65)
        #expect(failed.stdout == "")
    }

    @Test func checkParsesAndResolvesButRunsNothing() throws {
        let dir = try Self.folder([
            "good.hadr": "print(\"ran\")\nfn f(x) = x & 99.9%\nf(1 + \"not run\")\n",
            "typo.hadr": "web = 99.9%\nprint(\"ran\")\nweb & wbe\n",
            "arity.hadr": "print(\"ran\")\nnines(99%, 2)\n",
            "syntax.hadr": "print(\"ran\")\nx = (1 +\n",
            "imports.hadr": "import \"typo.hadr\"\n",
        ])
        let good = try HadrProcess.run(["--check", "good.hadr"], cwd: dir)
        #expect(good.status == 0)
        #expect(good.stdout == "" && good.stderr == "")
        for (name, line) in [("typo.hadr", 3), ("arity.hadr", 2), ("syntax.hadr", 3)] {
            let r = try HadrProcess.run(["--check", name], cwd: dir)
            #expect(r.status == 65, "\(name)")
            #expect(r.stdout == "", "\(name) ran")
            #expect(r.stderr.hasPrefix("\(name):\(line):"), "\(name): \(r.stderr)")
        }
        let imported = try HadrProcess.run(["--check", "imports.hadr"], cwd: dir)
        #expect(imported.status == 65)
        #expect(imported.stderr.hasPrefix("./typo.hadr:3:7: error: unknown name `wbe`"))
        #expect(try HadrProcess.run(["--check", "-e", "1 +"]).status == 65)
        #expect(try HadrProcess.run(["--check", "-e", "1 + \"a\""]).status == 0)
        #expect(try HadrProcess.run(["--check"], stdin: "zz\n").status == 65)
        #expect(try HadrProcess.run(["--check", "-"], stdin: "print(1)\n").stdout == "")
        #expect(try HadrProcess.run(["--check", "missing.hadr"], cwd: dir).status == 66)
        let json = try HadrProcess.run(["--check", "--json", "typo.hadr"], cwd: dir)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "name")
        #expect(object["line"] as? Int == 3)
        #expect(object["column"] as? Int == 7)
    }

    @Test func helpIsAnOptionNotACommand() throws {
        let help = try HadrProcess.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Usage:") && help.stdout.contains("--check"))
        #expect(try HadrProcess.run(["-h"]).stdout == help.stdout)
        // `hadr help` is a script named help, as `python help` is; its error points to --help.
        let word = try HadrProcess.run(["help"], cwd: try HadrProcess.temporaryFolder())
        #expect(word.status == 66)
        #expect(word.stderr.contains("cannot read `help`"))
        #expect(word.stderr.contains("`hadr --help` shows the usage"))
    }

    @Test(arguments: [
        (["--jsn", "-e", "1"], "hadr: error: unknown option `--jsn`\n  help: did you mean `--json`?\n"),
        (["-e"], "hadr: error: `-e` needs a value: -e EXPR\n"),
        (["--color", "purple"], "hadr: error: `--color` must be `auto`, `always` or `never`; got `purple`\n"),
        (["--max-depth", "0"], "hadr: error: `--max-depth` must be a whole number from 1 to 200000; got `0`\n"),
        (["--check", "-i", "x.hadr"], "hadr: error: `--check` and `-i` cannot be used together\n"),
    ])
    func usageErrorsExit64(_ argv: [String], _ start: String) throws {
        let r = try HadrProcess.run(argv)
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix(start), "\(r.stderr)")
        #expect(r.stderr.hasSuffix("  note: `hadr --help` shows the usage\n"))
        #expect(r.stdout == "")
    }

    @Test func usageErrorsAreJSONUnderJSON() throws {
        let r = try HadrProcess.run(["--json", "--max-steps", "many"])
        #expect(r.status == 64)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stderr.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "usage")
        #expect(object["message"] as? String == "`--max-steps` must be a whole number of at least 1; got `many`")
    }

    @Test func optionsTakeTheirValueAttachedOrNext() throws {
        #expect(try HadrProcess.run(["--color=always", "-e", "5m"]).stdout.contains("\u{1B}["))
        #expect(!(try HadrProcess.run(["--color", "never", "-e", "5m"]).stdout.contains("\u{1B}[")))
        #expect(try HadrProcess.run(["--max-steps=1000", "-e", "while true do end"]).status == 70)
    }
}
