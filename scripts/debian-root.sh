#!/usr/bin/env bash
# Minimal Debian roots under .cache/, built once with debootstrap, and commands run inside them
# through a private mount namespace with the repo bind-mounted at its own path. Two roots:
#
#   swift   Debian trixie with `swiftlang` (Debian 12 has no Swift package): the Swift tests
#   arm64   Debian 12 for arm64 with python3 and nodejs, run under qemu-user (binfmt_misc): the
#           arm64 wheel, addon and core tests of `make test-dist`
#
#   scripts/debian-root.sh ensure NAME         build the root if it is missing
#   scripts/debian-root.sh run NAME CMD...     run CMD (in the current directory) inside it
#
# DEBIAN_ROOT_DIR overrides the location. The command starts with an empty environment (PATH,
# HOME, LANG only); DEBIAN_ROOT_ENV names variables to pass through, DEBIAN_ROOT_BIND folders
# outside the repo to bind-mount (e.g. a CARGO_TARGET_DIR elsewhere). Needs root (debootstrap,
# unshare, chroot).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

log() { echo "debian-root: $*" >&2; }

# Per root: suite, architecture, packages, and a file that exists once it is complete.
config() {
    case "$1" in
    swift)
        DIR="${DEBIAN_ROOT_DIR:-$ROOT/.cache/swift-toolchain}"
        SUITE=trixie ARCH=amd64 PACKAGES="swiftlang libc6-dev pkgconf"
        # /usr/bin/swift is a relative link that looks broken from outside the root.
        READY="usr/libexec/swift/bin/swift-frontend"
        ;;
    arm64)
        DIR="${DEBIAN_ROOT_DIR:-$ROOT/.cache/arm64-root}"
        SUITE=bookworm ARCH=arm64 PACKAGES="python3 python3-venv nodejs ca-certificates"
        READY="usr/bin/node"
        ;;
    *)
        log "unknown root $1 (swift or arm64)"
        exit 2
        ;;
    esac
}

# Foreign roots run their binaries through qemu-user, which the kernel calls by binfmt_misc.
binfmt() {
    [ "$ARCH" = amd64 ] && return 0
    if ! command -v qemu-aarch64-static >/dev/null || ! command -v update-binfmts >/dev/null; then
        log "installing qemu-user-static and binfmt-support"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user-static binfmt-support >/dev/null
    fi
    if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
    fi
    [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64
}

ensure() {
    config "$1"
    binfmt
    if [ -e "$DIR/$READY" ]; then
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        log "building the $1 root needs root (debootstrap, chroot)"
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
    local tmp="$DIR.partial"
    rm -rf "$tmp"
    mkdir -p "$(dirname "$DIR")"
    log "debootstrap $SUITE ($ARCH) into $tmp"
    debootstrap --arch="$ARCH" --variant=minbase "$SUITE" "$tmp" "$MIRROR" >"$tmp.log" 2>&1 || {
        tail -20 "$tmp.log" >&2
        exit 1
    }
    log "installing $PACKAGES in the root"
    cp /etc/resolv.conf "$tmp/etc/resolv.conf" 2>/dev/null || true
    unshare --mount --fork bash -euc '
        mount --make-rprivate /
        mount -t proc proc "$1/proc"
        chroot "$1" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
            bash -euc "apt-get update -qq && apt-get install -y -qq --no-install-recommends $2 && apt-get clean"
    ' _ "$tmp" "$PACKAGES" >>"$tmp.log" 2>&1 || {
        tail -20 "$tmp.log" >&2
        exit 1
    }
    if [ ! -e "$tmp/$READY" ]; then
        log "$PACKAGES installed but no $READY found"
        exit 1
    fi
    rm -rf "$DIR"
    mv "$tmp" "$DIR"
    mv "$tmp.log" "$DIR.log"
    log "$1 root ready in $((SECONDS - start))s"
}

run() {
    local name="$1"
    shift
    ensure "$name"
    local cwd extra=()
    cwd="$(pwd)"
    for d in ${DEBIAN_ROOT_BIND:-}; do
        extra+=("$d")
    done
    local pass=()
    for v in ${DEBIAN_ROOT_ENV:-}; do
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
    ' _ "$DIR" "$ROOT" "$cwd" "${extra[@]}" -- "${pass[@]}" -- "$@"
}

case "${1:-}" in
ensure) ensure "${2:?root name}" ;;
run)
    shift
    run "$@"
    ;;
*)
    echo "usage: $0 ensure NAME | run NAME CMD..." >&2
    exit 2
    ;;
esac
