package workforce

import (
	"reflect"
	"testing"
)

func TestDiff(t *testing.T) {
	c1 := Requirement{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c1", LevelKey: "level-2", Essential: true}
	c2 := Requirement{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c2", LevelKey: "level-1"}
	sup := Requirement{FrameworkKey: "acme-ahp", FrameworkVersion: "1", NodeKey: "supervision"}
	tests := []struct {
		name   string
		change func(r *Role)
		want   []Change
	}{
		{"nothing", func(r *Role) {}, nil},
		{"bookkeeping is not a change", func(r *Role) { r.ID, r.Version, r.OrganisationID, r.CopiedFromID = 9, 7, 3, 2 }, nil},
		{"title", func(r *Role) { r.Title = "Senior staff nurse" },
			[]Change{{"title", `Title changed from "Staff nurse" to "Senior staff nurse"`}}},
		{"profession cleared, staff group set", func(r *Role) { r.Profession, r.StaffGroup = "", "Students" }, []Change{
			{"staff_group", `Staff group changed from "Nursing and Midwifery Registered" to "Students"`},
			{"profession", `Profession "Adult nursing" removed`},
		}},
		{"level and band", func(r *Role) { r.Level, r.Band = 6, "6" }, []Change{
			{"level", "Level changed from 5 to 6"}, {"band", "Band changed from 5 to 6"},
		}},
		{"level and band removed", func(r *Role) { r.Level, r.Band = 0, "" }, []Change{
			{"level", "Level 5 removed"}, {"band", "Band 5 removed"},
		}},
		{"flags", func(r *Role) { r.LevelIndicative, r.RegistrationRequired, r.Shared = true, false, true }, []Change{
			{"level_indicative", "Level marked as indicative"},
			{"registration_required", "Professional registration no longer required"},
			{"shared", "Shared with partner organisations"},
		}},
		{"summary and status", func(r *Role) { r.Summary, r.Status = "New", StatusPublished }, []Change{
			{"summary", "Summary changed"}, {"status", "Status changed from draft to published"},
		}},
		{"lists", func(r *Role) {
			r.Activities = []string{"Assesses patients", "Keeps records", "Leads the shift"}
			r.KnowledgeSkills = []string{"Medicines management and safety"}
			r.QualityStandards = []string{"NMC Code"}
		}, []Change{
			{"activities", `Added activity "Leads the shift"`},
			{"quality_standards", `Added quality standard "NMC Code"`},
			{"knowledge_skills", `Removed knowledge and skills item "Medicines management"`},
			{"knowledge_skills", `Added knowledge and skills item "Medicines management and safety"`},
		}},
		{"list reordered", func(r *Role) { r.Activities = []string{"Keeps records", "Assesses patients"} },
			[]Change{{"activities", "Activities reordered"}}},
		{"requirement added (named from the framework)", func(r *Role) { r.Requirements = []Requirement{c1, sup, c2} },
			[]Change{{"requirements", "Added requirement KSF C2 Personal and people development at Level 1 (desirable)"}}},
		{"requirement removed", func(r *Role) { r.Requirements = []Requirement{sup} },
			[]Change{{"requirements", "Removed requirement KSF C1 Communication at Level 2 (essential)"}}},
		{"requirement changed", func(r *Role) {
			q := c1
			q.LevelKey, q.Essential = "level-3", false
			s := sup
			s.FrameworkVersion = "2"
			r.Requirements = []Requirement{q, s}
		}, []Change{
			{"requirements", "Requirement KSF C1 Communication changed from Level 2 to Level 3"},
			{"requirements", "Requirement KSF C1 Communication is now desirable"},
			// Version 2 of the local framework is unknown to the lookup: keys are shown.
			{"requirements", "Requirement ACME-AHP supervision moved from version 1 to 2 of the framework"},
		}},
		{"requirements reordered", func(r *Role) { r.Requirements = []Requirement{sup, c1} },
			[]Change{{"requirements", "Requirements reordered"}}},
	}
	lookup := testFrameworks()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := validRole()
			old.Activities = []string{"Assesses patients", "Keeps records"}
			old.Requirements = []Requirement{c1, sup}
			r := validRole()
			r.Activities = []string{"Assesses patients", "Keeps records"}
			r.Requirements = []Requirement{c1, sup}
			tt.change(&r)
			if got := DiffWith(old, r, lookup); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("DiffWith:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDiffWithoutFrameworks(t *testing.T) {
	old := validRole()
	r := validRole()
	r.Requirements = append(r.Requirements, Requirement{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c2", LevelKey: "level-1", Essential: true})
	want := []Change{{"requirements", "Added requirement KSF c2 at level level-1 (essential)"}}
	if got := Diff(old, r); !reflect.DeepEqual(got, want) {
		t.Fatalf("Diff = %q, want %q", got, want)
	}
	if got := ChangedFields(Diff(Role{Level: 1, Band: "2"}, Role{Level: 2, Band: "2", Activities: []string{"a", "b"}})); !reflect.DeepEqual(got, []string{"level", "activities"}) {
		t.Fatalf("ChangedFields = %q", got)
	}
}

func TestCompetenceNamesAndLabel(t *testing.T) {
	lookup := testFrameworks()
	r := validRole()
	r.Requirements = append(r.Requirements, Requirement{FrameworkKey: "ksf", FrameworkVersion: "2004", NodeKey: "c1"})
	if got, want := CompetenceNames(r, lookup), []string{"C1 Communication", "Clinical supervision"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("CompetenceNames = %q, want %q", got, want)
	}
	if got := RequirementLabel(r.Requirements[0], lookup("ksf", "2010")); got != "KSF C1 Communication at Level 2 (essential)" {
		t.Fatalf("RequirementLabel = %q", got)
	}
	if got := RequirementLabel(r.Requirements[1], nil); got != "ACME-AHP supervision (desirable)" {
		t.Fatalf("RequirementLabel without framework = %q", got)
	}
}
