#!/usr/bin/env bash
# Packages one VSIX per platform, each with the gopitfalls binary
# cross-built into bin/ (CGO_ENABLED=0, stripped, version stamped):
#
#	extension/scripts/package.sh [target...]    (default: every target)
#
# Targets: linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64.
# Writes vsix/gopitfalls-<target>.vsix. Needs dist/extension.js (npm run
# build) and Node >= 22 for vsce: $NODE24 when set, else node on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."

node_bin=${NODE24:-node}
version=$(node -p 'require("./package.json").version')
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	targets=(linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64)
fi
test -f dist/extension.js || { echo "package.sh: dist/extension.js missing; run npm run build" >&2; exit 2; }

repo=https://github.com/gopitfalls/gopitfalls
mkdir -p vsix
trap 'rm -rf bin' EXIT
for t in "${targets[@]}"; do
	case $t in
	linux-x64) goos=linux goarch=amd64 ;;
	linux-arm64) goos=linux goarch=arm64 ;;
	darwin-x64) goos=darwin goarch=amd64 ;;
	darwin-arm64) goos=darwin goarch=arm64 ;;
	win32-x64) goos=windows goarch=amd64 ;;
	*) echo "package.sh: unknown target $t" >&2; exit 2 ;;
	esac
	exe=gopitfalls
	[ "$goos" = windows ] && exe=gopitfalls.exe
	rm -rf bin && mkdir bin
	CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch GOTOOLCHAIN=local \
		go build -trimpath -ldflags "-s -w -X main.version=v$version" -o "bin/$exe" .
	chmod 755 "bin/$exe"
	# vsce's output is kept beside the VSIX: a warning fails the build
	# (make vsix-check looks again), so the Marketplace page and the
	# manifest stay clean.
	log=vsix/gopitfalls-$t.vsce.log
	"$node_bin" node_modules/@vscode/vsce/vsce package \
		--target "$t" --no-dependencies --no-update-package-json \
		--readme-path extension/README.md --changelog-path extension/CHANGELOG.md \
		--baseContentUrl "$repo/blob/HEAD/extension" --baseImagesUrl "$repo/raw/HEAD/extension" \
		--out "vsix/gopitfalls-$t.vsix" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
	if grep -q 'WARNING' "$log"; then
		grep -A2 'WARNING' "$log" >&2
		echo "package.sh: vsce warned while packaging $t (see $log)" >&2
		exit 1
	fi
	echo "vsix/gopitfalls-$t.vsix $(du -k "vsix/gopitfalls-$t.vsix" | cut -f1) KiB"
done
