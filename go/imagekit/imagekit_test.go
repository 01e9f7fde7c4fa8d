package imagekit_test

import (
	"errors"
	"testing"
	"time"

	hookseal "github.com/hookseal/hookseal/go"
	"github.com/hookseal/hookseal/go/imagekit"
	"github.com/hookseal/hookseal/go/imagekit/option"
)

const secret = "whsec_imagekit-client-secret"

func TestClient(t *testing.T) {
	t.Setenv("HOOKSEAL_REPLAY_GUARD", "")
	s, _ := hookseal.NewSigner(hookseal.Secret(secret), hookseal.WithKeyMode(hookseal.KeyModeImageKit))
	body, _ := hookseal.SampleBody("video.transformation.ready")
	at := time.Unix(1716000000, 0)
	h, _ := s.Headers("", at, body)

	// No secret given: IMAGEKIT_WEBHOOK_SECRET, read when the client first verifies.
	t.Setenv("IMAGEKIT_WEBHOOK_SECRET", secret)
	client := imagekit.NewClient(option.WithPrivateKey("private_key"))
	event, err := client.Webhooks.Unwrap(body, h, option.WithNow(at))
	if err != nil || event.Type != "video.transformation.ready" || event.AsVideoTransformationReadyEvent().Data.Transformation.Output.URL == "" {
		t.Fatalf("%+v %v", event, err)
	}
	// The clock is checked: without WithNow this 2024 delivery is too old.
	if _, err := client.Webhooks.Unwrap(body, h); !errors.Is(err, hookseal.ErrTimestampTooOld) {
		t.Fatal(err)
	}
	// A wrong secret; then none at all.
	wrong := imagekit.NewClient(option.WithWebhookSecret("whsec_someone-else"))
	if _, err := wrong.Webhooks.Unwrap(body, h, option.WithNow(at)); !errors.Is(err, hookseal.ErrInvalidSignature) {
		t.Fatal(err)
	}
	t.Setenv("IMAGEKIT_WEBHOOK_SECRET", "")
	none := imagekit.NewClient()
	_, err = none.Webhooks.Unwrap(body, h, option.WithNow(at))
	var he *hookseal.Error
	if !errors.As(err, &he) || he.Code != "invalid_secret" || he.HTTPStatus() != 500 {
		t.Fatal(err)
	}
	// HOOKSEAL_REPLAY_GUARD turns on a guard without code changes.
	t.Setenv("HOOKSEAL_REPLAY_GUARD", "memory")
	guarded := imagekit.NewClient(option.WithWebhookSecret(secret))
	if _, err := guarded.Webhooks.Unwrap(body, h, option.WithNow(at)); err != nil {
		t.Fatal(err)
	}
	if _, err := guarded.Webhooks.Unwrap(body, h, option.WithNow(at)); !errors.Is(err, hookseal.ErrReplayed) {
		t.Fatal(err)
	}
	// UnsafeUnwrap parses without verifying, by the same rules.
	if e, err := client.Webhooks.UnsafeUnwrap(body); err != nil || !e.Known() {
		t.Fatal(e, err)
	}
	if _, err := client.Webhooks.UnsafeUnwrap([]byte(`{"type":"video.transformation.ready"}`)); !errors.Is(err, hookseal.ErrInvalidPayload) {
		t.Fatal(err)
	}
}
