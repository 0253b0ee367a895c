import HadrCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Set by SIGINT and SIGTERM: stops a running evaluation, or clears the line at the
/// prompt. A signal handler cannot capture, so it reaches this one global through a `let`.
let interruptRequests = Interrupt()

/// The last signal that asked hadr to stop, for the exit status (130 for SIGINT, 143 for SIGTERM).
let lastSignal = Atomic<Int32>(0)

/// How hadr answers SIGINT and SIGTERM.
enum Signals {
    /// For a script: the first signal asks the evaluation to stop (it then flushes what it
    /// printed, reports the interruption and exits 128 + the signal); a second one ends
    /// the process at once, for a program stuck where it does not check.
    static func installForScript() {
        install(SIGINT) { signal in
            lastSignal.store(signal, ordering: .relaxed)
            interruptRequests.request()
            Signals.restoreDefault(signal)
        }
        install(SIGTERM) { signal in
            lastSignal.store(signal, ordering: .relaxed)
            interruptRequests.request()
            Signals.restoreDefault(signal)
        }
    }

    /// For the REPL: Ctrl-C stops an evaluation or clears the line, every time. No
    /// SA_RESTART, so a read at the prompt returns.
    static func installForREPL() {
        install(SIGINT) { signal in
            lastSignal.store(signal, ordering: .relaxed)
            interruptRequests.request()
        }
        install(SIGTERM) { signal in
            lastSignal.store(signal, ordering: .relaxed)
            interruptRequests.request()
            Signals.restoreDefault(signal)
        }
    }

    /// The exit status for an evaluation the user stopped.
    static var interruptedStatus: Int32 {
        lastSignal.load(ordering: .relaxed) == SIGTERM ? 143 : ExitStatus.interrupted
    }

    /// Installs a handler and unblocks the signal: a parent may have started hadr with it
    /// blocked (a test runner does), and a blocked signal would never stop anything.
    private static func install(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, signal)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Puts a signal's default action back (async-signal-safe: only sigaction).
    static func restoreDefault(_ signal: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }
}
