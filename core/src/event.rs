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
        let probe: Probe = serde_json::from_slice(body).map_err(|e| {
            Error::new(
                ErrorKind::InvalidPayload,
                format!("the body is not valid JSON: {e}"),
            )
        })?;
        match probe {
            Probe::NotObject => Err(not_object()),
            Probe::Object(Some(TypeMember::String)) => Ok(()),
            Probe::Object(Some(TypeMember::Other)) => Err(Error::new(
                ErrorKind::InvalidPayload,
                "the event's `type` is not a string",
            )),
            Probe::Object(None) => Err(Error::new(
                ErrorKind::InvalidPayload,
                "the event has no `type`",
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

/// What `Event::check` needs of a body: is it an object, and what is its (last) `type` member.
/// Deserialized without allocating: every other value is validated and skipped.
enum Probe {
    NotObject,
    Object(Option<TypeMember>),
}

enum TypeMember {
    String,
    Other,
}

/// Any JSON value, validated exactly as `serde_json::Value` would be (numbers included: `1e400` is
/// refused as by `Value`), then dropped. `IgnoredAny` is laxer than `Value` about numbers.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Skip;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Skip, A::Error> {
                while map.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(Skip)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Skip, A::Error> {
                while seq.next_element::<Skip>()?.is_some() {}
                Ok(Skip)
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_str<E>(self, _: &str) -> std::result::Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_unit<E>(self) -> std::result::Result<Skip, E> {
                Ok(Skip)
            }
        }
        d.deserialize_any(V)
    }
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

fn json_value(body: &[u8]) -> Result<Value> {
    serde_json::from_slice(body).map_err(|e| {
        Error::new(
            ErrorKind::InvalidPayload,
            format!("the body is not valid JSON: {e}"),
        )
    })
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
        Some(_) => Err(Error::new(
            ErrorKind::InvalidPayload,
            "the event's `type` is not a string",
        )),
        None => Err(Error::new(
            ErrorKind::InvalidPayload,
            "the event has no `type`",
        )),
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
