#!/usr/bin/env bash
# Smoke test of the Android AAR on a running emulator or device (adb): load the x86_64 or arm64
# library from the AAR with dlopen in a tiny C program built by the NDK, and check it answers
# uniffi's contract version, which the generated Kotlin checks at load. Run by the hosted release
# workflow after scripts/build-android.sh; runnable by hand with ANDROID_NDK_HOME and adb.
#
#   scripts/android-smoke.sh DIR_WITH_AAR [ABI]      ABI: x86_64 (default) or arm64-v8a
set -euo pipefail
AAR="$(ls "${1:?folder with the AAR}"/hookseal-android-*.aar | head -1)"
ABI="${2:-x86_64}"
: "${ANDROID_NDK_HOME:?set ANDROID_NDK_HOME}"
case "$ABI" in
x86_64) CLANG=x86_64-linux-android24-clang ;;
arm64-v8a) CLANG=aarch64-linux-android24-clang ;;
*) echo "ABI must be x86_64 or arm64-v8a" >&2; exit 2 ;;
esac
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
unzip -q "$AAR" "jni/$ABI/libhookseal_uniffi.so" -d "$WORK"
cat >"$WORK/smoke.c" <<'C'
#include <dlfcn.h>
#include <stdio.h>
int main(void) {
    void *lib = dlopen("/data/local/tmp/libhookseal_uniffi.so", RTLD_NOW);
    if (!lib) { printf("dlopen failed: %s\n", dlerror()); return 1; }
    unsigned (*version)(void) = (unsigned (*)(void))dlsym(lib, "ffi_hookseal_uniffi_uniffi_contract_version");
    if (!version) { printf("no contract version symbol\n"); return 1; }
    printf("hookseal on Android: uniffi contract version %u\n", version());
    return version() > 0 ? 0 : 1;
}
C
"$ANDROID_NDK_HOME/toolchains/llvm/prebuilt/linux-x86_64/bin/$CLANG" -o "$WORK/smoke" "$WORK/smoke.c" -ldl
adb push "$WORK/jni/$ABI/libhookseal_uniffi.so" "$WORK/smoke" /data/local/tmp/ >/dev/null
adb shell chmod 755 /data/local/tmp/smoke
adb shell /data/local/tmp/smoke
