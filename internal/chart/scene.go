package chart

import "math"

// The chart is laid out once as a scene of simple shapes in logical units (a canvas 640 wide),
// then written as SVG or rasterised to PNG, so that both outputs are the same drawing.

type point struct{ x, y float64 }

type opKind uint8

const (
	opMove opKind = iota
	opLine
	opArc // from the current point around c with radius r, angle a0 to a1
	opClose
)

// pathOp is one step of a path. Angles are in degrees, clockwise from 12 o'clock.
type pathOp struct {
	kind   opKind
	p      point // opMove, opLine: the point; opArc: the end point
	c      point // opArc: centre
	r      float64
	a0, a1 float64
}

type path []pathOp

// polar is the point at radius r and angle a (degrees clockwise from 12 o'clock) around c.
func polar(c point, r, a float64) point {
	rad := a * math.Pi / 180
	return point{c.x + r*math.Sin(rad), c.y - r*math.Cos(rad)}
}

func (d path) moveTo(p point) path { return append(d, pathOp{kind: opMove, p: p}) }
func (d path) lineTo(p point) path { return append(d, pathOp{kind: opLine, p: p}) }
func (d path) close() path         { return append(d, pathOp{kind: opClose}) }

// arc continues the path along the circle (c, r) from angle a0 to a1 (a1 < a0 runs
// anticlockwise). The current point must be polar(c, r, a0).
func (d path) arc(c point, r, a0, a1 float64) path {
	return append(d, pathOp{kind: opArc, p: polar(c, r, a1), c: c, r: r, a0: a0, a1: a1})
}

// circle is a closed circle, clockwise, or anticlockwise when ccw (to cut a hole).
func circle(c point, r float64, ccw bool) path {
	end := 360.0
	if ccw {
		end = -360
	}
	return path{}.moveTo(polar(c, r, 0)).arc(c, r, 0, end).close()
}

// annularSector is the region between radii r0 < r1 from angle a0 to a1 (a0 < a1). A sweep of
// 360° gives a full ring (two circles, the inner one reversed so that it is a hole).
func annularSector(c point, r0, r1, a0, a1 float64) path {
	if a1-a0 >= 360-1e-9 {
		d := circle(c, r1, false)
		if r0 > 0 {
			d = append(d, circle(c, r0, true)...)
		}
		return d
	}
	d := path{}.moveTo(polar(c, r1, a0)).arc(c, r1, a0, a1)
	if r0 > 0 {
		d = d.lineTo(polar(c, r0, a1)).arc(c, r0, a1, a0)
	} else {
		d = d.lineTo(c)
	}
	return d.close()
}

func rect(x, y, w, h float64) path {
	return path{}.moveTo(point{x, y}).lineTo(point{x + w, y}).lineTo(point{x + w, y + h}).lineTo(point{x, y + h}).close()
}

func line(a, b point) path { return path{}.moveTo(a).lineTo(b) }

// shape is a filled and/or stroked path.
type shape struct {
	d           path
	fill        string // "#rrggbb", or "" for none
	hatch       string // when set, the fill is a hatch of this colour on white (fill is ignored)
	stroke      string // "" for none
	strokeWidth float64
	dash        []float64
	class       string
	key         string // data-key attribute (segments)
	tip         string // <title> child: a tooltip for pointer users
}

// text is one line of text; y is the baseline.
type text struct {
	x, y   float64
	size   float64
	bold   bool
	anchor string // "start", "middle" or "end"
	fill   string
	s      string
}

// groupOpen and groupClose bracket items in a <g class="..."> (ignored by the PNG renderer).
type groupOpen struct{ class string }
type groupClose struct{}

type item any

// scene is a laid-out chart.
type scene struct {
	width, height float64 // logical canvas
	pxW, pxH      int     // output size
	idPrefix      string
	title, desc   string
	items         []item
}

func (sc *scene) add(it item) { sc.items = append(sc.items, it) }

// Hatch pattern geometry, shared by SVG and PNG: stripes hatchPeriod apart, hatchStripe wide,
// at 45°.
const (
	hatchPeriod = 6.0
	hatchStripe = 3.0
)
