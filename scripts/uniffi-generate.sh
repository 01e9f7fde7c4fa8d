#!/usr/bin/env bash
# Build the uniffi cdylib (release, shared target dir; a no-op when up to date) and generate one
# language's bindings from it in library mode, so the bindings always match the library.
#
#   scripts/uniffi-generate.sh kotlin OUT   Kotlin sources in OUT/generated-sources/uniffi and the
#                                           library in OUT/generated-resources/linux-x86-64 (where
#                                           JNA looks on the class path)
#   scripts/uniffi-generate.sh swift DIR    DIR is the Swift package: Sources/Hookseal/Hookseal.swift
#                                           and Sources/HooksealFFI/HooksealFFI.h
#   scripts/uniffi-generate.sh libdir       print the folder holding libhookseal_uniffi.so
#
# HOOKSEAL_SKIP_CARGO=1 skips the cargo build (make builds once per run before calling this).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
LIBDIR="$TARGET/release"
LIB="$LIBDIR/libhookseal_uniffi.so"
BINDGEN="$LIBDIR/uniffi-bindgen"

build() {
    if [ "${HOOKSEAL_SKIP_CARGO:-0}" != 1 ] || [ ! -f "$LIB" ] || [ ! -x "$BINDGEN" ]; then
        (cd "$ROOT" && CARGO_TARGET_DIR="$TARGET" cargo build --release -p hookseal-uniffi --lib --bins)
    fi
}

# Library mode reads bindings/uniffi/uniffi.toml through cargo metadata, so run from the repo.
generate() {
    (cd "$ROOT" && "$BINDGEN" generate --library "$LIB" --no-format --language "$1" --out-dir "$2" >/dev/null)
}

case "${1:-}" in
kotlin)
    out="$2"
    build
    # Classes compiled from an older generation would outlive their sources (Maven does not
    # delete them), and a stale class shadows a renamed type: compile from scratch.
    rm -rf "$out/generated-sources/uniffi" "$out/generated-resources" "$out/classes" "$out/test-classes"
    mkdir -p "$out/generated-sources/uniffi" "$out/generated-resources/linux-x86-64"
    generate kotlin "$out/generated-sources/uniffi"
    cp "$LIB" "$out/generated-resources/linux-x86-64/"
    ;;
swift)
    pkg="$2"
    build
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    generate swift "$tmp"
    cp "$tmp/Hookseal.swift" "$pkg/Sources/Hookseal/Hookseal.swift"
    cp "$tmp/HooksealFFI.h" "$pkg/Sources/HooksealFFI/HooksealFFI.h"
    ;;
libdir)
    echo "$LIBDIR"
    ;;
*)
    echo "usage: $0 kotlin OUT | swift PACKAGE_DIR | libdir" >&2
    exit 2
    ;;
esac
