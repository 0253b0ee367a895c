/// Exact arithmetic on decimal numerals written as text, so that `99.99999%` keeps
/// an unavailability of exactly 1e-7 and display never rounds an availability up.
enum DecimalText {
    /// A non-negative decimal: its digits and how many of them follow the point.
    struct Fixed {
        var digits: [UInt8]
        var scale: Int

        /// Parses `123`, `123.45`; nil for anything else.
        init?(_ text: String) {
            var digits: [UInt8] = []
            var scale = 0
            var seenPoint = false
            for byte in text.utf8 {
                if byte == UInt8(ascii: ".") {
                    if seenPoint { return nil }
                    seenPoint = true
                } else if byte >= 48, byte <= 57 {
                    digits.append(byte - 48)
                    if seenPoint { scale += 1 }
                } else {
                    return nil
                }
            }
            if digits.isEmpty { return nil }
            self.digits = digits
            self.scale = scale
        }

        init(digits: [UInt8], scale: Int) {
            self.digits = digits
            self.scale = scale
        }

        func scaled(to newScale: Int) -> [UInt8] {
            digits + [UInt8](repeating: 0, count: max(0, newScale - scale))
        }

        /// Plain text without superfluous zeros: `0.1`, `99.9`, `100`.
        var text: String {
            var whole = Array(digits.dropLast(scale))
            var fraction = Array(digits.suffix(scale))
            while whole.count > 1, whole.first == 0 { whole.removeFirst() }
            if whole.isEmpty { whole = [0] }
            while fraction.last == 0 { fraction.removeLast() }
            let wholeText = String(decoding: whole.map { $0 + 48 }, as: UTF8.self)
            if fraction.isEmpty { return wholeText }
            return wholeText + "." + String(decoding: fraction.map { $0 + 48 }, as: UTF8.self)
        }

        /// The same text with an exponent, which Double's parser rounds correctly.
        var scientific: String {
            String(decoding: digits.map { $0 + 48 }, as: UTF8.self) + "e-\(scale)"
        }
    }

    /// a − b exactly, or nil when b > a.
    static func subtract(_ a: Fixed, _ b: Fixed) -> Fixed? {
        let scale = max(a.scale, b.scale)
        var x = a.scaled(to: scale)
        var y = b.scaled(to: scale)
        let width = max(x.count, y.count)
        x = [UInt8](repeating: 0, count: width - x.count) + x
        y = [UInt8](repeating: 0, count: width - y.count) + y
        var result = [UInt8](repeating: 0, count: width)
        var borrow = 0
        for i in stride(from: width - 1, through: 0, by: -1) {
            var d = Int(x[i]) - Int(y[i]) - borrow
            if d < 0 {
                d += 10
                borrow = 1
            } else {
                borrow = 0
            }
            result[i] = UInt8(d)
        }
        if borrow != 0 { return nil }
        return Fixed(digits: result, scale: scale)
    }
}
