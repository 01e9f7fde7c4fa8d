// ImageKit's Go webhook receiver (the SDK's call shape: imagekit.NewClient, client.Webhooks.Unwrap,
// one As... method per event type) with only its two import paths changed to hookseal's.
package main

import (
	"io"
	"log"
	"net/http"
	"os"

	"github.com/hookseal/hookseal/go/imagekit"        // was github.com/imagekit-developer/imagekit-go/v2
	"github.com/hookseal/hookseal/go/imagekit/option" // was github.com/imagekit-developer/imagekit-go/v2/option
)

func main() {
	client := imagekit.NewClient(
		option.WithPrivateKey(os.Getenv("IMAGEKIT_PRIVATE_KEY")),
		option.WithWebhookSecret(os.Getenv("IMAGEKIT_WEBHOOK_SECRET")),
	)
	http.HandleFunc("/webhook", webhookHandler(client))
	log.Fatal(http.ListenAndServe(":8080", nil))
}

func webhookHandler(client imagekit.Client) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		// The raw body: the signature covers the bytes exactly as sent.
		payload, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "Failed to read body", http.StatusBadRequest)
			return
		}
		event, err := client.Webhooks.Unwrap(payload, r.Header)
		if err != nil {
			log.Printf("Webhook verification failed: %v", err)
			http.Error(w, "Invalid webhook signature", http.StatusBadRequest)
			return
		}
		switch event.Type {
		case "video.transformation.accepted":
			e := event.AsVideoTransformationAcceptedEvent()
			log.Printf("Video transformation accepted: %s", e.Data.Asset.URL)
		case "video.transformation.ready":
			e := event.AsVideoTransformationReadyEvent()
			log.Printf("Video ready: %s", e.Data.Transformation.Output.URL)
		case "video.transformation.error":
			e := event.AsVideoTransformationErrorEvent()
			log.Printf("Video transformation failed: %s", e.Data.Transformation.Error.Reason)
		case "upload.pre-transform.success":
			e := event.AsUploadPreTransformSuccessEvent()
			log.Printf("Pre-transform succeeded: %s", e.Data.FileID)
		case "upload.pre-transform.error":
			e := event.AsUploadPreTransformErrorEvent()
			log.Printf("Pre-transform failed: %s", e.Data.Name)
		case "upload.post-transform.success":
			e := event.AsUploadPostTransformSuccessEvent()
			log.Printf("Post-transform succeeded: %s", e.Data.URL)
		case "upload.post-transform.error":
			e := event.AsUploadPostTransformErrorEvent()
			log.Printf("Post-transform failed: %s", e.Data.Transformation.Error.Reason)
		case "file.created":
			e := event.AsFileCreateEvent()
			log.Printf("File created: %s", e.Data.FileID)
		case "file.updated":
			e := event.AsFileUpdateEvent()
			log.Printf("File updated: %s", e.Data.FileID)
		case "file.deleted":
			e := event.AsFileDeleteEvent()
			log.Printf("File deleted: %s", e.Data.FileID)
		case "file-version.created":
			e := event.AsFileVersionCreateEvent()
			log.Printf("File version created: %s", e.Data.FileID)
		case "file-version.deleted":
			e := event.AsFileVersionDeleteEvent()
			log.Printf("File version deleted: %s", e.Data.VersionID)
		default:
			log.Printf("Unhandled event type: %s", event.Type)
		}
		w.WriteHeader(http.StatusOK)
	}
}
