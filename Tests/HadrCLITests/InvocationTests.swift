import Testing

@testable import hadr

/// The one reading of hadr's command line (`Invocation`), form by form.
@Suite struct InvocationTests {
    static func invocation(_ build: (inout Invocation) -> Void) -> Invocation {
        var invocation = Invocation()
        build(&invocation)
        return invocation
    }

    static let forms: [([String], Invocation)] = [
        ([], Invocation()),
        (["-e", "1"], invocation { $0.expressions = ["1"] }),
        (["-e", "-5m"], invocation { $0.expressions = ["-5m"] }),
        (["-e", "--json"], invocation { $0.expressions = ["--json"] }),
        (["-e-5m"], invocation { $0.expressions = ["-5m"] }),
        (["-e", "1", "-e", "2"], invocation { $0.expressions = ["1", "2"] }),
        (
            ["-e", "args", "a", "-b", "--json"],
            invocation {
                $0.expressions = ["args"]
                $0.arguments = ["a", "-b", "--json"]
            }
        ),
        (
            ["-e", "args", "--", "--json"],
            invocation {
                $0.expressions = ["args"]
                $0.arguments = ["--json"]
            }
        ),
        (["s.hadr"], invocation { $0.script = "s.hadr" }),
        (
            ["s.hadr", "a", "b c", "--json", "-e", "x"],
            invocation {
                $0.script = "s.hadr"
                $0.arguments = ["a", "b c", "--json", "-e", "x"]
            }
        ),
        (
            ["--json", "s.hadr", "99.9%"],
            invocation {
                $0.json = true
                $0.script = "s.hadr"
                $0.arguments = ["99.9%"]
            }
        ),
        (["-"], invocation { $0.script = "-" }),
        (
            ["-", "x", "-y"],
            invocation {
                $0.script = "-"
                $0.arguments = ["x", "-y"]
            }
        ),
        (
            ["--", "-odd.hadr", "x"],
            invocation {
                $0.script = "-odd.hadr"
                $0.arguments = ["x"]
            }
        ),
        (["--"], Invocation()),
        ([""], invocation { $0.script = "" }),
        (["help"], invocation { $0.script = "help" }),
        (
            ["-i", "s.hadr"],
            invocation {
                $0.interactive = true
                $0.script = "s.hadr"
            }
        ),
        (
            ["--interactive", "-e", "x = 1"],
            invocation {
                $0.interactive = true
                $0.expressions = ["x = 1"]
            }
        ),
        (
            ["-ie", "x = 1"],
            invocation {
                $0.interactive = true
                $0.expressions = ["x = 1"]
            }
        ),
        (
            ["--check", "s.hadr"],
            invocation {
                $0.check = true
                $0.script = "s.hadr"
            }
        ),
        (["--check"], invocation { $0.check = true }),
        (
            ["--color", "never", "-e", "1"],
            invocation {
                $0.color = .never
                $0.expressions = ["1"]
            }
        ),
        (["--color=always"], invocation { $0.color = .always }),
        (
            ["--max-steps", "10", "--timeout", "0.5", "--max-depth", "7", "--max-list=3", "s.hadr"],
            invocation {
                $0.maxSteps = 10
                $0.timeout = 0.5
                $0.maxDepth = 7
                $0.maxList = 3
                $0.script = "s.hadr"
            }
        ),
        (["--help"], invocation { $0.action = .help }),
        (
            ["-h", "s.hadr"],
            invocation {
                $0.action = .help
                $0.script = "s.hadr"
            }
        ),
        (["--version"], invocation { $0.action = .version }),
        (["-V"], invocation { $0.action = .version }),
    ]

    @Test(arguments: forms)
    func eachFormReadsAsDocumented(_ argv: [String], _ expected: Invocation) throws {
        #expect(try Invocation(parsing: argv) == expected)
    }

    static let mistakes: [([String], UsageError)] = [
        (["-e"], .missingValue("-e", valueName: "EXPR")),
        (["--color"], .missingValue("--color", valueName: "WHEN")),
        (["--jsn", "-e", "1"], .unknownOption("--jsn", suggestion: "--json")),
        (["-json"], .unknownOption("-json", suggestion: "--json")),
        (["--colour", "never"], .unknownOption("--colour", suggestion: "--color")),
        (["-x"], .unknownOption("-x", suggestion: nil)),
        (["-5m"], .unknownOption("-5m", suggestion: nil)),
        (["-ix"], .unknownOption("-x", suggestion: nil)),
        (["--json=yes"], .unexpectedValue("--json")),
        (["--color", "purple"], .notOneOf("--color", "purple", ["auto", "always", "never"])),
        (["--max-steps", "0"], .badValue("--max-steps", "0", expected: "a whole number of at least 1")),
        (["--max-steps", "1e3"], .badValue("--max-steps", "1e3", expected: "a whole number of at least 1")),
        (["--max-depth", "200001"], .badValue("--max-depth", "200001", expected: "a whole number from 1 to 200000")),
        (
            ["--max-list", "99999999999999999999"],
            .badValue("--max-list", "99999999999999999999", expected: "a whole number from 1 to 100000000")
        ),
        (
            ["--timeout", "-1"],
            .badValue("--timeout", "-1", expected: "a number of seconds from 0.001 to 31536000 (a year)")
        ),
        (
            ["--timeout", "nan"],
            .badValue("--timeout", "nan", expected: "a number of seconds from 0.001 to 31536000 (a year)")
        ),
        (
            ["--timeout", "inf"],
            .badValue("--timeout", "inf", expected: "a number of seconds from 0.001 to 31536000 (a year)")
        ),
        (["--check", "-i", "s.hadr"], .conflict("--check", "-i")),
    ]

    @Test(arguments: mistakes)
    func eachMistakeIsAUsageError(_ argv: [String], _ expected: UsageError) {
        #expect(throws: expected) { try Invocation(parsing: argv) }
    }

    @Test func whatWasReadBeforeAMistakeStays() {
        var invocation = Invocation()
        #expect(throws: UsageError.self) { try invocation.parse(["--json", "--max-steps", "x"]) }
        #expect(invocation.json)
    }

    @Test func helpListsEveryOptionOfTheTable() {
        for option in CommandOption.all {
            #expect(Hadr.usage.contains(option.spelling), "\(option.spelling)")
        }
        #expect(!Hadr.usage.contains("subcommand"))
    }
}
