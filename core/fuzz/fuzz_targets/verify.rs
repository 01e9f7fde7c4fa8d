//! Arbitrary headers and body through verify and unwrap: every outcome is a typed error or ok.
#![no_main]
use hookseal::{ErrorKind, KeyMode, Signer, Verifier};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Split the input into id | timestamp | signature | body at the first three NULs.
    let mut parts = data.splitn(4, |&b| b == 0);
    let (id, ts, sig, body) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";
    let v = Verifier::builder().secret(secret, KeyMode::ImageKit).legacy(true).build().expect("valid key");
    let headers: [(&[u8], &[u8]); 4] =
        [(b"webhook-id", id), (b"webhook-timestamp", ts), (b"webhook-signature", sig), (b"x-ik-signature", sig)];
    if let Err(e) = v.unwrap(body, headers, Some(1_700_000_000)) {
        assert!(ErrorKind::ALL.contains(&e.kind()));
    }
    // A correctly signed copy of the same body always verifies, and unwraps iff it parses.
    if let Ok(id) = std::str::from_utf8(id) {
        if !id.is_empty() {
            let good = Signer::new(secret, KeyMode::ImageKit).expect("signer").sign(id, 1_700_000_000, body).expect("sign");
            let headers = [("webhook-id", id), ("webhook-timestamp", "1700000000"), ("webhook-signature", good.as_str())];
            let verified = v.verify(body, headers, Some(1_700_000_000));
            assert!(verified.is_ok() || body.len() > hookseal::DEFAULT_MAX_PAYLOAD_BYTES);
            let unwrapped = v.unwrap(body, headers, Some(1_700_000_000));
            assert_eq!(unwrapped.is_ok(), hookseal::unsafe_unwrap(body).is_ok());
        }
    }
});
