package profile

import (
	"net/url"
	"reflect"
	"testing"
)

func TestParseShare(t *testing.T) {
	f := iwf(t, "2.1")
	whole := "Enter the share for Leadership as a whole number, like 10"
	tests := []struct {
		raw   string
		share int
		msg   string
	}{
		{"10", 10, ""},
		{" 7 ", 7, ""},
		{"10%", 10, ""},
		{"10 %", 10, ""},
		{"+5", 5, ""},
		{"007", 7, ""},
		{"10.0", 10, ""},
		{"10.", 10, ""},
		{"", 0, ""},
		{"   ", 0, ""},
		{"%", 0, ""},
		{"-3", -3, ""}, // read; Validate says it is below the minimum
		{"10.5", 0, whole},
		{"0.5", 0, whole},
		{".5", 0, whole},
		{"ten", 0, whole},
		{"1o", 0, whole},
		{"1,000", 0, whole},
		{"1e2", 0, whole},
		{"５", 0, whole},
		{"--1", 0, whole},
		{"+", 0, whole},
		{"10%%", 0, whole},
		{"99999999999999999999", 0, "Leadership cannot have more than 100%"},
		{"-99999999999999999999", 0, "Leadership must have at least 1%"},
		{"000000000000000000012", 12, ""},
	}
	for _, tt := range tests {
		fm := ParseForm(url.Values{"share-leadership": {tt.raw}}, f)
		e, _ := fm.Profile.Entry("leadership")
		var msg string
		for _, p := range fm.Problems {
			if p.Node != "leadership" || p.Field != FieldShare {
				t.Errorf("%q: unexpected problem %+v", tt.raw, p)
			}
			msg = p.Message
		}
		if e.Share != tt.share || msg != tt.msg {
			t.Errorf("share %q = %d, %q; want %d, %q", tt.raw, e.Share, msg, tt.share, tt.msg)
		}
		if fm.Value("share-leadership") != tt.raw {
			t.Errorf("share %q was not kept as typed: %q", tt.raw, fm.Value("share-leadership"))
		}
	}
}

func TestParseForm(t *testing.T) {
	tf := tiny(t)
	values := url.Values{
		"share-a": {"5"}, "level-a": {" low "}, "note-a": {"  line one\r\nline two  "},
		"share-b": {"two"}, "level-b": {"mid"},
		"share-c":  {""},
		"share-g1": {"9"}, "csrf_token": {"x"}, "share-zz": {"3"}, // not profiled: ignored
	}
	values.Add("level-a", "high") // a repeated field: the first value counts
	fm := ParseForm(values, tf)
	want := Profile{FrameworkKey: "tiny", FrameworkVersion: "1", Entries: []Entry{
		{Node: "a", Share: 5, Level: "low", Note: "line one\nline two"},
		{Node: "b", Level: "mid"},
		{Node: "c"},
	}}
	if !reflect.DeepEqual(fm.Profile, want) {
		t.Errorf("profile = %+v, want %+v", fm.Profile, want)
	}
	wantRaw := map[string]string{
		"share-a": "5", "level-a": " low ", "note-a": "  line one\r\nline two  ",
		"share-b": "two", "level-b": "mid", "share-c": "",
	}
	if !reflect.DeepEqual(fm.Raw, wantRaw) {
		t.Errorf("raw = %#v, want %#v", fm.Raw, wantRaw)
	}
	wantProblems := []Problem{{Node: "b", Field: "share", Message: "Enter the share for Bananas as a whole number, like 10"}}
	if !reflect.DeepEqual(fm.Problems, wantProblems) {
		t.Errorf("problems = %#v", fm.Problems)
	}
	// Check: the unreadable share is reported once, the total is left out while a share cannot
	// be read, and the problems follow the form.
	wantCheck := []Problem{
		{Node: "b", Field: "share", Message: "Enter the share for Bananas as a whole number, like 10"},
		{Node: "c", Field: "share", Message: "Give a share to Cherries"},
		{Node: "c", Field: "level", Message: "Choose a level for Cherries"},
	}
	if got := fm.Check(tf); !reflect.DeepEqual(got, wantCheck) {
		t.Errorf("Check:\n got %#v\nwant %#v", got, wantCheck)
	}
	fm.Profile.Draft = true
	if got := fm.Check(tf); !reflect.DeepEqual(got, wantProblems) {
		t.Errorf("Check(draft) = %#v", got)
	}
}

// The first-time user of the issue: twelve shares adding up to 99, then fixed.
func TestParseFormTotal(t *testing.T) {
	f := iwf(t, "2.1")
	values := NewForm(iwf21Valid(t), f).Values()
	values.Set("share-leadership", "2")
	fm := ParseForm(values, f)
	want := []Problem{{Field: "total", Message: "Shares add up to 99%: they must add up to 100%"}}
	if got := fm.Check(f); !reflect.DeepEqual(got, want) {
		t.Fatalf("Check = %#v", got)
	}
	values.Set("share-leadership", "3%")
	fm = ParseForm(values, f)
	if got := fm.Check(f); len(got) != 0 {
		t.Fatalf("Check after the fix = %#v", got)
	}
	if !reflect.DeepEqual(fm.Profile, iwf21Valid(t)) {
		t.Errorf("profile = %+v", fm.Profile)
	}
}

func TestNewFormRoundTrip(t *testing.T) {
	for _, p := range []Profile{iwf21Valid(t), Empty(iwf(t, "2.1")), Even(iwf(t, "1.0"))} {
		f := iwf(t, p.FrameworkVersion)
		p.Draft = false
		fm := NewForm(p, f)
		back := ParseForm(fm.Values(), f)
		if len(back.Problems) > 0 || !reflect.DeepEqual(back.Profile, p) {
			t.Errorf("round trip of %+v gave %+v, %v", p, back.Profile, back.Problems)
		}
	}
	if got := NewForm(Empty(tiny(t)), tiny(t)).Value("share-a"); got != "" {
		t.Errorf("a share not given shows as %q", got)
	}
	z := zeroMin(t)
	if got := NewForm(prof(z, Entry{Node: "x"}), z).Value("share-x"); got != "0" {
		t.Errorf("a zero share with a minimum of 0 shows as %q", got)
	}
}

func TestParseFormNoFramework(t *testing.T) {
	fm := ParseForm(url.Values{"share-a": {"1"}}, nil)
	if len(fm.Problems) != 1 || fm.Problems[0].Field != FieldFramework {
		t.Errorf("problems = %v", fm.Problems)
	}
	if got := fm.Check(nil); len(got) != 1 {
		t.Errorf("Check(nil) = %v", got)
	}
}
