import CNumberFormat
import Glibc

/// Numbers and percentages as people write them.
extension Display {
    /// printf's `%.<precision>e` or `%.<precision>g` of x.
    static func cFormat(_ conversion: Character, _ precision: Int, _ x: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            guard let base = buffer.baseAddress else { return "" }
            let code = CChar(bitPattern: conversion.asciiValue ?? UInt8(ascii: "g"))
            let n = Int(hadr_format_double(base, 64, code, Int32(clamping: precision), x))
            let length = max(0, min(n, 63))
            return String(decoding: UnsafeRawBufferPointer(start: base, count: length), as: UTF8.self)
        }
    }

    /// A number with up to 12 significant digits, integers without `.0`, exponents as `1e-9`.
    static func number(_ x: Double, digits: Int = 12) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        var text = cFormat("g", digits, x)
        if let e = text.firstIndex(of: "e") {
            var mantissa = String(text[..<e])
            var exponent = String(text[text.index(after: e)...])
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            let negative = exponent.hasPrefix("-")
            exponent = String(exponent.drop { $0 == "+" || $0 == "-" || $0 == "0" })
            text = mantissa + "e" + (negative ? "-" : "") + (exponent.isEmpty ? "0" : exponent)
        }
        return text
    }

    /// An availability as a percentage with enough digits to see every nine; never rounded up to 100%.
    static func percent(_ u: Double, style: Style = .plain) -> String {
        percentText(u) + style.unit("%")
    }

    static func percentText(_ u: Double) -> String {
        if u.isNaN { return "nan" }
        if u <= 0 { return "100" }
        if u >= 1 { return "0" }
        if u > 0.5 { return number((1 - u) * 100, digits: 6) }
        // 100·U to six significant digits, subtracted from 100 exactly in decimal.
        let scientific = cFormat("e", 5, 100 * u)
        guard let e = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: e)...])
        else {
            return number((1 - u) * 100)
        }
        let mantissa = scientific[..<e].filter { $0 != "." }
        let digits = mantissa.compactMap { $0.wholeNumberValue.map(UInt8.init) }
        let complement = DecimalText.subtract(
            DecimalText.Fixed(digits: [1, 0, 0], scale: 0), DecimalText.Fixed(digits: digits, scale: 5 - exponent))
        return complement?.text ?? number((1 - u) * 100)
    }
}
