import Foundation

// Writes a Swift file holding each stdlib source as a raw string literal with its index:
// the names the file binds at top level, the other files whose names it uses, and the
// signature and `##` documentation of each function it declares. The files are written
// in dependency order. A session loads a file only when one of its names is first used,
// and `help` answers from the index without loading anything.
// The output is rewritten only when its content changes, so that a build that did not
// change the stdlib does not recompile HadrCore.
// Usage: EmbedStdlibTool OUTPUT INPUT...
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedStdlibTool OUTPUT INPUT...\n".utf8))
    exit(2)
}

/// The identifier at the start of `text`, if any.
func identifier(_ text: Substring) -> Substring? {
    let end = text.firstIndex { !($0.isLetter || $0.isNumber || $0 == "_") } ?? text.endIndex
    guard end > text.startIndex, let first = text.first, first.isLetter || first == "_" else { return nil }
    return text[..<end]
}

/// A line without its `#` comment (a `#` inside a string is not one).
func code(_ line: Substring) -> Substring {
    var inString = false
    var escaped = false
    for index in line.indices {
        let ch = line[index]
        if escaped {
            escaped = false
        } else if inString, ch == "\\" {
            escaped = true
        } else if ch == "\"" {
            inString.toggle()
        } else if ch == "#", !inString {
            return line[..<index]
        }
    }
    return line
}

/// One function declared at top level: its signature as `help` shows it, and its docs.
struct Entry {
    var name: String
    var signature: String
    /// The parameters a call may name (a rest parameter cannot be).
    var labels: [String]
    var doc: String
}

/// What the index says about one file.
struct Indexed {
    var name: String
    var text: String
    var defines: [String] = []
    var words: Set<String> = []
    var entries: [Entry] = []
}

/// The parameters of `fn name(...)`, from the text after the open parenthesis; nil when
/// the closing one is missing.
func parameters(_ text: Substring) -> [String]? {
    var depth = 0
    var inString = false
    var current = ""
    var items: [String] = []
    for ch in text {
        if inString {
            current.append(ch)
            if ch == "\"" { inString = false }
            continue
        }
        switch ch {
        case "\"":
            inString = true
            current.append(ch)
        case "(", "[", "{":
            depth += 1
            current.append(ch)
        case ")" where depth == 0:
            let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !last.isEmpty { items.append(last) }
            return items
        case ")", "]", "}":
            depth -= 1
            current.append(ch)
        case "," where depth == 0:
            items.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
            current = ""
        default:
            current.append(ch)
        }
    }
    return nil
}

/// `name(a, b = 1, ...rest)`: each parameter with its default as written.
func signature(_ name: String, _ parameters: [String]) -> String {
    let shown = parameters.map { parameter -> String in
        guard let equals = parameter.firstIndex(of: "=") else { return parameter }
        let left = parameter[..<equals].trimmingCharacters(in: .whitespaces)
        let right = parameter[parameter.index(after: equals)...].trimmingCharacters(in: .whitespacesAndNewlines)
        return "\(left) = \(right)"
    }
    return "\(name)(\(shown.joined(separator: ", ")))"
}

func index(_ name: String, _ text: String) -> Indexed {
    var file = Indexed(name: name, text: text)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var doc: [String] = []
    for (number, line) in lines.enumerated() {
        if line.hasPrefix("##") {
            var docLine = String(line.dropFirst(2))
            if docLine.hasPrefix(" ") { docLine.removeFirst() }
            doc.append(docLine)
            continue
        }
        if line.trimmingCharacters(in: .whitespaces).isEmpty {
            doc = []
            continue
        }
        let body = code(line)
        if line.hasPrefix("fn "), let fnName = identifier(line.dropFirst(3)) {
            let name = String(fnName)
            file.defines.append(name)
            let rest = lines[number...].joined(separator: "\n")
            if let open = rest.firstIndex(of: "("), let list = parameters(rest[rest.index(after: open)...]) {
                let labels = list.filter { !$0.hasPrefix("...") }.compactMap {
                    identifier(Substring($0)).map(String.init)
                }
                file.entries.append(
                    Entry(
                        name: name, signature: signature(name, list), labels: labels, doc: doc.joined(separator: "\n")))
            }
        } else if let name = identifier(line), name != "fn" {
            let rest = line[name.endIndex...].drop { $0 == " " }
            if rest.hasPrefix("="), !rest.hasPrefix("==") { file.defines.append(String(name)) }
        }
        if !line.hasPrefix("#") { doc = [] }
        // Every word that may name a global: not a field after `.`, not a label before `:`.
        var i = body.startIndex
        while i < body.endIndex {
            let ch = body[i]
            let previous = i > body.startIndex ? body[body.index(before: i)] : " "
            if ch.isLetter || ch == "_", !(previous.isLetter || previous.isNumber || previous == "_") {
                let word = identifier(body[i...]) ?? body[i...i]
                let after = body[word.endIndex...].drop { $0 == " " }
                let isLabel = after.hasPrefix(":") && !after.hasPrefix("::")
                if previous != ".", !isLabel { file.words.insert(String(word)) }
                i = word.endIndex
            } else {
                i = body.index(after: i)
            }
        }
    }
    var seen = Set<String>()
    file.defines = file.defines.filter { seen.insert($0).inserted }
    return file
}

var files: [Indexed] = []
for path in arguments.dropFirst() {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    files.append(index(name, text))
}
files.sort { $0.name < $1.name }

// Which file defines each name, and which other files each file uses.
var definer: [String: String] = [:]
for file in files {
    for name in file.defines where definer[name] == nil { definer[name] = file.name }
}
var uses: [String: [String]] = [:]
for file in files {
    let used = Set(file.words.compactMap { definer[$0] }).subtracting([file.name])
    uses[file.name] = used.sorted()
}

/// Dependency order: a file after every file it uses (a cycle is broken by name).
func dependencyOrder(_ files: [Indexed], uses: [String: [String]]) -> [Indexed] {
    var ordered: [Indexed] = []
    var placed = Set<String>()
    var visiting = Set<String>()
    func place(_ name: String) {
        guard !placed.contains(name), !visiting.contains(name), let file = files.first(where: { $0.name == name })
        else { return }
        visiting.insert(name)
        for dependency in uses[name] ?? [] { place(dependency) }
        visiting.remove(name)
        placed.insert(name)
        ordered.append(file)
    }
    for file in files { place(file.name) }
    return ordered
}
let ordered = dependencyOrder(files, uses: uses)

/// A Swift raw string literal that holds `text` exactly.
func literal(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
}

func list(_ words: [String]) -> String {
    "[" + words.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
}

var swift = "// Generated from stdlib/*.hadr by EmbedStdlibTool. Do not edit.\n"
swift += "enum EmbeddedStdlib {\n    static let files: [LibraryFile] = [\n"
for file in ordered {
    swift += "        LibraryFile(\n"
    swift += "            name: \"\(file.name)\",\n"
    swift += "            text: \(literal(file.text)),\n"
    swift += "            defines: \(list(file.defines)),\n"
    swift += "            uses: \(list(uses[file.name] ?? [])),\n"
    swift += "            entries: [\n"
    for entry in file.entries {
        swift += "                HelpEntry(name: \"\(entry.name)\", signature: \(literal(entry.signature)), "
        swift += "labels: \(list(entry.labels)), "
        swift += "doc: \(literal(entry.doc))),\n"
    }
    swift += "            ]),\n"
}
swift += "    ]\n}\n"

let existing = try? String(contentsOfFile: output, encoding: .utf8)
if existing != swift {
    try swift.write(toFile: output, atomically: true, encoding: .utf8)
}
