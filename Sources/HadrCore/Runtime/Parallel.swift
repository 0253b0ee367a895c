import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs independent iterations on one thread per core. Plain pthreads rather than
/// Dispatch: linking Dispatch's Swift overlay made every start of hadr slower, and only
/// `simulate` needs threads.
enum Parallel {
    /// What the threads share: the body and the next index to take.
    private final class Job: Sendable {
        let count: Int
        let body: @Sendable (Int) -> Void
        let next = Atomic<Int>(0)

        init(count: Int, body: @escaping @Sendable (Int) -> Void) {
            self.count = count
            self.body = body
        }

        /// Takes indices until none is left.
        func work() {
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= count { return }
                body(i)
            }
        }
    }

    /// The number of online processors, at least 1.
    static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Calls `body(i)` for every i in 0..<count, spread over the cores; returns when all
    /// have run. The calling thread takes its share too.
    static func forEach(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let job = Job(count: count, body: body)
        let helpers = min(processorCount, count) - 1
        var threads: [pthread_t] = []
        for _ in 0..<max(0, helpers) {
            let context = Unmanaged.passRetained(job)
            var thread = pthread_t()
            let started = pthread_create(
                &thread, nil,
                { context in
                    guard let context else { return nil }
                    Unmanaged<Job>.fromOpaque(context).takeRetainedValue().work()
                    return nil
                }, context.toOpaque())
            if started == 0 {
                threads.append(thread)
            } else {
                context.release()
            }
        }
        job.work()
        for thread in threads { pthread_join(thread, nil) }
    }
}
