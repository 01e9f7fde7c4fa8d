#!/usr/bin/env python3
"""Release artifacts for every platform users install on (`make dist`), into dist/.

    scripts/dist.py build [--only python,node,jvm,cli,swift] [--target TRIPLE ...]
    scripts/dist.py table        every artifact in dist/ with its size and budget; exit 1 if over
    scripts/dist.py check        the table, plus each wheel's tags and each npm package's os/cpu/libc

Everything is cross-built on this Linux machine: Linux (glibc 2.17 and musl, x86_64 and arm64) and
macOS (x86_64 and arm64) link with zig (cargo-zigbuild, `maturin --zig`), Windows with mingw-w64.
Every native library uses the `dist` cargo profile (no debug info, stripped, whole-program LTO;
the workspace Cargo.toml says why). The hosted release workflow (.github/workflows/release.yml)
runs the same commands on native runners.
"""

from __future__ import annotations

import argparse
import base64
import email.parser
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
TARGET_DIR = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
VERSION = next(
    line.split('"')[1]
    for line in (ROOT / "Cargo.toml").read_text().splitlines()
    if line.startswith("version = ")
)
MiB = 1024 * 1024
KiB = 1024


@dataclass(frozen=True)
class Platform:
    triple: str
    # Python wheel platform policy (maturin --compatibility), npm platform name, JNA resource
    # folder; None where that package is not built for the platform.
    wheel: str | None
    npm: str | None
    jna: str | None
    cli: bool
    os: str
    cpu: str
    libc: str | None = None

    @property
    def apple(self) -> bool:
        return self.triple.endswith("-apple-darwin")

    @property
    def windows(self) -> bool:
        return "windows" in self.triple

    def lib(self, stem: str) -> str:
        """The file name cargo gives a cdylib called `stem` on this platform."""
        if self.windows:
            return f"{stem}.dll"
        return f"lib{stem}.dylib" if self.apple else f"lib{stem}.so"


PLATFORMS = [
    Platform("x86_64-unknown-linux-gnu", "manylinux2014", "linux-x64-gnu", "linux-x86-64", False, "linux", "x64", "glibc"),
    Platform("aarch64-unknown-linux-gnu", "manylinux2014", "linux-arm64-gnu", "linux-aarch64", False, "linux", "arm64", "glibc"),
    Platform("x86_64-unknown-linux-musl", "musllinux_1_2", "linux-x64-musl", None, True, "linux", "x64", "musl"),
    Platform("aarch64-unknown-linux-musl", "musllinux_1_2", "linux-arm64-musl", None, True, "linux", "arm64", "musl"),
    Platform("x86_64-apple-darwin", "macos", "darwin-x64", "darwin-x86-64", True, "darwin", "x64"),
    Platform("aarch64-apple-darwin", "macos", "darwin-arm64", "darwin-aarch64", True, "darwin", "arm64"),
    # Built with mingw-w64; the addon runs in the usual (MSVC-built) Node, whose loader names the
    # platform win32-x64-msvc.
    Platform("x86_64-pc-windows-gnu", "windows", "win32-x64-msvc", "win32-x86-64", True, "win32", "x64"),
]

# Budgets (issue 16). A wheel or jar counts as its compressed file, a .node or CLI binary as the
# file, the WebAssembly module gzipped.
BUDGETS = {
    "wheel": 1 * MiB,
    "node": int(1.5 * MiB),
    "jar": 8 * MiB,
    "wasm": 150 * KiB,
}


def run(cmd: list[str], **kw) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def tools_env() -> dict[str, str]:
    """PATH with the venv that holds maturin, ziglang and cargo-zigbuild (mk/dist.mk makes it)."""
    env = dict(os.environ)
    venv = Path(os.environ.get("DIST_VENV", ROOT / ".cache" / "dist-venv"))
    env["PATH"] = f"{venv / 'bin'}:{env['PATH']}"
    env["CARGO_TARGET_DIR"] = str(TARGET_DIR)
    return env


def cargo_build(p: Platform, package: str, env: dict[str, str], lib: bool = True) -> Path:
    """Build `package` for `p` with the dist profile; the folder holding its output."""
    # A library is built as the cdylib alone (`cargo rustc --crate-type cdylib`): a crate that is
    # also an rlib (hookseal-uniffi, for its tests) gets no LTO otherwise, and the macOS and
    # Windows linkers then kept uniffi-bindgen's code in the library (11 MB instead of 2.5).
    if lib:
        what = ["--lib", "--crate-type", "cdylib"]
        cmd = ["cargo", "rustc"] if p.windows else ["cargo-zigbuild", "rustc"]
    else:
        what = ["--bins"]
        cmd = ["cargo", "build"] if p.windows else ["cargo", "zigbuild"]
    e = dict(env)
    if "musl" in p.triple and lib:
        # A shared library cannot link the C runtime statically.
        e["RUSTFLAGS"] = (e.get("RUSTFLAGS", "") + " -C target-feature=-crt-static").strip()
    if package in ("hookseal-node", "hookseal-cli"):
        # A panic cannot unwind out of a napi callback (Rust aborts at an `extern "C"` boundary)
        # nor usefully out of the CLI, so their unwind tables are dead weight. Python (pyo3 turns
        # a panic into PanicException) and the JVM library (uniffi: InternalException) keep them.
        e["CARGO_PROFILE_DIST_PANIC"] = "abort"
    # zig links glibc targets against the oldest glibc named in the target (manylinux2014's 2.17,
    # as the wheels); the output still lands in target/<triple>/.
    target = f"{p.triple}.2.17" if p.triple.endswith("-linux-gnu") else p.triple
    run(cmd + ["--profile", "dist", "-p", package, *what, "--target", target], cwd=ROOT, env=e)
    return TARGET_DIR / p.triple / "dist"


# ---- Python ------------------------------------------------------------------------------------


def build_python(platforms: list[Platform], env: dict[str, str]) -> None:
    out = DIST / "python"
    out.mkdir(parents=True, exist_ok=True)
    for p in platforms:
        if not p.wheel:
            continue
        cmd = ["maturin", "build", "--profile", "dist", "--target", p.triple, "-o", str(out),
               "--compression-level", "9"]
        if p.wheel in ("manylinux2014", "musllinux_1_2"):
            cmd += ["--zig", "--compatibility", p.wheel]
        elif p.apple:
            cmd += ["--zig"]
        run(cmd, cwd=ROOT / "python", env=env)
    run(["maturin", "sdist", "-o", str(out)], cwd=ROOT / "python", env=env)


# ---- Node --------------------------------------------------------------------------------------


def build_node(platforms: list[Platform], env: dict[str, str], main_only: bool = False) -> None:
    """The napi-rs layout: one package per platform (npm/<platform>/), each holding
    hookseal.<platform>.node and a package.json whose os/cpu/libc let npm install only the one
    that fits; the main package lists them all as optional dependencies."""
    out = DIST / "npm"
    out.mkdir(parents=True, exist_ok=True)
    main = json.loads((ROOT / "node" / "package.json").read_text())
    for p in [] if main_only else platforms:
        if not p.npm:
            continue
        folder = cargo_build(p, "hookseal-node", env)
        pkg = out / p.npm
        pkg.mkdir(parents=True, exist_ok=True)
        node_file = f"hookseal.{p.npm}.node"
        shutil.copy2(folder / p.lib("hookseal_node"), pkg / node_file)
        manifest = {
            "name": f"hookseal-{p.npm}",
            "version": VERSION,
            "description": f"The hookseal native addon for {p.npm} (installed by `hookseal`).",
            "license": main["license"],
            "repository": main["repository"],
            "main": node_file,
            "files": [node_file],
            "os": [p.os],
            "cpu": [p.cpu],
            "engines": main["engines"],
        }
        if p.libc:
            manifest["libc"] = [p.libc]
        (pkg / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
    # The main package, packed as npm publishes it, with every platform package as an optional
    # dependency (the WebAssembly build stays inside it for platforms without one).
    # The WebAssembly fallback (gitignored, so a fresh clone has none): without it the package
    # would not load where no platform package fits.
    run(["bash", str(ROOT / "scripts" / "wasm-build.sh")], cwd=ROOT, env=env)
    staging = out / "hookseal"
    if staging.exists():
        shutil.rmtree(staging)
    run(["npm", "pack", "--pack-destination", str(out)], cwd=ROOT / "node")
    tgz = out / f"hookseal-{VERSION}.tgz"
    with tarfile.open(tgz) as t:
        # The tarball is our own `npm pack`; the data filter where this Python has it (3.11.4+).
        t.extractall(out / ".unpacked", **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    shutil.move(out / ".unpacked" / "package", staging)
    shutil.rmtree(out / ".unpacked")
    for stale in staging.glob("*.node"):
        stale.unlink()  # the development build's addon; the platform packages carry the real ones
    pj = json.loads((staging / "package.json").read_text())
    pj["optionalDependencies"] = {
        f"hookseal-{p.npm}": VERSION for p in PLATFORMS if p.npm
    }
    pj.pop("devDependencies", None)
    (staging / "package.json").write_text(json.dumps(pj, indent=2) + "\n")
    tgz.unlink()
    run(["npm", "pack", "--pack-destination", str(out)], cwd=staging)


# ---- JVM ---------------------------------------------------------------------------------------


def build_jvm(platforms: list[Platform], env: dict[str, str]) -> None:
    """One jar with the natives of every platform under JNA's resource folders. The Kotlin
    sources are generated from the host's release library (uniffi library mode), which the host
    build below makes if it is missing."""
    run(["cargo", "build", "--release", "-p", "hookseal-uniffi", "--lib", "--bins"], cwd=ROOT, env=env)
    natives = TARGET_DIR / "dist-jna"
    if natives.exists():
        shutil.rmtree(natives)
    for p in platforms:
        if not p.jna:
            continue
        folder = cargo_build(p, "hookseal-uniffi", env)
        (natives / p.jna).mkdir(parents=True)
        shutil.copy2(folder / p.lib("hookseal_uniffi"), natives / p.jna / p.lib("hookseal_uniffi"))
    e = dict(env, HOOKSEAL_JNA_NATIVES=str(natives))
    run(["mvn", "-B", "--no-transfer-progress", "-q", "-f", "kotlin/pom.xml", "package", "-DskipTests"],
        cwd=ROOT, env=e)
    out = DIST / "jvm"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "kotlin" / "target" / f"hookseal-{VERSION}.jar", out / f"hookseal-{VERSION}.jar")


# ---- Swift -------------------------------------------------------------------------------------

PC_TEMPLATE = """# hookseal's native library for the Swift package (HooksealFFI finds it by this name).
prefix=/usr/local
libdir=${{prefix}}/lib
Name: hookseal
Description: hookseal webhook verification (Rust core, uniffi C interface)
Version: {version}
Libs: -L${{libdir}} -lhookseal_uniffi -Wl,-rpath,${{libdir}}
"""


def build_swift(platforms: list[Platform], env: dict[str, str]) -> None:
    """The Swift package as users build it (its generated sources included, so that a
    `.package(path:)` or an unpacked release needs no Rust), and per Linux platform the library
    with a pkg-config file: unpacked into /usr/local, `swift build` links it with no flags."""
    out = DIST / "swift"
    out.mkdir(parents=True, exist_ok=True)
    run(["cargo", "build", "--release", "-p", "hookseal-uniffi", "--lib", "--bins"], cwd=ROOT, env=env)
    stage = TARGET_DIR / "dist-swift" / "Hookseal"
    shutil.rmtree(stage.parent, ignore_errors=True)
    shutil.copytree(ROOT / "swift", stage, ignore=shutil.ignore_patterns(".build", "Tests"))
    run(["bash", str(ROOT / "scripts" / "uniffi-generate.sh"), "swift", str(stage)], cwd=ROOT,
        env=dict(env, HOOKSEAL_SKIP_CARGO="1"))
    with tarfile.open(out / f"Hookseal-swift-{VERSION}.tar.gz", "w:gz") as t:
        t.add(stage, arcname=f"Hookseal-{VERSION}")
    for p in platforms:
        if p.os != "linux" or p.libc != "glibc":
            continue  # Apple platforms: the xcframework (scripts/build-xcframework.sh)
        folder = cargo_build(p, "hookseal-uniffi", env)
        name = f"hookseal-swift-native-{VERSION}-{p.triple}.tar.gz"
        with tarfile.open(out / name, "w:gz") as t:
            t.add(folder / p.lib("hookseal_uniffi"), arcname=f"lib/{p.lib('hookseal_uniffi')}")
            pc = TARGET_DIR / "dist-swift" / "hookseal.pc"
            pc.write_text(PC_TEMPLATE.format(version=VERSION))
            t.add(pc, arcname="lib/pkgconfig/hookseal.pc")


# ---- CLI ---------------------------------------------------------------------------------------


def build_cli(platforms: list[Platform], env: dict[str, str]) -> None:
    out = DIST / "cli"
    out.mkdir(parents=True, exist_ok=True)
    for p in platforms:
        if not p.cli:
            continue
        folder = cargo_build(p, "hookseal-cli", env, lib=False)
        exe = "hookseal.exe" if p.windows else "hookseal"
        shutil.copy2(folder / exe, out / f"hookseal-{VERSION}-{p.triple}{'.exe' if p.windows else ''}")


# ---- checks ------------------------------------------------------------------------------------


def artifacts() -> list[tuple[str, Path, int, int]]:
    """(kind, path, measured size, budget) for every artifact in dist/."""
    rows = []
    for whl in sorted((DIST / "python").glob("*.whl")):
        rows.append(("wheel", whl, whl.stat().st_size, BUDGETS["wheel"]))
    for node in sorted((DIST / "npm").glob("*/*.node")):
        rows.append(("node", node, node.stat().st_size, BUDGETS["node"]))
    for jar in sorted((DIST / "jvm").glob("*.jar")):
        rows.append(("jar", jar, jar.stat().st_size, BUDGETS["jar"]))
    wasm = ROOT / "node" / "wasm" / "hookseal.wasm"
    if wasm.exists():
        rows.append(("wasm (gzip)", wasm, len(gzip.compress(wasm.read_bytes(), 9)), BUDGETS["wasm"]))
    others = [*(DIST / "python").glob("*.tar.gz"), *(DIST / "cli").glob("hookseal-*"),
              *(DIST / "npm").glob("*.tgz"), *(DIST / "swift").glob("*.tar.gz")]
    for other in sorted(others):
        rows.append(("other", other, other.stat().st_size, 0))
    return rows


def human(n: int) -> str:
    return f"{n / MiB:.2f} MiB" if n >= MiB else f"{n / KiB:.0f} KiB"


def table() -> bool:
    rows = artifacts()
    if not rows:
        print("dist/ is empty: run `make dist` first")
        return False
    ok = True
    width = max(len(str(p.relative_to(ROOT))) for _, p, _, _ in rows)
    print(f"{'artifact'.ljust(width)}  {'size':>10}  {'budget':>10}")
    for _kind, path, size, budget in rows:
        status = ""
        if budget:
            status = "ok" if size <= budget else "OVER"
            ok &= size <= budget
        print(f"{str(path.relative_to(ROOT)).ljust(width)}  {human(size):>10}  {human(budget) if budget else '-':>10}  {status}")
    return ok


def wheel_tags(whl: Path) -> list[str]:
    with zipfile.ZipFile(whl) as z:
        name = next(n for n in z.namelist() if n.endswith(".dist-info/WHEEL"))
        meta = email.parser.Parser().parsestr(z.read(name).decode())
        # RECORD must list every file with its hash, as pip checks on install.
        record = next(n for n in z.namelist() if n.endswith(".dist-info/RECORD"))
        for line in z.read(record).decode().splitlines():
            path, digest, _ = line.rsplit(",", 2)
            if digest:
                algo, want = digest.split("=", 1)
                got = base64.urlsafe_b64encode(hashlib.new(algo, z.read(path)).digest()).rstrip(b"=").decode()
                if got != want:
                    raise SystemExit(f"{whl.name}: RECORD hash of {path} does not match")
    return meta.get_all("Tag") or []


EXPECTED_WHEEL_PLATFORMS = {
    "x86_64-unknown-linux-gnu": "manylinux_2_17_x86_64",
    "aarch64-unknown-linux-gnu": "manylinux_2_17_aarch64",
    "x86_64-unknown-linux-musl": "musllinux_1_2_x86_64",
    "aarch64-unknown-linux-musl": "musllinux_1_2_aarch64",
    "x86_64-apple-darwin": "macosx_10_12_x86_64",
    "aarch64-apple-darwin": "macosx_11_0_arm64",
    "x86_64-pc-windows-gnu": "win_amd64",
}

# What the loaders need from each native library: Python's init function, Node's napi module
# registration, and uniffi's checksum functions (JNA binds them by name).
EXPORTS = {"wheel": "PyInit__native", "node": "napi_register_module_v1", "jar": "uniffi_hookseal_uniffi_checksum"}


def exported(lib: Path, symbol: str) -> bool:
    out = subprocess.run(["llvm-objdump", "--syms", "--dynamic-syms", "--private-headers", str(lib)],
                         capture_output=True, text=True).stdout
    return symbol in out


def max_glibc(lib: Path) -> tuple[int, ...]:
    """The newest glibc symbol version a Linux library needs (manylinux2014 allows 2.17)."""
    out = subprocess.run(["llvm-objdump", "-T", str(lib)], capture_output=True, text=True).stdout
    versions = {tuple(int(x) for x in v.split(".")) for v in re.findall(r"GLIBC_([0-9]+(?:\.[0-9]+)+)", out)}
    return max(versions, default=(0,))


GLIBC_FLOOR = (2, 17)


def file_type(data_path: Path) -> str:
    return subprocess.run(["file", "-b", str(data_path)], capture_output=True, text=True).stdout.strip()


ARCH_WORDS = {
    ("linux", "x64"): "x86-64", ("linux", "arm64"): "ARM aarch64",
    ("darwin", "x64"): "Mach-O 64-bit x86_64", ("darwin", "arm64"): "Mach-O 64-bit arm64",
    ("win32", "x64"): "PE32+ executable (DLL)",
}


def check() -> bool:
    ok = table()
    print()
    tmp = TARGET_DIR / "dist-check"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    wheels = {w.name: w for w in (DIST / "python").glob("*.whl")}
    for p in PLATFORMS:
        want = EXPECTED_WHEEL_PLATFORMS[p.triple]
        found = [w for name, w in wheels.items() if want in name]
        if not found:
            print(f"wheel {p.triple}: MISSING (a wheel tagged {want})")
            ok = False
            continue
        for w in found:
            tags = wheel_tags(w)
            good = bool(tags) and all(t.startswith("cp39-abi3-") for t in tags) and any(want in t for t in tags)
            with zipfile.ZipFile(w) as z:
                lib = next(n for n in z.namelist() if "/_native." in n)
                z.extract(lib, tmp / p.triple)
            desc = file_type(tmp / p.triple / lib)
            arch_ok = ARCH_WORDS[(p.os, p.cpu)] in desc
            exp_ok = exported(tmp / p.triple / lib, EXPORTS["wheel"])
            good &= arch_ok and exp_ok
            print(f"wheel {w.name}: tags {', '.join(tags)}; {desc.split(',')[0]}; exports {EXPORTS['wheel']}: {exp_ok}  {'ok' if good else 'FAIL'}")
            ok &= good
    for p in PLATFORMS:
        if not p.npm:
            continue
        pkg = DIST / "npm" / p.npm
        manifest = pkg / "package.json"
        if not manifest.exists():
            print(f"npm {p.npm}: MISSING")
            ok = False
            continue
        m = json.loads(manifest.read_text())
        node = pkg / m["main"]
        good = m["os"] == [p.os] and m["cpu"] == [p.cpu] and m.get("libc") == ([p.libc] if p.libc else None)
        good &= m["name"] == f"hookseal-{p.npm}" and m["version"] == VERSION and node.exists()
        desc = file_type(node) if node.exists() else "missing"
        arch_ok = ARCH_WORDS[(p.os, p.cpu)] in desc
        if p.libc == "musl":
            arch_ok &= "musl" in subprocess.run(["llvm-objdump", "-p", str(node)], capture_output=True, text=True).stdout
        exp_ok = node.exists() and exported(node, EXPORTS["node"])
        good &= arch_ok and exp_ok
        glibc = ""
        if p.libc == "glibc" and node.exists():
            need = max_glibc(node)
            good &= need <= GLIBC_FLOOR
            glibc = f"; needs glibc {'.'.join(map(str, need))}"
        print(f"npm {m['name']}: os {m['os']} cpu {m['cpu']} libc {m.get('libc')}; {desc.split(',')[0]}; exports {EXPORTS['node']}: {exp_ok}{glibc}  {'ok' if good else 'FAIL'}")
        ok &= good
    main_tgz = DIST / "npm" / f"hookseal-{VERSION}.tgz"
    if main_tgz.exists():
        with tarfile.open(main_tgz) as t:
            pj = json.load(t.extractfile("package/package.json"))
            names = t.getnames()
        opt = pj.get("optionalDependencies", {})
        good = set(opt) == {f"hookseal-{p.npm}" for p in PLATFORMS if p.npm} and "package/wasm/hookseal.wasm" in names
        good &= not any(n.endswith(".node") for n in names)
        print(f"npm hookseal: optionalDependencies {sorted(opt)}; carries the WebAssembly fallback  {'ok' if good else 'FAIL'}")
        ok &= good
    else:
        print("npm hookseal: MISSING")
        ok = False
    jar = DIST / "jvm" / f"hookseal-{VERSION}.jar"
    if jar.exists():
        with zipfile.ZipFile(jar) as z:
            for p in PLATFORMS:
                if not p.jna:
                    continue
                entry = f"{p.jna}/{p.lib('hookseal_uniffi')}"
                if entry not in z.namelist():
                    print(f"jar {entry}: MISSING")
                    ok = False
                    continue
                z.extract(entry, tmp / "jar")
                lib = tmp / "jar" / entry
                desc = file_type(lib)
                good = ARCH_WORDS[(p.os, p.cpu)] in desc and exported(lib, EXPORTS["jar"])
                stripped = "not stripped" not in desc
                good &= stripped
                if p.os == "linux":
                    good &= max_glibc(lib) <= GLIBC_FLOOR
                print(f"jar {entry}: {human(lib.stat().st_size)}; {desc.split(',')[0]}; stripped {stripped}  {'ok' if good else 'FAIL'}")
                ok &= good
    else:
        print("jar: MISSING")
        ok = False
    for p in PLATFORMS:
        if not p.cli:
            continue
        exe = DIST / "cli" / f"hookseal-{VERSION}-{p.triple}{'.exe' if p.windows else ''}"
        if not exe.exists():
            print(f"cli {exe.name}: MISSING")
            ok = False
            continue
        desc = file_type(exe)
        good = (ARCH_WORDS[(p.os, p.cpu)].replace(" (DLL)", "") in desc)
        if "musl" in p.triple:
            good &= "statically linked" in desc or "static-pie" in desc
        print(f"cli {exe.name}: {desc.split(',')[0]}{' (static)' if 'static' in desc else ''}  {'ok' if good else 'FAIL'}")
        ok &= good
    src = DIST / "swift" / f"Hookseal-swift-{VERSION}.tar.gz"
    if src.exists():
        with tarfile.open(src) as t:
            names = set(t.getnames())
        need = {f"Hookseal-{VERSION}/{n}" for n in (
            "Package.swift", "Sources/Hookseal/Hookseal.swift", "Sources/HooksealFFI/HooksealFFI.h",
            "Sources/HooksealFFI/module.modulemap")}
        good = need <= names
        print(f"swift {src.name}: generated sources included  {'ok' if good else 'FAIL'}")
        ok &= good
    else:
        print("swift package: MISSING")
        ok = False
    for p in PLATFORMS:
        if p.os != "linux" or p.libc != "glibc":
            continue
        tgz = DIST / "swift" / f"hookseal-swift-native-{VERSION}-{p.triple}.tar.gz"
        if not tgz.exists():
            print(f"swift native {p.triple}: MISSING")
            ok = False
            continue
        with tarfile.open(tgz) as t:
            t.extractall(tmp / "swift" / p.triple)
        lib = tmp / "swift" / p.triple / "lib" / p.lib("hookseal_uniffi")
        pc = tmp / "swift" / p.triple / "lib" / "pkgconfig" / "hookseal.pc"
        desc = file_type(lib) if lib.exists() else "missing"
        good = pc.exists() and ARCH_WORDS[(p.os, p.cpu)] in desc and max_glibc(lib) <= GLIBC_FLOOR
        print(f"swift native {tgz.name}: {desc.split(',')[0]}; hookseal.pc {pc.exists()}  {'ok' if good else 'FAIL'}")
        ok &= good
    print("\ndist check:", "ok" if ok else "FAILED")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["build", "table", "check"])
    ap.add_argument("--only", default="python,node,jvm,cli,swift")
    ap.add_argument("--target", action="append", help="build only these triples")
    ap.add_argument("--main-only", action="store_true",
                    help="npm: only the main package (the platform packages were built elsewhere)")
    args = ap.parse_args()
    if args.command == "table":
        return 0 if table() else 1
    if args.command == "check":
        return 0 if check() else 1
    platforms = [p for p in PLATFORMS if not args.target or p.triple in args.target]
    env = tools_env()
    steps = {"python": build_python, "node": build_node, "jvm": build_jvm, "cli": build_cli, "swift": build_swift}
    for name in args.only.split(","):
        if name == "node":
            build_node(platforms, env, main_only=args.main_only)
        else:
            steps[name](platforms, env)
    table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
