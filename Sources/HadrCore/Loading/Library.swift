/// One standard-library file as the build tool embeds it, with its index.
struct LibraryFile: Sendable {
    /// The file's name without `.hadr` (`availability`), which is also its help topic.
    let name: String
    let text: String
    /// The names its top level binds, in order.
    let defines: [String]
    /// The other library files whose names it uses.
    let uses: [String]
    /// Each function it declares, for `help` without loading the file.
    let entries: [HelpEntry]
}

/// A library function's signature and `##` documentation, as the build tool read them.
struct HelpEntry: Sendable {
    let name: String
    /// `name(a, b = 1, ...rest)`.
    let signature: String
    /// The parameters a call may name, in order.
    let labels: [String]
    let doc: String
}

/// The standard library compiled into the binary: which file defines each name, and in
/// which order files load (each after the files it uses).
enum Library {
    /// The files, each after those it uses.
    static let files: [LibraryFile] = EmbeddedStdlib.files

    /// Name → the index of the file that binds it.
    static let fileDefining: [String: Int] = {
        var index: [String: Int] = [:]
        for (i, file) in files.enumerated() {
            for name in file.defines where index[name] == nil { index[name] = i }
        }
        return index
    }()

    /// For each file, the indices of the files it uses.
    static let dependencies: [[Int]] = files.map { file in
        file.uses.compactMap { name in files.firstIndex { $0.name == name } }
    }

    /// Every name the library binds.
    static let names: Set<String> = Set(fileDefining.keys)

    /// The help entry of a library function, by name.
    static func entry(named name: String) -> HelpEntry? {
        guard let i = fileDefining[name] else { return nil }
        return files[i].entries.first { $0.name == name }
    }

    /// The name a library file's source is shown under in errors.
    static func sourceName(_ index: Int) -> String { "stdlib/\(files[index].name).hadr" }
}
