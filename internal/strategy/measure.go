package strategy

import (
	"slices"
	"strconv"
	"strings"
)

// maxWhole is the largest whole part an Amount may have (a million million).
const maxWhole = 1_000_000_000_000

// Amount is a measured quantity in hundredths (12.5% is 1250), so that baselines, targets and
// values compare exactly.
type Amount int64

// ParseAmount reads a number with at most two decimal places ("12", "-3.5", "87.25").
func ParseAmount(s string) (Amount, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return 0, invalid("enter a number")
	}
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimPrefix(s, "-")
	whole, frac, hasDot := strings.Cut(body, ".")
	if whole == "" && !hasDot || len(frac) > 2 || (hasDot && frac == "") {
		return 0, invalid("%q is not a number with at most two decimal places", s)
	}
	if whole == "" {
		whole = "0"
	}
	for _, part := range []string{whole, frac} {
		for _, c := range part {
			if c < '0' || c > '9' {
				return 0, invalid("%q is not a number with at most two decimal places", s)
			}
		}
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	// A cap far above any workforce figure keeps (value-baseline)*100 inside int64.
	if err != nil || w > maxWhole {
		return 0, invalid("%q is too large", s)
	}
	frac = (frac + "00")[:2]
	f, _ := strconv.ParseInt(frac, 10, 64)
	v := w*100 + f
	if neg {
		v = -v
	}
	return Amount(v), nil
}

// String writes the amount with only the decimals it needs ("12", "12.5", "-0.25").
func (a Amount) String() string {
	v := int64(a)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := sign + strconv.FormatInt(v/100, 10)
	switch f := v % 100; {
	case f == 0:
	case f%10 == 0:
		s += "." + strconv.FormatInt(f/10, 10)
	default:
		s += "." + strconv.FormatInt(f/10, 10) + strconv.FormatInt(f%10, 10)
	}
	return s
}

// Direction says which way a measure should move.
type Direction string

// Directions: "increase" (a staff survey score) or "decrease" (a vacancy rate).
const (
	Increase Direction = "increase"
	Decrease Direction = "decrease"
)

// Measure is a measure of an objective.
type Measure struct {
	ID          int64
	ObjectiveID int64
	Title       string
	Unit        string
	Baseline    Amount
	Target      Amount
	Direction   Direction
	TargetDate  Date
	Values      []Value // by date
}

// Value is one dated value of a measure.
type Value struct {
	On    Date
	Value Amount
	Note  string
}

// CheckMeasure checks a measure: a title, a direction, and a target that lies in that
// direction from the baseline (a target behind the baseline would be met before any work).
func CheckMeasure(m *Measure) error {
	m.Title = strings.TrimSpace(m.Title)
	m.Unit = strings.TrimSpace(m.Unit)
	if m.Title == "" {
		return invalid("a measure needs a title")
	}
	switch m.Direction {
	case Increase:
		if m.Target <= m.Baseline {
			return invalid("to increase, the target must be above the baseline")
		}
	case Decrease:
		if m.Target >= m.Baseline {
			return invalid("to decrease, the target must be below the baseline")
		}
	default:
		return invalid("say whether the measure should increase or decrease")
	}
	return nil
}

// Standing is a measure's status against its target.
type Standing string

// Standings. "off track" means the latest value is no better than the baseline.
const (
	NoData   Standing = "no data"
	Met      Standing = "target met"
	OnTrack  Standing = "improving"
	OffTrack Standing = "not improving"
)

// Latest is the most recent value (by date; the later one entered on the same day), and false
// when there is none.
func (m Measure) Latest() (Value, bool) {
	if len(m.Values) == 0 {
		return Value{}, false
	}
	vs := slices.Clone(m.Values)
	slices.SortStableFunc(vs, func(a, b Value) int { return strings.Compare(a.On.String(), b.On.String()) })
	return vs[len(vs)-1], true
}

// Status is where the measure stands against its target, with how far it has come from the
// baseline toward the target as a whole percentage (0..100; 100 once the target is met).
func (m Measure) Status() (Standing, int) {
	v, ok := m.Latest()
	if !ok {
		return NoData, 0
	}
	gained, needed := int64(v.Value-m.Baseline), int64(m.Target-m.Baseline)
	if m.Direction == Decrease {
		gained, needed = -gained, -needed
	}
	switch {
	case needed <= 0: // an unchecked measure: nothing to reach
		return Met, 100
	case gained >= needed:
		return Met, 100
	case gained > 0:
		return OnTrack, int(gained * 100 / needed)
	}
	return OffTrack, 0
}
