package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// matrixFramework is the framework the permission matrix opens for the organisation framework
// routes: a draft of Trust A, made the first time it is asked for.
func (fx *fixture) matrixFramework() *framework.Framework {
	fx.t.Helper()
	if f, _, err := fx.db.FrameworkVersion(fx.t.Context(), "trust-a-matrix", "1"); err == nil {
		return f
	}
	f := &framework.Framework{Key: "trust-a-matrix", Version: "1", Title: "Trust A matrix framework", Kind: framework.KindCompetence,
		Status: framework.StatusDraft, Nodes: []framework.Node{{Key: "d", Type: "domain", Title: "Domain", Children: []framework.Node{
			{Key: "c", Type: "competence", Title: "Competence"}}}}}
	if _, err := fx.db.SaveOrganisationFrameworkVersion(fx.t.Context(), store.Actor{}, fx.orgA.ID, f); err != nil {
		fx.t.Fatal(err)
	}
	return f
}

// builderForm is a filled-in builder: two levels, one domain, two competences.
func builderForm(key string) url.Values {
	return url.Values{
		"key": {key}, "title": {"Trust A nursing competences"}, "version": {"1"}, "description": {"Our own."},
		"level-rows": {"3"}, "domain-rows": {"3"}, "competence-rows": {"3"},
		"level-0-title": {"Foundation"}, "level-0-order": {"2"},
		"level-1-title": {"Advanced"}, "level-1-order": {"3"},
		"level-2-title": {"Entry"}, "level-2-order": {"1"},
		"domain-0-title": {"Clinical care"}, "domain-0-code": {"CC"},
		"competence-0-domain": {"clinical care"}, "competence-0-code": {"CC1"}, "competence-0-title": {"Tracheostomy care"},
		"competence-1-domain": {"Clinical care"}, "competence-1-code": {"CC2"}, "competence-1-title": {"Wound care"}, "competence-1-order": {"1"},
		"action": {"save"},
	}
}

func TestOrganisationBuildsAFramework(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		c := fx.signedIn("orgAdmin")
		base := fmt.Sprintf("/organisations/%d/frameworks", fx.orgA.ID)
		if res := c.get(base + "/new"); res.StatusCode != http.StatusOK || res.doc(t).Find("#level-2-title").Length() != 1 {
			t.Fatalf("new framework form: %d", res.StatusCode)
		}

		// Bad input: every problem listed, what was typed kept.
		bad := builderForm("Bad Key")
		bad.Set("title", "")
		bad.Set("competence-0-domain", "Nowhere")
		bad.Set("level-1-title", "foundation")
		bad.Set("competence-1-order", "first")
		res := c.post(base, bad)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad builder form: %d", res.StatusCode)
		}
		got := strings.Join(errorSummary(t, res), "\n")
		for _, want := range []string{"Enter the framework's title", `lower-case letters, digits and single hyphens between them, like "bad-key"`,
			"Level 2: another level is called foundation", "Competence 1: there is no domain called Nowhere", "Competence 2: the order must be a whole number"} {
			if !strings.Contains(got, want) {
				t.Errorf("the error summary does not say %q:\n%s", want, got)
			}
		}
		doc := res.doc(t)
		if v, _ := doc.Find("#competence-0-domain").Attr("value"); v != "Nowhere" {
			t.Errorf("the typed domain is not kept: %q", v)
		}
		if v, _ := doc.Find("#key").Attr("value"); v != "Bad Key" {
			t.Errorf("the typed key is not kept: %q", v)
		}

		// More rows without saving.
		more := builderForm("trust-a-nursing")
		more.Set("action", "more")
		if res := c.post(base, more); res.StatusCode != http.StatusOK || res.doc(t).Find("#competence-5-title").Length() != 1 {
			t.Errorf("add more rows: %d", res.StatusCode)
		}

		// A key another organisation's framework has is refused.
		if _, err := fx.db.SaveOrganisationFrameworkVersion(t.Context(), store.Actor{}, fx.orgB.ID, &framework.Framework{Key: "trust-b-own",
			Version: "1", Title: "B", Kind: framework.KindCompetence, Nodes: []framework.Node{{Key: "x", Type: "competence", Title: "X"}}}); err != nil {
			t.Fatal(err)
		}
		if res := c.post(base, builderForm("trust-b-own")); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(errorSummary(t, res), ""), "Another framework has the key") {
			t.Errorf("taken key: %d %v", res.StatusCode, errorSummary(t, res))
		}

		res = c.post(base, builderForm("trust-a-nursing"))
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d %v", res.StatusCode, errorSummary(t, res))
		}
		f, meta, err := fx.db.FrameworkVersion(t.Context(), "trust-a-nursing", "1")
		if err != nil {
			t.Fatal(err)
		}
		if meta.OrganisationID != fx.orgA.ID || f.Status != framework.StatusDraft || f.Kind != framework.KindCompetence {
			t.Errorf("saved as %+v", meta)
		}
		if len(f.Levels) != 3 || f.Levels[0].Title != "Entry" || f.Levels[0].Rank != 1 || f.Levels[2].Title != "Advanced" {
			t.Errorf("levels %+v", f.Levels)
		}
		if len(f.Nodes) != 1 || len(f.Nodes[0].Children) != 2 || f.Nodes[0].Children[0].Title != "Wound care" || f.Nodes[0].Children[1].Key != "cc1" {
			t.Errorf("nodes %+v", f.Nodes)
		}

		// Edit: remove a competence, rename a domain; a stale form is a conflict.
		edit := c.get(res.Header.Get("Location"))
		if edit.StatusCode != http.StatusOK {
			t.Fatalf("edit form: %d", edit.StatusCode)
		}
		form := formValues(t, edit.doc(t), "form[action$='/versions/1']")
		form.Set("competence-1-remove", "yes")
		form.Set("domain-0-title", "Clinical practice")
		form.Set("competence-0-domain", "Clinical practice")
		form.Set("action", "save")
		stale := url.Values{}
		for k, v := range form {
			stale[k] = v
		}
		if res := c.post(base+"/trust-a-nursing/versions/1", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("update: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := c.post(base+"/trust-a-nursing/versions/1", stale); res.StatusCode != http.StatusConflict {
			t.Errorf("stale update: %d, want 409", res.StatusCode)
		}
		f, _, _ = fx.db.FrameworkVersion(t.Context(), "trust-a-nursing", "1")
		if f.Nodes[0].Title != "Clinical practice" || len(f.Nodes[0].Children) != 1 || f.Nodes[0].Children[0].Key != "cc2" {
			t.Errorf("after the update: %+v", f.Nodes)
		}

		// A draft cannot be required by a role; publishing makes it usable and final.
		req := workforce.Requirement{FrameworkKey: "trust-a-nursing", FrameworkVersion: "1", NodeKey: f.Nodes[0].Children[0].Key, LevelKey: "entry", Essential: true}
		if _, err := fx.db.CreateRole(t.Context(), store.Actor{}, workforce.Role{OrganisationID: fx.orgA.ID, Title: "Ward nurse", Requirements: []workforce.Requirement{req}}); err == nil {
			t.Errorf("a role could require a draft")
		}
		edit = c.get(base + "/trust-a-nursing/versions/1/edit")
		token, _ := edit.doc(t).Find("form[action$='/publish'] input[name=token]").Attr("value")
		if res := c.post(base+"/trust-a-nursing/versions/1/publish", url.Values{"token": {token}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish: %d", res.StatusCode)
		}
		if _, err := fx.db.CreateRole(t.Context(), store.Actor{}, workforce.Role{OrganisationID: fx.orgA.ID, Title: "Ward nurse", Requirements: []workforce.Requirement{req}}); err != nil {
			t.Errorf("a role requiring the published version: %v", err)
		}
		if res := c.get(base + "/trust-a-nursing/versions/1/edit"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("editing a published version: %d, want a redirect to its page", res.StatusCode)
		}
		if res := c.post(base+"/trust-a-nursing/versions/1", form); res.StatusCode != http.StatusConflict {
			t.Errorf("saving over a published version: %d, want 409", res.StatusCode)
		}
		// The role form offers the published version's competences.
		if doc := c.get("/roles/new").doc(t); doc.Find(fmt.Sprintf(`option[value=%q]`, requirementValue("trust-a-nursing", "1", req.NodeKey))).Length() == 0 {
			t.Errorf("the role form does not offer the published framework's competence")
		}

		// A new version starts as a draft copy.
		if res := c.post(base+"/trust-a-nursing/versions/1/new-version", url.Values{"new_version": {"2"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("new version: %d", res.StatusCode)
		}
		f2, _, err := fx.db.FrameworkVersion(t.Context(), "trust-a-nursing", "2")
		if err != nil || f2.Status != framework.StatusDraft || f2.CountNodes() != f.CountNodes() {
			t.Errorf("version 2: %v %+v", err, f2)
		}
		list := c.get(base)
		if n := list.doc(t).Find("tbody tr").Length(); list.StatusCode != http.StatusOK || n != 2 {
			t.Errorf("the list: %d, %d versions, want 2", list.StatusCode, n)
		}
	})
}

// TestOrganisationFrameworkScoping: another organisation's user can neither see nor change a
// draft; a staff member may read the list but not build.
func TestOrganisationFrameworkScoping(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		f := fx.matrixFramework()
		base := fmt.Sprintf("/organisations/%d/frameworks", fx.orgA.ID)
		b := fx.signedIn("adminB")
		for _, path := range []string{base, base + "/new", base + "/import", base + "/" + f.Key + "/versions/1/edit", "/frameworks/" + f.Key + "/versions/1"} {
			if res := b.get(path); res.StatusCode != http.StatusNotFound {
				t.Errorf("Trust B's administrator GET %s: %d, want 404", path, res.StatusCode)
			}
		}
		if res := b.post(base+"/"+f.Key+"/versions/1", builderForm(f.Key)); res.StatusCode != http.StatusNotFound {
			t.Errorf("Trust B's administrator saving Trust A's draft: %d, want 404", res.StatusCode)
		}
		// Through their own organisation's address the draft is still not theirs.
		bBase := fmt.Sprintf("/organisations/%d/frameworks", fx.orgB.ID)
		if res := b.get(bBase + "/" + f.Key + "/versions/1/edit"); res.StatusCode != http.StatusNotFound {
			t.Errorf("Trust A's draft through Trust B's address: %d, want 404", res.StatusCode)
		}
		if res := b.post(bBase+"/"+f.Key+"/versions/1/publish", url.Values{}); res.StatusCode != http.StatusNotFound {
			t.Errorf("publishing Trust A's draft through Trust B: %d, want 404", res.StatusCode)
		}
		if list := b.get(bBase); strings.Contains(list.body, f.Title) {
			t.Errorf("Trust B's list shows Trust A's framework")
		}
		got, _, _ := fx.db.FrameworkVersion(t.Context(), f.Key, "1")
		if got.Status != framework.StatusDraft || got.Title != f.Title {
			t.Errorf("Trust A's draft changed: %+v", got)
		}

		// A staff member of Team A sees Team A's (empty) list but cannot build there.
		staff := fx.signedIn("staff")
		team := fmt.Sprintf("/organisations/%d/frameworks", fx.teamA.ID)
		if res := staff.get(team); res.StatusCode != http.StatusOK || strings.Contains(res.body, "Build a competence framework") {
			t.Errorf("staff list: %d", res.StatusCode)
		}
		if res := staff.get(team + "/new"); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff building: %d, want 403", res.StatusCode)
		}
	})
}

// TestOrganisationImportsAFramework: the catalogue's import, owned by the organisation.
func TestOrganisationImportsAFramework(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		c := fx.signedIn("orgAdmin")
		base := fmt.Sprintf("/organisations/%d/frameworks/import", fx.orgA.ID)
		if res := c.get(base); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "will belong to Trust A") {
			t.Fatalf("import form: %d", res.StatusCode)
		}
		csv := "key,parent,type,code,title\nclin,,domain,,Clinical\ncl1,clin,competence,CL1,Tracheostomy care\ncl2,nope,competence,CL2,Wound care\n"
		fields := map[string]string{"key": "trust-a-imported", "title": "Imported", "version": "1", "kind": "competence"}
		res := c.postMultipart(base, fields, map[string]fileUpload{"file": {"a.csv", csv}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(errorSummary(t, res), ""), `line 4: parent: no node with key "nope"`) {
			t.Fatalf("bad file: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if v, _ := res.doc(t).Find("#key").Attr("value"); v != "trust-a-imported" {
			t.Errorf("the key typed is not kept: %q", v)
		}
		res = c.postMultipart(base, fields, map[string]fileUpload{"file": {"a.csv", strings.Replace(csv, "nope", "clin", 1)}})
		if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "/trust-a-imported/versions/1/edit") {
			t.Fatalf("import: %d %s %v", res.StatusCode, res.Header.Get("Location"), errorSummary(t, res))
		}
		_, meta, err := fx.db.FrameworkVersion(t.Context(), "trust-a-imported", "1")
		if err != nil || meta.OrganisationID != fx.orgA.ID || meta.Status != framework.StatusDraft {
			t.Errorf("imported as %+v (%v)", meta, err)
		}
		// Not in the shared catalogue.
		if list := fx.signedIn("siteAdmin").get("/frameworks"); strings.Contains(list.body, "trust-a-imported") {
			t.Errorf("the organisation's framework is listed in the shared catalogue")
		}
		// A staff member builds frameworks nowhere: refused before Trust A is even looked at.
		if res := fx.signedIn("staff").postMultipart(base, fields, map[string]fileUpload{"file": {"a.csv", csv}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff of Team A importing into Trust A: %d, want 403", res.StatusCode)
		}
	})
}

// TestOrganisationFrameworkBadActions: publishing with a stale form, a new version without a
// name or with one that exists, and a planner-less viewer are refused, and nothing changes.
func TestOrganisationFrameworkBadActions(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		f := fx.matrixFramework()
		c := fx.signedIn("orgAdmin")
		at := fmt.Sprintf("/organisations/%d/frameworks/%s/versions/%s", fx.orgA.ID, f.Key, f.Version)
		if res := c.post(at+"/publish", url.Values{"token": {"stale"}}); res.StatusCode != http.StatusConflict {
			t.Errorf("publishing with a stale token: %d, want 409", res.StatusCode)
		}
		if got, _, _ := fx.db.FrameworkVersion(t.Context(), f.Key, f.Version); got.Status != framework.StatusDraft {
			t.Errorf("a stale publish published it")
		}
		if res := c.post(at+"/new-version", url.Values{"new_version": {""}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a new version without a name: %d, want 422", res.StatusCode)
		}
		if res := c.post(at+"/new-version", url.Values{"new_version": {"a/b"}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a new version with a slash: %d, want 422", res.StatusCode)
		}
		if res := c.post(at+"/new-version", url.Values{"new_version": {f.Version}}); res.StatusCode != http.StatusConflict {
			t.Errorf("a new version that exists: %d, want 409", res.StatusCode)
		}
		versions, err := fx.db.FrameworkVersionsOf(t.Context(), f.Key)
		if err != nil || len(versions) != 1 {
			t.Errorf("versions after refused actions: %d (%v)", len(versions), err)
		}
		// The edit form's bad input keeps what was typed.
		edit := c.get(at + "/edit")
		form := formValues(t, edit.doc(t), "form[action$='/versions/1']")
		form.Set("competence-0-title", "")
		form.Set("competence-0-code", "KEPT-CODE")
		form.Set("action", "save")
		res := c.post(at, form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(errorSummary(t, res), ""), "Competence 1: enter its title") {
			t.Errorf("edit with a blank title: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if v, _ := res.doc(t).Find("#competence-0-code").Attr("value"); v != "KEPT-CODE" {
			t.Errorf("the typed code is not kept: %q", v)
		}
	})
}
