package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/strategy"
)

// dueSoonDays is how far ahead the dashboard lists actions coming due.
const dueSoonDays = 30

type dashboardView struct {
	Page
	partnershipCtx
	planData
	Overall     strategy.Progress
	ByPriority  []priorityProgress
	ByPartner   []partnerProgress
	HeatMap     []heatRow
	Overdue     []planActionRow
	DueSoon     []planActionRow
	DueSoonDays int
	Timeline    template.HTML
}

type priorityProgress struct {
	Title string
	strategy.Progress
}

type partnerProgress struct {
	Name string
	strategy.Progress
}

type heatRow struct {
	Partner string
	Cells   []heatCell
}

type heatCell struct {
	Priority string
	strategy.Progress
}

// HeatClass is the cell's class; the cell's text says the same in words.
func (c heatCell) HeatClass() string { return "wf-heat--" + strings.ReplaceAll(c.Heat(), " ", "-") }

func (s *Server) dashboard(r *http.Request, d planData, pc partnershipCtx) dashboardView {
	acts := d.domainActions()
	keys := d.priorityKeys()
	v := dashboardView{partnershipCtx: pc, planData: d, Overall: strategy.Tally(acts, d.Today), DueSoonDays: dueSoonDays}
	byP := strategy.ByPriority(acts, keys, d.Today)
	for _, p := range d.Priorities {
		v.ByPriority = append(v.ByPriority, priorityProgress{Title: d.PriorityTitle(p.Key), Progress: byP[p.Key]})
	}
	ids := pc.partnerIDs()
	byO := strategy.ByPartner(acts, ids, d.Today)
	for _, p := range pc.Partners {
		v.ByPartner = append(v.ByPartner, partnerProgress{Name: p.Name, Progress: byO[p.ID]})
	}
	for i, row := range strategy.HeatMap(acts, ids, keys, d.Today) {
		hr := heatRow{Partner: pc.Partners[i].Name}
		for j, c := range row {
			hr.Cells = append(hr.Cells, heatCell{Priority: d.PriorityTitle(keys[j]), Progress: c.Progress})
		}
		v.HeatMap = append(v.HeatMap, hr)
	}
	for _, a := range d.Actions {
		switch {
		case a.Overdue:
			v.Overdue = append(v.Overdue, a)
		case a.DueWithin(d.Today, dueSoonDays):
			v.DueSoon = append(v.DueSoon, a)
		}
	}
	v.Timeline = timelineSVG(d)
	return v
}

// planDashboard shows how the plan is going: progress by priority and by partner, actions
// due and overdue, measures against their targets, the partners × priorities heat map and a
// timeline of the actions.
func (s *Server) planDashboard(w http.ResponseWriter, r *http.Request) {
	plan, pc, ok := s.loadPlan(w, r)
	if !ok {
		return
	}
	d, err := s.loadPlanData(r, plan, pc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := s.dashboard(r, d, pc)
	v.Page = s.page(r, "Dashboard of "+plan.Title, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
		crumb{"/partnerships/" + itoa(pc.P.ID), pc.P.Name}, crumb{planPath(plan.ID), plan.Title})
	s.render(w, r, http.StatusOK, "plan-dashboard", v)
}

// planReport is the whole plan on one page laid out for printing: no forms, every table.
func (s *Server) planReport(w http.ResponseWriter, r *http.Request) {
	plan, pc, ok := s.loadPlan(w, r)
	if !ok {
		return
	}
	d, err := s.loadPlanData(r, plan, pc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := s.dashboard(r, d, pc)
	v.Page = s.page(r, "Report: "+plan.Title, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
		crumb{"/partnerships/" + itoa(pc.P.ID), pc.P.Name}, crumb{planPath(plan.ID), plan.Title})
	s.render(w, r, http.StatusOK, "plan-report", v)
}

// timelineSVG draws each dated action as a bar from its start to its due date (a dot when it
// has only one of them), one row per action, with a line for today. The page lists the same
// actions and dates in a table, so the picture is never the only way to read them.
func timelineSVG(d planData) template.HTML {
	type bar struct {
		title      string
		start, end strategy.Date
		status     strategy.Status
	}
	var bars []bar
	var lo, hi strategy.Date
	for _, a := range d.Actions {
		st, en := a.Start, a.Due
		if st.IsZero() {
			st = en
		}
		if en.IsZero() {
			en = st
		}
		if st.IsZero() {
			continue
		}
		bars = append(bars, bar{a.Title, st, en, a.Status})
		if lo.IsZero() || st.Before(lo) {
			lo = st
		}
		if hi.IsZero() || hi.Before(en) {
			hi = en
		}
	}
	if len(bars) == 0 {
		return ""
	}
	const w, left, right, rowH, top = 720.0, 220.0, 16.0, 26.0, 24.0
	h := top + rowH*float64(len(bars)) + 24
	span := lo.Days(hi)
	if span == 0 {
		span = 1
	}
	x := func(dt strategy.Date) float64 { return left + float64(lo.Days(dt))/float64(span)*(w-left-right) }
	esc := template.HTMLEscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="wf-timeline" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-labelledby="timeline-title timeline-desc" xmlns="http://www.w3.org/2000/svg">`, w, h, w, h)
	fmt.Fprintf(&b, `<title id="timeline-title">Timeline of the plan's actions</title><desc id="timeline-desc">%d dated actions from %s to %s. The table below lists each with its dates and status.</desc>`,
		len(bars), lo.Long(), hi.Long())
	fmt.Fprintf(&b, `<text x="%g" y="14" font-size="12" fill="#212b32">%s</text>`, left, lo.Long())
	fmt.Fprintf(&b, `<text x="%g" y="14" font-size="12" text-anchor="end" fill="#212b32">%s</text>`, w-right, hi.Long())
	for i, br := range bars {
		y := top + rowH*float64(i)
		label := br.title
		if len([]rune(label)) > 30 {
			label = string([]rune(label)[:29]) + "…"
		}
		fill := map[strategy.Status]string{strategy.StatusDone: "#007f3b", strategy.StatusBlocked: "#d5281b",
			strategy.StatusInProgress: "#005eb8", strategy.StatusCancelled: "#aeb7bd"}[br.status]
		if fill == "" {
			fill = "#768692"
		}
		fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12" text-anchor="end" fill="#212b32">%s</text>`, left-8, y+14, esc(label))
		width := max(x(br.end)-x(br.start), 6)
		fmt.Fprintf(&b, `<rect x="%.1f" y="%g" width="%.1f" height="16" rx="3" fill="%s"><title>%s: %s to %s, %s</title></rect>`,
			x(br.start), y+2, width, fill, esc(br.title), br.start.Long(), br.end.Long(), br.status.Label())
	}
	if t := d.Today; !t.Before(lo) && !hi.Before(t) {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="18" x2="%.1f" y2="%g" stroke="#212b32" stroke-dasharray="4 3"/>`, x(t), x(t), h-18)
		fmt.Fprintf(&b, `<text x="%.1f" y="%g" font-size="12" text-anchor="middle" fill="#212b32">today</text>`, x(t), h-4)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every piece of text in it was escaped above
}
