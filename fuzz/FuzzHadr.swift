// libFuzzer entry point: every input is run as a hadr script through the whole
// pipeline (lexer, parser, resolver, compiler, machine) with the default limits, so
// that a crash, a trap or a hang is a finding and an error message is not. Only a time
// limit is set (2 s), far inside libFuzzer's own (10 s): an input that outlives it is a
// limit that does not hold, and a finding.
// With HADR_FUZZ_GENERATE=1 (`fuzz/run --generate`), the input's bytes seed
// `ProgramGenerator` instead, which writes programs that are valid far more often and
// reach deep nesting, long runs and big values.
// Built by fuzz/run together with the HadrCore sources; not part of the package.

#if canImport(Glibc)
    import Glibc
#endif

/// One session for all inputs: loading the standard library per input would cut the
/// rate tenfold. `evaluate` rolls back a failed input; successful ones leave bindings,
/// so later inputs also meet state. libFuzzer calls the entry point from one thread.
nonisolated(unsafe) private let session: Session? = {
    var options = Session.Options()
    options.limits.timeout = 2
    let session = Session(options: options, output: { _ in })
    session.onResult = { result in _ = result.text() + result.json }
    return session
}()

nonisolated(unsafe) private let generate: Bool = getenv("HADR_FUZZ_GENERATE") != nil

/// HADR_FUZZ_SHOW=1 writes each input's program to standard error before it runs, to
/// read a generated finding: `HADR_FUZZ_GENERATE=1 HADR_FUZZ_SHOW=1 .build-fuzz/fuzz-hadr FILE`.
nonisolated(unsafe) private let show: Bool = getenv("HADR_FUZZ_SHOW") != nil

/// The names generated programs call: every builtin and library function.
nonisolated(unsafe) private let names: [String] = Array(Builtins.table.keys).sorted() + Library.names.sorted()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHadr(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text: String
    if generate {
        var generator = ProgramGenerator(bytes: bytes, names: names)
        text = generator.program()
    } else {
        text = String(decoding: bytes, as: UTF8.self)
    }
    if show { fputs(text + "\n", stderr) }
    session?.evaluate(text, name: "fuzz.hadr")
    return 0
}
