# Two commands do all the set-up on a fresh Debian machine with the Swift toolchain:
#   make repl   builds hadr and starts its REPL
#   make test   builds and runs every test
# Each first installs the system packages hadr needs (see scripts/install-deps).
#
#   make install [PREFIX=/usr/local] [DESTDIR=]   the binary, the man page, completions
#   make uninstall [PREFIX=/usr/local] [DESTDIR=]

.PHONY: repl test lint format build release deps build-deps bench clean install uninstall check-install

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MAN1DIR = $(PREFIX)/share/man/man1
BASHDIR = $(PREFIX)/share/bash-completion/completions
ZSHDIR = $(PREFIX)/share/zsh/site-functions
FISHDIR = $(PREFIX)/share/fish/vendor_completions.d

# The release binary carries the Swift runtime inside (--static-swift-stdlib), so it runs
# on a machine without the toolchain. Every release build uses these flags: a build with
# other flags recompiles every module.
RELEASE = swift build -c release --product hadr --static-swift-stdlib

repl: release
	.build/release/hadr

test: deps lint
	swift build --build-tests
	swift test
	scripts/check-install

# The code's layout is swift-format's, configured in .swift-format; CI fails on any finding.
lint:
	swift format lint --strict -r Sources Tests Plugins fuzz Package.swift

format:
	swift format -i -r Sources Tests Plugins fuzz Package.swift

build: build-deps
	swift build

release: build-deps
	$(RELEASE)

install: release
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MAN1DIR)" "$(DESTDIR)$(BASHDIR)" "$(DESTDIR)$(ZSHDIR)" \
		"$(DESTDIR)$(FISHDIR)"
	install -m 755 .build/release/hadr "$(DESTDIR)$(BINDIR)/hadr"
	install -m 644 docs/man/hadr.1 "$(DESTDIR)$(MAN1DIR)/hadr.1"
	install -m 644 completions/hadr.bash "$(DESTDIR)$(BASHDIR)/hadr"
	install -m 644 completions/_hadr "$(DESTDIR)$(ZSHDIR)/_hadr"
	install -m 644 completions/hadr.fish "$(DESTDIR)$(FISHDIR)/hadr.fish"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/hadr" "$(DESTDIR)$(MAN1DIR)/hadr.1" "$(DESTDIR)$(BASHDIR)/hadr" \
		"$(DESTDIR)$(ZSHDIR)/_hadr" "$(DESTDIR)$(FISHDIR)/hadr.fish"

# Installs into a scratch folder and checks the result as a user's machine would see it:
# the layout, no library from the toolchain, the binary with the toolchain hidden.
check-install:
	scripts/check-install

# Everything the tests use; build-deps only what building needs (make repl, make install).
deps:
	@scripts/install-deps

build-deps:
	@scripts/install-deps --build

bench: deps
	benchmarks/run

clean:
	rm -rf .build
