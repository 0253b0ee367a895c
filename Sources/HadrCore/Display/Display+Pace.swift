/// How a long display stops at the evaluation's limits.
extension Display {
    /// The deadline and interrupt of the evaluation whose result is being shown. The loops
    /// over the items of a list, table or record look at it every `every` items; once the
    /// time is up or Ctrl-C was pressed they stop early, and the session reports the limit
    /// in place of the unfinished text (`Machine.paced`: a session's results, `print`,
    /// `str`, interpolation). Outside one (a test calling `Display`) there is none, and
    /// displays run to their end.
    struct Pace: Sendable {
        let deadline: Double?
        let interrupt: Interrupt

        @TaskLocal static var current: Pace?

        /// Items between two looks at the clock. Loops nest (a table's rows, a cell's list),
        /// and once the time is up each loop runs on to its next look: a small number keeps
        /// that tail short (63 rows of 63 items), at a task-local read and a clock read
        /// every 64 items.
        static let every = 64

        /// Whether the time is up or an interrupt is pending (left pending for the session).
        var isOver: Bool {
            if interrupt.isRequested { return true }
            if let deadline { return Machine.now() > deadline }
            return false
        }

        /// Whether a loop at item `i` must stop: true only at every `every`th item, and
        /// only when the pace is over.
        @inline(__always)
        static func stops(at i: Int) -> Bool { stops(at: i, after: 0) }

        /// As `stops(at:)`, looking at the clock after a large item too (a megabyte of
        /// text or more): a few huge strings take as long as millions of small items.
        @inline(__always)
        static func stops(at i: Int, after bytes: Int) -> Bool {
            (i & (every - 1) == every - 1 || bytes >= 1 << 20) && (current?.isOver ?? false)
        }
    }
}
