import HadrCore

/// A REPL command (`:help`, `:vars`, ...): its names, how to write it, what it does. The
/// table drives `:help`, Tab completion and dispatch, so a new command is one entry.
struct REPLCommand: Sendable {
    let name: String
    /// Other names that run it (`:q`).
    let aliases: [String]
    /// How to write it, as `:help` shows it (`:load FILE`).
    let usage: String
    let summary: String
    /// Runs the command with the text after its name; false means leave the REPL.
    let run: @Sendable (REPL, String) -> Bool

    /// Every command, in the order `:help` lists them.
    static let all: [REPLCommand] = [
        REPLCommand(
            name: ":help", aliases: [], usage: ":help [name]",
            summary: "help for a function or a domain (the same as help(name))",
            run: { repl, argument in repl.help(argument) }),
        REPLCommand(
            name: ":vars", aliases: [], usage: ":vars", summary: "the names you have bound, with their values",
            run: { repl, _ in repl.showBindings() }),
        REPLCommand(
            name: ":load", aliases: [], usage: ":load FILE", summary: "run a script in this session",
            run: { repl, argument in repl.load(argument) }),
        REPLCommand(
            name: ":save", aliases: [], usage: ":save FILE",
            summary: "write this session's successful inputs as a script",
            run: { repl, argument in repl.save(argument) }),
        REPLCommand(
            name: ":reset", aliases: [], usage: ":reset", summary: "forget every binding",
            run: { repl, _ in repl.reset() }),
        REPLCommand(
            name: ":time", aliases: [], usage: ":time EXPR", summary: "evaluate and show how long it took",
            run: { repl, argument in repl.time(argument) }),
        REPLCommand(
            name: ":quit", aliases: [":q", ":exit"], usage: ":quit", summary: "leave (Ctrl-D too)",
            run: { _, _ in false }),
    ]

    /// Every name a command can be typed as, for completion.
    static let names: [String] = all.map(\.name)

    /// The command `word` names, if any.
    static func named(_ word: String) -> REPLCommand? {
        all.first { $0.name == word || $0.aliases.contains(word) }
    }

    /// The `:help` listing of the commands.
    /// The command table, each summary wrapped to `width` columns beside its usage.
    static func listing(width: Int) -> String {
        let column = (all.map(\.usage.count).max() ?? 0) + 3
        return "Commands:\n"
            + all.map { command in
                let first = "  " + command.usage + String(repeating: " ", count: column - command.usage.count)
                let rest = String(repeating: " ", count: column + 2)
                return Display.wrap(command.summary, width: width, first: first, rest: rest).joined(separator: "\n")
            }.joined(separator: "\n") + "\n"
    }
}
