#!/usr/bin/env bash
# Swift for the Swift package's tests. Debian 12 has no Swift package; Debian trixie has
# `swiftlang`, so we keep a minimal trixie root under .cache/ (built once, about 2 GB) and run
# `swift` inside it through a private mount namespace, with the repo bind-mounted at its own path.
#
#   scripts/swift-toolchain.sh ensure          build the toolchain root if it is missing
#   scripts/swift-toolchain.sh run CMD...      run CMD (in the current directory) inside it
#
# SWIFT_TOOLCHAIN_DIR overrides the location. The command starts with an empty environment
# (PATH, HOME, LANG only); SWIFT_TOOLCHAIN_ENV names variables to pass through (e.g. the port of a
# redis-server the tests use). Needs root (debootstrap, unshare, chroot).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TC="${SWIFT_TOOLCHAIN_DIR:-$ROOT/.cache/swift-toolchain}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# /usr/bin/swift is a relative link that looks broken from outside the root; the frontend is real.
FRONTEND="$TC/usr/libexec/swift/bin/swift-frontend"

log() { echo "swift-toolchain: $*" >&2; }

ensure() {
    if [ -x "$FRONTEND" ]; then
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        log "building the toolchain root needs root (debootstrap, chroot)"
        exit 1
    fi
    local start=$SECONDS
    if ! command -v debootstrap >/dev/null; then
        log "installing debootstrap"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
    fi
    # Build in a scratch folder and move it into place only when complete, so an interrupted
    # set-up is redone rather than half-used.
    local tmp="$TC.partial"
    rm -rf "$tmp"
    mkdir -p "$(dirname "$TC")"
    log "debootstrap trixie into $tmp"
    debootstrap --variant=minbase trixie "$tmp" "$MIRROR" >"$tmp.log" 2>&1 || {
        tail -20 "$tmp.log" >&2
        exit 1
    }
    log "installing swiftlang in the root (2.6 GB; the whole set-up took about a minute here)"
    cp /etc/resolv.conf "$tmp/etc/resolv.conf" 2>/dev/null || true
    unshare --mount --fork bash -euc '
        mount --make-rprivate /
        mount -t proc proc "$1/proc"
        chroot "$1" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
            bash -euc "apt-get update -qq && apt-get install -y -qq --no-install-recommends swiftlang libc6-dev && apt-get clean"
    ' _ "$tmp" >>"$tmp.log" 2>&1 || {
        tail -20 "$tmp.log" >&2
        exit 1
    }
    if [ ! -x "$tmp/usr/libexec/swift/bin/swift-frontend" ]; then
        log "swiftlang installed but no swift-frontend found"
        exit 1
    fi
    rm -rf "$TC"
    mv "$tmp" "$TC"
    mv "$tmp.log" "$TC.log"
    log "toolchain ready in $((SECONDS - start))s"
}

run() {
    ensure
    local cwd extra=()
    cwd="$(pwd)"
    # Folders the command needs that may lie outside the repo (e.g. a CARGO_TARGET_DIR elsewhere).
    for d in ${SWIFT_TOOLCHAIN_BIND:-}; do
        extra+=("$d")
    done
    local pass=()
    for v in ${SWIFT_TOOLCHAIN_ENV:-}; do
        if [ -n "${!v+set}" ]; then
            pass+=("$v=${!v}")
        fi
    done
    unshare --mount --fork bash -euc '
        tc="$1"; root="$2"; cwd="$3"; shift 3
        binds=()
        while [ "$1" != "--" ]; do binds+=("$1"); shift; done
        shift
        mount --make-rprivate /
        mount -t proc proc "$tc/proc"
        mount --bind /dev "$tc/dev"
        mount -t tmpfs tmpfs "$tc/tmp"
        for d in "$root" "${binds[@]}"; do
            mkdir -p "$tc$d"
            mount --bind "$d" "$tc$d"
        done
        cd /
        envs=()
        while [ "$1" != "--" ]; do envs+=("$1"); shift; done
        shift
        exec chroot "$tc" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "${envs[@]}" \
            bash -c "cd \"\$0\" && exec \"\$@\"" "$cwd" "$@"
    ' _ "$TC" "$ROOT" "$cwd" "${extra[@]}" -- "${pass[@]}" -- "$@"
}

case "${1:-}" in
ensure) ensure ;;
run)
    shift
    run "$@"
    ;;
*)
    echo "usage: $0 ensure | run CMD..." >&2
    exit 2
    ;;
esac
