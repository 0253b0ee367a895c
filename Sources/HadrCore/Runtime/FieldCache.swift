/// Where a field read last found its field: records made by one literal share their
/// list of names, so a read in a loop finds its field by comparing that list's storage
/// instead of searching the names. The names are kept, so their storage cannot be reused
/// by another list while it is remembered.
final class FieldCache {
    private var names: [String] = []
    private var index = 0

    /// The field's value, or nil when the record has no such field (the caller reports it).
    @inline(__always)
    func field(_ name: String, of record: RecordBox) -> Value? {
        if Self.sameStorage(record.names, names) { return record.values[index] }
        guard let i = record.names.firstIndex(of: name) else { return nil }
        names = record.names
        index = i
        return record.values[i]
    }

    @inline(__always)
    private static func sameStorage(_ a: [String], _ b: [String]) -> Bool {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
            && !a.isEmpty
    }
}
