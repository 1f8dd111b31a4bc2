# The two commands of the README:
#   make        build gopitfalls, run it on the example workspace, and
#               build the VS Code extension (VSIX) for this machine
#   make test   run every test: Go (race detector on), the -fix round
#               trip on real modules, the extension's lint, type check
#               and unit tests, and the end-to-end test in a real VS Code
# .ci/run runs `make test`.
#
# Other targets: make package (a VSIX for each of the five platforms),
# make generate (the rule settings of package.json from the notes),
# make bench (the language server benchmark), make bench-large (how the
# cost grows, up to prometheus), make fix-roundtrip.

GO ?= go
NPM ?= npm
export GOTOOLCHAIN := local

# Go packages: npm packages may ship Go files (node_modules is no module).
GO_PKGS = $$($(GO) list ./... | grep -v /node_modules/)
# The rules' own tests run each analyzer on its fixtures in one goroutine;
# the concurrency they meet (a pass per package at once, the server's
# sessions) is in the driver, check and server tests, which run them
# under the race detector, as is rules/rule, whose wrapper shares state
# between passes. The rule packages run without it: under it they take
# three times as long and find nothing the others do not.
RULE_PKGS = grep '/rules/[a-z]*$$' | grep -v '/rules/rule$$'
GO_RACE_PKGS = $$($(GO) list ./... | grep -v /node_modules/ | grep -v "$$($(GO) list ./rules/... | $(RULE_PKGS))")
GO_RULE_PKGS = $$($(GO) list ./rules/... | $(RULE_PKGS))

# The VSIX target of this machine.
target.Linux-x86_64 := linux-x64
target.Linux-aarch64 := linux-arm64
target.Darwin-x86_64 := darwin-x64
target.Darwin-arm64 := darwin-arm64
HOST_TARGET := $(or $(target.$(shell uname -s)-$(shell uname -m)),win32-x64)
VSIX := vsix/gopitfalls-$(HOST_TARGET).vsix
E2E_SETUP := extension/test/e2e/setup.sh
EXT_SOURCES := $(wildcard extension/src/*.ts) package.json package.nls.json package.nls.zh-cn.json l10n/bundle.l10n.zh-cn.json .vscodeignore

.PHONY: all build example vsix package generate test go-test fix-roundtrip lint ext-check ext-unit vsix-check e2e bench bench-large

all: build example vsix

build:
	$(GO) build -o gopitfalls .

# The example workspace has planted pitfalls: exit status 1 (findings) is
# the expected outcome; 2 (a failure) is not.
example: build
	cd testdata/example && ../../gopitfalls check ./... ; status=$$?; test $$status -le 1

# --- the extension ---

node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --loglevel=error

dist/extension.js: node_modules/.package-lock.json $(EXT_SOURCES)
	$(NPM) run -s build

# vsce needs Node >= 22: setup.sh installs Node 24 into the cache.
vsix: build dist/extension.js
	NODE24=$$($(E2E_SETUP) node) extension/scripts/package.sh $(HOST_TARGET)

package: build dist/extension.js
	NODE24=$$($(E2E_SETUP) node) extension/scripts/package.sh

generate: build node_modules/.package-lock.json
	node extension/scripts/gen-rules.mjs ./gopitfalls

# --- tests ---

test: lint go-test fix-roundtrip ext-check ext-unit vsix-check e2e

lint:
	$(GO) mod download
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^testdata/')); \
	  if [ -n "$$out" ]; then echo "not gofmt'd:"; echo "$$out"; exit 1; fi
	$(GO) vet $(GO_PKGS)

go-test:
	$(GO) test -race -timeout 30m $(GO_RACE_PKGS)
	$(GO) test -timeout 30m $(GO_RULE_PKGS)

# -fix on real modules: kratos v0.6.0 and etcd server v3.7.3, fetched by
# exact version through the module proxy (a module that cannot be fetched
# is skipped with a message). After -fix they must still build, go vet
# and gofmt -l must say what they said before, no rule may report more,
# and a second -fix must change nothing. The prepared modules are kept in
# ROUNDTRIP_CACHE (default: the user cache directory).
ROUNDTRIP_CACHE ?=
fix-roundtrip:
	$(GO) run ./internal/roundtrip $(if $(ROUNDTRIP_CACHE),-cache $(ROUNDTRIP_CACHE))

# The rule settings are generated from the notes: fail when stale.
ext-check: build node_modules/.package-lock.json
	node extension/scripts/gen-rules.mjs --check ./gopitfalls
	npx --no-install tsc -p . --noEmit
	npx --no-install eslint .

ext-unit: node_modules/.package-lock.json
	$(NPM) run -s test:unit

# The VSIX holds an executable server, the 128x128 icon and the
# walkthrough's notes, no sources, stays small, and vsce packaged it
# without a warning. The Marketplace page's images come from the
# repository (package.sh's --baseImagesUrl): each must be in it.
vsix-check: vsix
	@if grep 'WARNING' $(VSIX:.vsix=.vsce.log); then echo "$(VSIX): vsce warned"; exit 1; fi
	@for f in $$(grep -o '](images/[^)]*)' extension/README.md | sed 's/^](//; s/)$$//'); do \
	  git ls-files --error-unmatch extension/$$f >/dev/null 2>&1 || { echo "extension/README.md shows extension/$$f, which is not in the repository"; exit 1; }; \
	done
	@unzip -p $(VSIX) extension/extension/images/icon.png | head -c 24 | od -An -tx1 | tr -d ' \n' | grep -qx '89504e470d0a1a0a0000000d494844520000008000000080' || { echo "$(VSIX): no 128x128 PNG icon"; exit 1; }
	@n=$$(unzip -Z1 $(VSIX) | grep -c '^extension/extension/walkthrough/.*\.md$$'); test "$$n" -eq $(words $(wildcard extension/walkthrough/*/*.md)) || { echo "$(VSIX): $$n walkthrough notes"; exit 1; }
	@listing=$$(unzip -Z $(VSIX)) || exit 1; \
	echo "$$listing" | grep -Eq '^-rwx.* extension/bin/gopitfalls(\.exe)?$$' || { echo "$(VSIX): no executable extension/bin/gopitfalls"; exit 1; }; \
	if echo "$$listing" | grep -E '\.(go|ts|map)$$|node_modules/|testdata/'; then echo "$(VSIX): carries the files above"; exit 1; fi; \
	size=$$(wc -c < $(VSIX)); test $$size -lt 8000000 || { echo "$(VSIX): $$size bytes, more than 8 MB"; exit 1; }; \
	echo "$(VSIX): $$(echo "$$listing" | grep -c ' extension/') files, $$size bytes"

# The gate: the built VSIX in a real VS Code (code-server + Chromium).
e2e: vsix
	$(E2E_SETUP)
	$(NPM) run -s build:e2e
	node extension/test/e2e/run.mjs --vsix $(VSIX)

# The language server benchmark (kratos v0.6.0 from the module proxy, and
# gopls v0.23.0 for scale); not part of the tests.
bench:
	bash server/bench/run.sh

# check beside staticcheck on six modules up to prometheus (176 kLOC), and
# the server on prometheus beside gopls: a download of a few GB the first
# time, and about half an hour; not part of the tests.
bench-large:
	bash server/bench/large.sh
