// Package chart draws a focus profile (a share of 100% spread over the elements of a framework,
// each at a level) as an accessible circular chart, in SVG for web pages and in PNG for
// downloads and print.
//
// The chart knows nothing about a particular framework: it draws the groups and segments it is
// given. A segment's angle is its share of the total, segments of a group are drawn next to each
// other in the group's colour, and a segment's level is shown by how far out it reaches: the
// higher the level, the further from the centre. A legend below the chart lists every group and
// element with its share and level, so nothing is carried by colour alone.
//
// The SVG has role="img", a title and a description, and no style attribute or element (the
// site's Content Security Policy forbids inline styles): only presentation attributes. The same
// input always gives the same bytes.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Segment is one element of a profile.
type Segment struct {
	Key   string // stable identifier of the element (used to match a compared profile)
	Label string // element name shown in the legend
	Group string // key of the Group the element belongs to
	Share int    // whole percent of the focus
	// LevelRank is the level's position on the scale, 1..LevelCount (1 the lowest); 0 means no
	// level given. LevelCount is the number of levels on the scale; 0 means the framework has no
	// levels, and the segment is drawn at full depth.
	LevelRank, LevelCount int
	LevelLabel            string // level name shown in the legend, e.g. "Advanced"
	Provisional           bool   // the element's definition is provisional: drawn hatched, marked *
}

// Group is a set of elements drawn in one colour (a domain of the IWF).
type Group struct {
	Key, Label string
}

// Profile is what the chart draws. Segments are drawn group by group in the order of Groups,
// and in their given order within a group. A segment whose Group is not in Groups goes into an
// unnamed group after the named ones. When Groups is empty, all segments form one unnamed group
// and their Group fields are ignored.
type Profile struct {
	Title       string // the chart's accessible name (<title>)
	Description string // optional sentence put before the generated summary in <desc>
	Groups      []Group
	Segments    []Segment
}

// Options change how a chart is drawn. The zero value is usable.
type Options struct {
	// Size is the width in CSS pixels (SVG width attribute) or pixels (PNG). The height follows
	// from the content; see Dimensions. Default 640.
	Size int
	// IDPrefix starts every id in the SVG, so that several charts can share a page. Letters,
	// digits, '-' and '_' are kept; it must start with a letter. Default "profile-chart".
	IDPrefix string
	// Compare, when set, is drawn over the chart as a dashed outline (its own shares and levels,
	// elements matched by Key) and listed in extra legend columns.
	Compare *Profile
	// CompareLabel names the compared profile in the key; default Compare.Title.
	CompareLabel string
	// ShowTitle draws the title as visible text above the chart (for downloads and print; on a
	// page the heading usually says it already).
	ShowTitle bool
	// GroupNoun and ElementNoun name groups and elements in the description and the legend
	// heading: "domain" and "element" for the IWF. Defaults "group" and "element".
	GroupNoun, ElementNoun string
}

// ErrInvalid is wrapped by the errors returned for a profile the chart cannot draw.
var ErrInvalid = errors.New("chart: invalid profile")

const (
	defaultSize = 640
	maxPixels   = 16 << 20 // PNG pixel budget (64 MiB of RGBA)
)

// SVG writes the chart as a standalone SVG document (also valid inline in HTML).
func SVG(w io.Writer, p Profile, opts Options) error {
	sc, err := build(p, opts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	writeSVG(&buf, sc)
	_, err = w.Write(buf.Bytes())
	return err
}

// PNG writes the same chart as a PNG image, Options.Size pixels wide.
func PNG(w io.Writer, p Profile, opts Options) error {
	sc, err := build(p, opts)
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

// Dimensions reports the width and height, in CSS pixels (SVG) or pixels (PNG), of the chart of
// p drawn with opts, for an <img> element's width and height attributes.
func Dimensions(p Profile, opts Options) (width, height int, err error) {
	sc, err := build(p, opts)
	if err != nil {
		return 0, 0, err
	}
	return sc.pxW, sc.pxH, nil
}

// normalised returns opts with defaults filled in.
func (o Options) normalised() (Options, error) {
	if o.Size == 0 {
		o.Size = defaultSize
	}
	if o.Size < 0 || o.Size > 4096 {
		return o, fmt.Errorf("%w: size %d out of range 1..4096", ErrInvalid, o.Size)
	}
	o.IDPrefix = cleanID(o.IDPrefix)
	if o.GroupNoun == "" {
		o.GroupNoun = "group"
	}
	if o.ElementNoun == "" {
		o.ElementNoun = "element"
	}
	if o.Compare != nil && o.CompareLabel == "" {
		o.CompareLabel = o.Compare.Title
		if o.CompareLabel == "" {
			o.CompareLabel = "compared profile"
		}
	}
	return o, nil
}

// cleanID keeps the characters of an id prefix that are safe in an XML id and a URL fragment.
func cleanID(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case (r >= '0' && r <= '9') || r == '-' || r == '_':
			if b.Len() > 0 {
				b.WriteRune(r)
			}
		}
	}
	if b.Len() == 0 {
		return "profile-chart"
	}
	return b.String()
}

// validate checks what the chart needs, not the framework's rules (a draft that does not add
// up to 100 still draws).
func validate(p *Profile, what string) error {
	groups := map[string]bool{}
	for _, g := range p.Groups {
		if groups[g.Key] {
			return fmt.Errorf("%w: %s: group %q appears twice", ErrInvalid, what, g.Key)
		}
		groups[g.Key] = true
	}
	keys := map[string]bool{}
	for _, s := range p.Segments {
		switch {
		case keys[s.Key]:
			return fmt.Errorf("%w: %s: element %q appears twice", ErrInvalid, what, s.Key)
		case s.Share < 0 || s.Share > 100:
			return fmt.Errorf("%w: %s: element %q has share %d%%", ErrInvalid, what, s.Key, s.Share)
		case s.LevelCount < 0 || s.LevelCount > 20 || s.LevelRank < 0 || s.LevelRank > s.LevelCount:
			return fmt.Errorf("%w: %s: element %q has level %d of %d", ErrInvalid, what, s.Key, s.LevelRank, s.LevelCount)
		}
		keys[s.Key] = true
	}
	if len(p.Segments) > 1000 {
		return fmt.Errorf("%w: %s: %d elements is too many", ErrInvalid, what, len(p.Segments))
	}
	return nil
}
