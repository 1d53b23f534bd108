package e2e

import (
	"strings"
	"testing"

	"github.com/workframe/workframe/e2e/harness"
)

// TestTrainingNeeds is the trust's planner opening the training needs of the demo trust from
// its page: a ranked list of competences, the filters, and the same page for one team. Every
// page is checked with axe-core.
func TestTrainingNeeds(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "planner@riverside.example")
	console := harness.WatchConsole(ctx)

	harness.Open(ctx, t, s.url+"/organisations")
	trust := evaluate[string](t, ctx, `[...document.querySelectorAll("main a")].find(a => a.innerText.trim() === "Riverside University Hospitals NHS Foundation Trust").pathname`)
	harness.Open(ctx, t, s.url+trust)
	link := evaluate[string](t, ctx, `[...document.querySelectorAll("main a")].find(a => a.innerText.startsWith("Training needs of")).href`)
	harness.Open(ctx, t, link)
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Training needs of Riverside University Hospitals NHS Foundation Trust" {
		t.Fatalf("heading %q", h)
	}
	rows := evaluate[int](t, ctx, `document.querySelectorAll("#training-needs tbody tr").length`)
	if rows < 5 {
		t.Fatalf("the ranked list has %d rows", rows)
	}
	// Ranked: gaps closed never go up down the list.
	closes := evaluate[[]int](t, ctx, `[...document.querySelectorAll("#training-needs tbody tr td:nth-child(3)")].map(td => parseInt(td.innerText.replace(/\D+/g, ""), 10))`)
	for i := 1; i < len(closes); i++ {
		if closes[i] > closes[i-1] {
			t.Errorf("row %d closes %d gaps, more than the row above (%d)", i+1, closes[i], closes[i-1])
		}
	}
	harness.CheckAccessibility(ctx, t, "training needs")

	// Essential only: fewer or as many rows, and the box stays ticked.
	evaluate[bool](t, ctx, `document.querySelector("#essential").checked = true`)
	submit(t, ctx, "form[action='/training-needs'] button")
	if !evaluate[bool](t, ctx, `document.querySelector("#essential").checked`) {
		t.Error("the filter was not kept")
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("#training-needs tbody tr").length`); n > rows {
		t.Errorf("essential only has %d rows, more than %d", n, rows)
	}
	if text := evaluate[string](t, ctx, `document.querySelector("main").innerText`); !strings.Contains(text, "essential requirements only") {
		t.Error("the page does not say what it counted")
	}
	harness.CheckAccessibility(ctx, t, "training needs, essential only")
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
