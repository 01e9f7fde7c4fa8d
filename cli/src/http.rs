//! `send` (a real HTTP client, ureq) and `listen` (a real HTTP server, tiny_http).

use std::io::{IsTerminal, Read, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hookseal::{EventType, HeaderSet, InMemoryReplayGuard, Signer};
use serde_json::json;

use crate::style::Style;
use crate::{event_type, now_secs, verifier, Failure, ListenArgs, SendArgs};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Accepted,
    Rejected,
}

struct Delivery {
    label: &'static str,
    event: EventType,
    body: &'static [u8],
    headers: Vec<(String, String)>,
    expect: Expect,
}

fn deliveries(args: &SendArgs) -> Result<Vec<Delivery>, Failure> {
    let types: Vec<EventType> = if args.all {
        EventType::ALL.to_vec()
    } else if args.events.is_empty() {
        return Err(Failure::usage(
            "error: give --event TYPE (repeatable) or --all; `hookseal events` lists the types",
        ));
    } else {
        args.events
            .iter()
            .map(|e| event_type(e))
            .collect::<Result<_, _>>()?
    };
    let signer = Signer::new(&args.key.secrets[0], args.key.mode())?;
    let now = now_secs();
    let sign_headers =
        |event: EventType, ts: i64, signer: &Signer| -> Result<Vec<(String, String)>, Failure> {
            let body = hookseal::sample_body(event).as_bytes();
            let h = signer.headers(&hookseal::fresh_message_id(), ts, body)?;
            Ok(h.pairs()
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect())
        };
    let mut out = Vec::new();
    for &event in &types {
        let body = hookseal::sample_body(event).as_bytes();
        out.push(Delivery {
            label: "valid",
            event,
            body,
            headers: sign_headers(event, now, &signer)?,
            expect: Expect::Accepted,
        });
    }
    let first = types[0];
    let body = hookseal::sample_body(first).as_bytes();
    if args.forge {
        let forger = Signer::new(
            "whsec_not-the-receivers-secret",
            hookseal::KeyMode::ImageKit,
        )?;
        out.push(Delivery {
            label: "forged",
            event: first,
            body,
            headers: sign_headers(first, now, &forger)?,
            expect: Expect::Rejected,
        });
    }
    if args.stale {
        out.push(Delivery {
            label: "stale",
            event: first,
            body,
            headers: sign_headers(first, now - 3600, &signer)?,
            expect: Expect::Rejected,
        });
    }
    if args.replay {
        let headers = out[0].headers.clone();
        out.push(Delivery {
            label: "replayed",
            event: out[0].event,
            body: out[0].body,
            headers,
            expect: Expect::Rejected,
        });
    }
    if args.legacy {
        let value = signer.sign_legacy(now * 1000, body)?;
        let expect = if args.legacy_accepted {
            Expect::Accepted
        } else {
            Expect::Rejected
        };
        out.push(Delivery {
            label: "legacy",
            event: first,
            body,
            headers: vec![("x-ik-signature".into(), value)],
            expect,
        });
    }
    Ok(out)
}

pub(crate) fn send(args: &SendArgs, style: &Style, out: &mut dyn Write) -> Result<(), Failure> {
    let list = deliveries(args)?;
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(args.timeout))
        .build();
    let progress = std::io::stderr().is_terminal();
    let mut rows = Vec::new();
    let mut mismatches = 0;
    for (i, d) in list.iter().enumerate() {
        if progress {
            eprint!("\rsending {}/{}…", i + 1, list.len());
        }
        let mut req = agent
            .post(&args.url)
            .set("content-type", "application/json");
        for (k, v) in &d.headers {
            req = req.set(k, v);
        }
        let start = Instant::now();
        let got = match req.send_bytes(d.body) {
            Ok(r) => Ok(r.status()),
            Err(ureq::Error::Status(code, _)) => Ok(code),
            Err(e) => Err(e.to_string()),
        };
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let as_expected = match (&got, d.expect) {
            (Ok(s), Expect::Accepted) => (200..300).contains(s),
            (Ok(s), Expect::Rejected) => (400..500).contains(s),
            (Err(_), _) => false,
        };
        mismatches += usize::from(!as_expected);
        let expected = if d.expect == Expect::Accepted {
            "2xx"
        } else {
            "4xx"
        };
        let got = got.map_or_else(|e| format!("error: {e}"), |s| s.to_string());
        rows.push([
            (i + 1).to_string(),
            d.label.to_owned(),
            d.event.to_string(),
            expected.to_owned(),
            got,
            format!("{ms:.1}"),
            if as_expected {
                "ok".into()
            } else {
                "MISMATCH".into()
            },
        ]);
    }
    if progress {
        eprint!("\r{:30}\r", "");
    }
    let text = if args.tsv {
        tsv(&rows)
    } else {
        table(&rows, style)
    };
    let summary = format!(
        "{} deliveries to {}, {} as expected\n",
        rows.len(),
        args.url,
        rows.len() - mismatches
    );
    let text = if args.tsv { text } else { text + &summary };
    out.write_all(text.as_bytes())
        .map_err(|e| Failure::io(format!("error: {e}")))?;
    if mismatches > 0 {
        return Err(Failure {
            exit: 1,
            line: format!(
                "error: {mismatches} deliver{} not answered as expected",
                if mismatches == 1 { "y was" } else { "ies were" }
            ),
        });
    }
    Ok(())
}

const COLUMNS: [&str; 7] = ["#", "delivery", "event", "expected", "got", "ms", "result"];

fn tsv(rows: &[[String; 7]]) -> String {
    std::iter::once(COLUMNS.map(String::from))
        .chain(rows.iter().cloned())
        .map(|r| r.join("\t") + "\n")
        .collect()
}

fn table(rows: &[[String; 7]], style: &Style) -> String {
    let widths: Vec<usize> = (0..COLUMNS.len())
        .map(|c| {
            rows.iter()
                .map(|r| r[c].len())
                .chain([COLUMNS[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let mut text = format!("{}\n", line(&COLUMNS.map(String::from)));
    for r in rows {
        let mut l = line(r);
        if r[6] == "ok" {
            l = l.replacen(" ok", &format!(" {}", style.green("ok")), 1);
        } else {
            l = l.replace("MISMATCH", &style.red("MISMATCH"));
        }
        text.push_str(l.trim_end());
        text.push('\n');
    }
    text
}

/// The fields worth a glance, per event: urls, ids, reasons.
fn summary(event: &hookseal::Event) -> String {
    const PATHS: [&str; 8] = [
        "data.asset.url",
        "data.transformation.output.url",
        "data.transformation.error.reason",
        "data.fileId",
        "data.versionId",
        "data.folderId",
        "data.url",
        "request.x_request_id",
    ];
    let Some(v) = event.typed_value() else {
        return "(unknown event type: raw JSON kept)".into();
    };
    PATHS
        .iter()
        .filter_map(|p| {
            p.split('.')
                .try_fold(&v, |v, k| v.get(k))
                .and_then(|x| x.as_str())
                .map(|x| format!("{p}={x}"))
        })
        .collect::<Vec<_>>()
        .join("  ")
}

pub(crate) fn listen(args: &ListenArgs, style: &Style, out: &mut dyn Write) -> Result<(), Failure> {
    let guard = (!args.no_replay_guard)
        .then(|| Arc::new(InMemoryReplayGuard::new()) as Arc<dyn hookseal::ReplayGuard>);
    let verifier = verifier(&args.key, args.tolerance, args.legacy, guard)?;
    let server = tiny_http::Server::http((args.host.as_str(), args.port)).map_err(|e| {
        Failure::io(format!(
            "error: cannot listen on {}:{}: {e}",
            args.host, args.port
        ))
    })?;
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let banner = format!(
        "listening on http://{}:{port}/ (key mode {}, replay guard {}, legacy {})\n",
        args.host,
        args.key.mode(),
        if args.no_replay_guard { "off" } else { "on" },
        if args.legacy { "on" } else { "off" }
    );
    let io = |e: std::io::Error| Failure::io(format!("error: {e}"));
    out.write_all(banner.as_bytes())
        .and_then(|()| out.flush())
        .map_err(io)?;
    let limit = verifier.max_payload_bytes();
    for (n, mut req) in server.incoming_requests().enumerate() {
        let (status, body) = if *req.method() == tiny_http::Method::Post {
            let mut raw = Vec::new();
            let read = req.as_reader().take(limit as u64 + 1).read_to_end(&mut raw);
            let pairs: Vec<(String, String)> = req
                .headers()
                .iter()
                .map(|h| {
                    (
                        h.field.as_str().as_str().to_owned(),
                        h.value.as_str().to_owned(),
                    )
                })
                .collect();
            let headers: HeaderSet<'_> = pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            match read
                .map_err(|e| e.to_string())
                .map(|_| verifier.unwrap_headers(&raw, &headers, None))
            {
                Ok(Ok((event, v))) => {
                    let line = format!(
                        "{} 200 {}  id={}  key#{}  {}\n",
                        style.green("✓"),
                        event.event_type,
                        event.id.as_deref().unwrap_or("-"),
                        v.key_index,
                        summary(&event)
                    );
                    out.write_all(line.as_bytes())
                        .and_then(|()| out.flush())
                        .map_err(io)?;
                    (
                        200,
                        json!({"received": true, "type": event.event_type, "id": event.id}),
                    )
                }
                Ok(Err(e)) => {
                    let status = e.kind().http_status();
                    let line = format!(
                        "{} {status} {}: {}\n",
                        style.red("✗"),
                        e.code(),
                        e.message()
                    );
                    out.write_all(line.as_bytes())
                        .and_then(|()| out.flush())
                        .map_err(io)?;
                    (status, json!({"error": e.message(), "code": e.code()}))
                }
                Err(e) => (
                    400,
                    json!({"error": format!("cannot read the body: {e}"), "code": "invalid_payload"}),
                ),
            }
        } else {
            (405, json!({"error": "POST a webhook delivery here"}))
        };
        let response = tiny_http::Response::from_string(body.to_string())
            .with_status_code(status)
            .with_header(
                tiny_http::Header::from_bytes("content-type", "application/json")
                    .map_err(|()| Failure::io("error: header"))?,
            );
        let _ = req.respond(response);
        if args.max_requests.is_some_and(|m| n + 1 >= m) {
            break;
        }
    }
    Ok(())
}
