#!/usr/bin/env bash
# The Apple xcframework for the Swift package: the uniffi library as a static library for iOS
# devices (arm64), the iOS simulator (arm64 + x86_64) and macOS (arm64 + x86_64), with the
# generated C header and module map. Needs Xcode (xcodebuild, lipo), so it runs on the hosted
# macOS runner (.github/workflows/release.yml); runnable by hand on a Mac:
#
#   scripts/build-xcframework.sh OUT_DIR    -> OUT_DIR/HooksealFFI.xcframework (+ .zip, checksum)
#
# Package.swift can then use it as a binary target:
#   .binaryTarget(name: "HooksealFFI", url: ".../HooksealFFI.xcframework.zip", checksum: "...")
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$(mkdir -p "${1:?output folder}" && cd "$1" && pwd)"
TARGETS=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${TARGETS[@]}"
cd "$ROOT"
for t in "${TARGETS[@]}"; do
    # A static library only here: the other packages want the cdylib (Cargo.toml's crate-type).
    cargo rustc --profile dist -p hookseal-uniffi --lib --target "$t" --crate-type staticlib
done
lib() { echo "target/$1/dist/libhookseal_uniffi.a"; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/headers" "$WORK/ios-sim" "$WORK/macos"
cp swift/Sources/HooksealFFI/HooksealFFI.h "$WORK/headers/"
cat >"$WORK/headers/module.modulemap" <<MAP
module HooksealFFI {
    header "HooksealFFI.h"
    export *
}
MAP
lipo -create "$(lib aarch64-apple-ios-sim)" "$(lib x86_64-apple-ios)" -output "$WORK/ios-sim/libhookseal_uniffi.a"
lipo -create "$(lib aarch64-apple-darwin)" "$(lib x86_64-apple-darwin)" -output "$WORK/macos/libhookseal_uniffi.a"
rm -rf "$OUT/HooksealFFI.xcframework"
xcodebuild -create-xcframework \
    -library "$(lib aarch64-apple-ios)" -headers "$WORK/headers" \
    -library "$WORK/ios-sim/libhookseal_uniffi.a" -headers "$WORK/headers" \
    -library "$WORK/macos/libhookseal_uniffi.a" -headers "$WORK/headers" \
    -output "$OUT/HooksealFFI.xcframework"
(cd "$OUT" && rm -f HooksealFFI.xcframework.zip && zip -q -r HooksealFFI.xcframework.zip HooksealFFI.xcframework)
swift package compute-checksum "$OUT/HooksealFFI.xcframework.zip" | tee "$OUT/HooksealFFI.xcframework.zip.checksum"
