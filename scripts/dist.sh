#!/usr/bin/env bash
# Builds release binaries of youjun for Windows (amd64), Linux (amd64) and macOS (arm64) into
# dist/. The binaries need nothing else: the theme, ECharts and the free CJK font are embedded.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(git describe --tags --always 2>/dev/null || echo dev)
rm -rf dist
mkdir -p dist
for target in windows/amd64 linux/amd64 darwin/arm64; do
  os=${target%/*}
  arch=${target#*/}
  out="dist/youjun-${version}-${os}-${arch}"
  [ "$os" = windows ] && out="$out.exe"
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -ldflags "-s -w" -o "$out" ./cmd/youjun
  echo "$out"
done
