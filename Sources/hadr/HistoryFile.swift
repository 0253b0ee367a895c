#if canImport(Glibc)
    import Glibc
#endif

/// The REPL's history on disk: one entry a line (new lines inside an entry escaped).
///
/// Several sessions may share the file. Every change takes an exclusive lock on a lock
/// file beside it (`history.lock`; the history file itself is replaced when trimmed, so
/// it cannot carry the lock), an entry is appended with one write and cut back if the
/// write is short (a full disk leaves no half entry for the next to be glued to), and a
/// trim re-reads the file under the lock, so nothing another session appended is lost.
struct HistoryFile {
    let path: String
    let limit: Int
    /// The longest entry kept: longer ones are neither saved nor loaded.
    static let maxEntryBytes = 64 << 10
    /// How much of the end of the file is read at start: enough for `limit` entries of
    /// ordinary length, so that a huge file cannot delay the prompt.
    static let maxReadBytes = 4 << 20

    /// `$XDG_STATE_HOME/hadr/history`, or `~/.hadr_history` when XDG_STATE_HOME is unset.
    /// A relative XDG_STATE_HOME is ignored, as the XDG Base Directory spec says.
    static func defaultPath() -> String? {
        if let state = getenv("XDG_STATE_HOME").map({ String(cString: $0) }), state.hasPrefix("/") {
            return state + "/hadr/history"
        }
        if let home = getenv("HOME").map({ String(cString: $0) }), home.hasPrefix("/") {
            return home + "/.hadr_history"
        }
        return nil
    }

    static func encode(_ entry: String) -> String {
        var out = ""
        for ch in entry {
            switch ch {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    static func decode(_ line: String) -> String {
        var out = ""
        var escaped = false
        for ch in line {
            if escaped {
                out.append(ch == "n" ? "\n" : ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// The saved entries, oldest first, at most `limit`; trims the file when it has grown
    /// to twice that.
    func load() -> [String] {
        let entries = withLock { readEntries() } ?? readEntries()
        if entries.count > 2 * limit { trim() }
        return Array(entries.suffix(limit))
    }

    /// The entries in the last `maxReadBytes` of the file, each at most `maxEntryBytes`.
    private func readEntries() -> [String] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return [] }
        let size = Int(status.st_size)
        let start = max(0, size - Self.maxReadBytes)
        var bytes = [UInt8](repeating: 0, count: size - start)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeMutableBytes {
                pread(fd, $0.baseAddress, $0.count, off_t(start + offset))
            }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            offset += n
        }
        var lines = bytes[..<offset].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        // A read that starts mid-file starts mid-entry: drop that first piece.
        if start > 0, !lines.isEmpty { lines.removeFirst() }
        return lines.filter { $0.count <= Self.maxEntryBytes }.map { Self.decode(String(decoding: $0, as: UTF8.self)) }
    }

    /// Appends one entry; false when it could not be saved.
    @discardableResult
    func append(_ entry: String) -> Bool {
        let line = Array((Self.encode(entry) + "\n").utf8)
        guard line.count <= Self.maxEntryBytes else { return true }
        guard makeFolder() else { return false }
        return withLock { () -> Bool in
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            var status = stat()
            guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return false }
            let n = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n != line.count {
                // Never leave half an entry: cut the file back to where it was.
                _ = ftruncate(fd, status.st_size)
                return false
            }
            return true
        } ?? false
    }

    /// Rewrites the file with its last `limit` entries, read again under the lock.
    private func trim() {
        _ = withLock { () -> Bool in
            let entries = readEntries()
            guard entries.count > limit else { return true }
            let text = entries.suffix(limit).map { Self.encode($0) + "\n" }.joined()
            return AtomicFile.write(text, to: path, newMode: 0o600) == nil
        }
    }

    /// Runs `body` holding an exclusive lock on the history's lock file; nil when the lock
    /// cannot be had.
    private func withLock<T>(_ body: () -> T) -> T? {
        let fd = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { return nil }
        }
        defer { flock(fd, LOCK_UN) }
        return body()
    }

    private func makeFolder() -> Bool {
        guard let slash = path.lastIndex(of: "/") else { return true }
        let folder = path[..<slash]
        var prefix = ""
        for part in folder.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o700) != 0, errno != EEXIST { return false }
        }
        return true
    }
}
