package profile

import (
	"net/url"
	"reflect"
	"slices"
	"testing"

	"github.com/workframe/workframe/internal/framework"
)

// FuzzParseForm feeds any form to ParseForm. It must never panic, must keep exactly what was
// typed, must understand every share it accepts the same way after a round trip through NewForm,
// and Check must be consistent: no problem means a profile that validates and adds up, an
// unreadable share always means a problem, and a draft's problems are among the complete
// profile's problems.
func FuzzParseForm(f *testing.F) {
	fws := []*framework.Framework{iwf(f, "2.1"), iwf(f, "1.0"), tiny(f), zeroMin(f)}
	f.Add(uint8(0), NewForm(iwf21Valid(f), fws[0]).Values().Encode(), 0, "3", "core", "note")
	f.Add(uint8(0), "share-leadership=10.5&level-leadership=expert", 11, "  ", "", "")
	f.Add(uint8(2), "share-a=4&share-b=3&share-c=3&level-a=low&level-b=mid&level-c=high", 1, "3%", "mid", "a\r\nb")
	f.Add(uint8(2), "share-a=-4&share-b=99999999999999999999&share-c=%25", 2, "+0", "low ", "")
	f.Add(uint8(3), "share-x=0&share-y=100&level-x=one&level-y=two", 0, "0", "one", "")
	f.Add(uint8(1), "share-a;b=%zz&&=&share-leadership", 8, "1.00", "awareness", "\x00")
	f.Fuzz(func(t *testing.T, which uint8, query string, at int, share, level, note string) {
		fw := fws[int(which)%len(fws)]
		values, _ := url.ParseQuery(query)
		nodes := fw.ProfiledNodes()
		if at < 0 {
			at = -at
		}
		if at >= 0 {
			n := nodes[at%len(nodes)].Key
			values.Set(ShareField(n), share)
			values.Set(LevelField(n), level)
			values.Set(NoteField(n), note)
		}

		fm := ParseForm(values, fw)

		// What was typed is kept, for profiled fields only.
		for k, v := range fm.Raw {
			if vs, ok := values[k]; !ok || len(vs) == 0 || vs[0] != v {
				t.Fatalf("Raw[%q] = %q, but the form held %q", k, v, values[k])
			}
		}
		for _, n := range nodes {
			for _, k := range []string{ShareField(n.Key), LevelField(n.Key), NoteField(n.Key)} {
				if vs, ok := values[k]; ok && len(vs) > 0 {
					if _, kept := fm.Raw[k]; !kept {
						t.Fatalf("%q was typed but not kept", k)
					}
				}
			}
		}
		if len(fm.Raw) > 3*len(nodes) {
			t.Fatalf("Raw holds fields of nodes that are not profiled: %v", fm.Raw)
		}

		// The profile has every profiled node once, in tree order.
		p := fm.Profile
		if !p.IsFor(fw) || p.Draft || len(p.Entries) != len(nodes) {
			t.Fatalf("profile = %+v", p)
		}
		unread := map[string]bool{}
		for _, pr := range fm.Problems {
			if pr.Field != FieldShare || pr.Message == "" || unread[pr.Node] || fw.Node(pr.Node) == nil {
				t.Fatalf("parse problem %+v", pr)
			}
			unread[pr.Node] = true
		}
		for i, n := range nodes {
			if p.Entries[i].Node != n.Key {
				t.Fatalf("entry %d is %q, want %q", i, p.Entries[i].Node, n.Key)
			}
			if unread[n.Key] && p.Entries[i].Share != 0 {
				t.Fatalf("an unreadable share became %d", p.Entries[i].Share)
			}
		}

		// What was understood survives a round trip through the form.
		back := ParseForm(NewForm(p, fw).Values(), fw)
		if len(back.Problems) > 0 || !reflect.DeepEqual(back.Profile, p) {
			t.Fatalf("round trip: %+v, %v; want %+v", back.Profile, back.Problems, p)
		}

		// Check is consistent with Validate.
		full := fm.Check(fw)
		for _, pr := range full {
			if pr.Message == "" || !slices.Contains([]string{FieldShare, FieldLevel, FieldNote, FieldNode, FieldTotal, FieldFramework}, pr.Field) ||
				(pr.Node != "" && fw.Node(pr.Node) == nil) {
				t.Fatalf("problem %+v", pr)
			}
		}
		for _, pr := range fm.Problems {
			if !slices.Contains(full, pr) {
				t.Fatalf("parse problem %+v is missing from Check", pr)
			}
		}
		if len(full) == 0 {
			if ps := Validate(p, fw); len(ps) > 0 || p.Total() != fw.Rules.Total {
				t.Fatalf("Check found nothing, but Validate says %v (total %d)", ps, p.Total())
			}
			for _, e := range p.Entries {
				if fw.Level(e.Level) == nil || e.Share < fw.Rules.MinShare || e.Share > fw.Rules.Total {
					t.Fatalf("accepted entry %+v", e)
				}
			}
		}
		dfm := fm
		dfm.Profile.Draft = true
		for _, pr := range dfm.Check(fw) {
			if !slices.Contains(full, pr) {
				t.Fatalf("draft problem %+v is not a problem of the complete profile %v", pr, full)
			}
		}
	})
}
