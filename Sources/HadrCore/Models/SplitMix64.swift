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
        return Self.mix(state)
    }

    /// SplitMix64's finaliser: a bijection that scatters nearby inputs.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The generator for stream `index` of a seed: streams start at scattered states,
    /// where `seed + index` would give one stream shifted by a step.
    static func stream(_ index: Int, of seed: UInt64) -> SplitMix64 {
        SplitMix64(seed: mix(seed ^ mix(UInt64(index) &+ 1)))
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [low, high].
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }
}
