package hookseal

import (
	"errors"

	"github.com/hookseal/hookseal/go/internal/core"
)

// Error is every failure hookseal reports: a stable code (see the README's table), the core's
// message (which never holds a secret), and the HTTP status a receiver should answer.
//
//	var herr *hookseal.Error
//	if errors.As(err, &herr) { http.Error(w, herr.Message, herr.HTTPStatus()) }
//	if errors.Is(err, hookseal.ErrReplayed) { ... }
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// HTTPStatus is the status the core gives this code (401 unproven, 400 malformed, 413 too
// large, 500 the receiver's own configuration, 503 the replay store down: retry later).
func (e *Error) HTTPStatus() int { return core.HTTPStatus(e.Code) }

// Is matches the sentinel of the same code, so errors.Is(err, hookseal.ErrInvalidSignature) works.
func (e *Error) Is(target error) bool {
	var t *Error
	return errors.As(target, &t) && t.Code == e.Code && t.Message == ""
}

// One sentinel per code, for errors.Is. Their list is checked against the core's in the tests.
var (
	ErrMissingHeader          = &Error{Code: "missing_header"}
	ErrInvalidHeader          = &Error{Code: "invalid_header"}
	ErrInvalidTimestamp       = &Error{Code: "invalid_timestamp"}
	ErrTimestampTooOld        = &Error{Code: "timestamp_too_old"}
	ErrTimestampTooNew        = &Error{Code: "timestamp_too_new"}
	ErrInvalidSignature       = &Error{Code: "invalid_signature"}
	ErrInvalidSecret          = &Error{Code: "invalid_secret"}
	ErrInvalidPayload         = &Error{Code: "invalid_payload"}
	ErrPayloadTooLarge        = &Error{Code: "payload_too_large"}
	ErrReplayed               = &Error{Code: "replayed"}
	ErrReplayGuardUnavailable = &Error{Code: "replay_guard_unavailable"}
)

// Sentinels lists every sentinel, in the core's order of codes.
var Sentinels = []*Error{
	ErrMissingHeader, ErrInvalidHeader, ErrInvalidTimestamp, ErrTimestampTooOld, ErrTimestampTooNew,
	ErrInvalidSignature, ErrInvalidSecret, ErrInvalidPayload, ErrPayloadTooLarge, ErrReplayed,
	ErrReplayGuardUnavailable,
}

// ErrorCodes are the core's stable error codes, in its order.
func ErrorCodes() []string { return core.ErrorCodes() }

// fail converts the core's failure (or any error) into an *Error.
func fail(err error) error {
	if err == nil {
		return nil
	}
	var f *core.Fail
	if errors.As(err, &f) {
		return &Error{Code: f.Code, Message: f.Message}
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Code: "invalid_payload", Message: err.Error()}
}
