package profile

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/framework"
)

func TestValidate(t *testing.T) {
	f := iwf(t, "2.1")
	ok := iwf21Valid(t)
	tf := tiny(t)
	tinyOK := prof(tf, Entry{Node: "a", Share: 4, Level: "low"}, Entry{Node: "b", Share: 3, Level: "mid"}, Entry{Node: "c", Share: 3, Level: "high"})
	lead := func(fn func(*Entry)) Profile { return with(ok, "leadership", fn) }
	zf := zeroMin(t)

	tests := []struct {
		name  string
		f     *framework.Framework
		p     Profile
		want  []Problem // full validation
		draft []Problem // draft validation
	}{
		{name: "valid IWF 2.1", f: f, p: ok},
		{name: "valid hand-made", f: tf, p: tinyOK},
		{name: "entries in any order", f: tf, p: prof(tf, tinyOK.Entries[2], tinyOK.Entries[0], tinyOK.Entries[1])},
		{
			name: "element missing", f: f, p: without(ok, "leadership"),
			want: []Problem{
				{Node: "leadership", Field: "share", Message: "Give a share to Leadership"},
				{Node: "leadership", Field: "level", Message: "Choose a level for Leadership"},
				{Field: "total", Message: "Shares add up to 97%: they must add up to 100%"},
			},
		},
		{
			name: "share not given (0 with a minimum of 1)", f: f, p: lead(func(e *Entry) { e.Share = 0 }),
			want: []Problem{
				{Node: "leadership", Field: "share", Message: "Give a share to Leadership"},
				{Field: "total", Message: "Shares add up to 97%: they must add up to 100%"},
			},
		},
		{
			name: "share below the minimum", f: tf,
			p:     prof(tf, Entry{Node: "a", Share: 7, Level: "low"}, Entry{Node: "b", Share: 1, Level: "low"}, Entry{Node: "c", Share: 2, Level: "low"}),
			want:  []Problem{{Node: "b", Field: "share", Message: "Bananas must have at least 2%"}},
			draft: []Problem{{Node: "b", Field: "share", Message: "Bananas must have at least 2%"}},
		},
		{
			name: "negative share", f: f, p: with(lead(func(e *Entry) { e.Share = -3 }), "clinical-studies-operations", func(e *Entry) { e.Share = 36 }),
			want:  []Problem{{Node: "leadership", Field: "share", Message: "Leadership must have at least 1%"}},
			draft: []Problem{{Node: "leadership", Field: "share", Message: "Leadership must have at least 1%"}},
		},
		{
			name: "negative share, minimum 0", f: zf, p: prof(zf, Entry{Node: "x", Share: -1, Level: "one"}, Entry{Node: "y", Share: 101, Level: "two"}),
			want: []Problem{
				{Node: "x", Field: "share", Message: "Ex cannot have a share below 0%"},
				{Node: "y", Field: "share", Message: "Why cannot have more than 100%"},
			},
			draft: []Problem{
				{Node: "x", Field: "share", Message: "Ex cannot have a share below 0%"},
				{Node: "y", Field: "share", Message: "Why cannot have more than 100%"},
			},
		},
		{name: "zero is a share when the minimum is 0", f: zf, p: prof(zf, Entry{Node: "x", Share: 0, Level: "one"}, Entry{Node: "y", Share: 100, Level: "two"})},
		{
			name: "share above the total", f: tf,
			p: prof(tf, Entry{Node: "a", Share: 11, Level: "low"}, Entry{Node: "b", Share: 2, Level: "low"}, Entry{Node: "c", Share: 2, Level: "low"}),
			want: []Problem{
				{Node: "a", Field: "share", Message: "Apples cannot have more than 10%"},
				{Field: "total", Message: "Shares add up to 15%: they must add up to 10%"},
			},
			draft: []Problem{{Node: "a", Field: "share", Message: "Apples cannot have more than 10%"}},
		},
		{
			name: "level missing", f: f, p: lead(func(e *Entry) { e.Level = "" }),
			want: []Problem{{Node: "leadership", Field: "level", Message: "Choose a level for Leadership"}},
		},
		{
			name: "unknown level", f: f, p: lead(func(e *Entry) { e.Level = "expert" }),
			want:  []Problem{{Node: "leadership", Field: "level", Message: "Choose Awareness, Core, Intermediate or Advanced as the level for Leadership"}},
			draft: []Problem{{Node: "leadership", Field: "level", Message: "Choose Awareness, Core, Intermediate or Advanced as the level for Leadership"}},
		},
		{
			name: "levels listed by rank", f: tf, p: with(tinyOK, "c", func(e *Entry) { e.Level = "top" }),
			want:  []Problem{{Node: "c", Field: "level", Message: "Choose Low, Mid or High as the level for Cherries"}},
			draft: []Problem{{Node: "c", Field: "level", Message: "Choose Low, Mid or High as the level for Cherries"}},
		},
		{
			name: "note too long", f: f, p: lead(func(e *Entry) { e.Note = strings.Repeat("é", MaxNoteLength+1) }),
			want:  []Problem{{Node: "leadership", Field: "note", Message: "The note for Leadership must be 2,000 characters or fewer"}},
			draft: []Problem{{Node: "leadership", Field: "note", Message: "The note for Leadership must be 2,000 characters or fewer"}},
		},
		{name: "note of the longest length", f: f, p: lead(func(e *Entry) { e.Note = strings.Repeat("é", MaxNoteLength) })},
		{
			name: "total below", f: f, p: lead(func(e *Entry) { e.Share = 1 }),
			want: []Problem{{Field: "total", Message: "Shares add up to 98%: they must add up to 100%"}},
		},
		{
			name: "total above", f: f, p: lead(func(e *Entry) { e.Share = 4 }),
			want: []Problem{{Field: "total", Message: "Shares add up to 101%: they must add up to 100%"}},
		},
		{
			name: "element twice", f: tf, p: prof(tf, slices.Concat(tinyOK.Entries, []Entry{{Node: "a", Share: 2, Level: "low"}})...),
			want: []Problem{
				{Node: "a", Field: "node", Message: "Apples is given more than once: give it once"},
				{Field: "total", Message: "Shares add up to 12%: they must add up to 10%"},
			},
			draft: []Problem{{Node: "a", Field: "node", Message: "Apples is given more than once: give it once"}},
		},
		{
			name: "unknown node", f: f, p: prof(f, slices.Concat(ok.Entries, []Entry{{Node: "statistics", Share: 0, Level: "core"}})...),
			want:  []Problem{{Node: "statistics", Field: "node", Message: `"statistics" is not an element of Integrated Workforce Framework 2.1`}},
			draft: []Problem{{Node: "statistics", Field: "node", Message: `"statistics" is not an element of Integrated Workforce Framework 2.1`}},
		},
		{
			name: "a domain cannot take a share", f: f, p: prof(f, slices.Concat(ok.Entries, []Entry{{Node: "domain-leadership"}})...),
			want:  []Problem{{Node: "domain-leadership", Field: "node", Message: "Leadership is a domain, not an element: only elements take a share"}},
			draft: []Problem{{Node: "domain-leadership", Field: "node", Message: "Leadership is a domain, not an element: only elements take a share"}},
		},
		{
			name: "entry without a node", f: tf, p: prof(tf, slices.Concat(tinyOK.Entries, []Entry{{}})...),
			want:  []Problem{{Field: "node", Message: "A share is given without saying which area it is for"}},
			draft: []Problem{{Field: "node", Message: "A share is given without saying which area it is for"}},
		},
		{
			name: "other version", f: f, p: Profile{FrameworkKey: "iwf", FrameworkVersion: "1.0", Entries: ok.Entries},
			want:  []Problem{{Field: "framework", Message: `This profile was made on "iwf" version "1.0", not on Integrated Workforce Framework 2.1`}},
			draft: []Problem{{Field: "framework", Message: `This profile was made on "iwf" version "1.0", not on Integrated Workforce Framework 2.1`}},
		},
		{
			name: "an empty draft", f: f, p: Empty(f),
			want: func() []Problem {
				var ps []Problem
				for _, n := range f.ProfiledNodes() {
					ps = append(ps, Problem{Node: n.Key, Field: "share", Message: "Give a share to " + n.Title},
						Problem{Node: n.Key, Field: "level", Message: "Choose a level for " + n.Title})
				}
				return append(ps, Problem{Field: "total", Message: "Shares add up to 0%: they must add up to 100%"})
			}(),
		},
		{
			name: "problems in form order", f: tf,
			p: prof(tf, Entry{Node: "c", Share: 1, Level: "x"}, Entry{Node: "zz"}, Entry{Node: "a", Share: 3}),
			want: []Problem{
				{Node: "a", Field: "level", Message: "Choose a level for Apples"},
				{Node: "b", Field: "share", Message: "Give a share to Bananas"},
				{Node: "b", Field: "level", Message: "Choose a level for Bananas"},
				{Node: "c", Field: "share", Message: "Cherries must have at least 2%"},
				{Node: "c", Field: "level", Message: "Choose Low, Mid or High as the level for Cherries"},
				{Node: "zz", Field: "node", Message: `"zz" is not an area of Tiny 1`},
				{Field: "total", Message: "Shares add up to 4%: they must add up to 10%"},
			},
			draft: []Problem{
				{Node: "c", Field: "share", Message: "Cherries must have at least 2%"},
				{Node: "c", Field: "level", Message: "Choose Low, Mid or High as the level for Cherries"},
				{Node: "zz", Field: "node", Message: `"zz" is not an area of Tiny 1`},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Validate(tt.p, tt.f); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate:\n got %#v\nwant %#v", got, tt.want)
			}
			if got := ValidateDraft(tt.p, tt.f); !reflect.DeepEqual(got, tt.draft) {
				t.Errorf("ValidateDraft:\n got %#v\nwant %#v", got, tt.draft)
			}
			d := tt.p
			d.Draft = true
			if got := Check(d, tt.f); !reflect.DeepEqual(got, tt.draft) {
				t.Errorf("Check(draft) differs from ValidateDraft: %#v", got)
			}
			d.Draft = false
			if got := Check(d, tt.f); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Check(complete) differs from Validate: %#v", got)
			}
		})
	}
}

func TestValidateFramework(t *testing.T) {
	good := tiny(t)
	mod := func(fn func(f *framework.Framework)) *framework.Framework {
		f := *good
		r := *good.Rules
		f.Rules = &r
		fn(&f)
		return &f
	}
	tests := []struct {
		name string
		f    *framework.Framework
		want string
	}{
		{"nil", nil, "There is no framework to check the profile against"},
		{"not a profile framework", mod(func(f *framework.Framework) { f.Kind = framework.KindCompetence }), "Tiny 1 is not a profile framework, so it cannot hold a profile"},
		{"no rules", mod(func(f *framework.Framework) { f.Rules = nil }), "Tiny 1 has no usable profile rules (which nodes take a share, their total and minimum), so a profile cannot be checked"},
		{"no total", mod(func(f *framework.Framework) { f.Rules.Total = 0 }), "Tiny 1 has no usable profile rules (which nodes take a share, their total and minimum), so a profile cannot be checked"},
		{"nothing profiled", mod(func(f *framework.Framework) { f.Rules.ProfileNodeType = "category" }), "Tiny 1 has no categories to share a profile between"},
		{"no levels", mod(func(f *framework.Framework) { f.Levels = nil }), "Tiny 1 has no levels to choose from"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := []Problem{{Field: "framework", Message: tt.want}}
			p := Profile{FrameworkKey: "tiny", FrameworkVersion: "1"}
			for _, got := range [][]Problem{Validate(p, tt.f), ValidateDraft(p, tt.f), FrameworkProblems(tt.f)} {
				if !reflect.DeepEqual(got, want) {
					t.Errorf("got %#v, want %#v", got, want)
				}
			}
		})
	}
	if ps := FrameworkProblems(good); ps != nil {
		t.Errorf("FrameworkProblems(valid) = %v", ps)
	}
	// Every built-in profile framework can hold profiles; the others cannot.
	for _, v := range []string{"1.0", "2.1"} {
		if ps := FrameworkProblems(iwf(t, v)); ps != nil {
			t.Errorf("iwf %s: %v", v, ps)
		}
	}
}

func TestProblemAnchor(t *testing.T) {
	for _, tt := range []struct {
		p    Problem
		want string
	}{
		{Problem{Node: "leadership", Field: FieldShare}, "share-leadership"},
		{Problem{Node: "leadership", Field: FieldLevel}, "level-leadership"},
		{Problem{Node: "leadership", Field: FieldNote}, "note-leadership"},
		{Problem{Node: "leadership", Field: FieldNode}, "node-leadership"},
		{Problem{Field: FieldTotal}, "total"},
		{Problem{Field: FieldFramework}, "framework"},
	} {
		if got := tt.p.Anchor(); got != tt.want {
			t.Errorf("%+v.Anchor() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestEntryAndTotal(t *testing.T) {
	p := iwf21Valid(t)
	if e, ok := p.Entry("leadership"); !ok || e.Share != 3 || e.Level != "core" {
		t.Errorf("Entry(leadership) = %+v, %v", e, ok)
	}
	if _, ok := p.Entry("nothing"); ok {
		t.Error("Entry(nothing) found something")
	}
	if p.Total() != 100 {
		t.Errorf("Total() = %d", p.Total())
	}
	if (Profile{}).Total() != 0 {
		t.Error("the total of an empty profile is not 0")
	}
}

func TestEmptyAndEven(t *testing.T) {
	for _, f := range []*framework.Framework{iwf(t, "1.0"), iwf(t, "2.1"), tiny(t), zeroMin(t)} {
		t.Run(f.ID(), func(t *testing.T) {
			e := Empty(f)
			if !e.Draft || len(e.Entries) != len(f.ProfiledNodes()) || len(ValidateDraft(e, f)) != 0 {
				t.Fatalf("Empty = %+v", e)
			}
			for i, n := range f.ProfiledNodes() {
				if e.Entries[i] != (Entry{Node: n.Key}) {
					t.Errorf("Empty entry %d = %+v", i, e.Entries[i])
				}
			}
			ev := Even(f)
			if !ev.Draft || ev.Total() != f.Rules.Total || len(ValidateDraft(ev, f)) != 0 {
				t.Fatalf("Even = %+v (%v)", ev, ValidateDraft(ev, f))
			}
			lo, hi := ev.Entries[0].Share, ev.Entries[0].Share
			for _, x := range ev.Entries {
				lo, hi = min(lo, x.Share), max(hi, x.Share)
			}
			if hi-lo > 1 {
				t.Errorf("Even is not even: %+v", ev.Entries)
			}
			// Only the levels, deliberately left to the person, stop it from being complete.
			for _, p := range Validate(ev, f) {
				if p.Field != FieldLevel {
					t.Errorf("Even: %v", p)
				}
			}
		})
	}
	want := []int{9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8} // 100 over 12, the remainder in tree order
	for i, e := range Even(iwf(t, "2.1")).Entries {
		if e.Share != want[i] {
			t.Errorf("Even(IWF 2.1) entry %d = %d, want %d", i, e.Share, want[i])
		}
	}
}
