#if canImport(Glibc)
    import Glibc
#endif

/// Writes a whole file through a temporary file beside it and a rename, so a failure
/// never leaves half a file. The temporary file is created afresh (`O_EXCL | O_NOFOLLOW`,
/// so a planted symlink cannot redirect the write) with the mode of the file it replaces
/// (or `newMode` for a new one). A symlink at `path` is followed, so the link stays and
/// the file it names is replaced; anything but a regular file is refused.
enum AtomicFile {
    /// nil on success, else what went wrong.
    static func write(_ text: String, to path: String, newMode: mode_t = 0o644) -> String? {
        var target = path
        var mode = newMode
        var status = stat()
        if lstat(path, &status) == 0 {
            if (status.st_mode & S_IFMT) == S_IFLNK {
                guard let resolved = realpath(path, nil) else { return "it is a symlink to nothing" }
                target = String(cString: resolved)
                free(resolved)
                guard stat(target, &status) == 0 else { return String(cString: strerror(errno)) }
            }
            guard (status.st_mode & S_IFMT) == S_IFREG else { return "it is not a regular file" }
            mode = status.st_mode & 0o7777
        }
        var temporary = ""
        var fd: Int32 = -1
        for attempt in 0..<100 {
            temporary = target + ".tmp.\(getpid()).\(attempt)"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        func fail() -> String {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(temporary)
            return reason
        }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return fail()
            }
            offset += n
        }
        if fchmod(fd, mode) != 0 || fsync(fd) != 0 { return fail() }
        if close(fd) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return reason
        }
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return reason
        }
        return nil
    }
}
