/// Warnings: things that run but are probably not what was meant, reported once per place.
struct WarningPlace: Hashable {
    let file: String
    let start: Int
}

extension Machine {
    /// Reports a warning at a place in a source, unless that place has warned before.
    func warn(_ message: some ErrorMessage, file: SourceFile, range: SourceRange) {
        guard warnedPlaces.insert(WarningPlace(file: file.name, start: range.start)).inserted else { return }
        var d = Diagnostic(message, file: file, range: range)
        d.isWarning = true
        warning(d)
    }

    /// Reports a warning at the call site of the builtin running now.
    func warnAtCall(_ message: some ErrorMessage) {
        let site = nativeSite.takeUnretainedValue()
        warn(message, file: site.file, range: site.range)
    }
}
