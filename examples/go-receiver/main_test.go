package main

import (
	"bytes"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	hookseal "github.com/hookseal/hookseal/go"
	"github.com/hookseal/hookseal/go/imagekit"
	"github.com/hookseal/hookseal/go/imagekit/option"
)

const secret = "whsec_example-receiver-secret"

// Each event type ImageKit's SDK knows, delivered signed, reaches its branch with its field read.
func TestReceiverHandlesEveryEventType(t *testing.T) {
	t.Setenv("HOOKSEAL_REPLAY_GUARD", "memory")
	srv := httptest.NewServer(webhookHandler(imagekit.NewClient(option.WithPrivateKey("private_key"), option.WithWebhookSecret(secret))))
	defer srv.Close()
	signer, err := hookseal.NewSigner(hookseal.Secret(secret), hookseal.WithKeyMode(hookseal.KeyModeImageKit))
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	log.SetOutput(&logs)
	defer log.SetOutput(os.Stderr)
	want := map[string]string{
		"video.transformation.accepted": "Video transformation accepted: http",
		"video.transformation.ready":    "Video ready: http",
		"video.transformation.error":    "Video transformation failed: ",
		"upload.pre-transform.success":  "Pre-transform succeeded: ",
		"upload.pre-transform.error":    "Pre-transform failed: ",
		"upload.post-transform.success": "Post-transform succeeded: http",
		"upload.post-transform.error":   "Post-transform failed: ",
		"file.created":                  "File created: ",
		"file.updated":                  "File updated: ",
		"file.deleted":                  "File deleted: ",
		"file-version.created":          "File version created: ",
		"file-version.deleted":          "File version deleted: ",
		"folder.created":                "Unhandled event type: folder.created",
	}
	for typ, line := range want {
		body, ok := hookseal.SampleBody(typ)
		if !ok {
			t.Fatalf("no sample for %s", typ)
		}
		h, err := signer.Headers("", time.Now(), body)
		if err != nil {
			t.Fatal(err)
		}
		logs.Reset()
		if code := post(t, srv.URL, body, h); code != http.StatusOK {
			t.Fatalf("%s: status %d (%s)", typ, code, logs.String())
		}
		got := logs.String()
		if !strings.Contains(got, line) || strings.HasSuffix(strings.TrimSpace(got), ":") {
			t.Errorf("%s: logged %q, want %q and a value", typ, got, line)
		}
		// The same delivery again is a replay (HOOKSEAL_REPLAY_GUARD=memory).
		if code := post(t, srv.URL, body, h); code != http.StatusBadRequest {
			t.Errorf("%s: replay got %d", typ, code)
		}
	}
	// A tampered body, an old delivery and a missing header are refused.
	body, _ := hookseal.SampleBody("file.created")
	h, _ := signer.Headers("", time.Now(), body)
	for name, c := range map[string]struct {
		body []byte
		h    http.Header
	}{
		"tampered": {append(body, ' '), h},
		"old":      {body, must(signer.Headers("", time.Now().Add(-time.Hour), body))},
		"unsigned": {body, http.Header{}},
	} {
		if code := post(t, srv.URL, c.body, c.h); code != http.StatusBadRequest {
			t.Errorf("%s: status %d", name, code)
		}
	}
}

func must(h http.Header, err error) http.Header {
	if err != nil {
		panic(err)
	}
	return h
}

func post(t *testing.T, url string, body []byte, h http.Header) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
