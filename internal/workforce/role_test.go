package workforce

import (
	"reflect"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/framework"
)

// testFrameworks is a small KSF-like competence framework, a local framework without a level
// scale, and a checklist framework that roles may not require.
func testFrameworks() FrameworkLookup {
	ksf := &framework.Framework{
		Key: "ksf", Version: "2010", Title: "KSF", Kind: framework.KindCompetence,
		Levels: []framework.Level{
			{Key: "level-1", Rank: 1, Title: "Level 1"}, {Key: "level-2", Rank: 2, Title: "Level 2"},
			{Key: "level-3", Rank: 3, Title: "Level 3"},
		},
		Nodes: []framework.Node{{Key: "core", Type: "domain", Title: "Core", Children: []framework.Node{
			{Key: "c1", Type: "dimension", Code: "C1", Title: "Communication"},
			{Key: "c2", Type: "dimension", Code: "C2", Title: "Personal and people development"},
		}}},
	}
	local := &framework.Framework{
		Key: "acme-ahp", Version: "1", Title: "Acme AHP", Kind: framework.KindCompetence,
		Nodes: []framework.Node{{Key: "supervision", Type: "competence", Title: "Clinical supervision"}},
	}
	iwl := &framework.Framework{
		Key: "iwl", Version: "2009", Title: "IWL", Kind: framework.KindChecklist,
		Nodes: []framework.Node{{Key: "s1", Type: "standard", Title: "Standard"}},
	}
	all := map[string]*framework.Framework{ksf.ID(): ksf, local.ID(): local, iwl.ID(): iwl}
	return func(key, version string) *framework.Framework { return all[key+"@"+version] }
}

func validRole() Role {
	return Role{
		OrganisationID: 1, Title: "Staff nurse", StaffGroup: "Nursing and Midwifery Registered",
		Profession: "Adult nursing", Level: 5, Band: "5", RegistrationRequired: true,
		Summary: "Plans and gives nursing care.", Activities: []string{"Assesses patients"},
		QualityStandards: []string{}, KnowledgeSkills: []string{"Medicines management"},
		Requirements: []Requirement{
			{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c1", LevelKey: "level-2", Essential: true},
			{FrameworkKey: "acme-ahp", FrameworkVersion: "1", NodeKey: "supervision"},
		},
		Status: StatusDraft,
	}
}

func TestValidateRole(t *testing.T) {
	lookup := testFrameworks()
	req := func(key, version, node, level string) Requirement {
		return Requirement{FrameworkKey: key, FrameworkVersion: version, NodeKey: node, LevelKey: level}
	}
	tests := []struct {
		name   string
		change func(r *Role)
		want   []Problem // nil: no problems
	}{
		{"valid", func(r *Role) {}, nil},
		{"level 0 and no band", func(r *Role) { r.Level, r.Band, r.RegistrationRequired = 0, "", true }, nil},
		{"indicative level of an admin role", func(r *Role) {
			r.StaffGroup, r.RegistrationRequired, r.Level, r.LevelIndicative, r.Band = "Administrative and Clerical", false, 4, true, "4"
		}, nil},
		{"no title", func(r *Role) { r.Title = "  " }, []Problem{{Field: "title", Message: "Enter a title"}}},
		{"title of 200 characters", func(r *Role) { r.Title = strings.Repeat("é", 200) }, nil},
		{"title too long", func(r *Role) { r.Title = strings.Repeat("é", 201) },
			[]Problem{{Field: "title", Message: "Title must be 200 characters or fewer (it has 201)"}}},
		{"unknown staff group", func(r *Role) { r.StaffGroup = "Research and development" },
			[]Problem{{Field: "staff_group", Message: `Staff group "Research and development" is not one of the NHS staff groups`}}},
		{"level 10", func(r *Role) { r.Level = 10 },
			[]Problem{{Field: "level", Message: "Level must be from 1 to 9, or not set (it is 10)"}}},
		{"negative level", func(r *Role) { r.Level = -1 },
			[]Problem{{Field: "level", Message: "Level must be from 1 to 9, or not set (it is -1)"}}},
		{"indicative without a level", func(r *Role) { r.Level, r.LevelIndicative = 0, true },
			[]Problem{{Field: "level_indicative", Message: "Only a level that is set can be marked as indicative"}}},
		{"band 8e", func(r *Role) { r.Band = "8e" },
			[]Problem{{Field: "band", Message: `Band "8e" is not an Agenda for Change band (1 to 9, 8a to 8d)`}}},
		{"band 8a", func(r *Role) { r.Band = "8a" }, nil},
		{"bad status", func(r *Role) { r.Status = "archived" },
			[]Problem{{Field: "status", Message: `Status must be draft, published or retired (it is "archived")`}}},
		{"registered at level 4 is a warning", func(r *Role) { r.Level, r.Band = 4, "4" },
			[]Problem{{Field: "registration_required", Warning: true,
				Message: "Registered practitioners usually start at level 5, and this role is at level 4: check the level (nursing associates, registered at level 4, are an exception)"}}},
		{"registered group without registration is a warning", func(r *Role) { r.RegistrationRequired = false },
			[]Problem{{Field: "registration_required", Warning: true,
				Message: "Staff in the Nursing and Midwifery Registered staff group are registered professionals, but this role does not require registration"}}},
		{"unknown framework", func(r *Role) { r.Requirements = []Requirement{req("ksf", "2004", "c1", "level-1")} },
			[]Problem{{Field: "requirements[0].framework_version", Message: "Framework ksf@2004 is not available"}}},
		{"checklist framework", func(r *Role) { r.Requirements = []Requirement{req("iwl", "2009", "s1", "")} },
			[]Problem{{Field: "requirements[0].framework_key", Message: "Framework iwl@2009 is a checklist framework: only competence and profile frameworks can be required"}}},
		{"unknown node", func(r *Role) { r.Requirements = []Requirement{req("ksf", "2010", "c9", "level-1")} },
			[]Problem{{Field: "requirements[0].node_key", Message: `Framework ksf@2010 has no competence "c9"`}}},
		{"unknown level", func(r *Role) { r.Requirements = []Requirement{req("ksf", "2010", "c1", "level-4")} },
			[]Problem{{Field: "requirements[0].level_key", Message: `Framework ksf@2010 has no level "level-4"`}}},
		{"missing level", func(r *Role) { r.Requirements = []Requirement{req("ksf", "2010", "c1", "")} },
			[]Problem{{Field: "requirements[0].level_key", Message: "Choose the level of c1 required"}}},
		{"level on a framework without levels", func(r *Role) { r.Requirements = []Requirement{req("acme-ahp", "1", "supervision", "level-1")} },
			[]Problem{{Field: "requirements[0].level_key", Message: "Framework acme-ahp@1 has no levels, so no level can be required"}}},
		{"no framework", func(r *Role) { r.Requirements = []Requirement{req("", "", "c1", "")} },
			[]Problem{{Field: "requirements[0].framework_key", Message: "Choose a framework"}}},
		{"no node", func(r *Role) { r.Requirements = []Requirement{req("ksf", "2010", "", "level-1")} },
			[]Problem{{Field: "requirements[0].node_key", Message: "Choose a competence of framework ksf@2010"}}},
		{"duplicate node, even in another version", func(r *Role) {
			r.Requirements = []Requirement{req("ksf", "2010", "c1", "level-1"), req("ksf", "2010", "c2", "level-1"), req("ksf", "2004", "c1", "level-2")}
		}, []Problem{{Field: "requirements[2].node_key", Message: `Competence "c1" of framework "ksf" is already required (requirement 1)`}}},
		{"too many activities and one too long", func(r *Role) {
			r.Activities = make([]string, MaxListItems+1)
			for i := range r.Activities {
				r.Activities[i] = "x"
			}
			r.Activities[3] = strings.Repeat("a", MaxListItemLen+1)
		}, []Problem{
			{Field: "activities", Message: "At most 200 of them (there are 201)"},
			{Field: "activities[3]", Message: "Each activity must be 2000 characters or fewer (this one has 2001)"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRole()
			tt.change(&r)
			got := ValidateRole(r, lookup)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ValidateRole:\n got %v\nwant %v", got, tt.want)
			}
			wantErrors := false
			for _, p := range tt.want {
				wantErrors = wantErrors || !p.Warning
			}
			if HasErrors(got) != wantErrors {
				t.Fatalf("HasErrors = %t, want %t", HasErrors(got), wantErrors)
			}
		})
	}
}

func TestValidateRoleWithoutLookup(t *testing.T) {
	got := ValidateRole(validRole(), nil)
	if len(got) != 2 || got[0].Field != "requirements[0].framework_version" {
		t.Fatalf("ValidateRole with no frameworks = %v", got)
	}
	if len(Errors(got)) != 2 {
		t.Fatalf("Errors = %v", Errors(got))
	}
}

func TestNormalise(t *testing.T) {
	in := Role{
		Title: "  Physiotherapist ", StaffGroup: "allied  health professionals", Band: "Band 8A",
		Activities: []string{" Treats patients ", "", "  "}, Status: "",
		Requirements: []Requirement{{FrameworkKey: " ksf ", FrameworkVersion: "2010 ", NodeKey: " c1", LevelKey: "level-1 "}},
	}
	got := Normalise(in)
	want := Role{
		Title: "Physiotherapist", StaffGroup: "Allied Health Professionals", Band: "8a",
		Activities: []string{"Treats patients"}, QualityStandards: []string{}, KnowledgeSkills: []string{},
		Requirements: []Requirement{{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c1", LevelKey: "level-1"}},
		Status:       StatusDraft,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Normalise:\n got %+v\nwant %+v", got, want)
	}
	if got := Normalise(Role{Band: "band 10", StaffGroup: " Nursing "}); got.Band != "band 10" || got.StaffGroup != "Nursing" {
		t.Fatalf("unknown values are kept for ValidateRole to report: %+v", got)
	}
	if got := Normalise(Role{}); got.Requirements == nil || got.Activities == nil {
		t.Fatal("Normalise must leave no nil lists")
	}
}

func TestNormaliseBand(t *testing.T) {
	for in, want := range map[string]string{
		"": "", " ": "", "5": "5", "Band 5": "5", "band 8A": "8a", "8 c": "8c", "AfC band 9": "9", "9": "9",
	} {
		if got, ok := NormaliseBand(in); !ok || got != want {
			t.Errorf("NormaliseBand(%q) = %q, %t; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"10", "8e", "0", "band", "five"} {
		if _, ok := NormaliseBand(in); ok {
			t.Errorf("NormaliseBand(%q) accepted", in)
		}
	}
}

func TestLookupStaffGroup(t *testing.T) {
	for in, want := range map[string]string{
		"Medical and Dental":                "Medical and Dental",
		"medical & dental":                  "Medical and Dental",
		"03":                                "Nursing and Midwifery Registered",
		"Add Prof Scientific and Technic":   "Additional Professional Scientific and Technical",
		" administrative  and clerical ":    "Administrative and Clerical",
		"ESTATES AND ANCILLARY":             "Estates and Ancillary",
		"Additional Clinical Services":      "Additional Clinical Services",
		"Healthcare Scientists":             "Healthcare Scientists",
		"allied health professionals":       "Allied Health Professionals",
		"Nursing and Midwifery Registered ": "Nursing and Midwifery Registered",
	} {
		if g, ok := LookupStaffGroup(in); !ok || g.Name != want {
			t.Errorf("LookupStaffGroup(%q) = %q, %t; want %q", in, g.Name, ok, want)
		}
	}
	if _, ok := LookupStaffGroup("Research"); ok {
		t.Error("Research is not a staff group")
	}
	if len(StaffGroups) != 10 {
		t.Errorf("%d staff groups, want the 10 national codes", len(StaffGroups))
	}
}
