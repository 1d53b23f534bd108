package frameworks

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/workframe/workframe/internal/framework"
)

// decode reads one built-in file strictly: unknown fields fail, and so does a second document.
func decode(t *testing.T, name string) *framework.Framework {
	t.Helper()
	data, err := fs.ReadFile(FS, name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f framework.Framework
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		t.Fatalf("%s: want exactly one YAML document, got more (err %v)", name, err)
	}
	return &f
}

func files(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(FS, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no framework files embedded")
	}
	return names
}

func load(t *testing.T) map[string]*framework.Framework {
	t.Helper()
	out := map[string]*framework.Framework{}
	for _, name := range files(t) {
		out[name] = decode(t, name)
	}
	return out
}

func TestEveryFileDecodesStrictly(t *testing.T) {
	want := []string{
		"calderdale-1.0.yaml", "career-framework-1.0.yaml", "iwf-1.0.yaml", "iwf-2.1.yaml",
		"iwl-2009.yaml", "ksf-2010.yaml", "london-workforce-2016.yaml", "six-steps-1.0.yaml",
	}
	if got := files(t); !slices.Equal(got, want) {
		t.Errorf("embedded files = %v, want %v", got, want)
	}
	for name, f := range load(t) {
		t.Run(name, func(t *testing.T) {
			if got := f.Key + "-" + f.Version + ".yaml"; got != name {
				t.Errorf("file name %s does not match key and version (%s)", name, got)
			}
			for field, v := range map[string]string{
				"key": f.Key, "title": f.Title, "version": f.Version, "status": f.Status,
				"publisher": f.Publisher, "source": f.Source, "licence": f.Licence,
				"description": f.Description,
			} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s is empty", field)
				}
			}
			if !slices.Contains(framework.Kinds, f.Kind) {
				t.Errorf("kind %q is not one of %v", f.Kind, framework.Kinds)
			}
			if !slices.Contains(framework.Statuses, f.Status) {
				t.Errorf("status %q is not one of %v", f.Status, framework.Statuses)
			}
			if len(f.Nodes) == 0 {
				t.Error("no nodes")
			}
		})
	}
}

func TestKeysUniqueAndNodesComplete(t *testing.T) {
	for name, f := range load(t) {
		t.Run(name, func(t *testing.T) {
			seen := map[string]bool{}
			f.Walk(func(n *framework.Node, _ string, _ int) bool {
				switch {
				case n.Key == "":
					t.Errorf("node %q has no key", n.Title)
				case seen[n.Key]:
					t.Errorf("node key %q is not unique", n.Key)
				}
				seen[n.Key] = true
				if n.Type == "" || strings.TrimSpace(n.Title) == "" {
					t.Errorf("node %q needs a type and a title", n.Key)
				}
				return true
			})
			levelKeys := map[string]bool{}
			for i, l := range f.Levels {
				if levelKeys[l.Key] {
					t.Errorf("level key %q is not unique", l.Key)
				}
				levelKeys[l.Key] = true
				if l.Rank != i+1 {
					t.Errorf("level %q has rank %d, want %d (ranks run 1..n in order)", l.Key, l.Rank, i+1)
				}
				if l.Title == "" {
					t.Errorf("level %q has no title", l.Key)
				}
			}
		})
	}
}

// children returns the keys of the direct children of node key, with their types.
func children(t *testing.T, f *framework.Framework, key string) []framework.Node {
	t.Helper()
	n := f.Node(key)
	if n == nil {
		t.Fatalf("%s: no node %q", f.ID(), key)
	}
	return n.Children
}

func TestIWF21(t *testing.T) {
	f := decode(t, "iwf-2.1.yaml")
	if f.Kind != framework.KindProfile || f.Status != framework.StatusPublished {
		t.Errorf("kind/status = %s/%s", f.Kind, f.Status)
	}
	domains := f.NodesOfType("domain")
	if len(domains) != 3 {
		t.Fatalf("%d domains, want 3", len(domains))
	}
	wantPerDomain := map[string]int{
		"domain-clinical-research": 7, "domain-clinical-context": 4, "domain-leadership": 1,
	}
	for key, want := range wantPerDomain {
		kids := children(t, f, key)
		if len(kids) != want {
			t.Errorf("%s has %d elements, want %d", key, len(kids), want)
		}
		for _, k := range kids {
			if k.Type != "element" {
				t.Errorf("%s child %q has type %q, want element", key, k.Key, k.Type)
			}
		}
	}
	if n := len(f.NodesOfType("element")); n != 12 {
		t.Errorf("%d elements, want 12", n)
	}
	var levels []string
	for _, l := range f.Levels {
		levels = append(levels, l.Title)
	}
	if want := []string{"Awareness", "Core", "Intermediate", "Advanced"}; !slices.Equal(levels, want) {
		t.Errorf("levels = %v, want %v", levels, want)
	}
	r := f.Rules
	if r == nil || r.ProfileNodeType != "element" || r.Total != 100 || r.MinShare != 1 || !r.MinShareProvisional {
		t.Errorf("rules = %+v", r)
	}
	// Provisional exactly where the domain guide says.
	provisional := []string{
		"ethics-patient-safety-governance", "science-research-design", "communication-relationships",
		"clinical-context-1", "clinical-context-2", "clinical-context-3", "clinical-context-4",
		"leadership",
	}
	for _, n := range f.NodesOfType("element") {
		if want := slices.Contains(provisional, n.Key); n.Provisional != want {
			t.Errorf("element %q provisional = %v, want %v", n.Key, n.Provisional, want)
		}
	}
	if lead := f.Node("leadership"); lead != nil {
		for _, dim := range []string{
			"Inspiring shared purpose", "Leading with care", "Evaluating information",
			"Connecting our service", "Sharing the vision", "Engaging the team",
			"Holding to account", "Developing capability", "Influencing for results",
		} {
			if !strings.Contains(lead.Description, dim) {
				t.Errorf("leadership description does not name %q", dim)
			}
		}
	}
}

func TestIWF10(t *testing.T) {
	f := decode(t, "iwf-1.0.yaml")
	if f.Status != framework.StatusSuperseded {
		t.Errorf("status = %q, want superseded", f.Status)
	}
	if n := len(f.NodesOfType("element")); n != 9 {
		t.Errorf("%d elements, want 9", n)
	}
	f.Walk(func(n *framework.Node, _ string, _ int) bool {
		if !n.Provisional {
			t.Errorf("node %q is not provisional; the whole version is a reconstruction", n.Key)
		}
		return true
	})
	cur := decode(t, "iwf-2.1.yaml")
	if !slices.EqualFunc(f.Levels, cur.Levels, func(a, b framework.Level) bool {
		return a.Key == b.Key && a.Rank == b.Rank && a.Title == b.Title
	}) {
		t.Error("IWF 1.0 and 2.1 should share the same level scale")
	}
	if f.Rules == nil || cur.Rules == nil || *f.Rules != *cur.Rules {
		t.Errorf("rules differ: 1.0 %+v, 2.1 %+v", f.Rules, cur.Rules)
	}
}

func TestIWFCrosswalk(t *testing.T) {
	old, cur := decode(t, "iwf-1.0.yaml"), decode(t, "iwf-2.1.yaml")
	cw := cur.Crosswalk
	if cw == nil {
		t.Fatal("IWF 2.1 has no crosswalk")
	}
	if cw.FromVersion != old.Version || cw.LevelRule != "largest-share" {
		t.Errorf("crosswalk from %q rule %q", cw.FromVersion, cw.LevelRule)
	}
	from := map[string]bool{}
	reached := map[string]bool{}
	for _, m := range cw.Mappings {
		if from[m.From] {
			t.Errorf("%q is mapped twice", m.From)
		}
		from[m.From] = true
		if n := old.Node(m.From); n == nil || n.Type != "element" {
			t.Errorf("mapping from %q: not an element of IWF 1.0", m.From)
		}
		sum := 0.0
		for _, to := range m.To {
			if n := cur.Node(to.Node); n == nil || n.Type != "element" {
				t.Errorf("mapping %q -> %q: not an element of IWF 2.1", m.From, to.Node)
			}
			if to.Weight <= 0 {
				t.Errorf("mapping %q -> %q: weight %v", m.From, to.Node, to.Weight)
			}
			reached[to.Node] = true
			sum += to.Weight
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("mapping from %q: weights sum to %v, want 1", m.From, sum)
		}
	}
	for _, n := range old.NodesOfType("element") {
		if !from[n.Key] {
			t.Errorf("IWF 1.0 element %q has no mapping", n.Key)
		}
	}
	for _, n := range cur.NodesOfType("element") {
		if !reached[n.Key] {
			t.Errorf("IWF 2.1 element %q is reached by no mapping", n.Key)
		}
	}
	// The 1:1 elements keep their keys across versions.
	for _, m := range cw.Mappings {
		if len(m.To) == 1 && m.To[0].Node != m.From {
			t.Errorf("1:1 mapping %q -> %q changes the key", m.From, m.To[0].Node)
		}
	}
}

func TestCareerFramework(t *testing.T) {
	f := decode(t, "career-framework-1.0.yaml")
	if f.Kind != framework.KindLevels || len(f.Levels) != 9 {
		t.Fatalf("kind %s with %d levels, want levels with 9", f.Kind, len(f.Levels))
	}
	for _, l := range f.Levels {
		want := l.Rank == 5 || l.Rank == 7 || l.Rank == 9
		if l.Provisional != want {
			t.Errorf("level %d provisional = %v, want %v", l.Rank, l.Provisional, want)
		}
		if l.Examples == "" {
			t.Errorf("level %d has no indicative titles", l.Rank)
		}
	}
	if !strings.Contains(f.Description, "not pay bands") {
		t.Error("description should say that levels are not pay bands")
	}
}

func TestKSF(t *testing.T) {
	f := decode(t, "ksf-2010.yaml")
	if len(f.Levels) != 4 {
		t.Errorf("%d levels, want 4", len(f.Levels))
	}
	count := func(parent, prefix string, want int, provisional bool) {
		t.Helper()
		kids := children(t, f, parent)
		if len(kids) != want {
			t.Errorf("%s has %d dimensions, want %d", parent, len(kids), want)
		}
		for i, k := range kids {
			if k.Type != "dimension" {
				t.Errorf("%s: type %q, want dimension", k.Key, k.Type)
			}
			if code := prefix + strconv.Itoa(i+1); k.Code != code {
				t.Errorf("%s: code %q, want %q", k.Key, k.Code, code)
			}
			if k.Provisional != provisional {
				t.Errorf("%s: provisional = %v, want %v", k.Key, k.Provisional, provisional)
			}
		}
	}
	count("core", "C", 6, false)
	count("hwb", "HWB", 10, false)
	count("ef", "EF", 3, true)
	count("ik", "IK", 3, true)
	count("g", "G", 8, true)
	if n := len(f.NodesOfType("dimension")); n != 30 {
		t.Errorf("%d dimensions, want 30", n)
	}
}

func TestIWL(t *testing.T) {
	f := decode(t, "iwl-2009.yaml")
	var levels []string
	for _, l := range f.Levels {
		levels = append(levels, l.Title)
	}
	if want := []string{"Pledge", "Practice", "Practice Plus"}; !slices.Equal(levels, want) {
		t.Errorf("levels = %v, want %v", levels, want)
	}
	areas := f.NodesOfType("area")
	if len(areas) != 7 {
		t.Errorf("%d areas, want 7", len(areas))
	}
	for _, a := range areas {
		if !a.Provisional {
			t.Errorf("area %q should be provisional", a.Key)
		}
		if n := len(a.Children); n < 2 || n > 4 {
			t.Errorf("area %q has %d standards, want 2-4", a.Key, n)
		}
		for _, s := range a.Children {
			if s.Type != "standard" || !s.Provisional || len(s.Examples) == 0 || len(s.References) == 0 {
				t.Errorf("standard %q: type %q, provisional %v, %d examples, %d references",
					s.Key, s.Type, s.Provisional, len(s.Examples), len(s.References))
			}
		}
	}
}

func TestLondonWorkforce(t *testing.T) {
	f := decode(t, "london-workforce-2016.yaml")
	findings := f.NodesOfType("finding")
	if len(findings) != 8 {
		t.Fatalf("%d findings, want 8", len(findings))
	}
	confirmed := map[int]bool{1: true, 2: true, 5: true}
	for i, n := range findings {
		if want := !confirmed[i+1]; n.Provisional != want {
			t.Errorf("finding %d provisional = %v, want %v", i+1, n.Provisional, want)
		}
	}
	if !strings.HasPrefix(findings[5].Title, "Strengthening") {
		t.Errorf("finding 6 = %q, want it to begin with Strengthening", findings[5].Title)
	}
}

func TestMethods(t *testing.T) {
	for _, tc := range []struct {
		file, typ string
		want      int
	}{
		{"six-steps-1.0.yaml", "step", 6},
		{"calderdale-1.0.yaml", "stage", 7},
	} {
		f := decode(t, tc.file)
		if f.Kind != framework.KindMethod {
			t.Errorf("%s: kind %s", tc.file, f.Kind)
		}
		nodes := f.NodesOfType(tc.typ)
		if len(nodes) != tc.want || f.CountNodes() != tc.want {
			t.Errorf("%s: %d %s nodes of %d, want %d", tc.file, len(nodes), tc.typ, f.CountNodes(), tc.want)
		}
		for _, n := range nodes {
			if n.Description == "" {
				t.Errorf("%s: %q has no description", tc.file, n.Key)
			}
		}
	}
}
