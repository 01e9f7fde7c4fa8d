//! Picking the signature headers out of whatever header type a caller has.

use std::borrow::Cow;

use crate::error::{Error, ErrorKind, Result};

/// A header value: borrowed strings and bytes are used in place (no copy on the hot path),
/// owned ones are moved in.
pub trait HeaderValue<'a> {
    /// The value's bytes.
    fn into_header_bytes(self) -> Cow<'a, [u8]>;
}

impl<'a> HeaderValue<'a> for &'a str {
    fn into_header_bytes(self) -> Cow<'a, [u8]> {
        Cow::Borrowed(self.as_bytes())
    }
}
impl<'a> HeaderValue<'a> for &'a [u8] {
    fn into_header_bytes(self) -> Cow<'a, [u8]> {
        Cow::Borrowed(self)
    }
}
impl<'a> HeaderValue<'a> for &'a String {
    fn into_header_bytes(self) -> Cow<'a, [u8]> {
        Cow::Borrowed(self.as_bytes())
    }
}
impl<'a> HeaderValue<'a> for &'a Vec<u8> {
    fn into_header_bytes(self) -> Cow<'a, [u8]> {
        Cow::Borrowed(self)
    }
}
impl<'a, const N: usize> HeaderValue<'a> for &'a [u8; N] {
    fn into_header_bytes(self) -> Cow<'a, [u8]> {
        Cow::Borrowed(self)
    }
}
impl<'a> HeaderValue<'a> for String {
    fn into_header_bytes(self) -> Cow<'a, [u8]> {
        Cow::Owned(self.into_bytes())
    }
}
impl<'a> HeaderValue<'a> for Vec<u8> {
    fn into_header_bytes(self) -> Cow<'a, [u8]> {
        Cow::Owned(self)
    }
}

/// The names hookseal reads. Lower case; matching is ASCII case-insensitive.
pub mod names {
    /// Standard Webhooks message id.
    pub const WEBHOOK_ID: &str = "webhook-id";
    /// Standard Webhooks timestamp (unix seconds).
    pub const WEBHOOK_TIMESTAMP: &str = "webhook-timestamp";
    /// Standard Webhooks signature list.
    pub const WEBHOOK_SIGNATURE: &str = "webhook-signature";
    /// Svix alias of `webhook-id`.
    pub const SVIX_ID: &str = "svix-id";
    /// Svix alias of `webhook-timestamp`.
    pub const SVIX_TIMESTAMP: &str = "svix-timestamp";
    /// Svix alias of `webhook-signature`.
    pub const SVIX_SIGNATURE: &str = "svix-signature";
    /// ImageKit's legacy signature header.
    pub const X_IK_SIGNATURE: &str = "x-ik-signature";

    /// Every name hookseal reads.
    pub const ALL: [&str; 7] = [
        WEBHOOK_ID,
        WEBHOOK_TIMESTAMP,
        WEBHOOK_SIGNATURE,
        SVIX_ID,
        SVIX_TIMESTAMP,
        SVIX_SIGNATURE,
        X_IK_SIGNATURE,
    ];

    /// The longest of them (`webhook-timestamp`).
    const LONGEST: usize = 17;

    /// The name hookseal reads that `name` is (any ASCII case), or `None` for any other header:
    /// lets a binding skip the values of unrelated headers without converting them.
    pub fn canonical(name: &[u8]) -> Option<&'static str> {
        ALL.into_iter()
            .find(|n| n.len() == name.len() && name.eq_ignore_ascii_case(n.as_bytes()))
    }

    /// The same for an entry of a CGI-style request environment (Rack's `env`, WSGI's `environ`),
    /// where `webhook-id` arrives as `HTTP_WEBHOOK_ID`. Entries without the `HTTP_` prefix
    /// (`REQUEST_METHOD`, `rack.input`, ...) are never headers.
    pub fn canonical_env(name: &[u8]) -> Option<&'static str> {
        let rest = name.strip_prefix(b"HTTP_")?;
        if rest.len() > LONGEST {
            return None;
        }
        let mut buf = [0u8; LONGEST];
        for (b, &c) in buf.iter_mut().zip(rest) {
            *b = if c == b'_' { b'-' } else { c };
        }
        canonical(&buf[..rest.len()])
    }

    /// A name as either form: a Rack/WSGI env key when it starts with `HTTP_` (no header name
    /// does), else a header name. For bindings handed a mapping that may be either.
    pub fn canonical_any(name: &[u8]) -> Option<&'static str> {
        if name.starts_with(b"HTTP_") {
            canonical_env(name)
        } else {
            canonical(name)
        }
    }

    /// Whether a name of `len` bytes can be one hookseal reads (with `env`, also as an env key):
    /// a binding skips most of a request's headers on this alone, without copying their names.
    pub fn could_be(len: usize, env: bool) -> bool {
        ALL.iter()
            .any(|n| n.len() == len || (env && n.len() + 5 == len))
    }
}

/// One header slot: the first non-empty value, and whether a later repeat disagreed with it.
#[derive(Clone, Debug, Default)]
struct Slot<'a> {
    value: Option<Cow<'a, [u8]>>,
    conflict: bool,
}

impl<'a> Slot<'a> {
    /// Repeats of an id or timestamp must agree: two different ids are ambiguous, not a choice.
    fn set_single(&mut self, v: Cow<'a, [u8]>) {
        match &self.value {
            None => self.value = Some(v),
            Some(old) if *old != v => self.conflict = true,
            Some(_) => {}
        }
    }

    /// Repeated signature headers are one list, as if folded by a proxy.
    fn append_list(&mut self, v: Cow<'a, [u8]>) {
        match &mut self.value {
            None => self.value = Some(v),
            Some(old) => {
                let old = old.to_mut();
                old.push(b' ');
                old.extend_from_slice(&v);
            }
        }
    }
}

/// The signature-relevant headers of one request, gathered from any `(name, value)` pairs.
///
/// Names are matched case-insensitively; empty values count as missing; `svix-*` names are used
/// only where the `webhook-*` header is absent.
#[derive(Clone, Debug, Default)]
pub struct HeaderSet<'a> {
    id: Slot<'a>,
    timestamp: Slot<'a>,
    signature: Slot<'a>,
    svix_id: Slot<'a>,
    svix_timestamp: Slot<'a>,
    svix_signature: Slot<'a>,
    legacy: Slot<'a>,
}

/// Which header a value came from (for messages and `--explain`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found<'a> {
    pub name: &'static str,
    pub value: &'a [u8],
}

impl<'a> HeaderSet<'a> {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Gather the headers from `(name, value)` pairs of borrowed strings or bytes.
    pub fn from_pairs<I, K, V>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<[u8]>,
        V: HeaderValue<'a>,
    {
        let mut set = Self::new();
        for (k, v) in pairs {
            set.push(k.as_ref(), v);
        }
        set
    }

    /// Add one received header. Unrelated names are ignored.
    pub fn push(&mut self, name: &[u8], value: impl HeaderValue<'a>) {
        let value = value.into_header_bytes();
        if value.is_empty() {
            return;
        }
        let is = |n: &str| name.eq_ignore_ascii_case(n.as_bytes());
        if is(names::WEBHOOK_ID) {
            self.id.set_single(value);
        } else if is(names::WEBHOOK_TIMESTAMP) {
            self.timestamp.set_single(value);
        } else if is(names::WEBHOOK_SIGNATURE) {
            self.signature.append_list(value);
        } else if is(names::SVIX_ID) {
            self.svix_id.set_single(value);
        } else if is(names::SVIX_TIMESTAMP) {
            self.svix_timestamp.set_single(value);
        } else if is(names::SVIX_SIGNATURE) {
            self.svix_signature.append_list(value);
        } else if is(names::X_IK_SIGNATURE) {
            self.legacy.set_single(value);
        }
    }

    fn pick<'s>(
        primary: &'s Slot<'a>,
        primary_name: &'static str,
        alias: &'s Slot<'a>,
        alias_name: &'static str,
    ) -> Result<Option<Found<'s>>> {
        let (slot, name) = if primary.value.is_some() {
            (primary, primary_name)
        } else {
            (alias, alias_name)
        };
        if slot.conflict {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                format!("header `{name}` appears several times with different values"),
            ));
        }
        Ok(slot.value.as_deref().map(|value| Found { name, value }))
    }

    pub(crate) fn id(&self) -> Result<Option<Found<'_>>> {
        Self::pick(&self.id, names::WEBHOOK_ID, &self.svix_id, names::SVIX_ID)
    }

    pub(crate) fn timestamp(&self) -> Result<Option<Found<'_>>> {
        Self::pick(
            &self.timestamp,
            names::WEBHOOK_TIMESTAMP,
            &self.svix_timestamp,
            names::SVIX_TIMESTAMP,
        )
    }

    pub(crate) fn signature(&self) -> Result<Option<Found<'_>>> {
        Self::pick(
            &self.signature,
            names::WEBHOOK_SIGNATURE,
            &self.svix_signature,
            names::SVIX_SIGNATURE,
        )
    }

    pub(crate) fn legacy(&self) -> Result<Option<Found<'_>>> {
        Self::pick(
            &self.legacy,
            names::X_IK_SIGNATURE,
            &self.legacy,
            names::X_IK_SIGNATURE,
        )
    }

    /// True when no Standard Webhooks signature header (`webhook-signature`/`svix-signature`) is present.
    pub(crate) fn lacks_standard_signature(&self) -> bool {
        self.signature.value.is_none() && self.svix_signature.value.is_none()
    }
}

impl<'a, K: AsRef<[u8]>, V: HeaderValue<'a>> FromIterator<(K, V)> for HeaderSet<'a> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self::from_pairs(iter)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn env_names_map_to_header_names() {
        let mut set = HeaderSet::new();
        for (name, value) in [
            (&b"HTTP_WEBHOOK_ID"[..], "msg_1"),
            (b"HTTP_WEBHOOK_TIMESTAMP", "1674087231"),
            (b"HTTP_X_IK_SIGNATURE", "t=1,v1=aa"),
            // Not headers, or not read: ignored.
            (b"WEBHOOK_SIGNATURE", "v1,AAAA"),
            (b"HTTP_WEBHOOK_SIGNATURE_EXTRA_LONG_NAME", "v1,AAAA"),
            (b"REQUEST_METHOD", "POST"),
        ] {
            if let Some(n) = names::canonical_env(name) {
                set.push(n.as_bytes(), value);
            }
        }
        assert_eq!(set.id().unwrap().unwrap().value, b"msg_1");
        assert_eq!(set.timestamp().unwrap().unwrap().value, b"1674087231");
        assert_eq!(set.legacy().unwrap().unwrap().value, b"t=1,v1=aa");
        assert!(set.signature().unwrap().is_none());
    }

    #[test]
    fn canonical_names() {
        assert_eq!(names::canonical(b"Webhook-ID"), Some(names::WEBHOOK_ID));
        assert_eq!(names::canonical(b"content-type"), None);
        assert_eq!(
            names::canonical_env(b"HTTP_SVIX_SIGNATURE"),
            Some(names::SVIX_SIGNATURE)
        );
        assert_eq!(
            names::canonical_env(b"HTTP_X_IK_SIGNATURE"),
            Some(names::X_IK_SIGNATURE)
        );
        assert_eq!(
            names::canonical_env(b"HTTP_WEBHOOK-ID"),
            Some(names::WEBHOOK_ID)
        );
        assert_eq!(names::canonical_env(b"HTTP_CONTENT_TYPE"), None);
        assert_eq!(names::canonical_env(b"WEBHOOK_ID"), None);
        assert_eq!(names::canonical_env(b"HTTP_"), None);
        assert_eq!(
            names::canonical_any(b"HTTP_WEBHOOK_ID"),
            Some(names::WEBHOOK_ID)
        );
        assert_eq!(names::canonical_any(b"Webhook-Id"), Some(names::WEBHOOK_ID));
        assert!(
            names::could_be(10, false) && !names::could_be(15, false) && names::could_be(15, true)
        );
        // 16 is no name's length, nor any name's length plus "HTTP_".
        assert!(!names::could_be(16, true) && names::could_be(22, true));
    }

    #[test]
    fn every_value_type_carries_its_bytes() {
        let owned: Vec<(&str, Vec<u8>)> = vec![
            ("webhook-id", b"msg_vec".to_vec()),
            ("webhook-timestamp", b"17".to_vec()),
        ];
        let by_ref = HeaderSet::from_pairs(owned.iter().map(|(k, v)| (*k, v)));
        let by_value = HeaderSet::from_pairs(owned.clone());
        for set in [by_ref, by_value] {
            assert_eq!(set.id().unwrap().unwrap().value, b"msg_vec");
            assert_eq!(set.timestamp().unwrap().unwrap().value, b"17");
        }
        let strings = [("webhook-id".to_owned(), "msg_s".to_owned())];
        let set = HeaderSet::from_pairs(strings.iter().map(|(k, v)| (k, v)));
        assert_eq!(set.id().unwrap().unwrap().value, b"msg_s");
        let set = HeaderSet::from_pairs([("webhook-id", b"msg_a")]);
        assert_eq!(set.id().unwrap().unwrap().value, b"msg_a");
    }
}
