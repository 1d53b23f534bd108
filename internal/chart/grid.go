package chart

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
)

// A career grid: a local career framework drawn as Career Framework levels (rows, the highest
// at the top, as a ladder) by role families (columns), each placed role a card in its cell, and
// its routes as arrows between cards. It shares the profile chart's scene, so the SVG and the
// PNG are the same drawing, and its description says every route in words.

// Grid is what the career grid draws.
type Grid struct {
	Title    string
	Families []string // column headings, in order
	Levels   []string // row headings for levels 1..len(Levels), drawn from the top level down
	Cards    []GridCard
	Arrows   []GridArrow
}

// GridCard is a role in a cell. Level is 1-based (a level outside the rows is not drawn);
// Family is the index of its column.
type GridCard struct {
	Key    string
	Title  string
	Level  int
	Family int
}

// GridArrow is a route from one card to another. Needs is what the route requires in words
// ("registration required"): a route that needs something is drawn dashed.
type GridArrow struct {
	From, To string
	Across   bool
	Needs    string
}

// GridOptions change how a grid is drawn; the zero value is usable.
type GridOptions struct {
	// Scale multiplies the logical size for output (PNG downloads use 2 for sharp print).
	Scale float64
	// IDPrefix starts every id in the SVG; default "career-grid".
	IDPrefix string
}

const (
	gridMargin   = 16.0
	gridLevelW   = 110.0
	gridColW     = 200.0
	gridHeadH    = 40.0
	gridCardW    = 160.0
	gridCardPad  = 8.0
	gridLineH    = 15.0
	gridCardGap  = 10.0
	gridRowPad   = 14.0
	gridMinRowH  = 44.0
	gridMaxCards = 1000
	arrowHead    = 7.0
)

// GridSVG writes the grid as a standalone SVG document.
func GridSVG(w io.Writer, g Grid, opts GridOptions) error {
	sc, err := buildGrid(g, opts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	writeSVG(&buf, sc)
	_, err = w.Write(buf.Bytes())
	return err
}

// GridPNG writes the same grid as a PNG image.
func GridPNG(w io.Writer, g Grid, opts GridOptions) error {
	if opts.Scale == 0 {
		opts.Scale = 2
	}
	sc, err := buildGrid(g, opts)
	if err != nil {
		return err
	}
	if sc.pxW*sc.pxH > maxPixels {
		return fmt.Errorf("%w: %d×%d pixels is too large", ErrInvalid, sc.pxW, sc.pxH)
	}
	img, err := rasterise(sc)
	if err != nil {
		return err
	}
	return encodePNG(w, img)
}

// GridDimensions reports the SVG's width and height in CSS pixels, for an <img> element.
func GridDimensions(g Grid, opts GridOptions) (width, height int, err error) {
	sc, err := buildGrid(g, opts)
	if err != nil {
		return 0, 0, err
	}
	return sc.pxW, sc.pxH, nil
}

type placedCard struct {
	GridCard
	x, y, w, h float64
	lines      []string
}

func buildGrid(g Grid, opts GridOptions) (*scene, error) {
	if opts.Scale == 0 {
		opts.Scale = 1
	}
	if opts.Scale < 0 || opts.Scale > 4 {
		return nil, fmt.Errorf("%w: scale %v out of range", ErrInvalid, opts.Scale)
	}
	if len(g.Families) == 0 || len(g.Levels) == 0 {
		return nil, fmt.Errorf("%w: a grid needs role families and levels", ErrInvalid)
	}
	if len(g.Cards) > gridMaxCards || len(g.Families) > 50 || len(g.Levels) > 20 {
		return nil, fmt.Errorf("%w: grid too large", ErrInvalid)
	}
	f, err := newFaces()
	if err != nil {
		return nil, err
	}
	defer f.close()
	id := cleanID(opts.IDPrefix)
	if opts.IDPrefix == "" {
		id = "career-grid"
	}

	// Cards by cell, and each card's wrapped title.
	cells := map[[2]int][]*placedCard{}
	byKey := map[string]*placedCard{}
	for _, c := range g.Cards {
		if c.Level < 1 || c.Level > len(g.Levels) || c.Family < 0 || c.Family >= len(g.Families) {
			continue
		}
		if byKey[c.Key] != nil {
			return nil, fmt.Errorf("%w: card %q appears twice", ErrInvalid, c.Key)
		}
		pc := &placedCard{GridCard: c, w: gridCardW}
		pc.lines = f.wrap(c.Title, textSize, false, gridCardW-2*gridCardPad)
		if len(pc.lines) > 3 {
			pc.lines = append(pc.lines[:2], strings.TrimSpace(pc.lines[2])+"…")
		}
		pc.h = 2*gridCardPad + float64(len(pc.lines))*gridLineH
		k := [2]int{c.Level, c.Family}
		cells[k] = append(cells[k], pc)
		byKey[c.Key] = pc
	}

	width := 2*gridMargin + gridLevelW + float64(len(g.Families))*gridColW
	sc := &scene{idPrefix: id, title: g.Title}
	y := gridMargin
	titleLines := f.wrap(g.Title, 16, true, width-2*gridMargin)
	for _, l := range titleLines {
		sc.add(text{x: gridMargin, y: y + 16, size: 16, bold: true, anchor: "start", fill: colText, s: l})
		y += 22
	}
	y += 6
	// Column headings.
	top := y
	for i, fam := range g.Families {
		x := gridMargin + gridLevelW + float64(i)*gridColW
		sc.add(shape{d: rect(x+4, y, gridColW-8, 4), fill: GroupColour(i)})
		for j, l := range f.wrap(fam, textSize, true, gridColW-12) {
			if j == 2 {
				break
			}
			sc.add(text{x: x + gridColW/2, y: y + 20 + float64(j)*gridLineH, size: textSize, bold: true, anchor: "middle", fill: colText, s: l})
		}
	}
	y += gridHeadH
	// Rows, top level first.
	for li := len(g.Levels); li >= 1; li-- {
		rowH := gridMinRowH
		for fi := range g.Families {
			h := gridRowPad
			for _, c := range cells[[2]int{li, fi}] {
				h += c.h + gridCardGap
			}
			rowH = math.Max(rowH, h+gridRowPad-gridCardGap)
		}
		if li%2 == 1 {
			sc.add(shape{d: rect(gridMargin, y, width-2*gridMargin, rowH), fill: colPale})
		}
		sc.add(shape{d: line(point{gridMargin, y}, point{width - gridMargin, y}), stroke: colBorder, strokeWidth: 1})
		sc.add(text{x: gridMargin + 6, y: y + 20, size: textSize, bold: true, anchor: "start", fill: colText, s: g.Levels[li-1]})
		for fi := range g.Families {
			cy := y + gridRowPad
			x := gridMargin + gridLevelW + float64(fi)*gridColW + (gridColW-gridCardW)/2
			for _, c := range cells[[2]int{li, fi}] {
				c.x, c.y = x, cy
				cy += c.h + gridCardGap
			}
		}
		y += rowH
	}
	sc.add(shape{d: line(point{gridMargin, y}, point{width - gridMargin, y}), stroke: colBorder, strokeWidth: 1})
	for fi := 1; fi < len(g.Families); fi++ {
		x := gridMargin + gridLevelW + float64(fi)*gridColW
		sc.add(shape{d: line(point{x, top + gridHeadH}, point{x, y}), stroke: colBorder, strokeWidth: 1})
	}

	// Cards, then arrows over them so that every arrowhead shows.
	for _, c := range g.Cards {
		pc := byKey[c.Key]
		if pc == nil {
			continue
		}
		sc.add(shape{d: rect(pc.x, pc.y, pc.w, pc.h), fill: colWhite, stroke: GroupColour(pc.Family), strokeWidth: 2, key: pc.Key, tip: pc.Title})
		for i, l := range pc.lines {
			sc.add(text{x: pc.x + gridCardPad, y: pc.y + gridCardPad + 11 + float64(i)*gridLineH, size: textSize, anchor: "start", fill: colText, s: l})
		}
	}
	// Arrows run in the gaps between the columns of cards, never across a card: out of the
	// card's side, along a lane of the gap, and into the side of the card they lead to. Each
	// arrow in a gap takes its own lane, so arrows sharing a gap stay apart.
	var routes []string
	lanes := map[int]int{}
	for _, a := range g.Arrows {
		from, to := byKey[a.From], byKey[a.To]
		if from == nil || to == nil || from == to {
			continue
		}
		pts := arrowPath(from, to, lanes)
		var dash []float64
		if a.Needs != "" {
			dash = []float64{6, 4}
		}
		d := path{}.moveTo(pts[0])
		for _, p := range pts[1:] {
			d = d.lineTo(p)
		}
		sc.add(shape{d: d, stroke: colText, strokeWidth: 1.5, dash: dash, class: "wf-grid-route"})
		sc.add(shape{d: arrowheadAt(pts[len(pts)-2], pts[len(pts)-1]), fill: colText})
		verb := "up to"
		if a.Across {
			verb = "across to"
		}
		s := from.Title + " " + verb + " " + to.Title
		if a.Needs != "" {
			s += " (" + a.Needs + ")"
		}
		routes = append(routes, s)
	}

	// Key: what the line styles mean, so nothing relies on the picture alone.
	y += 14
	sc.add(shape{d: line(point{gridMargin, y + 6}, point{gridMargin + 40, y + 6}), stroke: colText, strokeWidth: 1.5})
	sc.add(text{x: gridMargin + 48, y: y + 10, size: textSize, anchor: "start", fill: colText, s: "route with no requirement"})
	sc.add(shape{d: line(point{gridMargin + 240, y + 6}, point{gridMargin + 280, y + 6}), stroke: colText, strokeWidth: 1.5, dash: []float64{6, 4}})
	sc.add(text{x: gridMargin + 288, y: y + 10, size: textSize, anchor: "start", fill: colText, s: "route needing registration or a qualification"})
	y += 24 + gridMargin

	sc.width, sc.height = width, y
	sc.pxW, sc.pxH = int(math.Round(width*opts.Scale)), int(math.Round(y*opts.Scale))
	desc := fmt.Sprintf("Career framework grid: %d role families as columns (%s), levels as rows from %s at the top, %d roles.",
		len(g.Families), strings.Join(g.Families, ", "), g.Levels[len(g.Levels)-1], len(byKey))
	if len(routes) > 0 {
		desc += " Routes: " + strings.Join(routes, "; ") + "."
	} else {
		desc += " No routes yet."
	}
	sc.desc = desc
	return sc, nil
}

// arrowPath is the route of an arrow between two cards through the gap beside the first card:
// the gap on its left for a card in the same column or a column to the left, on its right for a
// column to the right. lanes counts the arrows already in each gap (gap i is left of column i).
func arrowPath(a, b *placedCard, lanes map[int]int) []point {
	half := (gridColW - gridCardW) / 2
	// Arrows leave a card above its middle and arrive below it, so that where one route ends
	// and the next begins stays clear.
	ay, by := a.y+a.h*0.35, b.y+b.h*0.65
	gap, startX, endX := a.Family, a.x, b.x+b.w
	switch {
	case b.Family == a.Family:
		endX = b.x
	case b.Family > a.Family:
		gap, startX, endX = a.Family+1, a.x+a.w, b.x
	}
	gapLeft := a.x - half - half
	if gap > a.Family {
		gapLeft = a.x + a.w
	}
	lane := lanes[gap] % 7
	lanes[gap]++
	gx := gapLeft + 5 + float64(lane)*5
	return []point{{startX, ay}, {gx, ay}, {gx, by}, {endX, by}}
}

// arrowheadAt is a filled triangle at p1 pointing away from p0.
func arrowheadAt(p0, p1 point) path {
	dx, dy := p1.x-p0.x, p1.y-p0.y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return path{}
	}
	ux, uy := dx/n, dy/n
	base := point{p1.x - ux*arrowHead*1.4, p1.y - uy*arrowHead*1.4}
	l := point{base.x - uy*arrowHead*0.6, base.y + ux*arrowHead*0.6}
	r := point{base.x + uy*arrowHead*0.6, base.y - ux*arrowHead*0.6}
	return path{}.moveTo(p1).lineTo(l).lineTo(r).close()
}
