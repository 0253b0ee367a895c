#if canImport(Glibc)
    import Glibc
#endif

/// Reads source files for scripts and `import`; the only file access the language has.
enum SourceLoader {
    /// Largest source accepted (a file, an import or standard input), in bytes. Reading,
    /// parsing and compiling take about 2.5 s and 50 bytes of memory per byte of the
    /// densest source (`x = 1` lines) on the benchmark machine, so the largest takes about
    /// 40 s and 0.9 GB; no hand-written model comes near.
    static let maxFileSize = 16 << 20

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

    /// Reads a file an `import` names: only a regular file whose real name ends in
    /// `.hadr`, so that an import can neither block on a FIFO or a device nor show a file
    /// that is not hadr (`/proc/self/environ`, a `.env` of secrets) in an error's snippet.
    static func readImport(_ path: String) throws(LoadError) -> String {
        guard path.hasSuffix(".hadr") else { throw .notHadr(path) }
        return try read(path, regularOnly: true)
    }

    /// Reads a whole file as text, refusing bytes that are not UTF-8. A script given
    /// on the command line may be a pipe (`hadr <(...)`); `regularOnly` refuses anything
    /// but a regular file. Either way at most `maxFileSize` bytes are read.
    static func read(_ path: String, regularOnly: Bool = false, timeout: Double? = nil) throws(LoadError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (regularOnly ? O_NONBLOCK : 0))
        // Opening a FIFO waits for a writer; Ctrl-C there is an interruption, not a failure.
        if fd < 0, errno == EINTR { throw .interrupted }
        guard fd >= 0 else { throw .unreadable(path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .unreadable(path, reason: String(cString: strerror(errno))) }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR { throw .isFolder(path) }
        if regularOnly, type != S_IFREG { throw .notRegular(path) }
        return try readAll(fd, name: path, timeout: timeout)
    }

    /// Reads a descriptor to its end, refusing more than `maxFileSize` bytes, and giving up
    /// after `timeout` seconds if the text is still coming then (a pipe whose writer stalls).
    static func readAll(_ fd: Int32, name: String, timeout: Double? = nil) throws(LoadError) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        let deadline = timeout.map { Machine.now() + $0 }
        while true {
            if let deadline, let timeout {
                if try !isReady(fd, until: deadline) { throw .timedOut(name, seconds: timeout) }
            }
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                // hadr's signal handlers restart nothing: only Ctrl-C or SIGTERM gets here.
                if errno == EINTR { throw .interrupted }
                throw .unreadable(name, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maxFileSize { throw .tooLarge(name, limit: maxFileSize) }
        }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        throw notUTF8(bytes, name: name)
    }

    /// Waits until `fd` has something to read (or is at its end); false if `deadline`
    /// (`Machine.now()` seconds) comes first.
    private static func isReady(_ fd: Int32, until deadline: Double) throws(LoadError) -> Bool {
        while true {
            let left = deadline - Machine.now()
            if left <= 0 { return false }
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            // Whole milliseconds, rounded up, at most a day a wait (the limit is at most a year).
            let n = poll(&ready, 1, Int32(min(left * 1000, 86_400_000).rounded(.up)))
            if n > 0 { return true }
            // hadr's signal handlers restart nothing: only Ctrl-C or SIGTERM gets here.
            if n < 0, errno == EINTR { throw .interrupted }
            if n < 0 { return true }  // let `read` report what is wrong with the descriptor
        }
    }

    /// How many of `bytes`, from the start, are UTF-8 text: the offset of the first byte
    /// that is not, or the count when all are.
    static func validUTF8Prefix(_ bytes: some Sequence<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while case .valid(let encoded) = parser.parseScalar(from: &iterator) { offset += encoded.count }
        return offset
    }

    /// The error for bytes that are not all UTF-8: the line and column of the first bad byte.
    static func notUTF8(_ bytes: [UInt8], name: String) -> LoadError {
        let bad = min(validUTF8Prefix(bytes), bytes.count - 1)
        let before = bytes[..<bad]
        // A byte-order mark opening the file is not a column (SourceFile drops it).
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let lineStart = max((before.lastIndex(of: 0x0A) ?? -1) + 1, min(bom, bad))
        let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        let column = String(decoding: bytes[lineStart..<bad], as: UTF8.self).count + 1
        return .notUTF8(name, line: line, column: column, byte: bytes[bad])
    }
}
