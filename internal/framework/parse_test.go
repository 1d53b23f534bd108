package framework

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"testing/quick"
)

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		data, name, want string
	}{
		{"{}", "a.yaml", FormatYAML},
		{"key: a", "a.JSON", FormatJSON},
		{"key: a", "a.yml", FormatYAML},
		{"  \n\t{\"key\": 1}", "upload", FormatJSON},
		{"\xef\xbb\xbf{\"key\": 1}", "", FormatJSON},
		{"key: a", "", FormatYAML},
		{"", "", FormatYAML},
		{"- a", "a.txt", FormatYAML},
	}
	for _, tt := range tests {
		if got := DetectFormat([]byte(tt.data), tt.name); got != tt.want {
			t.Errorf("DetectFormat(%q, %q) = %q, want %q", tt.data, tt.name, got, tt.want)
		}
	}
}

const demoYAML = `# A comment
key: demo
title: Demo framework
version: "2"
kind: profile
levels:
  - {key: core, rank: 1, title: Core}
  - {key: advanced, rank: 2, title: Advanced}
rules: {profile_node_type: element, total: 100, min_share: 1}
nodes:
  - key: d1
    type: domain
    title: Domain one
    children:
      - {key: e1, type: element, title: Element one}
      - {key: e2, type: element, title: Element two}
  - key: d2
    type: domain
    title: Domain two
    children:
      - {key: e3, type: element, title: Element three}
crosswalk:
  from_version: "1"
  level_rule: largest-share
  mappings:
    - {from: old-a, to: [{node: e1, weight: 1}]}
    - from: old-b
      to:
        - {node: e2, weight: 0.5}
        - {node: e3, weight: 0.5}
relations:
  - {type: isRelatedTo, from: e1, to: e2}
  - {type: exactMatchOf, from: e3, to_uri: "https://example.org/x", to_title: X}
  - {type: precedes, from_uri: "https://example.org/older", from_title: Older, to: e2, notes: Replaced in 2024.}
`

func TestParseYAMLAndJSON(t *testing.T) {
	f, err := Parse([]byte(demoYAML), "demo.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f, demo()) {
		t.Fatalf("parsed YAML differs from demo():\n%+v", f)
	}
	js, err := Marshal(f, FormatJSON)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"demo.json", "demo", ""} {
		g, err := Parse(js, name)
		if err != nil {
			t.Fatalf("Parse(%q): %v", name, err)
		}
		if !reflect.DeepEqual(g, demo()) {
			t.Fatalf("parsed JSON (%q) differs from demo()", name)
		}
	}
}

func TestParseKeepsVersionText(t *testing.T) {
	// A version written without quotes is still the text as written, not a number.
	f, err := Parse([]byte("key: a\ntitle: A\nversion: 2.10\nkind: method\nnodes: []\n"), "a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if f.Version != "2.10" {
		t.Errorf("version = %q", f.Version)
	}
	if f.Nodes != nil {
		t.Errorf("empty list not normalised to nil: %#v", f.Nodes)
	}
}

func TestParseFaults(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             []string // each fault's Problem.String(), in order
	}{
		{"unknown field in YAML", "a.yaml", "key: a\ntitel: A\n",
			[]string{`a.yaml: line 2: "titel" is not a field of the framework: did you mean "title"?`}},
		{"unknown fields anywhere in YAML, all of them", "a.yaml",
			"key: a\ncolour: red\nnodes:\n  - key: b\n    parent: x\n    children:\n      - key: c\n        weight: 2\n",
			[]string{
				`a.yaml: line 2: "colour" is not a field of the framework; check the spelling. The fields of the framework are: key, title, version, kind, status, publisher, source, licence, description, language, identifier, provisional, levels, rules, nodes, crosswalk, relations`,
				`a.yaml: line 5: "parent" is not a field of a node; check the spelling. The fields of a node are: key, type, title, description, code, notes, provisional, identifier, language, sequence, examples, references, children`,
				`a.yaml: line 8: "weight" is not a field of a node; check the spelling. The fields of a node are: key, type, title, description, code, notes, provisional, identifier, language, sequence, examples, references, children`,
			}},
		{"misspelt crosswalk field", "a.yaml", "crosswalk:\n  from_version: '1'\n  mappings:\n    - from: a\n      to: [{node: b, wieght: 1}]\n",
			[]string{`a.yaml: line 5: "wieght" is not a field of a crosswalk target: did you mean "weight"?`}},
		{"wrong sorts of value in YAML", "a.yaml", "key: [a, b]\nrules: {total: lots}\nprovisional: maybe\nnodes: {key: a}\n",
			[]string{
				`a.yaml: line 1: expected text but found a list; put text with a colon or a dash at the start in quotes`,
				`a.yaml: line 2: expected a whole number but found text ("lots")`,
				`a.yaml: line 3: expected true or false but found text ("maybe")`,
				`a.yaml: line 4: expected a list but found a set of fields`,
			}},
		{"field given twice in YAML", "a.yaml", "key: a\ntitle: A\nkey: b\n",
			[]string{`a.yaml: line 3: the field "key" is given twice (first on line 1): keep one`}},
		{"badly formed YAML", "a.yaml", "key: a\n  title: b\n",
			[]string{`a.yaml: line 2: the YAML is not well formed here (mapping values are not allowed in this context); check the indentation, colons and quotes on this line and the line before`}},
		{"empty YAML", "a.yaml", "  \n", []string{"a.yaml: the file is empty"}},
		{"only comments", "a.yaml", "# nothing\n", []string{"a.yaml: the file holds no framework (it has only comments or a lone ---)"}},
		{"two YAML documents", "a.yaml", "key: a\n---\nkey: b\n",
			[]string{"a.yaml: line 2: the file holds more than one YAML document (a line with --- starts a second one): put each framework version in a file of its own"}},
		{"not UTF-8 text", "a.yaml", "key: a\ntitle: !!binary gIA=\n",
			[]string{"a.yaml: title: this text is not valid UTF-8 (it may be binary data); save the file as UTF-8 text"}},
		{"scalar instead of a framework", "a.yaml", "hello\n",
			[]string{`a.yaml: line 1: expected a set of fields (name: value) for the framework but found text ("hello")`}},

		{"unknown and miscased fields in JSON, all of them", "a.json",
			"{\"key\": \"a\",\n \"Title\": \"A\",\n \"nodes\": [{\"key\": \"b\",\n   \"colour\": \"red\"}]}",
			[]string{
				`a.json: line 2, Title: "Title" is not a field of the framework: did you mean "title"?`,
				`a.json: line 4, nodes[0].colour: "colour" is not a field of a node; check the spelling. The fields of a node are: key, type, title, description, code, notes, provisional, identifier, language, sequence, examples, references, children`,
			}},
		{"wrong sorts of value in JSON", "a.json",
			"{\"key\": 1,\n \"rules\": {\"total\": 1.5, \"min_share\": \"x\"},\n \"nodes\": {},\n \"crosswalk\": {\"mappings\": [{\"to\": [{\"weight\": 1e999}]}]},\n \"provisional\": \"yes\"}",
			[]string{
				`a.json: line 1, key: expected text but found a number (1)`,
				`a.json: line 2, rules.total: expected a whole number but found 1.5`,
				`a.json: line 2, rules.min_share: expected a whole number but found text ("x")`,
				`a.json: line 3, nodes: expected a list but found a set of fields`,
				`a.json: line 4, crosswalk.mappings[0].to[0].weight: the number 1e999 is too large`,
				`a.json: line 5, provisional: expected true or false but found text ("yes")`,
			}},
		{"field given twice in JSON", "a.json", "{\"key\": \"a\",\n\"key\": \"b\"}",
			[]string{`a.json: line 2, key: the field "key" is given twice in the framework: keep one`}},
		{"badly formed JSON", "a.json", "{\"key\": \"a\",\n \"title\": }",
			[]string{`a.json: line 2: the JSON is not well formed here (invalid character '}' looking for beginning of value); check the commas, quotes and brackets on this line and the line before`}},
		{"JSON ends early", "a.json", "{\"key\": \"a\",\n \"nodes\": [",
			[]string{`a.json: line 2: the file ends too early: a closing } or ] or a quote is missing`}},
		{"two JSON values", "a.json", "{\"key\": \"a\"}\n{\"key\": \"b\"}",
			[]string{`a.json: line 2: there is more after the end of the framework (a set of fields); a file holds one framework version`}},
		{"JSON list instead of a framework", "a.json", "[1]",
			[]string{`a.json: line 1: expected a set of fields (name: value) for the framework but found a list`}},
		{"empty JSON", "a.json", "", []string{"a.json: the file is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.data), tt.file)
			if err == nil {
				t.Fatalf("no error; parsed %+v", f)
			}
			if f != nil {
				t.Errorf("a framework was returned with the error")
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error is %T, not *ParseError: %v", err, err)
			}
			var got []string
			for _, p := range pe.Problems() {
				got = append(got, p.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("faults:\n got %q\nwant %q", got, tt.want)
			}
			if err.Error() != strings.Join(got, "\n") {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

func TestMarshalUnknownFormat(t *testing.T) {
	if _, err := Marshal(demo(), "csv"); err == nil {
		t.Error("no error for csv")
	}
	if _, err := Marshal(nil, FormatYAML); err == nil {
		t.Error("no error for nil")
	}
	f := demo()
	f.Crosswalk.Mappings[0].To[0].Weight = math.NaN()
	if _, err := Marshal(f, FormatJSON); err == nil {
		t.Error("no error for NaN in JSON")
	}
}

func TestMarshalYAMLReadsWell(t *testing.T) {
	out, err := Marshal(demo(), "yml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{"key: demo\n", "version: \"2\"\n", "nodes:\n  - key: d1\n    type: domain\n", "- {node: e2, weight: 0.5}\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("YAML lacks %q:\n%s", want, s)
		}
	}
}

// tricky holds text that YAML and JSON writers often get wrong.
var tricky = []string{
	"", "plain", "yes", "no", "on", "off", "true", "null", "~", "1.0", "2.10", "0x1F", "1e3", "-", "- a",
	"a: b", "a #b", "#x", "'quoted'", `"dq"`, "back\\slash", "@at", "`tick", "|", ">", "&anchor", "*alias",
	"!tag", "%dir", "{a}", "[a]", "<<", "=", "?", ":", ",", "---", "...", "a\nb", "a\n\nb", "a\n",
	"a\n\n", "\n", "\nlead", " lead", "trail ", "a \nb", "a\n b", "\tx", "x\ty", "a\r\nb", "\r",
	"\u2028", "\u2029", "\u0085", "\ufeff", "\x00", "\x07", "\x7f", "\u00a0", "é ü ß", "日本語", "😀",
	"<b>html</b> & co", "line one\nline two\n  indented\n", "% of focus: 100%", "x\u200by",
	"\U0010FFFF", "\ufffd", "\u00ad", strings.Repeat("long text ", 40),
}

func randomText(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return tricky[r.IntN(len(tricky))]
	case 1:
		return tricky[r.IntN(len(tricky))] + tricky[r.IntN(len(tricky))]
	case 2:
		b := make([]rune, r.IntN(12))
		for i := range b {
			switch r.IntN(4) {
			case 0:
				b[i] = rune(r.IntN(0x80))
			case 1:
				b[i] = rune(r.IntN(0x800))
			default:
				b[i] = rune(r.IntN(0x110000))
			}
		}
		return string(b) // surrogates become U+FFFD
	}
	return fmt.Sprintf("word-%d", r.IntN(100))
}

func randomInt(r *rand.Rand) int {
	switch r.IntN(4) {
	case 0:
		return 0
	case 1:
		return r.IntN(200) - 100
	case 2:
		return math.MaxInt64 - r.IntN(3)
	}
	return math.MinInt64 + r.IntN(3)
}

func randomFloat(r *rand.Rand) float64 {
	switch r.IntN(5) {
	case 0:
		return 1
	case 1:
		return r.Float64()
	case 2:
		return 1.0 / float64(1+r.IntN(9))
	case 3:
		return math.Ldexp(r.Float64(), r.IntN(2000)-1000)
	}
	return -r.ExpFloat64() * 1e10
}

func randomStrings(r *rand.Rand) []string {
	if r.IntN(2) == 0 {
		return nil
	}
	out := make([]string, 1+r.IntN(3))
	for i := range out {
		out[i] = randomText(r)
	}
	return out
}

func randomIntPtr(r *rand.Rand) *int {
	if r.IntN(2) == 0 {
		return nil
	}
	v := randomInt(r)
	return &v
}

func randomNodes(r *rand.Rand, depth int) []Node {
	if depth > 3 || r.IntN(3) == 0 {
		return nil
	}
	nodes := make([]Node, 1+r.IntN(3))
	for i := range nodes {
		nodes[i] = Node{
			Key: randomText(r), Type: randomText(r), Title: randomText(r), Description: randomText(r),
			Code: randomText(r), Notes: randomText(r), Provisional: r.IntN(2) == 0,
			Identifier: randomText(r), Language: randomText(r), Sequence: randomIntPtr(r),
			Examples: randomStrings(r), References: randomStrings(r),
			Children: randomNodes(r, depth+1),
		}
	}
	return nodes
}

// randomFramework fills every field of the model with values chosen to trip a writer up. Empty
// lists are nil, the form Parse gives.
func randomFramework(r *rand.Rand) *Framework {
	f := &Framework{
		Key: randomText(r), Title: randomText(r), Version: randomText(r), Kind: Kind(randomText(r)),
		Status: randomText(r), Publisher: randomText(r), Source: randomText(r), Licence: randomText(r),
		Description: randomText(r), Language: randomText(r), Identifier: randomText(r),
		Provisional: r.IntN(2) == 0,
		Nodes:       randomNodes(r, 0),
	}
	for range r.IntN(3) {
		f.Levels = append(f.Levels, Level{Key: randomText(r), Rank: randomInt(r), Title: randomText(r),
			Description: randomText(r), Examples: randomText(r), Provisional: r.IntN(2) == 0})
	}
	if r.IntN(2) == 0 {
		f.Rules = &Rules{ProfileNodeType: randomText(r), Total: randomInt(r), MinShare: randomInt(r),
			MinShareProvisional: r.IntN(2) == 0}
	}
	if r.IntN(2) == 0 {
		f.Crosswalk = &Crosswalk{FromVersion: randomText(r), LevelRule: randomText(r)}
		for range r.IntN(3) {
			m := Mapping{From: randomText(r)}
			for range r.IntN(3) {
				m.To = append(m.To, Target{Node: randomText(r), Weight: randomFloat(r)})
			}
			f.Crosswalk.Mappings = append(f.Crosswalk.Mappings, m)
		}
	}
	for range r.IntN(3) {
		f.Relations = append(f.Relations, Relation{Type: randomText(r), From: randomText(r),
			FromURI: randomText(r), FromTitle: randomText(r), To: randomText(r),
			ToURI: randomText(r), ToTitle: randomText(r), Identifier: randomText(r), Sequence: randomIntPtr(r),
			Notes: randomText(r)})
	}
	return f
}

func roundTrip(t *testing.T, f *Framework) {
	t.Helper()
	for _, format := range []string{FormatYAML, FormatJSON} {
		data, err := Marshal(f, format)
		if err != nil {
			t.Fatalf("Marshal %s: %v", format, err)
		}
		g, err := Parse(data, "x."+format)
		if err != nil {
			t.Fatalf("Parse(Marshal(f, %s)): %v\n%s", format, err, data)
		}
		if !reflect.DeepEqual(f, g) {
			t.Fatalf("%s round trip differs:\nwant %#v\n got %#v\nfile:\n%s", format, f, g, data)
		}
	}
}

func TestRoundTripProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 1))
	n := 1000
	if testing.Short() {
		n = 100
	}
	for range n {
		roundTrip(t, randomFramework(r))
	}
	roundTrip(t, demo())
	roundTrip(t, &Framework{})
}

func TestRoundTripEveryTrickyText(t *testing.T) {
	for _, s := range tricky {
		roundTrip(t, &Framework{Key: s, Title: s, Description: s, Nodes: []Node{{Key: s, Examples: []string{s}}}})
	}
}

func TestRoundTripQuick(t *testing.T) {
	// testing/quick draws text from the whole of Unicode.
	check := func(title, desc string, rank int, weight float64, examples []string) bool {
		if len(examples) == 0 {
			examples = nil
		}
		f := &Framework{Key: "q", Title: title, Description: desc,
			Levels:    []Level{{Key: title, Rank: rank, Examples: desc}},
			Nodes:     []Node{{Key: desc, Title: title, Examples: examples}},
			Crosswalk: &Crosswalk{FromVersion: title, Mappings: []Mapping{{From: desc, To: []Target{{Node: title, Weight: weight}}}}},
		}
		for _, format := range []string{FormatYAML, FormatJSON} {
			data, err := Marshal(f, format)
			if err != nil {
				return false
			}
			g, err := Parse(data, "q."+format)
			if err != nil || !reflect.DeepEqual(f, g) {
				t.Logf("%s: %v\n%s", format, err, data)
				return false
			}
		}
		return true
	}
	if err := quick.Check(check, &quick.Config{MaxCount: 500, Rand: nil}); err != nil {
		t.Fatal(err)
	}
}
