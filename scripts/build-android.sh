#!/usr/bin/env bash
# The Android AAR: the uniffi library for arm64-v8a, armeabi-v7a and x86_64 (cargo-ndk), with the
# Kotlin API generated from it. Needs the Android NDK (ANDROID_NDK_HOME) and cargo-ndk, which this
# machine cannot reach; the hosted release workflow runs it. Runnable by hand:
#
#   scripts/build-android.sh OUT_DIR        -> OUT_DIR/hookseal-android-<version>.aar
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$(mkdir -p "${1:?output folder}" && cd "$1" && pwd)"
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -1)"
: "${ANDROID_NDK_HOME:?set ANDROID_NDK_HOME to the Android NDK}"
command -v cargo-ndk >/dev/null || cargo install cargo-ndk --locked
rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
# Android 7.0 (API 24) and later, as JNA's Android support needs.
cargo ndk --platform 24 -t arm64-v8a -t armeabi-v7a -t x86_64 -o "$WORK/jni" \
    build --profile dist -p hookseal-uniffi --lib
# An AAR is a zip: the manifest, classes.jar (the Kotlin API compiled against JNA's Android
# artifact, which the app depends on: net.java.dev.jna:jna:5.x@aar) and jni/<abi>/lib*.so.
mkdir -p "$WORK/aar/jni"
cp -r "$WORK/jni/." "$WORK/aar/jni/"
cat >"$WORK/aar/AndroidManifest.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="dev.hookseal">
    <uses-sdk android:minSdkVersion="24" />
</manifest>
XML
# No desktop natives in it (an empty HOOKSEAL_JNA_NATIVES): the AAR's jni/ folders hold the libraries.
mkdir -p "$WORK/no-natives"
HOOKSEAL_JNA_NATIVES="$WORK/no-natives" mvn -B -q -f kotlin/pom.xml -DskipTests package
cp "kotlin/target/hookseal-$VERSION.jar" "$WORK/aar/classes.jar"
(cd "$WORK/aar" && zip -q -r "$OUT/hookseal-android-$VERSION.aar" .)
echo "$OUT/hookseal-android-$VERSION.aar"
