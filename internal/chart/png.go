package chart

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// rasterise draws the scene into an RGBA image with golang.org/x/image/vector (pure Go,
// anti-aliased) and the Go fonts.
func rasterise(sc *scene) (*image.RGBA, error) {
	img := image.NewRGBA(image.Rect(0, 0, sc.pxW, sc.pxH))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	f, err := newFaces()
	if err != nil {
		return nil, err
	}
	defer f.close()
	r := &raster{img: img, s: float64(sc.pxW) / sc.width, f: f, z: vector.NewRasterizer(sc.pxW, sc.pxH)}
	for _, it := range sc.items {
		switch v := it.(type) {
		case shape:
			if err := r.shape(v); err != nil {
				return nil, err
			}
		case text:
			if err := r.text(v); err != nil {
				return nil, err
			}
		}
	}
	return img, nil
}

func encodePNG(w io.Writer, img image.Image) error {
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	return enc.Encode(w, img)
}

type raster struct {
	img *image.RGBA
	s   float64 // pixels per logical unit
	f   *faces
	z   *vector.Rasterizer
}

// polyline is a flattened subpath in pixels.
type polyline struct {
	pts    []point
	closed bool
}

// flatten turns a path into polylines in pixel space, arcs cut into chords within 0.05 px.
func (r *raster) flatten(d path) []polyline {
	var out []polyline
	var cur *polyline
	sp := func(p point) point { return point{p.x * r.s, p.y * r.s} }
	for _, op := range d {
		switch op.kind {
		case opMove:
			out = append(out, polyline{pts: []point{sp(op.p)}})
			cur = &out[len(out)-1]
		case opLine:
			if cur != nil {
				cur.pts = append(cur.pts, sp(op.p))
			}
		case opArc:
			if cur == nil {
				continue
			}
			rpx := op.r * r.s
			step := 10.0
			if rpx > 0.1 {
				step = math.Min(step, 2*math.Acos(1-0.05/rpx)*180/math.Pi)
			}
			delta := op.a1 - op.a0
			n := int(math.Ceil(math.Abs(delta) / step))
			if n < 1 {
				n = 1
			}
			for i := 1; i <= n; i++ {
				a := op.a0 + delta*float64(i)/float64(n)
				cur.pts = append(cur.pts, sp(polar(op.c, op.r, a)))
			}
		case opClose:
			if cur != nil {
				cur.closed = true
			}
		}
	}
	return out
}

// fill paints the polylines with src, non-zero rule. The rasteriser covers only the shapes'
// bounding box, so small shapes cost little.
func (r *raster) fill(pls []polyline, src image.Image) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, pl := range pls {
		for _, p := range pl.pts {
			minX, minY = math.Min(minX, p.x), math.Min(minY, p.y)
			maxX, maxY = math.Max(maxX, p.x), math.Max(maxY, p.y)
		}
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY))).Intersect(r.img.Bounds())
	if box.Empty() {
		return
	}
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	r.z.Reset(box.Dx(), box.Dy())
	for _, pl := range pls {
		if len(pl.pts) < 2 {
			continue
		}
		r.z.MoveTo(float32(pl.pts[0].x-ox), float32(pl.pts[0].y-oy))
		for _, p := range pl.pts[1:] {
			r.z.LineTo(float32(p.x-ox), float32(p.y-oy))
		}
		r.z.ClosePath()
	}
	r.z.Draw(r.img, box, src, box.Min)
}

func (r *raster) shape(s shape) error {
	pls := r.flatten(s.d)
	switch {
	case s.hatch != "":
		c, err := parseHex(s.hatch)
		if err != nil {
			return err
		}
		r.fill(pls, &hatchImage{fg: c, bg: color.RGBA{0xff, 0xff, 0xff, 0xff}, s: r.s})
	case s.fill != "":
		c, err := parseHex(s.fill)
		if err != nil {
			return err
		}
		r.fill(pls, image.NewUniform(c))
	}
	if s.stroke != "" && s.strokeWidth > 0 {
		c, err := parseHex(s.stroke)
		if err != nil {
			return err
		}
		var dash []float64
		for _, d := range s.dash {
			dash = append(dash, d*r.s)
		}
		r.fill(stroke(pls, s.strokeWidth*r.s/2, dash), image.NewUniform(c))
	}
	return nil
}

// stroke outlines polylines of half-width hw as polygons (a quad per segment, a disc at each
// joint; caps are round unless dashed, then butt). All polygons turn the same way, so the
// rasteriser's non-zero fill merges their overlaps.
func stroke(pls []polyline, hw float64, dash []float64) []polyline {
	var out []polyline
	for _, pl := range pls {
		pts := pl.pts
		if pl.closed && len(pts) > 1 && pts[0] != pts[len(pts)-1] {
			pts = append(append([]point(nil), pts...), pts[0])
		}
		pieces := [][]point{pts}
		if len(dash) > 0 {
			pieces = dashes(pts, dash)
		}
		for _, pc := range pieces {
			for i := 0; i+1 < len(pc); i++ {
				p, q := pc[i], pc[i+1]
				dx, dy := q.x-p.x, q.y-p.y
				l := math.Hypot(dx, dy)
				if l < 1e-9 {
					continue
				}
				nx, ny := -dy/l*hw, dx/l*hw
				out = append(out, polyline{pts: []point{
					{p.x - nx, p.y - ny}, {q.x - nx, q.y - ny}, {q.x + nx, q.y + ny}, {p.x + nx, p.y + ny},
				}, closed: true})
			}
			for i, p := range pc {
				if len(dash) > 0 && (i == 0 || i == len(pc)-1) {
					continue // butt caps on dashes
				}
				out = append(out, disc(p, hw))
			}
		}
	}
	return out
}

// disc is a circle polygon, turning the same way as stroke's quads.
func disc(c point, r float64) polyline {
	n := int(math.Max(8, math.Ceil(r*4)))
	pts := make([]point, n)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / float64(n)
		pts[i] = point{c.x + r*math.Cos(a), c.y + r*math.Sin(a)}
	}
	return polyline{pts: pts, closed: true}
}

// dashes cuts a polyline into the "on" pieces of a dash pattern (on, off, on, off...).
func dashes(pts []point, pattern []float64) [][]point {
	var out [][]point
	idx, left, on := 0, math.Max(pattern[0], 1e-3), true
	cur := []point{pts[0]}
	for i := 0; i+1 < len(pts); i++ {
		p, q := pts[i], pts[i+1]
		l := math.Hypot(q.x-p.x, q.y-p.y)
		pos := 0.0
		for l-pos > left {
			pos += left
			t := pos / l
			m := point{p.x + (q.x-p.x)*t, p.y + (q.y-p.y)*t}
			if on {
				out = append(out, append(cur, m))
				cur = nil
			} else {
				cur = []point{m}
			}
			on = !on
			idx = (idx + 1) % len(pattern)
			left = pattern[idx]
			if left <= 0 {
				left = 1e-3
			}
		}
		left -= l - pos
		if on {
			cur = append(cur, q)
		}
	}
	if on && len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// hatchImage is the SVG hatch pattern as an image: stripes hatchStripe wide every hatchPeriod
// logical units at 45°, sampled 4×4 per pixel for anti-aliasing.
type hatchImage struct {
	fg, bg color.RGBA
	s      float64
}

func (h *hatchImage) ColorModel() color.Model { return color.RGBAModel }
func (h *hatchImage) Bounds() image.Rectangle {
	return image.Rect(-1e9, -1e9, 1e9, 1e9)
}
func (h *hatchImage) At(x, y int) color.Color {
	in := 0
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			lx := (float64(x) + (float64(i)+0.5)/4) / h.s
			ly := (float64(y) + (float64(j)+0.5)/4) / h.s
			u := math.Mod((lx+ly)/math.Sqrt2, hatchPeriod)
			if u < 0 {
				u += hatchPeriod
			}
			if u < hatchStripe {
				in++
			}
		}
	}
	mix := func(a, b uint8) uint8 {
		return uint8((int(a)*in + int(b)*(16-in) + 8) / 16)
	}
	return color.RGBA{mix(h.fg.R, h.bg.R), mix(h.fg.G, h.bg.G), mix(h.fg.B, h.bg.B), 0xff}
}

func (r *raster) text(t text) error {
	c, err := parseHex(t.fill)
	if err != nil {
		return err
	}
	face := r.f.face(t.size*r.s, t.bold)
	x := t.x * r.s
	switch t.anchor {
	case "middle":
		x -= float64(font.MeasureString(face, t.s)) / 64 / 2
	case "end":
		x -= float64(font.MeasureString(face, t.s)) / 64
	}
	d := font.Drawer{Dst: r.img, Src: image.NewUniform(c), Face: face,
		Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(t.y * r.s * 64))}}
	d.DrawString(t.s)
	return nil
}
