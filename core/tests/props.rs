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

// `Event::check` (a hand-rolled scan) must accept exactly the bodies `Event::parse` (serde_json)
// accepts, and refuse the others as `invalid_payload`.

fn check_agrees(body: &[u8]) -> Result<(), TestCaseError> {
    let check = hookseal::Event::check(body).map_err(|e| e.kind());
    let parse = hookseal::unsafe_unwrap(body)
        .map(|_| ())
        .map_err(|e| e.kind());
    prop_assert_eq!(
        check,
        parse,
        "check and parse disagree on {:?}",
        String::from_utf8_lossy(body)
    );
    Ok(())
}

/// Byte strings that matter to a JSON scanner.
fn json_bits() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => any::<u8>().prop_map(|b| vec![b]),
        2 => prop::sample::select(vec![
            &b"\""[..], b"\\", b"\\\"", b"\\\\", b"\\/", b"\\b", b"\\n", b"\\u", b"\\u00", b"\\u0074",
            b"\\u0000", b"\\ud800", b"\\udbff", b"\\udc00", b"\\udfff", b"\\ud83d\\ude00",
            b"\\ud800\\u0041", b"\\uDFFF", b"\\x", b"{", b"}", b"[", b"]", b",", b":", b" ", b"\n",
            b"\r", b"\t", b"\x0c", b"\x00", b"\x1f", b"\x7f", b"\xc3", b"\xa9", b"\xc3\xa9",
            b"\xe2\x82\xac", b"\xed\xa0\x80", b"\xf0\x9f\x98\x80", b"\xf4\x90\x80\x80", b"\xff",
            b"0", b"-", b"+", b".", b"e", b"E", b"e+", b"e-", b"1e308", b"1.8e308", b"1e400",
            b"-0", b"00", b"1.", b"9999999999999999999999", b"true", b"false", b"null", b"tru",
            b"\"type\"", b"\"type\":", b"\"ty\\u0070e\":", b"\"type\":\"t\"", b"\"type\":1",
        ])
        .prop_map(<[u8]>::to_vec),
    ]
}

/// A JSON number, well formed or not quite.
fn number() -> impl Strategy<Value = String> {
    (
        prop::option::of(Just("-")),
        prop_oneof![
            2 => Just("0".to_owned()),
            6 => "[1-9][0-9]{0,25}",
            1 => "[0-9]{1,4}",
            1 => Just("9".repeat(310)),
        ],
        prop::option::of("\\.[0-9]{0,20}"),
        prop::option::weighted(0.3, "[eE][+-]?[0-9]{0,4}"),
    )
        .prop_map(|(sign, int, frac, exp)| {
            format!(
                "{}{int}{}{}",
                sign.unwrap_or_default(),
                frac.unwrap_or_default(),
                exp.unwrap_or_default()
            )
        })
}

/// A JSON string, escapes included, some invalid.
fn string() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            12 => "[ -!#-\\[\\]-~]{1,12}".prop_map(String::into_bytes),
            2 => "[é€😀日本]{1,3}".prop_map(String::into_bytes),
            3 => prop::sample::select(vec![
                &b"\\n"[..], b"\\\"", b"\\\\", b"\\/", b"\\u0041", b"\\u00e9", b"\\ud83d\\ude00",
                b"\\uDBFF\\uDFFF", b"\\u0000", b"\x7f",
            ])
            .prop_map(<[u8]>::to_vec),
            1 => prop::sample::select(vec![
                &b"\\ud800"[..], b"\\udc00", b"\\ud800\\ud800", b"\\ud800x", b"\\q", b"\\u12",
                b"\n", b"\x01", b"\xc3", b"\xed\xa0\x80",
            ])
            .prop_map(<[u8]>::to_vec),
        ],
        0..5,
    )
    .prop_map(|parts| [&b"\""[..], &parts.concat(), b"\""].concat())
}

/// A JSON value (arrays, objects, `type` keys, whitespace), with a little damage now and then.
fn value() -> impl Strategy<Value = Vec<u8>> {
    let leaf = prop_oneof![
        number().prop_map(String::into_bytes),
        string(),
        prop::sample::select(vec![&b"true"[..], b"false", b"null", b"nul", b"[]", b"{}"])
            .prop_map(<[u8]>::to_vec),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        let ws = prop::sample::select(vec![&b""[..], b"", b"", b" ", b"\n  ", b"\t", b"\r\n"]);
        let key = prop_oneof![
            string(),
            prop::sample::select(vec![
                &br#""type""#[..],
                br#""ty\u0070e""#,
                br#""\u0074ype""#
            ])
            .prop_map(<[u8]>::to_vec),
        ];
        prop_oneof![
            (
                prop::collection::vec((inner.clone(), ws.clone()), 0..6),
                any::<bool>()
            )
                .prop_map(|(items, trailing_comma)| {
                    let items: Vec<Vec<u8>> = items
                        .into_iter()
                        .map(|(v, w)| [w, &v[..], w].concat())
                        .collect();
                    let mut out = [&b"["[..], &items.join(&b","[..])].concat();
                    if trailing_comma {
                        out.push(b',');
                    }
                    out.push(b']');
                    out
                }),
            prop::collection::vec((key, inner, ws), 0..6).prop_map(|members| {
                let members: Vec<Vec<u8>> = members
                    .into_iter()
                    .map(|(k, v, w)| [&k[..], w, b":", w, &v[..]].concat())
                    .collect();
                [&b"{"[..], &members.join(&b","[..]), b"}"].concat()
            }),
        ]
    })
}

/// A sample body of every type, edited a few times: bytes flipped, inserted, removed, cut.
fn edited_sample() -> impl Strategy<Value = Vec<u8>> {
    let edit = (
        any::<prop::sample::Index>(),
        0u8..5,
        json_bits(),
        any::<u8>(),
    );
    (
        prop::sample::select(hookseal::EventType::ALL.to_vec()),
        prop::collection::vec(edit, 1..5),
    )
        .prop_map(|(t, edits)| {
            let mut body = hookseal::sample_body(t).as_bytes().to_vec();
            for (at, how, bits, byte) in edits {
                let i = at.index(body.len() + 1);
                match how {
                    0 => body.splice(i..i, bits).for_each(drop),
                    1 => {
                        let end = (i + bits.len()).min(body.len());
                        body.splice(i..end, bits).for_each(drop);
                    }
                    2 => {
                        if let Some(b) = body.get_mut(i) {
                            *b ^= byte | 1;
                        }
                    }
                    3 => body.truncate(i),
                    _ => {
                        let end = (i + 1 + usize::from(byte % 8)).min(body.len());
                        body.drain(i.min(end)..end);
                    }
                }
            }
            body
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn check_agrees_on_edited_samples(body in edited_sample()) {
        check_agrees(&body)?;
    }

    #[test]
    fn check_agrees_on_generated_values(v in value(), ty in string(), wrap in 0u8..4) {
        let body = match wrap {
            // As a member of an event, before and after its `type`.
            0 => [&br#"{"type":"t","v":"#[..], &v, b"}"].concat(),
            1 => [&br#"{"v":"#[..], &v, br#","type":"#, &ty, b"}"].concat(),
            2 => [&br#"{"type":"#[..], &v, b"}"].concat(),
            _ => v,
        };
        check_agrees(&body)?;
    }

    #[test]
    fn check_agrees_on_spliced_bits(parts in prop::collection::vec(json_bits(), 0..32)) {
        check_agrees(&parts.concat())?;
    }

    #[test]
    fn check_agrees_around_the_depth_limit(depth in 120usize..136, object in any::<bool>(),
                                           top in any::<bool>()) {
        let (open, close) = if object { (r#"{"a":"#, "}") } else { ("[", "]") };
        let nested = format!("{}1{}", open.repeat(depth), close.repeat(depth));
        let body = if top { nested } else { format!(r#"{{"type":"t","d":{nested}}}"#) };
        check_agrees(body.as_bytes())?;
    }
}
