/// SplitMix64: a small, fast generator whose sequence a seed fixes, so results repeat.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A seed from the clock, for calls that give none.
    static func unseeded() -> SplitMix64 {
        SplitMix64(seed: UInt64(bitPattern: Int64(Machine.now() * 1e9)))
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [low, high].
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }
}
