package hookseal_test

// make bench-go: verify and unwrap at four sizes, side by side in one run with the Standard
// Webhooks Go library (the peer) and crypto/hmac over the same bytes (the floor).

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	hookseal "github.com/hookseal/hookseal/go"
)

var benchSizes = []int{200, 2 << 10, 64 << 10, 1 << 20}

func sizeName(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%dMiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}

// A file.created event padded to n bytes.
func benchBody(n int) []byte {
	head := `{"id":"evt_bench","type":"file.created","created_at":"2024-05-18T02:40:00Z","data":{"fileId":"f_1","name":"a.jpg","url":"https://ik.imagekit.io/demo/a.jpg","description":"`
	tail := `"}}`
	return []byte(head + strings.Repeat("x", max(0, n-len(head)-len(tail))) + tail)
}

func benchSetup(b *testing.B, n int) (body []byte, h http.Header, key []byte, secret string) {
	key = []byte("0123456789abcdef0123456789abcdef")
	secret = "whsec_" + base64.StdEncoding.EncodeToString(key)
	body = benchBody(n)
	s, err := hookseal.NewSigner(hookseal.Secret(secret), hookseal.WithKeyMode(hookseal.KeyModeStandard))
	if err != nil {
		b.Fatal(err)
	}
	h, err = s.Headers("msg_bench", time.Now(), body)
	if err != nil {
		b.Fatal(err)
	}
	return body, h, key, secret
}

func BenchmarkVerify(b *testing.B) {
	for _, n := range benchSizes {
		body, h, key, secret := benchSetup(b, n)
		b.Run("hookseal/"+sizeName(n), func(b *testing.B) {
			wh, _ := hookseal.NewWebhook(secret)
			b.SetBytes(int64(n))
			for b.Loop() {
				if _, err := wh.Verify(body, h); err != nil {
					b.Fatal(err)
				}
			}
		})
		// Everything but the hash: an entry of the wrong length is skipped before any HMAC, so this
		// is the cost of the WebAssembly path itself (calls, copies, header and timestamp checks).
		b.Run("hookseal-no-hmac/"+sizeName(n), func(b *testing.B) {
			wh, _ := hookseal.NewWebhook(secret)
			short := h.Clone()
			short.Set("webhook-signature", "v9,c2hvcnQ=") // an unknown scheme: skipped
			b.SetBytes(int64(n))
			for b.Loop() {
				if _, err := wh.Verify(body, short); err == nil {
					b.Fatal("verified")
				}
			}
		})
		b.Run("standardwebhooks/"+sizeName(n), func(b *testing.B) {
			wh, _ := standardwebhooks.NewWebhook(secret)
			b.SetBytes(int64(n))
			for b.Loop() {
				if err := wh.Verify(body, h); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("crypto-hmac/"+sizeName(n), func(b *testing.B) {
			// The floor: one HMAC-SHA256 of id.timestamp.body and a constant-time compare.
			want, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(h.Get("webhook-signature"), "v1,"))
			prefix := []byte(h.Get("webhook-id") + "." + h.Get("webhook-timestamp") + ".")
			b.SetBytes(int64(n))
			for b.Loop() {
				m := hmac.New(sha256.New, key)
				m.Write(prefix)
				m.Write(body)
				if !hmac.Equal(m.Sum(nil), want) {
					b.Fatal("mismatch")
				}
			}
		})
	}
}

func BenchmarkUnwrap(b *testing.B) {
	for _, n := range benchSizes {
		body, h, _, secret := benchSetup(b, n)
		b.Run("hookseal/"+sizeName(n), func(b *testing.B) {
			wh, _ := hookseal.NewWebhook(secret)
			b.SetBytes(int64(n))
			for b.Loop() {
				e, err := wh.Unwrap(body, h)
				if err != nil || e.AsFileCreateEvent().Data.FileID != "f_1" {
					b.Fatal(err)
				}
			}
		})
		// What ImageKit's Go SDK does: the reference library's Verify, then encoding/json.
		b.Run("standardwebhooks+json/"+sizeName(n), func(b *testing.B) {
			wh, _ := standardwebhooks.NewWebhook(secret)
			b.SetBytes(int64(n))
			for b.Loop() {
				if err := wh.Verify(body, h); err != nil {
					b.Fatal(err)
				}
				var e hookseal.FileCreateEvent
				if err := json.Unmarshal(body, &e); err != nil || e.Data.FileID != "f_1" {
					b.Fatal(err)
				}
			}
		})
	}
}
