package web

import (
	"bytes"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/transfer"
)

func TestFrameworkPages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		c := fx.client()
		list := c.get("/frameworks")
		if list.StatusCode != http.StatusOK {
			t.Fatalf("/frameworks: %d", list.StatusCode)
		}
		for _, want := range []string{"Integrated Workforce Framework", "Career Framework for Health", "Knowledge and Skills Framework", "Improving Working Lives", "London Workforce Strategic Framework"} {
			if !strings.Contains(list.body, want) {
				t.Errorf("framework list lacks %q", want)
			}
		}

		iwf := c.get("/frameworks/iwf/versions/2.1")
		if iwf.StatusCode != http.StatusOK {
			t.Fatalf("IWF 2.1: %d", iwf.StatusCode)
		}
		doc := iwf.doc(t)
		if n := doc.Find(".wf-tree > li").Length(); n != 3 {
			t.Errorf("IWF 2.1 shows %d domains, want 3", n)
		}
		if n := doc.Find(".wf-tree > li > ul > li").Length(); n != 12 {
			t.Errorf("IWF 2.1 shows %d elements, want 12", n)
		}
		if n := doc.Find("#levels ~ table tbody tr").Length(); n != 4 {
			t.Errorf("IWF 2.1 shows %d levels, want 4", n)
		}
		if doc.Find(".wf-provisional").Length() == 0 {
			t.Errorf("IWF 2.1 shows no provisional marks, but several elements are provisional")
		}
		// The newest version is what /frameworks/iwf shows.
		if latest := c.get("/frameworks/iwf"); !strings.Contains(latest.body, "Version 2.1") {
			t.Errorf("/frameworks/iwf does not show version 2.1")
		}

		cmp := c.get("/frameworks/iwf/compare?from=1.0&to=2.1")
		if cmp.StatusCode != http.StatusOK {
			t.Fatalf("compare: %d", cmp.StatusCode)
		}
		cdoc := cmp.doc(t)
		if n := cdoc.Find("#crosswalk ~ table tbody tr").Length(); n != 9 {
			t.Errorf("crosswalk table has %d rows, want one per element of version 1.0 (9)", n)
		}
		if !strings.Contains(cmp.body, "25%") {
			t.Errorf("crosswalk does not show the 25%% shares of the old Clinical Context element")
		}
		// Without a choice, the compare page uses the crosswalk's earlier version.
		if def := c.get("/frameworks/iwf/compare"); !strings.Contains(def.body, "From version 1.0 to version 2.1") {
			t.Errorf("default comparison is not 1.0 to 2.1")
		}
	})
}

func TestFrameworkExport(t *testing.T) {
	fx := newFixture(t, "sqlite")
	c := fx.client()
	for _, f := range transfer.Formats {
		res := c.get("/frameworks/iwf/versions/2.1/export?format=" + string(f))
		if res.StatusCode != http.StatusOK {
			t.Errorf("export %s: %d", f, res.StatusCode)
			continue
		}
		if ct := res.Header.Get("Content-Type"); ct != f.MediaType() {
			t.Errorf("export %s: Content-Type %q", f, ct)
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "iwf-2.1"+f.Extension()) {
			t.Errorf("export %s: Content-Disposition %q", f, cd)
		}
		// Every export except CSV (nodes only) reads back as the same framework.
		if f == transfer.FormatCSV {
			continue
		}
		back, problems, err := transfer.Read("iwf-2.1"+f.Extension(), []byte(res.body))
		if err != nil || len(problems) > 0 {
			t.Errorf("export %s does not read back: %v %v", f, err, problems)
			continue
		}
		if n := len(back.NodesOfType("element")); n != 12 {
			t.Errorf("export %s read back with %d elements", f, n)
		}
	}
	if res := c.get("/frameworks/iwf/versions/2.1/export?format=pdf"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown format: %d, want 400", res.StatusCode)
	}
}

// upload posts a file to the import form as the site administrator's browser would.
func upload(t *testing.T, c *client, filename string, content []byte, fields map[string]string) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(content)
	_ = mw.Close()
	req, err := http.NewRequest(http.MethodPost, c.base+"/frameworks/import", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func TestFrameworkImport(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		admin := fx.signedIn("siteAdmin")
		count := func() int {
			vs, err := fx.db.FrameworkVersions(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			return len(vs)
		}
		before := count()

		bad := []struct {
			name, file string
			want       []string // each must appear in the error summary
		}{
			{"broken.yaml", "key: Bad Key\ntitle: ''\nversion: '1'\nkind: profile\nnodes:\n  - key: a\n    type: element\n    title: A\n  - key: a\n    type: element\n    title: A again\nrules:\n  profile_node_type: element\n  total: 100\n  min_share: 60\n",
				[]string{"broken.yaml", "title", "a"}},
			{"typo.yaml", "key: x\ntitel: X\n", []string{"typo.yaml", "titel"}},
			{"broken-case.json", `{"CFDocument":{"identifier":"d1","title":"Doc"},"CFItems":[{"identifier":"i1","fullStatement":"One"}],"CFAssociations":[{"identifier":"a1","associationType":"isChildOf","originNodeURI":{"identifier":"i1"},"destinationNodeURI":{"identifier":"missing-parent"}}]}`,
				[]string{"missing-parent"}},
		}
		for _, b := range bad {
			res := upload(t, admin, b.name, []byte(b.file), nil)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d, want 422", b.name, res.StatusCode)
				continue
			}
			summary := strings.Join(errorSummary(t, res), "\n")
			for _, w := range b.want {
				if !strings.Contains(summary, w) {
					t.Errorf("%s: error summary lacks %q:\n%s", b.name, w, summary)
				}
			}
		}
		if res := upload(t, admin, "empty.yaml", nil, nil); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("empty file: %d", res.StatusCode)
		}
		if n := count(); n != before {
			t.Fatalf("bad imports changed the catalogue: %d versions before, %d after", before, n)
		}

		csv := "key,parent,type,title\nplan,,step,Plan the change\ndo,,step,Do it\n"
		ok := upload(t, admin, "local.csv", []byte(csv), map[string]string{"key": "local-method", "title": "Local method", "version": "1", "kind": "method"})
		if ok.StatusCode != http.StatusSeeOther || ok.Header.Get("Location") != "/frameworks/local-method/versions/1" {
			t.Fatalf("good CSV import: %d to %q; summary %q", ok.StatusCode, ok.Header.Get("Location"), errorSummary(t, ok))
		}
		if n := count(); n != before+1 {
			t.Errorf("after a good import: %d versions, want %d", n, before+1)
		}
		// Importing the same version again is refused with a clear message.
		again := upload(t, admin, "local.csv", []byte(csv), map[string]string{"key": "local-method", "title": "Local method", "version": "1", "kind": "method"})
		if again.StatusCode != http.StatusConflict || !strings.Contains(strings.Join(errorSummary(t, again), " "), "already has a version 1") {
			t.Errorf("duplicate version: %d %q", again.StatusCode, errorSummary(t, again))
		}
	})
}

// TestOrganisationFrameworkIsPrivate: an organisation's own framework is visible only to those
// with access to that organisation, and never in the shared catalogue.
func TestOrganisationFrameworkIsPrivate(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		f := &framework.Framework{Key: "trust-b-local", Title: "Trust B local framework", Version: "1", Kind: framework.KindMethod,
			Nodes: []framework.Node{{Key: "s1", Type: "step", Title: "Step one"}}}
		if _, err := fx.db.SaveOrganisationFrameworkVersion(t.Context(), store.Actor{}, fx.orgB.ID, f); err != nil {
			t.Fatal(err)
		}
		paths := []string{"/frameworks/trust-b-local", "/frameworks/trust-b-local/versions/1", "/frameworks/trust-b-local/versions/1/export?format=csv"}
		for _, persona := range []string{"anonymous", "staff", "orgAdmin"} {
			c := fx.signedIn(persona)
			for _, p := range paths {
				if res := c.get(p); res.StatusCode != http.StatusNotFound {
					t.Errorf("%s GET %s: %d, want 404", persona, p, res.StatusCode)
				}
			}
			if strings.Contains(c.get("/frameworks").body, "Trust B local framework") {
				t.Errorf("%s sees Trust B's framework in the shared catalogue", persona)
			}
		}
		adminB := fx.signedIn("adminB")
		for _, p := range paths {
			if res := adminB.get(p); res.StatusCode != http.StatusOK {
				t.Errorf("Trust B's administrator GET %s: %d, want 200", p, res.StatusCode)
			}
		}
	})
}
