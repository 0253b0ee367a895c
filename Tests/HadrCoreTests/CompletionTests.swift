import Testing

@testable import HadrCore

@Suite struct CompletionTests {
    static func candidates(_ setup: String, _ line: String, commands: [String] = []) -> [String] {
        let session = Session(output: { _ in })
        if !setup.isEmpty { session.evaluate(setup) }
        return session.completions(line: line, cursor: line.utf8.count, commands: commands)
    }

    @Test func builtinsAndKeywords() {
        #expect(Self.candidates("", "down") == ["downtime", "downtime_chart", "downtime_histogram"])
        #expect(Self.candidates("", "n") == ["nines", "nines_table", "none", "not"])
        #expect(Self.candidates("", "x = wh") == ["while"])
    }

    @Test func userBindings() {
        #expect(Self.candidates("web_tier = 99.9%", "web_") == ["web_tier"])
        #expect(Self.candidates("fn plan(a) = a", "1 + pl") == ["plan"])
    }

    @Test func namedArgumentLabelsInsideACall() {
        #expect(Self.candidates("", "backoff(ba") == ["base:"])
        #expect(Self.candidates("", "backoff(base: 1s, at") == ["attempts:"])
        #expect(Self.candidates("", "downtime(99.9%, ") == ["a:", "per:", "calendar:"])
        #expect(Self.candidates("fn f(alpha, beta) = 1", "f(1, be") == ["beta:"])
    }

    @Test func namesWhenNoLabelFits() {
        #expect(Self.candidates("", "nines(unav") == ["unavailability"])
    }

    @Test func recordAndTableFields() {
        #expect(Self.candidates("r = {rto: 15m, rpo: 5m}", "r.rp") == ["rpo"])
        #expect(Self.candidates("r = {rto: 15m, rpo: 5m}", "r.") == ["rpo", "rto"])
        #expect(Self.candidates("t = backoff(attempts: 2)", "t.w") == ["wait"])
        #expect(Self.candidates("p = {inner: {depth: 1}}", "p.inner.d") == ["depth"])
        #expect(Self.candidates("", "nothing.f") == [])
    }

    @Test func commandsAtTheStartOfALine() {
        #expect(Self.candidates("", ":he", commands: [":help", ":vars"]) == ["help"])
    }

    @Test func stringsDoNotConfuseTheCallScan() {
        #expect(Self.candidates("", "print(\"(\", backoff(ca") == ["cap:"])
    }
}
