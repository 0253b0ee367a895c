import CNativeStack

#if canImport(Glibc)
    import Glibc
#endif

/// Runs work on a thread with a large stack, so deep (but bounded) recursion in the
/// parser, resolver and evaluator reaches hadr's own limits long before the native
/// stack's. The stack is asked for at 1 GiB, or at a quarter of the address space under
/// a `ulimit -v`, and, when that cannot be had, at halves of it down to 16 MiB; the machine then reads the stack's real
/// bounds (`NativeStack`) and stops a recursion with a limit error before it overflows,
/// whatever size was had.
enum LargeStack {
    /// The stack sizes tried, largest first; pages are only committed when touched.
    static let sizes = [1 << 30, 1 << 29, 1 << 28, 1 << 27, 1 << 26, 1 << 25, 1 << 24]

    /// Holds the work while the thread runs it; the caller joins the thread before
    /// returning, so no two threads touch the box at once.
    private final class Work: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Runs `body` on a fresh thread with the largest stack that can be had and waits
    /// for it; on the calling thread if no thread can be started at all.
    static func run(_ body: @escaping () -> Void) {
        let most = mostForStack()
        for size in sizes where size <= most && start(body, stackSize: size) { return }
        body()
    }

    /// Set once, the first time an address-space limit is seen.
    private static let arenaLimit: Int32 = hadr_one_malloc_arena()

    /// The largest stack to ask for: under an address-space limit (`ulimit -v`), a quarter
    /// of it, so that the stack does not take the memory the values need; 1 GiB otherwise.
    static func mostForStack() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else {
            return sizes[0]
        }
        // One malloc arena: glibc gives each new thread an arena that reserves 64 MiB of
        // address space, and when that fails it tries again on every allocation (a list of
        // 5 million items took a minute of system time under `ulimit -v 200000`).
        _ = arenaLimit
        let quarter = Int(clamping: limit.rlim_cur / 4)
        return max(sizes[sizes.count - 1], quarter)
    }

    /// Starts a thread with a stack of `size` bytes running `body` and joins it; false
    /// when the thread could not be started.
    private static func start(_ body: @escaping () -> Void, stackSize size: Int) -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstacksize(&attributes, size) == 0 else { return false }
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
        guard started == 0 else {
            work.release()
            return false
        }
        pthread_join(thread, nil)
        return true
    }
}

/// The bounds of the running thread's native stack, so that deep recursion stops with
/// a located error instead of a crash.
enum NativeStack {
    /// Room kept below the floor for what runs between two checks: a long expression
    /// inside one call, a builtin's own work, an error's rendering.
    static let margin = 4 << 20

    /// The lowest address the thread's stack may reach before hadr refuses to go deeper,
    /// and the stack's size; nil when the bounds cannot be read.
    static func floor() -> (floor: UInt, size: Int)? {
        var low: UnsafeMutableRawPointer?
        var size = 0
        guard hadr_stack_bounds(&low, &size) == 0, let low else { return nil }
        let base = UInt(bitPattern: low)
        // A stack smaller than twice the margin keeps half of itself in reserve.
        let reserve = UInt(min(margin, size / 2))
        return (base + reserve, size)
    }

    /// The address of the caller's frame, near enough to the stack pointer.
    @inline(__always)
    static func here() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}
