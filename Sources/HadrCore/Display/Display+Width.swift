/// What output may use: how many columns, and whether Unicode's box, block and braille
/// characters may be drawn. The `hadr` executable reads them from the terminal; a
/// session without one (piped output, tests) uses `standard`, so what it prints depends
/// only on these inputs.
extension Display {
    public struct Layout: Sendable, Equatable {
        /// The narrowest and widest layouts drawn; a width outside is taken as the nearest.
        public static let widths = 20...1000

        /// Terminal columns.
        public var width: Int {
            didSet { width = min(Self.widths.upperBound, max(Self.widths.lowerBound, width)) }
        }
        /// Whether box-drawing, block and braille characters may be used (false: ASCII only).
        public var unicode: Bool

        /// 80 columns of Unicode: what piped output and tests get.
        public static let standard = Layout(width: 80, unicode: true)

        public init(width: Int, unicode: Bool) {
            self.width = min(Self.widths.upperBound, max(Self.widths.lowerBound, width))
            self.unicode = unicode
        }
    }
}

/// Display width: the columns a terminal gives text, counted per grapheme (a wide or
/// emoji character takes two, a combining mark none), not per Character.
extension Display {
    /// The columns `text` takes in a terminal (ASCII fast path).
    public static func columns(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for character in text { total += columns(of: character) }
        return total
    }

    /// One grapheme's columns: 2 when any of its scalars is wide (or it asks for emoji
    /// presentation, or it is a flag), 0 when all are zero-width, 1 otherwise.
    static func columns(of character: Character) -> Int {
        var width = 0
        var regionalIndicators = 0
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F { return 2 }
            if (0x1F1E6...0x1F1FF).contains(scalar.value) { regionalIndicators += 1 }
            let w = columns(of: scalar)
            if w == 2 { return 2 }
            width = max(width, w)
        }
        return regionalIndicators >= 2 ? 2 : width
    }

    /// One scalar's columns: controls, combining marks (a spacing mark only widens the
    /// grapheme it joins, whose base is counted) and format characters 0, East Asian wide
    /// and full-width 2, everything else 1.
    static func columns(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) || v == 0x3164 || v == 0xFFA0 { return 0 }
        // Prepended concatenation marks are format characters that show.
        if (0x600...0x605).contains(v) || [0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD].contains(v) {
            return 1
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark, .format, .lineSeparator, .paragraphSeparator: return 0
        default: break
        }
        var low = 0
        var high = wide.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if v < wide[mid].lowerBound {
                high = mid - 1
            } else if v > wide[mid].upperBound {
                low = mid + 1
            } else {
                return 2
            }
        }
        return 1
    }

    /// Text padded with spaces to `width` columns (never cut).
    static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let fill = max(0, width - columns(text))
        if fill == 0 { return text }
        let spaces = String(repeating: " ", count: fill)
        return right ? spaces + text : text + spaces
    }

    /// Text cut to at most `width` columns, ending in `…` (or `...`) when cut.
    static func truncate(_ text: String, to width: Int, unicode: Bool = true) -> String {
        if columns(text) <= width { return text }
        let ellipsis = unicode ? "…" : "..."
        let room = width - columns(ellipsis)
        guard room > 0 else { return String(repeating: ".", count: max(0, width)) }
        var out = ""
        var used = 0
        for character in text {
            let w = columns(of: character)
            if used + w > room { break }
            out.append(character)
            used += w
        }
        return out + ellipsis
    }

    /// Text broken at spaces into lines of at most `width` columns, the first starting
    /// with `first` and the rest with `rest`; a word longer than a line is cut into pieces.
    public static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        wrap(
            words: text.split(separator: " ", omittingEmptySubsequences: true).map(String.init), width: width,
            first: first, rest: rest)
    }

    /// Words (each kept whole where it fits, joined by one space) broken into lines as `wrap` does.
    static func wrap(words: [String], width: Int, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        var line = first
        var lineWidth = columns(first)
        var empty = true
        let restWidth = columns(rest)
        for word in words {
            var word = word
            var wordWidth = columns(word)
            if !empty, lineWidth + 1 + wordWidth > width {
                lines.append(line)
                line = rest
                lineWidth = restWidth
                empty = true
            }
            // A word wider than a whole line: cut it where the line ends.
            while empty, lineWidth + wordWidth > width, width - lineWidth >= 1 {
                var piece = ""
                var pieceWidth = 0
                var remainder = Substring(word)
                while let character = remainder.first, pieceWidth + columns(of: character) <= width - lineWidth {
                    piece.append(character)
                    pieceWidth += columns(of: character)
                    remainder = remainder.dropFirst()
                }
                if piece.isEmpty { break }
                lines.append(line + piece)
                line = rest
                lineWidth = restWidth
                word = String(remainder)
                wordWidth = columns(word)
            }
            if word.isEmpty { continue }
            if !empty {
                line += " "
                lineWidth += 1
            }
            line += word
            lineWidth += wordWidth
            empty = false
        }
        if !empty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The code points a terminal shows two columns wide; made by scripts/make-width-table.py
    /// (Unicode 17.0.0, East Asian Width W and F: 125 ranges).
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2630...0x2637, 0x2648...0x2653, 0x267F...0x267F, 0x268A...0x268F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE,
        0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD,
        0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755,
        0x2757...0x2757, 0x2795...0x2797, 0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50,
        0x2B55...0x2B55, 0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x2FF0...0x3029, 0x3030...0x303E,
        0x3041...0x3096, 0x309B...0x30FF, 0x3105...0x312F, 0x3131...0x3163, 0x3165...0x318E, 0x3190...0x31E5,
        0x31EF...0x321E, 0x3220...0x3247, 0x3250...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60,
        0xFFE0...0xFFE6, 0x16FE0...0x16FE3, 0x16FF2...0x16FF6, 0x17000...0x18CD5, 0x18CFF...0x18D1E,
        0x18D80...0x18DF2, 0x1AFF0...0x1AFF3, 0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE, 0x1B000...0x1B122,
        0x1B132...0x1B132, 0x1B150...0x1B152, 0x1B155...0x1B155, 0x1B164...0x1B167, 0x1B170...0x1B2FB,
        0x1D300...0x1D356, 0x1D360...0x1D376, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E,
        0x1F191...0x1F19A, 0x1F1E6...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251,
        0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393,
        0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E,
        0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
        0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5,
        0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D8, 0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC,
        0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945,
        0x1F947...0x1F9FF, 0x1FA70...0x1FA7C, 0x1FA80...0x1FA8A, 0x1FA8E...0x1FAC6, 0x1FAC8...0x1FAC8,
        0x1FACD...0x1FADC, 0x1FADF...0x1FAEA, 0x1FAEF...0x1FAF8, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
