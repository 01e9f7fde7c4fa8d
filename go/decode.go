package hookseal

import (
	"bytes"
	"encoding/json"
	"strconv"
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
// value, as the core reads it. The core has already validated the body, so this only finds where
// each member is: encoding/json would validate every nested object again at every level.
func members(b []byte) (map[string]json.RawMessage, error) {
	bad := &Error{Code: "invalid_payload", Message: "hookseal: the event did not decode as a JSON object"}
	i := skipSpace(b, 0)
	if i < len(b) && b[i] == 'n' {
		return nil, nil // null: every field keeps its zero value
	}
	if i >= len(b) || b[i] != '{' {
		return nil, bad
	}
	m := make(map[string]json.RawMessage, 8)
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return m, nil
	}
	for i < len(b) {
		end := skipValue(b, i)
		if end < 0 || b[i] != '"' {
			return nil, bad
		}
		name, err := jsonString(b[i:end])
		if err != nil {
			return nil, bad
		}
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return nil, bad
		}
		i = skipSpace(b, i+1)
		end = skipValue(b, i)
		if end < 0 {
			return nil, bad
		}
		m[name] = b[i:end:end]
		i = skipSpace(b, end)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
			continue
		}
		if i < len(b) && b[i] == '}' {
			return m, nil
		}
		return nil, bad
	}
	return nil, bad
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the JSON value starting at i, or -1.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		for j := i + 1; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return -1
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				e := skipValue(b, j)
				if e < 0 {
					return -1
				}
				j = e - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	// A number or literal: up to the next delimiter.
	j := i
	for j < len(b) && !isDelimiter(b[j]) {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

func isDelimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

// jsonString reads a JSON string token; escapes are rare in member names.
func jsonString(tok []byte) (string, error) {
	if bytes.IndexByte(tok, '\\') < 0 {
		return string(tok[1 : len(tok)-1]), nil
	}
	var s string
	err := json.Unmarshal(tok, &s)
	return s, err
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
		// Scalars directly: encoding/json's scanner costs more than the core's whole check.
		switch d := f.dst.(type) {
		case *string:
			if len(raw) >= 2 && raw[0] == '"' && bytes.IndexByte(raw, '\\') < 0 {
				*d = string(raw[1 : len(raw)-1])
				continue
			}
		case *float64:
			if v, err := strconv.ParseFloat(string(raw), 64); err == nil {
				*d = v
				continue
			}
		case *bool:
			if string(raw) == "true" || string(raw) == "false" {
				*d = string(raw) == "true"
				continue
			}
		}
		// The generated types directly: through json.Unmarshal each level would be validated again.
		if u, ok := f.dst.(json.Unmarshaler); ok {
			if err := u.UnmarshalJSON(raw); err != nil {
				return err
			}
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
