package chart

import (
	"fmt"
	"image/color"
	"math"
)

// palette holds the group colours, from the NHS identity colour palette, in the order groups
// get them. Each has a contrast ratio of at least 3:1 against white (WCAG 2.2, 1.4.11 non-text
// contrast), which a test checks. Neighbours in the list differ in hue. NHS warm yellow, orange,
// light blue and light green are left out: they fall below 3:1 on white. After ten groups the
// colours repeat; the legend still names each group.
var palette = []string{
	"#005eb8", // NHS blue
	"#007f3b", // NHS green
	"#7c2855", // NHS dark pink
	"#00a499", // NHS aqua green (3.04:1)
	"#330072", // NHS purple
	"#425563", // NHS dark grey
	"#ae2573", // NHS pink
	"#003087", // NHS dark blue
	"#006747", // NHS dark green
	"#880fb8", // NHS light purple
}

// Neutral colours of the NHS palette used for text and chart furniture.
const (
	colText      = "#212b32" // NHS black: body text
	colSecondary = "#4c6272" // NHS secondary text (7:1 on white)
	colMidGrey   = "#768692" // NHS mid grey: guide rings, rules (3.8:1 on white)
	colPale      = "#f0f4f5" // NHS pale grey: chart background
	colBorder    = "#d8dde0" // NHS grey-4: table rules
	colWhite     = "#ffffff"
)

// GroupColour is the colour of the i-th group (0-based) in the chart, as "#rrggbb", so that a
// page's table alternative can show the same key.
func GroupColour(i int) string {
	if i < 0 {
		i = -i
	}
	return palette[i%len(palette)]
}

// parseHex reads "#rrggbb".
func parseHex(s string) (color.RGBA, error) {
	var c color.RGBA
	if len(s) != 7 || s[0] != '#' {
		return c, fmt.Errorf("chart: colour %q is not #rrggbb", s)
	}
	if _, err := fmt.Sscanf(s[1:], "%02x%02x%02x", &c.R, &c.G, &c.B); err != nil {
		return c, fmt.Errorf("chart: colour %q: %w", s, err)
	}
	c.A = 0xff
	return c, nil
}

// mustHex is parseHex for the package's own constant colours.
func mustHex(s string) color.RGBA {
	c, err := parseHex(s)
	if err != nil {
		panic(err)
	}
	return c
}

// relativeLuminance is WCAG 2.2's relative luminance of an sRGB colour.
func relativeLuminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrastRatio is WCAG 2.2's contrast ratio of two colours, from 1 to 21.
func contrastRatio(a, b color.RGBA) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
