//! Sets the linker flags a Node addon needs.
fn main() {
    // napi-build links a windows-gnu addon against MSYS2's libnode.dll. The usual (MSVC-built)
    // Node has no such library, and on Windows napi-sys finds Node's functions in the running
    // process at load time anyway, so the mingw-w64 cross build (make dist) skips that step and
    // the addon loads in any Node for Windows.
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.ends_with("-windows-gnu") {
        println!("cargo::rustc-check-cfg=cfg(napi_wasi_threads)");
        println!("cargo::rustc-check-cfg=cfg(napi_wasi_no_heap_sync)");
        return;
    }
    napi_build::setup();
}
