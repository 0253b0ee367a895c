#if canImport(Glibc)
    import Glibc
#endif

/// Reads source files for scripts and `import`; the only file access the language has.
public enum SourceLoader {
    /// Largest source file accepted, in bytes.
    public static let maxFileSize = 64 << 20

    /// The absolute, symlink-free form of a path, or nil if it does not exist.
    public static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The folder part of a path ("." when there is none).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// Reads a whole file as text; bytes that are not UTF-8 become U+FFFD.
    public static func read(_ path: String) throws(Diagnostic) -> String {
        var isDirectory = stat()
        if stat(path, &isDirectory) == 0, (isDirectory.st_mode & S_IFMT) == S_IFDIR {
            throw Diagnostic(.io, "cannot read `\(path)`: it is a folder")
        }
        guard let handle = fopen(path, "rb") else {
            let reason = String(cString: strerror(errno))
            throw Diagnostic(.io, "cannot read `\(path)`: \(reason)")
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, handle)
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if bytes.count > maxFileSize {
                throw Diagnostic(.limit, "`\(path)` is larger than the \(maxFileSize >> 20) MiB a source file may be")
            }
            if n < chunk.count {
                if ferror(handle) != 0 { throw Diagnostic(.io, "cannot read `\(path)`: read error") }
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
