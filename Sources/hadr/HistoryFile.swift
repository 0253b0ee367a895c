#if canImport(Glibc)
    import Glibc
#endif

/// The REPL's history on disk: one entry a line (new lines inside an entry escaped),
/// appended with one write(2) per entry so that a crash or a second session at the same
/// time loses nothing already saved; trimmed by writing a temporary file and renaming it.
struct HistoryFile {
    let path: String
    let limit: Int

    /// `$XDG_STATE_HOME/hadr/history`, or `~/.hadr_history` when XDG_STATE_HOME is unset.
    static func defaultPath() -> String? {
        if let state = getenv("XDG_STATE_HOME").map({ String(cString: $0) }), !state.isEmpty {
            return state + "/hadr/history"
        }
        if let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty {
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

    /// The saved entries, oldest first, at most `limit`; trims the file when it has grown to twice that.
    func load() -> [String] {
        guard let file = fopen(path, "r") else { return [] }
        var lines: [String] = []
        while let line = Self.readLine(file) { lines.append(line) }
        fclose(file)
        let entries = lines.filter { !$0.isEmpty }.map(Self.decode)
        if entries.count > 2 * limit { rewrite(Array(entries.suffix(limit))) }
        return Array(entries.suffix(limit))
    }

    private static func readLine(_ file: UnsafeMutablePointer<FILE>) -> String? {
        var bytes: [UInt8] = []
        while true {
            let c = getc(file)
            if c == EOF { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if c == 10 { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(UInt8(truncatingIfNeeded: c))
        }
    }

    /// Appends one entry with a single write.
    func append(_ entry: String) {
        makeFolder()
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array((Self.encode(entry) + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Replaces the file with `entries`, atomically.
    private func rewrite(_ entries: [String]) {
        _ = AtomicFile.write(entries.map { Self.encode($0) + "\n" }.joined(), to: path)
    }

    private func makeFolder() {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = path[..<slash]
        var prefix = folder.hasPrefix("/") ? "" : "."
        for part in folder.split(separator: "/") {
            prefix += "/" + part
            mkdir(prefix, 0o700)
        }
    }
}
