import Foundation
import Testing

@testable import HadrCore

/// Every `Tests/golden/pictures/*.hadr` drawn at 40, 80 and 120 columns and in ASCII at
/// 80 must equal `NAME.40.out`, `NAME.80.out`, `NAME.120.out` and `NAME.ascii.out`
/// beside it. Set HADR_RECORD=1 to write them anew (then read the diff).
@Suite struct PictureGoldenTests {
    static let folder = "Tests/golden/pictures"

    struct Case: CustomTestStringConvertible, Sendable {
        let script: String
        let width: Int
        let unicode: Bool
        var suffix: String { unicode ? "\(width)" : "ascii" }
        var testDescription: String { "\(script) at \(suffix)" }
    }

    static let cases: [Case] = GoldenTests.scripts(in: folder).flatMap { script in
        [40, 80, 120].map { Case(script: script, width: $0, unicode: true) }
            + [Case(script: script, width: 80, unicode: false)]
    }

    @Test(arguments: cases)
    func picture(_ c: Case) throws {
        let url = GoldenTests.root.appendingPathComponent(c.script)
        let text = try String(contentsOf: url, encoding: .utf8)
        var output = ""
        let s = session(layout: Display.Layout(width: c.width, unicode: c.unicode)) { output += $0 }
        if let error = s.run(text, name: c.script) { output += DiagnosticRenderer().render(error) }
        let expectedURL = GoldenTests.root.appendingPathComponent(
            String(c.script.dropLast(".hadr".count)) + ".\(c.suffix).out")
        if ProcessInfo.processInfo.environment["HADR_RECORD"] == "1" {
            try output.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = (try? String(contentsOf: expectedURL, encoding: .utf8)) ?? "<missing>"
        #expect(output == expected, "\(c.testDescription) drew something else than its .out file")
        #expect(!output.contains("error:"), "\(c.testDescription) failed:\n\(output)")
        // In ASCII, no box-drawing, block, braille or mark characters.
        if !c.unicode, !c.script.hasSuffix("fitting.hadr") {
            let drawing: [ClosedRange<UInt32>] = [0x2500...0x259F, 0x2800...0x28FF, 0x25B2...0x25B2, 0x2713...0x2717]
            let drawn = output.unicodeScalars.filter { s in drawing.contains { $0.contains(s.value) } || s == "○" }
            #expect(drawn.isEmpty, "\(c.testDescription) drew \(String(String.UnicodeScalarView(drawn)))")
        }
    }

    @Test func everyKindHasAGolden() {
        let names = GoldenTests.scripts(in: Self.folder).map { ($0 as NSString).lastPathComponent }
        for kind in ["bars", "backoff_timeline", "replicas", "histogram", "breaker_strip", "burn_rate", "diagrams"] {
            #expect(names.contains(kind + ".hadr"))
        }
    }
}
