//! Arbitrary `webhook-signature` values: never a panic; a forged header never verifies.
#![no_main]
use hookseal::{KeyMode, Verifier};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|sig: &[u8]| {
    let v = Verifier::builder()
        .secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", KeyMode::Standard)
        .secret("whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", KeyMode::Standard)
        .build()
        .expect("valid keys");
    let headers: [(&[u8], &[u8]); 3] =
        [(b"webhook-id", b"msg_1"), (b"webhook-timestamp", b"1700000000"), (b"webhook-signature", sig)];
    let r = v.verify(b"{\"type\":\"file.deleted\"}", headers, Some(1_700_000_000));
    assert!(r.is_err(), "a fuzzed signature header verified");
});
