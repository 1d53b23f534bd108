package web

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/workframe/workframe/internal/assess"
)

// areaScore is one area's ratings in one cycle: how many standards are agreed at each rating,
// and the score drawn: the mean rank of the agreed ratings (one not agreed counts as 0) as a
// percentage of the top of the scale.
type areaScore struct {
	Cycle   string
	Counts  []int // per scale option, then the count not agreed
	Percent int
}

type areaTrend struct {
	Area   assess.Area
	Scores []areaScore
}

// areaTrends works out every area's score in each cycle, oldest cycle first.
func areaTrends(scale assess.Scale, areas []assess.Area, cycles []assess.Cycle, ratings []map[string]assess.Rating) []areaTrend {
	top := scale[len(scale)-1].Rank
	var out []areaTrend
	for _, a := range areas {
		t := areaTrend{Area: a}
		for i, c := range cycles {
			counts := assess.AreaCounts([]assess.Area{a}, ratings[i])[a.Key]
			sc := areaScore{Cycle: c.Name}
			sum := 0
			for _, o := range scale {
				sc.Counts = append(sc.Counts, counts[o.Key])
				sum += counts[o.Key] * o.Rank
			}
			sc.Counts = append(sc.Counts, counts[""])
			if n := len(a.Standards); n > 0 && top > 0 {
				sc.Percent = sum * 100 / (n * top)
			}
			t.Scores = append(t.Scores, sc)
		}
		out = append(out, t)
	}
	return out
}

// trendChart draws the areas' scores as grouped horizontal bars, one bar per cycle, with the
// value written beside each bar so nothing depends on colour or length alone; the table beside
// it on the page carries the same figures. Presentation attributes only (the CSP forbids inline
// styles).
func trendChart(id, title string, trends []areaTrend) template.HTML {
	if len(trends) == 0 || len(trends[0].Scores) == 0 {
		return ""
	}
	const labelW, barW, rowH, gap, width = 260, 300, 18, 14, 640
	cycles := len(trends[0].Scores)
	height := 30 + len(trends)*(cycles*rowH+gap)
	// A palette with contrast of at least 3:1 against white.
	palette := []string{"#005eb8", "#330072", "#007f3b", "#7c2855", "#ae2573", "#425563"}
	var b strings.Builder
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="wf-chart" role="img" width="%d" height="%d" viewBox="0 0 %d %d" aria-labelledby="%s-title %s-desc">`,
		width, height, width, height, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title>`, id, esc(title))
	var desc []string
	for _, t := range trends {
		var parts []string
		for _, s := range t.Scores {
			parts = append(parts, fmt.Sprintf("%s %d%%", s.Cycle, s.Percent))
		}
		desc = append(desc, t.Area.Title+": "+strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, `<desc id="%s-desc">%s</desc>`, id, esc("Score of each area by cycle, where 100% means every standard agreed at the top rating. "+strings.Join(desc, "; ")+"."))
	y := 20
	for _, t := range trends {
		fmt.Fprintf(&b, `<text x="0" y="%d" font-size="13" fill="#212b32">%s</text>`, y+12, esc(shorten(t.Area.Title, 38)))
		for i, s := range t.Scores {
			w := s.Percent * barW / 100
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"></rect>`, labelW, y, w, rowH-4, palette[i%len(palette)])
			fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12" fill="#212b32">%s: %d%%</text>`, labelW+w+6, y+11, esc(s.Cycle), s.Percent)
			y += rowH
		}
		y += gap
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text in it is escaped above
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
