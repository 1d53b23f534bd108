package e2e

import (
	"strings"
	"testing"

	"github.com/workframe/workframe/e2e/harness"
)

// TestTeamView is the research manager opening the team view of the Clinical Research
// Delivery Team from the team's page: the chart, the table of shares and levels, the gaps and
// the members with the profile used for each. Then Jordan Lee, a research nurse in the team,
// sees the same figures without the members. Every page is checked with axe-core.
func TestTeamView(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "manager@riverside.example")
	console := harness.WatchConsole(ctx)

	harness.Open(ctx, t, s.url+"/organisations")
	team := evaluate[string](t, ctx, `[...document.querySelectorAll("main a")].find(a => a.innerText.trim() === "Clinical Research Delivery Team").pathname`)
	harness.Open(ctx, t, s.url+team)
	link := evaluate[string](t, ctx, `[...document.querySelectorAll("main a")].find(a => a.innerText.startsWith("Team profile of")).pathname`)
	if link != team+"/team-profile" {
		t.Fatalf("the team's page links to %q", link)
	}
	harness.Open(ctx, t, s.url+link)
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Team profile of Clinical Research Delivery Team" {
		t.Fatalf("heading %q", h)
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("figure svg[role=img] title").length`); n < 1 {
		t.Error("no accessible chart")
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("#team-table tbody tr").length`); n != 12 {
		t.Errorf("the table has %d rows, want the 12 elements of IWF 2.1", n)
	}
	sum := evaluate[int](t, ctx, `[...document.querySelectorAll("#team-table tbody tr td:nth-of-type(1)")].reduce((s, td) => s + parseInt(td.innerText, 10), 0)`)
	if sum != 100 {
		t.Errorf("the team shares add up to %d", sum)
	}
	members := evaluate[string](t, ctx, `document.querySelector("#team-members").innerText`)
	for _, want := range []string{"Jordan Lee", "Nadia Hussain", "The profile of their role", "Research data manager"} {
		if !strings.Contains(members, want) {
			t.Errorf("the member list lacks %q:\n%s", want, members)
		}
	}
	harness.CheckAccessibility(ctx, t, "team view")
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}

	// A member of staff of the team sees the figures (eight members) but not who they are.
	submit(t, ctx, "form[action='/sign-out'] button")
	signIn(t, ctx, s, "nurse@riverside.example")
	harness.Open(ctx, t, s.url+link)
	if n := evaluate[int](t, ctx, `document.querySelectorAll("#team-table tbody tr").length`); n != 12 {
		t.Errorf("the nurse's table has %d rows", n)
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("#team-members").length`); n != 0 {
		t.Error("a member of staff sees the member list")
	}
	harness.CheckAccessibility(ctx, t, "team view as staff")
}
