//! The typed ImageKit events as uniffi records: one mirror per core struct, same field names
//! (camelCase in Kotlin and Swift), converted field by field. JSON numbers become `Double`;
//! free-form JSON objects (metadata) become JSON text.

use hookseal as hs;
use serde_json::{Number, Value};

/// Core value -> uniffi value.
trait Ffi {
    type Out;
    fn ffi(self) -> Self::Out;
}

impl<T: Ffi> Ffi for Option<T> {
    type Out = Option<T::Out>;
    fn ffi(self) -> Self::Out {
        self.map(Ffi::ffi)
    }
}

impl<T: Ffi> Ffi for Vec<T> {
    type Out = Vec<T::Out>;
    fn ffi(self) -> Self::Out {
        self.into_iter().map(Ffi::ffi).collect()
    }
}

impl Ffi for String {
    type Out = String;
    fn ffi(self) -> String {
        self
    }
}

impl Ffi for bool {
    type Out = bool;
    fn ffi(self) -> bool {
        self
    }
}

impl Ffi for Number {
    type Out = f64;
    fn ffi(self) -> f64 {
        self.as_f64().unwrap_or(f64::NAN)
    }
}

impl Ffi for Value {
    type Out = String;
    fn ffi(self) -> String {
        self.to_string()
    }
}

/// Declares the uniffi record mirroring a core struct, and its conversion.
macro_rules! mirror {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, uniffi::Record)]
        pub struct $name {
            $($(#[$fm])* pub $field: Option<$ty>,)*
        }

        impl Ffi for hs::$name {
            type Out = $name;
            fn ffi(self) -> $name {
                $name { $($field: self.$field.ffi(),)* }
            }
        }
    };
}

mirror!(
    /// `request` of video events.
    VideoRequest {
        /// The requested video URL.
        url: String,
        /// ImageKit's request id (`x_request_id`).
        x_request_id: String,
        /// The requesting user agent.
        user_agent: String,
    }
);

mirror!(
    /// The source asset of a video transformation.
    VideoAsset {
        /// Source URL.
        url: String,
    }
);

mirror!(
    /// Requested video transformation options.
    VideoTransformationOptions {
        /// `aac` or `opus`.
        audio_codec: String,
        /// Whether the video is rotated automatically.
        auto_rotate: bool,
        /// `mp4`, `webm`, `jpg`, `png` or `webp`.
        format: String,
        /// Quality, 0 to 100.
        quality: f64,
        /// `HLS` or `DASH`.
        stream_protocol: String,
        /// Adaptive-streaming variants.
        variants: Vec<String>,
        /// `h264`, `vp9` or `av1`.
        video_codec: String,
    }
);

mirror!(
    /// Metadata of an encoded video.
    VideoMetadata {
        /// Bits per second.
        bitrate: f64,
        /// Seconds.
        duration: f64,
        /// Pixels.
        height: f64,
        /// Pixels.
        width: f64,
    }
);

mirror!(
    /// The output of a finished video transformation.
    VideoOutput {
        /// Output URL.
        url: String,
        /// Encoded video metadata.
        video_metadata: VideoMetadata,
    }
);

mirror!(
    /// Why a transformation failed.
    TransformationError {
        /// e.g. `encoding_failed`, `download_failed`.
        reason: String,
    }
);

mirror!(
    /// A video transformation: its kind (JSON `type`), options, and output or error.
    VideoTransformation {
        /// JSON `type`: `video-transformation`, `gif-to-video` or `video-thumbnail`.
        kind: String,
        /// Requested options.
        options: VideoTransformationOptions,
        /// Present on `video.transformation.ready`.
        output: VideoOutput,
        /// Present on `video.transformation.error`.
        error: TransformationError,
    }
);

mirror!(
    /// `data` of video events.
    VideoTransformationData {
        /// The source asset.
        asset: VideoAsset,
        /// The transformation.
        transformation: VideoTransformation,
    }
);

mirror!(
    /// Top-level `timings` of `video.transformation.ready`.
    Timings {
        /// Milliseconds spent downloading the source.
        download_duration: f64,
        /// Milliseconds spent encoding.
        encoding_duration: f64,
    }
);

mirror!(
    /// `request` of `upload.pre-transform.*` events.
    PreTransformRequest {
        /// The transformation string, e.g. `rt-90`.
        transformation: String,
        /// ImageKit's request id.
        x_request_id: String,
    }
);

mirror!(
    /// The transformation of a post-transform request.
    PostTransformation {
        /// JSON `type`: `transformation`, `abs`, `gif-to-video` or `thumbnail`.
        kind: String,
        /// `hls` or `dash` (only for `abs`).
        protocol: String,
        /// The transformation string.
        value: String,
    }
);

mirror!(
    /// `request` of `upload.post-transform.*` events.
    PostTransformRequest {
        /// The requested transformation.
        transformation: PostTransformation,
        /// ImageKit's request id.
        x_request_id: String,
    }
);

mirror!(
    /// An AI tag on a file.
    AiTag {
        /// Confidence, 0 to 100.
        confidence: f64,
        /// Tag name.
        name: String,
        /// Which tagger produced it.
        source: String,
    }
);

mirror!(
    /// A file version reference.
    VersionInfo {
        /// Version id.
        id: String,
        /// Version name.
        name: String,
    }
);

mirror!(
    /// A file (`file.created`, `file.updated`, `file-version.created`,
    /// `upload.pre-transform.success`). Metadata objects are JSON text.
    FileDetails {
        /// JSON `AITags`.
        ai_tags: Vec<AiTag>,
        /// Audio codec.
        audio_codec: String,
        /// Bit rate.
        bit_rate: f64,
        /// Creation time (ISO 8601).
        created_at: String,
        /// Custom coordinates.
        custom_coordinates: String,
        /// Custom metadata, as JSON text.
        custom_metadata: String,
        /// Description.
        description: String,
        /// Duration in seconds.
        duration: f64,
        /// Embedded metadata, as JSON text.
        embedded_metadata: String,
        /// Extension statuses, as JSON text.
        extension_status: String,
        /// File id.
        file_id: String,
        /// File path.
        file_path: String,
        /// `image`, `non-image`, ...
        file_type: String,
        /// Whether the image has an alpha channel.
        has_alpha: bool,
        /// Height in pixels.
        height: f64,
        /// Whether the file is private.
        is_private_file: bool,
        /// Whether the file is published.
        is_published: bool,
        /// Legacy metadata, as JSON text.
        metadata: String,
        /// MIME type.
        mime: String,
        /// File name.
        name: String,
        /// Custom-metadata schema, as JSON text.
        selected_fields_schema: String,
        /// Size in bytes.
        size: f64,
        /// Tags.
        tags: Vec<String>,
        /// Thumbnail URL (`file.*`).
        thumbnail: String,
        /// Thumbnail URL (`upload.pre-transform.success`).
        thumbnail_url: String,
        /// JSON `type`: `file` or `file-version`.
        kind: String,
        /// Update time (ISO 8601).
        updated_at: String,
        /// URL.
        url: String,
        /// Version.
        version_info: VersionInfo,
        /// Video codec.
        video_codec: String,
        /// Width in pixels.
        width: f64,
    }
);

mirror!(
    /// A transformation that failed, as in upload error events.
    FailedTransformation {
        /// The failure.
        error: TransformationError,
    }
);

mirror!(
    /// `data` of `upload.pre-transform.error`.
    PreTransformErrorData {
        /// File name.
        name: String,
        /// File path.
        path: String,
        /// The failure.
        transformation: FailedTransformation,
    }
);

mirror!(
    /// `data` of `upload.post-transform.success`.
    PostTransformSuccessData {
        /// File id.
        file_id: String,
        /// File name.
        name: String,
        /// URL of the transformed file.
        url: String,
    }
);

mirror!(
    /// `data` of `upload.post-transform.error`.
    PostTransformErrorData {
        /// File id.
        file_id: String,
        /// File name.
        name: String,
        /// File path.
        path: String,
        /// URL.
        url: String,
        /// The failure.
        transformation: FailedTransformation,
    }
);

mirror!(
    /// `data` of `file.deleted`.
    FileDeletedData {
        /// File id.
        file_id: String,
    }
);

mirror!(
    /// `data` of `file-version.deleted`.
    FileVersionDeletedData {
        /// File id.
        file_id: String,
        /// Version id.
        version_id: String,
    }
);

mirror!(
    /// Who created a folder.
    CreatedBy {
        /// Email.
        email: String,
        /// Name.
        name: String,
    }
);

mirror!(
    /// A folder (`folder.created`, `folder.updated`).
    Folder {
        /// Creation time (ISO 8601).
        created_at: String,
        /// Creator.
        created_by: CreatedBy,
        /// Custom metadata, as JSON text.
        custom_metadata: String,
        /// Folder id.
        folder_id: String,
        /// Folder path.
        folder_path: String,
        /// Folder name.
        name: String,
        /// JSON `type`: `folder`.
        kind: String,
        /// Update time (ISO 8601).
        updated_at: String,
    }
);

mirror!(
    /// `data` of `folder.deleted`.
    FolderDeletedData {
        /// Folder id.
        folder_id: String,
    }
);

/// The typed part of an event: one case per known ImageKit type, plus `Unknown` (read
/// `WebhookEvent.raw`). Cases carry the event's top-level `request`, `data` and `timings`.
#[derive(Clone, Debug, PartialEq, uniffi::Enum)]
pub enum EventPayload {
    /// `video.transformation.accepted`
    VideoTransformationAccepted {
        /// The originating request.
        request: Option<VideoRequest>,
        /// Asset and transformation.
        data: Option<VideoTransformationData>,
    },
    /// `video.transformation.ready`
    VideoTransformationReady {
        /// The originating request.
        request: Option<VideoRequest>,
        /// Asset, transformation and output.
        data: Option<VideoTransformationData>,
        /// Download and encoding durations.
        timings: Option<Timings>,
    },
    /// `video.transformation.error`
    VideoTransformationError {
        /// The originating request.
        request: Option<VideoRequest>,
        /// Asset, transformation and error.
        data: Option<VideoTransformationData>,
    },
    /// `upload.pre-transform.success`
    UploadPreTransformSuccess {
        /// The originating request.
        request: Option<PreTransformRequest>,
        /// The uploaded file.
        data: Option<FileDetails>,
    },
    /// `upload.pre-transform.error`
    UploadPreTransformError {
        /// The originating request.
        request: Option<PreTransformRequest>,
        /// What failed.
        data: Option<PreTransformErrorData>,
    },
    /// `upload.post-transform.success`
    UploadPostTransformSuccess {
        /// The originating request.
        request: Option<PostTransformRequest>,
        /// The transformed file.
        data: Option<PostTransformSuccessData>,
    },
    /// `upload.post-transform.error`
    UploadPostTransformError {
        /// The originating request.
        request: Option<PostTransformRequest>,
        /// What failed.
        data: Option<PostTransformErrorData>,
    },
    /// `file.created`
    FileCreated {
        /// The file.
        data: Option<FileDetails>,
    },
    /// `file.updated`
    FileUpdated {
        /// The file.
        data: Option<FileDetails>,
    },
    /// `file.deleted`
    FileDeleted {
        /// The deleted file.
        data: Option<FileDeletedData>,
    },
    /// `file-version.created`
    FileVersionCreated {
        /// The file version.
        data: Option<FileDetails>,
    },
    /// `file-version.deleted`
    FileVersionDeleted {
        /// The deleted version.
        data: Option<FileVersionDeletedData>,
    },
    /// `folder.created`
    FolderCreated {
        /// The folder.
        data: Option<Folder>,
    },
    /// `folder.updated`
    FolderUpdated {
        /// The folder.
        data: Option<Folder>,
    },
    /// `folder.deleted`
    FolderDeleted {
        /// The deleted folder.
        data: Option<FolderDeletedData>,
    },
    /// A type this version does not know: read `WebhookEvent.raw`.
    Unknown,
}

/// A parsed ImageKit event: the envelope, the typed payload and the whole JSON.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct WebhookEvent {
    /// `id` (null if absent or not a string).
    pub id: Option<String>,
    /// `type`, exactly as sent.
    pub event_type: String,
    /// `created_at` as sent (ISO 8601).
    pub created_at: Option<String>,
    /// `created_at` in unix milliseconds, when it parses as RFC 3339.
    pub created_at_ms: Option<i64>,
    /// False for a type this version does not know (`payload` is then `Unknown`).
    pub is_known: bool,
    /// The typed payload: branch on it.
    pub payload: EventPayload,
    /// The body exactly as sent (extra fields included, keys in their order), as JSON text.
    pub raw: String,
}

impl WebhookEvent {
    /// The FFI event for `e`, which the core parsed from `body`.
    pub(crate) fn new(e: hs::Event, body: &[u8]) -> Self {
        use hs::EventData as D;
        use EventPayload as P;
        let is_known = e.is_known();
        // The core parsed `body` as JSON, so it is UTF-8: nothing is replaced.
        let raw = String::from_utf8_lossy(body).into_owned();
        let payload = match e.data {
            D::VideoTransformationAccepted(p) => P::VideoTransformationAccepted {
                request: p.request.ffi(),
                data: p.data.ffi(),
            },
            D::VideoTransformationReady(p) => P::VideoTransformationReady {
                request: p.request.ffi(),
                data: p.data.ffi(),
                timings: p.timings.ffi(),
            },
            D::VideoTransformationError(p) => P::VideoTransformationError {
                request: p.request.ffi(),
                data: p.data.ffi(),
            },
            D::UploadPreTransformSuccess(p) => P::UploadPreTransformSuccess {
                request: p.request.ffi(),
                data: p.data.ffi(),
            },
            D::UploadPreTransformError(p) => P::UploadPreTransformError {
                request: p.request.ffi(),
                data: p.data.ffi(),
            },
            D::UploadPostTransformSuccess(p) => P::UploadPostTransformSuccess {
                request: p.request.ffi(),
                data: p.data.ffi(),
            },
            D::UploadPostTransformError(p) => P::UploadPostTransformError {
                request: p.request.ffi(),
                data: p.data.ffi(),
            },
            D::FileCreated(p) => P::FileCreated { data: p.data.ffi() },
            D::FileUpdated(p) => P::FileUpdated { data: p.data.ffi() },
            D::FileDeleted(p) => P::FileDeleted { data: p.data.ffi() },
            D::FileVersionCreated(p) => P::FileVersionCreated { data: p.data.ffi() },
            D::FileVersionDeleted(p) => P::FileVersionDeleted { data: p.data.ffi() },
            D::FolderCreated(p) => P::FolderCreated { data: p.data.ffi() },
            D::FolderUpdated(p) => P::FolderUpdated { data: p.data.ffi() },
            D::FolderDeleted(p) => P::FolderDeleted { data: p.data.ffi() },
            // `Unknown`, and any type a newer core adds before this glue maps it: the raw JSON
            // stays reachable either way.
            _ => P::Unknown,
        };
        WebhookEvent {
            id: e.id,
            event_type: e.event_type,
            created_at: e.created_at,
            created_at_ms: e.created_at_ms,
            is_known,
            payload,
            raw,
        }
    }
}
