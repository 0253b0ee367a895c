/// Values taken as reliability blocks.
extension Block {
    /// A value as a block: systems as they are, availabilities and numbers as leaves.
    static func lift(_ value: Value, label: String?) -> Block? {
        if case .system(let b) = value { return b }
        return Operators.unavailabilityOf(value).map { .leaf($0, label: label) }
    }
}
