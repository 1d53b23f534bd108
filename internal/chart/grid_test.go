package chart

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
)

func testGrid() Grid {
	return Grid{
		Title:    "Nursing career framework",
		Families: []string{"Nursing", "Research delivery"},
		Levels:   []string{"Level 1", "Level 2", "Level 3", "Level 4", "Level 5", "Level 6", "Level 7", "Level 8", "Level 9"},
		Cards: []GridCard{{Key: "1", Title: "Healthcare assistant", Level: 2}, {Key: "2", Title: "Registered nurse & <friends>", Level: 5},
			{Key: "3", Title: "Clinical research practitioner", Level: 5, Family: 1}},
		Arrows: []GridArrow{{From: "1", To: "2", Needs: "registration required"}, {From: "2", To: "3", Across: true}},
	}
}

func TestGridSVG(t *testing.T) {
	var a, b bytes.Buffer
	if err := GridSVG(&a, testGrid(), GridOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := GridSVG(&b, testGrid(), GridOptions{}); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same grid gave different bytes")
	}
	svg := a.String()
	for _, want := range []string{`role="img"`, "<title id=\"career-grid-title\">Nursing career framework</title>",
		"Healthcare assistant up to Registered nurse &amp; &lt;friends&gt; (registration required)",
		"Registered nurse &amp; &lt;friends&gt; across to Clinical research practitioner", `stroke-dasharray="6 4"`, "Research delivery"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if strings.Contains(svg, "style=") || strings.Contains(svg, "<script") {
		t.Error("SVG has inline style or script, which the CSP forbids")
	}
	if n := strings.Count(svg, `class="wf-grid-route"`); n != 2 {
		t.Errorf("%d route arrows, want 2", n)
	}
}

func TestGridPNG(t *testing.T) {
	var buf bytes.Buffer
	if err := GridPNG(&buf, testGrid(), GridOptions{}); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	w, h, _ := GridDimensions(testGrid(), GridOptions{})
	if img.Bounds().Dx() != 2*w || img.Bounds().Dy() != 2*h {
		t.Errorf("PNG is %v, want twice %dx%d", img.Bounds(), w, h)
	}
}

func TestGridRejects(t *testing.T) {
	for name, g := range map[string]Grid{
		"no families": {Title: "x", Levels: []string{"1"}},
		"no levels":   {Title: "x", Families: []string{"a"}},
		"card twice":  {Title: "x", Families: []string{"a"}, Levels: []string{"1"}, Cards: []GridCard{{Key: "1", Level: 1}, {Key: "1", Level: 1}}},
	} {
		if err := GridSVG(&bytes.Buffer{}, g, GridOptions{}); err == nil {
			t.Errorf("%s: drawn without error", name)
		}
	}
}
