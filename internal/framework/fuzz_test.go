package framework

import (
	"errors"
	"math"
	"reflect"
	"testing"
)

// FuzzParse feeds any bytes to Parse as YAML and as JSON. Parse, Validate and Diff must never
// panic; a failure must be a *ParseError with at least one fault; and whatever Parse accepts
// must come back unchanged through Marshal and Parse in both formats.
func FuzzParse(f *testing.F) {
	f.Add([]byte(demoYAML))
	f.Add([]byte(manyFaults))
	if js, err := Marshal(demo(), FormatJSON); err == nil {
		f.Add(js)
	}
	for _, s := range []string{
		"", "{}", "null", "[]", "key: a\n---\nkey: b\n", "key: !!binary gIA=\n",
		"nodes: [{key: a, children: [{key: b, sequence: 3}]}]\n",
		"crosswalk: {from_version: '1', mappings: [{from: a, to: [{node: b, weight: .nan}]}]}\n",
		"{\"nodes\": [{\"key\": \"a\", \"KEY\": \"b\"}], \"levels\": [{\"rank\": 1e3}]}",
		"relations: [{type: precedes, from_uri: 'https://x/a', from_title: A, to: b, notes: \"n\\n\"}]\n",
		"{\"relations\": [{\"type\": \"t\", \"from\": \"\", \"from_uri\": \"u\", \"to_uri\": \"v\", \"notes\": null}]}",
		"a: &x [1]\nb: *x\n", "title: \"\\u2028\\r\\n x \"\n", "description: |\n  a\n   b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"fuzz.yaml", "fuzz.json"} {
			fw, err := Parse(data, name)
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) || len(pe.Faults) == 0 || fw != nil {
					t.Fatalf("Parse(%s) failed without faults: %#v", name, err)
				}
				_, ps := Load(data, name)
				if len(ps) == 0 {
					t.Fatalf("Load(%s) gave no problems for a file Parse refused", name)
				}
				continue
			}
			Validate(fw)
			ValidateCrosswalk(fw, fw)
			if d := Diff(fw, fw); !d.Empty() {
				t.Fatalf("a framework differs from itself: %+v", d)
			}
			for _, format := range []string{FormatYAML, FormatJSON} {
				out, err := Marshal(fw, format)
				if err != nil {
					if format == FormatJSON && !finiteWeights(fw) {
						continue // JSON has no NaN or infinity
					}
					t.Fatalf("Marshal(%s): %v", format, err)
				}
				back, err := Parse(out, "again."+format)
				if err != nil {
					t.Fatalf("Parse(Marshal(%s)): %v\n%s", format, err, out)
				}
				if finiteWeights(fw) && !reflect.DeepEqual(fw, back) {
					t.Fatalf("%s round trip differs:\nwant %#v\n got %#v\n%s", format, fw, back, out)
				}
			}
		}
	})
}

func finiteWeights(f *Framework) bool {
	if f.Crosswalk == nil {
		return true
	}
	for _, m := range f.Crosswalk.Mappings {
		for _, t := range m.To {
			if math.IsNaN(t.Weight) || math.IsInf(t.Weight, 0) {
				return false
			}
		}
	}
	return true
}
