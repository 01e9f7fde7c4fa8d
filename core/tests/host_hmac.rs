//! Every shared vector again, with HMAC-SHA256 computed by an installed host function, as the Go
//! module's WebAssembly build does: the core's answers must not change, and the host must be what
//! computed them. Its own test binary, since the installation is for the whole process.

use std::sync::atomic::{AtomicUsize, Ordering};

use hmac::{Hmac, Mac};
use hookseal::{install_hmac_sha256, HmacSha256Fn, KeyMode, Signer};
use sha2::Sha256;

#[path = "vectors.rs"]
mod vectors;

static CALLS: AtomicUsize = AtomicUsize::new(0);

fn host(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    CALLS.fetch_add(1, Ordering::Relaxed);
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

fn install() {
    // Both tests install; whichever runs first wins, and the other gets its own function back.
    if let Err(f) = install_hmac_sha256(host) {
        assert!(
            std::ptr::fn_addr_eq(f, host as HmacSha256Fn),
            "another HMAC function was installed"
        );
    }
}

fn before_vectors() {
    install();
}

fn after_vectors() {
    assert!(
        CALLS.load(Ordering::Relaxed) > 100,
        "the vectors did not go through the host HMAC"
    );
}

#[test]
fn the_host_computes_the_signers_tags() {
    install();
    let signer =
        Signer::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", KeyMode::Standard).expect("key");
    let before = CALLS.load(Ordering::Relaxed);
    let sig = signer.sign("msg_1", 1_700_000_000, b"{}").expect("sign");
    let legacy = signer
        .sign_legacy(1_700_000_000_000, b"{}")
        .expect("legacy");
    assert_eq!(CALLS.load(Ordering::Relaxed), before + 2);
    assert!(sig.starts_with("v1,") && legacy.starts_with("t=1700000000000,v1="));
    // The reference value, computed independently of both paths.
    let mut mac =
        Hmac::<Sha256>::new_from_slice(&base64_decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
            .expect("key");
    mac.update(b"msg_1.1700000000.{}");
    let want: [u8; 32] = mac.finalize().into_bytes().into();
    assert_eq!(sig, format!("v1,{}", base64_encode(&want)));
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .expect("base64")
}

fn base64_encode(b: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(b)
}
