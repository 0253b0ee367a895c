import HadrCore

#if canImport(Glibc)
    import Glibc
#endif

/// Standard output, buffered when it is a file or a pipe and written as it comes on a
/// terminal, and unbuffered standard error, all with write(2). A failed write is kept,
/// so that the run ends with an error and a non-zero status instead of losing output
/// without a word.
final class Console {
    private var buffer: [UInt8] = []
    let stdoutIsTerminal = isatty(1) == 1
    let stdinIsTerminal = isatty(0) == 1
    /// Why writing standard output failed, once it has (no more is written then).
    private(set) var writeFailure: String?

    init() {
        buffer.reserveCapacity(1 << 16)
    }

    func out(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if stdoutIsTerminal || buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        if writeFailure == nil, let reason = Self.writeAll(1, buffer) {
            writeFailure = reason
            // Nothing more can be shown: stop the evaluation instead of running on unseen
            // (a closed pipe, `> /dev/full` under an endless loop).
            interruptRequests.request()
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func err(_ text: String) {
        flush()
        _ = Self.writeAll(2, Array(text.utf8))
    }

    /// Writes everything, retrying after a signal; the system's reason when it cannot.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            if n == 0 { return "nothing could be written" }
            offset += n
        }
        return nil
    }
}

/// What output may use: the terminal's width (TIOCGWINSZ, then `$COLUMNS`, then 80)
/// and Unicode unless `TERM` is `dumb`. Piped output keeps 80 columns, so what a script
/// prints does not depend on the terminal it was started from; `--width` overrides both.
enum TerminalLayout {
    static func current(isTerminal: Bool, width: Int?) -> Display.Layout {
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        let unicode = term != "dumb"
        if let width { return Display.Layout(width: width, unicode: unicode) }
        guard isTerminal else { return Display.Layout(width: Display.Layout.standard.width, unicode: unicode) }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Display.Layout(width: Int(size.ws_col), unicode: unicode)
        }
        if let text = getenv("COLUMNS").map({ String(cString: $0) }), let columns = Int(text), columns > 0 {
            return Display.Layout(width: columns, unicode: unicode)
        }
        return Display.Layout(width: Display.Layout.standard.width, unicode: unicode)
    }
}

/// Terminal colours, used only when asked for or when stdout is a terminal that wants them.
struct Colors {
    let enabled: Bool

    /// `auto` colours a terminal unless `NO_COLOR` is set or `TERM` is `dumb`.
    init(mode: ColorMode, isTerminal: Bool) {
        switch mode {
        case .always: enabled = true
        case .never: enabled = false
        case .auto:
            let noColor = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
            let term = getenv("TERM").map { String(cString: $0) } ?? ""
            enabled = isTerminal && noColor.isEmpty && term != "dumb"
        }
    }

    private func wrap(_ code: String) -> @Sendable (String) -> String {
        if !enabled { return { text in text } }
        let start = "\u{1B}[" + code + "m"
        return { text in start + text + "\u{1B}[0m" }
    }

    var display: Display.Style {
        Display.Style(
            unit: wrap("36"), header: wrap("1"), string: wrap("32"), accent: wrap("34"), alert: wrap("31"),
            muted: wrap("2"))
    }

    var diagnostics: DiagnosticRenderer.Palette {
        DiagnosticRenderer.Palette(error: wrap("1;31"), location: wrap("1"), caret: wrap("1;31"), note: wrap("2"))
    }
}
