package web

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/workframe/workframe/internal/workforce"
)

// pyramidSVG draws the level pyramid: one row per Career Framework level, highest at the top,
// a solid bar for the FTE in post centred on the axis and a dashed outline for the funded FTE,
// each row labelled in words with both figures (so the chart does not rely on shade or shape).
// Presentation attributes only, for the strict CSP; the page shows the same figures in a table
// beside it.
func pyramidSVG(levels []workforce.Group, id string) template.HTML {
	return pyramidHiding(levels, nil, id)
}

// pyramidHiding is pyramidSVG with some levels not shown (a partnership's suppressed groups,
// docs/decisions/0014): such a level keeps its row, labelled "not shown", with no bar, and
// its figures (zero) take no part in the scale.
func pyramidHiding(levels []workforce.Group, hidden []bool, id string) template.HTML {
	isHidden := func(i int) bool { return i < len(hidden) && hidden[i] }
	const w, rowH, labelW, valueW, top = 640.0, 28.0, 110.0, 190.0, 8.0
	barMax := w - labelW - valueW
	var most workforce.FTE
	for i, g := range levels {
		if !isHidden(i) {
			most = max(most, g.StaffFTE, g.FundedFTE)
		}
	}
	h := top*2 + rowH*float64(len(levels))
	esc := template.HTMLEscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="wf-pyramid" viewBox="0 0 %g %g" width="100%%" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`, w, h, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">Level pyramid</title>`, id)
	var desc []string
	for i, g := range levels {
		if isHidden(i) {
			desc = append(desc, g.Label+": not shown (small group)")
		} else if g.StaffFTE != 0 || g.FundedFTE != 0 {
			desc = append(desc, fmt.Sprintf("%s: %s FTE in post, %s funded", g.Label, g.StaffFTE, g.FundedFTE))
		}
	}
	if len(desc) == 0 {
		desc = append(desc, "No staff and no posts")
	}
	fmt.Fprintf(&b, `<desc id="%s-desc">FTE in post and funded FTE at each Career Framework level. %s. The table beside the chart lists every level.</desc>`,
		id, esc(strings.Join(desc, "; ")))
	centre := labelW + barMax/2
	fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#768692"/>`, centre, top, centre, h-top)
	for i, g := range levels {
		y := top + float64(i)*rowH
		scale := func(f workforce.FTE) float64 {
			if most == 0 {
				return 0
			}
			return float64(f) / float64(most) * barMax
		}
		fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="13" fill="#212b32">%s</text>`, 4.0, y+rowH/2+4, esc(g.Label))
		if isHidden(i) {
			fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12" fill="#212b32">not shown</text>`, w-valueW+6, y+rowH/2+4)
			continue
		}
		if sw := scale(g.StaffFTE); sw > 0 {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%g" width="%.1f" height="%g" fill="#005eb8"/>`, centre-sw/2, y+4, sw, rowH-8)
		}
		if fw := scale(g.FundedFTE); fw > 0 {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%g" width="%.1f" height="%g" fill="none" stroke="#212b32" stroke-width="1.5" stroke-dasharray="4 3"/>`,
				centre-fw/2, y+2, fw, rowH-4)
		}
		fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12" fill="#212b32">%s in post, %s funded</text>`, w-valueW+6, y+rowH/2+4, g.StaffFTE, g.FundedFTE)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
