import HadrCore

#if canImport(Glibc)
    import Glibc
#endif

/// What one run of `hadr` was asked to do, however its arguments were parsed.
struct Invocation: Equatable {
    var expressions: [String] = []
    var script: String?
    var arguments: [String] = []
    var json = false
    var csv = false
    var markdown = false
    var width: Int?
    var color = "auto"
    var maxSteps: Int?
    var timeout: Double?
    var maxDepth = Limits().maxCallDepth
    var maxList = Limits().maxListSize
    var maxString = Limits().maxStringSize

    init(_ command: Hadr) {
        expressions = command.expressions
        script = command.script
        arguments = command.arguments
        json = command.json
        csv = command.csv
        markdown = command.markdown
        width = command.width
        color = command.color
        maxSteps = command.maxSteps
        timeout = command.timeout
        maxDepth = command.maxDepth
        maxList = command.maxList
        maxString = command.maxString
    }

    /// The invocation for `[]`, `-e EXPR [-e EXPR]...` or `FILE [ARGS...]` when no word
    /// starts with `-` except the `-e`s; nil for anything else, which ArgumentParser handles.
    init?(commonShape argv: [String]) {
        if argv.first == "-e" {
            var rest = argv[...]
            while rest.count >= 2, rest.first == "-e", let value = rest.dropFirst().first, !value.hasPrefix("-") {
                expressions.append(value)
                rest = rest.dropFirst(2)
            }
            guard rest.isEmpty else { return nil }
        } else if let file = argv.first {
            guard !argv.contains(where: { $0.hasPrefix("-") }), !file.isEmpty, file != "help" else { return nil }
            script = file
            arguments = Array(argv.dropFirst())
        }
    }

    /// The limits the options ask for.
    var limits: Limits {
        var limits = Limits()
        limits.maxSteps = maxSteps
        limits.timeout = timeout
        limits.maxCallDepth = maxDepth
        limits.maxListSize = maxList
        limits.maxStringSize = maxString
        return limits
    }

    /// Runs it and returns the exit status.
    func run() -> Int32 {
        var options = Session.Options()
        options.limits = limits
        options.arguments = arguments
        let settings = Runner.Settings(
            options: options, json: json, color: color, document: csv ? "csv" : markdown ? "markdown" : nil,
            width: width)
        return Runner(settings: settings).main(expressions: expressions, script: script)
    }
}
