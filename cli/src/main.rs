//! `hookseal`: sign, verify, send and receive ImageKit / Standard Webhooks test deliveries.
//!
//! A thin front end over the `hookseal` core: every signature, check and parse is the core's.
// Output is built as text first, then written once; clap flags are naturally many bools.
#![allow(
    clippy::format_push_string,
    clippy::format_collect,
    clippy::struct_excessive_bools
)]

mod http;
mod load;
mod style;

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use hookseal::{matching_key_modes, CheckStatus, EventType, HeaderSet, KeyMode, Signer, Verifier};

use crate::style::Style;

const EXIT_CODES: &str = "Exit codes:
  0  success (verified; every delivery answered as expected)
  1  verification failed, or a delivery was not answered as expected
  2  usage error (bad arguments, unknown event type, invalid secret)
  3  input/output or network error";

#[derive(Parser)]
#[command(name = "hookseal", version, about = "Sign, verify, send and receive ImageKit / Standard Webhooks deliveries.", after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Print the signature headers for a body read from stdin.
    Sign(SignArgs),
    /// Verify a body read from stdin against headers; `--explain` shows each check.
    Verify(VerifyArgs),
    /// POST signed sample events (and bad deliveries) to a URL and print a table of outcomes.
    Send(SendArgs),
    /// Run a local receiver that verifies each delivery and prints the event.
    Listen(ListenArgs),
    /// Load a receiver fleet: many signed deliveries from concurrent senders, each message id
    /// sent `--copies` times; prints requests/s, latency percentiles and the answers by status.
    Load(LoadArgs),
    /// List the sample event types, or print one sample body.
    Events(EventsArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum Mode {
    /// The whole `whsec_…` string is the HMAC key (ImageKit's SDKs).
    Imagekit,
    /// Strip `whsec_` and base64-decode (Standard Webhooks libraries, Svix).
    Standard,
    /// The secret's bytes as they are.
    Raw,
}

impl From<Mode> for KeyMode {
    fn from(m: Mode) -> KeyMode {
        match m {
            Mode::Imagekit => KeyMode::ImageKit,
            Mode::Standard => KeyMode::Standard,
            Mode::Raw => KeyMode::Raw,
        }
    }
}

#[derive(Args)]
struct KeyArgs {
    /// The webhook secret (`whsec_…`); repeat for rotation. Also read from HOOKSEAL_SECRET.
    #[arg(
        long = "secret",
        env = "HOOKSEAL_SECRET",
        hide_env_values = true,
        required = true
    )]
    secrets: Vec<String>,
    /// How the secret becomes the HMAC key.
    #[arg(long, value_enum, default_value = "imagekit")]
    key_mode: Mode,
}

impl KeyArgs {
    fn mode(&self) -> KeyMode {
        self.key_mode.into()
    }
}

#[derive(Args)]
struct SignArgs {
    #[command(flatten)]
    key: KeyArgs,
    /// Message id (default: a fresh `msg_…`).
    #[arg(long)]
    id: Option<String>,
    /// Unix seconds (default: now).
    #[arg(long)]
    timestamp: Option<i64>,
    /// Print the legacy `x-ik-signature` header instead (its `t` is the timestamp in milliseconds).
    #[arg(long)]
    legacy: bool,
    /// With --legacy: the exact `t` in unix milliseconds (default: --timestamp × 1000).
    #[arg(long, requires = "legacy")]
    timestamp_ms: Option<i64>,
    /// Read the body from this file instead of stdin.
    #[arg(long)]
    body_file: Option<std::path::PathBuf>,
}

#[derive(Args)]
struct VerifyArgs {
    #[command(flatten)]
    key: KeyArgs,
    /// A received header, `Name: value`; repeat for each.
    #[arg(long = "header", short = 'H')]
    headers: Vec<String>,
    /// Tolerance in seconds.
    #[arg(long, default_value_t = hookseal::DEFAULT_TOLERANCE_SECS)]
    tolerance: u64,
    /// Also accept the legacy `x-ik-signature` header.
    #[arg(long)]
    legacy: bool,
    /// Verify as if now were this unix time (seconds).
    #[arg(long)]
    now: Option<i64>,
    /// Print each check in order, and hints when nothing matched.
    #[arg(long)]
    explain: bool,
    /// Read the body from this file instead of stdin.
    #[arg(long)]
    body_file: Option<std::path::PathBuf>,
}

#[derive(Args)]
struct SendArgs {
    #[command(flatten)]
    key: KeyArgs,
    /// The receiver's URL, e.g. http://127.0.0.1:5000/webhook
    #[arg(long)]
    url: String,
    /// An event type to send (repeatable); see `hookseal events`.
    #[arg(long = "event")]
    events: Vec<String>,
    /// Send every event type.
    #[arg(long)]
    all: bool,
    /// Also send a delivery signed with the wrong key (expected: rejected).
    #[arg(long)]
    forge: bool,
    /// Also send a delivery whose timestamp is an hour old (expected: rejected).
    #[arg(long)]
    stale: bool,
    /// Also send the first delivery again, unchanged (expected: rejected by a replay guard).
    #[arg(long)]
    replay: bool,
    /// Also send a delivery signed only with the legacy `x-ik-signature` header (expected:
    /// rejected, since receivers accept it only when configured to; see --legacy-accepted).
    #[arg(long)]
    legacy: bool,
    /// The receiver accepts the legacy header.
    #[arg(long)]
    legacy_accepted: bool,
    /// Request timeout in seconds.
    #[arg(long, default_value_t = 10)]
    timeout: u64,
    /// Print tab-separated rows (for scripts) instead of the table.
    #[arg(long)]
    tsv: bool,
}

#[derive(Args)]
struct LoadArgs {
    #[command(flatten)]
    key: KeyArgs,
    /// A receiver's URL (repeatable): the copies of one message go to different receivers.
    #[arg(long = "url", required = true)]
    urls: Vec<String>,
    /// Distinct message ids to send (the sample events in turn).
    #[arg(long, default_value_t = 1000)]
    messages: usize,
    /// How many times each message id is sent, by concurrent senders.
    #[arg(long, default_value_t = 1)]
    copies: usize,
    /// Concurrent senders (threads, each with its own keep-alive connections).
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Message ids are this prefix and the message's index (default: a fresh `msg_…_`).
    #[arg(long)]
    id_prefix: Option<String>,
    /// The signed timestamp, unix seconds (default: now). With the same --id-prefix it
    /// reproduces a previous run's deliveries byte for byte.
    #[arg(long)]
    timestamp: Option<i64>,
    /// Send only the message indexes listed in this file (whitespace-separated).
    #[arg(long)]
    only: Option<std::path::PathBuf>,
    /// Write one JSON line per request (index, copy, id, status, code, replay, start (unix) and latency
    /// in microseconds) to this file.
    #[arg(long)]
    record: Option<std::path::PathBuf>,
    /// Request timeout in seconds.
    #[arg(long, default_value_t = 10)]
    timeout: u64,
}

#[derive(Args)]
struct ListenArgs {
    #[command(flatten)]
    key: KeyArgs,
    /// Port on 127.0.0.1 (0: any free port; the chosen one is printed).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Tolerance in seconds.
    #[arg(long, default_value_t = hookseal::DEFAULT_TOLERANCE_SECS)]
    tolerance: u64,
    /// Also accept the legacy `x-ik-signature` header.
    #[arg(long)]
    legacy: bool,
    /// Do not reject replayed message ids.
    #[arg(long)]
    no_replay_guard: bool,
    /// Exit after this many requests (for scripts and tests).
    #[arg(long, hide = true)]
    max_requests: Option<usize>,
}

#[derive(Args)]
struct EventsArgs {
    /// Print the sample body of this event type.
    #[arg(long)]
    show: Option<String>,
}

/// A failure with its exit code and one clear line.
pub(crate) struct Failure {
    exit: u8,
    line: String,
}

impl Failure {
    pub(crate) fn usage(line: impl Into<String>) -> Self {
        Failure {
            exit: 2,
            line: line.into(),
        }
    }
    pub(crate) fn io(line: impl Into<String>) -> Self {
        Failure {
            exit: 3,
            line: line.into(),
        }
    }
}

impl From<hookseal::Error> for Failure {
    fn from(e: hookseal::Error) -> Self {
        let exit = if e.kind() == hookseal::ErrorKind::InvalidSecret {
            2
        } else {
            1
        };
        Failure {
            exit,
            line: format!("error[{}]: {}", e.code(), e.message()),
        }
    }
}

fn read_body(file: Option<&std::path::Path>) -> Result<Vec<u8>, Failure> {
    let mut body = Vec::new();
    match file {
        Some(p) => std::fs::File::open(p).and_then(|mut f| f.read_to_end(&mut body)),
        None => std::io::stdin().read_to_end(&mut body),
    }
    .map_err(|e| Failure::io(format!("error: cannot read the body: {e}")))?;
    Ok(body)
}

pub(crate) fn verifier(
    key: &KeyArgs,
    tolerance: u64,
    legacy: bool,
    guard: Option<std::sync::Arc<dyn hookseal::ReplayGuard>>,
) -> Result<Verifier, Failure> {
    let b = key
        .secrets
        .iter()
        .fold(Verifier::builder(), |b, s| b.secret(s, key.mode()));
    let b = b.tolerance(tolerance).legacy(legacy);
    Ok(match guard {
        Some(g) => b.replay_guard(g),
        None => b,
    }
    .build()?)
}

pub(crate) fn event_type(name: &str) -> Result<EventType, Failure> {
    EventType::from_name(name).ok_or_else(|| {
        Failure::usage(format!(
            "error: unknown event type {name:?}; `hookseal events` lists them"
        ))
    })
}

pub(crate) fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn sign(args: &SignArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let body = read_body(args.body_file.as_deref())?;
    let signer = Signer::new(&args.key.secrets[0], args.key.mode())?;
    let ts = args.timestamp.unwrap_or_else(now_secs);
    let text = if args.legacy {
        format!(
            "x-ik-signature: {}\n",
            signer.sign_legacy(
                args.timestamp_ms.unwrap_or_else(|| ts.saturating_mul(1000)),
                &body
            )?
        )
    } else {
        let id = args.id.clone().unwrap_or_else(hookseal::fresh_message_id);
        let h = signer.headers(&id, ts, &body)?;
        h.pairs()
            .iter()
            .map(|(k, v)| format!("{k}: {v}\n"))
            .collect()
    };
    out.write_all(text.as_bytes())
        .map_err(|e| Failure::io(format!("error: {e}")))
}

fn parse_header(h: &str) -> Result<(String, String), Failure> {
    let (name, value) = h
        .split_once(':')
        .ok_or_else(|| Failure::usage(format!("error: header {h:?} is not `Name: value`")))?;
    Ok((name.trim().to_owned(), value.trim().to_owned()))
}

fn verify(args: &VerifyArgs, style: &Style, out: &mut dyn Write) -> Result<(), Failure> {
    let body = read_body(args.body_file.as_deref())?;
    let v = verifier(&args.key, args.tolerance, args.legacy, None)?;
    let pairs = args
        .headers
        .iter()
        .map(|h| parse_header(h))
        .collect::<Result<Vec<_>, _>>()?;
    let headers: HeaderSet<'_> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut text = String::new();
    let outcome = if args.explain {
        let ex = v.explain(&body, &headers, args.now);
        for c in &ex.checks {
            let mark = match c.status {
                CheckStatus::Pass => style.green("pass"),
                CheckStatus::Fail => style.red("FAIL"),
                CheckStatus::Skip => style.yellow("skip"),
                _ => style.dim("info"),
            };
            text.push_str(&format!("{mark}  {:<9} {}\n", c.step, c.detail));
        }
        if ex
            .outcome
            .as_ref()
            .is_err_and(|e| e.kind() == hookseal::ErrorKind::InvalidSignature)
        {
            for (i, secret) in args.key.secrets.iter().enumerate() {
                text.push_str(&format!(
                    "{}\n",
                    hint(i, secret, args.key.mode(), &body, &headers, args.now)
                ));
            }
        }
        ex.outcome
    } else {
        v.verify_headers(&body, &headers, args.now)
    };
    match outcome {
        Ok(ok) => {
            let id = ok.id.as_deref().unwrap_or("(legacy: no id)");
            text.push_str(&format!(
                "{} verified with key #{} ({}), message {id}\n",
                style.green("ok:"),
                ok.key_index,
                ok.scheme.as_str()
            ));
            out.write_all(text.as_bytes())
                .map_err(|e| Failure::io(format!("error: {e}")))
        }
        Err(e) => {
            out.write_all(text.as_bytes())
                .map_err(|e| Failure::io(format!("error: {e}")))?;
            Err(e.into())
        }
    }
}

fn hint(
    i: usize,
    secret: &str,
    mode: KeyMode,
    body: &[u8],
    headers: &HeaderSet<'_>,
    now: Option<i64>,
) -> String {
    let modes = matching_key_modes(secret, body, headers, now);
    if modes.contains(&mode) {
        format!("hint: secret #{i} matches in `{mode}` mode once the other checks pass")
    } else if let Some(m) = modes.first() {
        format!("hint: secret #{i} matches this signature in the `{m}` key mode, but you configured `{mode}`: use --key-mode {m}")
    } else {
        format!(
            "hint: secret #{i} matches in no key mode: the secret is not the one that signed, or the body \
             changed in transit (verify the raw body as received, not re-serialized JSON)"
        )
    }
}

fn events(args: &EventsArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let text = match &args.show {
        Some(name) => format!("{}\n", hookseal::sample_body(event_type(name)?)),
        None => EventType::ALL.iter().map(|t| format!("{t}\n")).collect(),
    };
    out.write_all(text.as_bytes())
        .map_err(|e| Failure::io(format!("error: {e}")))
}

fn run(cli: &Cli) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let style = Style::for_stdout();
    let mut out = stdout.lock();
    match &cli.cmd {
        Cmd::Sign(a) => sign(a, &mut out),
        Cmd::Verify(a) => verify(a, &style, &mut out),
        Cmd::Send(a) => http::send(a, &style, &mut out),
        Cmd::Listen(a) => http::listen(a, &style, &mut out),
        Cmd::Load(a) => load::load(a, &mut out),
        Cmd::Events(a) => events(a, &mut out),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            let _ = writeln!(std::io::stderr(), "{}", f.line);
            ExitCode::from(f.exit)
        }
    }
}
