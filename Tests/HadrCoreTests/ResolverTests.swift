import Testing

@testable import HadrCore

@Suite struct ResolverTests {
    @Test func unknownNameSuggestsAClosOne() {
        let outcome = run("downtimes(99.9%)")
        #expect(outcome.error?.kind == .name)
        #expect(outcome.error?.message == "unknown name `downtimes`")
        #expect(outcome.error?.notes.first == "help: did you mean `downtime`?")
    }

    @Test func unknownNameIsFoundBeforeRunning() {
        let outcome = run("print(\"ran\")\nx = nope")
        #expect(outcome.output == "")
        #expect(outcome.error?.kind == .name)
    }

    @Test func arityIsCheckedBeforeRunning() {
        let outcome = run("print(1)\nfn f(a, b) = a + b\nf(1, 2, 3)")
        #expect(outcome.output == "")
        #expect(outcome.error?.message == "`f` takes 2 arguments but 3 were given")
    }

    @Test func misspelledNamedArgumentSuggests() {
        let outcome = run("backoff(bse: 1s)")
        #expect(outcome.error?.message == "`backoff` has no parameter named `bse`")
        #expect(outcome.error?.notes.first == "help: did you mean `base:`?")
    }

    @Test func missingArgumentIsReported() {
        #expect(run("fn f(a, b) = a\nf(1)").error?.message == "`f` is missing argument `b`")
    }

    @Test func functionsMayCallFunctionsDefinedLater() {
        #expect(eval("fn a() = b()\nfn b() = 42\na()") == "42")
    }

    @Test func readingAGlobalBeforeItIsSetIsARuntimeError() {
        #expect(eval("x\nx = 1") == "error: `x` is used before it is given a value")
    }

    @Test func closuresCaptureVariablesByReference() {
        let text = """
            fn counter() = do
                n = 0
                fn() = do
                    n = n + 1
                    n
                end
            end
            c = counter()
            c()
            c()
            c()
            """
        #expect(eval(text) == "1\n2\n3")
    }

    @Test func eachLoopIterationCapturesItsOwnVariable() {
        let text = """
            fs = []
            for i in 1..3 do
                fs = append(fs, fn() = i * 10)
            end
            map(fs, fn(f) = f())
            """
        #expect(eval(text) == "[10, 20, 30]")
    }

    @Test func assignmentRebindsTheNearestExistingName() {
        #expect(eval("total = 0\nfor i in 1..4 do total = total + i end\ntotal") == "10")
    }

    @Test func namesMadeInABlockStayInIt() {
        #expect(eval("do inner = 1 end\ninner").hasPrefix("error: unknown name `inner`"))
    }

    @Test func localRecursiveFunction() {
        #expect(eval("do\n fn fact(n) = if n <= 1 then 1 else n * fact(n - 1)\n fact(10)\nend") == "3628800")
    }

    @Test func bodylessFunctionOutsideStdlibIsRejected() {
        #expect(eval("fn mine(x)").contains("has no body"))
    }
}
