import Glibc

/// A non-negative number with a wide exponent: mantissa × 2^exponent, for products of
/// many small probabilities (a binomial term such as C(1000, 101) · 0.9999⁸⁹⁹ · 0.0001¹⁰¹)
/// that underflow a Double long before the sum they belong to does.
struct Scaled: Comparable {
    /// In [0.5, 1), or 0.
    private(set) var mantissa: Double
    private(set) var exponent: Int

    static let zero = Scaled(mantissa: 0, exponent: 0)
    static let one = Scaled(1)

    init(_ x: Double) {
        let parts = frexp(x)
        mantissa = parts.0
        exponent = x == 0 ? 0 : parts.1
    }

    private init(mantissa: Double, exponent: Int) {
        let parts = frexp(mantissa)
        self.mantissa = parts.0
        self.exponent = mantissa == 0 ? 0 : exponent &+ parts.1
    }

    var isZero: Bool { mantissa == 0 }

    /// The value as a Double: 0 below the smallest subnormal, infinity above the largest.
    var double: Double {
        if mantissa == 0 { return 0 }
        return scalbn(mantissa, Int32(clamping: exponent))
    }

    static func * (a: Scaled, b: Scaled) -> Scaled {
        if a.mantissa == 0 || b.mantissa == 0 { return .zero }
        return Scaled(mantissa: a.mantissa * b.mantissa, exponent: a.exponent &+ b.exponent)
    }

    static func * (a: Scaled, b: Double) -> Scaled { a * Scaled(b) }

    static func / (a: Scaled, b: Double) -> Scaled {
        let d = Scaled(b)
        return Scaled(mantissa: a.mantissa / d.mantissa, exponent: a.exponent &- d.exponent)
    }

    static func + (a: Scaled, b: Scaled) -> Scaled {
        if a.mantissa == 0 { return b }
        if b.mantissa == 0 { return a }
        let (big, small) = a.exponent >= b.exponent ? (a, b) : (b, a)
        let shift = small.exponent - big.exponent
        // Beyond 60 binary places the smaller one is below the larger's rounding.
        if shift < -60 { return big }
        return Scaled(mantissa: big.mantissa + scalbn(small.mantissa, Int32(shift)), exponent: big.exponent)
    }

    /// x^e for a whole e ≥ 0 without underflow. x = m · 2^k exactly, and m^e is taken by
    /// `pow` (within an ulp) in steps of at most 1000, where m ≥ 0.5 cannot underflow.
    static func power(_ x: Double, _ e: Int) -> Scaled {
        if e <= 0 { return .one }
        if x == 0 { return .zero }
        let (m, k) = frexp(x)
        let chunk = 1000
        var result = Scaled(mantissa: pow(m, Double(e % chunk)), exponent: 0)
        if e >= chunk {
            var square = Scaled(mantissa: pow(m, Double(chunk)), exponent: 0)
            var times = e / chunk
            while times > 0 {
                if times & 1 == 1 { result = result * square }
                times >>= 1
                if times > 0 { square = square * square }
            }
        }
        let (shift, overflow) = k.multipliedReportingOverflow(by: e)
        return overflow ? (k < 0 ? .zero : Scaled(.infinity)) : result * Scaled(mantissa: 1, exponent: shift)
    }

    static func < (a: Scaled, b: Scaled) -> Bool {
        if a.mantissa == 0 || b.mantissa == 0 { return a.mantissa < b.mantissa }
        return a.exponent != b.exponent ? a.exponent < b.exponent : a.mantissa < b.mantissa
    }
}
