/// What the models (the breaker, the Monte Carlo) refuse to run.
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

    var kind: Diagnostic.Kind {
        switch self {
        case .tooManyEvents, .simulationTimedOut: .limit
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
        }
    }

    var notes: [String] {
        switch self {
        case .tooManyEvents: ["help: simulate fewer years"]
        case .simulationTimedOut: ["help: simulate fewer years, or raise --timeout"]
        case .systemPower(let y): ["help: for \(y) copies in series write `series(replicas(c, \(y)))`"]
        default: []
        }
    }
}
