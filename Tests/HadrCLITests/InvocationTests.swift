import ArgumentParser
import Testing

@testable import hadr

/// The start-up path that skips ArgumentParser must mean exactly what ArgumentParser means.
@Suite struct InvocationTests {
    @Test(arguments: [
        [],
        ["-e", "1"],
        ["-e", "99.9% & 99.9%", "-e", "downtime(99.9%)"],
        ["script.hadr"],
        ["script.hadr", "a", "b c", "3"],
        ["dir/with space.hadr", "x"],
    ])
    func theCommonShapesParseAsArgumentParserParsesThem(_ argv: [String]) throws {
        let quick = try #require(Invocation(commonShape: argv))
        #expect(quick == Invocation(try Hadr.parse(argv)))
    }

    @Test(arguments: [
        ["--json", "-e", "1"],
        ["-e", "1", "--json"],
        ["-e"],
        ["-e", "-5m"],
        ["-e", "1", "script.hadr"],
        ["script.hadr", "--json"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["help"],
        ["--max-steps", "10", "s.hadr"],
        [""],
    ])
    func everyOtherCommandLineGoesThroughArgumentParser(_ argv: [String]) {
        #expect(Invocation(commonShape: argv) == nil)
    }
}
