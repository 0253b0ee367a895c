import Foundation
import Testing

@testable import hadr

/// Runs a program found on PATH; a missing program fails the test (scripts/install-deps
/// installs every one these tests use), it never skips.
func runTool(_ tool: String, _ arguments: [String], cwd: URL? = nil, environment: [String: String] = [:]) throws
    -> HadrProcess.Result
{
    let path = ["/usr/bin", "/bin", "/usr/local/bin"].map { "\($0)/\(tool)" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    let found = try #require(path, "\(tool) is not installed: run scripts/install-deps")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: found)
    process.arguments = arguments
    if let cwd { process.currentDirectoryURL = cwd }
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let errors = HadrProcess.ErrorReader(err.fileHandleForReading)
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = errors.finish()
    process.waitUntilExit()
    return HadrProcess.Result(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
        stderr: String(decoding: stderr, as: UTF8.self))
}

/// The package's root folder, for the files the tests read.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The shell completions in completions/, asked in real shells what they offer.
@Suite struct ShellCompletionTests {
    static let completions = packageRoot.appendingPathComponent("completions")
    static let drivers = packageRoot.appendingPathComponent("Tests/shell")

    /// A folder with scripts, other files and a subfolder to complete in.
    static func workspace() throws -> URL {
        let dir = try HadrProcess.temporaryFolder()
        for name in ["budget.hadr", "tiers.hadr", "notes.txt", "data.csv"] {
            try "".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let sub = dir.appendingPathComponent("lib")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try "".write(to: sub.appendingPathComponent("shared.hadr"), atomically: true, encoding: .utf8)
        try "".write(to: sub.appendingPathComponent("readme.md"), atomically: true, encoding: .utf8)
        return dir
    }

    static let options = CommandOption.all.flatMap { option in
        [option.short.map { "-\($0)" }, option.long.isEmpty ? nil : "--\(option.long)"].compactMap { $0 }
    }
    static let longOptions = options.filter { $0.hasPrefix("--") }.sorted()

    /// What bash offers for the words (the last is at the cursor), with or without the
    /// bash-completion package loaded.
    static func bash(_ words: [String], package: Bool, in dir: URL) throws -> [String] {
        let bashCompletion = "/usr/share/bash-completion/bash_completion"
        if package {
            #expect(
                FileManager.default.fileExists(atPath: bashCompletion),
                "the bash-completion package is not installed: run scripts/install-deps")
        }
        let r = try runTool(
            "bash",
            [
                "--norc", "--noprofile", drivers.appendingPathComponent("complete.bash").path,
                completions.appendingPathComponent("hadr.bash").path,
            ] + words,
            cwd: dir, environment: package ? ["HADR_BASH_COMPLETION": bashCompletion] : [:])
        #expect(r.status == 0, "bash: \(r.stderr)")
        #expect(r.stderr == "", "bash: \(r.stderr)")
        return r.stdout.split(separator: "\n").map(String.init)
    }

    static let bashCases: [([String], [String])] = [
        (["hadr", "--"], longOptions),
        (["hadr", "--co"], ["--color"]),
        (["hadr", "-"], options.sorted()),
        (["hadr", "--color", ""], ["always", "auto", "never"]),
        (["hadr", "--color", "a"], ["always", "auto"]),
        (["hadr", "--color", "=", "ne"], ["never"]),
        (["hadr", ""], ["budget.hadr", "lib", "tiers.hadr"]),
        (["hadr", "--json", "t"], ["tiers.hadr"]),
        (["hadr", "lib/"], ["lib/shared.hadr"]),
        (["hadr", "--color", "never", ""], ["budget.hadr", "lib", "tiers.hadr"]),
        (["hadr", "--color", "=", "never", ""], ["budget.hadr", "lib", "tiers.hadr"]),
        (["hadr", "--", ""], ["budget.hadr", "lib", "tiers.hadr"]),
        // After the script, its arguments: any file, and no options of hadr's.
        (["hadr", "budget.hadr", ""], ["budget.hadr", "data.csv", "lib", "notes.txt", "tiers.hadr"]),
        (["hadr", "budget.hadr", "--"], []),
        (["hadr", "-e", "1", ""], ["budget.hadr", "data.csv", "lib", "notes.txt", "tiers.hadr"]),
        (["hadr", "-e", ""], []),
        (["hadr", "--max-steps", ""], []),
        // No commands: `help` is an option (`--help`), not a word to complete.
        (["hadr", "h"], []),
    ]

    @Test(arguments: bashCases)
    func bashCompletesOptionsValuesAndScripts(_ words: [String], _ expected: [String]) throws {
        let dir = try Self.workspace()
        #expect(try Self.bash(words, package: false, in: dir) == expected, "without bash-completion")
        #expect(try Self.bash(words, package: true, in: dir) == expected, "with bash-completion")
    }

    static let fishCases: [(String, [String])] = [
        ("hadr --", longOptions),
        ("hadr --color ", ["always", "auto", "never"]),
        ("hadr --color=n", ["--color=never"]),
        ("hadr ", ["budget.hadr", "lib/", "tiers.hadr"]),
        ("hadr lib/", ["lib/shared.hadr"]),
        ("hadr -- ", ["budget.hadr", "lib/", "tiers.hadr"]),
        ("hadr budget.hadr ", ["budget.hadr", "data.csv", "lib/", "notes.txt", "tiers.hadr"]),
        ("hadr -e 1 ", ["budget.hadr", "data.csv", "lib/", "notes.txt", "tiers.hadr"]),
        ("hadr he", []),
    ]

    @Test(arguments: fishCases)
    func fishCompletesOptionsValuesAndScripts(_ line: String, _ expected: [String]) throws {
        let file = Self.completions.appendingPathComponent("hadr.fish").path
        let r = try runTool(
            "fish", ["--no-config", "-c", "source \(file); complete -C \"$argv[1]\"", line], cwd: try Self.workspace())
        #expect(r.status == 0 && r.stderr == "", "fish: \(r.stderr)")
        let offered = Set(r.stdout.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) })
        #expect(offered.sorted() == expected, "\(line)")
    }

    static let zshCases: [(String, [String])] = [
        ("hadr --", longOptions),
        ("hadr --color ", ["always", "auto", "never"]),
        ("hadr ", ["budget.hadr", "lib", "tiers.hadr"]),
        ("hadr budget.hadr ", ["budget.hadr", "data.csv", "lib", "notes.txt", "tiers.hadr"]),
    ]

    /// Slow (a second a case: zsh is driven in a pseudo-terminal), so a few cases only.
    @Test(arguments: zshCases)
    func zshCompletesOptionsValuesAndScripts(_ line: String, _ expected: [String]) throws {
        let r = try runTool(
            "zsh", ["-f", Self.drivers.appendingPathComponent("complete.zsh").path, Self.completions.path, line],
            cwd: try Self.workspace())
        #expect(r.status == 0, "zsh: \(r.stderr)")
        let offered = r.stdout.split(whereSeparator: \.isNewline).map(String.init)
        #expect(offered.sorted() == expected, "\(line)")
    }

    /// Each file names every option of the table and every value of --color, and no
    /// option that hadr does not have.
    @Test(arguments: ["hadr.bash", "_hadr", "hadr.fish"])
    func eachCompletionKnowsExactlyTheOptions(_ name: String) throws {
        let text = try String(contentsOf: Self.completions.appendingPathComponent(name), encoding: .utf8)
        for option in CommandOption.all {
            if !option.long.isEmpty {
                let spelled = name == "hadr.fish" ? "-l \(option.long)" : "--\(option.long)"
                #expect(text.contains(spelled), "\(name) lacks --\(option.long)")
            }
            if let short = option.short {
                let spelled = name == "hadr.fish" ? "-s \(short)" : "-\(short)"
                #expect(text.contains(spelled), "\(name) lacks -\(short)")
            }
            for choice in option.choices { #expect(text.contains(choice), "\(name) lacks \(choice)") }
        }
        let known = Set(Self.options)
        let words = text.split { !($0.isLetter || $0 == "-") }.map(String.init)
        for word in words where word.hasPrefix("--") && word.count > 2 {
            #expect(known.contains(word), "\(name) offers \(word), which hadr does not take")
        }
    }
}

/// docs/man/hadr.1: rendered by man without a warning, with the sections a user looks for.
@Suite struct ManPageTests {
    static let page = packageRoot.appendingPathComponent("docs/man/hadr.1")

    @Test func rendersWithoutWarnings() throws {
        let r = try runTool("man", ["--warnings", "-l", Self.page.path], environment: ["MANWIDTH": "80"])
        #expect(r.status == 0)
        #expect(r.stderr == "", "man warns: \(r.stderr)")
        for section in ["SYNOPSIS", "DESCRIPTION", "OPTIONS", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES"] {
            #expect(r.stdout.contains("\n\(section)\n"), "no \(section) section")
        }
        for variable in ["NO_COLOR", "XDG_STATE_HOME", "COLUMNS"] { #expect(r.stdout.contains(variable)) }
        #expect(r.stdout.contains("hadr/history"))
    }

    /// The warnings check can fail: an unknown macro makes man warn.
    @Test func aBrokenPageWarns() throws {
        let broken = try HadrProcess.temporaryFolder().appendingPathComponent("broken.1")
        try (String(contentsOf: Self.page, encoding: .utf8) + ".Xx not a macro\n").write(
            to: broken, atomically: true, encoding: .utf8)
        #expect(try runTool("man", ["--warnings", "-l", broken.path]).stderr.contains("warning"))
    }

    @Test func listsEveryOptionAndEveryExitStatus() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        for option in CommandOption.all {
            if !option.long.isEmpty { #expect(text.contains("Fl \\-\(option.long)"), "no --\(option.long)") }
            if let short = option.short { #expect(text.contains("Fl \(short)"), "no -\(short)") }
        }
        for status in ["0", "1", "64", "65", "66", "70", "130"] { #expect(text.contains(".It \(status)\n")) }
        #expect(!text.lowercased().contains("subcommand"))
    }

    /// Every example in the page prints what the page says.
    @Test func theExamplesPrintWhatThePageShows() throws {
        let examples: [([String], String)] = [
            (["-e", "99.9% & 99.9% & 99.9%"], "99.7003%\n"),
            (["-e", "downtime(99.9% & 99.9% & 99.9%, per: 1y)"], "1d 2h 15m 13.424s\n"),
            (["-e", "-5m + 1h"], "55m\n"),
            (["--json", "-e", "unavailability(99.95%)"], "{\"fraction\": 0.0005}\n"),
        ]
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        for (argv, output) in examples {
            #expect(try HadrProcess.run(argv).stdout == output, "\(argv)")
            #expect(text.contains(output), "the page does not show \(output)")
        }
        let dir = try HadrProcess.temporaryFolder()
        try "slo = parse(args[0])\nwindow = parse(args[1])\nerror_budget(slo: slo, window: window)\n".write(
            to: dir.appendingPathComponent("budget.hadr"), atomically: true, encoding: .utf8)
        #expect(try HadrProcess.run(["budget.hadr", "99.9%", "30d"], cwd: dir).stdout == "43m 12s\n")
        #expect(try HadrProcess.run(["-"], stdin: "x = 20\nx * 2\n").stdout == "40\n")
    }
}
