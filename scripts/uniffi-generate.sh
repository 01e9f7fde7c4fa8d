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
# HOOKSEAL_JNA_NATIVES=DIR puts DIR's <jna-platform>/<library> folders in the jar instead of the
# host's library (scripts/dist.py: the five-platform jar).
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

# Java can only `catch (WebhookException e)` around a call whose JVM signature declares it (the
# exception extends java.lang.Exception, a checked exception, and javac rejects catching one the
# try block cannot throw); Kotlin declares it only where `@Throws` is written. uniffi 0.29's Kotlin
# templates (ObjectTemplate.kt, Interface.kt) emit `@Throws` on methods, alternate constructors and
# top-level functions, but not on an object's primary constructor (`new Webhook(secret)`) nor on
# the methods of its `...Interface`, and there is no uniffi.toml option for it. This adds it where
# the generated call is `uniffiRustCallWithError(E)`, i.e. where Rust returns `Result<_, E>`, and
# nowhere else; idempotent, and a no-op where uniffi already writes it. ThrowsDeclarationsTest
# (kotlin/src/test) fails if a throwing constructor or function is left without it.
read -r -d '' KOTLIN_THROWS <<'PERL' || true
# Primary constructors: `constructor(args) :` / `this(` / `uniffiRustCallWithError(E)`.
s/^([ \t]*)(constructor\([^\n]*\) :\n[ \t]*this\(\n[ \t]*uniffiRustCallWithError\((\w+)\))/$1\@Throws($3::class) $2/mg;
# Interface methods: annotated like the class's own method of the same name (uniffi writes the
# interface just before its class, whose overrides carry `@Throws(E::class)override fun `name``).
my %throws;
while (/^open class (\w+)\b(.*?)(?=^open class |^public interface |\z)/msg) {
    my ($class, $body) = ($1, $2);
    $throws{$class}{$2} = $1 while $body =~ /\@Throws\((\w+)::class\)\s*override fun `(\w+)`\(/g;
}
s{^public interface (\w+)Interface \{\n.*?^\}}{
    my ($class, $iface) = ($1, $&);
    $iface =~ s/^([ \t]*)(fun `(\w+)`\()/exists $throws{$class}{$3} ? "$1\@Throws($throws{$class}{$3}::class) $2" : "$1$2"/mge;
    $iface
}msge;
# Where uniffi already wrote one (a later version), keep only its own: @Throws is not repeatable.
s/(\@Throws\((\w+)::class\)\s*)\@Throws\(\2::class\) /$1/g;
PERL

case "${1:-}" in
kotlin)
    out="$2"
    build
    # Classes compiled from an older generation would outlive their sources (Maven does not
    # delete them), and a stale class shadows a renamed type: compile from scratch.
    rm -rf "$out/generated-sources/uniffi" "$out/generated-resources" "$out/classes" "$out/test-classes"
    mkdir -p "$out/generated-sources/uniffi" "$out/generated-resources/linux-x86-64"
    generate kotlin "$out/generated-sources/uniffi"
    perl -0777 -pi -e "$KOTLIN_THROWS" "$out/generated-sources/uniffi/dev/hookseal/hookseal_uniffi.kt"
    if [ -n "${HOOKSEAL_JNA_NATIVES:-}" ]; then
        # make dist: every platform's library, already in JNA's folders (scripts/dist.py).
        rm -rf "$out/generated-resources"
        cp -r "$HOOKSEAL_JNA_NATIVES" "$out/generated-resources"
    else
        cp "$LIB" "$out/generated-resources/linux-x86-64/"
    fi
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
