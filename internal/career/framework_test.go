package career

import (
	"strings"
	"testing"
	"testing/quick"
)

// The roles of the tests: Trust (org 1) with a service (org 2) below it; a partner (org 3) that
// shares one role and keeps another to itself; and a stranger (org 4) that shares a role but is
// not a partner.
var testRoles = map[int64]RoleRef{
	1:  {ID: 1, OrganisationID: 1, Title: "Healthcare assistant", Level: 2},
	2:  {ID: 2, OrganisationID: 1, Title: "Senior healthcare assistant", Level: 3},
	3:  {ID: 3, OrganisationID: 2, Title: "Assistant practitioner", Level: 4},
	4:  {ID: 4, OrganisationID: 1, Title: "Registered nurse", Level: 5},
	5:  {ID: 5, OrganisationID: 1, Title: "Clinical research practitioner", Level: 5},
	6:  {ID: 6, OrganisationID: 3, Title: "Partner's shared role", Level: 4, Shared: true},
	7:  {ID: 7, OrganisationID: 3, Title: "Partner's own role", Level: 4},
	8:  {ID: 8, OrganisationID: 4, Title: "Stranger's shared role", Level: 4, Shared: true},
	9:  {ID: 9, OrganisationID: 1, Title: "Unplaced role", Level: 0},
	10: {ID: 10, OrganisationID: 1, Title: "Retired role", Level: 3, Retired: true},
}

var testUse = Usable{Own: map[int64]bool{1: true, 2: true}, Partners: map[int64]bool{3: true}}

func base() Framework {
	return Normalise(Framework{
		OrganisationID: 1, Title: "Nursing career framework",
		Families: []Family{{Name: "Nursing"}, {Name: "Research delivery"}},
		Placements: []Placement{{RoleID: 1, FamilyKey: "nursing"}, {RoleID: 2, FamilyKey: "nursing"},
			{RoleID: 3, FamilyKey: "nursing"}, {RoleID: 4, FamilyKey: "nursing"}, {RoleID: 5, FamilyKey: "research-delivery"}},
		Routes: []Route{{FromRoleID: 1, ToRoleID: 2, Kind: KindUp}},
	})
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(f *Framework)
		want   string // "" for no error; otherwise part of the one error expected
	}{
		{"valid framework", func(f *Framework) {}, ""},
		{"route up to a higher level", func(f *Framework) {
			f.Routes = append(f.Routes, Route{FromRoleID: 3, ToRoleID: 4, Kind: KindUp, RegistrationRequired: true, Qualification: "Nursing degree"})
		}, ""},
		{"route up skipping levels", func(f *Framework) { f.Routes = append(f.Routes, Route{FromRoleID: 1, ToRoleID: 4, Kind: "UP"}) }, ""},
		{"route up to the same level", func(f *Framework) { f.Routes = append(f.Routes, Route{FromRoleID: 4, ToRoleID: 5, Kind: KindUp}) }, "route up must go to a higher level"},
		{"route up to a lower level", func(f *Framework) { f.Routes = append(f.Routes, Route{FromRoleID: 4, ToRoleID: 1, Kind: KindUp}) }, "route up must go to a higher level"},
		{"route across at the same level", func(f *Framework) { f.Routes = append(f.Routes, Route{FromRoleID: 4, ToRoleID: 5, Kind: KindAcross}) }, ""},
		{"route across to another level", func(f *Framework) { f.Routes = append(f.Routes, Route{FromRoleID: 3, ToRoleID: 4, Kind: KindAcross}) }, "route across must stay at the same level"},
		{"route without a kind", func(f *Framework) { f.Routes = append(f.Routes, Route{FromRoleID: 3, ToRoleID: 4}) }, "up a level or across"},
		{"route of an unknown kind", func(f *Framework) { f.Routes = append(f.Routes, Route{FromRoleID: 3, ToRoleID: 4, Kind: "down"}) }, "up a level or across"},
		{"self-route", func(f *Framework) { f.Routes = append(f.Routes, Route{FromRoleID: 4, ToRoleID: 4, Kind: KindAcross}) }, "cannot lead to itself"},
		{"duplicate route", func(f *Framework) {
			f.Routes = append(f.Routes, Route{FromRoleID: 1, ToRoleID: 2, Kind: KindUp, Note: "again"})
		}, "already a route from Healthcare assistant to Senior healthcare assistant"},
		{"reverse route is not a duplicate", func(f *Framework) {
			f.Routes = append(f.Routes, Route{FromRoleID: 4, ToRoleID: 5, Kind: KindAcross}, Route{FromRoleID: 5, ToRoleID: 4, Kind: KindAcross})
		}, ""},
		{"route from a role not placed", func(f *Framework) { f.Routes = append(f.Routes, Route{FromRoleID: 7, ToRoleID: 4, Kind: KindUp}) }, "Partner's own role is not in the framework"},
		{"route to a role not placed", func(f *Framework) { f.Routes = append(f.Routes, Route{FromRoleID: 1, ToRoleID: 6, Kind: KindUp}) }, "Partner's shared role is not in the framework"},
		{"route to an unknown role", func(f *Framework) { f.Routes = append(f.Routes, Route{FromRoleID: 1, ToRoleID: 99, Kind: KindUp}) }, "role 99 is not in the framework"},
		{"role of a node below the organisation", func(f *Framework) {}, ""},
		{"partner's shared role", func(f *Framework) { f.Placements = append(f.Placements, Placement{RoleID: 6, FamilyKey: "nursing"}) }, ""},
		{"partner's role not shared", func(f *Framework) { f.Placements = append(f.Placements, Placement{RoleID: 7, FamilyKey: "nursing"}) }, "cannot use"},
		{"stranger's shared role", func(f *Framework) { f.Placements = append(f.Placements, Placement{RoleID: 8, FamilyKey: "nursing"}) }, "cannot use"},
		{"unknown role", func(f *Framework) { f.Placements = append(f.Placements, Placement{RoleID: 99, FamilyKey: "nursing"}) }, "Role 99 does not exist"},
		{"role without a level", func(f *Framework) { f.Placements = append(f.Placements, Placement{RoleID: 9, FamilyKey: "nursing"}) }, "has no Career Framework level"},
		{"retired role", func(f *Framework) { f.Placements = append(f.Placements, Placement{RoleID: 10, FamilyKey: "nursing"}) }, "is retired"},
		{"role placed twice", func(f *Framework) {
			f.Placements = append(f.Placements, Placement{RoleID: 1, FamilyKey: "research-delivery"})
		}, "already in the framework"},
		{"unknown family", func(f *Framework) { f.Placements[0].FamilyKey = "estates" }, "Choose a role family for Healthcare assistant"},
		{"no title", func(f *Framework) { f.Title = "" }, "Enter a title"},
		{"long title", func(f *Framework) { f.Title = strings.Repeat("x", MaxTitleLen+1) }, "200 characters or fewer"},
		{"no families", func(f *Framework) { f.Families, f.Placements, f.Routes = nil, nil, nil }, "at least one role family"},
		{"family without a name", func(f *Framework) { f.Families = append(f.Families, Family{Key: "x"}) }, "Enter a name for role family 3"},
		{"family twice", func(f *Framework) { f.Families = append(f.Families, Family{Key: "x", Name: "NURSING"}) }, "listed twice"},
		{"bad status", func(f *Framework) { f.Status = "open" }, "Status must be"},
		{"long qualification", func(f *Framework) { f.Routes[0].Qualification = strings.Repeat("q", MaxQualificationLen+1) }, "qualification must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := base()
			tt.change(&f)
			f = Normalise(f)
			errs := Errors(Validate(f, testRoles, testUse, nil))
			switch {
			case tt.want == "" && len(errs) > 0:
				t.Fatalf("unexpected errors: %v", errs)
			case tt.want != "" && len(errs) != 1:
				t.Fatalf("want one error containing %q, got %v", tt.want, errs)
			case tt.want != "" && !strings.Contains(errs[0].Message, tt.want):
				t.Fatalf("error %q does not contain %q", errs[0].Message, tt.want)
			}
		})
	}
}

// A route saved when it was right stays savable after a role's level moves, as a warning, so an
// unrelated change is never blocked; a new or changed route must be right.
func TestValidateKeepsSavedRoutesAsWarnings(t *testing.T) {
	prev := base()
	prev.Routes = append(prev.Routes, Route{FromRoleID: 3, ToRoleID: 4, Kind: KindUp})
	roles := map[int64]RoleRef{}
	for id, r := range testRoles {
		roles[id] = r
	}
	moved := roles[4]
	moved.Level = 4 // the registered nurse role was moved down to level 4
	roles[4] = moved

	next := prev
	next.Title = "Renamed"
	ps := Validate(next, roles, testUse, &prev)
	if HasErrors(ps) || len(ps) != 1 || !ps[0].Warning || ps[0].Field != "routes[1]" {
		t.Fatalf("unchanged route after a level moved: %v, want one warning on routes[1]", ps)
	}
	next.Routes = append([]Route(nil), prev.Routes...)
	next.Routes[1].Note = "changed"
	if ps := Validate(next, roles, testUse, &prev); !HasErrors(ps) {
		t.Fatalf("a changed route that breaks the rule was accepted: %v", ps)
	}
}

func TestNormaliseGivesFamiliesFreeKeys(t *testing.T) {
	f := Normalise(Framework{Families: []Family{{Name: " Allied  health "}, {Name: "Allied health!"}, {Key: "allied-health-3", Name: "Kept"}, {Name: "Nursing & midwifery"}, {Name: "★"}}})
	want := []string{"allied-health", "allied-health-2", "allied-health-3", "nursing-midwifery", "family"}
	for i, k := range want {
		if f.Families[i].Key != k {
			t.Errorf("family %d key = %q, want %q", i, f.Families[i].Key, k)
		}
	}
	if f.Families[0].Name != "Allied health" || f.Status != StatusDraft {
		t.Errorf("Normalise = %+v", f)
	}
}

// Property: whatever two levels a route joins, exactly one of up and across is valid when
// KindFor names one, and neither when the route goes down.
func TestKindForAgreesWithValidate(t *testing.T) {
	prop := func(a, b uint8) bool {
		la, lb := int(a%9)+1, int(b%9)+1
		roles := map[int64]RoleRef{1: {ID: 1, OrganisationID: 1, Title: "A", Level: la}, 2: {ID: 2, OrganisationID: 1, Title: "B", Level: lb}}
		valid := 0
		validKind := ""
		for _, kind := range []string{KindUp, KindAcross} {
			f := Normalise(Framework{Title: "T", Families: []Family{{Name: "F"}},
				Placements: []Placement{{RoleID: 1, FamilyKey: "f"}, {RoleID: 2, FamilyKey: "f"}},
				Routes:     []Route{{FromRoleID: 1, ToRoleID: 2, Kind: kind}}})
			if !HasErrors(Validate(f, roles, Usable{Own: map[int64]bool{1: true}}, nil)) {
				valid++
				validKind = kind
			}
		}
		want := KindFor(la, lb)
		return (want == "" && valid == 0) || (want != "" && valid == 1 && validKind == want)
	}
	if err := quick.Check(prop, nil); err != nil {
		t.Error(err)
	}
}

func TestWithoutRoleTakesItsRoutes(t *testing.T) {
	f := base()
	f.Routes = append(f.Routes, Route{FromRoleID: 2, ToRoleID: 3, Kind: KindUp}, Route{FromRoleID: 3, ToRoleID: 4, Kind: KindUp})
	g := f.WithoutRole(2)
	if _, ok := g.Placed(2); ok || len(g.Routes) != 1 || g.Routes[0].FromRoleID != 3 {
		t.Fatalf("WithoutRole(2) = %+v", g)
	}
	if len(f.Routes) != 3 {
		t.Fatalf("WithoutRole changed the original")
	}
	if ps := Validate(g, testRoles, testUse, nil); HasErrors(ps) {
		t.Fatalf("removing a role left an invalid framework: %v", ps)
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		r    Route
		want string
	}{
		{Route{Kind: KindUp}, "Can move up to X"},
		{Route{Kind: KindAcross}, "Can move across to X"},
		{Route{Kind: KindUp, RegistrationRequired: true}, "Can move up to X (registration required)"},
		{Route{Kind: KindUp, RegistrationRequired: true, Qualification: "Nursing degree"}, "Can move up to X (registration required; qualification: Nursing degree)"},
	}
	for _, tt := range tests {
		if got := Describe(tt.r, "X"); got != tt.want {
			t.Errorf("Describe(%+v) = %q, want %q", tt.r, got, tt.want)
		}
	}
}
