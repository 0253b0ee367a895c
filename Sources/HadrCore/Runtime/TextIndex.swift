#if canImport(Glibc)
    import Glibc
#endif

/// Character counts and positions of the string last indexed, so that `s[i]` and `len(s)`
/// in a loop over one string take constant time instead of a walk over its characters.
///
/// A string of ASCII without carriage returns (each byte one character) is read byte by
/// byte; any other string gets, once, the byte offset of each of its characters. The
/// string is kept, so its storage cannot be reused by another while it is remembered,
/// and it is recognised by the place of its bytes.
final class TextIndex {
    private var text = ""
    /// The byte offset where each character starts, and the end; empty when every byte is a
    /// character. (32 bits: strings are at most 1e9 bytes, `Limits.stringSizeRange`.)
    private var offsets: [UInt32] = []
    private var characters = 0

    /// Where the remembered string's bytes are: two strings are the same when their bytes
    /// are at the same place (the kept `text` holds that place) and as many.
    private var textBytes: UnsafeRawPointer?

    /// Strings of at most this many bytes are held inline, at no fixed place, and are
    /// walked each time instead (which costs little at that size).
    private static let inline = 15

    /// How many characters `s` has. `charge` is given the work of finding out, in steps
    /// (a step a 64 bytes), as it goes: a walk over 75 MB of combining characters takes a
    /// second, and a limit stops it on the way.
    func count(_ s: String, charge: (Int) throws -> Void) throws -> Int {
        if s.utf8.count <= Self.inline { return s.count }
        try remember(s, charge: charge)
        return characters
    }

    /// The character at the position `position` gives from the count of characters (which
    /// checks the index against it), the string remembered once for both.
    func character(_ s: String, charge: (Int) throws -> Void, at position: (Int) throws -> Int) throws -> String {
        if s.utf8.count <= Self.inline {
            let i = try position(s.count)
            return String(s[s.index(s.startIndex, offsetBy: i)])
        }
        try remember(s, charge: charge)
        let i = try position(characters)
        let utf8 = s.utf8
        if offsets.isEmpty {
            let byte = utf8[utf8.index(utf8.startIndex, offsetBy: i)]
            return Self.asciiCharacters[Int(byte & 0x7F)]
        }
        let start = utf8.index(utf8.startIndex, offsetBy: Int(offsets[i]))
        let end = utf8.index(utf8.startIndex, offsetBy: Int(offsets[i + 1]))
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// Makes `s` the remembered string, charging a step a 64 bytes read (nothing when it
    /// already was). Nothing changes until the walk is done, so a limit may stop it.
    private func remember(_ s: String, charge: (Int) throws -> Void) throws {
        let bytes = s.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
        if let bytes, bytes == textBytes, s.utf8.count == text.utf8.count { return }
        let utf8 = s.utf8
        if Self.isPlainASCII(s) {
            try charge(utf8.count / 64)
            (text, textBytes, offsets, characters) = (s, bytes, [], utf8.count)
            return
        }
        var starts: [UInt32] = []
        var index = s.startIndex
        var charged = 0
        while index < s.endIndex {
            let offset = utf8.distance(from: utf8.startIndex, to: index)
            starts.append(UInt32(truncatingIfNeeded: offset))
            // Charged a megabyte at a time as the walk goes.
            if offset - charged >= 1 << 20 {
                try charge((offset - charged) / 64)
                charged = offset
            }
            index = s.index(after: index)
        }
        try charge((utf8.count - charged) / 64)
        let count = starts.count
        starts.append(UInt32(truncatingIfNeeded: utf8.count))
        (text, textBytes, offsets, characters) = (s, bytes, starts, count)
    }
}

extension TextIndex {
    /// Whether every byte of `s` is one character: ASCII without carriage returns
    /// (`\r\n` is one character).
    static func isPlainASCII(_ s: String) -> Bool {
        // `withUTF8`, not `utf8.withContiguousStorageIfAvailable`: that gives nothing for a
        // string of up to 15 bytes (held inline), which then took the generic path.
        var s = s
        return s.withUTF8(isPlainASCII)
    }

    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 || byte == 0x0D { return false }
        return true
    }

    /// Each ASCII character as a string, so that reading one makes no new string.
    static let asciiCharacters: [String] = (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }

    /// Whether `s` contains `t`, as `String.contains` says; a byte search when both are
    /// plain ASCII, where characters and bytes are the same.
    static func contains(_ s: String, _ t: String) -> Bool {
        if t.isEmpty { return true }
        if t.utf8.count == 1, let byte = t.utf8.first, byte < 0x80, byte != 0x0D {
            // One ASCII character (`contains(digits, s[i])`): one pass over the bytes, with
            // no copy of a short string to make its bytes contiguous.
            var found = false
            for b in s.utf8 {
                if b >= 0x80 || b == 0x0D { return s.contains(t) }
                found = found || b == byte
            }
            return found
        }
        var hayText = s
        var needleText = t
        let found: Bool? = hayText.withUTF8 { hay in
            needleText.withUTF8 { needle in
                isPlainASCII(needle) && isPlainASCII(hay) ? bytes(hay, contain: needle) : nil
            }
        }
        return found ?? s.contains(t)
    }
}

extension TextIndex {
    /// Whether `needle` (not empty) occurs in `hay`: memchr for its first byte, memcmp for the rest.
    static func bytes(_ hay: UnsafeBufferPointer<UInt8>, contain needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let hayBase = hay.baseAddress, let needleBase = needle.baseAddress, needle.count <= hay.count else {
            return false
        }
        let first = Int32(needleBase.pointee)
        var start = 0
        let lastStart = hay.count - needle.count
        while start <= lastStart {
            guard let found = memchr(hayBase + start, first, lastStart - start + 1) else { return false }
            let at = hayBase.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(hayBase + at, needleBase, needle.count) == 0 { return true }
            start = at + 1
        }
        return false
    }
}
