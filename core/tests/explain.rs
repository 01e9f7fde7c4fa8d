//! `explain` describes the real outcome step by step; `matching_key_modes` finds the right mode.
#![allow(clippy::unwrap_used)]

use hookseal::{matching_key_modes, CheckStatus, HeaderSet, KeyMode, Signer, Verifier};

const SECRET: &str = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";
const NOW: i64 = 1_674_087_231;

#[test]
fn wrong_key_mode_is_explained_and_the_right_mode_found() {
    let body = br#"{"type":"file.deleted"}"#;
    let good = Signer::new(SECRET, KeyMode::Standard)
        .unwrap()
        .sign("msg_1", NOW, body)
        .unwrap();
    let sig = format!("v2,abc nocomma {good}");
    let pairs = [
        ("webhook-id", "msg_1"),
        ("webhook-timestamp", "1674087231"),
        ("webhook-signature", sig.as_str()),
    ];
    let headers: HeaderSet<'_> = pairs.into_iter().collect();
    let v = Verifier::new(SECRET, KeyMode::ImageKit).unwrap();
    let ex = v.explain(body, &headers, Some(NOW));
    assert_eq!(
        ex.outcome.as_ref().map_err(hookseal::Error::code).err(),
        Some("invalid_signature")
    );
    let sig_steps: Vec<_> = ex.checks.iter().filter(|c| c.step == "signature").collect();
    assert_eq!(
        sig_steps
            .iter()
            .filter(|c| c.status == CheckStatus::Skip)
            .count(),
        2,
        "{sig_steps:#?}"
    );
    assert_eq!(
        sig_steps
            .iter()
            .filter(|c| c.status == CheckStatus::Fail)
            .count(),
        1
    );
    assert!(ex
        .checks
        .last()
        .unwrap()
        .detail
        .contains("invalid_signature"));
    assert_eq!(
        matching_key_modes(SECRET, body, &headers, Some(NOW)),
        vec![KeyMode::Standard]
    );
    // The secret never shows up in any step.
    assert!(ex.checks.iter().all(|c| !c.detail.contains("xeO2UNkf")));
}

#[test]
fn stale_delivery_fails_the_timestamp_step_and_matching_entry_names_its_key() {
    let body = b"{}";
    let sig = Signer::new(SECRET, KeyMode::ImageKit)
        .unwrap()
        .sign("msg_1", NOW - 301, body)
        .unwrap();
    let ts = (NOW - 301).to_string();
    let headers: HeaderSet<'_> = [
        ("webhook-id", "msg_1"),
        ("webhook-timestamp", ts.as_str()),
        ("webhook-signature", sig.as_str()),
    ]
    .into_iter()
    .collect();
    let v = Verifier::builder()
        .secret("whsec_other", KeyMode::ImageKit)
        .secret(SECRET, KeyMode::ImageKit)
        .build()
        .unwrap();
    let ex = v.explain(body, &headers, Some(NOW));
    assert_eq!(
        ex.outcome.map_err(|e| e.code()).err(),
        Some("timestamp_too_old")
    );
    assert!(ex.checks.iter().any(|c| c.step == "timestamp"
        && c.status == CheckStatus::Fail
        && c.detail.contains("301s old")));
    assert!(ex.checks.iter().any(|c| c.step == "signature"
        && c.status == CheckStatus::Pass
        && c.detail.contains("key #1")));
}
