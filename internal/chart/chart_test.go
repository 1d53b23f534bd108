package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata (and the example PNGs)")

// iwfExample is a realistic IWF v2.1 role profile (a research nurse), 12 elements in 3 domains.
func iwfExample() Profile {
	lv := func(rank int) (int, int, string) {
		return rank, 4, []string{"", "Awareness", "Core", "Intermediate", "Advanced"}[rank]
	}
	seg := func(key, label, group string, share, rank int, prov bool) Segment {
		r, n, l := lv(rank)
		return Segment{Key: key, Label: label, Group: group, Share: share, LevelRank: r, LevelCount: n, LevelLabel: l, Provisional: prov}
	}
	return Profile{
		Title:       "Research nurse: role profile",
		Description: "IWF version 2.1 focus profile.",
		Groups: []Group{
			{Key: "cr", Label: "Clinical Research"},
			{Key: "cc", Label: "Clinical Context"},
			{Key: "ld", Label: "Leadership"},
		},
		Segments: []Segment{
			seg("cr1", "Ethics, Patient Safety and Clinical Governance", "cr", 10, 3, true),
			seg("cr2", "Research Development and Regulation", "cr", 8, 2, false),
			seg("cr3", "Science and Research Design", "cr", 6, 2, true),
			seg("cr4", "Clinical Studies Operations", "cr", 20, 4, false),
			seg("cr5", "Study and Site Management", "cr", 15, 4, false),
			seg("cr6", "Data Management and Informatics", "cr", 10, 3, false),
			seg("cr7", "Communication and Relationships", "cr", 9, 3, true),
			seg("cc1", "Clinical Context 1 (name to be confirmed)", "cc", 5, 2, true),
			seg("cc2", "Clinical Context 2 (name to be confirmed)", "cc", 4, 1, true),
			seg("cc3", "Clinical Context 3 (name to be confirmed)", "cc", 3, 2, true),
			seg("cc4", "Clinical Context 4 (name to be confirmed)", "cc", 2, 1, true),
			seg("ld1", "Leadership", "ld", 8, 2, true),
		},
	}
}

// personView is a person's view of the same role, to compare with.
func personView() *Profile {
	p := iwfExample()
	p.Title = "Sam Patel's view"
	shares := []int{8, 6, 4, 25, 20, 12, 8, 4, 3, 2, 1, 7}
	ranks := []int{3, 2, 2, 4, 3, 3, 4, 2, 2, 1, 1, 2}
	names := []string{"", "Awareness", "Core", "Intermediate", "Advanced"}
	for i := range p.Segments {
		p.Segments[i].Share = shares[i]
		p.Segments[i].LevelRank = ranks[i]
		p.Segments[i].LevelLabel = names[ranks[i]]
	}
	return &p
}

// node is a parsed XML element.
type node struct {
	name     string
	attrs    map[string]string
	children []*node
	text     string
}

func (n *node) walk(fn func(*node)) {
	fn(n)
	for _, c := range n.children {
		c.walk(fn)
	}
}

func (n *node) all(pred func(*node) bool) []*node {
	var out []*node
	n.walk(func(m *node) {
		if pred(m) {
			out = append(out, m)
		}
	})
	return out
}

func hasClass(n *node, class string) bool {
	for _, c := range strings.Fields(n.attrs["class"]) {
		if c == class {
			return true
		}
	}
	return false
}

// parseSVG parses data strictly with encoding/xml and returns the root element.
func parseSVG(t testing.TB, data []byte) *node {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var stack []*node
	var root *node
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch v := tok.(type) {
		case xml.StartElement:
			n := &node{name: v.Name.Local, attrs: map[string]string{}}
			if v.Name.Space != "http://www.w3.org/2000/svg" {
				t.Fatalf("element %s in namespace %q", v.Name.Local, v.Name.Space)
			}
			for _, a := range v.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					t.Fatal("two root elements")
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(v)
			}
		}
	}
	if root == nil {
		t.Fatal("no root element")
	}
	return root
}

func render(t testing.TB, p Profile, o Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := SVG(&b, p, o); err != nil {
		t.Fatalf("SVG: %v", err)
	}
	return b.Bytes()
}

// checkSVG asserts what every chart must satisfy and returns the parsed root.
func checkSVG(t testing.TB, p Profile, o Options, data []byte) *node {
	t.Helper()
	root := parseSVG(t, data)
	prefix := cleanID(o.IDPrefix)
	if root.name != "svg" || root.attrs["role"] != "img" {
		t.Fatalf("root is <%s role=%q>, want <svg role=img>", root.name, root.attrs["role"])
	}
	if got, want := root.attrs["aria-labelledby"], prefix+"-title "+prefix+"-desc"; got != want {
		t.Errorf("aria-labelledby = %q, want %q", got, want)
	}
	for _, a := range []string{"viewBox", "width", "height", "font-family"} {
		if root.attrs[a] == "" {
			t.Errorf("root has no %s", a)
		}
	}
	if len(root.children) < 2 || root.children[0].name != "title" || root.children[1].name != "desc" {
		t.Fatal("the first children of <svg> must be <title> and <desc>")
	}
	title, desc := root.children[0], root.children[1]
	if title.attrs["id"] != prefix+"-title" || strings.TrimSpace(title.text) == "" {
		t.Errorf("title: id %q text %q", title.attrs["id"], title.text)
	}
	if desc.attrs["id"] != prefix+"-desc" || strings.TrimSpace(desc.text) == "" {
		t.Errorf("desc: id %q text %q", desc.attrs["id"], desc.text)
	}
	ids := map[string]bool{}
	root.walk(func(n *node) {
		if n.name == "style" {
			t.Error("<style> element found")
		}
		if _, ok := n.attrs["style"]; ok {
			t.Errorf("style attribute on <%s>", n.name)
		}
		if id, ok := n.attrs["id"]; ok {
			if ids[id] {
				t.Errorf("duplicate id %q", id)
			}
			if !strings.HasPrefix(id, prefix+"-") {
				t.Errorf("id %q does not start with the prefix %q", id, prefix)
			}
			ids[id] = true
		}
		if n.name == "script" || n.name == "foreignObject" {
			t.Errorf("<%s> found", n.name)
		}
	})
	// Every url(#...) reference resolves.
	root.walk(func(n *node) {
		for _, v := range n.attrs {
			if strings.HasPrefix(v, "url(#") && !ids[strings.TrimSuffix(strings.TrimPrefix(v, "url(#"), ")")] {
				t.Errorf("unresolved reference %s", v)
			}
		}
	})
	// One segment path per element with a share above zero, keyed by element.
	nonZero, provisional := 0, 0
	for _, s := range p.Segments {
		if s.Share > 0 {
			nonZero++
			if s.Provisional {
				provisional++
			}
		}
	}
	segs := root.all(func(n *node) bool { return n.name == "path" && hasClass(n, "wf-chart-segment") })
	if len(segs) != nonZero {
		t.Errorf("%d segment paths, want %d", len(segs), nonZero)
	}
	prov := 0
	for _, s := range segs {
		if s.attrs["d"] == "" || s.attrs["data-key"] == "" {
			t.Errorf("segment without d or data-key: %v", s.attrs)
		}
		if hasClass(s, "wf-chart-provisional") {
			prov++
			if !strings.HasPrefix(s.attrs["fill"], "url(#") {
				t.Errorf("provisional segment %s is not hatched: fill %q", s.attrs["data-key"], s.attrs["fill"])
			}
		}
	}
	if prov != provisional {
		t.Errorf("%d provisional segments, want %d", prov, provisional)
	}
	// Read each segment's outer radius from its path (the first arc): a higher level rank
	// reaches further out, the same rank equally far.
	rank := map[string]int{}
	for _, s := range p.Segments {
		if s.LevelCount > 0 {
			rank[s.Key] = s.LevelRank
		}
	}
	type reach struct {
		rank  int
		outer float64
	}
	var reaches []reach
	for _, s := range segs {
		k, ok := rank[s.attrs["data-key"]]
		if !ok {
			continue
		}
		var r float64
		if _, err := fmt.Sscanf(s.attrs["d"][strings.Index(s.attrs["d"], "A")+1:], "%g", &r); err != nil {
			t.Fatalf("segment path %q: %v", s.attrs["d"], err)
		}
		reaches = append(reaches, reach{k, r})
	}
	for _, x := range reaches {
		for _, y := range reaches {
			if x.rank < y.rank && x.outer >= y.outer || x.rank == y.rank && x.outer != y.outer {
				t.Errorf("level rank %d reaches %v, rank %d reaches %v", x.rank, x.outer, y.rank, y.outer)
			}
		}
	}
	return root
}

func texts(root *node) []string {
	var out []string
	for _, n := range root.all(func(n *node) bool { return n.name == "text" }) {
		out = append(out, n.text)
	}
	return out
}

func TestSVGExample(t *testing.T) {
	p := iwfExample()
	o := Options{IDPrefix: "role-42", GroupNoun: "domain"}
	root := checkSVG(t, p, o, render(t, p, o))
	desc := root.children[1].text
	want := "IWF version 2.1 focus profile. 12 elements in 3 domains; largest: Clinical Studies Operations 20% at Advanced; 8 provisional."
	if desc != want {
		t.Errorf("desc = %q\nwant   %q", desc, want)
	}
	all := strings.Join(texts(root), "\n")
	for _, s := range []string{"Clinical Research", "Clinical Context", "Leadership", "Clinical Studies Operations", "20%", "Advanced", "Total", "100%", "* Provisional: drawn hatched in the chart."} {
		if !strings.Contains(all, s) {
			t.Errorf("legend lacks %q", s)
		}
	}
	// Provisional elements carry an asterisk in the legend; others do not.
	for _, s := range p.Segments {
		// Labels may wrap: the asterisk follows the label's last word.
		words := strings.Fields(s.Label)
		marked := strings.Contains(all, words[len(words)-1]+"*")
		if marked != s.Provisional {
			t.Errorf("%s: marked provisional %v, want %v", s.Label, marked, s.Provisional)
		}
	}
	// The numbers around the chart match the legend: 1..12 each appear twice.
	for i := 1; i <= 12; i++ {
		n := 0
		for _, s := range texts(root) {
			if s == fmt.Sprint(i) {
				n++
			}
		}
		if n != 2 {
			t.Errorf("number %d appears %d times, want 2 (chart and legend)", i, n)
		}
	}
}

func TestSpansSumTo360(t *testing.T) {
	for _, shares := range [][]int{
		{100}, {50, 50}, {1, 99}, {0, 100, 0}, {10, 8, 6, 20, 15, 10, 9, 5, 4, 3, 2, 8}, {33, 33, 33}, {1, 1, 1}, {7, 0, 13},
	} {
		sp := spans(shares)
		sum, prev := 0.0, 0.0
		for _, s := range sp {
			if s.a0 != prev {
				t.Errorf("%v: segment %d starts at %v, previous ended at %v", shares, s.idx, s.a0, prev)
			}
			if shares[s.idx] == 0 {
				t.Errorf("%v: zero share %d drawn", shares, s.idx)
			}
			sum += s.a1 - s.a0
			prev = s.a1
		}
		if math.Abs(sum-360) > 1e-9 || prev != 360 {
			t.Errorf("%v: angles sum to %v, end at %v; want 360", shares, sum, prev)
		}
		// Each angle is share/total × 360.
		total := 0
		for _, s := range shares {
			total += s
		}
		for _, s := range sp {
			if want := 360 * float64(shares[s.idx]) / float64(total); math.Abs(s.a1-s.a0-want) > 1e-9 {
				t.Errorf("%v: segment %d spans %v°, want %v°", shares, s.idx, s.a1-s.a0, want)
			}
		}
	}
	if spans([]int{0, 0}) != nil {
		t.Error("all-zero shares give segments")
	}
}

func TestOuterRadiusGrowsWithLevel(t *testing.T) {
	for n := 1; n <= 9; n++ {
		prev := 0.0
		for k := 0; k <= n; k++ {
			r := levelRadius(k, n)
			if r <= prev || r <= hole || r > radius {
				t.Errorf("levelRadius(%d, %d) = %v after %v", k, n, r, prev)
			}
			prev = r
		}
		if levelRadius(n, n) != radius {
			t.Errorf("top level %d reaches %v, want %v", n, levelRadius(n, n), radius)
		}
	}
	// And in a laid-out chart: sort the drawn segments by rank, radii must follow.
	p := iwfExample()
	b := &builder{p: p, o: Options{}}
	b.collect()
	for _, x := range b.arcs {
		for _, y := range b.arcs {
			rx, ry := b.rows[x.row].main.LevelRank, b.rows[y.row].main.LevelRank
			if rx < ry && !(x.outer < y.outer) || rx == ry && x.outer != y.outer {
				t.Errorf("rank %d reaches %v, rank %d reaches %v", rx, x.outer, ry, y.outer)
			}
		}
	}
}

func TestSingleFullSegment(t *testing.T) {
	p := Profile{Title: "All on one", Groups: []Group{{Key: "g", Label: "G"}}, Segments: []Segment{
		{Key: "a", Label: "Alpha", Group: "g", Share: 0, LevelRank: 1, LevelCount: 4, LevelLabel: "Awareness"},
		{Key: "b", Label: "Beta", Group: "g", Share: 100, LevelRank: 3, LevelCount: 4, LevelLabel: "Intermediate"},
	}}
	root := checkSVG(t, p, Options{}, render(t, p, Options{}))
	segs := root.all(func(n *node) bool { return hasClass(n, "wf-chart-segment") })
	if len(segs) != 1 {
		t.Fatalf("%d segments", len(segs))
	}
	d := segs[0].attrs["d"]
	// A full ring: two half arcs outside, two inside, no degenerate arc to the same point.
	if strings.Count(d, "A") != 4 || strings.Count(d, "M") != 2 {
		t.Errorf("full ring path %q", d)
	}
	if !strings.Contains(strings.Join(texts(root), "|"), "Alpha") {
		t.Error("0% element not listed in the legend")
	}
	// The ring reaches the Intermediate radius.
	sp := spans([]int{0, 100})
	if len(sp) != 1 || sp[0].a0 != 0 || sp[0].a1 != 360 {
		t.Errorf("spans = %v", sp)
	}
	// Also drawable as PNG.
	var buf bytes.Buffer
	if err := PNG(&buf, p, Options{Size: 200}); err != nil {
		t.Fatal(err)
	}
}

func TestZeroSharesListedNotDrawn(t *testing.T) {
	p := iwfExample()
	p.Segments[1].Share, p.Segments[3].Share = 0, 28
	root := checkSVG(t, p, Options{}, render(t, p, Options{}))
	for _, s := range root.all(func(n *node) bool { return hasClass(n, "wf-chart-segment") }) {
		if s.attrs["data-key"] == "cr2" {
			t.Error("0% element drawn")
		}
	}
	if !strings.Contains(strings.Join(texts(root), "|"), "Research Development and Regulation") {
		t.Error("0% element not in the legend")
	}
	if !strings.Contains(root.children[1].text, "1 at 0% not drawn") {
		t.Errorf("desc %q", root.children[1].text)
	}
}

func TestDraftsAndOddInputs(t *testing.T) {
	cases := map[string]Profile{
		"empty":          {},
		"all zero":       {Segments: []Segment{{Key: "a", Share: 0}, {Key: "b", Share: 0}}},
		"no groups":      {Segments: []Segment{{Key: "a", Label: "A", Share: 60}, {Key: "b", Label: "B", Share: 30}}},
		"no levels":      {Segments: []Segment{{Key: "a", Share: 60}, {Key: "b", Share: 40}}},
		"level missing":  {Segments: []Segment{{Key: "a", Share: 60, LevelCount: 4}, {Key: "b", Share: 40, LevelRank: 2, LevelCount: 4}}},
		"markup in text": {Title: `<script>alert("x")</script> & co`, Segments: []Segment{{Key: `"k"`, Label: "<b>bold</b> & ]]>", Share: 100}}},
		"bad utf8":       {Title: "a\xffb\x00c", Segments: []Segment{{Key: "a", Label: "x\x01y", Share: 100}}},
		"unlisted group": {Groups: []Group{{Key: "g", Label: "G"}}, Segments: []Segment{{Key: "a", Group: "g", Share: 50}, {Key: "b", Share: 30}, {Key: "c", Group: "x", Share: 20}}},
		"many groups": func() Profile {
			var p Profile
			for i := range 14 {
				k := fmt.Sprint("g", i)
				p.Groups = append(p.Groups, Group{Key: k, Label: "Group " + k})
				p.Segments = append(p.Segments, Segment{Key: k, Label: k, Group: k, Share: 7, LevelRank: i%3 + 1, LevelCount: 3})
			}
			return p
		}(),
	}
	for name, p := range cases {
		t.Run(name, func(t *testing.T) {
			checkSVG(t, p, Options{}, render(t, p, Options{}))
			var buf bytes.Buffer
			if err := PNG(&buf, p, Options{Size: 160}); err != nil {
				t.Fatal(err)
			}
		})
	}
	// A draft that does not add up says so.
	p := Profile{Segments: []Segment{{Key: "a", Share: 60}, {Key: "b", Share: 37}}}
	root := checkSVG(t, p, Options{}, render(t, p, Options{}))
	if !strings.Contains(root.children[1].text, "shares add up to 97%") {
		t.Errorf("desc %q", root.children[1].text)
	}
}

func TestInvalid(t *testing.T) {
	for name, p := range map[string]Profile{
		"negative":      {Segments: []Segment{{Key: "a", Share: -1}}},
		"over 100":      {Segments: []Segment{{Key: "a", Share: 101}}},
		"rank too high": {Segments: []Segment{{Key: "a", Share: 1, LevelRank: 5, LevelCount: 4}}},
		"duplicate key": {Segments: []Segment{{Key: "a", Share: 1}, {Key: "a", Share: 1}}},
		"duplicate grp": {Groups: []Group{{Key: "g"}, {Key: "g"}}},
	} {
		if err := SVG(io.Discard, p, Options{}); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
	if err := SVG(io.Discard, Profile{}, Options{Size: -3}); !errors.Is(err, ErrInvalid) {
		t.Errorf("negative size: %v", err)
	}
	bad := Profile{Segments: []Segment{{Key: "a", Share: -5}}}
	if err := SVG(io.Discard, iwfExample(), Options{Compare: &bad}); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad compare: %v", err)
	}
}

func TestCompare(t *testing.T) {
	p := iwfExample()
	o := Options{Compare: personView(), GroupNoun: "domain"}
	root := checkSVG(t, p, o, render(t, p, o))
	if n := len(root.all(func(n *node) bool { return hasClass(n, "wf-chart-compare") })); n != 1 {
		t.Errorf("%d compare outlines, want 1", n)
	}
	desc := root.children[1].text
	if !strings.Contains(desc, "Dashed outline: Sam Patel's view; largest difference: Clinical Studies Operations 20% against 25%; 4 elements at a different level.") {
		t.Errorf("desc = %q", desc)
	}
	all := strings.Join(texts(root), "|")
	for _, s := range []string{"This profile", "Compared", "25%", "Dashed outline: Sam"} {
		if !strings.Contains(all, s) {
			t.Errorf("legend lacks %q", s)
		}
	}
	// An element only in the compared profile is listed, not drawn as a segment.
	c := personView()
	c.Segments = append(c.Segments, Segment{Key: "new", Label: "Brand new element", Group: "ld", Share: 0})
	o.Compare = c
	root = checkSVG(t, p, o, render(t, p, o))
	if !strings.Contains(strings.Join(texts(root), "|"), "Brand new element") {
		t.Error("compare-only element not listed")
	}
	// A compared profile of one segment is a full circle.
	one := Profile{Segments: []Segment{{Key: "cr4", Share: 100, LevelRank: 2, LevelCount: 4}}}
	o.Compare = &one
	checkSVG(t, p, o, render(t, p, o))
}

func TestIDPrefixesKeepChartsApart(t *testing.T) {
	p := iwfExample()
	a := parseSVG(t, render(t, p, Options{IDPrefix: "first"}))
	b := parseSVG(t, render(t, p, Options{IDPrefix: "second"}))
	ids := map[string]bool{}
	for _, r := range []*node{a, b} {
		r.walk(func(n *node) {
			if id := n.attrs["id"]; id != "" {
				if ids[id] {
					t.Errorf("id %q in both charts", id)
				}
				ids[id] = true
			}
		})
	}
	for in, want := range map[string]string{"": "profile-chart", "9 lives!": "lives", "a b\"c": "abc", "x-1_y": "x-1_y"} {
		if got := cleanID(in); got != want {
			t.Errorf("cleanID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	p := iwfExample()
	o := Options{Compare: personView()}
	a, b := render(t, p, o), render(t, p, o)
	if !bytes.Equal(a, b) {
		t.Error("two renders differ")
	}
}

func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		p    Profile
		o    Options
	}{
		{"profile-12", iwfExample(), Options{IDPrefix: "role", GroupNoun: "domain"}},
		{"profile-12-compare", iwfExample(), Options{IDPrefix: "cmp", GroupNoun: "domain", Compare: personView(), ShowTitle: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := render(t, c.p, c.o)
			file := filepath.Join("testdata", c.name+".svg")
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				// An example PNG for people to look at (not compared: rasterising may differ
				// in the last bit between architectures).
				var buf bytes.Buffer
				o := c.o
				o.Size = 960
				if err := PNG(&buf, c.p, o); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join("testdata", c.name+".png"), buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; if the change is intended, run go test ./internal/chart -update and review the diff", file)
			}
		})
	}
}

func TestPaletteContrast(t *testing.T) {
	white := mustHex(colWhite)
	for i, c := range palette {
		if r := contrastRatio(mustHex(c), white); r < 3 {
			t.Errorf("palette[%d] %s: contrast %.2f:1 against white, want ≥ 3:1", i, c, r)
		}
	}
	// Text colours meet the 4.5:1 of body text.
	for _, c := range []string{colText, colSecondary} {
		if r := contrastRatio(mustHex(c), white); r < 4.5 {
			t.Errorf("text colour %s: %.2f:1", c, r)
		}
	}
	// Chart furniture that conveys meaning (guide rings beyond a segment) meets 3:1 on the
	// pale background.
	if r := contrastRatio(mustHex(colMidGrey), mustHex(colPale)); r < 3 {
		t.Errorf("guide ring %s on %s: %.2f:1", colMidGrey, colPale, r)
	}
	// Known values from WCAG's formula.
	if r := contrastRatio(mustHex("#000000"), white); math.Abs(r-21) > 1e-9 {
		t.Errorf("black on white = %v", r)
	}
	if r := contrastRatio(mustHex("#ffb81c"), white); r >= 3 {
		t.Errorf("NHS warm yellow passes at %.2f: the formula is wrong", r)
	}
	for i := range 25 {
		if GroupColour(i) != palette[i%len(palette)] {
			t.Error("GroupColour does not cycle the palette")
		}
	}
}

// randomProfile spreads 100% over 1..30 segments in up to 5 groups, some at 0%.
func randomProfile(r *rand.Rand) Profile {
	n := 1 + r.IntN(30)
	ng := 1 + r.IntN(5)
	var p Profile
	p.Title = "Random"
	for g := range ng {
		p.Groups = append(p.Groups, Group{Key: fmt.Sprint("g", g), Label: fmt.Sprint("Group ", g)})
	}
	shares := make([]int, n)
	for range 100 {
		shares[r.IntN(n)]++
	}
	levels := 1 + r.IntN(9)
	for i := range n {
		rank := r.IntN(levels + 1)
		p.Segments = append(p.Segments, Segment{
			Key: fmt.Sprint("e", i), Label: strings.Repeat("Word ", 1+r.IntN(12)), Group: fmt.Sprint("g", r.IntN(ng)),
			Share: shares[i], LevelRank: rank, LevelCount: levels, LevelLabel: fmt.Sprint("L", rank), Provisional: r.IntN(3) == 0,
		})
	}
	return p
}

func TestPropertyRandomProfiles(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		p := randomProfile(r)
		o := Options{IDPrefix: fmt.Sprint("c", i)}
		if i%3 == 0 {
			c := randomProfile(r)
			o.Compare = &c
		}
		checkSVG(t, p, o, render(t, p, o))
		if t.Failed() {
			t.Fatalf("failed on profile %d: %+v", i, p)
		}
	}
}

// FuzzSVG: any shares summing to 100 over 1-30 segments give a valid chart.
func FuzzSVG(f *testing.F) {
	f.Add([]byte{12, 10, 8, 6, 20, 15, 10, 9, 5, 4, 3, 2, 8}, "Label")
	f.Add([]byte{1}, "")
	f.Add([]byte{30, 0, 0, 0, 255}, "<&>\"")
	f.Fuzz(func(t *testing.T, data []byte, label string) {
		if len(data) == 0 {
			return
		}
		n := 1 + int(data[0])%30
		shares := make([]int, n)
		// Deal the 100 points by the remaining bytes (or evenly when they run out).
		for k := range 100 {
			i := k % n
			if 1+k < len(data) {
				i = int(data[1+k]) % n
			}
			shares[i]++
		}
		p := Profile{Title: label, Groups: []Group{{Key: "a", Label: label}, {Key: "b", Label: "B"}}}
		for i, s := range shares {
			p.Segments = append(p.Segments, Segment{Key: fmt.Sprint(i), Label: label, Group: []string{"a", "b"}[i%2],
				Share: s, LevelRank: i % 5, LevelCount: 4, Provisional: i%3 == 1})
		}
		checkSVG(t, p, Options{}, render(t, p, Options{}))
	})
}
