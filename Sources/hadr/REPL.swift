import HadrCore

/// The interactive prompt: reads lines, asks for more while the input is unfinished,
/// prints each result, and keeps the session intact after an error.
struct REPL {
    let session: Session
    let console: Console
    let renderer: DiagnosticRenderer

    func run() -> Int32 {
        console.out("hadr \(Hadr.version): availability, resilience and DR math. Type help() for topics, Ctrl-D to quit.\n")
        var pending = ""
        var number = 1
        while true {
            console.out(pending.isEmpty ? "hadr> " : "  ... ")
            console.flush()
            guard let line = readLine() else {
                console.out("\n")
                return 0
            }
            pending += pending.isEmpty ? line : "\n" + line
            if pending.trimmingSpaces.isEmpty {
                pending = ""
                continue
            }
            if Session.isIncomplete(pending) { continue }
            if let error = session.evaluate(pending, name: "<input \(number)>") {
                console.err(renderer.render(error))
            }
            console.flush()
            pending = ""
            number += 1
        }
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
