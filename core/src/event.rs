//! Typed ImageKit events (SPEC section 4; fields from `imagekit-events.md`).
//!
//! Parsing is lenient: a field that is missing or of an unexpected JSON type is `None`, never an
//! error, and the whole JSON stays reachable in [`Event::raw`]. Only a body that is not a JSON
//! object with a string `type` is refused (`invalid_payload`).

use std::fmt;

use serde::de::{DeserializeOwned, Deserializer};
use serde::Deserialize;
use serde_json::{Map, Number, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::json_check::{self, Verdict};

fn lenient<'de, D, T>(d: D) -> std::result::Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let v = Value::deserialize(d)?;
    Ok(T::deserialize(v).ok())
}

/// Lenient conversion from a borrowed JSON value, `None` when it has another shape: the same
/// results as the structs' serde `Deserialize` (tests assert it), without cloning every subtree
/// on the way, which made `unwrap` of large events several times slower.
trait FromJson: Sized {
    fn from_json(v: &Value) -> Option<Self>;
}

impl FromJson for String {
    fn from_json(v: &Value) -> Option<Self> {
        v.as_str().map(str::to_owned)
    }
}

impl FromJson for bool {
    fn from_json(v: &Value) -> Option<Self> {
        v.as_bool()
    }
}

impl FromJson for Number {
    fn from_json(v: &Value) -> Option<Self> {
        match v {
            Value::Number(n) => Some(n.clone()),
            _ => None,
        }
    }
}

impl FromJson for Value {
    fn from_json(v: &Value) -> Option<Self> {
        Some(v.clone())
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Value) -> Option<Self> {
        v.as_array()?.iter().map(T::from_json).collect()
    }
}

/// Declares a struct whose fields are all optional and lenient, named after the JSON keys.
/// It deserializes only from a JSON object (serde would otherwise also accept an array).
macro_rules! lenient_struct {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $json:literal $field:ident : $ty:ty,)* }) => {
        $(#[$m])*
        #[derive(Clone, Debug, Default, PartialEq, serde::Deserialize, serde::Serialize)]
        #[serde(try_from = "Map<String, Value>")]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[$fm])*
                #[serde(rename = $json, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }

        impl FromJson for $name {
            fn from_json(v: &Value) -> Option<Self> {
                let obj = v.as_object()?;
                Some($name { $($field: obj.get($json).and_then(<$ty as FromJson>::from_json),)* })
            }
        }

        impl TryFrom<Map<String, Value>> for $name {
            type Error = serde_json::Error;
            fn try_from(map: Map<String, Value>) -> std::result::Result<Self, Self::Error> {
                #[derive(serde::Deserialize)]
                struct Shadow {
                    $(#[serde(rename = $json, default, deserialize_with = "lenient")] $field: Option<$ty>,)*
                }
                let s = Shadow::deserialize(Value::Object(map))?;
                Ok($name { $($field: s.$field,)* })
            }
        }
    };
}

lenient_struct!(
    /// `request` of video events.
    VideoRequest {
        /// The requested video URL.
        "url" url: String,
        /// ImageKit's request id.
        "x_request_id" x_request_id: String,
        /// The requesting user agent.
        "user_agent" user_agent: String,
    }
);

lenient_struct!(
    /// The source asset of a video transformation.
    VideoAsset {
        /// Source URL.
        "url" url: String,
    }
);

lenient_struct!(
    /// Requested video transformation options.
    VideoTransformationOptions {
        /// `aac` or `opus`.
        "audio_codec" audio_codec: String,
        /// Whether the video is rotated automatically.
        "auto_rotate" auto_rotate: bool,
        /// `mp4`, `webm`, `jpg`, `png` or `webp`.
        "format" format: String,
        /// Quality, 0 to 100.
        "quality" quality: Number,
        /// `HLS` or `DASH`.
        "stream_protocol" stream_protocol: String,
        /// Adaptive-streaming variants.
        "variants" variants: Vec<String>,
        /// `h264`, `vp9` or `av1`.
        "video_codec" video_codec: String,
    }
);

lenient_struct!(
    /// Metadata of an encoded video.
    VideoMetadata {
        /// Bits per second.
        "bitrate" bitrate: Number,
        /// Seconds.
        "duration" duration: Number,
        /// Pixels.
        "height" height: Number,
        /// Pixels.
        "width" width: Number,
    }
);

lenient_struct!(
    /// The output of a finished video transformation.
    VideoOutput {
        /// Output URL.
        "url" url: String,
        /// Encoded video metadata.
        "video_metadata" video_metadata: VideoMetadata,
    }
);

lenient_struct!(
    /// Why a transformation failed.
    TransformationError {
        /// e.g. `encoding_failed`, `download_failed`, `internal_server_error`.
        "reason" reason: String,
    }
);

lenient_struct!(
    /// A video transformation: its kind, options, and output or error.
    VideoTransformation {
        /// `video-transformation`, `gif-to-video` or `video-thumbnail`.
        "type" kind: String,
        /// Requested options.
        "options" options: VideoTransformationOptions,
        /// Present on `video.transformation.ready`.
        "output" output: VideoOutput,
        /// Present on `video.transformation.error`.
        "error" error: TransformationError,
    }
);

lenient_struct!(
    /// `data` of video events.
    VideoTransformationData {
        /// The source asset.
        "asset" asset: VideoAsset,
        /// The transformation.
        "transformation" transformation: VideoTransformation,
    }
);

lenient_struct!(
    /// Top-level `timings` of `video.transformation.ready`.
    Timings {
        /// Milliseconds spent downloading the source.
        "download_duration" download_duration: Number,
        /// Milliseconds spent encoding.
        "encoding_duration" encoding_duration: Number,
    }
);

lenient_struct!(
    /// A `video.transformation.*` event's payload.
    VideoTransformationEvent {
        /// The originating request.
        "request" request: VideoRequest,
        /// Asset and transformation.
        "data" data: VideoTransformationData,
        /// Only on `ready`.
        "timings" timings: Timings,
    }
);

lenient_struct!(
    /// `request` of `upload.pre-transform.*` events.
    PreTransformRequest {
        /// The transformation string, e.g. `rt-90`.
        "transformation" transformation: String,
        /// ImageKit's request id.
        "x_request_id" x_request_id: String,
    }
);

lenient_struct!(
    /// The transformation of a post-transform request.
    PostTransformation {
        /// `transformation`, `abs`, `gif-to-video` or `thumbnail`.
        "type" kind: String,
        /// `hls` or `dash` (only for `abs`).
        "protocol" protocol: String,
        /// The transformation string.
        "value" value: String,
    }
);

lenient_struct!(
    /// `request` of `upload.post-transform.*` events.
    PostTransformRequest {
        /// The requested transformation.
        "transformation" transformation: PostTransformation,
        /// ImageKit's request id.
        "x_request_id" x_request_id: String,
    }
);

lenient_struct!(
    /// An AI tag on a file.
    AiTag {
        /// Confidence, 0 to 100.
        "confidence" confidence: Number,
        /// Tag name.
        "name" name: String,
        /// Which tagger produced it.
        "source" source: String,
    }
);

lenient_struct!(
    /// A file version reference.
    VersionInfo {
        /// Version id.
        "id" id: String,
        /// Version name.
        "name" name: String,
    }
);

lenient_struct!(
    /// A file, as in `file.created`, `file.updated`, `file-version.created` and
    /// `upload.pre-transform.success`. Nested metadata objects are kept as JSON.
    FileDetails {
        /// AI tags.
        "AITags" ai_tags: Vec<AiTag>,
        /// Audio codec.
        "audioCodec" audio_codec: String,
        /// Bit rate.
        "bitRate" bit_rate: Number,
        /// Creation time (ISO 8601).
        "createdAt" created_at: String,
        /// Custom coordinates.
        "customCoordinates" custom_coordinates: String,
        /// Custom metadata (JSON object).
        "customMetadata" custom_metadata: Value,
        /// Description.
        "description" description: String,
        /// Duration in seconds.
        "duration" duration: Number,
        /// Embedded metadata (JSON object).
        "embeddedMetadata" embedded_metadata: Value,
        /// Extension statuses (JSON object).
        "extensionStatus" extension_status: Value,
        /// File id.
        "fileId" file_id: String,
        /// File path.
        "filePath" file_path: String,
        /// `image`, `non-image`, ...
        "fileType" file_type: String,
        /// Whether the image has an alpha channel.
        "hasAlpha" has_alpha: bool,
        /// Height in pixels.
        "height" height: Number,
        /// Whether the file is private.
        "isPrivateFile" is_private_file: bool,
        /// Whether the file is published.
        "isPublished" is_published: bool,
        /// Legacy metadata (JSON object).
        "metadata" metadata: Value,
        /// MIME type.
        "mime" mime: String,
        /// File name.
        "name" name: String,
        /// Custom-metadata schema (JSON object).
        "selectedFieldsSchema" selected_fields_schema: Value,
        /// Size in bytes.
        "size" size: Number,
        /// Tags.
        "tags" tags: Vec<String>,
        /// Thumbnail URL (`file.*`).
        "thumbnail" thumbnail: String,
        /// Thumbnail URL (`upload.pre-transform.success`).
        "thumbnailUrl" thumbnail_url: String,
        /// `file` or `file-version`.
        "type" kind: String,
        /// Update time (ISO 8601).
        "updatedAt" updated_at: String,
        /// URL.
        "url" url: String,
        /// Version.
        "versionInfo" version_info: VersionInfo,
        /// Video codec.
        "videoCodec" video_codec: String,
        /// Width in pixels.
        "width" width: Number,
    }
);

lenient_struct!(
    /// A transformation that failed, as in upload error events.
    FailedTransformation {
        /// The failure.
        "error" error: TransformationError,
    }
);

lenient_struct!(
    /// `data` of `upload.pre-transform.error`.
    PreTransformErrorData {
        /// File name.
        "name" name: String,
        /// File path.
        "path" path: String,
        /// The failure.
        "transformation" transformation: FailedTransformation,
    }
);

lenient_struct!(
    /// `data` of `upload.post-transform.success`.
    PostTransformSuccessData {
        /// File id.
        "fileId" file_id: String,
        /// File name.
        "name" name: String,
        /// URL of the transformed file.
        "url" url: String,
    }
);

lenient_struct!(
    /// `data` of `upload.post-transform.error`.
    PostTransformErrorData {
        /// File id.
        "fileId" file_id: String,
        /// File name.
        "name" name: String,
        /// File path.
        "path" path: String,
        /// URL.
        "url" url: String,
        /// The failure.
        "transformation" transformation: FailedTransformation,
    }
);

lenient_struct!(
    /// An `upload.pre-transform.success` event's payload.
    UploadPreTransformSuccessEvent {
        /// The originating request.
        "request" request: PreTransformRequest,
        /// The uploaded file.
        "data" data: FileDetails,
    }
);

lenient_struct!(
    /// An `upload.pre-transform.error` event's payload.
    UploadPreTransformErrorEvent {
        /// The originating request.
        "request" request: PreTransformRequest,
        /// What failed.
        "data" data: PreTransformErrorData,
    }
);

lenient_struct!(
    /// An `upload.post-transform.success` event's payload.
    UploadPostTransformSuccessEvent {
        /// The originating request.
        "request" request: PostTransformRequest,
        /// The transformed file.
        "data" data: PostTransformSuccessData,
    }
);

lenient_struct!(
    /// An `upload.post-transform.error` event's payload.
    UploadPostTransformErrorEvent {
        /// The originating request.
        "request" request: PostTransformRequest,
        /// What failed.
        "data" data: PostTransformErrorData,
    }
);

lenient_struct!(
    /// A file event's payload (`file.created`, `file.updated`, `file-version.created`).
    FileEvent {
        /// The file.
        "data" data: FileDetails,
    }
);

lenient_struct!(
    /// `data` of `file.deleted`.
    FileDeletedData {
        /// File id.
        "fileId" file_id: String,
    }
);

lenient_struct!(
    /// A `file.deleted` event's payload.
    FileDeletedEvent {
        /// The deleted file.
        "data" data: FileDeletedData,
    }
);

lenient_struct!(
    /// `data` of `file-version.deleted`.
    FileVersionDeletedData {
        /// File id.
        "fileId" file_id: String,
        /// Version id.
        "versionId" version_id: String,
    }
);

lenient_struct!(
    /// A `file-version.deleted` event's payload.
    FileVersionDeletedEvent {
        /// The deleted version.
        "data" data: FileVersionDeletedData,
    }
);

lenient_struct!(
    /// Who created a folder.
    CreatedBy {
        /// Email.
        "email" email: String,
        /// Name.
        "name" name: String,
    }
);

lenient_struct!(
    /// A folder (`folder.created`, `folder.updated`).
    Folder {
        /// Creation time (ISO 8601).
        "createdAt" created_at: String,
        /// Creator.
        "createdBy" created_by: CreatedBy,
        /// Custom metadata (JSON object).
        "customMetadata" custom_metadata: Value,
        /// Folder id.
        "folderId" folder_id: String,
        /// Folder path.
        "folderPath" folder_path: String,
        /// Folder name.
        "name" name: String,
        /// `folder`.
        "type" kind: String,
        /// Update time (ISO 8601).
        "updatedAt" updated_at: String,
    }
);

lenient_struct!(
    /// A folder event's payload (`folder.created`, `folder.updated`).
    FolderEvent {
        /// The folder.
        "data" data: Folder,
    }
);

lenient_struct!(
    /// `data` of `folder.deleted`.
    FolderDeletedData {
        /// Folder id.
        "folderId" folder_id: String,
    }
);

lenient_struct!(
    /// A `folder.deleted` event's payload.
    FolderDeletedEvent {
        /// The deleted folder.
        "data" data: FolderDeletedData,
    }
);

macro_rules! event_types {
    ($($variant:ident = $name:literal,)*) => {
        /// The 15 known ImageKit event types.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum EventType {
            $(#[doc = concat!("`", $name, "`")] $variant,)*
        }

        impl EventType {
            /// Every known type.
            pub const ALL: [EventType; 15] = [$(EventType::$variant,)*];

            /// The `type` string, e.g. `video.transformation.ready`.
            pub const fn as_str(self) -> &'static str {
                match self { $(EventType::$variant => $name,)* }
            }

            /// The known type for a `type` string (exact, case-sensitive).
            pub fn from_name(s: &str) -> Option<EventType> {
                match s { $($name => Some(EventType::$variant),)* _ => None }
            }
        }
    };
}

event_types! {
    VideoTransformationAccepted = "video.transformation.accepted",
    VideoTransformationReady = "video.transformation.ready",
    VideoTransformationError = "video.transformation.error",
    UploadPreTransformSuccess = "upload.pre-transform.success",
    UploadPreTransformError = "upload.pre-transform.error",
    UploadPostTransformSuccess = "upload.post-transform.success",
    UploadPostTransformError = "upload.post-transform.error",
    FileCreated = "file.created",
    FileUpdated = "file.updated",
    FileDeleted = "file.deleted",
    FileVersionCreated = "file-version.created",
    FileVersionDeleted = "file-version.deleted",
    FolderCreated = "folder.created",
    FolderUpdated = "folder.updated",
    FolderDeleted = "folder.deleted",
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The typed part of an event, one variant per known type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum EventData {
    /// `video.transformation.accepted`
    VideoTransformationAccepted(VideoTransformationEvent),
    /// `video.transformation.ready`
    VideoTransformationReady(VideoTransformationEvent),
    /// `video.transformation.error`
    VideoTransformationError(VideoTransformationEvent),
    /// `upload.pre-transform.success`
    UploadPreTransformSuccess(UploadPreTransformSuccessEvent),
    /// `upload.pre-transform.error`
    UploadPreTransformError(UploadPreTransformErrorEvent),
    /// `upload.post-transform.success`
    UploadPostTransformSuccess(UploadPostTransformSuccessEvent),
    /// `upload.post-transform.error`
    UploadPostTransformError(UploadPostTransformErrorEvent),
    /// `file.created`
    FileCreated(FileEvent),
    /// `file.updated`
    FileUpdated(FileEvent),
    /// `file.deleted`
    FileDeleted(FileDeletedEvent),
    /// `file-version.created`
    FileVersionCreated(FileEvent),
    /// `file-version.deleted`
    FileVersionDeleted(FileVersionDeletedEvent),
    /// `folder.created`
    FolderCreated(FolderEvent),
    /// `folder.updated`
    FolderUpdated(FolderEvent),
    /// `folder.deleted`
    FolderDeleted(FolderDeletedEvent),
    /// A type this version does not know: read [`Event::raw`].
    Unknown,
}

/// A parsed ImageKit event: the envelope, the typed payload and the whole JSON.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Event {
    /// `id` (the event id; `None` if absent or not a string).
    pub id: Option<String>,
    /// `type`, exactly as sent.
    pub event_type: String,
    /// `created_at` as sent (ISO 8601).
    pub created_at: Option<String>,
    /// `created_at` as unix milliseconds, when it parses as RFC 3339.
    pub created_at_ms: Option<i64>,
    /// The typed payload.
    pub data: EventData,
    /// The whole JSON object as sent (extra fields included).
    pub raw: Map<String, Value>,
}

impl Event {
    /// Parse a body (no verification: see `Verifier::unwrap` for the safe path).
    ///
    /// Fails with `invalid_payload` unless the body is UTF-8 JSON whose top level is an object
    /// with a string `type`.
    pub fn parse(body: &[u8]) -> Result<Event> {
        Self::from_value(json_value(body)?)
    }

    /// Check that `body` is an event, with exactly the rules of [`Event::parse`], without building
    /// anything: the JSON is validated in one pass and only the `type` member is looked at.
    pub fn check(body: &[u8]) -> Result<()> {
        match json_check::scan(body) {
            Verdict::Event => Ok(()),
            Verdict::NotObject => Err(not_object()),
            Verdict::NoType => Err(no_type()),
            Verdict::TypeNotString => Err(type_not_string()),
            // Only a refused body pays for serde_json, which words the error as it always has.
            Verdict::Invalid => Err(json_check::syntax_error(body).map_or_else(
                || Error::new(ErrorKind::InvalidPayload, "the body is not valid JSON"),
                |e| not_json(&e),
            )),
        }
    }

    /// Build an event from an already parsed JSON value (same rules as [`Event::parse`]).
    pub fn from_value(value: Value) -> Result<Event> {
        let event_type = envelope_type(&value)?.to_owned();
        let Value::Object(obj) = &value else {
            return Err(not_object());
        };
        let str_field = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_owned);
        let id = str_field("id");
        let created_at = str_field("created_at");
        let created_at_ms = created_at.as_deref().and_then(parse_rfc3339_ms);
        let data =
            EventType::from_name(&event_type).map_or(EventData::Unknown, |t| typed(&value, t));
        let Value::Object(raw) = value else {
            return Err(not_object());
        };
        Ok(Event {
            id,
            event_type,
            created_at,
            created_at_ms,
            data,
            raw,
        })
    }

    /// The known type, or `None` for an unknown one.
    pub fn known_type(&self) -> Option<EventType> {
        EventType::from_name(&self.event_type)
    }

    /// True unless the type is unknown to this version.
    pub fn is_known(&self) -> bool {
        !matches!(self.data, EventData::Unknown)
    }

    /// The typed payload serialized back to JSON (JSON names, only the fields this version
    /// models, with the values it understood); `None` for an unknown type.
    pub fn typed_value(&self) -> Option<Value> {
        use EventData as D;
        let v = match &self.data {
            D::VideoTransformationAccepted(p)
            | D::VideoTransformationReady(p)
            | D::VideoTransformationError(p) => serde_json::to_value(p),
            D::UploadPreTransformSuccess(p) => serde_json::to_value(p),
            D::UploadPreTransformError(p) => serde_json::to_value(p),
            D::UploadPostTransformSuccess(p) => serde_json::to_value(p),
            D::UploadPostTransformError(p) => serde_json::to_value(p),
            D::FileCreated(p) | D::FileUpdated(p) | D::FileVersionCreated(p) => {
                serde_json::to_value(p)
            }
            D::FileDeleted(p) => serde_json::to_value(p),
            D::FileVersionDeleted(p) => serde_json::to_value(p),
            D::FolderCreated(p) | D::FolderUpdated(p) => serde_json::to_value(p),
            D::FolderDeleted(p) => serde_json::to_value(p),
            D::Unknown => return None,
        };
        v.ok()
    }

    /// The JSON as a value (a copy of [`Event::raw`]).
    pub fn to_value(&self) -> Value {
        Value::Object(self.raw.clone())
    }
}

fn json_value(body: &[u8]) -> Result<Value> {
    serde_json::from_slice(body).map_err(|e| not_json(&e))
}

fn not_json(e: &serde_json::Error) -> Error {
    Error::new(
        ErrorKind::InvalidPayload,
        format!("the body is not valid JSON: {e}"),
    )
}

fn no_type() -> Error {
    Error::new(ErrorKind::InvalidPayload, "the event has no `type`")
}

fn type_not_string() -> Error {
    Error::new(
        ErrorKind::InvalidPayload,
        "the event's `type` is not a string",
    )
}

fn not_object() -> Error {
    Error::new(
        ErrorKind::InvalidPayload,
        "the body is JSON but not an object",
    )
}

/// The envelope rule shared by `parse` and `check`: a JSON object with a string `type`.
fn envelope_type(value: &Value) -> Result<&str> {
    let Value::Object(obj) = value else {
        return Err(not_object());
    };
    match obj.get("type") {
        Some(Value::String(t)) => Ok(t),
        Some(_) => Err(type_not_string()),
        None => Err(no_type()),
    }
}

/// Payload structs read their fields by name from the whole object; unknown keys are ignored.
fn typed(whole: &Value, t: EventType) -> EventData {
    fn get<T: FromJson + Default>(whole: &Value) -> T {
        T::from_json(whole).unwrap_or_default()
    }
    use EventData as D;
    use EventType as T;
    match t {
        T::VideoTransformationAccepted => D::VideoTransformationAccepted(get(whole)),
        T::VideoTransformationReady => D::VideoTransformationReady(get(whole)),
        T::VideoTransformationError => D::VideoTransformationError(get(whole)),
        T::UploadPreTransformSuccess => D::UploadPreTransformSuccess(get(whole)),
        T::UploadPreTransformError => D::UploadPreTransformError(get(whole)),
        T::UploadPostTransformSuccess => D::UploadPostTransformSuccess(get(whole)),
        T::UploadPostTransformError => D::UploadPostTransformError(get(whole)),
        T::FileCreated => D::FileCreated(get(whole)),
        T::FileUpdated => D::FileUpdated(get(whole)),
        T::FileDeleted => D::FileDeleted(get(whole)),
        T::FileVersionCreated => D::FileVersionCreated(get(whole)),
        T::FileVersionDeleted => D::FileVersionDeleted(get(whole)),
        T::FolderCreated => D::FolderCreated(get(whole)),
        T::FolderUpdated => D::FolderUpdated(get(whole)),
        T::FolderDeleted => D::FolderDeleted(get(whole)),
    }
}

/// Parse an RFC 3339 date-time (`2022-06-20T11:59:58.461Z`, offsets, optional fraction) into
/// unix milliseconds (fraction below a millisecond truncated). `None` if it does not parse.
#[allow(clippy::many_single_char_names)]
pub fn parse_rfc3339_ms(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            Some(part.iter().fold(0i64, |a, d| a * 10 + i64::from(d - b'0')))
        } else {
            None
        }
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut i = 19;
    let mut millis = 0i64;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        for k in 0..3 {
            let d = if start + k < i {
                i64::from(b[start + k] - b'0')
            } else {
                0
            };
            millis = millis * 10 + d;
        }
    }
    let offset_min = match b.get(i..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let h = i64::from(h1 - b'0') * 10 + i64::from(h2 - b'0');
            let m = i64::from(m1 - b'0') * 10 + i64::from(m2 - b'0');
            if h > 23 || m > 59 {
                return None;
            }
            if *sign == b'+' {
                h * 60 + m
            } else {
                -(h * 60 + m)
            }
        }
        _ => return None,
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month[(month - 1) as usize]
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_min * 60;
    Some(secs * 1000 + millis)
}

#[cfg(test)]
/// `Event::check` as it was before the hand-rolled scan: serde_json decides, through
/// visitors that validate everything as `Value` would. The reference the scan must equal.
mod reference {
    use std::fmt;

    use serde::de::{Deserialize, Deserializer};

    use super::{no_type, not_json, not_object, type_not_string};
    use crate::error::Result;
    use crate::json_check::Skip;

    pub(super) fn check(body: &[u8]) -> Result<()> {
        let probe: Probe = serde_json::from_slice(body).map_err(|e| not_json(&e))?;
        match probe {
            Probe::NotObject => Err(not_object()),
            Probe::Object(Some(TypeMember::String)) => Ok(()),
            Probe::Object(Some(TypeMember::Other)) => Err(type_not_string()),
            Probe::Object(None) => Err(no_type()),
        }
    }

    enum Probe {
        NotObject,
        Object(Option<TypeMember>),
    }

    enum TypeMember {
        String,
        Other,
    }

    impl<'de> Deserialize<'de> for Probe {
        fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Probe;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a JSON value")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> std::result::Result<Probe, A::Error> {
                    let mut ty = None;
                    while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                        if key == "type" {
                            // Like serde_json's Value, a repeated key keeps its last value.
                            ty = Some(map.next_value::<TypeMember>()?);
                        } else {
                            map.next_value::<Skip>()?;
                        }
                    }
                    Ok(Probe::Object(ty))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut seq: A,
                ) -> std::result::Result<Probe, A::Error> {
                    while seq.next_element::<Skip>()?.is_some() {}
                    Ok(Probe::NotObject)
                }
                fn visit_bool<E>(self, _: bool) -> std::result::Result<Probe, E> {
                    Ok(Probe::NotObject)
                }
                fn visit_i64<E>(self, _: i64) -> std::result::Result<Probe, E> {
                    Ok(Probe::NotObject)
                }
                fn visit_u64<E>(self, _: u64) -> std::result::Result<Probe, E> {
                    Ok(Probe::NotObject)
                }
                fn visit_f64<E>(self, _: f64) -> std::result::Result<Probe, E> {
                    Ok(Probe::NotObject)
                }
                fn visit_str<E>(self, _: &str) -> std::result::Result<Probe, E> {
                    Ok(Probe::NotObject)
                }
                fn visit_unit<E>(self) -> std::result::Result<Probe, E> {
                    Ok(Probe::NotObject)
                }
            }
            d.deserialize_any(V)
        }
    }

    impl<'de> Deserialize<'de> for TypeMember {
        fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = TypeMember;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a JSON value")
                }
                fn visit_str<E>(self, _: &str) -> std::result::Result<TypeMember, E> {
                    Ok(TypeMember::String)
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> std::result::Result<TypeMember, A::Error> {
                    while map.next_entry::<Skip, Skip>()?.is_some() {}
                    Ok(TypeMember::Other)
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut seq: A,
                ) -> std::result::Result<TypeMember, A::Error> {
                    while seq.next_element::<Skip>()?.is_some() {}
                    Ok(TypeMember::Other)
                }
                fn visit_bool<E>(self, _: bool) -> std::result::Result<TypeMember, E> {
                    Ok(TypeMember::Other)
                }
                fn visit_i64<E>(self, _: i64) -> std::result::Result<TypeMember, E> {
                    Ok(TypeMember::Other)
                }
                fn visit_u64<E>(self, _: u64) -> std::result::Result<TypeMember, E> {
                    Ok(TypeMember::Other)
                }
                fn visit_f64<E>(self, _: f64) -> std::result::Result<TypeMember, E> {
                    Ok(TypeMember::Other)
                }
                fn visit_unit<E>(self) -> std::result::Result<TypeMember, E> {
                    Ok(TypeMember::Other)
                }
            }
            d.deserialize_any(V)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339_ms("2019-12-27T18:11:19.117Z"),
            Some(1_577_470_279_117)
        );
        assert_eq!(
            parse_rfc3339_ms("2019-12-27T23:41:19.117999+05:30"),
            Some(1_577_470_279_117)
        );
        assert_eq!(parse_rfc3339_ms("2019-12-27T18:11:19"), None);
        assert_eq!(parse_rfc3339_ms("yesterday"), None);
        assert_eq!(parse_rfc3339_ms("2019-02-29T00:00:00Z"), None);
        assert_eq!(
            parse_rfc3339_ms("2020-02-29T00:00:00Z"),
            Some(1_582_934_400_000)
        );
        assert_eq!(parse_rfc3339_ms("2019-12-27T18:11:19.Z"), None);
    }

    #[test]
    fn lenient_fields() {
        let e = Event::parse(br#"{"type":"file.deleted","id":5,"data":{"fileId":123}}"#)
            .expect("event");
        assert_eq!(e.id, None);
        assert!(matches!(
            e.data,
            EventData::FileDeleted(FileDeletedEvent {
                data: Some(FileDeletedData { file_id: None, .. }),
                ..
            })
        ));
        let e = Event::parse(br#"{"type":"file.deleted","data":[]}"#).expect("event");
        assert!(matches!(
            e.data,
            EventData::FileDeleted(FileDeletedEvent { data: None, .. })
        ));
    }

    /// The borrowed conversion must give exactly what the serde `Deserialize` impls give.
    fn same_as_serde<T: FromJson + DeserializeOwned + PartialEq + fmt::Debug>(v: &Value) {
        assert_eq!(T::from_json(v), T::deserialize(v).ok(), "{v}");
    }

    #[test]
    fn borrowed_conversion_agrees_with_serde() {
        let mut bodies: Vec<Value> = EventType::ALL
            .iter()
            .map(|t| serde_json::from_str(crate::sample_body(*t)).unwrap_or_default())
            .collect();
        // Wrong shapes everywhere: every string a number, every number a string, nulls, arrays.
        let mutate = |v: &Value, f: &dyn Fn(&Value) -> Option<Value>| {
            fn walk(v: &Value, f: &dyn Fn(&Value) -> Option<Value>) -> Value {
                if let Some(r) = f(v) {
                    return r;
                }
                match v {
                    Value::Object(m) => {
                        Value::Object(m.iter().map(|(k, x)| (k.clone(), walk(x, f))).collect())
                    }
                    Value::Array(a) => Value::Array(a.iter().map(|x| walk(x, f)).collect()),
                    other => other.clone(),
                }
            }
            walk(v, f)
        };
        let originals = bodies.clone();
        for b in &originals {
            bodies.push(mutate(b, &|v| v.is_string().then(|| Value::from(7))));
            bodies.push(mutate(b, &|v| v.is_number().then(|| Value::from("7"))));
            bodies.push(mutate(b, &|v| {
                (v.is_boolean() || v.is_number()).then_some(Value::Null)
            }));
            bodies.push(mutate(b, &|v| {
                v.is_array()
                    .then(|| Value::from(vec![Value::from(1), Value::from("a")]))
            }));
            bodies.push(mutate(b, &|v| {
                v.is_object()
                    .then(|| Value::from(vec![Value::Null]))
                    .filter(|_| !b.eq(v))
            }));
        }
        for v in &bodies {
            same_as_serde::<VideoTransformationEvent>(v);
            same_as_serde::<UploadPreTransformSuccessEvent>(v);
            same_as_serde::<UploadPreTransformErrorEvent>(v);
            same_as_serde::<UploadPostTransformSuccessEvent>(v);
            same_as_serde::<UploadPostTransformErrorEvent>(v);
            same_as_serde::<FileEvent>(v);
            same_as_serde::<FileDeletedEvent>(v);
            same_as_serde::<FileVersionDeletedEvent>(v);
            same_as_serde::<FolderEvent>(v);
            same_as_serde::<FolderDeletedEvent>(v);
        }
    }

    #[test]
    fn check_agrees_with_parse() {
        let bodies: [&[u8]; 16] = [
            br#"{"type":"file.deleted"}"#,
            br#"{"type":1}"#,
            br#"{"type":"a","type":2}"#,
            br#"{"type":2,"type":"a"}"#,
            br#"{"typ\u0065":"x"}"#,
            br#"{"a":{"type":1},"b":[1,2,{"c":null}]}"#,
            br#"[{"type":"x"}]"#,
            br#"{"type":"x"} "#,
            br#"{"type":"x"}x"#,
            br#"{"type":"x","n":1e400}"#,
            br#"{"type":"x","s":"\ud800"}"#,
            b"{\"type\":\"\xff\"}",
            br#"{"type":null}"#,
            br#""type""#,
            b"",
            br#"{"type":"x","deep":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
        ];
        for body in bodies {
            assert_eq!(
                Event::check(body).is_ok(),
                Event::parse(body).is_ok(),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn not_events() {
        for body in [
            &b""[..],
            b"[]",
            b"\"x\"",
            b"{}",
            b"{\"type\":1}",
            b"{\"type\":\"a\"} x",
            b"\xff",
        ] {
            assert_eq!(
                Event::parse(body).map_err(|e| e.kind()).err(),
                Some(ErrorKind::InvalidPayload),
                "{body:?}"
            );
        }
    }
}

/// The hand-rolled scan behind `Event::check` against the serde_json reference it replaced.
#[cfg(test)]
mod check_tests {
    use super::reference;
    use super::*;
    use proptest::prelude::*;

    fn outcome(r: Result<()>) -> std::result::Result<(), (ErrorKind, String)> {
        r.map_err(|e| (e.kind(), e.message().to_owned()))
    }

    /// Same acceptance, same kind, same message as the reference; same acceptance as `parse`.
    #[track_caller]
    fn same(body: &[u8]) -> bool {
        let new = outcome(Event::check(body));
        assert_eq!(
            new,
            outcome(reference::check(body)),
            "{}",
            String::from_utf8_lossy(body)
        );
        assert_eq!(
            new.is_ok(),
            Event::parse(body).is_ok(),
            "{}",
            String::from_utf8_lossy(body)
        );
        new.is_ok()
    }

    /// `{"type":"x","v":<value>}`
    fn member(value: &[u8]) -> Vec<u8> {
        [&br#"{"type":"x","v":"#[..], value, b"}"].concat()
    }

    /// Asserts every body agrees, and that the list has both accepted and refused bodies (so it
    /// tests the boundary, not only one side of it).
    #[track_caller]
    fn all_same(bodies: &[Vec<u8>]) {
        let accepted = bodies.iter().filter(|b| same(b)).count();
        assert!(
            accepted > 0 && accepted < bodies.len(),
            "{accepted}/{}",
            bodies.len()
        );
    }

    #[test]
    fn whitespace() {
        let mut bodies = vec![b"".to_vec(), b" ".to_vec(), b" \t\r\n".to_vec()];
        for ws in [
            " ", "\t", "\n", "\r", "\x0c", "\x0b", "\u{a0}", "\u{feff}", "\0", " \r\n\t ",
        ] {
            let event = r#"{"type":"x","a":[1,{"b":null}]}"#;
            bodies.push(format!("{ws}{event}").into_bytes());
            bodies.push(format!("{event}{ws}").into_bytes());
            bodies.push(format!(
                "{ws}{{{ws}\"type\"{ws}:{ws}\"x\"{ws},{ws}\"a\"{ws}:{ws}[{ws}1{ws},{ws}{{{ws}}}{ws},{ws}[{ws}]{ws}]{ws}}}{ws}"
            ).into_bytes());
        }
        all_same(&bodies);
    }

    #[test]
    fn structure() {
        let bodies: Vec<Vec<u8>> = [
            &br#"{"type":"x"}"#[..],
            br#"{"type":"x"}x"#,
            br#"{"type":"x"}{}"#,
            br#"{"type":"x"},"#,
            br#"{"type":"x"}}"#,
            br#"{"type":"x""#,
            br#"{"type":"x","#,
            br#"{"type":"x",}"#,
            br#"{"type":"x",,"a":1}"#,
            br#"{"type":"x" "a":1}"#,
            br#"{"type" "x"}"#,
            br#"{"type"::"x"}"#,
            br#"{"type":}"#,
            br#"{"type"}"#,
            br#"{,"type":"x"}"#,
            br#"{type:"x"}"#,
            b"{'type':'x'}",
            br#"{1:"x"}"#,
            br#"{"type":"x","a":[1,]}"#,
            br#"{"type":"x","a":[,1]}"#,
            br#"{"type":"x","a":[1 2]}"#,
            br#"{"type":"x","a":[1,,2]}"#,
            br#"{"type":"x","a":[}"#,
            br#"{"type":"x","a":{]}"#,
            br#"{"type":"x","a":[1}"#,
            br#"{"type":"x","a":{"b":1]}"#,
            br#"{"type":"x","a":[[],{},[[]],{"":{}}]}"#,
            br#"{"type":"x","a":{"b":{"c":[true,false,null]}}}"#,
            br#"{"type":"x","a":tru}"#,
            br#"{"type":"x","a":truee}"#,
            br#"{"type":"x","a":True}"#,
            br#"{"type":"x","a":nul}"#,
            br#"{"type":"x","a":nulll}"#,
            br#"{"type":"x","a":fals}"#,
            br#"{"type":"x","a":undefined}"#,
            br#"{"type":"x","a":NaN}"#,
            br#"{"type":"x","a":Infinity}"#,
            b"{\"type\":\"x\",\"a\":t",
            b"{\"type\":\"x\",\"a\":",
            b"{\"type\":\"x\",\"a",
            b"{",
            b"}",
            b"[",
            b"[]",
            b"{}",
            b"[{\"type\":\"x\"}]",
            b"\"type\"",
            b"\"type",
            b"null",
            b"true",
            b"false",
            b"0",
            b"-",
            b"1e400",
            b"1 2",
            b"[1,2,3]",
            b"[1,2,3",
            b"[1,2,3]]",
            b"{\"a\":1}",
            b"{\"a\":1}x",
            b"{\"type\":1}x",
            b"{\"type\":1}",
            // Closing more than was opened.
            b"[]]",
            b"{}}",
            b"[[]]]]]]]]",
            b"{\"type\":\"x\"}]",
        ]
        .iter()
        .map(|b| b.to_vec())
        .collect();
        all_same(&bodies);
    }

    #[test]
    fn type_members() {
        let bodies: Vec<Vec<u8>> = [
            &br#"{"type":"a"}"#[..],
            br#"{"type":""}"#,
            br#"{"type":1}"#,
            br#"{"type":null}"#,
            br#"{"type":true}"#,
            br#"{"type":[]}"#,
            br#"{"type":["a"]}"#,
            br#"{"type":{}}"#,
            br#"{"type":{"type":"a"}}"#,
            br#"{"type":-1.5e3}"#,
            br#"{"type":"a","type":2}"#,
            br#"{"type":2,"type":"a"}"#,
            br#"{"type":"a","type":"b"}"#,
            br#"{"type":2,"type":"a","type":null}"#,
            br#"{"typ\u0065":"x"}"#,
            br#"{"ty\u0070e":"x"}"#,
            br#"{"\u0074\u0079\u0070\u0065":"x"}"#,
            br#"{"\u0074\u0079\u0070\u0065":1}"#,
            br#"{"\u0054ype":"x"}"#,
            br#"{"type\u0000":"x"}"#,
            br#"{"t\/pe":"x"}"#,
            br#"{"typ\u0065s":"x"}"#,
            br#"{"\u0074ype":"x","type":1}"#,
            br#"{"type":"x","\u0074ype":1}"#,
            br#"{"ty\npe":"x"}"#,
            br#"{"\ud83d\ude00":"x"}"#,
            br#"{"typ\u00e9":"x"}"#,
            br#"{"\u0074\u0079\u0070\u0065\u0065":"x"}"#,
            br#"{"Type":"x"}"#,
            br#"{"type ":"x"}"#,
            br#"{" type":"x"}"#,
            br#"{"typ":"x"}"#,
            br#"{"types":"x"}"#,
            br#"{"":"x"}"#,
            br#"{"a":{"type":"x"}}"#,
            br#"{"a":[{"type":"x"}]}"#,
            br#"{"a":{"type":"x"},"type":1}"#,
            br#"{"a":{"type":1},"type":"x"}"#,
            br#"{"a":{"b":{"type":"x"}},"c":[{"type":"y"}]}"#,
            br#"{"type":"\ud800"}"#,
            br#"{"type":"x","type":"\ud800"}"#,
            br#"{"type":"x","n":1e400}"#,
            br#"{"n":1e400}"#,
            br#"{"n":1e400,"type":1}"#,
            // After a string value (the scan's fast path for `,"key":"value"`).
            br#"{"id":"x","type":"a"}"#,
            br#"{"id":"x","type":1}"#,
            br#"{"type":1,"a":"b","type":"c"}"#,
            br#"{"type":"c","a":"b","type":1}"#,
            br#"{"type":"c","a":"b","type":null,"d":"e"}"#,
            br#"{"a":"b","ty\u0070e":"c"}"#,
            br#"{"a":"b","type" :"c"}"#,
            br#"{"a":"b","type": "c"}"#,
            br#"{"a":"b", "type":"c"}"#,
            br#"{"a":"b","c":{"type":"x"}}"#,
        ]
        .iter()
        .map(|b| b.to_vec())
        .collect();
        all_same(&bodies);
    }

    #[test]
    #[allow(clippy::too_many_lines)] // a table of cases
    fn numbers() {
        let nines = |n: usize| "9".repeat(n);
        let mut tokens: Vec<String> = [
            "0",
            "-0",
            "00",
            "01",
            "-01",
            "-00",
            "1",
            "-1",
            "10",
            "0.0",
            "-0.0",
            "1.",
            "-1.",
            ".1",
            "-.1",
            "1.0",
            "1.05",
            "0.5",
            "01.5",
            "1e5",
            "1E5",
            "1e+5",
            "1e-5",
            "1E-05",
            "1e",
            "1e+",
            "1e-",
            "1E+-5",
            "1ee5",
            "1.e5",
            "1.5e",
            "1.5e5",
            "0e0",
            "-0e-0",
            "-",
            "--1",
            "+1",
            "- 1",
            "1e400",
            "-1e400",
            "1E400",
            "1e308",
            "1e309",
            "-1e309",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1.8e308",
            "2e308",
            "0e400",
            "0.0e400",
            "0e99999999999999999999",
            "1e99999999999999999999",
            "1e-400",
            "1e-99999999999999999999",
            "-1e-99999999999999999999",
            "0.000001e314",
            "10e307",
            "100e306",
            "1e2147483647",
            "1e2147483648",
            "1e-2147483648",
            "1e-2147483649",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "184467440737095516150.5",
            "1844674407370955161.6",
            "4.9e-324",
            "2.4e-324",
            "1x",
            "1.5.3",
            "1e5e5",
            "1e5.5",
            "0x10",
            "1_000",
            "0.1e1.5",
            "1.5E+3",
            "9.",
            "9.9.",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for n in [1, 19, 20, 21, 298, 299, 300, 301, 307, 308, 309, 310, 400] {
            tokens.push(nines(n));
            tokens.push(format!("-{}", nines(n)));
            tokens.push(format!("1{}", "0".repeat(n)));
            tokens.push(format!("{}.5", nines(n)));
            tokens.push(format!("0.{}", nines(n)));
            tokens.push(format!("0.{}1", "0".repeat(n)));
            tokens.push(format!("{}e1", nines(n)));
            tokens.push(format!("{}e-1", nines(n)));
            tokens.push(format!("0.{}e308", nines(n)));
            tokens.push(format!("1.{}e308", nines(n)));
        }
        let mut bodies = Vec::new();
        for t in &tokens {
            bodies.push(member(t.as_bytes()));
            bodies.push(member(format!("[{t}]").as_bytes()));
            bodies.push(member(format!("[{t},{t}]").as_bytes()));
            bodies.push(member(format!("{{\"k\":{t}}}").as_bytes()));
            bodies.push(member(format!("{t} ").as_bytes()));
            bodies.push(t.clone().into_bytes());
            bodies.push(format!(" {t} ").into_bytes());
            bodies.push(format!("{{\"type\":{t}}}").into_bytes());
        }
        all_same(&bodies);
    }

    #[test]
    #[allow(clippy::too_many_lines)] // a table of cases
    fn strings() {
        let mut contents: Vec<Vec<u8>> = Vec::new();
        for c in 0u8..=0x7f {
            contents.push(vec![c]);
            contents.push(vec![b'\\', c]);
            contents.push([b"abcdefghij", &[c][..], b"klmnopqrstuvwxyz"].concat());
        }
        for esc in [
            "\\u0041",
            "\\u00e9",
            "\\u00E9",
            "\\uFFFF",
            "\\uffff",
            "\\u0000",
            "\\u001f",
            "\\u12",
            "\\u123",
            "\\u123g",
            "\\u00G0",
            "\\U0041",
            "\\u",
            "\\u-123",
            "\\u+123",
            "\\ud800",
            "\\udbff",
            "\\udc00",
            "\\udfff",
            "\\uDFFF",
            "\\ud7ff",
            "\\ue000",
            "\\ud800\\udc00",
            "\\udbff\\udfff",
            "\\uD83D\\uDE00",
            "\\ud800\\ud800",
            "\\ud800\\u0041",
            "\\ud800\\n",
            "\\ud800x",
            "\\ud800\\",
            "\\ud800\\u",
            "\\ud800\\udc0",
            "\\ud800\\udc0g",
            "\\udc00\\ud800",
            "\\ud800\\ud800\\udc00",
            "\\ud800\\\\udc00",
            "\\ud800 \\udc00",
            "\\ud83d\\ude00\\ud83d\\ude00",
            "a\\ud83d\\ude00b",
        ] {
            contents.push(esc.as_bytes().to_vec());
            contents.push(format!("abc{esc}defghijklmnop").into_bytes());
        }
        for raw in [
            &b"\xc3\xa9"[..],
            b"\xe2\x82\xac",
            b"\xf0\x9f\x98\x80",
            b"\xf4\x8f\xbf\xbf",
            b"\xf4\x90\x80\x80",
            b"\xc0\x80",
            b"\xc1\xbf",
            b"\xe0\x80\x80",
            b"\xe0\x9f\xbf",
            b"\xed\x9f\xbf",
            b"\xed\xa0\x80",
            b"\xed\xbf\xbf",
            b"\xee\x80\x80",
            b"\xf0\x8f\xbf\xbf",
            b"\xf5\x80\x80\x80",
            b"\xf8\x88\x80\x80\x80",
            b"\x80",
            b"\xbf",
            b"\xc3",
            b"\xe2\x82",
            b"\xf0\x9f\x98",
            b"\xc3\xa9\xc3",
            b"\xc3\xc3\xa9",
            b"\xff",
            b"\xfe",
            b"\xc3\\n\xa9",
            b"\xe2\\\"\x82\xac",
            b"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x96\x87\xe5\xad\x97\xe5\x88\x97",
            b"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x96\x87\xe5\xad\x97\xe5\x88",
        ] {
            contents.push(raw.to_vec());
            contents.push([b"abcdefghi", raw, b"jklmnopqrstuvwxyz"].concat());
        }
        let mut bodies = Vec::new();
        for c in &contents {
            let s = [&b"\""[..], c, b"\""].concat();
            bodies.push(member(&s));
            bodies.push([&b"{\"type\":"[..], &s, b"}"].concat());
            bodies.push([&b"{"[..], &s, b":1,\"type\":\"x\"}"].concat());
            bodies.push([&b"{\"type\":\"x\",\"a\":{"[..], &s, b":[]}}"].concat());
            bodies.push(s.clone());
            // Unterminated, and cut short right after the contents.
            bodies.push([&br#"{"type":"x","a":""#[..], c].concat());
        }
        // Every length and every position of a special byte, across 8-byte word boundaries.
        for len in 0..26 {
            for at in 0..=len {
                for special in [&b"\""[..], b"\\n", b"\x1f", b"\xc3\xa9", b"\xc3", b"\x7f"] {
                    let mut c = vec![b'a'; len];
                    c.splice(at..at, special.iter().copied());
                    let s = [&b"\""[..], &c, b"\""].concat();
                    bodies.push(member(&s));
                    bodies.push([&b"{"[..], &s, b":\"x\"}"].concat());
                    bodies.push(s);
                }
            }
        }
        all_same(&bodies);
    }

    /// serde_json lets 127 arrays or objects be open at once; the top-level object is one.
    #[test]
    fn depth() {
        let nested = |n: usize, open: &str, close: &str| {
            format!("{}{}", open.repeat(n), close.repeat(n)).into_bytes()
        };
        let mut bodies = Vec::new();
        for n in 124..=131 {
            for (open, close) in [
                ("[", "]"),
                (r#"{"a":"#, "}"),
                (r#"[{"a":"#, "}]"),
                ("[1,", "]"),
            ] {
                let inner = nested(n, open, close);
                let inner_with_value =
                    format!("{}null{}", open.repeat(n), close.repeat(n)).into_bytes();
                bodies.push(member(&inner));
                bodies.push(member(&inner_with_value));
                bodies.push(inner.clone());
                bodies.push(inner_with_value.clone());
                bodies.push([&b"["[..], &inner, b",{\"type\":\"x\"}]"].concat());
                bodies.push([&inner[..], b" "].concat());
            }
            // Closed and reopened: depth is what is open, not how many were opened.
            let wide = format!("{}{}", "[[]]".repeat(n), "[]".repeat(n));
            bodies.push(member(
                format!("[{}]", wide.replace("][", "],[")).as_bytes(),
            ));
        }
        all_same(&bodies);
        // The boundary itself, spelled out: the top-level object plus 126 arrays is fine, plus
        // 127 is refused.
        let arrays = |n: usize| member(format!("{}{}", "[".repeat(n), "]".repeat(n)).as_bytes());
        assert!(Event::check(&arrays(126)).is_ok());
        assert!(Event::check(&arrays(127)).is_err());
        assert_eq!(json_check::scan(&arrays(127)), Verdict::Invalid);
    }

    #[test]
    fn samples_and_messages() {
        for t in EventType::ALL {
            let body = crate::sample_body(t).as_bytes();
            assert!(same(body), "{t}");
            assert_eq!(json_check::scan(body), Verdict::Event);
            let pretty = serde_json::to_vec_pretty(&json_value(body).expect("json")).expect("json");
            assert!(same(&pretty), "{t}");
            // Cut at every byte: all refused, all with serde_json's message.
            for cut in 0..body.len() {
                assert!(!same(&body[..cut]), "{t} cut at {cut}");
            }
        }
        assert_eq!(
            Event::check(br#"{"type":"x","a":[1,]}"#).map_err(|e| e.to_string()),
            Err("the body is not valid JSON: trailing comma at line 1 column 20".to_owned())
        );
        assert_eq!(
            Event::check(b"[]").map_err(|e| e.to_string()),
            Err("the body is JSON but not an object".to_owned())
        );
    }

    /// Bytes that matter to a JSON scanner, to splice into bodies.
    fn interesting() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            any::<u8>().prop_map(|b| vec![b]),
            prop::sample::select(vec![
                &b"\""[..],
                b"\\",
                b"\\u",
                b"\\ud800",
                b"\\udc00",
                b"\\ud83d\\ude00",
                b"\\u0074",
                b"{",
                b"}",
                b"[",
                b"]",
                b",",
                b":",
                b" ",
                b"\n",
                b"\t",
                b"\x00",
                b"\x1f",
                b"\xc3",
                b"\xa9",
                b"\xc3\xa9",
                b"\xed\xa0\x80",
                b"\xf0\x9f\x98\x80",
                b"e",
                b"E",
                b"e400",
                b"e-400",
                b".",
                b"-",
                b"+",
                b"0",
                b"9",
                b"1e308",
                b"1.8e308",
                b"null",
                b"true",
                b"\"type\":",
                b"\"type\":1,",
                b"\"type\":\"t\",",
                b"[[[[[[[[",
                b"]]]]]]]]",
            ])
            .prop_map(<[u8]>::to_vec),
        ]
    }

    /// A sample body with a few random edits.
    fn mutated_sample() -> impl Strategy<Value = Vec<u8>> {
        let edit = (any::<prop::sample::Index>(), 0u8..4, interesting());
        (
            prop::sample::select(EventType::ALL.to_vec()),
            prop::collection::vec(edit, 1..4),
        )
            .prop_map(|(t, edits)| {
                let mut body = crate::sample_body(t).as_bytes().to_vec();
                for (at, how, bytes) in edits {
                    let i = at.index(body.len() + 1);
                    match how {
                        0 => {
                            body.splice(i..i, bytes);
                        }
                        1 => {
                            let end = (i + bytes.len()).min(body.len());
                            body.splice(i..end, bytes);
                        }
                        2 => body.truncate(i),
                        _ => {
                            let end = (i + 1 + bytes.len() % 4).min(body.len());
                            body.drain(i..end);
                        }
                    }
                }
                body
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn mutated_samples_agree(body in mutated_sample()) {
            let new = outcome(Event::check(&body));
            prop_assert_eq!(&new, &outcome(reference::check(&body)));
            prop_assert_eq!(new.is_ok(), Event::parse(&body).is_ok());
        }

        #[test]
        fn spliced_bytes_agree(parts in prop::collection::vec(interesting(), 0..24)) {
            let body = parts.concat();
            prop_assert_eq!(outcome(Event::check(&body)), outcome(reference::check(&body)));
        }
    }
}
