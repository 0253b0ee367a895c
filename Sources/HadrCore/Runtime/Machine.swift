import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The run-time state: the value stack, the globals, limits and the interrupt flag.
final class Machine {
    static let stackCapacity = 1 << 20
    static let checkInterval = 4096

    /// The current frame's first slot.
    var fp: UnsafeMutablePointer<Value>
    /// The first free slot above the current frame.
    var sp: UnsafeMutablePointer<Value>
    let stackBase: UnsafeMutablePointer<Value>
    let stackEnd: UnsafeMutablePointer<Value>
    /// Global slots; reallocated as the global table grows, so code reads it through the machine.
    /// Written only through `setGlobal`, which keeps `globalFunctions` in step.
    private(set) var globals: UnsafeMutablePointer<Value>
    /// For each global slot, the function it holds, unretained: a call through a global
    /// borrows its callee from here instead of retaining and releasing it.
    private(set) var globalFunctions: UnsafeMutablePointer<Unmanaged<Function>?>
    private(set) var globalCount = 0
    private var globalCapacity = 0
    /// Functions replaced in their global slot while calls were running: a running call
    /// may be borrowing one, so they live until the machine is back at top level.
    private var retired: [Value] = []
    /// How many module runs are nested (an import or a library file loaded inside another).
    var modulesRunning = 0

    /// How many hadr calls are active.
    var depth = 0
    /// For each active call, by depth (1 is the outermost): where it was made and what it
    /// called. Written as each call starts, read only when an error takes its trace.
    var callRecords: UnsafeMutablePointer<CallRecord>
    var callRecordCapacity = 0
    /// The call site of the builtin running now: the calls it makes back into hadr
    /// (`map`'s function) are traced as made there.
    var nativeSite = Unmanaged.passUnretained(CallSite.unknown)
    /// The native stack's lowest safe address on the evaluation thread (see `NativeStack`),
    /// and its size; read by every call.
    var stackFloor: UInt = 0
    var stackSize = 0
    var budget = Machine.checkInterval
    /// The budget as the last check set it, so that the steps spent since are known.
    var budgetGranted = Machine.checkInterval
    var stepsUsed = 0
    /// When the current evaluation must stop, if it has a time limit (read by worker threads' stop checks).
    var deadline: Double?
    var limits: Limits
    let interrupt: Interrupt
    /// The string last indexed, for `s[i]` and `len(s)` in constant time.
    let textIndex = TextIndex()
    var output: (String) -> Void
    /// The columns and characters output may use (`print`, `help`, pictures).
    var layout = Display.Layout.standard
    /// Where warnings go (the host writes them to standard error); each place warns once.
    var warning: (Diagnostic) -> Void = { _ in }
    var warnedPlaces: Set<WarningPlace> = []
    /// The compiled units the loader made (library files, imported files, inputs), by number.
    /// (An array, not a dictionary: a new generic instantiation costs start-up time.)
    private var units: [Module?] = []
    /// Each global slot's name, for what reads globals by name (`help("name")`).
    private(set) var globalNames: [String] = []
    /// The slot of `default_calendar` once the library file that defines it is loaded.
    private(set) var calendarSlot: Int?
    /// The lengths `default_calendar` gives months, quarters and years (the default
    /// calendar's until it is loaded); nil while it holds something that is not a calendar.
    private(set) var calendar: CalendarUnits? = .standard

    init(limits: Limits, interrupt: Interrupt, output: @escaping (String) -> Void) {
        self.limits = limits
        self.interrupt = interrupt
        self.output = output
        stackBase = UnsafeMutablePointer<Value>.allocate(capacity: Self.stackCapacity)
        stackEnd = stackBase + Self.stackCapacity
        fp = stackBase
        sp = stackBase
        globals = UnsafeMutablePointer<Value>.allocate(capacity: 0)
        globalFunctions = UnsafeMutablePointer<Unmanaged<Function>?>.allocate(capacity: 0)
        callRecords = Self.emptyRecords(0)
    }

    deinit {
        stackBase.deinitialize(count: sp - stackBase)
        stackBase.deallocate()
        globals.deinitialize(count: globalCount)
        globals.deallocate()
        globalFunctions.deallocate()
        free(callRecords)
    }

    /// Makes room for the globals `names` lists, by slot; new ones start undefined.
    func growGlobals(names: [String]) {
        globalNames = names
        growGlobals(to: names.count)
        calendarSlot = names.firstIndex(of: "default_calendar")
        if let slot = calendarSlot, let value = value(atGlobal: slot) {
            useCalendar(value)
        } else {
            useCalendar(.none)
        }
    }

    /// Follows `default_calendar`: the lengths literals such as `1mo` read, and those display uses.
    private func useCalendar(_ value: Value) {
        if case .none = value {
            calendar = .standard
        } else {
            calendar = CalendarUnits(value)
        }
        CalendarUnits.current = calendar ?? .standard
    }

    /// The session calendar's lengths, for a duration in months, quarters or years.
    func calendarUnits() throws -> CalendarUnits {
        if let calendar { return calendar }
        let shown = calendarSlot.flatMap { value(atGlobal: $0) }.map(Operators.describe) ?? "nothing"
        throw RuntimeError.notACalendar(shown)
    }

    /// Makes room for `count` globals; new ones start undefined.
    private func growGlobals(to count: Int) {
        guard count > globalCount else { return }
        if count > globalCapacity {
            let capacity = max(count, globalCapacity * 2, 64)
            let fresh = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
            fresh.moveInitialize(from: globals, count: globalCount)
            globals.deallocate()
            globals = fresh
            let freshFunctions = UnsafeMutablePointer<Unmanaged<Function>?>.allocate(capacity: capacity)
            freshFunctions.moveInitialize(from: globalFunctions, count: globalCount)
            globalFunctions.deallocate()
            globalFunctions = freshFunctions
            globalCapacity = capacity
        }
        (globals + globalCount).initialize(repeating: .undefined, count: count - globalCount)
        (globalFunctions + globalCount).initialize(repeating: nil, count: count - globalCount)
        globalCount = count
    }

    /// Assigns a global slot, keeping its borrowed function up to date.
    @inline(__always)
    func setGlobal(_ g: Int, _ value: Value) {
        let borrowed = globalFunctions[g]
        if case .function(let f) = value {
            globalFunctions[g] = Unmanaged.passUnretained(f)
        } else {
            globalFunctions[g] = nil
        }
        if borrowed != nil, depth > 0 {
            // The old function may be running, borrowed by its call: keep it alive.
            retired.append((globals + g).move())
            (globals + g).initialize(to: value)
        } else {
            Self.store(value, at: globals + g)
        }
        if g == calendarSlot { useCalendar(value) }
    }

    /// Stores into an initialised slot, skipping the outlined destroy when the old value
    /// holds no reference (a number over a number in a loop).
    @inline(__always)
    static func store(_ value: consuming Value, at slot: UnsafeMutablePointer<Value>) {
        if holdsNoReference(slot) { slot.initialize(to: value) } else { slot.pointee = value }
    }

    /// Whether a slot's value holds no reference, so it can be dropped without the
    /// outlined destroy (a switch over every case) that `Value` otherwise goes through.
    @inline(__always)
    static func holdsNoReference(_ slot: UnsafeMutablePointer<Value>) -> Bool {
        switch slot.pointee {
        case .none, .bool, .number, .availability, .percentage, .time, .undefined: true
        default: false
        }
    }

    /// Frees the functions retired while calls were running, once none is: between the
    /// statements of the outermost module, not of one a builtin or an import runs inside it.
    func releaseRetired() {
        if depth == 0, modulesRunning == 1, !retired.isEmpty { retired.removeAll() }
    }

    /// The value of the global named `name`, if it has one.
    func global(named name: String) -> Value? {
        globalNames.firstIndex(of: name).flatMap(value(atGlobal:))
    }

    /// The value in a global slot, if it has one.
    func value(atGlobal slot: Int) -> Value? {
        guard slot >= 0, slot < globalCount else { return nil }
        if case .undefined = globals[slot] { return nil }
        return globals[slot]
    }

    /// What a failed REPL line must put back: the globals' values and the units compiled.
    struct Snapshot {
        fileprivate let globals: [Value]
        fileprivate let names: [String]
        fileprivate let unitCount: Int
    }

    func snapshot() -> Snapshot {
        Snapshot(
            globals: Array(UnsafeBufferPointer(start: globals, count: globalCount)), names: globalNames,
            unitCount: units.count)
    }

    func restore(_ saved: Snapshot) {
        globals.deinitialize(count: globalCount)
        globalFunctions.initialize(repeating: nil, count: globalCount)
        globalCount = 0
        growGlobals(names: saved.names)
        for (i, v) in saved.globals.enumerated() { setGlobal(i, v) }
        units.removeLast(max(0, units.count - saved.unitCount))
    }

    // MARK: Units

    /// Keeps a compiled unit under the number the loader gave it.
    func add(_ module: Module, as id: Int) {
        if id >= units.count { units.append(contentsOf: repeatElement(nil, count: id - units.count + 1)) }
        units[id] = module
    }

    /// Runs an imported file's unit the first time its `import` is reached.
    func runUnitOnce(_ id: Int) throws {
        guard id < units.count, let module = units[id], !module.hasRun else { return }
        module.hasRun = true
        try run(module) { _, _ in }
    }
}
