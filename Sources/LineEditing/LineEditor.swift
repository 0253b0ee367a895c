import CLibEdit
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A line editor on libedit: emacs keys, history with Up/Down and Ctrl-R, Tab completion.
/// The only code in hadr that talks to libedit.
public final class LineEditor {
    /// Given the line and the cursor (a UTF-8 offset), the words that may replace the
    /// identifier that ends at the cursor.
    public typealias Completer = (_ line: String, _ cursor: Int) -> [String]

    /// Holds the completer for the C callback. libedit calls it only from inside
    /// `readline`, on the thread that called it, so the closure is never used concurrently.
    private final class CompleterBox: @unchecked Sendable {
        let complete: Completer
        init(_ complete: @escaping Completer) { self.complete = complete }
    }

    /// libedit calls back through a C function pointer, which cannot capture; the
    /// completer it should ask lives here.
    private static let completer = Mutex<CompleterBox?>(nil)

    public init(name: String, historySize: Int, completer: @escaping Completer) {
        setlocale(LC_CTYPE, "")
        let box = CompleterBox(completer)
        Self.completer.withLock { $0 = box }
        hadr_rl_set_name(strdup(name))
        hadr_rl_initialize()
        hadr_rl_using_history()
        hadr_rl_set_history_max(Int32(clamping: historySize))
        hadr_rl_set_catch_signals(0)
        hadr_rl_set_append_character(0)
        // Characters that end a word for completion, so the word is the identifier at the
        // cursor; libedit keeps the pointer for the life of the program.
        if let breaks = strdup(" \t\n\"\\'`@$><=;|&{(,[]+-*/^:.!#%") { hadr_rl_set_word_breaks(breaks) }
        hadr_rl_set_completion { text, start, end in
            hadr_rl_set_completion_over(1)
            guard let buffer = hadr_rl_line_buffer() else { return nil }
            let line = String(cString: buffer)
            let cursor = Int(hadr_rl_point())
            guard let box = LineEditor.completer.withLock({ $0 }) else { return nil }
            return LineEditor.matches(box.complete(line, cursor))
        }
    }

    /// Whether libedit was found; without it lines are read plainly, with no editing.
    public static var isAvailable: Bool { hadr_rl_available() != 0 }

    /// Reads one line; nil at end of input (Ctrl-D) or when a signal interrupted the read.
    public func readLine(prompt: String) -> String? {
        guard Self.isAvailable else {
            var text = prompt
            _ = text.withUTF8 { write(1, $0.baseAddress, $0.count) }
            return Swift.readLine(strippingNewline: true)
        }
        guard let raw = hadr_readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Adds an entry to the in-memory history (Up/Down, Ctrl-R).
    public func addHistory(_ entry: String) {
        hadr_add_history(entry)
    }

    /// Builds readline's match list: the common prefix first, then each candidate, all malloc'd.
    private static func matches(_ candidates: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard !candidates.isEmpty else { return nil }
        var common = candidates[0]
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        let entries = candidates.count == 1 ? candidates : [common] + candidates
        guard
            let list = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1))?
                .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
        else { return nil }
        for (i, entry) in entries.enumerated() { list[i] = strdup(entry) }
        list[entries.count] = nil
        return list
    }
}
