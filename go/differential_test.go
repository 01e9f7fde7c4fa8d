package hookseal_test

// The Go runner of the cross-language differential run (tests/differential/README.md). It runs
// only when asked:
//   HOOKSEAL_DIFF_CASES=cases.jsonl HOOKSEAL_DIFF_OUT=answers.jsonl go test -run TestDifferential .
// Go's Event has "" for an absent id and the zero time for an absent created_at, so those two are
// answered only when set (the comparison skips a field one side does not give).

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	hookseal "github.com/hookseal/hookseal/go"
)

type diffCase struct {
	TcID    int         `json:"tcId"`
	Op      string      `json:"operation"`
	BodyHex string      `json:"bodyHex"`
	Now     int64       `json:"now"`
	Keys    []vkey      `json:"keys"`
	Headers [][2]string `json:"headers"`
	Options *vopts      `json:"options"`
}

type diffSchema struct {
	Envelope struct {
		Fields []diffField `json:"fields"`
	} `json:"envelope"`
	Events []struct {
		Type   string      `json:"type"`
		Fields []diffField `json:"fields"`
	} `json:"events"`
	Objects map[string]struct {
		Fields []diffField `json:"fields"`
	} `json:"objects"`
}

type diffField struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

func (s *diffSchema) typed(v any, fields []diffField) map[string]any {
	m, _ := v.(map[string]any)
	out := map[string]any{}
	for _, f := range fields {
		if f.Type != "date-time" {
			out[f.Name] = s.convert(m[f.Name], f.Type)
		}
	}
	return out
}

func (s *diffSchema) convert(v any, t string) any {
	if v == nil {
		return nil
	}
	if item, ok := strings.CutSuffix(t, "[]"); ok {
		list, _ := v.([]any)
		out := make([]any, len(list))
		for i, x := range list {
			out[i] = s.convert(x, item)
		}
		return out
	}
	if o, ok := s.Objects[t]; ok {
		return s.typed(v, o.Fields)
	}
	return v
}

func (s *diffSchema) eventAnswer(e *hookseal.Event) (map[string]any, error) {
	a := map[string]any{"type": e.Type, "known": e.Known()}
	if e.ID != "" {
		a["id"] = e.ID
	}
	if !e.CreatedAt.IsZero() {
		a["createdAtMs"] = e.CreatedAt.UnixMilli()
	}
	if !e.Known() {
		a["typed"] = nil
		return a, nil
	}
	// The typed event through its JSON names (what a Go user's struct fields hold).
	b, err := json.Marshal(e.AsAny())
	if err != nil {
		return nil, err
	}
	var payload map[string]any
	if err := json.Unmarshal(b, &payload); err != nil {
		return nil, err
	}
	payload["type"] = e.Type
	fields := []diffField{}
	for _, f := range s.Envelope.Fields {
		// "" cannot be told from an absent id: the envelope's id is answered above, when set.
		if f.Name != "id" {
			fields = append(fields, f)
		}
	}
	for _, d := range s.Events {
		if d.Type == e.Type {
			fields = append(fields, d.Fields...)
		}
	}
	a["typed"] = s.typed(payload, fields)
	return a, nil
}

func (s *diffSchema) answer(t *testing.T, c diffCase) (map[string]any, error) {
	body, err := hex.DecodeString(c.BodyHex)
	if err != nil {
		t.Fatal(err)
	}
	if c.Op == "unsafe_unwrap" {
		e, err := hookseal.UnsafeUnwrap(body)
		if err != nil {
			return nil, err
		}
		ev, err := s.eventAnswer(e)
		return map[string]any{"result": "ok", "event": ev}, err
	}
	v, err := hookseal.NewVerifierKeys(keysOf(t, c.Keys), optsOf(c.Options)...)
	if err != nil {
		return nil, err
	}
	// The headers exactly as sent (names unchanged, repeats in order).
	headers := map[string][]string{}
	for _, p := range c.Headers {
		headers[p[0]] = append(headers[p[0]], p[1])
	}
	now := hookseal.WithNow(time.Unix(c.Now, 0))
	if c.Op == "verify" {
		got, err := v.Verify(body, headers, now)
		if err != nil {
			return nil, err
		}
		return map[string]any{"result": "ok", "keyIndex": got.KeyIndex}, nil
	}
	e, err := v.Unwrap(body, headers, now)
	if err != nil {
		return nil, err
	}
	ev, err := s.eventAnswer(e)
	// Go's Event carries no verification details: keyIndex is answered for verify only.
	return map[string]any{"result": "ok", "event": ev}, err
}

func TestDifferential(t *testing.T) {
	in, outPath := os.Getenv("HOOKSEAL_DIFF_CASES"), os.Getenv("HOOKSEAL_DIFF_OUT")
	if in == "" || outPath == "" {
		t.Skip("HOOKSEAL_DIFF_CASES and HOOKSEAL_DIFF_OUT are not set (make differential sets them)")
	}
	var schema diffSchema
	raw, err := os.ReadFile("../schema/imagekit-events.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out, err := os.Create(outPath)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	w := bufio.NewWriter(out)
	defer w.Flush()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for sc.Scan() {
		var c diffCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		a, err := schema.answer(t, c)
		if err != nil {
			var he *hookseal.Error
			if !errors.As(err, &he) {
				t.Fatalf("case %d: not a *hookseal.Error: %T %v", c.TcID, err, err)
			}
			a = map[string]any{"result": "error", "code": string(he.Code)}
		}
		a["tcId"] = c.TcID
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}
