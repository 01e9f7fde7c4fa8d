//! uniffi's bindings generator, built from the workspace so its version always matches the
//! `uniffi` crate the library was built with.
fn main() {
    uniffi::uniffi_bindgen_main();
}
