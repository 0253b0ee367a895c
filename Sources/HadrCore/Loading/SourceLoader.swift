#if canImport(Glibc)
    import Glibc
#endif

/// Reads source files for scripts and `import`; the only file access the language has.
enum SourceLoader {
    /// Largest source file accepted, in bytes.
    static let maxFileSize = 64 << 20

    /// The absolute, symlink-free form of a path, or nil if it does not exist.
    static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The folder part of a path ("." when there is none).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// The last path component, for short messages.
    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Reads a file an `import` names.
    static func readImport(_ path: String) throws(LoadError) -> String {
        try read(path)
    }

    /// Reads a whole file as text; bytes that are not UTF-8 become U+FFFD.
    static func read(_ path: String) throws(LoadError) -> String {
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw .isFolder(path)
        }
        guard let handle = fopen(path, "rb") else {
            throw .unreadable(path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, handle)
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if bytes.count > maxFileSize { throw .tooLarge(path, limit: maxFileSize) }
            if n < chunk.count {
                if ferror(handle) != 0 { throw .unreadable(path, reason: "read error") }
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
