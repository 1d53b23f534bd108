package workforce

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// Pay (issue 6): a post is costed from its band's salary on a pay table, times its FTE, plus the
// organisation's on-costs (employer pension and National Insurance). Pay is a property of the
// band, never of the Career Framework level (DOMAIN.md section 7).
//
// Money is exact: salaries are whole pounds, FTE is hundredths, so salary × FTE is exactly the
// cost in pence with no rounding at all. On-costs are a percentage in hundredths of a percent
// (basis points), so one rounding happens per post (half up, to the penny), and every total is
// the sum of the rounded post costs shown beside it.

// Pay points a post may be costed at.
const (
	PayEntry        = "entry"
	PayIntermediate = "intermediate"
	PayTop          = "top"
	// PayActual costs a filled post at the holder's actual salary, recorded on the post.
	PayActual = "actual"
)

// PayPoints lists the pay points in the order forms offer them.
var PayPoints = []string{PayEntry, PayIntermediate, PayTop, PayActual}

// PayPointLabel is the pay point in words.
func PayPointLabel(p string) string {
	switch p {
	case PayEntry:
		return "Entry point"
	case PayIntermediate:
		return "Intermediate point"
	case PayTop:
		return "Top point"
	case PayActual:
		return "Post holder's actual salary"
	}
	return p
}

// Pence is an amount of money in pence.
type Pence int64

// Pounds writes the amount rounded to whole pounds with thousands separators, "£31,049", as
// tables show it (exports carry the exact pence).
func (p Pence) Pounds() string {
	sign := ""
	if p < 0 {
		sign, p = "-", -p
	}
	return sign + "£" + groupThousands(int64((p+50)/100))
}

// Decimal writes the amount in pounds with two decimals and no separators, "31049.00", for
// exports and the API.
func (p Pence) Decimal() string {
	sign := ""
	if p < 0 {
		sign, p = "-", -p
	}
	return fmt.Sprintf("%s%d.%02d", sign, p/100, p%100)
}

// MarshalJSON writes the amount as a JSON number of pounds with two decimals, exactly.
func (p Pence) MarshalJSON() ([]byte, error) { return []byte(p.Decimal()), nil }

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// PayBand is one band's salary points in whole pounds a year; Intermediate is 0 for a band
// without one (bands 2 to 4).
type PayBand struct {
	Band         string `json:"band"`
	Entry        int64  `json:"entry"`
	Intermediate int64  `json:"intermediate,omitempty"`
	Top          int64  `json:"top"`
}

// PayTable is one year's version of a pay scale. A new year is a new table (a new file or an
// import), never an edit of the old one, so that costs worked out last year can be explained.
type PayTable struct {
	Key         string    `json:"key"`
	Name        string    `json:"name"`
	Year        string    `json:"year"`
	Effective   Date      `json:"effective"`
	Source      string    `json:"source"`
	Provisional bool      `json:"provisional"`
	Note        string    `json:"note,omitempty"`
	Bands       []PayBand `json:"bands"`
	// SameAs maps a band to the band whose rates it is paid at (band 1 at band 2's).
	SameAs map[string]string `json:"same_as,omitempty"`
}

//go:embed paytables/*.json
var payTableFiles embed.FS

// BuiltInPayTables are the pay tables shipped with Workframe, newest first. They are read once;
// a broken file is a build mistake, so it panics (a test reads them all).
var BuiltInPayTables = mustLoadPayTables()

func mustLoadPayTables() []PayTable {
	names, err := fs.Glob(payTableFiles, "paytables/*.json")
	if err != nil {
		panic(err)
	}
	var out []PayTable
	for _, n := range names {
		b, err := payTableFiles.ReadFile(n)
		if err != nil {
			panic(err)
		}
		t, err := ParsePayTable(b)
		if err != nil {
			panic(fmt.Sprintf("%s: %v", n, err))
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Effective > out[j].Effective })
	return out
}

// CurrentPayTable is the newest built-in table in effect on the day (the oldest one if none is
// yet), which is what costs use unless told otherwise.
func CurrentPayTable(today Date) PayTable {
	for _, t := range BuiltInPayTables {
		if !today.Before(t.Effective) {
			return t
		}
	}
	return BuiltInPayTables[len(BuiltInPayTables)-1]
}

// ParsePayTable reads and checks a pay table file: every band known, each once, with points
// that rise (entry ≤ intermediate ≤ top, intermediate optional), and SameAs naming bands.
func ParsePayTable(b []byte) (PayTable, error) {
	var t PayTable
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return t, fmt.Errorf("pay table: %w", err)
	}
	if t.Key == "" || t.Year == "" {
		return t, fmt.Errorf("pay table: a key and a year are required")
	}
	if _, err := ParseDate(string(t.Effective)); err != nil || t.Effective.IsZero() {
		return t, fmt.Errorf("pay table %s %s: the effective date must be written 2025-04-01", t.Key, t.Year)
	}
	seen := map[string]bool{}
	for _, pb := range t.Bands {
		if b, ok := NormaliseBand(pb.Band); !ok || b == "" || b != pb.Band {
			return t, fmt.Errorf("pay table %s %s: %q is not a band", t.Key, t.Year, pb.Band)
		}
		if seen[pb.Band] {
			return t, fmt.Errorf("pay table %s %s: band %s appears twice", t.Key, t.Year, pb.Band)
		}
		seen[pb.Band] = true
		if pb.Entry <= 0 || pb.Top < pb.Entry || (pb.Intermediate != 0 && (pb.Intermediate < pb.Entry || pb.Intermediate > pb.Top)) {
			return t, fmt.Errorf("pay table %s %s: band %s's points must rise from entry to top", t.Key, t.Year, pb.Band)
		}
	}
	for from, to := range t.SameAs {
		if !seen[to] {
			return t, fmt.Errorf("pay table %s %s: band %s is paid as band %s, which the table does not have", t.Key, t.Year, from, to)
		}
	}
	return t, nil
}

// Band returns the table's points for a band (following SameAs), and whether it has them.
func (t PayTable) Band(band string) (PayBand, bool) {
	if to, ok := t.SameAs[band]; ok {
		band = to
	}
	for _, pb := range t.Bands {
		if pb.Band == band {
			return pb, true
		}
	}
	return PayBand{}, false
}

// Salary is the annual salary in pounds of a band at a pay point. A band without an
// intermediate point (2 to 4) is costed at its top point when the intermediate one is asked
// for: those bands reach the top within two or three years, so the top is the nearer estimate
// of a typical holder than the entry point. ok is false when the table has no such band (a post
// not on Agenda for Change) or the point is PayActual (which the post itself carries).
func (t PayTable) Salary(band, point string) (pounds int64, ok bool) {
	pb, ok := t.Band(band)
	if !ok {
		return 0, false
	}
	switch point {
	case PayEntry:
		return pb.Entry, true
	case PayIntermediate:
		if pb.Intermediate == 0 {
			return pb.Top, true
		}
		return pb.Intermediate, true
	case PayTop:
		return pb.Top, true
	}
	return 0, false
}

// OnCost is the organisation's on-cost percentage in hundredths of a percent: 2850 is 28.50%.
type OnCost int

// MaxOnCost is 100%: more is surely a typing mistake.
const MaxOnCost OnCost = 10000

// ParseOnCost reads "28.5", "28.50%" or "28" as a percentage with at most two decimals.
func ParseOnCost(s string) (OnCost, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return 0, nil
	}
	// The same fixed-point reading as FTE: hundredths.
	v, err := ParseFTE(s)
	if err != nil || v < 0 || OnCost(v) > MaxOnCost {
		return 0, fmt.Errorf("enter the on-cost as a percentage from 0 to 100, like 28.5")
	}
	return OnCost(v), nil
}

// String writes the percentage with two decimals, "28.50".
func (o OnCost) String() string { return FTE(o).String() }

// PostCost is what one post costs a year.
type PostCost struct {
	// Costed is false when the post's band is not on the pay table (or an actual salary is
	// missing): its cost is then unknown, not zero, and totals say how many posts they leave out.
	Costed bool   `json:"costed"`
	Point  string `json:"pay_point"`
	// Salary is the full-time annual salary in pounds the post is costed at.
	Salary int64 `json:"salary"`
	Base   Pence `json:"base"`
	OnCost Pence `json:"on_cost"`
	Total  Pence `json:"total"`
}

// CostPost costs a post of a band at a pay point: salary × FTE, plus on-costs rounded half up to
// the penny. actual is the holder's salary in pounds, used only for PayActual; a post costed at
// PayActual without one (a vacant post) is costed at the entry point, what recruiting to it would
// cost.
func CostPost(t PayTable, band, point string, actual int64, fte FTE, on OnCost) PostCost {
	c := PostCost{Point: point}
	if point == PayActual {
		if actual > 0 {
			c.Salary, c.Costed = actual, true
		} else {
			c.Point = PayEntry
		}
	}
	if !c.Costed {
		c.Salary, c.Costed = t.Salary(band, c.Point)
	}
	if !c.Costed {
		return PostCost{Point: point}
	}
	// Pounds × hundredths of FTE = pence, exactly.
	c.Base = Pence(c.Salary * int64(fte))
	c.OnCost = Pence((int64(c.Base)*int64(on) + 5000) / 10000)
	c.Total = c.Base + c.OnCost
	return c
}
