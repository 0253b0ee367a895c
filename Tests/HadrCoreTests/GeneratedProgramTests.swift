import Foundation
import Testing

@testable import HadrCore

/// The property behind the fuzzer, on every test run: random programs (`ProgramGenerator`)
/// run with the default limits and a time limit each end with a value or a located
/// error, never a trap (which would end this process), and within half a second past
/// the time limit, showing their results as text and as JSON. (The release binary keeps
/// within 0.5 s; this debug build, sharing the machine with other suites, gets 1 s.)
@Suite struct GeneratedProgramTests {
    static let names = Array(Builtins.table.keys).sorted() + Library.names.sorted()
    static let timeLimit = 0.3

    @Test(arguments: 0..<4)
    func randomProgramsEndWithAValueOrALocatedError(_ batch: Int) {
        var limits = Limits()
        limits.timeout = Self.timeLimit
        var printed = 0
        let s = session(limits: limits) { printed += $0.utf8.count }
        s.onResult = { printed += $0.text().utf8.count + $0.json.utf8.count }
        var succeeded = 0
        var kinds: [Diagnostic.Kind: Int] = [:]
        for seed in UInt64(batch * 100)..<UInt64(batch * 100 + 100) {
            var generator = ProgramGenerator(seed: seed, names: Self.names)
            let program = generator.program()
            let start = Date()
            let error = s.evaluate(program, name: "generated.hadr")
            let elapsed = Date().timeIntervalSince(start)
            #expect(elapsed < Self.timeLimit + 1, "seed \(seed) took \(elapsed) s:\n\(program.prefix(2000))")
            if error == nil { succeeded += 1 }
            if let error {
                kinds[error.kind, default: 0] += 1
                #expect(
                    error.hasLocation || error.kind == .io,
                    "seed \(seed): unlocated \(error.kind) error \(error.message):\n\(program.prefix(2000))")
            }
        }
        // The programs reach the evaluator: some run to the end, others stop at a time
        // limit or at a runtime error, not all at the parser.
        print("batch \(batch): \(succeeded) ran, errors \(kinds)")
        #expect(succeeded >= 5, "only \(succeeded) of 100 programs ran to the end")
        #expect(kinds[.limit, default: 0] + kinds[.type, default: 0] + kinds[.runtime, default: 0] >= 10)
    }

    /// The generator is a function of its seed, so a failure names a program that can be
    /// written down again.
    @Test func theSameSeedWritesTheSameProgram() {
        var a = ProgramGenerator(seed: 42, names: Self.names)
        var b = ProgramGenerator(seed: 42, names: Self.names)
        var c = ProgramGenerator(seed: 43, names: Self.names)
        let first = a.program()
        #expect(first == b.program())
        #expect(first != c.program())
    }
}
