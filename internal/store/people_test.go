package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// peopleWorld is the role world with a team in each of trusts A and B and a role in each.
type peopleWorld struct {
	roleWorld
	teamA, teamB   store.Organisation
	roleA, roleB   workforce.Role
	manager, staff store.User
}

func makePeopleWorld(t *testing.T, db *store.DB) peopleWorld {
	t.Helper()
	ctx := context.Background()
	w := peopleWorld{roleWorld: makeRoleWorld(t, db)}
	w.teamA = must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Ward 1", ParentID: w.aService.ID, Kind: store.KindTeam}))
	w.teamB = must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Ward B", ParentID: w.b.ID, Kind: store.KindTeam}))
	w.roleA = must(db.CreateRole(ctx, w.actor, staffNurse(w.a.ID)))
	w.roleB = must(db.CreateRole(ctx, w.actor, staffNurse(w.b.ID)))
	w.manager = must(db.CreateUser(ctx, store.System, store.User{Email: "manager@a.example", Name: "Morgan Manager"}))
	w.staff = must(db.CreateUser(ctx, store.System, store.User{Email: "sam@a.example", Name: "Sam Staff"}))
	return w
}

func (w peopleWorld) personA(number, name string) workforce.Person {
	return workforce.Person{OrganisationID: w.a.ID, StaffNumber: number, Name: name, WorkEmail: strings.ToLower(strings.Fields(name)[0]) + "@a.example",
		Assignments: []workforce.Assignment{{RoleID: w.roleA.ID, TeamID: w.teamA.ID, FTE: 100, Start: "2020-04-01"}}}
}

func TestPersonCreateUpdateConflictAndAudit(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		in := w.personA(" 10000001 ", "  Priya   Shah ")
		in.UserID = w.staff.ID
		p := must(db.CreatePerson(ctx, w.actor, in))
		if p.ID == 0 || p.Version != 1 || p.StaffNumber != "10000001" || p.Name != "Priya Shah" {
			t.Fatalf("CreatePerson = %+v", p)
		}
		got := must(db.Person(ctx, p.ID))
		if got.Name != p.Name || len(got.Assignments) != 1 || got.Assignments[0] != p.Assignments[0] || got.UserID != w.staff.ID {
			t.Fatalf("read back %+v, want %+v", got, p)
		}
		if mine := must(db.PersonForUser(ctx, w.staff.ID)); mine.ID != p.ID {
			t.Errorf("PersonForUser = %d, want %d", mine.ID, p.ID)
		}
		if _, err := db.PersonForUser(ctx, w.manager.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("PersonForUser of a user without a record: %v", err)
		}

		// The same staff number again in the organisation is a conflict; in another it is not.
		if _, err := db.CreatePerson(ctx, w.actor, w.personA("10000001", "Other Person")); !errors.Is(err, store.ErrConflict) {
			t.Errorf("duplicate staff number: %v, want ErrConflict", err)
		}
		other := workforce.Person{OrganisationID: w.b.ID, StaffNumber: "10000001", Name: "Person in B",
			Assignments: []workforce.Assignment{{RoleID: w.roleB.ID, TeamID: w.teamB.ID, FTE: 50, Start: "2021-01-01"}}}
		must(db.CreatePerson(ctx, w.actor, other))

		// A team or a role of another employer is refused, with every problem.
		bad := w.personA("10000002", "Bad Assignment")
		bad.Assignments[0].TeamID, bad.Assignments[0].RoleID = w.teamB.ID, w.roleB.ID
		_, err := db.CreatePerson(ctx, w.actor, bad)
		var inv *store.InvalidPeopleError
		if !errors.As(err, &inv) || len(inv.People[0].Problems) != 2 {
			t.Fatalf("assignment in another employer: %v", err)
		}

		// Update with the version read; a stale version is a conflict that changes nothing.
		edit := got
		edit.Name, edit.WorkEmail = "Priya Shah-Jones", "priya.sj@a.example"
		edit.Assignments[0].FTE = 80
		v2 := must(db.UpdatePerson(ctx, w.actor, edit))
		if v2.Version != 2 || v2.Name != "Priya Shah-Jones" || v2.Assignments[0].FTE != 80 {
			t.Fatalf("UpdatePerson = %+v", v2)
		}
		stale := got
		stale.Name = "Lost Update"
		if _, err := db.UpdatePerson(ctx, w.actor, stale); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale update: %v, want ErrConflict", err)
		}
		if now := must(db.Person(ctx, p.ID)); now.Name != "Priya Shah-Jones" || now.Version != 2 {
			t.Fatalf("a stale update changed the person: %+v", now)
		}
		// Nothing changed: nothing written.
		if same := must(db.UpdatePerson(ctx, w.actor, v2)); same.Version != 2 {
			t.Errorf("an update without changes made version %d", same.Version)
		}

		// The audit names the fields; personal values never appear.
		log := must(db.AuditLog(ctx, store.AuditFilter{Entity: store.EntityPerson}))
		var update *store.AuditEntry
		for i, e := range log {
			for _, s := range []string{"Priya", "Shah", "10000001", "a.example"} {
				if strings.Contains(e.Summary, s) {
					t.Errorf("audit summary %q carries personal data %q", e.Summary, s)
				}
			}
			if e.Action == store.ActionUpdate && e.EntityID == fmt.Sprint(p.ID) {
				update = &log[i]
			}
		}
		if update == nil || !strings.Contains(update.Summary, "name changed") || !strings.Contains(strings.Join(update.Fields, ","), "work_email") {
			t.Errorf("update audit entry = %+v", update)
		}
	})
}

func TestSearchPeopleIsScoped(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		for i, name := range []string{"Amara Okafor", "Ben Price", "Chen Li", "Dana Okafor-Reid", "Eve 100% Real_Name"} {
			must(db.CreatePerson(ctx, w.actor, w.personA(fmt.Sprintf("A%03d", i), name)))
		}
		// A person of A's organisation without assignments, and a person of B.
		must(db.CreatePerson(ctx, w.actor, workforce.Person{OrganisationID: w.a.ID, StaffNumber: "A900", Name: "Zed Unassigned"}))
		must(db.CreatePerson(ctx, w.actor, workforce.Person{OrganisationID: w.b.ID, StaffNumber: "B001", Name: "Amara Okafor",
			Assignments: []workforce.Assignment{{RoleID: w.roleB.ID, TeamID: w.teamB.ID, FTE: 100, Start: "2020-01-01"}}}))

		names := func(q store.PersonQuery) []string {
			page := must(db.SearchPeople(ctx, q))
			var out []string
			for _, p := range page.People {
				out = append(out, p.StaffNumber)
			}
			return out
		}
		check := func(label string, q store.PersonQuery, want string) {
			t.Helper()
			if got := strings.Join(names(q), ","); got != want {
				t.Errorf("%s: %s, want %s", label, got, want)
			}
		}
		check("all of A", store.PersonQuery{OrganisationIDs: []int64{w.a.ID}}, "A000,A001,A002,A003,A004,A900")
		check("manager of the team sees the team's people only", store.PersonQuery{OrganisationIDs: []int64{w.teamA.ID}}, "A000,A001,A002,A003,A004")
		check("B never appears for A", store.PersonQuery{OrganisationIDs: []int64{w.a.ID}, Search: "amara"}, "A000")
		check("B sees its own", store.PersonQuery{OrganisationIDs: []int64{w.b.ID, w.teamB.ID}, Search: "amara"}, "B001")
		check("second word of the name", store.PersonQuery{OrganisationIDs: []int64{w.a.ID}, Search: "okafor"}, "A000,A003")
		check("staff number", store.PersonQuery{OrganisationIDs: []int64{w.a.ID}, Search: "a00"}, "A000,A001,A002,A003,A004")
		check("wildcards are literal", store.PersonQuery{OrganisationIDs: []int64{w.a.ID}, Search: "100%"}, "A004")
		check("underscore is literal", store.PersonQuery{OrganisationIDs: []int64{w.a.ID}, Search: "real_"}, "A004")
		check("team filter", store.PersonQuery{OrganisationIDs: []int64{w.a.ID}, TeamID: w.teamA.ID, Search: "chen"}, "A002")
		check("team of another trust finds nothing", store.PersonQuery{OrganisationIDs: []int64{w.a.ID}, TeamID: w.teamB.ID}, "")
		check("no scope sees nothing", store.PersonQuery{}, "")
		page := must(db.SearchPeople(ctx, store.PersonQuery{OrganisationIDs: []int64{w.a.ID}, Limit: 2, Offset: 2}))
		if page.Total != 6 || len(page.People) != 2 || page.People[0].StaffNumber != "A002" || len(page.People[0].Assignments) != 1 {
			t.Errorf("page 2 = %+v", page)
		}
	})
}

func TestPersonVisible(t *testing.T) {
	p := workforce.Person{OrganisationID: 1, UserID: 7, Assignments: []workforce.Assignment{{TeamID: 3}}}
	tests := []struct {
		name   string
		access map[int64]store.AccessRole
		user   int64
		want   bool
	}{
		{"manager of the organisation", map[int64]store.AccessRole{1: store.AccessManager}, 1, true},
		{"staff of the organisation", map[int64]store.AccessRole{1: store.AccessStaff}, 1, false},
		{"planner of the team", map[int64]store.AccessRole{3: store.AccessPlanner}, 1, true},
		{"viewer of the team", map[int64]store.AccessRole{3: store.AccessViewer}, 1, false},
		{"themselves", nil, 7, true},
		{"administrator elsewhere", map[int64]store.AccessRole{2: store.AccessAdministrator}, 1, false},
		{"anonymous", nil, 0, false},
	}
	for _, tt := range tests {
		if got := store.PersonVisible(p, tt.access, tt.user); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestImportPeopleUpsertsAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		linked := must(db.CreatePerson(ctx, w.actor, workforce.Person{OrganisationID: w.a.ID, StaffNumber: "P0", Name: "Already Here", UserID: w.staff.ID}))
		file := func(n int) []workforce.Person {
			var out []workforce.Person
			for i := range n {
				out = append(out, w.personA(fmt.Sprintf("P%d", i), fmt.Sprintf("Person Number%d", i)))
			}
			return out
		}
		res := must(db.ImportPeople(ctx, w.actor, w.a.ID, file(250)))
		if res.Created != 249 || res.Updated != 1 {
			t.Fatalf("first import = %+v", res)
		}
		// The account link of an existing person survives the import.
		if p := must(db.Person(ctx, linked.ID)); p.UserID != w.staff.ID || p.Name != "Person Number0" || len(p.Assignments) != 1 || p.Version != 2 {
			t.Fatalf("updated person = %+v", p)
		}
		// The same file again changes nothing and duplicates nothing.
		res = must(db.ImportPeople(ctx, w.actor, w.a.ID, file(250)))
		if res.Created != 0 || res.Updated != 0 || res.Unchanged != 250 {
			t.Fatalf("second import = %+v", res)
		}
		if page := must(db.SearchPeople(ctx, store.PersonQuery{OrganisationIDs: []int64{w.a.ID}})); page.Total != 250 {
			t.Fatalf("%d people after re-import, want 250", page.Total)
		}
		// A changed FTE and a new person: one updated, one created.
		f := file(251)
		f[5].Assignments[0].FTE = 60
		res = must(db.ImportPeople(ctx, w.actor, w.a.ID, f))
		if res.Created != 1 || res.Updated != 1 {
			t.Fatalf("third import = %+v", res)
		}
		// New people get ids the identity sequence knows: a later single create works.
		must(db.CreatePerson(ctx, w.actor, w.personA("LATER", "Later Person")))

		// Bad rows anywhere: every one reported, nothing saved.
		f = file(300)
		f[3].Assignments[0].FTE = 0
		f[120].Name = ""
		f[299].StaffNumber = "P1"
		_, err := db.ImportPeople(ctx, w.actor, w.a.ID, f)
		var inv *store.InvalidPeopleError
		if !errors.As(err, &inv) || len(inv.People) != 3 || inv.People[0].Index != 3 || inv.People[1].Index != 120 || inv.People[2].Index != 299 {
			t.Fatalf("bad import: %v", err)
		}
		if page := must(db.SearchPeople(ctx, store.PersonQuery{OrganisationIDs: []int64{w.a.ID}})); page.Total != 252 {
			t.Fatalf("%d people after a refused import, want 252", page.Total)
		}
	})
}

// TestImportPeopleProperty: for random files with random bad rows, an import saves every row
// or none, and after a successful import each staff number is there exactly once with the
// file's values.
func TestImportPeopleProperty(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		rng := rand.New(rand.NewPCG(1, 2))
		for round := range 12 {
			before := must(db.SearchPeople(ctx, store.PersonQuery{OrganisationIDs: []int64{w.a.ID}})).Total
			n := 1 + rng.IntN(40)
			var f []workforce.Person
			bad := 0
			for i := range n {
				p := w.personA(fmt.Sprintf("S%d", rng.IntN(60)), fmt.Sprintf("Round%d Person%d", round, i))
				p.StaffNumber = fmt.Sprintf("S%d-%d", round%3, i)
				if rng.IntN(15) == 0 {
					p.Assignments[0].FTE = workforce.FTE(101 + rng.IntN(50))
					bad++
				}
				f = append(f, p)
			}
			_, err := db.ImportPeople(ctx, w.actor, w.a.ID, f)
			after := must(db.SearchPeople(ctx, store.PersonQuery{OrganisationIDs: []int64{w.a.ID}, Limit: store.MaxPeoplePage}))
			if bad > 0 {
				if !errors.Is(err, store.ErrInvalid) || after.Total != before {
					t.Fatalf("round %d: %d bad rows: err %v, people %d → %d", round, bad, err, before, after.Total)
				}
				continue
			}
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			byNumber := map[string]workforce.Person{}
			for _, p := range after.People {
				if _, dup := byNumber[p.StaffNumber]; dup {
					t.Fatalf("round %d: staff number %s twice", round, p.StaffNumber)
				}
				byNumber[p.StaffNumber] = p
			}
			for _, p := range f {
				if got, ok := byNumber[p.StaffNumber]; !ok || got.Name != p.Name {
					t.Fatalf("round %d: %s not imported as %q (%+v)", round, p.StaffNumber, p.Name, got)
				}
			}
		}
	})
}

func TestPortfolioConfirmAndErase(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		p := must(db.CreatePerson(ctx, w.actor, w.personA("E1", "Erin Example")))
		e := must(db.AddPortfolioEntry(ctx, store.Actor{UserID: w.staff.ID}, workforce.PortfolioEntry{PersonID: p.ID,
			FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c1", LevelKey: "level-1",
			Evidence: workforce.EvidenceSelf, Achieved: "2023-05-01", ReviewBy: "2030-05-01", Note: "Erin Example's note"}))
		if e.ID == 0 || e.Version != 1 || e.Evidence != workforce.EvidenceSelf || e.ConfirmedBy != 0 {
			t.Fatalf("AddPortfolioEntry = %+v", e)
		}
		// A competence of another employer's framework is refused.
		_, err := db.AddPortfolioEntry(ctx, w.actor, workforce.PortfolioEntry{PersonID: p.ID, FrameworkKey: "local-b", FrameworkVersion: "1",
			NodeKey: "supervision", Evidence: workforce.EvidenceSelf, Achieved: "2023-05-01"})
		var inv *store.InvalidEntryError
		if !errors.As(err, &inv) || inv.Problems[0].Field != "framework" {
			t.Fatalf("another employer's framework: %v", err)
		}
		must(db.AddPortfolioEntry(ctx, w.actor, workforce.PortfolioEntry{PersonID: p.ID, FrameworkKey: "local-a", FrameworkVersion: "1",
			NodeKey: "supervision", Evidence: workforce.EvidenceSelf, Achieved: "2023-05-01"}))

		c := must(db.ConfirmPortfolioEntry(ctx, store.Actor{UserID: w.manager.ID}, e.ID, e.Version))
		if c.Evidence != workforce.EvidenceConfirmed || c.ConfirmedBy != w.manager.ID || c.ConfirmedByName != "Morgan Manager" ||
			c.ConfirmedAt.IsZero() || c.Version != 2 {
			t.Fatalf("confirmed = %+v", c)
		}
		if _, err := db.ConfirmPortfolioEntry(ctx, store.Actor{UserID: w.manager.ID}, e.ID, e.Version); !errors.Is(err, store.ErrConflict) {
			t.Errorf("confirming a stale version: %v", err)
		}
		if got := must(db.Portfolio(ctx, p.ID)); len(got) != 2 {
			t.Fatalf("portfolio has %d entries", len(got))
		}
		// Removing an entry needs the version read, too.
		extra := must(db.AddPortfolioEntry(ctx, w.actor, workforce.PortfolioEntry{PersonID: p.ID, FrameworkKey: "ksf", FrameworkVersion: "2010",
			NodeKey: "c2", LevelKey: "level-1", Evidence: workforce.EvidenceSelf, Achieved: "2023-05-01"}))
		if err := db.DeletePortfolioEntry(ctx, w.actor, extra.ID, extra.Version+1); !errors.Is(err, store.ErrConflict) {
			t.Errorf("removing a stale version: %v", err)
		}
		must(0, db.DeletePortfolioEntry(ctx, w.actor, extra.ID, extra.Version))
		if err := db.DeletePortfolioEntry(ctx, w.actor, extra.ID, extra.Version); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("removing it twice: %v", err)
		}

		if err := db.ErasePerson(ctx, w.actor, p.ID, p.Version+1); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("erase with a stale version: %v", err)
		}
		// A name in an audit summary (the way a careless summary might put it) goes on erasure.
		must(0, db.WriteAudit(ctx, w.actor, store.AuditEntry{Entity: store.EntityPerson, EntityID: fmt.Sprint(p.ID),
			Action: "export", Summary: "exported everything held about Erin Example"}))
		must(0, db.ErasePerson(ctx, w.actor, p.ID, p.Version))
		if _, err := db.Person(ctx, p.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("erased person still there: %v", err)
		}
		if got := must(db.Portfolio(ctx, p.ID)); len(got) != 0 {
			t.Fatalf("erased person's portfolio has %d entries", len(got))
		}
		log := must(db.AuditLog(ctx, store.AuditFilter{Limit: 1000}))
		var erased bool
		for _, e := range log {
			if strings.Contains(e.Summary, "Erin") || strings.Contains(e.Summary, "Example") {
				t.Errorf("audit still names the erased person: %q", e.Summary)
			}
			if e.Action == "erase" && e.EntityID == fmt.Sprint(p.ID) {
				erased = true
			}
		}
		if !erased {
			t.Error("the erasure is not in the audit log")
		}
	})
}

// TestImportPortfolios: a bulk load of portfolio entries is all or nothing, every bad entry
// reported by its index (an unknown competence, another organisation's person, a confirmation),
// and a good load is read back as given.
func TestImportPortfolios(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		must(db.ImportPeople(ctx, w.actor, w.a.ID, []workforce.Person{w.personA("P1", "Pat One"), w.personA("P2", "Pip Two")}))
		ids := must(db.StaffNumbers(ctx, w.a.ID))
		if len(ids) != 2 || ids["P1"] == 0 || ids["P2"] == 0 {
			t.Fatalf("staff numbers: %v", ids)
		}
		outsider := must(db.CreatePerson(ctx, w.actor, workforce.Person{OrganisationID: w.b.ID, StaffNumber: "B1", Name: "Bo Bee",
			Assignments: []workforce.Assignment{{RoleID: w.roleB.ID, TeamID: w.teamB.ID, FTE: 100, Start: "2020-04-01"}}}))
		entry := func(person int64, node string) workforce.PortfolioEntry {
			return workforce.PortfolioEntry{PersonID: person, FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: node,
				LevelKey: "level-2", Evidence: workforce.EvidenceSelf, Achieved: "2024-01-15", ReviewBy: "2027-01-15"}
		}
		confirmed := entry(ids["P2"], "c3")
		confirmed.Evidence = workforce.EvidenceConfirmed
		bad := []workforce.PortfolioEntry{entry(ids["P1"], "c1"), entry(ids["P1"], "no-such"), entry(outsider.ID, "c1"), confirmed}
		err := db.ImportPortfolios(ctx, w.actor, w.a.ID, bad)
		var inv *store.InvalidPortfolioError
		if !errors.As(err, &inv) || len(inv.Entries) != 3 || inv.Entries[0].Index != 1 || inv.Entries[1].Index != 2 || inv.Entries[2].Index != 3 {
			t.Fatalf("bad load: %v", err)
		}
		if got := must(db.Portfolio(ctx, ids["P1"])); len(got) != 0 {
			t.Fatalf("a refused load saved %d entries", len(got))
		}
		good := []workforce.PortfolioEntry{entry(ids["P1"], "c1"), entry(ids["P1"], "c2"), entry(ids["P2"], "c1")}
		must(0, db.ImportPortfolios(ctx, w.actor, w.a.ID, good))
		got := must(db.Portfolio(ctx, ids["P1"]))
		if len(got) != 2 || got[0].NodeKey != "c1" || got[0].LevelKey != "level-2" || got[0].Achieved != "2024-01-15" ||
			got[0].ReviewBy != "2027-01-15" || got[0].Evidence != workforce.EvidenceSelf || got[0].Version != 1 {
			t.Errorf("P1's portfolio: %+v", got)
		}
		if got := must(db.Portfolio(ctx, ids["P2"])); len(got) != 1 {
			t.Errorf("P2's portfolio: %+v", got)
		}
	})
}
