/// What the REPL has read of an input that may go on over several lines. Each line is
/// scanned once for what it opens and closes (brackets, `do`…`end`, strings, comments),
/// so that the parser, which alone decides whether the input is complete, runs only when
/// the input could be: a pasted block of thousands of lines is scanned once, not parsed
/// again at every line.
public struct PendingInput {
    /// The lines so far, joined by new lines.
    public private(set) var text = ""
    /// Open brackets and `do`s not yet closed.
    private var depth = 0
    /// Inside a string literal: its quote (`"` or `'`), and the depth of `{}` in it.
    private var quote: UInt8?
    private var escaped = false
    /// Inside `{ ... }` of a `"..."` string: the brace depth there, with the string's
    /// quote to go back to.
    private var interpolations: [Int] = []
    /// Whether the last word scanned was a `.`, so that `x.end` is a field, not a keyword.
    private var afterDot = false

    public init() {}

    public var isEmpty: Bool { text.isEmpty }

    /// Whether any line so far has more than spaces and tabs.
    public private(set) var hasContent = false

    /// Adds a line; true when the input might now be complete (the parser decides).
    public mutating func add(_ line: String) -> Bool {
        text += text.isEmpty ? line : "\n" + line
        if !hasContent { hasContent = line.utf8.contains { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } }
        scan(line)
        return depth <= 0 && quote == nil && interpolations.isEmpty
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_")
    }

    private mutating func scan(_ line: String) {
        let bytes = Array(line.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if let q = quote {
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\"), q == UInt8(ascii: "\"") {
                    escaped = true
                } else if b == q {
                    quote = nil
                } else if b == UInt8(ascii: "{"), q == UInt8(ascii: "\"") {
                    quote = nil
                    interpolations.append(0)
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "#"):
                return
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                quote = b
            case UInt8(ascii: "("), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: "{"):
                if !interpolations.isEmpty { interpolations[interpolations.count - 1] += 1 } else { depth += 1 }
            case UInt8(ascii: "}"):
                if let inner = interpolations.last {
                    if inner == 0 {
                        interpolations.removeLast()
                        quote = UInt8(ascii: "\"")
                    } else {
                        interpolations[interpolations.count - 1] -= 1
                    }
                } else {
                    depth -= 1
                }
            default:
                if Self.isWordByte(b), i == 0 || !Self.isWordByte(bytes[i - 1]) {
                    var end = i
                    while end < bytes.count, Self.isWordByte(bytes[end]) { end += 1 }
                    let word = bytes[i..<end]
                    if !afterDot {
                        if word.elementsEqual("do".utf8) { depth += 1 }
                        if word.elementsEqual("end".utf8) { depth -= 1 }
                    }
                    afterDot = false
                    i = end
                    continue
                }
            }
            if b != UInt8(ascii: " ") && b != UInt8(ascii: "\t") { afterDot = b == UInt8(ascii: ".") }
            i += 1
        }
    }
}
