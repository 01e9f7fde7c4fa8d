#!/usr/bin/env bash
# Lay out the packed npm packages from dist/npm as an install would, for make test-dist:
#   tests/dist/npm-stage.sh DIR [PLATFORM]
# DIR/node is the main package (with its node/test suites copied in, and DIR/tests pointing at
# the repo's tests/ so the vector suite finds tests/vectors in place); PLATFORM's package, if
# given (e.g. linux-arm64-gnu), goes in DIR/node/node_modules where the loader looks for it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${1:?folder}"
rm -rf "$dir" && mkdir -p "$dir"
tar xzf "$ROOT"/dist/npm/hookseal-*.tgz -C "$dir"
mv "$dir/package" "$dir/node"
if [ -n "${2:-}" ]; then
    mkdir -p "$dir/node/node_modules"
    cp -r "$ROOT/dist/npm/$2" "$dir/node/node_modules/hookseal-$2"
fi
cp -r "$ROOT/node/test" "$dir/node/test"
ln -s "$ROOT/tests" "$dir/tests"
