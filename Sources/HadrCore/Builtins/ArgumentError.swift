/// A builtin's argument that is not what the builtin takes. Each case names the
/// parameter as the builtin's declaration in `stdlib/` does.
enum ArgumentError: ErrorMessage {
    /// A value of the wrong kind: `expected` reads "a number", "a duration such as `30m`".
    case mustBe(String, expected: String, got: String, unitHint: Bool = false)
    case notWhole(String, got: String)
    /// Something else than a system of named components (`spof(99.9% & 99.9%)`); `plain`
    /// when it is an availability, which `component` would name.
    case needsComponents(String, got: String, plain: Bool)
    /// The name of a unit given where a duration is wanted (`per: "month"`); `meant` is
    /// the duration it names (`1mo`).
    case unitName(String, got: String, meant: String)
    case outOfRange(String, low: String, high: String, got: String)
    case notFinite(String, got: String)
    case notPositive(String, got: String)
    case negative(String, got: String)
    /// A number given where an availability is wanted, outside [0, 1].
    case notAnAvailability(String, got: String)
    /// The `position`th item (from 0) of what `function` combines is not an availability.
    case component(Int, of: String, got: String)
    /// A string that names none of the kinds the parameter takes.
    case unknownKind(String, given: String, kinds: [String])
    /// A function that needs at least one value got none.
    case needsAValue(String)
    /// A math function outside its domain: `why` reads "needs a positive number".
    case outOfDomain(String, why: String, got: String)

    var kind: Diagnostic.Kind {
        switch self {
        case .mustBe, .unitName, .needsComponents, .notWhole, .component: .type
        default: .runtime
        }
    }

    var message: String {
        switch self {
        case .mustBe(let name, let expected, let got, _): "`\(name)` must be \(expected); got \(got)"
        case .unitName(let name, let got, _): "`\(name)` must be a duration such as `30m`; got \(got)"
        case .needsComponents(let name, let got, _): "`\(name)` must be a system built from components; got \(got)"
        case .notWhole(let name, let got): "`\(name)` must be a whole number; got \(got)"
        case .outOfRange(let name, let low, let high, let got):
            "`\(name)` must be between \(low) and \(high); got \(got)"
        case .notFinite(let name, let got): "`\(name)` must be finite; got \(got)"
        case .notPositive(let name, let got): "`\(name)` must be a positive duration; got \(got)"
        case .negative(let name, let got): "`\(name)` must not be negative; got \(got)"
        case .notAnAvailability(let name, let got):
            "`\(name)` must be an availability such as `99.9%`, or a number between 0 and 1; got \(got)"
        case .component(let position, let function, let got):
            "component \(position + 1) of `\(function)` must be an availability or a number between 0 and 1; got \(got)"
        case .unknownKind(let name, let given, _): "unknown \(name) \"\(given)\""
        case .needsAValue(let function): "`\(function)` needs at least one value"
        case .outOfDomain(let function, let why, let got): "`\(function)` \(why); got \(got)"
        }
    }

    var notes: [String] {
        switch self {
        case .mustBe(let name, _, _, true): ["help: give it a unit, as in `\(name): 30m`"]
        case .unitName(let name, _, let meant): ["help: write the period as a duration: `\(name): \(meant)`"]
        case .needsComponents(_, _, true):
            [
                "help: wrap each part with `component(\"name\", ...)` so that it can be named: "
                    + "`component(\"web\", 99.9%) & component(\"db\", 99.95%)`"
            ]
        case .unknownKind(_, let given, let kinds):
            (Suggestion.closest(to: given, among: kinds).map { ["help: did you mean \"\($0)\"?"] } ?? [])
                + ["note: the kinds are " + Self.list(kinds)]
        default: []
        }
    }

    /// `"a", "b" and "c"`.
    private static func list(_ kinds: [String]) -> String {
        let quoted = kinds.map { "\"\($0)\"" }
        guard let last = quoted.last else { return "" }
        return quoted.count == 1 ? last : quoted.dropLast().joined(separator: ", ") + " and " + last
    }
}
