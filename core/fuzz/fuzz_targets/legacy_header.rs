//! Arbitrary `x-ik-signature` values: never a panic; a forged header never verifies.
#![no_main]
use hookseal::{KeyMode, Verifier};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|value: &[u8]| {
    let v = Verifier::builder()
        .secret("whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd", KeyMode::ImageKit)
        .legacy(true)
        .build()
        .expect("valid key");
    let r = v.verify(b"{}", [(&b"x-ik-signature"[..], value)], Some(1_655_788_406));
    assert!(r.is_err(), "a fuzzed legacy header verified");
});
