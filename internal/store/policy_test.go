package store_test

import (
	"os"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
)

func TestPolicyMay(t *testing.T) {
	for _, c := range []struct {
		role   store.AccessRole
		action store.Action
		want   bool
	}{
		{store.AccessViewer, store.ReadOrganisation, true},
		{store.AccessViewer, store.ChangeRoles, false},
		{store.AccessStaff, store.ChangeRoles, false},
		{store.AccessManager, store.ChangeRoles, false},
		{store.AccessPlanner, store.ChangeRoles, true},
		{store.AccessAdministrator, store.ChangeRoles, true},
		{store.AccessStaff, store.ManagePeople, false},
		{store.AccessManager, store.ManagePeople, true},
		{store.AccessPlanner, store.ErasePerson, false},
		{store.AccessAdministrator, store.ErasePerson, true},
		{store.AccessManager, store.ChangeRoleProfiles, true},
		{store.AccessStaff, store.ChangeRoleProfiles, false},
		{"", store.ReadOrganisation, false},                   // no access role at all
		{store.AccessAdministrator, "fly to the moon", false}, // an action the policy does not name
	} {
		if got := c.role.May(c.action); got != c.want {
			t.Errorf("%q may %q = %v, want %v", c.role, c.action, got, c.want)
		}
	}
	if got, want := store.NeedsPhrase(store.ChangeRoles), "the planner or administrator access role"; got != want {
		t.Errorf("NeedsPhrase = %q, want %q", got, want)
	}
	if got, want := store.NeedsPhrase(store.ManagePeople), "the manager, planner or administrator access role"; got != want {
		t.Errorf("NeedsPhrase = %q, want %q", got, want)
	}
}

// TestPolicyDocumented: docs/security.md lists every action of the policy with the access roles
// that may take it, exactly as the code decides.
func TestPolicyDocumented(t *testing.T) {
	data, err := os.ReadFile("../../docs/security.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	_, table, ok := strings.Cut(doc, "<!-- policy table")
	if !ok {
		t.Fatal("docs/security.md has no policy table")
	}
	documented := -2 // the header and the separator
	for _, line := range strings.Split(table, "\n")[1:] {
		if !strings.HasPrefix(strings.TrimSpace(line), "|") {
			break
		}
		documented++
	}
	for _, a := range store.Actions() {
		roles := store.AllowedRoles(a)
		words := make([]string, len(roles))
		for i, r := range roles {
			words[len(roles)-1-i] = string(r)
		}
		list := strings.Join(words, ", ")
		if i := strings.LastIndex(list, ", "); i >= 0 {
			list = list[:i] + " or " + list[i+2:]
		}
		row := "| " + string(a) + " | " + list + " |"
		if !strings.Contains(doc, row) {
			t.Errorf("docs/security.md does not have the row %q", row)
		}
	}
	if documented != len(store.Policy) {
		t.Errorf("docs/security.md's policy table has %d rows, the policy %d actions", documented, len(store.Policy))
	}
}
