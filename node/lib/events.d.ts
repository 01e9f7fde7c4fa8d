// ImageKit webhook events as sent (JSON field names), a discriminated union on `type`.
// Field tables: imagekit-events.md (ImageKit's SDK types and OpenAPI description). Parsing is
// lenient: optional fields may be absent, and extra fields are kept.

export interface VideoTransformationOptions {
  audio_codec?: 'aac' | 'opus';
  auto_rotate?: boolean;
  format?: 'mp4' | 'webm' | 'jpg' | 'png' | 'webp';
  quality?: number;
  stream_protocol?: 'HLS' | 'DASH';
  variants?: string[];
  video_codec?: 'h264' | 'vp9' | 'av1';
}

export interface VideoRequest {
  url: string;
  x_request_id: string;
  user_agent?: string;
}

export interface VideoAsset {
  url: string;
}

export interface VideoTransformationBase {
  type: 'video-transformation' | 'gif-to-video' | 'video-thumbnail';
  options?: VideoTransformationOptions;
}

export interface VideoMetadata {
  /** bits per second */
  bitrate: number;
  /** seconds */
  duration: number;
  height: number;
  width: number;
}

export interface VideoOutput {
  url: string;
  video_metadata?: VideoMetadata;
}

export interface TransformationErrorReason {
  reason: string;
}

interface EnvelopeBase {
  id: string;
  /** ISO 8601 */
  created_at: string;
}

export interface VideoTransformationAcceptedEvent extends EnvelopeBase {
  type: 'video.transformation.accepted';
  request: VideoRequest;
  data: { asset: VideoAsset; transformation: VideoTransformationBase };
}

export interface VideoTransformationReadyEvent extends EnvelopeBase {
  type: 'video.transformation.ready';
  request: VideoRequest;
  /** milliseconds */
  timings?: { download_duration?: number; encoding_duration?: number };
  data: { asset: VideoAsset; transformation: VideoTransformationBase & { output?: VideoOutput } };
}

export interface VideoTransformationErrorEvent extends EnvelopeBase {
  type: 'video.transformation.error';
  request: VideoRequest;
  data: {
    asset: VideoAsset;
    transformation: VideoTransformationBase & {
      error?: { reason: 'encoding_failed' | 'download_failed' | 'internal_server_error' | (string & {}) };
    };
  };
}

export interface AITag {
  confidence?: number;
  name?: string;
  source?: string;
}

export interface VersionInfo {
  id?: string;
  name?: string;
}

export type ExtensionStatusValue = 'success' | 'pending' | 'failed';

export interface SelectedFieldsSchema {
  type: 'Text' | 'Textarea' | 'Number' | 'Date' | 'Boolean' | 'SingleSelect' | 'MultiSelect';
  defaultValue?: string | number | boolean | Array<string | number | boolean>;
  isValueRequired?: boolean;
  maxLength?: number;
  maxValue?: string | number;
  minLength?: number;
  minValue?: string | number;
  readOnly?: boolean;
  selectOptions?: Array<string | number | boolean>;
  selectOptionsTruncated?: boolean;
}

/** Fields common to uploaded files and file (version) details. */
interface FileFields {
  AITags?: AITag[] | null;
  audioCodec?: string;
  bitRate?: number;
  customCoordinates?: string | null;
  customMetadata?: Record<string, unknown>;
  description?: string;
  duration?: number;
  embeddedMetadata?: Record<string, unknown>;
  fileId?: string;
  filePath?: string;
  fileType?: string;
  height?: number;
  isPrivateFile?: boolean;
  isPublished?: boolean;
  name?: string;
  selectedFieldsSchema?: Record<string, SelectedFieldsSchema>;
  size?: number;
  tags?: string[] | null;
  url?: string;
  versionInfo?: VersionInfo;
  videoCodec?: string;
  width?: number;
}

export interface UploadedFile extends FileFields {
  extensionStatus?: {
    'ai-auto-description'?: ExtensionStatusValue;
    'ai-tasks'?: ExtensionStatusValue;
    'aws-auto-tagging'?: ExtensionStatusValue;
    'google-auto-tagging'?: ExtensionStatusValue;
    'remove-bg'?: ExtensionStatusValue;
  };
  /** Legacy metadata, passed through as JSON. */
  metadata?: Record<string, unknown>;
  thumbnailUrl?: string;
}

export interface FileDetails extends FileFields {
  createdAt?: string;
  hasAlpha?: boolean;
  mime?: string;
  thumbnail?: string;
  type?: 'file' | 'file-version';
  updatedAt?: string;
}

export interface PreTransformRequest {
  transformation: string;
  x_request_id: string;
}

export interface PostTransformRequest {
  transformation: {
    type: 'transformation' | 'abs' | 'gif-to-video' | 'thumbnail';
    protocol?: 'hls' | 'dash';
    value?: string;
  };
  x_request_id: string;
}

export interface UploadPreTransformSuccessEvent extends EnvelopeBase {
  type: 'upload.pre-transform.success';
  request: PreTransformRequest;
  data: UploadedFile;
}

export interface UploadPreTransformErrorEvent extends EnvelopeBase {
  type: 'upload.pre-transform.error';
  request: PreTransformRequest;
  data: { name: string; path: string; transformation: { error: TransformationErrorReason } };
}

export interface UploadPostTransformSuccessEvent extends EnvelopeBase {
  type: 'upload.post-transform.success';
  request: PostTransformRequest;
  data: { fileId: string; name: string; url: string };
}

export interface UploadPostTransformErrorEvent extends EnvelopeBase {
  type: 'upload.post-transform.error';
  request: PostTransformRequest;
  data: { fileId: string; name: string; path: string; url: string; transformation: { error: TransformationErrorReason } };
}

export interface FileCreatedEvent extends EnvelopeBase {
  type: 'file.created';
  data: FileDetails;
}

export interface FileUpdatedEvent extends EnvelopeBase {
  type: 'file.updated';
  data: FileDetails;
}

export interface FileDeletedEvent extends EnvelopeBase {
  type: 'file.deleted';
  data: { fileId: string };
}

export interface FileVersionCreatedEvent extends EnvelopeBase {
  type: 'file-version.created';
  data: FileDetails;
}

export interface FileVersionDeletedEvent extends EnvelopeBase {
  type: 'file-version.deleted';
  data: { fileId: string; versionId: string };
}

export interface Folder {
  createdAt?: string;
  createdBy?: { email?: string; name?: string };
  customMetadata?: Record<string, unknown>;
  folderId?: string;
  folderPath?: string;
  name?: string;
  type?: 'folder';
  updatedAt?: string;
}

export interface FolderCreatedEvent extends EnvelopeBase {
  type: 'folder.created';
  data: Folder;
}

export interface FolderUpdatedEvent extends EnvelopeBase {
  type: 'folder.updated';
  data: Folder;
}

export interface FolderDeletedEvent extends EnvelopeBase {
  type: 'folder.deleted';
  data: { folderId: string };
}

/** The 15 known event types. */
export type KnownEventType =
  | 'video.transformation.accepted'
  | 'video.transformation.ready'
  | 'video.transformation.error'
  | 'upload.pre-transform.success'
  | 'upload.pre-transform.error'
  | 'upload.post-transform.success'
  | 'upload.post-transform.error'
  | 'file.created'
  | 'file.updated'
  | 'file.deleted'
  | 'file-version.created'
  | 'file-version.deleted'
  | 'folder.created'
  | 'folder.updated'
  | 'folder.deleted';

/**
 * The `type` of an event this version does not know. At runtime it is the plain string sent; the
 * type is a template literal pattern that no known type matches, so `switch (event.type)` still
 * narrows every known member (a plain `string` would be kept in every `case` and hide their
 * fields). Use it as a string; compare it with `String(event.type) === 'some.new.type'`.
 */
export type UnknownEventType = `${string}\u0000unknown`;

/** An event type this version does not know yet: never an error, the JSON is kept as sent. */
export interface UnknownEvent {
  type: UnknownEventType;
  id?: string;
  created_at?: string;
  data?: unknown;
  [key: string]: unknown;
}

export type KnownEvent =
  | VideoTransformationAcceptedEvent
  | VideoTransformationReadyEvent
  | VideoTransformationErrorEvent
  | UploadPreTransformSuccessEvent
  | UploadPreTransformErrorEvent
  | UploadPostTransformSuccessEvent
  | UploadPostTransformErrorEvent
  | FileCreatedEvent
  | FileUpdatedEvent
  | FileDeletedEvent
  | FileVersionCreatedEvent
  | FileVersionDeletedEvent
  | FolderCreatedEvent
  | FolderUpdatedEvent
  | FolderDeletedEvent;

/** What `unwrap` returns: a known event, narrowed by `switch (event.type)`, or an unknown one. */
export type UnwrapWebhookEvent = KnownEvent | UnknownEvent;
