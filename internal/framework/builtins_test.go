package framework_test

import (
	"testing"

	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/framework"
)

// TestBuiltinsAreValid loads the framework files embedded in the binary exactly as the
// application does and checks the facts of DOMAIN.md that the rest of Workframe relies on.
func TestBuiltinsAreValid(t *testing.T) {
	fws, problems := framework.LoadAll(frameworks.FS)
	for _, p := range problems {
		t.Errorf("built-in framework problem: %s", p)
	}
	find := func(key, version string) *framework.Framework {
		for _, f := range fws {
			if f.Key == key && f.Version == version {
				return f
			}
		}
		t.Fatalf("no built-in framework %s version %s", key, version)
		return nil
	}

	iwf := find("iwf", "2.1")
	elements := iwf.NodesOfType("element")
	if len(elements) != 12 {
		t.Errorf("IWF 2.1 has %d elements, want 12", len(elements))
	}
	domains := map[string]int{}
	for _, e := range elements {
		parent := iwf.Parent(e.Key)
		if parent == nil || parent.Type != "domain" {
			t.Errorf("IWF 2.1 element %q is not in a domain", e.Key)
			continue
		}
		domains[parent.Title]++
	}
	if len(domains) != 3 {
		t.Errorf("IWF 2.1 elements are in %d domains, want 3: %v", len(domains), domains)
	}
	if n := len(iwf.NodesOfType("domain")); n != 3 {
		t.Errorf("IWF 2.1 has %d domains, want 3", n)
	}
	if len(iwf.Levels) != 4 {
		t.Errorf("IWF 2.1 has %d levels, want 4", len(iwf.Levels))
	}
	if got := len(iwf.ProfiledNodes()); got != 12 {
		t.Errorf("IWF 2.1 profiles %d nodes, want 12", got)
	}

	earlier := find("iwf", "1.0")
	if n := len(earlier.NodesOfType("element")); n != 9 {
		t.Errorf("IWF 1.0 has %d elements, want 9", n)
	}
	if !iwf.Crosswalk.MapsFrom("1.0") {
		t.Errorf("IWF 2.1 has no crosswalk from 1.0")
	}
	d := framework.Diff(earlier, iwf)
	if len(d.Crosswalk) != 9 {
		t.Errorf("the IWF 1.0 → 2.1 comparison lists %d crosswalk rows, want 9", len(d.Crosswalk))
	}
}
