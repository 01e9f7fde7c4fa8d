#![allow(missing_docs, clippy::unwrap_used)]
use hookseal::{KeyMode, Signer, Verifier};
fn main() {
    let secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";
    let body = vec![b'x'; 200];
    let sig = Signer::new(secret, KeyMode::ImageKit)
        .unwrap()
        .sign("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", 1_700_000_000, &body)
        .unwrap();
    let v = Verifier::new(secret, KeyMode::ImageKit).unwrap();
    let h = [
        ("webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"),
        ("webhook-timestamp", "1700000000"),
        ("webhook-signature", sig.as_str()),
    ];
    let mut n = 0;
    for _ in 0..3_000_000 {
        n += v
            .verify(std::hint::black_box(&body), h, Some(1_700_000_000))
            .unwrap()
            .key_index;
    }
    println!("{n}");
}
