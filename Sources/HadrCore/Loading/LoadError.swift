/// What can go wrong while finding and reading the files an input needs.
enum LoadError: ErrorMessage {
    /// An imported path that names no file.
    case noSuchImport(String, importer: String)
    /// A file that imports itself, directly or through others; the chain of file names.
    case importCycle([String])
    /// A file that cannot be opened or read, with the system's reason.
    case unreadable(String, reason: String)
    /// A folder where a file was expected.
    case isFolder(String)
    /// A source larger than the most a source may be.
    case tooLarge(String, limit: Int)
    /// An import of a file whose name does not end in `.hadr`.
    case notHadr(String)
    /// An import of something that is not a regular file (a FIFO, a device).
    case notRegular(String)
    /// A source whose bytes are not UTF-8 text: where the first bad byte is, and its value.
    case notUTF8(String, line: Int, column: Int, byte: UInt8)
    /// `--timeout` passed while a source was still coming (a pipe whose writer is slow).
    case timedOut(String, seconds: Double)
    /// Ctrl-C or SIGTERM while waiting for a source (a FIFO with no writer, a terminal).
    case interrupted

    var kind: Diagnostic.Kind {
        switch self {
        case .importCycle: .name
        case .notUTF8: .syntax
        case .timedOut: .limit
        case .interrupted: .interrupted
        default: .io
        }
    }

    var message: String {
        switch self {
        case .noSuchImport(let path, let importer): "cannot import \"\(path)\": no such file beside `\(importer)`"
        case .importCycle(let chain): "import cycle: " + chain.joined(separator: " → ")
        case .unreadable(let path, let reason): "cannot read `\(path)`: \(reason)"
        case .isFolder(let path): "cannot read `\(path)`: it is a folder"
        case .tooLarge(let path, let limit):
            "cannot read `\(path)`: it is larger than the \(limit >> 20) MiB a source may be"
        case .notHadr(let path): "cannot import `\(path)`: only files whose names end in `.hadr` can be imported"
        case .notRegular(let path): "cannot import `\(path)`: it is not a regular file"
        case .notUTF8(let path, let line, let column, let byte):
            "cannot read `\(path)`: line \(line), column \(column) holds byte 0x"
                + String(byte, radix: 16, uppercase: true) + ", which is not UTF-8 text"
        case .timedOut(let path, let seconds):
            "reading `\(path)` took longer than the \(seconds)-second time limit"
        case .interrupted: "interrupted"
        }
    }

    var notes: [String] {
        switch self {
        case .noSuchImport: ["note: imports are found relative to the file that imports them"]
        case .notUTF8: ["help: hadr reads sources as UTF-8; convert the file, as with `iconv -f latin1 -t utf-8`"]
        case .timedOut: ["help: raise the limit with --timeout"]
        default: []
        }
    }
}
