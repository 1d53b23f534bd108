package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// roleWorld is the fixture of the role tests: trusts A and B in a partnership, A with a service
// under it, trust C outside the partnership; the built-in KSF (shared with everyone) and a local
// framework owned by each of A and B.
type roleWorld struct {
	a, aService, b, c store.Organisation
	actor             store.Actor
}

func makeRoleWorld(t *testing.T, db *store.DB) roleWorld {
	t.Helper()
	ctx := context.Background()
	org := func(name string, parent int64, kind string) store.Organisation {
		return must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: name, ParentID: parent, Kind: kind}))
	}
	w := roleWorld{a: org("Trust A", 0, store.KindOrganisation), b: org("Trust B", 0, store.KindOrganisation),
		c: org("Trust C", 0, store.KindOrganisation)}
	w.aService = org("Therapies", w.a.ID, store.KindService)
	must(db.CreatePartnership(ctx, store.System, store.Partnership{Name: "North ICS"}, []int64{w.a.ID, w.b.ID}))
	planner := must(db.CreateUser(ctx, store.System, store.User{Email: "planner@example.org", Name: "Pat Planner"}))
	w.actor = store.Actor{UserID: planner.ID, Address: "192.0.2.1"}

	data := must(frameworks.FS.ReadFile("ksf-2010.yaml"))
	ksf := must(framework.Parse(data, "ksf-2010.yaml"))
	must(db.SaveFrameworkVersion(ctx, store.System, ksf, true))
	for _, o := range []store.Organisation{w.a, w.b} {
		key := "local-" + strings.ToLower(o.Name[len(o.Name)-1:])
		must(db.SaveOrganisationFrameworkVersion(ctx, store.System, o.ID, &framework.Framework{
			Key: key, Version: "1", Title: "Local framework of " + o.Name, Kind: framework.KindCompetence,
			Nodes: []framework.Node{{Key: "supervision", Type: "competence", Title: "Clinical supervision of apprentices"}},
		}))
	}
	return w
}

func ksf(node, level string, essential bool) workforce.Requirement {
	return workforce.Requirement{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: node, LevelKey: level, Essential: essential}
}

func staffNurse(orgID int64) workforce.Role {
	return workforce.Role{
		OrganisationID: orgID, Title: "Staff nurse", StaffGroup: "Nursing and Midwifery Registered",
		Profession: "Adult nursing", Level: 5, Band: "5", RegistrationRequired: true,
		Summary:          "Plans, gives and evaluates care for a group of patients on a ward.",
		Activities:       []string{"Assesses patients and plans their care", "Gives medicines"},
		QualityStandards: []string{"NMC Code"},
		KnowledgeSkills:  []string{"Medicines management", "Infection prevention"},
		Requirements:     []workforce.Requirement{ksf("c1", "level-2", true), ksf("c3", "level-2", true)},
	}
}

func TestRoleCreateReadUpdateAndHistory(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		before := must(db.LastChange(ctx))

		in := staffNurse(w.a.ID)
		in.Title = "  Staff nurse "
		in.Band = "Band 5"
		in.Activities = append(in.Activities, " ")
		r := must(db.CreateRole(ctx, w.actor, in))
		if r.ID == 0 || r.Version != 1 || r.Status != workforce.StatusDraft || r.Title != "Staff nurse" || r.Band != "5" ||
			len(r.Activities) != 2 || r.CreatedAt.IsZero() || !r.UpdatedAt.Equal(r.CreatedAt) {
			t.Fatalf("CreateRole = %+v", r)
		}
		if got := must(db.Role(ctx, r.ID)); !reflect.DeepEqual(got, r) {
			t.Fatalf("read back:\n got %+v\nwant %+v", got, r)
		}
		if after := must(db.LastChange(ctx)); after <= before {
			t.Fatal("creating a role did not advance the change sequence")
		}

		// A new version: level, band, one requirement changed, one added, a list item edited.
		edit := r
		edit.Level, edit.Band = 6, "6"
		edit.Requirements = []workforce.Requirement{ksf("c1", "level-3", true), ksf("c3", "level-2", true), ksf("hwb5", "level-2", false)}
		edit.Activities = []string{"Assesses patients and plans their care", "Gives medicines", "Leads the shift"}
		v2 := must(db.UpdateRole(ctx, w.actor, edit))
		if v2.Version != 2 || v2.Level != 6 || v2.UpdatedAt.Before(r.UpdatedAt) || !v2.CreatedAt.Equal(r.CreatedAt) {
			t.Fatalf("UpdateRole = %+v", v2)
		}
		if got := must(db.Role(ctx, r.ID)); !reflect.DeepEqual(got, v2) {
			t.Fatalf("read back v2:\n got %+v\nwant %+v", got, v2)
		}

		// Someone else saves from version 1: conflict, nothing changed.
		stale := r
		stale.Title = "Charge nurse"
		_, err := db.UpdateRole(ctx, w.actor, stale)
		wantErr(t, err, store.ErrConflict)
		_, err = db.SetRoleStatus(ctx, w.actor, r.ID, 1, workforce.StatusPublished)
		wantErr(t, err, store.ErrConflict)
		if got := must(db.Role(ctx, r.ID)); !reflect.DeepEqual(got, v2) {
			t.Fatalf("a stale update changed the role: %+v", got)
		}

		// Saving without a change writes nothing.
		same := must(db.UpdateRole(ctx, w.actor, v2))
		if same.Version != 2 {
			t.Fatalf("an update without changes made version %d", same.Version)
		}

		v3 := must(db.SetRoleStatus(ctx, store.System, r.ID, 2, "Published"))
		if v3.Version != 3 || v3.Status != workforce.StatusPublished {
			t.Fatalf("SetRoleStatus = %+v", v3)
		}

		history := must(db.RoleVersions(ctx, r.ID))
		if len(history) != 3 {
			t.Fatalf("%d versions, want 3: %+v", len(history), history)
		}
		if h := history[2]; h.Version != 1 || h.ChangedBy != w.actor.UserID || h.ChangedByName != "Pat Planner" ||
			!reflect.DeepEqual(h.Role, r) || !reflect.DeepEqual(h.Changes, []workforce.Change{{Field: "role", Message: "Created"}}) {
			t.Fatalf("version 1 = %+v", h)
		}
		wantChanges := []workforce.Change{
			{Field: "level", Message: "Level changed from 5 to 6"},
			{Field: "band", Message: "Band changed from 5 to 6"},
			{Field: "activities", Message: `Added activity "Leads the shift"`},
			{Field: "requirements", Message: "Requirement KSF C1 Communication changed from Level 2 to Level 3"},
			{Field: "requirements", Message: "Added requirement KSF HWB5 Provision of care to meet health and wellbeing needs at Level 2 (desirable)"},
		}
		if h := history[1]; h.Version != 2 || !reflect.DeepEqual(h.Role, v2) || !reflect.DeepEqual(h.Changes, wantChanges) {
			t.Fatalf("version 2 = %+v\nwant changes %q", h, wantChanges)
		}
		if h := history[0]; h.Version != 3 || h.ChangedBy != 0 || h.ChangedByName != "" ||
			!reflect.DeepEqual(h.Changes, []workforce.Change{{Field: "status", Message: "Status changed from draft to published"}}) {
			t.Fatalf("version 3 = %+v", h)
		}
		_, err = db.RoleVersions(ctx, 999999)
		wantErr(t, err, store.ErrNotFound)

		entries := must(db.AuditLog(ctx, store.AuditFilter{Entity: "role", OrganisationID: w.a.ID}))
		if len(entries) != 3 {
			t.Fatalf("%d audit entries, want 3: %+v", len(entries), entries)
		}
		upd := entries[1]
		if upd.Action != store.ActionUpdate || upd.EntityID != itoa(r.ID) || upd.UserName != "Pat Planner" ||
			!slices.Equal(upd.Fields, []string{"level", "band", "activities", "requirements"}) ||
			!strings.Contains(upd.Summary, "Level changed from 5 to 6") {
			t.Fatalf("update audit entry = %+v", upd)
		}
		if c := entries[2]; c.Action != store.ActionCreate || !slices.Contains(c.Fields, "title") || !slices.Contains(c.Fields, "requirements") {
			t.Fatalf("create audit entry = %+v", c)
		}
	})
}

func TestRoleRules(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		r := must(db.CreateRole(ctx, w.actor, staffNurse(w.a.ID)))

		// Broken rules: every error comes back; nothing is saved.
		bad := staffNurse(w.a.ID)
		bad.Title, bad.Level, bad.Band = "", 12, "8e"
		bad.Requirements = []workforce.Requirement{ksf("c99", "level-1", true), ksf("c1", "level-9", true)}
		_, err := db.CreateRole(ctx, w.actor, bad)
		var invalid *store.InvalidRolesError
		if !errors.As(err, &invalid) || !errors.Is(err, store.ErrInvalid) {
			t.Fatalf("CreateRole(bad) error = %v", err)
		}
		var fields []string
		for _, p := range invalid.Roles[0].Problems {
			fields = append(fields, p.Field)
		}
		if want := []string{"title", "level", "band", "requirements[0].node_key", "requirements[1].level_key"}; !slices.Equal(fields, want) {
			t.Fatalf("problem fields = %q, want %q (%v)", fields, want, err)
		}
		// A warning does not stop the save.
		assoc := staffNurse(w.a.ID)
		assoc.Title, assoc.Level, assoc.Band = "Nursing associate", 4, "4"
		must(db.CreateRole(ctx, w.actor, assoc))

		dup := staffNurse(w.a.ID)
		dup.Title = "STAFF NURSE"
		_, err = db.CreateRole(ctx, w.actor, dup)
		wantErr(t, err, store.ErrConflict)
		dup.OrganisationID = w.b.ID // another organisation may use the title
		must(db.CreateRole(ctx, w.actor, dup))
		_, err = db.CreateRole(ctx, w.actor, staffNurse(999999))
		wantErr(t, err, store.ErrInvalid)

		renamed := r
		renamed.Title = "Nursing Associate"
		_, err = db.UpdateRole(ctx, w.actor, renamed)
		wantErr(t, err, store.ErrConflict)
		moved := r
		moved.OrganisationID = w.b.ID
		_, err = db.UpdateRole(ctx, w.actor, moved)
		wantErr(t, err, store.ErrInvalid)
		_, err = db.SetRoleStatus(ctx, w.actor, r.ID, r.Version, "archived")
		wantErr(t, err, store.ErrInvalid)
		_, err = db.UpdateRole(ctx, w.actor, workforce.Role{ID: 999999, Version: 1, Title: "x"})
		wantErr(t, err, store.ErrNotFound)
		if got := must(db.Role(ctx, r.ID)); !reflect.DeepEqual(got, r) || len(must(db.RoleVersions(ctx, r.ID))) != 1 {
			t.Fatalf("failed updates changed the role: %+v", got)
		}

		// Frameworks: an organisation's own framework is usable by its roles (its services'
		// too), not by another employer's.
		local := func(key string) workforce.Requirement {
			return workforce.Requirement{FrameworkKey: key, FrameworkVersion: "1", NodeKey: "supervision"}
		}
		therapist := workforce.Role{OrganisationID: w.aService.ID, Title: "Physiotherapist", Level: 5,
			Requirements: []workforce.Requirement{local("local-a")}}
		therapist = must(db.CreateRole(ctx, w.actor, therapist))
		other := workforce.Role{OrganisationID: w.c.ID, Title: "Physiotherapist", Requirements: []workforce.Requirement{local("local-a")}}
		_, err = db.CreateRole(ctx, w.actor, other)
		if !errors.As(err, &invalid) || invalid.Roles[0].Problems[0].Message != "Framework local-a@1 is not available" {
			t.Fatalf("a role of trust C requiring trust A's framework: %v", err)
		}
		// A required framework version cannot be deleted.
		wantErr(t, db.DeleteFrameworkVersion(ctx, store.System, "local-a", "1"), store.ErrInvalid)
		if got := must(db.Role(ctx, therapist.ID)); len(got.Requirements) != 1 {
			t.Fatalf("requirements after a refused delete: %+v", got.Requirements)
		}
	})
}

func TestRoleSearch(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		create := func(r workforce.Role) workforce.Role {
			t.Helper()
			return must(db.CreateRole(ctx, w.actor, r))
		}
		// "nurse" in the title of one role, only in the summary of another.
		nurse := create(staffNurse(w.a.ID))
		hca := create(workforce.Role{OrganisationID: w.a.ID, Title: "Healthcare assistant", Level: 2, Band: "3",
			StaffGroup: "Additional Clinical Services", Summary: "Supports the nurse in charge with personal care."})
		physio := create(workforce.Role{OrganisationID: w.aService.ID, Title: "Physiotherapist", Level: 5, Band: "5",
			StaffGroup: "Allied Health Professionals", Profession: "Physiotherapy", RegistrationRequired: true,
			Summary:      "Assesses and treats people with movement problems.",
			Requirements: []workforce.Requirement{ksf("hwb7", "level-2", true)}})
		admin := create(workforce.Role{OrganisationID: w.a.ID, Title: "Ward clerk", Level: 3, LevelIndicative: true, Band: "3",
			StaffGroup: "Administrative and Clerical", KnowledgeSkills: []string{"Keeping patient records up to date"}})
		unplaced := create(workforce.Role{OrganisationID: w.a.ID, Title: "Apprentice", Summary: "A new role."})
		retired := create(workforce.Role{OrganisationID: w.a.ID, Title: "Enrolled nurse", Level: 4})
		retired = must(db.SetRoleStatus(ctx, w.actor, retired.ID, 1, workforce.StatusRetired))
		// Trust B: a shared published role, a shared draft and an unshared published role.
		bShared := create(workforce.Role{OrganisationID: w.b.ID, Title: "Research nurse", Level: 5, Status: "published", Shared: true,
			StaffGroup: "Nursing and Midwifery Registered", RegistrationRequired: true, Profession: "Clinical research"})
		create(workforce.Role{OrganisationID: w.b.ID, Title: "Nurse consultant", Level: 8, Status: "draft", Shared: true})
		create(workforce.Role{OrganisationID: w.b.ID, Title: "Nurse practitioner", Level: 7, Status: "published"})
		// Trust C (not a partner) shares a published role.
		create(workforce.Role{OrganisationID: w.c.ID, Title: "Nurse educator", Level: 6, Status: "published", Shared: true})

		scopeA := []int64{w.a.ID, w.aService.ID}
		ids := func(q store.RoleQuery) []int64 {
			t.Helper()
			page := must(db.SearchRoles(ctx, q))
			var out []int64
			for _, r := range page.Roles {
				out = append(out, r.ID)
			}
			return out
		}
		check := func(name string, q store.RoleQuery, want ...workforce.Role) {
			t.Helper()
			var wantIDs []int64
			for _, r := range want {
				wantIDs = append(wantIDs, r.ID)
			}
			if got := ids(q); !slices.Equal(got, wantIDs) {
				t.Errorf("%s: got roles %v, want %v", name, got, wantIDs)
			}
		}

		check("a title match outranks a body match; stemming", store.RoleQuery{Text: "nurse", OrganisationIDs: scopeA}, nurse, hca)
		check("nursing finds nurse", store.RoleQuery{Text: "Nursing", OrganisationIDs: scopeA}, nurse, hca)
		check("a competence name finds the role", store.RoleQuery{Text: "interventions treatments", OrganisationIDs: scopeA}, physio)
		check("a profession", store.RoleQuery{Text: "physiotherapy", OrganisationIDs: scopeA}, physio)
		check("knowledge and skills", store.RoleQuery{Text: "records", OrganisationIDs: scopeA}, admin)
		check("all words must match", store.RoleQuery{Text: "nurse charge", OrganisationIDs: scopeA}, hca)
		check("stop words are ignored", store.RoleQuery{Text: "the nurse in charge", OrganisationIDs: scopeA}, hca)
		check("a phrase", store.RoleQuery{Text: `"personal care"`, OrganisationIDs: scopeA}, hca)
		check("a phrase in the wrong order", store.RoleQuery{Text: `"care personal"`, OrganisationIDs: scopeA})
		check("exclusion", store.RoleQuery{Text: "nurse -charge", OrganisationIDs: scopeA}, nurse)
		check("syntax is taken literally", store.RoleQuery{Text: `nurse* AND ("NOT" OR:`, OrganisationIDs: scopeA}, nurse, hca)
		check("only stop words: the ladder order", store.RoleQuery{Text: "the of", OrganisationIDs: scopeA},
			hca, admin, physio, nurse, unplaced)
		check("status", store.RoleQuery{OrganisationIDs: scopeA, Status: "retired"}, retired)
		check("levels", store.RoleQuery{OrganisationIDs: scopeA, Levels: []int{5, 0}}, physio, nurse, unplaced)
		check("staff group in any spelling", store.RoleQuery{OrganisationIDs: scopeA, StaffGroup: "allied health professionals"}, physio)

		// Scope: trust B's roles never appear in A's search, except shared published ones when
		// asked; trust C is not a partner, so its shared role never appears.
		titles := func(q store.RoleQuery) []string {
			t.Helper()
			var out []string
			for _, r := range must(db.SearchRoles(ctx, q)).Roles {
				out = append(out, r.Title)
			}
			slices.Sort(out)
			return out
		}
		for _, c := range []struct {
			name string
			q    store.RoleQuery
			want []string
		}{
			// How two title matches rank against each other differs between the engines
			// (bm25 weighs the length of the whole row, ts_rank does not).
			{"OR", store.RoleQuery{Text: "clerk or physiotherapist", OrganisationIDs: scopeA},
				[]string{"Physiotherapist", "Ward clerk"}},
			{"retired only when asked", store.RoleQuery{Text: "nurse", OrganisationIDs: scopeA, Status: store.RoleStatusAny, Limit: 2},
				[]string{"Enrolled nurse", "Staff nurse"}},
			{"scope", store.RoleQuery{Text: "nurse", OrganisationIDs: []int64{w.a.ID}},
				[]string{"Healthcare assistant", "Staff nurse"}},
			{"shared", store.RoleQuery{Text: "nurse", OrganisationIDs: scopeA, IncludeShared: true},
				[]string{"Healthcare assistant", "Research nurse", "Staff nurse"}},
			{"shared, from a service", store.RoleQuery{OrganisationIDs: []int64{w.aService.ID}, IncludeShared: true},
				[]string{"Physiotherapist", "Research nurse"}},
			{"shared roles are still their owner's", store.RoleQuery{Text: "nurse", OrganisationIDs: []int64{w.b.ID}},
				[]string{"Nurse consultant", "Nurse practitioner", "Research nurse"}},
			{"no partner, no shared roles", store.RoleQuery{Text: "nurse", OrganisationIDs: []int64{w.c.ID}, IncludeShared: true},
				[]string{"Nurse educator"}},
			{"B sees A's nothing", store.RoleQuery{OrganisationIDs: []int64{w.b.ID}, IncludeShared: true, Status: store.RoleStatusAny},
				[]string{"Nurse consultant", "Nurse practitioner", "Research nurse"}},
		} {
			if got := titles(c.q); !slices.Equal(got, c.want) {
				t.Errorf("%s: got %q, want %q", c.name, got, c.want)
			}
		}
		check("shared, browsing in ladder order", store.RoleQuery{OrganisationIDs: []int64{w.aService.ID}, IncludeShared: true}, physio, bShared)

		_, err := db.SearchRoles(ctx, store.RoleQuery{Text: "nurse"})
		wantErr(t, err, store.ErrInvalid)
		_, err = db.SearchRoles(ctx, store.RoleQuery{OrganisationIDs: scopeA, Status: "archived"})
		wantErr(t, err, store.ErrInvalid)

		// Results carry their requirements.
		page := must(db.SearchRoles(ctx, store.RoleQuery{Text: "physiotherapist", OrganisationIDs: scopeA}))
		if page.Total != 1 || !reflect.DeepEqual(page.Roles[0], physio) {
			t.Fatalf("search result = %+v, want %+v", page, physio)
		}
	})
}

func TestRoleSearchPagination(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		var roles []workforce.Role
		for i := range 45 {
			roles = append(roles, workforce.Role{OrganisationID: w.a.ID, Title: fmt.Sprintf("Support worker %02d", i),
				Level: 2 + i%3, Summary: "Supports the team."})
		}
		saved := must(db.CreateRoles(ctx, w.actor, roles))
		for _, q := range []store.RoleQuery{
			{OrganisationIDs: []int64{w.a.ID}},
			{OrganisationIDs: []int64{w.a.ID}, Text: "support"},
		} {
			var all []int64
			for offset := 0; ; offset += 20 {
				q.Limit, q.Offset = 20, offset
				page := must(db.SearchRoles(ctx, q))
				if page.Total != 45 || page.Limit != 20 || page.Offset != offset {
					t.Fatalf("page at %d: total %d limit %d offset %d", offset, page.Total, page.Limit, page.Offset)
				}
				if len(page.Roles) == 0 {
					break
				}
				for _, r := range page.Roles {
					all = append(all, r.ID)
				}
			}
			if len(all) != 45 {
				t.Fatalf("%q: %d roles over the pages, want 45", q.Text, len(all))
			}
			sorted := slices.Clone(all)
			slices.Sort(sorted)
			if len(slices.Compact(sorted)) != 45 {
				t.Fatalf("%q: pages overlap: %v", q.Text, all)
			}
			if q.Text != "" {
				// Every role ranks the same: ties are broken by id.
				if !slices.IsSorted(all) {
					t.Fatalf("equal ranks not in id order: %v", all)
				}
				continue
			}
			// Browsing: by level, then title.
			var got []string
			for _, id := range all {
				r := must(db.Role(ctx, id))
				got = append(got, fmt.Sprintf("%d %s", r.Level, r.Title))
			}
			if !slices.IsSorted(got) {
				t.Fatalf("browse order: %q", got)
			}
		}
		if page := must(db.SearchRoles(ctx, store.RoleQuery{OrganisationIDs: []int64{w.a.ID}, Limit: 5000})); page.Limit != store.MaxRolePage || len(page.Roles) != 45 {
			t.Fatalf("Limit is capped at %d: %d, %d roles", store.MaxRolePage, page.Limit, len(page.Roles))
		}
		if page := must(db.SearchRoles(ctx, store.RoleQuery{OrganisationIDs: []int64{w.a.ID}, Offset: 100})); page.Total != 45 || len(page.Roles) != 0 {
			t.Fatalf("past the end: %+v", page)
		}
		_ = saved
	})
}

func TestCopyRole(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		src := staffNurse(w.b.ID)
		src.Title = "Research nurse"
		src.Status, src.Shared = workforce.StatusPublished, true
		src.Requirements = append(src.Requirements, workforce.Requirement{FrameworkKey: "local-b", FrameworkVersion: "1", NodeKey: "supervision"})
		src = must(db.CreateRole(ctx, w.actor, src))

		cp := must(db.CopyRole(ctx, w.actor, src.ID, w.aService.ID))
		if cp.ID == src.ID || cp.OrganisationID != w.aService.ID || cp.CopiedFromID != src.ID || cp.Version != 1 ||
			cp.Status != workforce.StatusDraft || cp.Shared || cp.Title != "Research nurse" ||
			!reflect.DeepEqual(cp.Requirements, src.Requirements) || !reflect.DeepEqual(cp.Activities, src.Activities) {
			t.Fatalf("CopyRole = %+v", cp)
		}
		if got := must(db.Role(ctx, cp.ID)); !reflect.DeepEqual(got, cp) {
			t.Fatalf("copy read back:\n got %+v\nwant %+v", got, cp)
		}
		h := must(db.RoleVersions(ctx, cp.ID))
		if len(h) != 1 || h[0].Changes[0].Message != `Copied from "Research nurse" (role `+itoa(src.ID)+`, version 1) of Trust B` {
			t.Fatalf("copy history = %+v", h)
		}
		// The copy keeps its requirement on trust B's own framework through later edits.
		cp.Level = 6
		cp = must(db.UpdateRole(ctx, w.actor, cp))
		// It may add one on its own employer's framework...
		extra := cp
		extra.Requirements = append(slices.Clone(cp.Requirements), workforce.Requirement{FrameworkKey: "local-a", FrameworkVersion: "1", NodeKey: "supervision"})
		must(db.UpdateRole(ctx, w.actor, extra))
		// ...but a role of trust A cannot newly require trust B's framework.
		fresh := workforce.Role{OrganisationID: w.a.ID, Title: "Clinical educator",
			Requirements: []workforce.Requirement{{FrameworkKey: "local-b", FrameworkVersion: "1", NodeKey: "supervision"}}}
		_, err := db.CreateRole(ctx, w.actor, fresh)
		wantErr(t, err, store.ErrInvalid)

		// Copying within the same employer needs no sharing; the title gets a suffix.
		own := must(db.CreateRole(ctx, w.actor, staffNurse(w.a.ID)))
		c1 := must(db.CopyRole(ctx, w.actor, own.ID, w.a.ID))
		c2 := must(db.CopyRole(ctx, w.actor, own.ID, w.a.ID))
		if c1.Title != "Staff nurse (copy)" || c2.Title != "Staff nurse (copy 2)" || c1.CopiedFromID != own.ID {
			t.Fatalf("copies in the same organisation: %q, %q", c1.Title, c2.Title)
		}

		// Not shared, not published, or not a partner: as if the role did not exist.
		private := must(db.CreateRole(ctx, w.actor, workforce.Role{OrganisationID: w.b.ID, Title: "Matron", Status: "published"}))
		draft := must(db.CreateRole(ctx, w.actor, workforce.Role{OrganisationID: w.b.ID, Title: "Ward sister", Shared: true}))
		_, err = db.CopyRole(ctx, w.actor, private.ID, w.a.ID)
		wantErr(t, err, store.ErrNotFound)
		_, err = db.CopyRole(ctx, w.actor, draft.ID, w.a.ID)
		wantErr(t, err, store.ErrNotFound)
		_, err = db.CopyRole(ctx, w.actor, src.ID, w.c.ID)
		wantErr(t, err, store.ErrNotFound)
		_, err = db.CopyRole(ctx, w.actor, 999999, w.a.ID)
		wantErr(t, err, store.ErrNotFound)
		_, err = db.CopyRole(ctx, w.actor, src.ID, 999999)
		wantErr(t, err, store.ErrInvalid)
	})
}

func TestCreateRolesIsAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		existing := must(db.CreateRole(ctx, w.actor, staffNurse(w.a.ID)))
		before := must(db.LastChange(ctx))

		// More rows than one batch, across two organisations.
		var roles []workforce.Role
		for i := range 250 {
			org := w.a.ID
			if i%5 == 0 {
				org = w.b.ID
			}
			roles = append(roles, workforce.Role{OrganisationID: org, Title: fmt.Sprintf("Generated role %03d", i),
				Level: 1 + i%9, Band: "band 4", StaffGroup: "Healthcare Scientists", Activities: []string{"Runs tests"},
				Requirements: []workforce.Requirement{ksf("c1", "level-1", true), ksf("ik1", "level-2", false)}})
		}
		saved := must(db.CreateRoles(ctx, w.actor, roles))
		if len(saved) != 250 {
			t.Fatalf("%d roles saved", len(saved))
		}
		for _, i := range []int{0, 1, 99, 100, 249} {
			got := must(db.Role(ctx, saved[i].ID))
			if !reflect.DeepEqual(got, saved[i]) || got.Band != "4" || got.Version != 1 || len(got.Requirements) != 2 {
				t.Fatalf("role %d read back:\n got %+v\nwant %+v", i, got, saved[i])
			}
			if h := must(db.RoleVersions(ctx, got.ID)); len(h) != 1 || !reflect.DeepEqual(h[0].Role, got) {
				t.Fatalf("role %d history = %+v", i, h)
			}
		}
		page := must(db.SearchRoles(ctx, store.RoleQuery{Text: "generated communication", OrganisationIDs: []int64{w.a.ID, w.b.ID}, Limit: 1}))
		if page.Total != 250 {
			t.Fatalf("search finds %d bulk-loaded roles, want 250", page.Total)
		}
		entries := must(db.AuditLog(ctx, store.AuditFilter{Entity: "role"}))
		// Newest first: the first role's organisation (B) was recorded first.
		if len(entries) != 3 || entries[0].OrganisationID != w.a.ID || entries[1].OrganisationID != w.b.ID ||
			!strings.HasPrefix(entries[0].Summary, "created 200 roles") || !strings.HasPrefix(entries[1].Summary, "created 50 roles") {
			t.Fatalf("audit entries = %+v", entries)
		}
		if n := len(must(db.ChangesSince(ctx, before, 100))); n != 2 {
			t.Fatalf("%d changes for the import, want one per organisation", n)
		}

		// One bad row among good ones: nothing is saved, and every bad row is reported.
		lastChange := must(db.LastChange(ctx))
		var batch []workforce.Role
		for i := range 150 {
			batch = append(batch, workforce.Role{OrganisationID: w.c.ID, Title: fmt.Sprintf("Import %03d", i), Level: 3})
		}
		batch[40].Band = "11"
		batch[41].Title = "import 000" // the same title as row 1, in another case
		batch[42].OrganisationID = 999999
		batch[43].Requirements = []workforce.Requirement{ksf("c1", "level-7", true)}
		batch = append(batch, workforce.Role{OrganisationID: w.a.ID, Title: existing.Title})
		_, err := db.CreateRoles(ctx, w.actor, batch)
		var invalid *store.InvalidRolesError
		if !errors.As(err, &invalid) || !errors.Is(err, store.ErrInvalid) {
			t.Fatalf("CreateRoles with bad rows: %v", err)
		}
		var got []string
		for _, r := range invalid.Roles {
			for _, p := range r.Problems {
				got = append(got, fmt.Sprintf("%d %s", r.Index, p.Field))
			}
		}
		want := []string{"40 band", "41 title", "42 organisation_id", "43 requirements[0].level_key", "150 title"}
		if !slices.Equal(got, want) {
			t.Fatalf("problems = %q, want %q (%v)", got, want, err)
		}
		if page := must(db.SearchRoles(ctx, store.RoleQuery{OrganisationIDs: []int64{w.c.ID}})); page.Total != 0 {
			t.Fatalf("%d roles saved by a failed import", page.Total)
		}
		if after := must(db.LastChange(ctx)); after != lastChange {
			t.Fatal("a failed import advanced the change sequence")
		}
		// The same rows, fixed, go in.
		batch[40].Band, batch[41].Title, batch[42].OrganisationID, batch[43].Requirements = "", "Import 041", w.c.ID, nil
		batch = batch[:150]
		must(db.CreateRoles(ctx, w.actor, batch))
		if page := must(db.SearchRoles(ctx, store.RoleQuery{OrganisationIDs: []int64{w.c.ID}})); page.Total != 150 {
			t.Fatalf("%d roles after the fixed import, want 150", page.Total)
		}
		if out, err := db.CreateRoles(ctx, w.actor, nil); out != nil || err != nil {
			t.Fatalf("CreateRoles(nil) = %v, %v", out, err)
		}
	})
}

func TestRolesByLevel(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		mk := func(org int64, title string, level int, group, status string) {
			must(db.CreateRole(ctx, w.actor, workforce.Role{OrganisationID: org, Title: title, Level: level, StaffGroup: group, Status: status}))
		}
		mk(w.a.ID, "HCA", 2, "Additional Clinical Services", "")
		mk(w.a.ID, "Senior HCA", 3, "Additional Clinical Services", "published")
		mk(w.aService.ID, "Therapy assistant", 3, "Additional Clinical Services", "")
		mk(w.a.ID, "Receptionist", 3, "Administrative and Clerical", "")
		mk(w.a.ID, "Apprentice", 0, "", "")
		mk(w.a.ID, "Old role", 3, "Administrative and Clerical", "retired")
		mk(w.b.ID, "Other trust", 3, "Administrative and Clerical", "")
		got := must(db.RolesByLevel(ctx, []int64{w.a.ID, w.aService.ID}))
		want := []store.LevelCount{
			{Level: 2, StaffGroup: "Additional Clinical Services", Count: 1},
			{Level: 3, StaffGroup: "Additional Clinical Services", Count: 2},
			{Level: 3, StaffGroup: "Administrative and Clerical", Count: 1},
			{Level: 0, StaffGroup: "", Count: 1},
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("RolesByLevel = %+v, want %+v", got, want)
		}
		_, err := db.RolesByLevel(ctx, nil)
		wantErr(t, err, store.ErrInvalid)
	})
}

func TestRefreshRoleCompetenceNames(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		r := must(db.CreateRole(ctx, w.actor, workforce.Role{OrganisationID: w.a.ID, Title: "Therapy assistant",
			Requirements: []workforce.Requirement{{FrameworkKey: "local-a", FrameworkVersion: "1", NodeKey: "supervision"}}}))
		must(db.CreateRole(ctx, w.actor, workforce.Role{OrganisationID: w.a.ID, Title: "Porter"}))
		search := func(text string) int {
			return must(db.SearchRoles(ctx, store.RoleQuery{Text: text, OrganisationIDs: []int64{w.a.ID}})).Total
		}
		if search("apprentices") != 1 || search("mentoring") != 0 {
			t.Fatal("the competence name is not searchable")
		}
		f, _, err := db.FrameworkVersion(ctx, "local-a", "1")
		ok(t, err)
		f.Nodes[0].Title = "Mentoring of students"
		// Replacing the version refreshes what search matches in the same transaction.
		must(db.ReplaceFrameworkVersion(ctx, store.System, f, false))
		if search("apprentices") != 0 || search("mentoring") != 1 {
			t.Fatal("search still matches the old competence name")
		}
		if n := must(db.RefreshRoleCompetenceNames(ctx, "local-a", "1")); n != 0 {
			t.Fatalf("a second refresh updated %d roles", n)
		}
		if got := must(db.Role(ctx, r.ID)); got.Version != 1 {
			t.Fatalf("a refresh made a new version: %+v", got)
		}
	})
}

// TestSearchRolesCountStopsAtTheCap: counting every match of a broad search cost more than the
// ranked page (bench/RESULTS.md), so the count stops after RoleCountCap unless an export asks
// for the exact total; pages past the cap still come.
func TestSearchRolesCountStopsAtTheCap(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		n := store.RoleCountCap + 5
		roles := make([]workforce.Role, n)
		for i := range roles {
			roles[i] = workforce.Role{OrganisationID: w.a.ID, Title: fmt.Sprintf("Phlebotomist %04d", i), Level: 2, StaffGroup: "Healthcare Scientists"}
		}
		must(db.CreateRoles(ctx, w.actor, roles))
		for _, tc := range []struct {
			name  string
			q     store.RoleQuery
			total int
			more  bool
		}{
			{"capped text search", store.RoleQuery{Text: "phlebotomist", OrganisationIDs: []int64{w.a.ID}}, store.RoleCountCap, true},
			{"capped list", store.RoleQuery{OrganisationIDs: []int64{w.a.ID}}, store.RoleCountCap, true},
			{"exact text search", store.RoleQuery{Text: "phlebotomist", OrganisationIDs: []int64{w.a.ID}, ExactTotal: true}, n, false},
			{"under the cap", store.RoleQuery{Text: `"phlebotomist 0007"`, OrganisationIDs: []int64{w.a.ID}}, 1, false},
		} {
			page := must(db.SearchRoles(ctx, tc.q))
			if page.Total != tc.total || page.More != tc.more {
				t.Errorf("%s: total %d more %v, want %d %v", tc.name, page.Total, page.More, tc.total, tc.more)
			}
		}
		last := must(db.SearchRoles(ctx, store.RoleQuery{Text: "phlebotomist", OrganisationIDs: []int64{w.a.ID}, Offset: n - 3, Limit: 20}))
		if len(last.Roles) != 3 {
			t.Errorf("the page past the cap has %d roles, want 3", len(last.Roles))
		}
	})
}
