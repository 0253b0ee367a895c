// libFuzzer entry point: every input is run as a hadr script through the whole
// pipeline (lexer, parser, resolver, compiler, machine) with tight limits, so that a
// crash, a trap or a hang is a finding and an error message is not.
// Built by fuzz/run together with the HadrCore sources; not part of the package.

/// One session for all inputs: loading the standard library per input would cut the
/// rate tenfold. `evaluate` rolls back a failed input; successful ones leave bindings,
/// so later inputs also meet state. libFuzzer calls the entry point from one thread.
nonisolated(unsafe) private let session: Session? = {
    var options = Session.Options()
    options.limits.maxSteps = 200_000
    options.limits.timeout = 2
    options.limits.maxListSize = 100_000
    options.limits.maxCallDepth = 2_000
    let session = Session(options: options, output: { _ in })
    session.onResult = { result in _ = result.text() + result.json }
    return session
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHadr(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    session?.evaluate(text, name: "fuzz.hadr")
    return 0
}
