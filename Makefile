# Two commands do all the set-up on a fresh Debian machine with the Swift toolchain:
#   make repl   builds hadr and starts its REPL
#   make test   builds and runs every test
# Each first installs the system packages hadr needs (see scripts/install-deps).

.PHONY: repl test lint format build release deps bench clean

repl: release
	.build/release/hadr

test: deps lint
	swift build --build-tests
	swift test

# The code's layout is swift-format's, configured in .swift-format; CI fails on any finding.
lint:
	swift format lint --strict -r Sources Tests Plugins fuzz Package.swift

format:
	swift format -i -r Sources Tests Plugins fuzz Package.swift

build: deps
	swift build

release: deps
	swift build -c release --product hadr

deps:
	@scripts/install-deps

bench: deps
	benchmarks/run

clean:
	rm -rf .build
