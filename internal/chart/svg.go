package chart

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
)

// num formats a coordinate with at most two decimals, without trailing zeros or "-0".
func num(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func escText(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // a bytes.Buffer never fails
}

// attr writes ` name="value"`.
func attr(b *bytes.Buffer, name, value string) {
	b.WriteByte(' ')
	b.WriteString(name)
	b.WriteString(`="`)
	escText(b, value)
	b.WriteByte('"')
}

// pathData is the SVG "d" of a path.
func pathData(d path) string {
	var b strings.Builder
	pt := func(p point) {
		b.WriteString(num(p.x))
		b.WriteByte(' ')
		b.WriteString(num(p.y))
	}
	arc := func(r float64, large, sweep bool, to point) {
		b.WriteString("A")
		b.WriteString(num(r))
		b.WriteByte(' ')
		b.WriteString(num(r))
		b.WriteString(" 0 ")
		if large {
			b.WriteString("1 ")
		} else {
			b.WriteString("0 ")
		}
		if sweep {
			b.WriteString("1 ")
		} else {
			b.WriteString("0 ")
		}
		pt(to)
	}
	for _, op := range d {
		switch op.kind {
		case opMove:
			b.WriteString("M")
			pt(op.p)
		case opLine:
			b.WriteString("L")
			pt(op.p)
		case opArc:
			delta := op.a1 - op.a0
			sweep := delta > 0
			if math.Abs(delta) >= 360-1e-9 {
				// An arc cannot start and end at the same point: draw two halves.
				mid := op.a0 + delta/2
				arc(op.r, false, sweep, polar(op.c, op.r, mid))
				arc(op.r, false, sweep, op.p)
			} else {
				arc(op.r, math.Abs(delta) > 180, sweep, op.p)
			}
		case opClose:
			b.WriteString("Z")
		}
	}
	return b.String()
}

// hatchColours lists the hatch colours the scene uses, in order of first use.
func hatchColours(sc *scene) []string {
	var out []string
	seen := map[string]bool{}
	for _, it := range sc.items {
		if s, ok := it.(shape); ok && s.hatch != "" && !seen[s.hatch] {
			seen[s.hatch] = true
			out = append(out, s.hatch)
		}
	}
	return out
}

func writeSVG(b *bytes.Buffer, sc *scene) {
	id := sc.idPrefix
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1"`)
	attr(b, "role", "img")
	attr(b, "aria-labelledby", id+"-title "+id+"-desc")
	attr(b, "viewBox", "0 0 "+num(sc.width)+" "+num(sc.height))
	attr(b, "width", strconv.Itoa(sc.pxW))
	attr(b, "height", strconv.Itoa(sc.pxH))
	attr(b, "font-family", fontFamily)
	attr(b, "font-size", num(textSize))
	attr(b, "class", "wf-chart")
	b.WriteString(">\n<title")
	attr(b, "id", id+"-title")
	b.WriteByte('>')
	escText(b, sc.title)
	b.WriteString("</title>\n<desc")
	attr(b, "id", id+"-desc")
	b.WriteByte('>')
	escText(b, sc.desc)
	b.WriteString("</desc>\n")

	hatches := hatchColours(sc)
	hatchID := map[string]string{}
	if len(hatches) > 0 {
		b.WriteString("<defs>\n")
		for i, col := range hatches {
			hid := id + "-hatch-" + strconv.Itoa(i)
			hatchID[col] = hid
			b.WriteString("<pattern")
			attr(b, "id", hid)
			attr(b, "patternUnits", "userSpaceOnUse")
			attr(b, "width", num(hatchPeriod))
			attr(b, "height", num(hatchPeriod))
			attr(b, "patternTransform", "rotate(45)")
			b.WriteString("><rect")
			attr(b, "width", num(hatchPeriod))
			attr(b, "height", num(hatchPeriod))
			attr(b, "fill", colWhite)
			b.WriteString("/><rect")
			attr(b, "width", num(hatchStripe))
			attr(b, "height", num(hatchPeriod))
			attr(b, "fill", col)
			b.WriteString("/></pattern>\n")
		}
		b.WriteString("</defs>\n")
	}

	for _, it := range sc.items {
		switch v := it.(type) {
		case groupOpen:
			b.WriteString("<g")
			attr(b, "class", v.class)
			b.WriteString(">\n")
		case groupClose:
			b.WriteString("</g>\n")
		case shape:
			b.WriteString("<path")
			if v.class != "" {
				attr(b, "class", v.class)
			}
			if v.key != "" {
				attr(b, "data-key", v.key)
			}
			attr(b, "d", pathData(v.d))
			switch {
			case v.hatch != "":
				attr(b, "fill", "url(#"+hatchID[v.hatch]+")")
			case v.fill != "":
				attr(b, "fill", v.fill)
			default:
				attr(b, "fill", "none")
			}
			if v.stroke != "" {
				attr(b, "stroke", v.stroke)
				attr(b, "stroke-width", num(v.strokeWidth))
				attr(b, "stroke-linejoin", "round")
				if len(v.dash) > 0 {
					ds := make([]string, len(v.dash))
					for i, d := range v.dash {
						ds[i] = num(d)
					}
					attr(b, "stroke-dasharray", strings.Join(ds, " "))
				} else {
					attr(b, "stroke-linecap", "round")
				}
			}
			if v.tip != "" {
				b.WriteString("><title>")
				escText(b, v.tip)
				b.WriteString("</title></path>\n")
			} else {
				b.WriteString("/>\n")
			}
		case text:
			b.WriteString("<text")
			attr(b, "x", num(v.x))
			attr(b, "y", num(v.y))
			if v.size != textSize {
				attr(b, "font-size", num(v.size))
			}
			if v.bold {
				attr(b, "font-weight", "bold")
			}
			if v.anchor != "start" && v.anchor != "" {
				attr(b, "text-anchor", v.anchor)
			}
			attr(b, "fill", v.fill)
			b.WriteByte('>')
			escText(b, v.s)
			b.WriteString("</text>\n")
		}
	}
	b.WriteString("</svg>\n")
}
