//! The README's Rust quick start, compiled by `cargo test` so it cannot drift.
//! Run: `IMAGEKIT_WEBHOOK_SECRET=whsec_... cargo run -p hookseal --example quickstart`
use hookseal::{EventData, EventType, KeyMode, Signer, Verifier};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret =
        std::env::var("IMAGEKIT_WEBHOOK_SECRET").unwrap_or_else(|_| "whsec_example".into());
    // What a receiver gets: the raw body and the headers (here: a signed sample delivery).
    let body = hookseal::sample_body(EventType::VideoTransformationReady)
        .as_bytes()
        .to_vec();
    let signed = Signer::new(&secret, KeyMode::ImageKit)?.test_headers(&body)?;
    let headers: Vec<(String, String)> = signed
        .pairs()
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();

    // The quick start.
    let verifier = Verifier::new(&secret, KeyMode::ImageKit)?;
    let event = verifier.unwrap(
        &body,
        headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        None,
    )?;
    if let EventData::VideoTransformationReady(e) = &event.data {
        if let Some(output) = &e.data.transformation.output {
            println!("{}", output.url);
        }
    }
    Ok(())
}
