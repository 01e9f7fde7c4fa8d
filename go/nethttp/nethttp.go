// Package nethttp verifies webhooks in front of a net/http handler: the next handler runs only for
// a verified event, which it reads from the request context.
//
//	v, _ := hookseal.NewVerifier([]string{secret})
//	http.Handle("/webhooks/imagekit", nethttp.Middleware(v)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
//		event, _ := nethttp.EventFrom(r.Context())
//		...
//	})))
package nethttp

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	hookseal "github.com/hookseal/hookseal/go"
)

// Unwrapper is what the middleware verifies with: a *hookseal.Verifier or *hookseal.Webhook.
type Unwrapper interface {
	Unwrap(payload []byte, headers http.Header, opts ...hookseal.VerifyOption) (*hookseal.Event, error)
	Limits() (time.Duration, int)
}

type ctxKey struct{}

// EventFrom is the verified event the middleware put in the request's context.
func EventFrom(ctx context.Context) (*hookseal.Event, bool) {
	e, ok := ctx.Value(ctxKey{}).(*hookseal.Event)
	return e, ok
}

// Middleware reads the raw body (at most the verifier's limit and one byte more, so a larger one
// is the core's payload_too_large), verifies it, and calls next with the event in the context. A
// failure is answered with the core's status for its code and a JSON body
// {"error": message, "code": code}; next is not called.
func Middleware(v Unwrapper) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, limit := v.Limits()
			body, err := io.ReadAll(io.LimitReader(r.Body, int64(limit)+1))
			if err != nil {
				http.Error(w, "could not read the request body", http.StatusBadRequest)
				return
			}
			event, err := v.Unwrap(body, r.Header, hookseal.WithContext(r.Context()))
			if err != nil {
				WriteError(w, err)
				return
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, event)))
		})
	}
}

// WriteError answers err with its status and JSON body (500 for an error that is not hookseal's).
func WriteError(w http.ResponseWriter, err error) {
	var he *hookseal.Error
	if !errors.As(err, &he) {
		he = &hookseal.Error{Code: "invalid_secret", Message: "internal error"}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(he.HTTPStatus())
	_ = json.NewEncoder(w).Encode(map[string]string{"error": he.Message, "code": he.Code})
}
