package framework

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func mustMarshal(t *testing.T, f *Framework, format string) []byte {
	t.Helper()
	data, err := Marshal(f, format)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestLoadAll(t *testing.T) {
	v10 := demo()
	v10.Version = "10"
	v10.Crosswalk = nil
	other := demoV1()
	other.Key = "another"
	fsys := fstest.MapFS{
		"demo-2.yaml":      {Data: mustMarshal(t, demo(), FormatYAML)},
		"demo-1.json":      {Data: mustMarshal(t, demoV1(), FormatJSON)},
		"demo-10.yml":      {Data: mustMarshal(t, v10, FormatYAML)},
		"another.YAML":     {Data: mustMarshal(t, other, FormatYAML)},
		"README.md":        {Data: []byte("# not a framework")},
		"sub/skipped.yaml": {Data: []byte("not even: [valid")},
	}
	fws, ps := LoadAll(fsys)
	if len(ps) != 0 {
		t.Fatalf("problems:\n%s", list(ps))
	}
	var ids []string
	for _, f := range fws {
		ids = append(ids, f.ID())
	}
	if want := []string{"another@1", "demo@1", "demo@2", "demo@10"}; !slices.Equal(ids, want) {
		t.Errorf("order = %v, want %v", ids, want)
	}
}

func TestLoadAllProblems(t *testing.T) {
	orphan := demo()
	orphan.Key = "orphan"
	unmapped := demoV1()
	unmapped.Nodes[0].Children = append(unmapped.Nodes[0].Children, Node{Key: "old-c", Type: "element", Title: "Old C"})
	invalid := demoV1()
	invalid.Key = "invalid"
	invalid.Title = ""
	fsys := fstest.MapFS{
		"broken.yaml":  {Data: []byte("key: a\ntitle: A\n  version: 1\n")},
		"demo-1.yaml":  {Data: mustMarshal(t, unmapped, FormatYAML)},
		"demo-2.yaml":  {Data: mustMarshal(t, demo(), FormatYAML)},
		"copy-2.json":  {Data: mustMarshal(t, demo(), FormatJSON)},
		"orphan.yaml":  {Data: mustMarshal(t, orphan, FormatYAML)},
		"invalid.yaml": {Data: mustMarshal(t, invalid, FormatYAML)},
	}
	fws, ps := LoadAll(fsys)
	var got []string
	for _, p := range ps {
		got = append(got, p.File+" | "+p.Path)
	}
	want := []string{
		"broken.yaml | line 3",
		"invalid.yaml | title",
		"demo-2.yaml | version", // the same version as copy-2.json, read first
		"copy-2.json | crosswalk.mappings",
		"demo-2.yaml | crosswalk.mappings",
		"orphan.yaml | crosswalk.from_version",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n got %q\nwant %q\n%s", got, want, list(ps))
	}
	for _, p := range ps {
		switch p.Path {
		case "version":
			if !strings.Contains(p.Reason, `version "2" of "demo" is also in copy-2.json`) {
				t.Errorf("duplicate: %s", p)
			}
		case "crosswalk.mappings":
			if !strings.Contains(p.Reason, `"old-c"`) {
				t.Errorf("unmapped: %s", p)
			}
		case "crosswalk.from_version":
			if !strings.Contains(p.Reason, `version "1" of "orphan"`) {
				t.Errorf("orphan: %s", p)
			}
		}
	}
	if len(fws) != 5 {
		t.Errorf("got %d frameworks, want the 5 that could be read", len(fws))
	}
}

func TestLoadAllEmptyFolder(t *testing.T) {
	fws, ps := LoadAll(fstest.MapFS{"notes.txt": {Data: []byte("x")}})
	if len(fws) != 0 || len(ps) != 0 {
		t.Fatalf("frameworks %v, problems %v", fws, ps)
	}
}

func TestCompareVersions(t *testing.T) {
	ordered := []string{"", "0.9", "1", "1.0", "1.00", "1.0.1", "1.2", "1.10", "2", "2.1", "2.1a", "2.beta", "10", "2009", "2016", "a", "b"}
	for i, a := range ordered {
		for j, b := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := CompareVersions(a, b); got != want {
				t.Errorf("CompareVersions(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}
