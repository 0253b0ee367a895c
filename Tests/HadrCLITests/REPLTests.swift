import Foundation
import Testing

/// Drives the real REPL in a terminal through tmux, typing and reading the screen as a person would.
final class Terminal {
    let socket = "hadr-test-\(UUID().uuidString.prefix(8))"
    let state: URL

    init(environment: [String: String] = [:], width: Int = 120, arguments: [String] = []) throws {
        state = try HadrProcess.temporaryFolder()
        var env = ["XDG_STATE_HOME": state.path, "TERM": "xterm"]
        for (k, v) in environment { env[k] = v }
        let assignments = env.map { "\($0.key)=\($0.value)" }.sorted()
        // The test runner's own environment may ask for no colour; the terminal starts clean of it.
        let unset = env["NO_COLOR"] == nil ? ["-u", "NO_COLOR"] : []
        try tmux(
            ["new-session", "-d", "-s", "t", "-x", String(width), "-y", "50", "env"] + unset + assignments + [
                HadrProcess.binary.path
            ] + arguments)
        try waitFor("hadr>")
    }

    deinit {
        _ = try? tmux(["kill-server"])
    }

    /// Runs a tmux command on this terminal's own server and returns what it printed.
    /// Through the shell, not Foundation's Process: the first command forks the tmux
    /// server, which keeps every inherited descriptor open for its whole life.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let quoted = (["tmux", "-L", socket] + arguments).map {
            "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        let printsSomething = ["capture-pane", "list-panes"].contains(arguments.first ?? "")
        let command = quoted.joined(separator: " ") + (printsSomething ? "" : " >/dev/null") + " 2>/dev/null </dev/null"
        guard let pipe = popen(command, "r") else { return "" }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        if printsSomething {
            while true {
                let n = fread(&buffer, 1, buffer.count, pipe)
                if n <= 0 { break }
                output.append(contentsOf: buffer[0..<n])
            }
        }
        pclose(pipe)
        return String(decoding: output, as: UTF8.self)
    }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "t", "-l", text]) }

    /// Presses named keys: Enter, Tab, Up, C-c, C-d.
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "t"] + keys) }

    func line(_ text: String) throws {
        try type(text)
        try press("Enter")
    }

    var screen: String { (try? tmux(["capture-pane", "-t", "t", "-p"])) ?? "" }

    /// Waits until the screen shows `text` `count` times; fails the test after a few seconds.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, seconds: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = screen
            if last.components(separatedBy: text).count - 1 >= count { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the screen never showed \(count)× `\(text)`:\n\(last)")
        return last
    }

    /// Presses keys again and again until the screen shows `text`: for a key that only
    /// takes effect once the program is ready for it (Ctrl-C once an evaluation runs).
    func press(_ keys: String, until text: String, seconds: Double = 10) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            try press(keys)
            let end = Date().addingTimeInterval(0.5)
            while Date() < end {
                if screen.contains(text) { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        Issue.record("pressing \(keys) never showed `\(text)`:\n\(screen)")
    }

    var isRunning: Bool { ((try? tmux(["list-panes", "-t", "t", "-F", "#{pane_dead}"])) ?? "").hasPrefix("0") }
}

@Suite(.serialized) struct REPLTests {
    /// `hadr -i FILE` runs the script and stays in the REPL with its bindings, as python
    /// and lua do, even when the script failed.
    @Test func interactiveAfterAScript() throws {
        let dir = try HadrProcess.temporaryFolder()
        let script = dir.appendingPathComponent("setup.hadr")
        try "print(\"set up\")\nweb = 99.9%\n".write(to: script, atomically: true, encoding: .utf8)
        let t = try Terminal(arguments: ["-i", script.path])
        try t.waitFor("set up")
        try t.line("web & web")
        try t.waitFor("99.8001%")
        let failing = dir.appendingPathComponent("failing.hadr")
        try "db = 99.95%\ndb & \"x\"\n".write(to: failing, atomically: true, encoding: .utf8)
        let u = try Terminal(arguments: ["-i", failing.path])
        try u.waitFor("combines availabilities")
        try u.line("nines(db & db)")
        try u.waitFor("3.00010858719")
    }

    @Test func evaluatesAndKeepsBindings() throws {
        let t = try Terminal()
        try t.line("web = 99.9%")
        try t.line("web & web")
        try t.waitFor("99.8001%")
        try t.line("_")
        try t.waitFor("99.8001%", count: 2)
    }

    @Test func tabCompletesNamesAndLabels() throws {
        let t = try Terminal()
        try t.type("down")
        try t.press("Tab")
        try t.waitFor("hadr> downtime")
        try t.type("(99.9%, per: 1y)")
        try t.press("Enter")
        try t.waitFor("8h 45m 36s")
        try t.type("backoff(ba")
        try t.press("Tab")
        try t.waitFor("backoff(base:")
        try t.type(" 1s, attempts: 2)")
        try t.press("Enter")
        try t.waitFor("attempt  wait  total")
        try t.type("n")
        try t.press("Tab", "Tab")
        try t.waitFor("nines")
    }

    @Test func multiLineInputContinues() throws {
        let t = try Terminal()
        try t.line("fn f(x) = do")
        try t.waitFor("  ...")
        try t.line("y = x * 2")
        try t.line("y + 1")
        try t.line("end")
        try t.line("f(20)")
        try t.waitFor("41")
    }

    @Test func ctrlCStopsARunawayLoopAndTheSessionGoesOn() throws {
        let t = try Terminal()
        try t.line("kept = 7")
        try t.line("while true do end")
        // The key is pressed once the line is on the screen, and again until the loop
        // is seen to stop: a press that lands before the evaluation starts is dropped.
        try t.waitFor("hadr> while true do end")
        try t.press("C-c", until: "interrupted")
        try t.line("kept * 6")
        try t.waitFor("42")
        try t.type("half typed")
        try t.waitFor("hadr> half typed")
        try t.press("C-c")
        try t.waitFor("half typed^C")
        try t.line("1 + 1")
        try t.waitFor("\n2\n")
    }

    @Test func errorsDoNotEndTheSessionAndRollBack() throws {
        let t = try Terminal()
        try t.line("x = 1 + \"a\"")
        try t.waitFor("error: cannot add")
        try t.line("x")
        try t.waitFor("unknown name `x`")
        try t.line("help(downtime)")
        try t.waitFor("The downtime an availability allows")
        #expect(t.isRunning)
    }

    @Test func historyIsSavedAndRecalled() throws {
        let t = try Terminal()
        try t.line("1 + 41")
        try t.waitFor("42")
        try t.press("Up")
        try t.waitFor("hadr> 1 + 41")
        try t.press("C-u", "C-d")
        let file = t.state.appendingPathComponent("hadr/history")
        let deadline = Date().addingTimeInterval(5)
        while t.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let saved = try String(contentsOf: file, encoding: .utf8)
        #expect(saved == "1 + 41\n")
        // A second session in the same state folder recalls it.
        try t.tmux([
            "new-session", "-d", "-s", "u", "env", "XDG_STATE_HOME=\(t.state.path)", "TERM=xterm",
            HadrProcess.binary.path,
        ])
        Thread.sleep(forTimeInterval: 0.5)
        try t.tmux(["send-keys", "-t", "u", "Up"])
        let deadline2 = Date().addingTimeInterval(5)
        var screen = ""
        while Date() < deadline2 {
            screen = try t.tmux(["capture-pane", "-t", "u", "-p"])
            if screen.contains("hadr> 1 + 41") { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(screen.contains("hadr> 1 + 41"))
    }

    @Test func sessionCommands() throws {
        let t = try Terminal()
        try t.line("budget = 43m")
        try t.line(":vars")
        try t.waitFor("budget = 43m")
        try t.line(":help nines")
        try t.waitFor("The number of nines")
        try t.line(":time 2 + 2")
        try t.waitFor("time: ")
        let script = t.state.appendingPathComponent("session.hadr")
        try t.line(":save \(script.path)")
        try t.waitFor("saved 2 inputs")
        #expect(try String(contentsOf: script, encoding: .utf8) == "# hadr session\nbudget = 43m\n2 + 2\n")
        try t.line(":reset")
        try t.waitFor("session reset")
        try t.line(":load \(script.path)")
        try t.line("budget")
        try t.waitFor("43m", count: 3)
        try t.line(":qiut")
        try t.waitFor("did you mean `:quit`?")
        try t.line(":quit")
        let deadline = Date().addingTimeInterval(5)
        while t.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!t.isRunning)
    }

    @Test func colourOnATerminalButNotUnderNoColor() throws {
        let coloured = try Terminal()
        try coloured.line("5m")
        try coloured.waitFor("5m")
        let escapes = try coloured.tmux(["capture-pane", "-t", "t", "-p", "-e"])
        #expect(escapes.contains("\u{1B}["))
        let plain = try Terminal(environment: ["NO_COLOR": "1"])
        try plain.line("5m")
        try plain.waitFor("5m")
        let text = try plain.tmux(["capture-pane", "-t", "t", "-p", "-e"])
        #expect(!text.contains("5\u{1B}["))
    }

    /// At 40 and at 120 columns, help, a record and a table all fit: no line of the
    /// session is longer than the terminal (`-J` joins the lines tmux wrapped).
    @Test(arguments: [40, 120])
    func outputFitsTheTerminal(_ width: Int) throws {
        let t = try Terminal(width: width)
        try t.line("help(downtime)")
        try t.waitFor("Example: downtime")
        try t.line("simulate(99.9%, years: 100, seed: 1)")
        try t.waitFor("runs: 32")
        try t.line("nines_table()")
        try t.waitFor("financial")
        let session = try t.tmux(["capture-pane", "-t", "t", "-p", "-J", "-S", "-300"])
        // What hadr printed; the lines typed at the prompt are the person's.
        for line in session.split(separator: "\n") where !line.hasPrefix("hadr> ") {
            #expect(line.count <= width, "\(line.count) columns: \(line)")
        }
        #expect(session.contains("hadr 0.1.0: availability, resilience"))
        if width == 40 {
            #expect(session.contains("{\n  availability: 99.895536%,\n"))
            #expect(session.contains("── 5 ──"))
            #expect(!session.contains("nin\n"))
        } else {
            // The simulation's record (with its outages and yearly percentiles) is wider than
            // 120 columns, so it folds there too.
            #expect(session.contains("availability: 99.895536%,\n  low: 99.883967%"))
            #expect(session.contains("availability  nines  per_year"))
        }
    }

    /// The REPL reads the terminal's size before each input: a chart drawn after the
    /// window shrinks fits the new width.
    @Test func chartsFollowAResizedTerminal() throws {
        let t = try Terminal(width: 120)
        try t.line("replicas_chart(99%, n: 2)")
        try t.waitFor("2 replicas")
        let wide = t.screen.split(separator: "\n").map(\.count).max() ?? 0
        #expect(wide > 80)
        try t.tmux(["resize-window", "-t", "t", "-x", "50"])
        try t.line(":reset")
        try t.waitFor("session reset")
        try t.line("replicas_chart(99%, n: 3)")
        try t.waitFor("3 replicas")
        let joined = try t.tmux(["capture-pane", "-t", "t", "-p", "-J"])
        let after = joined.components(separatedBy: "session reset").last ?? ""
        for line in after.split(separator: "\n") { #expect(line.count <= 50, "\(line)") }
    }
}

/// The REPL loses nothing and follows no planted link: `:save` keeps what `:load` read,
/// the history survives full disks and other sessions, and pasted blocks are fast.
@Suite(.serialized) struct REPLSafetyTests {
    @Test func saveAfterLoadKeepsTheFilesDefinitionsAndItsMode() throws {
        let t = try Terminal()
        let model = t.state.appendingPathComponent("model.hadr")
        try "web = 99.9%\nfn double(a) = a | a\n".write(to: model, atomically: true, encoding: .utf8)
        #expect(chmod(model.path, 0o640) == 0)
        try t.line(":load \(model.path)")
        try t.line("db = double(99.95%)")
        try t.line(":save \(model.path)")
        try t.waitFor("saved 2 inputs")
        let saved = try String(contentsOf: model, encoding: .utf8)
        #expect(saved.contains("web = 99.9%\nfn double(a) = a | a\n"))
        #expect(saved.contains("db = double(99.95%)"))
        #expect(!saved.contains("import"))
        var status = stat()
        #expect(stat(model.path, &status) == 0 && status.st_mode & 0o777 == 0o640)
        // The saved file runs on its own, with the same result.
        let r = try HadrProcess.run([model.path], stdin: nil)
        #expect(r.status == 0)
    }

    @Test func saveRefusesToMakeAFileImportItself() throws {
        let t = try Terminal()
        let lib = t.state.appendingPathComponent("lib.hadr")
        try "x = 1\n".write(to: lib, atomically: true, encoding: .utf8)
        try t.line("import \"\(lib.path)\"")
        try t.line(":save \(lib.path)")
        try t.waitFor("so the saved file would")
        #expect(try String(contentsOf: lib, encoding: .utf8) == "x = 1\n")
    }

    @Test func saveFollowsASymlinkInsteadOfReplacingIt() throws {
        let t = try Terminal()
        let real = t.state.appendingPathComponent("real.hadr")
        let link = t.state.appendingPathComponent("link.hadr")
        try "old = 1\n".write(to: real, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        try t.line("new = 2")
        try t.line(":save \(link.path)")
        try t.waitFor("saved 1 input")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(try String(contentsOf: real, encoding: .utf8) == "# hadr session\nnew = 2\n")
    }

    @Test func ctrlDOnAContinuationLineSaysWhatIsUnfinished() throws {
        let t = try Terminal()
        try t.line("fn f(x) = do")
        try t.waitFor("  ...")
        try t.press("C-d")
        try t.waitFor("unexpected end of input")
        try t.line("1 + 1")
        try t.waitFor("\n2\n")
        #expect(t.isRunning)
    }

    /// A block of 3000 lines pasted at once is evaluated whole, in about the time it
    /// takes to arrive (it used to be parsed again at every line: 35 s for 5000).
    @Test func aPastedBlockOfThousandsOfLinesIsEvaluatedWhole() throws {
        let t = try Terminal()
        let body = (1...3000).map { "    total = total + \($0)" }.joined(separator: "\n")
        let block = "total = 0\nfn run() = do\n\(body)\n    total\nend\n"
        let file = t.state.appendingPathComponent("paste.txt")
        try block.write(to: file, atomically: true, encoding: .utf8)
        try t.tmux(["load-buffer", file.path])
        try t.tmux(["paste-buffer", "-t", "t"])
        try t.line("run()")
        try t.waitFor("4501500", seconds: 30)
    }

    @Test func aHugeHistoryLineDoesNotDelayThePrompt() throws {
        let state = try HadrProcess.temporaryFolder()
        let folder = state.appendingPathComponent("hadr")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let huge = String(repeating: "x", count: 50 << 20) + "\n1 + 2\n"
        try huge.write(to: folder.appendingPathComponent("history"), atomically: true, encoding: .utf8)
        let t = try Terminal(environment: ["XDG_STATE_HOME": state.path])
        try t.press("Up")
        try t.waitFor("hadr> 1 + 2", seconds: 5)
    }

    @Test func anUnwritableStateFolderIsReportedOnce() throws {
        let state = try HadrProcess.temporaryFolder()
        try "not a folder".write(to: state.appendingPathComponent("hadr"), atomically: true, encoding: .utf8)
        let t = try Terminal(environment: ["XDG_STATE_HOME": state.path])
        try t.line("1")
        try t.waitFor("the history is not saved")
        try t.line("2")
        let screen = try t.waitFor("\n2\n")
        #expect(screen.components(separatedBy: "the history is not saved").count == 2)
    }
}
