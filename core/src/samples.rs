//! Realistic sample bodies of every known event type, for tests, the CLI and test helpers.
//!
//! The video and upload bodies are ImageKit's own examples, byte for byte; ImageKit publishes
//! none for `file.*`, `file-version.*` and `folder.*`, so those follow its field tables.

use crate::event::EventType;

/// The sample body for a known event type (compact JSON, as ImageKit sends it).
pub fn sample_body(event_type: EventType) -> &'static str {
    match event_type {
        EventType::VideoTransformationAccepted => {
            r#"{"type":"video.transformation.accepted","id":"58e6d24d-6098-4319-be8d-40c3cb0a402d","created_at":"2022-06-20T11:59:58.461Z","request":{"x_request_id":"fa98fa2e-d6cd-45b4-acf5-bc1d2bbb8ba9","url":"http://ik.imagekit.io/demo/sample-video.mp4?tr=f-webm,q-10","user_agent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:101.0) Gecko/20100101 Firefox/101.0"},"data":{"asset":{"url":"http://ik.imagekit.io/demo/sample-video.mp4"},"transformation":{"type":"video-transformation","options":{"video_codec":"vp9","audio_codec":"opus","auto_rotate":true,"quality":10,"format":"webm"}}}}"#
        }
        EventType::VideoTransformationReady => {
            r#"{"type":"video.transformation.ready","id":"a03031b5-ad5f-4985-8cf5-4de67630f6d7","created_at":"2022-06-20T12:00:11.703Z","request":{"x_request_id":"fa98fa2e-d6cd-45b4-acf5-bc1d2bbb8ba9","url":"http://ik.imagekit.io/demo/sample-video.mp4?tr=f-webm,q-10","user_agent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:101.0) Gecko/20100101 Firefox/101.0"},"timings":{"download_duration":2713,"encoding_duration":10175},"data":{"asset":{"url":"http://ik.imagekit.io/demo/sample-video.mp4"},"transformation":{"type":"video-transformation","options":{"video_codec":"vp9","audio_codec":"opus","auto_rotate":true,"quality":10,"format":"webm"},"output":{"url":"http://ik.imagekit.io/demo/sample-video.mp4?tr=f-webm,q-10","video_metadata":{"duration":15.023,"width":1280,"height":720,"bitrate":15.023}}}}}"#
        }
        EventType::VideoTransformationError => {
            r#"{"type":"video.transformation.error","request":{"x_request_id":"f005b939-7ca3-4310-9e1e-009239b3616b","url":"http://ik.imagekit.io/demo/sample-video.mp4?tr=l-image,i-nonexistent.png,l-end","user_agent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:101.0) Gecko/20100101 Firefox/101.0"},"id":"293a65c6-ceb4-4b62-a10b-5f3333860fae","created_at":"2022-06-20T12:14:02.353Z","data":{"asset":{"url":"http://ik.imagekit.io/demo/sample-video.mp4"},"transformation":{"type":"video-transformation","options":{"video_codec":"vp9","audio_codec":"opus","auto_rotate":true,"quality":50,"format":"webm"},"error":{"reason":"download_failed"}}}}"#
        }
        EventType::UploadPreTransformSuccess => {
            r#"{"type":"upload.pre-transform.success","id":"c9a09db9-b5e2-49ed-ac2d-dfac88a6457a","created_at":"2023-10-30T14:44:08.165Z","request":{"x_request_id":"1bfe7bb6-afb3-4ccf-81f2-6bef7dae48e9","transformation":"rt-90"},"data":{"fileId":"6540dbea002322e4ebe30de2","name":"image_iEyH1dQme.jpg","size":2300818,"versionInfo":{"id":"6540dbea002322e4ebe30de2","name":"Version 1"},"filePath":"/image_iEyH1dQme.jpg","url":"https://stage-ik.imagekit.io/demo/image_iEyH1dQme.jpg","fileType":"image","height":4608,"width":3456,"thumbnailUrl":"https://stage-ik.imagekit.io/demo/tr:n-ik_ml_thumbnail/image_iEyH1dQme.jpg","AITags":null}}"#
        }
        EventType::UploadPreTransformError => {
            r#"{"type":"upload.pre-transform.error","id":"502d1c52-e750-4277-8b64-52d43c2ec022","created_at":"2023-10-31T13:49:28.046Z","request":{"x_request_id":"722809dc-d6b7-4357-9262-74cdce554350","transformation":"so-70"},"data":{"name":"vid_aKyz6pCpi.mp4","path":"/myfolder/vid_aKyz6pCpi.mp4","transformation":{"error":{"reason":"encoding_failed"}}}}"#
        }
        EventType::UploadPostTransformSuccess => {
            r#"{"type":"upload.post-transform.success","id":"08c12452-1efb-4c35-a28d-378c94e5674b","created_at":"2023-10-30T15:04:59.462Z","request":{"x_request_id":"0658b87f-bce3-41ae-8075-ebc26f44ff30","transformation":{"type":"transformation","value":"rt-90"}},"data":{"fileId":"653fc60e002322e4ebd5b5b7","url":"http://stage-ik.imagekit.io/demo/video_wCqv9BewP.mp4?tr=rt-90","name":"video_wCqv9BewP.mp4"}}"#
        }
        EventType::UploadPostTransformError => {
            r#"{"type":"upload.post-transform.error","id":"738f13b0-05e9-40cd-a856-8cc3e48b6e94","created_at":"2023-10-31T13:51:10.627Z","request":{"x_request_id":"49022ce9-e532-4a6c-8321-52925d519eec","transformation":{"type":"transformation","value":"so-70"}},"data":{"fileId":"65410644002322e4ebe6c880","url":"http://stage-ik.imagekit.io/demo/vid_93HC1Daow.mp4?tr=so-70","name":"vid_93HC1Daow.mp4","path":"/vid_93HC1Daow.mp4","transformation":{"error":{"reason":"encoding_failed"}}}}"#
        }
        EventType::FileCreated => {
            r#"{"type":"file.created","id":"2f9c5f8e-3c0e-4a8f-9b51-0a3c1c6f4e01","created_at":"2024-03-11T09:15:22.640Z","data":{"fileId":"6540dbea002322e4ebe30de2","name":"product-shot_hY3kq9.jpg","filePath":"/catalog/product-shot_hY3kq9.jpg","type":"file","fileType":"image","mime":"image/jpeg","size":482133,"height":2048,"width":1536,"hasAlpha":false,"isPrivateFile":false,"isPublished":true,"tags":["catalog","spring"],"AITags":[{"name":"Shoe","confidence":97.4,"source":"google-auto-tagging"}],"customCoordinates":null,"customMetadata":{"sku":"SHOE-001"},"url":"https://ik.imagekit.io/demo/catalog/product-shot_hY3kq9.jpg","thumbnail":"https://ik.imagekit.io/demo/tr:n-ik_ml_thumbnail/catalog/product-shot_hY3kq9.jpg","versionInfo":{"id":"6540dbea002322e4ebe30de2","name":"Version 1"},"createdAt":"2024-03-11T09:15:22.401Z","updatedAt":"2024-03-11T09:15:22.401Z"}}"#
        }
        EventType::FileUpdated => {
            r#"{"type":"file.updated","id":"6b1d0a4e-5f7a-4c2e-8d3b-2e9f7a1c5d02","created_at":"2024-03-12T16:02:10.351Z","data":{"fileId":"6540dbea002322e4ebe30de2","name":"product-shot_hY3kq9.jpg","filePath":"/catalog/product-shot_hY3kq9.jpg","type":"file","fileType":"image","mime":"image/jpeg","size":482133,"height":2048,"width":1536,"hasAlpha":false,"isPrivateFile":false,"isPublished":true,"tags":["catalog","spring","sale"],"AITags":[{"name":"Shoe","confidence":97.4,"source":"google-auto-tagging"}],"customCoordinates":null,"customMetadata":{"sku":"SHOE-001"},"url":"https://ik.imagekit.io/demo/catalog/product-shot_hY3kq9.jpg","thumbnail":"https://ik.imagekit.io/demo/tr:n-ik_ml_thumbnail/catalog/product-shot_hY3kq9.jpg","versionInfo":{"id":"6540dbea002322e4ebe30de2","name":"Version 1"},"createdAt":"2024-03-11T09:15:22.401Z","updatedAt":"2024-03-12T16:02:10.117Z"}}"#
        }
        EventType::FileDeleted => {
            r#"{"type":"file.deleted","id":"9e4a7c21-0b6d-4f3a-a8c5-7d2e1f0b3c03","created_at":"2024-03-13T08:44:51.902Z","data":{"fileId":"6540dbea002322e4ebe30de2"}}"#
        }
        EventType::FileVersionCreated => {
            r#"{"type":"file-version.created","id":"c3d8e2f1-7a4b-4e6c-9f0d-1b5a8c2e7d04","created_at":"2024-03-12T18:20:00.212Z","data":{"fileId":"6540dbea002322e4ebe30de2","name":"product-shot_hY3kq9.jpg","filePath":"/catalog/product-shot_hY3kq9.jpg","type":"file-version","fileType":"image","mime":"image/jpeg","size":482133,"height":2048,"width":1536,"hasAlpha":false,"isPrivateFile":false,"isPublished":true,"tags":["catalog","spring"],"AITags":[{"name":"Shoe","confidence":97.4,"source":"google-auto-tagging"}],"customCoordinates":null,"customMetadata":{"sku":"SHOE-001"},"url":"https://ik.imagekit.io/demo/catalog/product-shot_hY3kq9.jpg","thumbnail":"https://ik.imagekit.io/demo/tr:n-ik_ml_thumbnail/catalog/product-shot_hY3kq9.jpg","versionInfo":{"id":"65f04c1a002322e4ebf1a7d9","name":"Version 2"},"createdAt":"2024-03-11T09:15:22.401Z","updatedAt":"2024-03-12T18:20:00.000Z"}}"#
        }
        EventType::FileVersionDeleted => {
            r#"{"type":"file-version.deleted","id":"d7f1a3b5-2c9e-4d8a-b6f4-3e0c5a9d1b05","created_at":"2024-03-14T11:05:33.778Z","data":{"fileId":"6540dbea002322e4ebe30de2","versionId":"65f04c1a002322e4ebf1a7d9"}}"#
        }
        EventType::FolderCreated => {
            r#"{"type":"folder.created","id":"e5b9c7d3-4f2a-4b1e-8c6d-5a3f9e7b2c06","created_at":"2024-03-10T07:30:00.245Z","data":{"folderId":"65f1b2c3002322e4ebf2c8a1","name":"spring-2024","folderPath":"/catalog/spring-2024","type":"folder","customMetadata":{},"createdBy":{"name":"Asha Rao","email":"asha@example.com"},"createdAt":"2024-03-10T07:30:00.000Z","updatedAt":"2024-03-10T07:30:00.000Z"}}"#
        }
        EventType::FolderUpdated => {
            r#"{"type":"folder.updated","id":"f1c3e5a7-6b8d-4a2c-9e0f-7b5d3c1a9e07","created_at":"2024-06-01T12:00:00.318Z","data":{"folderId":"65f1b2c3002322e4ebf2c8a1","name":"spring-2024-archive","folderPath":"/catalog/spring-2024-archive","type":"folder","customMetadata":{},"createdBy":{"name":"Asha Rao","email":"asha@example.com"},"createdAt":"2024-03-10T07:30:00.000Z","updatedAt":"2024-06-01T12:00:00.000Z"}}"#
        }
        EventType::FolderDeleted => {
            r#"{"type":"folder.deleted","id":"a2d4f6b8-8c0e-4b3d-a1f2-9c7e5d3b1f08","created_at":"2024-09-01T00:00:01.004Z","data":{"folderId":"65f1b2c3002322e4ebf2c8a1"}}"#
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_parses_as_its_type() {
        for t in EventType::ALL {
            let e = crate::unsafe_unwrap(sample_body(t).as_bytes()).expect("sample parses");
            assert_eq!(e.known_type(), Some(t));
            assert!(e.id.is_some() && e.created_at_ms.is_some());
        }
    }
}
