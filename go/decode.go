package hookseal

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
)

// Event is a verified webhook event: the envelope every event has, the body as sent, and, for a
// type this version knows, the typed event (the As... methods, generated from the schema).
// A type it does not know is still an Event (Known reports false): a new ImageKit event never
// breaks a receiver.
type Event struct {
	// Unique identifier of the event ("" if a body of an unknown type has none).
	ID string
	// The event type, e.g. "video.transformation.ready".
	Type string
	// When the event was created (the zero time if a body of an unknown type has none).
	CreatedAt time.Time
	// The whole body, exactly as received.
	Raw json.RawMessage

	payload any
}

// Known reports whether the event's type is one this version has a type for.
func (e *Event) Known() bool { return e.payload != nil }

// AsAny is the typed event (a value such as FileCreateEvent) for a type switch, or nil for a type
// this version does not know.
func (e *Event) AsAny() any { return e.payload }

// RawJSON is the body exactly as received, as ImageKit's Go SDK names it.
func (e *Event) RawJSON() string { return string(e.Raw) }

// newEvent reads a body the core has already accepted as an event: the core decided what is
// valid, so nothing here refuses what it accepted.
func newEvent(body []byte) (*Event, error) {
	m, err := members(body)
	if err != nil {
		return nil, err
	}
	e := &Event{Raw: json.RawMessage(bytes.Clone(body))}
	// One by one: a body of an unknown type may have an id that is not a string (left "").
	for _, f := range []field{{"type", &e.Type}, {"id", &e.ID}, {"created_at", &e.CreatedAt}} {
		_ = decode(m, f)
	}
	p, known, err := decodeKnown(e.Type, body)
	if err != nil {
		return nil, err
	}
	if known {
		e.payload = p
	}
	return e, nil
}

// members splits a JSON object into its members by exact name; a repeated name keeps its last
// value, as the core reads it.
func members(b []byte) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, &Error{Code: "invalid_payload", Message: "hookseal: the event did not decode: " + err.Error()}
	}
	return m, nil
}

// field is a member's exact JSON name and where its value goes.
type field struct {
	name string
	dst  any
}

// decode fills each field from its member; an absent or null member leaves the zero value.
func decode(m map[string]json.RawMessage, fields ...field) error {
	for _, f := range fields {
		raw, ok := m[f.name]
		if !ok || string(raw) == "null" {
			continue
		}
		if t, ok := f.dst.(*time.Time); ok {
			*t = parseTime(raw)
			continue
		}
		if err := json.Unmarshal(raw, f.dst); err != nil {
			return &Error{Code: "invalid_payload", Message: "hookseal: member `" + f.name + "` did not decode: " + err.Error()}
		}
	}
	return nil
}

// parseTime reads an RFC 3339 date-time the core accepted. The core also accepts the forms
// RFC 3339 allows and Go's parser does not (a lowercase `t`/`z`, a space for `T`); anything Go
// still cannot read, or a year before 1 (which the core does not read as a time either), stays the
// zero time rather than refusing an accepted event.
func parseTime(raw json.RawMessage) time.Time {
	var s string
	if json.Unmarshal(raw, &s) != nil || len(s) < 11 {
		return time.Time{}
	}
	s = s[:10] + "T" + strings.Replace(s[11:], "z", "Z", 1)
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() < 1 {
		return time.Time{}
	}
	return t
}
