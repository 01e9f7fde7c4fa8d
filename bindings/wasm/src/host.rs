//! The Go module's build (`--features host-hmac`): HMAC-SHA256 comes from the host, through the
//! import `hookseal_host.hmac_sha256`, because Go's assembly SHA-256 is several times faster than
//! SHA-256 compiled to WebAssembly and run by wazero. Only the primitive crosses: what is signed
//! and the comparison stay in the core. The npm build has no such import (not every JavaScript
//! runtime has a synchronous HMAC).
//!
//! The one `unsafe` of this crate: calling an imported function is FFI.
#![allow(unsafe_code)]

#[link(wasm_import_module = "hookseal_host")]
extern "C" {
    /// Reads `key_len` bytes at `key` and the `n` `(ptr, len)` pairs of `u32` at `parts` (each a
    /// byte range), and writes the 32-byte tag of their concatenation at `out`.
    fn hmac_sha256(key: u32, key_len: u32, parts: u32, n: u32, out: u32);
}

const MAX_PARTS: usize = 8;

fn host_hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    if parts.len() > MAX_PARTS {
        // The core passes at most five; anything longer goes as one part.
        return host_hmac(key, &[parts.concat().as_slice()]);
    }
    let mut spans = [0u32; 2 * MAX_PARTS];
    for (i, p) in parts.iter().enumerate() {
        spans[2 * i] = p.as_ptr() as u32;
        spans[2 * i + 1] = p.len() as u32;
    }
    let mut out = [0u8; 32];
    // SAFETY: every range is memory borrowed for the duration of the call; the host reads only
    // those ranges and writes only the 32 bytes of `out`, which this function owns.
    unsafe {
        hmac_sha256(
            key.as_ptr() as u32,
            key.len() as u32,
            spans.as_ptr() as u32,
            parts.len() as u32,
            out.as_mut_ptr() as u32,
        );
    }
    out
}

/// Route the core's HMAC through the host, once per instance (before any object exists).
pub(crate) fn install() {
    let _ = hookseal::install_hmac_sha256(host_hmac);
}
