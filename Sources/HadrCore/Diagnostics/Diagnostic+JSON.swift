/// The `--json` form of a diagnostic: one line, for editors and pipelines.
extension Diagnostic {
    /// The diagnostic as one JSON object:
    ///
    ///     {"severity": "error", "kind": "name", "message": "unknown name `x`",
    ///      "file": "s.hadr", "line": 3, "column": 5, "end_line": 3, "end_column": 6,
    ///      "notes": ["help: did you mean `y`?"],
    ///      "trace": [{"function": "f", "file": "s.hadr", "line": 9, "column": 1, "times": 1}],
    ///      "trace_omitted": 0}
    ///
    /// `file`, `line` and the columns are null when the error has no place; `trace` lists
    /// the calls that were active, innermost first, each at its call site, with a run of
    /// identical calls (deep recursion) folded into one entry that says how many; past 20
    /// entries the rest are only counted, in `trace_omitted`. Columns count characters
    /// from 1, as the text form does; the end is just past the last one.
    public var json: String {
        var fields: [(String, String)] = [
            ("severity", Display.jsonString("error")),
            ("kind", Display.jsonString(kind.jsonName)),
            ("message", Display.jsonString(message)),
            ("file", file.map { Display.jsonString($0.name) } ?? "null"),
        ]
        if let file, let range {
            let (line, column) = file.location(of: range.start)
            let (endLine, endColumn) = file.location(of: range.end)
            fields += [
                ("line", "\(line)"), ("column", "\(column)"), ("end_line", "\(endLine)"),
                ("end_column", "\(endColumn)"),
            ]
        } else {
            fields += [("line", "null"), ("column", "null"), ("end_line", "null"), ("end_column", "null")]
        }
        fields.append(("notes", "[" + notes.map(Display.jsonString).joined(separator: ", ") + "]"))
        let (runs, omitted) = traceRuns
        let trace = runs.map { run in
            let (line, column) = run.frame.file.location(of: run.frame.range.start)
            return "{\"function\": \(Display.jsonString(run.frame.function)), "
                + "\"file\": \(Display.jsonString(run.frame.file.name)), "
                + "\"line\": \(line), \"column\": \(column), \"times\": \(run.count)}"
        }
        fields.append(("trace", "[" + trace.joined(separator: ", ") + "]"))
        fields.append(("trace_omitted", "\(omitted)"))
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }
}

extension Diagnostic.Kind {
    /// The kind as `--json` names it.
    public var jsonName: String {
        switch self {
        case .syntax: "syntax"
        case .incompleteInput: "incomplete_input"
        case .name: "name"
        case .call: "call"
        case .type: "type"
        case .runtime: "runtime"
        case .assertion: "assertion"
        case .limit: "limit"
        case .interrupted: "interrupted"
        case .io: "io"
        }
    }
}
