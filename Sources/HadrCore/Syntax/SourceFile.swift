/// A half-open range of UTF-8 byte offsets into one source file. Offsets are kept in 32
/// bits (a source file is at most `SourceLoader.maxFileSize` bytes): every token and
/// syntax node carries one, so its size is much of the front end's memory.
struct SourceRange: Sendable, Equatable, Hashable {
    private let storedStart: UInt32
    private let storedEnd: UInt32

    var start: Int { Int(storedStart) }
    var end: Int { Int(storedEnd) }

    init(_ start: Int, _ end: Int) {
        storedStart = UInt32(clamping: start)
        storedEnd = UInt32(clamping: max(start, end))
    }

    /// The smallest range covering both.
    func to(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}

/// One named source text; line and column are computed from it when an error is rendered.
final class SourceFile: Sendable {
    let name: String
    /// The folder imports are resolved against, or nil for text that has no file.
    let directory: String?
    let bytes: [UInt8]
    private let lineStarts: [Int]

    init(name: String, text: String, directory: String? = nil) {
        self.name = name
        self.directory = directory
        // A byte order mark (some Windows editors write one) is not part of the program.
        let utf8 = text.utf8
        self.bytes = utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(utf8.dropFirst(3)) : Array(utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// 1-based line and column (in characters) of a byte offset.
    func location(of offset: Int) -> (line: Int, column: Int) {
        let clamped = min(max(0, offset), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        let column = String(decoding: bytes[start..<clamped], as: UTF8.self).count + 1
        return (low + 1, column)
    }

    /// The part of line `line` within `radius` bytes of `offset` (cut at character
    /// boundaries), with the column it starts at and whether the line goes on either side:
    /// an error on a line of 15 MB shows a window without first making the whole line.
    func lineText(_ line: Int, around offset: Int, radius: Int) -> (
        text: String, firstColumn: Int, cutBefore: Bool, cutAfter: Bool
    ) {
        guard line >= 1, line <= lineStarts.count else { return ("", 1, false, false) }
        let lineStart = lineStarts[line - 1]
        var lineEnd = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        lineEnd = max(lineStart, lineEnd)
        let at = min(max(offset, lineStart), lineEnd)
        var start = max(lineStart, at - radius)
        var end = min(lineEnd, at + radius)
        // Not inside a character's bytes (a continuation byte is 10xxxxxx).
        while start > lineStart, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        while end < lineEnd, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        return (text, location(of: start).column, start > lineStart, end < lineEnd)
    }

    /// The text covered by a range.
    func text(in range: SourceRange) -> String {
        let start = min(max(0, range.start), bytes.count)
        let end = min(max(start, range.end), bytes.count)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
