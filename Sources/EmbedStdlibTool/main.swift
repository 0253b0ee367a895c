import Foundation

// Writes a Swift file holding each stdlib source as a raw string literal.
// Usage: EmbedStdlibTool OUTPUT INPUT...
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedStdlibTool OUTPUT INPUT...\n".utf8))
    exit(2)
}
var swift = "// Generated from stdlib/*.hadr by EmbedStdlibTool. Do not edit.\n"
swift += "enum EmbeddedStdlib {\n    static let files: [(name: String, text: String)] = [\n"
for path in arguments.dropFirst() {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    let name = URL(fileURLWithPath: path).lastPathComponent
    swift += "        (\"\(name)\", \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)),\n"
}
swift += "    ]\n}\n"
try swift.write(toFile: output, atomically: true, encoding: .utf8)
