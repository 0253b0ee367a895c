/// Every builtin implemented in Swift, one table per domain; each is declared with its
/// parameters and `##` docs in `stdlib/`, and a test checks the two agree.
enum Builtins {
    static let all: [NativeFunction] =
        CoreBuiltins.functions + MathBuiltins.functions + ListBuiltins.functions + TextBuiltins.functions
        + AvailabilityBuiltins.functions + SystemBuiltins.functions + ResilienceBuiltins.functions
        + PictureBuiltins.functions + SLOBuiltins.functions

    static let table: [String: NativeFunction] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
}

/// The names of every builtin implemented in Swift, for the test that checks stdlib declares each.
let nativeNames: [String] = Builtins.all.map(\.name)
