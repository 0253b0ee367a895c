#if canImport(Glibc)
    import Glibc
#endif

/// Runs work on a thread with a large stack, so deep (but bounded) recursion in the
/// parser, resolver and evaluator reaches hadr's own limits long before the native stack's.
enum LargeStack {
    /// Virtual size of the thread's stack; pages are only committed when touched.
    static let size = 1 << 30

    /// Holds the work while the thread runs it; the caller joins the thread before
    /// returning, so no two threads touch the box at once.
    private final class Work: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Runs `body` on a fresh thread with a large stack and waits for it.
    static func run(_ body: @escaping () -> Void) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, size)
        let work = Unmanaged.passRetained(Work(body))
        var thread = pthread_t()
        let started = pthread_create(
            &thread, &attributes,
            { context in
                guard let context else { return nil }
                let work = Unmanaged<Work>.fromOpaque(context).takeRetainedValue()
                work.body()
                return nil
            }, work.toOpaque())
        if started != 0 {
            work.release()
            body()
            return
        }
        pthread_join(thread, nil)
    }
}
