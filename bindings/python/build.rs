//! Lets `#[cfg(Py_3_10)]` in this crate follow the abi3 floor the wheel is built for.
fn main() {
    pyo3_build_config::use_pyo3_cfgs();
}
