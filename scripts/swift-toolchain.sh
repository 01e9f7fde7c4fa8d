#!/usr/bin/env bash
# Swift for the Swift package's tests: Debian 12 has no Swift package, so a minimal Debian trixie
# root with `swiftlang` is kept under .cache/ (built once, about 2.6 GB) and `swift` runs inside
# it (scripts/debian-root.sh, root `swift`).
#
#   scripts/swift-toolchain.sh ensure          build the toolchain root if it is missing
#   scripts/swift-toolchain.sh run CMD...      run CMD (in the current directory) inside it
#
# SWIFT_TOOLCHAIN_DIR, SWIFT_TOOLCHAIN_ENV and SWIFT_TOOLCHAIN_BIND are debian-root.sh's
# DEBIAN_ROOT_DIR, DEBIAN_ROOT_ENV and DEBIAN_ROOT_BIND.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
[ -n "${SWIFT_TOOLCHAIN_DIR:-}" ] && export DEBIAN_ROOT_DIR="$SWIFT_TOOLCHAIN_DIR"
export DEBIAN_ROOT_ENV="${SWIFT_TOOLCHAIN_ENV:-}" DEBIAN_ROOT_BIND="${SWIFT_TOOLCHAIN_BIND:-}"
# The variables named in DEBIAN_ROOT_ENV must reach debian-root.sh's environment too.
for v in ${SWIFT_TOOLCHAIN_ENV:-}; do
    [ -n "${!v+set}" ] && export "${v?}"
done
case "${1:-}" in
ensure) exec "$HERE/debian-root.sh" ensure swift ;;
run)
    shift
    exec "$HERE/debian-root.sh" run swift "$@"
    ;;
*)
    echo "usage: $0 ensure | run CMD..." >&2
    exit 2
    ;;
esac
