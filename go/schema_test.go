package hookseal_test

import (
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	hookseal "github.com/hookseal/hookseal/go"
)

type schemaField struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// The generated Go types carry every member of schema/imagekit-events.json under its exact JSON
// name, with a Go type of the member's JSON type, and nothing else (the generator's output, read
// back through reflection, the way the other languages' parity tests read theirs).
func TestTypesMatchTheSchema(t *testing.T) {
	raw, err := os.ReadFile("../schema/imagekit-events.json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Envelope struct{ Fields []schemaField } `json:"envelope"`
		Events   []struct {
			Type   string        `json:"type"`
			Class  string        `json:"class"`
			Fields []schemaField `json:"fields"`
		} `json:"events"`
		Objects map[string]struct{ Fields []schemaField } `json:"objects"`
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	var check func(where string, typ reflect.Type, fields []schemaField)
	check = func(where string, typ reflect.Type, fields []schemaField) {
		byTag := map[string]reflect.StructField{}
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			byTag[strings.Split(f.Tag.Get("json"), ",")[0]] = f
		}
		var want []string
		for _, sf := range fields {
			want = append(want, sf.Name)
			f, ok := byTag[sf.Name]
			if !ok {
				t.Errorf("%s: no Go field for %q", where, sf.Name)
				continue
			}
			elem, list := f.Type, false
			if strings.HasSuffix(sf.Type, "[]") {
				if elem.Kind() != reflect.Slice {
					t.Errorf("%s.%s: %v is not a list", where, sf.Name, f.Type)
					continue
				}
				elem, list = elem.Elem(), true
			}
			base := strings.TrimSuffix(sf.Type, "[]")
			kinds := map[string]reflect.Kind{"string": reflect.String, "number": reflect.Float64, "boolean": reflect.Bool, "object": reflect.Map}
			switch {
			case base == "date-time":
				if elem != reflect.TypeOf(time.Time{}) {
					t.Errorf("%s.%s: %v, want time.Time", where, sf.Name, elem)
				}
			case kinds[base] != reflect.Invalid:
				if elem.Kind() != kinds[base] {
					t.Errorf("%s.%s: %v, want %s", where, sf.Name, elem, base)
				}
			default:
				obj, ok := s.Objects[base]
				if !ok || elem.Kind() != reflect.Struct || elem.Name() != base {
					t.Errorf("%s.%s: %v, want the object %s", where, sf.Name, elem, base)
					continue
				}
				check(where+"."+sf.Name+map[bool]string{true: "[]"}[list], elem, obj.Fields)
			}
		}
		var got []string
		for tag := range byTag {
			got = append(got, tag)
		}
		sort.Strings(got)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Go fields %v, schema %v", where, got, want)
		}
	}
	if len(s.Events) != 15 {
		t.Fatalf("%d events", len(s.Events))
	}
	for _, ev := range s.Events {
		body, ok := hookseal.SampleBody(ev.Type)
		if !ok {
			t.Fatalf("no sample for %s", ev.Type)
		}
		e, err := hookseal.UnsafeUnwrap(body)
		if err != nil {
			t.Fatal(err)
		}
		typ := reflect.TypeOf(e.AsAny())
		if typ == nil || typ.Name() != ev.Class {
			t.Fatalf("%s: typed as %v, want %s", ev.Type, typ, ev.Class)
		}
		check(ev.Class, typ, append(append([]schemaField{}, s.Envelope.Fields...), ev.Fields...))
	}
}
