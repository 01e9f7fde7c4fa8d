//! Arbitrary bodies through event parsing: ok or `invalid_payload`, nothing else.
#![no_main]
use hookseal::ErrorKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    match hookseal::unsafe_unwrap(body) {
        Ok(event) => {
            let _ = event.typed_value();
            assert_eq!(event.raw.get("type").and_then(|t| t.as_str()), Some(event.event_type.as_str()));
        }
        Err(e) => assert_eq!(e.kind(), ErrorKind::InvalidPayload),
    }
});
