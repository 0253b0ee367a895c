// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "hadr",
    products: [
        .executable(name: "hadr", targets: ["hadr"]),
        .library(name: "HadrCore", targets: ["HadrCore"]),
    ],
    // No package dependencies: hadr's command line is one small table (Sources/hadr/CommandOption.swift).
    dependencies: [],
    targets: [
        // The language: source text to values. Never touches the terminal.
        .target(
            name: "HadrCore",
            dependencies: ["CNumberFormat", "CNativeStack"],
            exclude: [],
            plugins: ["EmbedStdlib"]
        ),
        // printf's %e and %g for Display, without Swift's variadic-argument machinery.
        // DWARF 4: valgrind (used for instruction counts) cannot read clang's DWARF 5 from C.
        .target(name: "CNumberFormat", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // The evaluation thread's stack bounds (pthread_getattr_np), for the machine's stack check.
        .target(name: "CNativeStack", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // libedit's headers (scripts/install-deps installs libedit-dev); the library itself is
        // opened with dlopen when the REPL starts, so scripts and -e never load it.
        .systemLibrary(name: "CLibEdit", providers: [.apt(["libedit-dev"])]),
        // The only code that imports CLibEdit.
        .target(name: "LineEditing", dependencies: ["CLibEdit"]),
        // The command line: arguments, script runner, REPL.
        .executableTarget(
            name: "hadr",
            dependencies: ["HadrCore", "LineEditing"]
        ),
        // Build tool: turns stdlib/*.hadr into a Swift source so the binary needs no files beside it.
        .executableTarget(name: "EmbedStdlibTool"),
        .plugin(
            name: "EmbedStdlib",
            capability: .buildTool(),
            dependencies: ["EmbedStdlibTool"]
        ),
        .testTarget(name: "HadrCoreTests", dependencies: ["HadrCore"], exclude: ["Fixtures"]),
        .testTarget(name: "HadrCLITests", dependencies: ["hadr"]),
    ]
)
