//! Arbitrary bodies through event parsing: ok or `invalid_payload`, nothing else.
#![no_main]
use hookseal::ErrorKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    // The allocation-free check must accept exactly what the full parse accepts.
    assert_eq!(hookseal::Event::check(body).is_ok(), hookseal::unsafe_unwrap(body).is_ok());
    match hookseal::unsafe_unwrap(body) {
        Ok(event) => {
            let _ = event.typed_value();
            assert_eq!(event.raw.get("type").and_then(|t| t.as_str()), Some(event.event_type.as_str()));
        }
        Err(e) => assert_eq!(e.kind(), ErrorKind::InvalidPayload),
    }
});
