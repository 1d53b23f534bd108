package web

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/workframe/workframe/internal/strategy"
)

// trendSVG draws a measure's values over time as a line, with its baseline and target as
// horizontal lines: an accessible image (title and description) for an inline <svg>, drawn on
// the server so it needs no JavaScript. Only presentation attributes are used, never style
// attributes, so the strict CSP holds. The page shows the same values in a table beside it.
// It returns "" when there is nothing to draw.
func trendSVG(m strategy.Measure, id string) template.HTML {
	if len(m.Values) == 0 {
		return ""
	}
	const w, h, left, right, top, bottom = 480.0, 220.0, 56.0, 16.0, 16.0, 40.0
	lo, hi := min(m.Baseline, m.Target), max(m.Baseline, m.Target)
	for _, v := range m.Values {
		lo, hi = min(lo, v.Value), max(hi, v.Value)
	}
	if lo == hi {
		hi = lo + 100
	}
	first, last := m.Values[0].On, m.Values[len(m.Values)-1].On
	span := first.Days(last)
	x := func(d strategy.Date) float64 {
		if span == 0 {
			return left + (w-left-right)/2
		}
		return left + float64(first.Days(d))/float64(span)*(w-left-right)
	}
	y := func(a strategy.Amount) float64 {
		return top + float64(hi-a)/float64(hi-lo)*(h-top-bottom)
	}
	esc := template.HTMLEscapeString
	var b strings.Builder
	latest, _ := m.Latest()
	fmt.Fprintf(&b, `<svg class="wf-trend" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`,
		w, h, w, h, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s: trend</title>`, id, esc(m.Title))
	fmt.Fprintf(&b, `<desc id="%s-desc">%d values from %s to %s; baseline %s, target %s %s, latest %s on %s. The table beside the chart lists every value.</desc>`,
		id, len(m.Values), first.Long(), last.Long(), m.Baseline, m.Target, esc(m.Unit), latest.Value, latest.On.Long())
	// Axes.
	fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#4c6272"/>`, left, top, left, h-bottom)
	fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#4c6272"/>`, left, h-bottom, w-right, h-bottom)
	fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12" text-anchor="end" fill="#212b32">%s</text>`, left-6, top+4, hi)
	fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12" text-anchor="end" fill="#212b32">%s</text>`, left-6, h-bottom+4, lo)
	fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12" text-anchor="start" fill="#212b32">%s</text>`, left, h-bottom+18, first.Long())
	if span > 0 {
		fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12" text-anchor="end" fill="#212b32">%s</text>`, w-right, h-bottom+18, last.Long())
	}
	// Baseline (grey, dotted) and target (green, dashed), labelled in words, not colour alone.
	fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#768692" stroke-dasharray="2 3"/>`, left, y(m.Baseline), w-right, y(m.Baseline))
	fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="11" text-anchor="end" fill="#4c6272">baseline %s</text>`, w-right, y(m.Baseline)-4, m.Baseline)
	fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#007f3b" stroke-dasharray="6 4"/>`, left, y(m.Target), w-right, y(m.Target))
	fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="11" text-anchor="end" fill="#006435">target %s</text>`, w-right, y(m.Target)-4, m.Target)
	var pts []string
	for _, v := range m.Values {
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(v.On), y(v.Value)))
	}
	fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="#005eb8" stroke-width="3"/>`, strings.Join(pts, " "))
	for _, v := range m.Values {
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" fill="#005eb8"/>`, x(v.On), y(v.Value))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every piece of text in it was escaped above
}
