import Testing

@testable import HadrCore

@Suite struct DisplayTests {
    @Test(arguments: [
        (0.0019990000000000003, "99.8001"),
        (1e-7, "99.99999"),
        (1e-15, "99.9999999999999"),
        (1e-300, "99." + String(repeating: "9", count: 298)),
        (0.0, "100"),
        (1.0, "0"),
        (0.95, "5"),
        (0.002997001, "99.7003"),
    ])
    func percentagesShowEveryNineAndNeverRoundUp(_ u: Double, _ expected: String) {
        #expect(Display.percent(u) == expected + "%")
    }

    @Test(arguments: [
        (0.25, "250ms"),
        (26.28, "26.28s"),
        (31_536.0, "8h 45m 36s"),
        (315_360.0, "3d 15h 36m"),
        (2_628.0, "43m 48s"),
        (604.8, "10m 4.8s"),
        (31_536_000.0, "1y"),
        (0.0, "0s"),
        (-90.0, "-1m 30s"),
        (9_000_000_000.0, "285y 141d 16h"),
        (3_600.001, "1h 0.001s"),
    ])
    func durationsReadWell(_ seconds: Double, _ expected: String) {
        #expect(Display.duration(seconds) == expected)
    }

    @Test(arguments: [
        (3.0, "3"), (-0.0, "0"), (0.5, "0.5"), (1e-9, "1e-9"), (1e20, "1e20"), (1.0 / 3.0, "0.333333333333"),
        (Double.infinity, "inf"), (Double.nan, "nan"),
    ])
    func numbers(_ x: Double, _ expected: String) {
        #expect(Display.number(x) == expected)
    }

    @Test func jsonFollowsTheFixedShapes() {
        let outcome = run("x = 1")
        #expect(outcome.error == nil)
        #expect(Display.json(.number(2)) == "2")
        #expect(Display.json(.availability(0.001)) == "{\"availability\": 0.999, \"unavailability\": 0.001}")
        #expect(Display.json(.duration(90)) == "{\"seconds\": 90}")
        #expect(Display.json(.record(["a": .string("x\n")])) == "{\"a\": \"x\\n\"}")
        #expect(Display.json(.list([.bool(true), .none])) == "[true, null]")
    }

    @Test func tablesAlignByCharactersAndTrimTrailingSpace() {
        let text = eval("[{name: \"Zürich\", rto: 5m}, {name: \"a\", rto: 90m}, {name: \"ÿ\", rto: 250ms}]")
        #expect(
            text == """
                name       rto
                Zürich      5m
                a       1h 30m
                ÿ        250ms
                """)
        #expect(eval("[{a: 1, note: \"\"}, {a: 22, note: \"x\"}]") == " a  note\n 1\n22  x")
    }
}
