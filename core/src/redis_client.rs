//! The little of Redis the replay guard needs, spoken directly: a URL, a connection (TCP, TLS or a
//! Unix socket), `AUTH`, `SELECT` and one `SET key 1 NX PX ttl` at a time, in RESP2.
//!
//! Why not the `redis` crate: it brought a URL parser with Unicode (IDNA) tables, a parser
//! combinator library and a certificate loader that links Apple's frameworks, which cannot be
//! linked without Apple's SDK. Those were most of a wheel's size (issue 16's budgets) and kept
//! macOS artifacts from being built off a Mac. What is here is what a `SET NX` needs.

use std::fmt;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

/// Where a Redis is and how to talk to it, from a URL.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub(crate) addr: Addr,
    username: Option<String>,
    password: Option<String>,
    db: i64,
}

/// How to reach the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Addr {
    Tcp {
        host: String,
        port: u16,
    },
    /// TLS; `insecure` (a `#insecure` fragment) accepts any certificate, for test servers.
    Tls {
        host: String,
        port: u16,
        insecure: bool,
    },
    Unix(std::path::PathBuf),
}

impl fmt::Display for Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Addr::Tcp { host, port } | Addr::Tls { host, port, .. } if host.contains(':') => {
                write!(f, "[{host}]:{port}")
            }
            Addr::Tcp { host, port } | Addr::Tls { host, port, .. } => write!(f, "{host}:{port}"),
            Addr::Unix(path) => write!(f, "{}", path.display()),
        }
    }
}

// Never the password.
impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Target")
            .field("addr", &self.addr)
            .field("username", &self.username)
            .field("db", &self.db)
            .finish_non_exhaustive()
    }
}

/// Why a URL was refused. Worded without the URL itself, which may carry a password.
pub(crate) type UrlError = &'static str;

impl Target {
    /// `redis://[[user][:password]@]host[:port][/db]`, `rediss://…` (TLS; `#insecure` accepts any
    /// certificate), `redis+unix:///path` or `unix:///path` with `?db=N&user=U&pass=P`. As the
    /// `redis` crate (and redis-py, go-redis) read them: user and password percent-decoded, port
    /// 6379 by default, a query's `protocol` and other keys ignored.
    pub(crate) fn parse(url: &str) -> Result<Target, UrlError> {
        let (scheme, rest) = url.split_once("://").ok_or("no scheme")?;
        let (rest, fragment) = match rest.split_once('#') {
            Some((r, f)) => (r, Some(f)),
            None => (rest, None),
        };
        let (rest, query) = match rest.split_once('?') {
            Some((r, q)) => (r, q),
            None => (rest, ""),
        };
        let mut t = Target {
            addr: Addr::Tcp {
                host: String::new(),
                port: 6379,
            },
            username: None,
            password: None,
            db: 0,
        };
        match scheme.to_ascii_lowercase().as_str() {
            "redis" | "rediss" => {
                let (authority, path) = match rest.find('/') {
                    Some(i) => (&rest[..i], &rest[i + 1..]),
                    None => (rest, ""),
                };
                let hostport = match authority.rsplit_once('@') {
                    Some((userinfo, hostport)) => {
                        let (user, pass) = match userinfo.split_once(':') {
                            Some((u, p)) => (u, Some(p)),
                            None => (userinfo, None),
                        };
                        t.username = non_empty(percent_decode(user)?);
                        t.password = match pass {
                            Some(p) => non_empty(percent_decode(p)?),
                            None => None,
                        };
                        hostport
                    }
                    None => authority,
                };
                let (host, port) = host_port(hostport)?;
                if !path.is_empty() {
                    t.db = path
                        .parse()
                        .map_err(|_| "the path is not a database number")?;
                }
                t.addr = if scheme.eq_ignore_ascii_case("rediss") {
                    Addr::Tls {
                        host,
                        port,
                        insecure: fragment == Some("insecure"),
                    }
                } else {
                    Addr::Tcp { host, port }
                };
            }
            "redis+unix" | "unix" => {
                if rest.is_empty() {
                    return Err("no socket path");
                }
                t.addr = Addr::Unix(percent_decode(rest)?.into());
            }
            _ => return Err("the scheme is not redis, rediss, redis+unix or unix"),
        }
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "db" => t.db = v.parse().map_err(|_| "db= is not a database number")?,
                "user" => t.username = non_empty(percent_decode(v)?),
                "pass" | "password" => t.password = non_empty(percent_decode(v)?),
                _ => {}
            }
        }
        Ok(t)
    }
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

fn host_port(s: &str) -> Result<(String, u16), UrlError> {
    let (host, port) = if let Some(v6) = s.strip_prefix('[') {
        let (host, after) = v6.split_once(']').ok_or("an unclosed [ in the host")?;
        match after {
            "" => (host, None),
            p => (
                host,
                Some(p.strip_prefix(':').ok_or("junk after the host")?),
            ),
        }
    } else {
        match s.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        }
    };
    if host.is_empty() {
        return Err("no host");
    }
    if host
        .bytes()
        .any(|c| c <= b' ' || c == b'/' || c == b'@' || c >= 0x7f)
    {
        return Err("the host has a character hosts cannot have");
    }
    let port = match port {
        None | Some("") => 6379,
        Some(p) => p
            .parse()
            .map_err(|_| "the port is not a number below 65536")?,
    };
    Ok((host.to_ascii_lowercase(), port))
}

fn percent_decode(s: &str) -> Result<String, UrlError> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b.get(i + 1..i + 3).ok_or("a % escape is cut short")?;
            let hex = std::str::from_utf8(hex).map_err(|_| "a bad % escape")?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| "a bad % escape")?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "a % escape is not UTF-8")
}

/// TLS settings shared by every connection of a guard.
pub(crate) fn tls_config(insecure: bool) -> io::Result<Arc<rustls::ClientConfig>> {
    let provider = Arc::new(provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(io::Error::other)?;
    let config = if insecure {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
            .with_no_client_auth()
    } else {
        builder
            .with_root_certificates(roots()?)
            .with_no_client_auth()
    };
    Ok(Arc::new(config))
}

/// ring's provider without ChaCha20-Poly1305 (and P-384 key exchange): every Redis TLS server
/// (OpenSSL, or a cloud's proxy) offers AES-GCM with X25519 or P-256, and ChaCha20's code is
/// about 45 KiB of each native library (issue 16's size budgets). Certificates signed with any
/// of ring's algorithms (RSA, ECDSA P-256 and P-384, Ed25519) still verify.
fn provider() -> rustls::crypto::CryptoProvider {
    use rustls::crypto::ring::{cipher_suite as cs, kx_group};
    rustls::crypto::CryptoProvider {
        cipher_suites: vec![
            cs::TLS13_AES_128_GCM_SHA256,
            cs::TLS13_AES_256_GCM_SHA384,
            cs::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            cs::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            cs::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            cs::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        ],
        kx_groups: vec![kx_group::X25519, kx_group::SECP256R1],
        ..rustls::crypto::ring::default_provider()
    }
}

/// The system's trusted roots. Off Apple platforms, where the system keeps them
/// (`rustls-native-certs`: the usual bundle files, `SSL_CERT_FILE`, Windows' store).
#[cfg(not(target_vendor = "apple"))]
fn roots() -> io::Result<rustls::RootCertStore> {
    let found = rustls_native_certs::load_native_certs();
    let mut store = rustls::RootCertStore::empty();
    store.add_parsable_certificates(found.certs);
    if store.is_empty() {
        return Err(io::Error::other(format!(
            "no trusted root certificates found ({}); set SSL_CERT_FILE",
            found
                .errors
                .first()
                .map_or_else(|| "none installed".to_owned(), ToString::to_string)
        )));
    }
    Ok(store)
}

/// On macOS and iOS: the PEM bundle at `SSL_CERT_FILE`, else `/etc/ssl/cert.pem`, which macOS
/// ships. Reading the Keychain would link Apple's Security framework, which only Apple's SDK
/// provides (and so could not be built off a Mac); a certificate trusted only in the Keychain
/// goes in a PEM file named by `SSL_CERT_FILE`.
#[cfg(target_vendor = "apple")]
fn roots() -> io::Result<rustls::RootCertStore> {
    use rustls::pki_types::{pem::PemObject, CertificateDer};
    let path = std::env::var_os("SSL_CERT_FILE").unwrap_or_else(|| "/etc/ssl/cert.pem".into());
    let certs = CertificateDer::pem_file_iter(&path)
        .map_err(|e| io::Error::other(format!("{}: {e}", std::path::Path::new(&path).display())))?
        .filter_map(std::result::Result::ok);
    let mut store = rustls::RootCertStore::empty();
    store.add_parsable_certificates(certs);
    if store.is_empty() {
        return Err(io::Error::other(
            "no trusted root certificates found; set SSL_CERT_FILE",
        ));
    }
    Ok(store)
}

/// `#insecure`: any certificate, but still a real TLS handshake (signatures checked).
#[derive(Debug)]
struct AnyCertificate(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

enum Stream {
    Tcp(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
    #[cfg(unix)]
    Unix(std::os::unix::net::UnixStream),
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Tcp(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
            #[cfg(unix)]
            Stream::Unix(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Tcp(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
            #[cfg(unix)]
            Stream::Unix(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Tcp(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
            #[cfg(unix)]
            Stream::Unix(s) => s.flush(),
        }
    }
}

/// A reply, as far as the guard reads them.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Reply {
    /// `+OK` and other simple strings, bulk strings, integers.
    Value,
    /// A null bulk string or array (`SET NX` on a key that exists).
    Nil,
}

/// One open connection, authenticated and on its database.
pub(crate) struct Connection {
    io: BufReader<Stream>,
}

fn tcp(host: &str, port: u16, timeout: Duration) -> io::Result<TcpStream> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "the host has no address");
    for addr in (host, port).to_socket_addrs()? {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(s) => {
                s.set_nodelay(true)?;
                s.set_read_timeout(Some(timeout))?;
                s.set_write_timeout(Some(timeout))?;
                return Ok(s);
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

impl Connection {
    /// Connect, then `AUTH` and `SELECT` as the target says. Each step is bounded by `timeout`
    /// (name resolution excepted, as in every Redis client).
    pub(crate) fn open(
        target: &Target,
        tls: Option<&Arc<rustls::ClientConfig>>,
        timeout: Duration,
    ) -> io::Result<Connection> {
        let stream = match &target.addr {
            Addr::Tcp { host, port } => Stream::Tcp(tcp(host, *port, timeout)?),
            Addr::Tls { host, port, .. } => {
                let config = tls.ok_or_else(|| io::Error::other("no TLS settings"))?;
                let name = rustls::pki_types::ServerName::try_from(host.clone())
                    .map_err(|_| io::Error::other("the host is not a valid TLS server name"))?;
                let conn = rustls::ClientConnection::new(config.clone(), name)
                    .map_err(io::Error::other)?;
                Stream::Tls(Box::new(rustls::StreamOwned::new(
                    conn,
                    tcp(host, *port, timeout)?,
                )))
            }
            #[cfg(unix)]
            Addr::Unix(path) => {
                let s = std::os::unix::net::UnixStream::connect(path)?;
                s.set_read_timeout(Some(timeout))?;
                s.set_write_timeout(Some(timeout))?;
                Stream::Unix(s)
            }
            #[cfg(not(unix))]
            Addr::Unix(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::Unsupported,
                    "Unix sockets are not available on this platform",
                ))
            }
        };
        let mut c = Connection {
            io: BufReader::with_capacity(512, stream),
        };
        if let Some(password) = &target.password {
            match &target.username {
                Some(user) => c.command(&[b"AUTH", user.as_bytes(), password.as_bytes()])?,
                None => c.command(&[b"AUTH", password.as_bytes()])?,
            };
        }
        if target.db != 0 {
            c.command(&[b"SELECT", target.db.to_string().as_bytes()])?;
        }
        Ok(c)
    }

    /// Whether the server still holds this idle connection open: nothing to read yet. A closed
    /// socket reads as end of file, and anything else unread (an error reply, a TLS alert) means
    /// it is not in a state to reuse either. Unix sockets are taken as open.
    pub(crate) fn is_open(&self) -> bool {
        if !self.io.buffer().is_empty() {
            return false;
        }
        let tcp = match self.io.get_ref() {
            Stream::Tcp(s) => s,
            Stream::Tls(s) => s.get_ref(),
            #[cfg(unix)]
            Stream::Unix(_) => return true,
        };
        if tcp.set_nonblocking(true).is_err() {
            return false;
        }
        let open =
            matches!(tcp.peek(&mut [0u8; 1]), Err(e) if e.kind() == io::ErrorKind::WouldBlock);
        tcp.set_nonblocking(false).is_ok() && open
    }

    /// Send one command and read its reply. A Redis error reply is an `io::Error` worded by
    /// its first word (`NOAUTH`, `WRONGPASS`, `READONLY`...): never the command's arguments.
    pub(crate) fn command(&mut self, args: &[&[u8]]) -> io::Result<Reply> {
        let mut out = Vec::with_capacity(64 + args.iter().map(|a| a.len()).sum::<usize>());
        out.extend_from_slice(format!("*{}\r\n", args.len()).as_bytes());
        for a in args {
            out.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
            out.extend_from_slice(a);
            out.extend_from_slice(b"\r\n");
        }
        let s = self.io.get_mut();
        s.write_all(&out)?;
        s.flush()?;
        self.reply()
    }

    fn line(&mut self) -> io::Result<Vec<u8>> {
        let mut line = Vec::new();
        // A reply line the guard reads is short; a longer one is not a Redis speaking to us.
        (&mut self.io).take(4096).read_until(b'\n', &mut line)?;
        if line.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "Redis closed the connection",
            ));
        }
        if !line.ends_with(b"\r\n") {
            return Err(bad_reply());
        }
        line.truncate(line.len() - 2);
        Ok(line)
    }

    fn reply(&mut self) -> io::Result<Reply> {
        let line = self.line()?;
        let (kind, rest) = line.split_first().ok_or_else(bad_reply)?;
        let len = || -> io::Result<i64> {
            std::str::from_utf8(rest)
                .ok()
                .and_then(|s| s.parse().ok())
                .ok_or_else(bad_reply)
        };
        match kind {
            b'+' | b':' => Ok(Reply::Value),
            b'-' => {
                // The error's code word only (`NOAUTH`, `WRONGPASS`...), as ASCII letters.
                let word: String = rest
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                    .take(32)
                    .map(|&c| char::from(c))
                    .collect();
                Err(io::Error::other(format!("Redis answered {word}")))
            }
            b'$' => match len()? {
                -1 => Ok(Reply::Nil),
                n @ 0..=65_536 => {
                    let mut skip = vec![0; n as usize + 2];
                    self.io.read_exact(&mut skip)?;
                    Ok(Reply::Value)
                }
                _ => Err(bad_reply()),
            },
            b'*' => match len()? {
                -1 => Ok(Reply::Nil),
                n @ 0..=64 => {
                    for _ in 0..n {
                        self.reply()?;
                    }
                    Ok(Reply::Value)
                }
                _ => Err(bad_reply()),
            },
            _ => Err(bad_reply()),
        }
    }
}

fn bad_reply() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "the server's reply is not Redis's protocol",
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn addr(url: &str) -> Addr {
        Target::parse(url).expect(url).addr
    }

    #[test]
    fn urls() {
        assert_eq!(
            addr("redis://h"),
            Addr::Tcp {
                host: "h".into(),
                port: 6379
            }
        );
        assert_eq!(
            addr("redis://H.example:6380/"),
            Addr::Tcp {
                host: "h.example".into(),
                port: 6380
            }
        );
        assert_eq!(
            addr("rediss://[::1]:7000/2#insecure"),
            Addr::Tls {
                host: "::1".into(),
                port: 7000,
                insecure: true
            }
        );
        assert_eq!(addr("rediss://[::1]:7000").to_string(), "[::1]:7000");
        assert_eq!(
            addr("redis+unix:///run/redis.sock?db=3"),
            Addr::Unix("/run/redis.sock".into())
        );
        let t = Target::parse("redis://us%40r:p%3Ass@h:1/5?protocol=resp3").unwrap();
        assert_eq!(
            (t.username.as_deref(), t.password.as_deref(), t.db),
            (Some("us@r"), Some("p:ss"), 5)
        );
        let t = Target::parse("redis://:pw@h").unwrap();
        assert_eq!((t.username, t.password.as_deref()), (None, Some("pw")));
        let t = Target::parse("unix:///s?user=u&pass=p&db=2").unwrap();
        assert_eq!(
            (t.username.as_deref(), t.password.as_deref(), t.db),
            (Some("u"), Some("p"), 2)
        );
        // The password never reaches Debug.
        assert!(!format!("{:?}", Target::parse("redis://u:s3cret@h").unwrap()).contains("s3cret"));
        for bad in [
            "h:6379",
            "http://h",
            "redis://",
            "redis://:pw@",
            "redis://h:port",
            "redis://h:70000",
            "redis://h/x",
            "redis://[::1",
            "redis://h h",
            "redis://%zz@h",
            "redis+unix://",
            "redis://h?db=x",
        ] {
            assert!(Target::parse(bad).is_err(), "{bad}");
        }
    }

    /// A fake server answering canned bytes: the reply reader against odd and hostile replies.
    fn against(replies: &'static [u8]) -> io::Result<Reply> {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let server = std::thread::spawn(move || {
            let (mut s, _) = listener.accept().expect("accept");
            let mut buf = [0u8; 256];
            let _ = s.read(&mut buf);
            let _ = s.write_all(replies);
        });
        let target = Target::parse(&format!("redis://127.0.0.1:{port}")).expect("url");
        let mut c = Connection::open(&target, None, Duration::from_millis(500))?;
        let r = c.command(&[b"SET", b"k", b"1", b"NX"]);
        server.join().expect("server");
        r
    }

    #[test]
    fn replies() {
        assert_eq!(against(b"+OK\r\n").unwrap(), Reply::Value);
        assert_eq!(against(b"$-1\r\n").unwrap(), Reply::Nil);
        assert_eq!(against(b"*-1\r\n").unwrap(), Reply::Nil);
        assert_eq!(against(b"$2\r\nOK\r\n").unwrap(), Reply::Value);
        assert_eq!(against(b"*1\r\n:1\r\n").unwrap(), Reply::Value);
        let e = against(b"-NOAUTH Authentication required.\r\n").unwrap_err();
        assert_eq!(e.to_string(), "Redis answered NOAUTH");
        for bad in [
            &b"HTTP/1.1 400 Bad Request\r\n"[..],
            b"+OK\n",
            b"$99999999\r\n",
            b"*100000\r\n",
            b"",
            b"$5\r\nab",
        ] {
            let leaked: &'static [u8] = Box::leak(bad.to_vec().into_boxed_slice());
            assert!(against(leaked).is_err(), "{bad:?}");
        }
    }
}
