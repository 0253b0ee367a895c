import Foundation
import Testing

/// A small TextMate tokenizer, enough for editors/hadr.tmLanguage.json: `match` and
/// `captures`, `begin`/`end` with nested patterns, `include` of the repository and of
/// `$self`; at each place the rule whose match starts first wins, the first listed on a
/// tie, and an `end` before the nested rules (as TextMate, VS Code and Sublime do). The
/// regexes run on ICU (NSRegularExpression), whose syntax agrees with Oniguruma's for
/// what the grammar uses.
struct TextMateTokenizer {
    indirect enum Rule {
        case match(NSRegularExpression, name: String?, captures: [Int: String])
        case region(
            begin: NSRegularExpression, end: NSRegularExpression, name: String?, beginCaptures: [Int: String],
            endCaptures: [Int: String], patterns: [String: Any])
    }

    let grammar: [String: Any]
    let repository: [String: Any]

    init(_ grammar: [String: Any]) {
        self.grammar = grammar
        repository = grammar["repository"] as? [String: Any] ?? [:]
    }

    /// The rules a `patterns` list stands for, includes followed.
    func rules(_ patterns: Any?, depth: Int = 0) throws -> [Rule] {
        guard depth < 20, let list = patterns as? [[String: Any]] else { return [] }
        var rules: [Rule] = []
        for pattern in list {
            if let include = pattern["include"] as? String {
                if include == "$self" {
                    rules += try self.rules(grammar["patterns"], depth: depth + 1)
                } else if include.hasPrefix("#"), let entry = repository[String(include.dropFirst())] as? [String: Any]
                {
                    rules += try self.rules(entry["patterns"] ?? [entry], depth: depth + 1)
                }
            } else if let match = pattern["match"] as? String {
                rules.append(
                    .match(
                        try NSRegularExpression(pattern: match, options: [.anchorsMatchLines]),
                        name: pattern["name"] as? String, captures: Self.captures(pattern["captures"])))
            } else if let begin = pattern["begin"] as? String, let end = pattern["end"] as? String {
                rules.append(
                    .region(
                        begin: try NSRegularExpression(pattern: begin), end: try NSRegularExpression(pattern: end),
                        name: pattern["name"] as? String, beginCaptures: Self.captures(pattern["beginCaptures"]),
                        endCaptures: Self.captures(pattern["endCaptures"]), patterns: pattern))
            }
        }
        return rules
    }

    static func captures(_ any: Any?) -> [Int: String] {
        var out: [Int: String] = [:]
        for (key, value) in any as? [String: [String: String]] ?? [:] {
            if let i = Int(key), let name = value["name"] { out[i] = name }
        }
        return out
    }

    /// The scopes of each UTF-16 unit of one line, outermost first.
    func scopes(of line: String) throws -> [[String]] {
        let text = line as NSString
        var scopes = [[String]](repeating: ["source.hadr"], count: text.length)
        func mark(_ range: NSRange, _ name: String?) {
            guard let name, range.location != NSNotFound else { return }
            for i in range.location..<(range.location + range.length) where i < scopes.count { scopes[i].append(name) }
        }
        func markCaptures(_ result: NSTextCheckingResult, _ captures: [Int: String]) {
            for (i, name) in captures.sorted(by: { $0.key < $1.key }) where i < result.numberOfRanges {
                mark(result.range(at: i), name)
            }
        }
        /// Scans from `position` with `rules` until `end` matches (or the line ends); returns where it stopped.
        func scan(from start: Int, _ rules: [Rule], end: NSRegularExpression?, endCaptures: [Int: String]) -> Int {
            var position = start
            while position <= text.length {
                let rest = NSRange(location: position, length: text.length - position)
                var best: (location: Int, index: Int, result: NSTextCheckingResult)?
                if let end, let r = end.firstMatch(in: line, range: rest) { best = (r.range.location, -1, r) }
                for (i, rule) in rules.enumerated() {
                    let regex: NSRegularExpression
                    switch rule {
                    case .match(let r, _, _): regex = r
                    case .region(let r, _, _, _, _, _): regex = r
                    }
                    guard let r = regex.firstMatch(in: line, range: rest),
                        r.range.length > 0 || r.range.location > position
                    else { continue }
                    if best == nil || r.range.location < best?.location ?? Int.max { best = (r.range.location, i, r) }
                }
                guard let found = best else { return text.length }
                if found.index == -1 {
                    markCaptures(found.result, endCaptures)
                    return found.result.range.location + found.result.range.length
                }
                switch rules[found.index] {
                case .match(_, let name, let captures):
                    mark(found.result.range, name)
                    markCaptures(found.result, captures)
                    position = found.result.range.location + max(1, found.result.range.length)
                case .region(_, let endRegex, let name, let beginCaptures, let regionEndCaptures, let pattern):
                    let inner = (try? self.rules(pattern["patterns"])) ?? []
                    let from = found.result.range.location
                    // The region's own scope lies under whatever its captures and contents mark.
                    let depth = from < scopes.count ? scopes[from].count : 0
                    markCaptures(found.result, beginCaptures)
                    let stop = scan(
                        from: from + found.result.range.length, inner, end: endRegex, endCaptures: regionEndCaptures)
                    if let name {
                        for i in from..<min(stop, scopes.count) {
                            scopes[i].insert(name, at: min(depth, scopes[i].count))
                        }
                    }
                    position = max(stop, from + 1)
                }
            }
            return text.length
        }
        _ = scan(from: 0, try rules(grammar["patterns"]), end: nil, endCaptures: [:])
        return scopes
    }
}

/// editors/: the TextMate grammar and the Vim files classify every kind of token.
@Suite struct EditorTests {
    static let editors = packageRoot.appendingPathComponent("editors")

    static func grammar() throws -> [String: Any] {
        let data = try Data(contentsOf: editors.appendingPathComponent("hadr.tmLanguage.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Runs Vim without any user configuration on a script of Ex commands.
    static func vim(_ commands: [String], in dir: URL) throws -> HadrProcess.Result {
        let script = dir.appendingPathComponent("commands.vim")
        try (commands.joined(separator: "\n") + "\n").write(to: script, atomically: true, encoding: .utf8)
        return try runTool("vim", ["-u", "NONE", "-N", "-es", "-S", script.path], cwd: dir)
    }

    @Test func theGrammarIsValidJSONWithItsScope() throws {
        let grammar = try Self.grammar()
        #expect(grammar["scopeName"] as? String == "source.hadr")
        #expect(grammar["fileTypes"] as? [String] == ["hadr"])
        // Every regex compiles; every include names a repository entry.
        _ = try TextMateTokenizer(grammar).rules(grammar["patterns"])
        let text = try String(contentsOf: Self.editors.appendingPathComponent("hadr.tmLanguage.json"), encoding: .utf8)
        let repository = try #require(grammar["repository"] as? [String: Any])
        for include in text.split(separator: "\"include\": \"#").dropFirst() {
            let name = String(include.prefix { $0 != "\"" })
            #expect(repository[name] != nil, "no repository entry \(name)")
        }
    }

    /// A line of hadr, and for a piece of it (found by its text, the `n`th time), the
    /// innermost scope its first character gets.
    static let samples: [(line: String, piece: String, nth: Int, scope: String)] = [
        ("## Doubles x.", "Doubles", 1, "comment.line.documentation.hadr"),
        ("x = 1 # one", "one", 1, "comment.line.number-sign.hadr"),
        ("fn twice(x) = x * 2", "fn", 1, "storage.type.function.hadr"),
        ("fn twice(x) = x * 2", "twice", 1, "entity.name.function.hadr"),
        ("fn twice(x) = x * 2", "=", 1, "keyword.operator.assignment.hadr"),
        ("fn twice(x) = x * 2", "*", 1, "keyword.operator.arithmetic.hadr"),
        ("fn twice(x) = x * 2", "2", 1, "constant.numeric.hadr"),
        ("db = 99.95% | 99.95%", "99.95%", 1, "constant.numeric.percentage.hadr"),
        ("db = 99.95% | 99.95%", "|", 1, "keyword.operator.composition.hadr"),
        ("web & db", "&", 1, "keyword.operator.composition.hadr"),
        ("web & db", "web", 1, "variable.other.hadr"),
        ("downtime(db, per: 1y) to min", "downtime", 1, "entity.name.function.call.hadr"),
        ("downtime(db, per: 1y) to min", "per", 1, "variable.parameter.label.hadr"),
        ("downtime(db, per: 1y) to min", "1y", 1, "constant.numeric.duration.hadr"),
        ("downtime(db, per: 1y) to min", "to", 1, "keyword.operator.word.hadr"),
        ("43m 48s + 1h30m + 250ms", "48s", 1, "constant.numeric.duration.hadr"),
        ("43m 48s + 1h30m + 250ms", "1h30m", 1, "constant.numeric.duration.hadr"),
        ("43m 48s + 1h30m + 250ms", "250ms", 1, "constant.numeric.duration.hadr"),
        ("30 days + 2 hours + 5 min", "30 days", 1, "constant.numeric.duration.hadr"),
        ("30 days + 2 hours + 5 min", "5 min", 1, "constant.numeric.duration.hadr"),
        ("x = 5 min(a, b)", "min", 1, "entity.name.function.call.hadr"),
        ("n = 1_000 * 1e-9", "1_000", 1, "constant.numeric.hadr"),
        ("n = 1_000 * 1e-9", "1e-9", 1, "constant.numeric.hadr"),
        ("\"slo {db} ok\\n\"", "slo", 1, "string.quoted.double.hadr"),
        ("\"slo {db} ok\\n\"", "{", 1, "punctuation.section.interpolation.begin.hadr"),
        ("\"slo {db} ok\\n\"", "db", 1, "variable.other.hadr"),
        ("\"slo {db} ok\\n\"", "\\n", 1, "constant.character.escape.hadr"),
        ("'rate(x{code=~\"5..\"}[5m])'", "rate", 1, "string.quoted.single.raw.hadr"),
        ("'rate(x{code=~\"5..\"}[5m])'", "5m", 1, "string.quoted.single.raw.hadr"),
        ("if a == b then true else none", "if", 1, "keyword.control.hadr"),
        ("if a == b then true else none", "==", 1, "keyword.operator.comparison.hadr"),
        ("if a == b then true else none", "true", 1, "constant.language.hadr"),
        ("if a == b then true else none", "none", 1, "constant.language.hadr"),
        ("for i in 1..3 do print(i) end", "for", 1, "keyword.control.hadr"),
        ("for i in 1..3 do print(i) end", "..", 1, "keyword.operator.range.hadr"),
        ("for i in 1..3 do print(i) end", "end", 1, "keyword.control.hadr"),
        ("while not done and ok or x do end", "not", 1, "keyword.operator.word.hadr"),
        ("import \"tiers.hadr\"", "import", 1, "keyword.control.import.hadr"),
        ("plan = {rto: 15m}; plan.rto", ".", 1, "punctuation.accessor.hadr"),
        ("plan = {rto: 15m}; plan.rto", ";", 1, "punctuation.terminator.statement.hadr"),
        ("plan = {rto: 15m}; plan.rto", "rto", 1, "variable.parameter.label.hadr"),
        ("parse(args[0])", "args", 1, "variable.language.hadr"),
        ("fn total(...xs) = sum(xs)", "...", 1, "keyword.operator.spread.hadr"),
    ]

    @Test(arguments: samples)
    func theGrammarClassifiesEachKindOfToken(_ line: String, _ piece: String, _ nth: Int, _ scope: String) throws {
        let scopes = try TextMateTokenizer(try Self.grammar()).scopes(of: line)
        var search = line.startIndex..<line.endIndex
        var found: Range<String.Index>?
        for _ in 0..<nth {
            found = line.range(of: piece, range: search)
            if let f = found { search = f.upperBound..<line.endIndex }
        }
        let range = try #require(found, "\(piece) is not in \(line)")
        let offset = line.utf16.distance(from: line.utf16.startIndex, to: range.lowerBound)
        #expect(scopes[offset].last == scope, "`\(piece)` in `\(line)`: \(scopes[offset])")
    }

    /// The first line of a script run by `#!/usr/bin/env hadr` marks it as hadr.
    @Test func theGrammarKnowsTheShebang() throws {
        let pattern = try #require(try Self.grammar()["firstLineMatch"] as? String)
        let regex = try NSRegularExpression(pattern: pattern)
        for (line, matches) in [
            ("#!/usr/bin/env hadr", true), ("#!/usr/local/bin/hadr -i", true), ("#!/bin/sh", false),
        ] {
            let found = regex.firstMatch(in: line, range: NSRange(location: 0, length: (line as NSString).length))
            #expect((found != nil) == matches, "\(line)")
        }
    }

    /// Vim itself, with editors/vim on its runtime path, names the syntax group at each place.
    @Test func vimHighlightsEachKindOfToken() throws {
        let dir = try HadrProcess.temporaryFolder()
        let lines = [
            "## Doubles x",
            "fn twice(x) = x * 2",
            "db = 99.95% | 99.95%",
            "downtime(db, per: 1y) to min",
            "\"slo {db} ok\\n\" + 'raw{x}'",
            "if true then 43m 48s else 2 hours # note",
            "for i in 1..3 do print(args) end",
            "import \"x.hadr\"",
        ]
        try (lines.joined(separator: "\n") + "\n").write(
            to: dir.appendingPathComponent("sample.hadr"), atomically: true, encoding: .utf8)
        let probes: [(Int, Int, String)] = [
            (1, 1, "hadrDocComment"), (2, 1, "hadrKeyword"), (2, 4, "hadrFunctionName"), (2, 19, "hadrNumber"),
            (3, 6, "hadrPercentage"), (3, 13, "hadrOperator"), (4, 1, "hadrCall"), (4, 14, "hadrLabel"),
            (4, 19, "hadrDuration"), (4, 23, "hadrOperatorWord"), (5, 1, "hadrString"), (5, 14, "hadrEscape"),
            (5, 6, "hadrDelimiter"), (5, 20, "hadrRawString"), (6, 1, "hadrConditional"), (6, 4, "hadrConstant"),
            (6, 18, "hadrDuration"), (6, 27, "hadrDuration"), (6, 35, "hadrComment"), (7, 1, "hadrRepeat"),
            (7, 24, "hadrSpecial"), (8, 1, "hadrInclude"),
        ]
        let probe = probes.map { "echo \($0.0) \($0.1) synIDattr(synID(\($0.0), \($0.1), 1), 'name')" }
        let script =
            [
                "set rtp^=\(Self.editors.appendingPathComponent("vim").path)", "filetype on", "syntax on",
                "e sample.hadr", "redir! > out.txt", "echo &filetype",
            ] + probe + ["redir END", "qa!"]
        let r = try Self.vim(script, in: dir)
        #expect(r.status == 0, "vim: \(r.stderr)")
        let out = try String(contentsOf: dir.appendingPathComponent("out.txt"), encoding: .utf8)
        let got = out.split(separator: "\n").map(String.init)
        #expect(got.first == "hadr", "the file type: \(got.first ?? "")")
        for (l, c, group) in probes {
            #expect(got.contains("\(l) \(c) \(group)"), "line \(l) column \(c) is not \(group): \(got)")
        }
    }

    /// hadr's error and trace lines land in Vim's quickfix list with their places, by
    /// the errorformat editors/vim sets (Vim's default reads them too).
    @Test func vimsQuickfixListJumpsToTheErrorAndEachCall() throws {
        let dir = try HadrProcess.temporaryFolder()
        try "fn tier(a) = a & \"db\"\nfn system() = tier(99.9%)\n\nsystem()\n".write(
            to: dir.appendingPathComponent("t.hadr"), atomically: true, encoding: .utf8)
        let run = try HadrProcess.run(["t.hadr"], cwd: dir)
        try run.stderr.write(to: dir.appendingPathComponent("errors.txt"), atomically: true, encoding: .utf8)
        let script = [
            "set rtp^=\(Self.editors.appendingPathComponent("vim").path)", "filetype plugin on", "e t.hadr",
            "cgetfile errors.txt", "redir! > qf.txt",
            "for e in getqflist() | if e.valid | echo e.lnum e.col e.text | endif | endfor", "redir END", "qa!",
        ]
        let r = try Self.vim(script, in: dir)
        #expect(r.status == 0)
        let entries = try String(contentsOf: dir.appendingPathComponent("qf.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(
            entries == [
                "1 14 error: `&` combines availabilities; got a string (\"db\")", "2 15 note: in tier called here",
                "4 1 note: in system called here",
            ])
    }
}
