//! Property tests: sign-then-verify round trips, and any change to a signed part fails.
#![allow(clippy::unwrap_used)]

use hookseal::{ErrorKind, Key, KeyMode, Signer, Verifier};
use proptest::prelude::*;

const NOW: i64 = 1_700_000_000;

fn verify(v: &Verifier, id: &str, ts: i64, sig: &str, body: &[u8]) -> Result<usize, ErrorKind> {
    let ts = ts.to_string();
    v.verify(
        body,
        [
            ("webhook-id", id),
            ("webhook-timestamp", ts.as_str()),
            ("webhook-signature", sig),
        ],
        Some(NOW),
    )
    .map(|ok| ok.key_index)
    .map_err(|e| e.kind())
}

fn id_strategy() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_.:-]{1,40}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sign_then_verify_round_trips(key in proptest::collection::vec(any::<u8>(), 1..64),
                                    id in id_strategy(),
                                    skew in -300i64..=300,
                                    body in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let signer = Signer::from_key(Key::from_bytes(&key).unwrap()).unwrap();
        let verifier = Verifier::builder().key(Key::from_bytes(&key).unwrap()).build().unwrap();
        let ts = NOW + skew;
        let sig = signer.sign(&id, ts, &body).unwrap();
        prop_assert_eq!(verify(&verifier, &id, ts, &sig, &body), Ok(0));
    }

    #[test]
    fn any_change_to_a_signed_part_fails(key in proptest::collection::vec(any::<u8>(), 1..64),
                                         id in id_strategy(),
                                         body in proptest::collection::vec(any::<u8>(), 1..512),
                                         which in 0usize..5, pos in any::<prop::sample::Index>(), bit in 0u8..8) {
        let signer = Signer::from_key(Key::from_bytes(&key).unwrap()).unwrap();
        let verifier = Verifier::builder().key(Key::from_bytes(&key).unwrap()).build().unwrap();
        let sig = signer.sign(&id, NOW, &body).unwrap();
        let (mut id2, mut ts2, mut sig2, mut body2) = (id.clone(), NOW, sig.clone(), body.clone());
        match which {
            0 => { let i = pos.index(body2.len()); body2[i] ^= 1 << bit; }
            1 => id2.push('x'),
            2 => ts2 += 1,
            3 => {
                // Flip one base64 character of the signature to another valid one.
                let mut chars: Vec<char> = sig2.chars().collect();
                let i = 3 + pos.index(42);
                chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
                sig2 = chars.into_iter().collect();
            }
            _ => {
                let mut other = key.clone();
                other[0] ^= 1 << bit;
                let v2 = Verifier::builder().key(Key::from_bytes(&other).unwrap()).build().unwrap();
                prop_assert_eq!(verify(&v2, &id, NOW, &sig, &body), Err(ErrorKind::InvalidSignature));
                return Ok(());
            }
        }
        prop_assert_eq!(verify(&verifier, &id2, ts2, &sig2, &body2), Err(ErrorKind::InvalidSignature));
    }

    #[test]
    fn rotation_reports_the_matching_index(n in 1usize..5, which in any::<prop::sample::Index>()) {
        let secrets: Vec<String> = (0..n).map(|i| format!("whsec_secret-number-{i}")).collect();
        let idx = which.index(n);
        let mut b = Verifier::builder();
        for s in &secrets { b = b.secret(s, KeyMode::ImageKit); }
        let verifier = b.build().unwrap();
        let sig = Signer::new(&secrets[idx], KeyMode::ImageKit).unwrap().sign("msg_1", NOW, b"{}").unwrap();
        prop_assert_eq!(verify(&verifier, "msg_1", NOW, &sig, b"{}"), Ok(idx));
    }

    #[test]
    fn hostile_headers_never_panic(id in ".{0,64}", ts in ".{0,24}", sig in ".{0,300}",
                                   legacy in ".{0,120}", body in proptest::collection::vec(any::<u8>(), 0..256)) {
        let verifier = Verifier::builder().secret("whsec_abc", KeyMode::ImageKit).legacy(true).build().unwrap();
        let headers = [("webhook-id", id.as_str()), ("webhook-timestamp", ts.as_str()),
                       ("webhook-signature", sig.as_str()), ("x-ik-signature", legacy.as_str())];
        let _ = verifier.verify(&body, headers, Some(NOW));
        let _ = verifier.unwrap(&body, headers[3..].iter().copied(), Some(NOW));
        let _ = hookseal::unsafe_unwrap(&body);
    }
}
