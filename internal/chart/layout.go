package chart

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Layout in logical units on a canvas canvasW wide; the output is scaled to Options.Size.
const (
	canvasW  = 640.0
	margin   = 16.0
	radius   = 150.0       // outer radius of the highest level
	hole     = 30.0        // radius of the empty centre
	rimIn    = radius + 4  // group rim: a thin arc in the group colour around its segments
	rimOut   = radius + 9  //
	labelR   = radius + 22 // radius of the first ring of element numbers
	tierStep = 16.0        // further rings of numbers where neighbours would overlap
	tiers    = 3           //
	blockR   = labelR + tierStep*(tiers-1) + 12
	keyX     = 470.0 // level key, beside the chart
	keyW     = canvasW - margin - keyX
	textSize = 12.0
	numSize  = 11.0
	lineH    = 16.0
)

// levelRadius is how far out a segment at level rank of count reaches. Higher levels reach
// further; a segment with no level (rank 0) is a thin stub; a scale with no levels (count 0)
// draws every segment at full depth.
func levelRadius(rank, count int) float64 {
	if count <= 0 {
		return radius
	}
	if rank <= 0 {
		return hole + (radius-hole)*0.3/float64(count)
	}
	return hole + (radius-hole)*float64(rank)/float64(count)
}

// span is the angular extent of a segment with a share above zero: idx indexes the shares
// given to spans, angles are degrees clockwise from 12 o'clock.
type span struct {
	idx    int
	a0, a1 float64
}

// spans gives each non-zero share its angle, share/total × 360°, in order from 12 o'clock. The
// angles come from running totals, so the last segment ends at exactly 360°.
func spans(shares []int) []span {
	total := 0
	for _, s := range shares {
		if s > 0 {
			total += s
		}
	}
	if total == 0 {
		return nil
	}
	var out []span
	cum := 0
	for i, s := range shares {
		if s <= 0 {
			continue
		}
		a0 := 360 * float64(cum) / float64(total)
		cum += s
		a1 := 360 * float64(cum) / float64(total)
		out = append(out, span{idx: i, a0: a0, a1: a1})
	}
	return out
}

// row is one element line of the legend; main or cmp may be nil (an element only in one of the
// two profiles).
type row struct {
	num         int
	label       string
	group       int
	provisional bool
	main, cmp   *Segment
}

type groupInfo struct {
	key, label, colour string
	rows               []int
}

// arc is a drawn segment.
type arc struct {
	row    int
	a0, a1 float64
	outer  float64
}

type builder struct {
	p     Profile
	o     Options
	f     *faces
	sc    *scene
	grps  []groupInfo
	rows  []row
	arcs  []arc // main profile
	carcs []arc // compared profile
	c     point // centre of the chart
}

func build(p Profile, opts Options) (*scene, error) {
	o, err := opts.normalised()
	if err != nil {
		return nil, err
	}
	if err := validate(&p, "profile"); err != nil {
		return nil, err
	}
	if o.Compare != nil {
		if err := validate(o.Compare, "compared profile"); err != nil {
			return nil, err
		}
	}
	f, err := newFaces()
	if err != nil {
		return nil, err
	}
	defer f.close()
	b := &builder{p: p, o: o, f: f, sc: &scene{width: canvasW, idPrefix: o.IDPrefix}}
	b.collect()
	b.sc.title = strings.TrimSpace(p.Title)
	if b.sc.title == "" {
		b.sc.title = "Profile chart"
	}
	b.sc.desc = b.describe()
	b.layout()
	b.sc.pxW = o.Size
	b.sc.pxH = int(math.Round(b.sc.height * float64(o.Size) / canvasW))
	if b.sc.pxH < 1 {
		b.sc.pxH = 1
	}
	return b.sc, nil
}

// groupOf is the group key a segment is drawn in.
func groupOf(p *Profile, s Segment) string {
	if len(p.Groups) == 0 {
		return ""
	}
	return s.Group
}

func hasGroup(gs []Group, key string) bool {
	for _, g := range gs {
		if g.Key == key {
			return true
		}
	}
	return false
}

// collect orders the elements group by group (main profile first, then elements only in the
// compared one) and works out the segments' angles and radii.
func (b *builder) collect() {
	idx := map[string]int{}
	addGroups := func(p *Profile) {
		gs := append([]Group(nil), p.Groups...)
		if len(gs) == 0 {
			gs = []Group{{}}
		}
		for _, s := range p.Segments {
			if k := groupOf(p, s); !hasGroup(gs, k) {
				gs = append(gs, Group{Key: k}) // not listed: unnamed
			}
		}
		for _, g := range gs {
			if _, ok := idx[g.Key]; !ok {
				idx[g.Key] = len(b.grps)
				b.grps = append(b.grps, groupInfo{key: g.Key, label: strings.TrimSpace(g.Label), colour: GroupColour(len(b.grps))})
			}
		}
	}
	addGroups(&b.p)
	cmp := b.o.Compare
	cmpByKey := map[string]*Segment{}
	if cmp != nil {
		addGroups(cmp)
		for i := range cmp.Segments {
			cmpByKey[cmp.Segments[i].Key] = &cmp.Segments[i]
		}
	}
	mainKeys := map[string]bool{}
	for gi := range b.grps {
		g := &b.grps[gi]
		for i := range b.p.Segments {
			s := &b.p.Segments[i]
			if groupOf(&b.p, *s) != g.key {
				continue
			}
			mainKeys[s.Key] = true
			g.rows = append(g.rows, len(b.rows))
			b.rows = append(b.rows, row{label: s.Label, group: gi, provisional: s.Provisional, main: s, cmp: cmpByKey[s.Key]})
		}
	}
	if cmp != nil {
		// Elements only in the compared profile go at the end of their group.
		for gi := range b.grps {
			g := &b.grps[gi]
			var extra []int
			for i := range cmp.Segments {
				s := &cmp.Segments[i]
				if mainKeys[s.Key] || groupOf(cmp, *s) != g.key {
					continue
				}
				extra = append(extra, len(b.rows))
				b.rows = append(b.rows, row{label: s.Label, group: gi, provisional: s.Provisional, cmp: s})
			}
			g.rows = append(g.rows, extra...)
		}
		// Renumber so that numbers follow the legend order.
		var order []row
		for gi := range b.grps {
			for k, ri := range b.grps[gi].rows {
				order = append(order, b.rows[ri])
				b.grps[gi].rows[k] = len(order) - 1
			}
		}
		b.rows = order
	}
	for i := range b.rows {
		b.rows[i].num = i + 1
	}
	b.arcs = b.arcsOf(func(r row) *Segment { return r.main })
	b.carcs = b.arcsOf(func(r row) *Segment { return r.cmp })
}

func (b *builder) arcsOf(pick func(row) *Segment) []arc {
	shares := make([]int, len(b.rows))
	for i, r := range b.rows {
		if s := pick(r); s != nil {
			shares[i] = s.Share
		}
	}
	var out []arc
	for _, sp := range spans(shares) {
		s := pick(b.rows[sp.idx])
		out = append(out, arc{row: sp.idx, a0: sp.a0, a1: sp.a1, outer: levelRadius(s.LevelRank, s.LevelCount)})
	}
	return out
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func pct(n int) string { return strconv.Itoa(n) + "%" }

func levelText(s *Segment) string {
	switch {
	case s == nil || s.LevelCount == 0:
		return ""
	case s.LevelRank == 0:
		return "No level"
	case strings.TrimSpace(s.LevelLabel) != "":
		return strings.TrimSpace(s.LevelLabel)
	default:
		return "Level " + strconv.Itoa(s.LevelRank)
	}
}

func elementName(label string, num int) string {
	if l := strings.TrimSpace(label); l != "" {
		return l
	}
	return "Element " + strconv.Itoa(num)
}

// describe writes the <desc>: the caller's description, then a summary of the data.
func (b *builder) describe() string {
	var parts []string
	n, zero, prov, total := 0, 0, 0, 0
	var largest *row
	for i := range b.rows {
		r := &b.rows[i]
		if r.main == nil {
			continue
		}
		n++
		total += r.main.Share
		if r.main.Share == 0 {
			zero++
		}
		if r.main.Provisional {
			prov++
		}
		if r.main.Share > 0 && (largest == nil || r.main.Share > largest.main.Share) {
			largest = r
		}
	}
	first := plural(n, b.o.ElementNoun)
	if len(b.p.Groups) > 0 {
		first += " in " + plural(len(b.p.Groups), b.o.GroupNoun)
	}
	parts = append(parts, first)
	if largest != nil {
		l := "largest: " + elementName(largest.label, largest.num) + " " + pct(largest.main.Share)
		if lt := levelText(largest.main); lt != "" {
			l += " at " + lt
		}
		parts = append(parts, l)
	}
	if prov > 0 {
		parts = append(parts, strconv.Itoa(prov)+" provisional")
	}
	if zero > 0 {
		parts = append(parts, strconv.Itoa(zero)+" at 0% not drawn")
	}
	if n > 0 && total != 100 {
		parts = append(parts, "shares add up to "+pct(total))
	}
	out := strings.Join(parts, "; ") + "."
	if b.o.Compare != nil {
		c := "Dashed outline: " + b.o.CompareLabel
		var diff *row
		bestDiff, levels := 0, 0
		for i := range b.rows {
			r := &b.rows[i]
			ms, cs := 0, 0
			if r.main != nil {
				ms = r.main.Share
			}
			if r.cmp != nil {
				cs = r.cmp.Share
			}
			if d := abs(ms - cs); d > bestDiff {
				bestDiff, diff = d, r
			}
			if r.main != nil && r.cmp != nil && levelText(r.main) != levelText(r.cmp) {
				levels++
			}
		}
		var cp []string
		if diff != nil {
			ms, cs := 0, 0
			if diff.main != nil {
				ms = diff.main.Share
			}
			if diff.cmp != nil {
				cs = diff.cmp.Share
			}
			cp = append(cp, "largest difference: "+elementName(diff.label, diff.num)+" "+pct(ms)+" against "+pct(cs))
		} else {
			cp = append(cp, "same shares")
		}
		if levels > 0 {
			cp = append(cp, plural(levels, b.o.ElementNoun)+" at a different level")
		}
		out += " " + c + "; " + strings.Join(cp, "; ") + "."
	}
	if d := strings.TrimSpace(b.p.Description); d != "" {
		if r, _ := utf8.DecodeLastRuneInString(d); !unicode.IsPunct(r) {
			d += "."
		}
		out = d + " " + out
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// layout places everything on the canvas.
func (b *builder) layout() {
	sc := b.sc
	y := margin
	if b.o.ShowTitle {
		for _, l := range b.f.wrap(sc.title, 18, true, canvasW-2*margin) {
			y += 22
			sc.add(text{x: margin, y: y - 5, size: 18, bold: true, anchor: "start", fill: colText, s: l})
		}
		y += 8
	}
	top := y
	b.c = point{margin + blockR, top + blockR}
	b.plot()
	keyBottom := b.key(top + 8)
	y = math.Max(top+2*blockR, keyBottom) + 8
	y = b.legend(y)
	sc.height = math.Ceil(y + margin)
}

// maxLevels is the longest level scale among the drawn elements.
func (b *builder) maxLevels() int {
	n := 0
	for _, r := range b.rows {
		for _, s := range []*Segment{r.main, r.cmp} {
			if s != nil && s.LevelCount > n {
				n = s.LevelCount
			}
		}
	}
	return n
}

// plot draws the circular chart.
func (b *builder) plot() {
	sc, c := b.sc, b.c
	sc.add(groupOpen{"wf-chart-plot"})
	sc.add(shape{d: annularSector(c, hole, radius, 0, 360), fill: colPale, class: "wf-chart-background"})

	// Segments.
	sc.add(groupOpen{"wf-chart-segments"})
	for _, a := range b.arcs {
		r := b.rows[a.row]
		g := b.grps[r.group]
		sh := shape{d: annularSector(c, hole, a.outer, a.a0, a.a1), class: "wf-chart-segment", key: r.main.Key}
		if r.provisional {
			sh.hatch, sh.stroke, sh.strokeWidth = g.colour, g.colour, 1.5
			sh.class += " wf-chart-provisional"
		} else {
			sh.fill = g.colour
		}
		tip := strconv.Itoa(r.num) + ". " + elementName(r.label, r.num) + ": " + pct(r.main.Share)
		if lt := levelText(r.main); lt != "" {
			tip += ", " + lt
		}
		if g.label != "" {
			tip += " (" + g.label + ")"
		}
		if r.provisional {
			tip += ", provisional"
		}
		sh.tip = tip
		sc.add(sh)
	}
	sc.add(groupClose{})

	// Guide rings, one per level: white across a segment below its reach, grey beyond it.
	if n := b.maxLevels(); n > 0 {
		var over, beyond path
		for k := 1; k <= n; k++ {
			r := levelRadius(k, n)
			if len(b.arcs) == 0 {
				beyond = append(beyond, circle(c, r, false)...)
				continue
			}
			for _, a := range b.arcs {
				seg := path{}.moveTo(polar(c, r, a.a0)).arc(c, r, a.a0, a.a1)
				switch {
				case r < a.outer-0.5:
					over = append(over, seg...)
				case r > a.outer+0.5:
					beyond = append(beyond, seg...)
				}
			}
		}
		if len(beyond) > 0 {
			sc.add(shape{d: beyond, stroke: colMidGrey, strokeWidth: 0.75, class: "wf-chart-guide"})
		}
		if len(over) > 0 {
			sc.add(shape{d: over, stroke: colWhite, strokeWidth: 1, class: "wf-chart-guide"})
		}
	}

	// White separators between neighbouring segments.
	if len(b.arcs) > 1 {
		var sep path
		for i, a := range b.arcs {
			prev := b.arcs[(i+len(b.arcs)-1)%len(b.arcs)]
			sep = append(sep, line(polar(c, hole, a.a0), polar(c, math.Min(a.outer, prev.outer), a.a0))...)
		}
		sc.add(shape{d: sep, stroke: colWhite, strokeWidth: 1.5, class: "wf-chart-separator"})
	}

	// Group rims.
	var drawn []int
	for gi := range b.grps {
		if b.groupSpan(gi) != nil {
			drawn = append(drawn, gi)
		}
	}
	for _, gi := range drawn {
		sp := b.groupSpan(gi)
		a0, a1 := sp.a0, sp.a1
		if len(drawn) > 1 {
			gap := math.Min(0.6, (a1-a0)/4)
			a0, a1 = a0+gap, a1-gap
		}
		sc.add(shape{d: annularSector(c, rimIn, rimOut, a0, a1), fill: b.grps[gi].colour, class: "wf-chart-rim"})
	}

	// Element numbers around the outside, matching the legend.
	b.numbers()

	// The compared profile's outline.
	if len(b.carcs) > 0 {
		d := b.skyline()
		sc.add(shape{d: d, stroke: colWhite, strokeWidth: 4.5, class: "wf-chart-compare-halo"})
		sc.add(shape{d: d, stroke: colText, strokeWidth: 2, dash: []float64{6, 3}, class: "wf-chart-compare"})
	}
	sc.add(groupClose{})
}

// groupSpan is the angular extent of group gi's segments, or nil when it has none drawn.
func (b *builder) groupSpan(gi int) *span {
	var sp *span
	for _, a := range b.arcs {
		if b.rows[a.row].group != gi {
			continue
		}
		if sp == nil {
			sp = &span{a0: a.a0, a1: a.a1}
		} else {
			sp.a1 = a.a1
		}
	}
	return sp
}

// skyline is the outline of the compared profile: along each segment's outer edge, with radial
// steps between them.
func (b *builder) skyline() path {
	c := b.c
	if len(b.carcs) == 1 {
		return circle(c, b.carcs[0].outer, false)
	}
	var d path
	for i, a := range b.carcs {
		if i == 0 {
			d = d.moveTo(polar(c, a.outer, a.a0))
		} else {
			d = d.lineTo(polar(c, a.outer, a.a0))
		}
		d = d.arc(c, a.outer, a.a0, a.a1)
	}
	return d.close()
}

// numbers places each segment's number outside the chart, moving it out a ring where it would
// overlap the previous one.
func (b *builder) numbers() {
	sc, c := b.sc, b.c
	last := make([]float64, tiers)
	first := make([]float64, tiers)
	for t := range last {
		last[t], first[t] = math.Inf(-1), math.Inf(1)
	}
	const h = 8.0 // height of digits at numSize
	for _, a := range b.arcs {
		s := strconv.Itoa(b.rows[a.row].num)
		w := b.f.width(s, numSize, true)
		mid := (a.a0 + a.a1) / 2
		rad := mid * math.Pi / 180
		tangential := (w*math.Abs(math.Cos(rad))+h*math.Abs(math.Sin(rad)))/2 + 2.5
		radial := (w*math.Abs(math.Sin(rad))+h*math.Abs(math.Cos(rad)))/2 + 1
		tier, lo, hi := tiers-1, 0.0, 0.0
		for t := 0; t < tiers; t++ {
			r := labelR + float64(t)*tierStep
			half := tangential / r * 180 / math.Pi
			lo, hi = mid-half, mid+half
			if lo >= last[t] && hi-360 <= first[t] {
				tier = t
				break
			}
		}
		r := labelR + float64(tier)*tierStep
		half := tangential / r * 180 / math.Pi
		lo, hi = mid-half, mid+half
		last[tier] = hi
		if math.IsInf(first[tier], 1) {
			first[tier] = lo
		}
		if tier > 0 {
			sc.add(shape{d: line(polar(c, rimOut+1.5, mid), polar(c, r-radial-1, mid)), stroke: colMidGrey, strokeWidth: 0.75, class: "wf-chart-leader"})
		}
		p := polar(c, r, mid)
		sc.add(text{x: p.x, y: p.y + 0.36*numSize, size: numSize, bold: true, anchor: "middle", fill: colText, s: s})
	}
}

// key draws the level key and the marks' meanings beside the chart; it returns the bottom.
func (b *builder) key(y float64) float64 {
	sc := b.sc
	sc.add(groupOpen{"wf-chart-key"})
	defer sc.add(groupClose{})
	write := func(x, y, w float64, s string, bold bool, fill string) float64 {
		for _, l := range b.f.wrap(s, textSize, bold, w) {
			sc.add(text{x: x, y: y + 12, size: textSize, bold: bold, anchor: "start", fill: fill, s: l})
			y += lineH
		}
		return y
	}
	if n := b.maxLevels(); n > 0 {
		y = write(keyX, y, keyW, "Level: the further out, the higher", true, colText) + 4
		labels := make([]string, n+1)
		noLevel := false
		for _, r := range b.rows {
			for _, s := range []*Segment{r.main, r.cmp} {
				if s == nil || s.LevelCount == 0 {
					continue
				}
				if s.LevelRank == 0 {
					noLevel = noLevel || (s == r.main && s.Share > 0)
				} else if k := s.LevelRank * n / s.LevelCount; k > 0 && labels[k] == "" && s.LevelCount == n {
					labels[k] = levelText(s)
				}
			}
		}
		item := func(k int, label string) {
			// A quarter of a chart: the dark part reaches as far out as the level.
			apex := point{keyX + 1, y + 19}
			sc.add(shape{d: annularSector(apex, 0, 18, 0, 90), fill: colPale, stroke: colMidGrey, strokeWidth: 0.5})
			r := 18 * float64(k) / float64(n)
			if k == 0 {
				r = 18 * 0.3 / float64(n)
			}
			sc.add(shape{d: annularSector(apex, 0, r, 0, 90), fill: colSecondary})
			y = write(keyX+26, y+2, keyW-26, label, false, colText) + 4
			y = math.Max(y, apex.y+3)
		}
		for k := n; k >= 1; k-- {
			l := labels[k]
			if l == "" {
				l = "Level " + strconv.Itoa(k)
			}
			item(k, l)
		}
		if noLevel {
			item(0, "No level given")
		}
		y += 6
	}
	for _, r := range b.rows {
		if r.provisional {
			sc.add(shape{d: rect(keyX+3, y+3, 14, 14), hatch: colSecondary, stroke: colSecondary, strokeWidth: 1})
			y = write(keyX+26, y+2, keyW-26, "Provisional (*)", false, colText) + 6
			break
		}
	}
	if len(b.carcs) > 0 {
		d := line(point{keyX, y + 10}, point{keyX + 20, y + 10})
		sc.add(shape{d: d, stroke: colWhite, strokeWidth: 4.5})
		sc.add(shape{d: d, stroke: colText, strokeWidth: 2, dash: []float64{6, 3}})
		y = write(keyX+26, y+2, keyW-26, "Dashed outline: "+b.o.CompareLabel, false, colText) + 6
	}
	return y
}

// cell is one piece of text in a legend row; x is the left edge, or the right edge when right.
type cell struct {
	x, w  float64
	right bool
	bold  bool
	fill  string
	s     string
}

// tableRow writes cells side by side, each wrapped to its width, and returns the row's bottom.
func (b *builder) tableRow(y float64, cells []cell) float64 {
	lines := 1
	for _, c := range cells {
		if c.s == "" {
			continue
		}
		ls := b.f.wrap(c.s, textSize, c.bold, c.w)
		lines = max(lines, len(ls))
		for i, l := range ls {
			t := text{x: c.x, y: y + 12 + float64(i)*lineH, size: textSize, bold: c.bold, anchor: "start", fill: c.fill, s: l}
			if c.right {
				t.anchor = "end"
			}
			b.sc.add(t)
		}
	}
	return y + float64(lines)*lineH + 5
}

// legend draws the table of groups and elements below the chart and returns its bottom.
func (b *builder) legend(y float64) float64 {
	sc := b.sc
	sc.add(groupOpen{"wf-chart-legend"})
	defer sc.add(groupClose{})
	const (
		numRight = 34.0
		swatchX  = 40.0
		labelX   = 58.0
		shareW   = 44.0
	)
	cmp := b.o.Compare != nil
	// Column positions: share columns are right-aligned at their x.
	shareRight, levelX := 500.0, 512.0
	cShareRight, cLevelX := 0.0, 0.0
	levelW := canvasW - margin - levelX
	if cmp {
		shareRight, levelX, levelW = 366, 374, 96
		cShareRight, cLevelX = 526, 534
	}
	cLevelW := canvasW - margin - cLevelX
	labelW := shareRight - shareW - 4 - labelX
	rule := func(y float64, col string) {
		sc.add(shape{d: line(point{margin, y}, point{canvasW - margin, y}), stroke: col, strokeWidth: 1})
	}
	values := func(main, c *Segment, bold bool, mainShare, cShare string) []cell {
		cells := []cell{
			{x: shareRight, w: shareW, right: true, bold: bold, fill: colText, s: mainShare},
			{x: levelX, w: levelW, bold: bold, fill: colText, s: levelText(main)},
		}
		if cmp {
			cells = append(cells,
				cell{x: cShareRight, w: shareW, right: true, bold: bold, fill: colText, s: cShare},
				cell{x: cLevelX, w: cLevelW, bold: bold, fill: colText, s: levelText(c)})
		}
		return cells
	}

	// Headings.
	if cmp {
		y = b.tableRow(y, []cell{
			{x: shareRight - shareW, w: levelX + levelW - (shareRight - shareW), bold: true, fill: colSecondary, s: "This profile"},
			{x: cShareRight - shareW, w: cLevelX + cLevelW - (cShareRight - shareW), bold: true, fill: colSecondary, s: "Compared"},
		}) - 5
	}
	heads := []cell{
		{x: labelX, w: labelW, bold: true, fill: colSecondary, s: capitalise(b.o.ElementNoun)},
		{x: shareRight, w: shareW, right: true, bold: true, fill: colSecondary, s: "Share"},
		{x: levelX, w: levelW, bold: true, fill: colSecondary, s: "Level"},
	}
	if cmp {
		heads = append(heads,
			cell{x: cShareRight, w: shareW, right: true, bold: true, fill: colSecondary, s: "Share"},
			cell{x: cLevelX, w: cLevelW, bold: true, fill: colSecondary, s: "Level"})
	}
	y = b.tableRow(y, heads)
	rule(y-2, colMidGrey)
	y += 3

	total, cTotal := 0, 0
	anyProv := false
	for gi, g := range b.grps {
		if len(g.rows) == 0 {
			continue
		}
		gs, cs := 0, 0
		for _, ri := range g.rows {
			if m := b.rows[ri].main; m != nil {
				gs += m.Share
			}
			if c := b.rows[ri].cmp; c != nil {
				cs += c.Share
			}
		}
		total += gs
		cTotal += cs
		if g.label != "" {
			if gi > 0 {
				rule(y-2, colBorder)
				y += 2
			}
			sc.add(shape{d: rect(swatchX, y+2, 12, 12), fill: g.colour, class: "wf-chart-swatch"})
			cells := append([]cell{{x: labelX, w: labelW, bold: true, fill: colText, s: g.label}},
				values(nil, nil, true, pct(gs), pct(cs))...)
			y = b.tableRow(y, cells)
		}
		for _, ri := range g.rows {
			r := b.rows[ri]
			label := elementName(r.label, r.num)
			sw := shape{d: rect(swatchX+1, y+3, 10, 10), fill: g.colour, class: "wf-chart-swatch"}
			if r.provisional {
				anyProv = true
				label += "*"
				sw.fill, sw.hatch, sw.stroke, sw.strokeWidth = "", g.colour, g.colour, 1
			}
			sc.add(sw)
			ms, csh := "–", "–"
			if r.main != nil {
				ms = pct(r.main.Share)
			}
			if r.cmp != nil {
				csh = pct(r.cmp.Share)
			}
			cells := append([]cell{
				{x: numRight, w: numRight - margin, right: true, fill: colSecondary, s: strconv.Itoa(r.num)},
				{x: labelX, w: labelW, fill: colText, s: label},
			}, values(r.main, r.cmp, false, ms, csh)...)
			y = b.tableRow(y, cells)
		}
	}
	rule(y-2, colMidGrey)
	y += 3
	y = b.tableRow(y, append([]cell{{x: labelX, w: labelW, bold: true, fill: colText, s: "Total"}},
		values(nil, nil, true, pct(total), pct(cTotal))...))
	if anyProv {
		y = b.tableRow(y+2, []cell{{x: margin, w: canvasW - 2*margin, fill: colSecondary, s: "* Provisional: drawn hatched in the chart."}})
	}
	return y
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
