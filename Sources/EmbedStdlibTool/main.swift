import Foundation

// Writes a Swift file holding each stdlib source as a raw string literal, with the
// names the file defines at top level (`fn name(` or `name =` at the start of a line),
// so that a session can load a file only when one of its names is first used.
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

/// The top-level names a stdlib file binds, in order.
func definedNames(_ text: String) -> [String] {
    var names: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("fn "), let name = identifier(line.dropFirst(3)) {
            names.append(String(name))
        } else if let name = identifier(line), name != "fn" {
            let rest = line[name.endIndex...].drop { $0 == " " }
            if rest.hasPrefix("="), !rest.hasPrefix("==") { names.append(String(name)) }
        }
    }
    var seen = Set<String>()
    return names.filter { seen.insert($0).inserted }
}

var swift = "// Generated from stdlib/*.hadr by EmbedStdlibTool. Do not edit.\n"
swift += "enum EmbeddedStdlib {\n    static let files: [(name: String, text: String, defines: [String])] = [\n"
for path in arguments.dropFirst() {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    let name = URL(fileURLWithPath: path).lastPathComponent
    let defines = definedNames(text).map { "\"\($0)\"" }.joined(separator: ", ")
    swift += "        (\"\(name)\", \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes), [\(defines)]),\n"
}
swift += "    ]\n}\n"
try swift.write(toFile: output, atomically: true, encoding: .utf8)
