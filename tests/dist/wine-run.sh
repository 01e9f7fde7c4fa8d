#!/usr/bin/env bash
# Cargo's runner for x86_64-pc-windows-gnu binaries (make test-dist-windows): runs one under
# 64-bit Wine in the repo's own prefix (.cache/wine), made on first use with the
# bcryptprimitives.dll stand-in that Wine 8 lacks (see bcryptprimitives.c).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
export WINEPREFIX="${WINEPREFIX:-$HERE/../../.cache/wine}" WINEDEBUG="${WINEDEBUG:--all}"
WINE="$(command -v wine64 || echo /usr/lib/wine/wine64)"
DLL="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [ ! -f "$DLL" ]; then
    mkdir -p "$WINEPREFIX"
    "$WINE" wineboot --init >/dev/null 2>&1 || true
    x86_64-w64-mingw32-gcc -O2 -shared -Wl,--kill-at -o "$DLL" "$HERE/bcryptprimitives.c" -ladvapi32
fi
exec "$WINE" "$@"
