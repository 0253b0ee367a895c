/// What the models (block diagrams, the breaker, the Monte Carlo) refuse to run.
enum ModelError: ErrorMessage {
    /// A breaker record without a field `breaker(...)` makes.
    case breakerField(String)
    /// A breaker setting out of its range; `expected` says what it must be.
    case breakerSetting(String, expected: String, got: String?)
    case outcomeLetter(String)
    case outcomeNotBool(String)
    case outcomesKind(String)
    /// More events than a simulation may process.
    case tooManyEvents(String, limit: String)
    case simulationTimedOut
    /// `system ^ y`: a system's parts are shared, so a power of one is no copy.
    case systemPower(String)
    /// Two components of one name that are not the same part.
    case sameNameDifferentParts(String, first: String, second: String)
    /// A structure whose decision diagram would pass the node limit.
    case diagramTooLarge(limit: Int)
    /// Shared parts whose states could not all be weighed within the limit: U is between the bounds.
    case tooEntangled(low: Double, high: Double, states: Int)
    /// More minimal cut sets or path sets than are kept.
    case tooManySets(limit: Int)
    /// A question about time asked of a part known only by its availability.
    case noLifetime(String)
    case commonCauseNeedsComponent
    case commonCauseLife
    /// `mission` over a standby pair whose failovers cost time.
    case missionStandby
    /// A warning: the same part written twice directly in one parallel group or k-of-n.
    case repeatedInGroup(String, group: String)

    var kind: Diagnostic.Kind {
        switch self {
        case .tooManyEvents, .simulationTimedOut, .diagramTooLarge, .tooManySets, .tooEntangled: .limit
        case .sameNameDifferentParts: .runtime
        case .breakerSetting(let name, _, _) where name == "failure_threshold": .runtime
        case .outcomeLetter: .runtime
        default: .type
        }
    }

    var message: String {
        switch self {
        case .breakerField(let name): "the breaker has no field `\(name)`; make it with `breaker(...)`"
        case .breakerSetting(let name, let expected, let got?): "`\(name)` must be \(expected); got \(got)"
        case .breakerSetting(let name, let expected, nil): "`\(name)` must be \(expected)"
        case .outcomeLetter(let ch): "outcomes are written with S (success) and F (failure); got `\(ch)`"
        case .outcomeNotBool(let got): "each outcome must be `true` (success) or `false` (failure); got \(got)"
        case .outcomesKind(let got): "`outcomes` must be a list of bools or a string of S and F; got \(got)"
        case .tooManyEvents(let events, let limit):
            "the simulation would need about \(events) events, more than the \(limit) allowed"
        case .simulationTimedOut: "the simulation ran past the time limit"
        case .systemPower(let y):
            "a system of named parts cannot be raised to a power (`^ \(y)`): its parts are shared, not copied"
        case .sameNameDifferentParts(let name, let first, let second):
            "two different components are named `\(name)`: one is \(first), the other \(second)"
        case .diagramTooLarge(let limit):
            "the system's structure needs more than \(limit) decision-diagram nodes to be computed exactly"
        case .tooManySets(let limit): "the system has more than \(limit) minimal sets of that kind"
        case .tooEntangled(let low, let high, let states):
            "the system's shared parts are too entangled to weigh exactly in \(states) states: U is between \(Display.number(low, digits: 4)) and \(Display.number(high, digits: 4))"
        case .commonCauseNeedsComponent: "`common_cause` takes one component, the part the group is made of"
        case .commonCauseLife: "the beta-factor model scales a failure rate; a lognormal life has none to scale"
        case .missionStandby:
            "`mission` does not model the outages of an active-passive pair's failovers (switchover or failed switches)"
        case .repeatedInGroup(let name, let group):
            "`\(name)` appears twice in one \(group): it is one part wherever it appears, so this counts it once"
        case .noLifetime(let name):
            "`\(name)` is known only by its availability, so it has no failure rate for a question about time"
        }
    }

    var notes: [String] {
        switch self {
        case .tooManyEvents: ["help: simulate fewer years"]
        case .simulationTimedOut: ["help: simulate fewer years, or raise --timeout"]
        case .systemPower(let y): ["help: for \(y) copies in series write `series(replicas(c, \(y)))`"]
        case .sameNameDifferentParts:
            [
                "note: a component is one part wherever its name appears",
                "help: give each part its own name, or use `replicas(c, n)` for independent copies",
            ]
        case .diagramTooLarge, .tooEntangled: ["help: split the system into subsystems that share no parts"]
        case .tooManySets: ["help: pass `max_size:` to list only the small ones"]
        case .noLifetime: ["help: make it with `component(name, mtbf: t, mttr: t)` or give it a `life:`"]
        case .repeatedInGroup(let name, _): ["help: for independent copies write `replicas(\(name), 2)`"]
        case .missionStandby: ["help: `simulate(system, mission: T)` measures it, failovers included"]
        default: []
        }
    }
}
