// Package strategy holds the rules of multi-partner workforce transformation plans: a plan of a
// partnership addresses chosen priorities of a strategic framework version (kind "strategy",
// such as the London Workforce Strategic Framework, which is data: nothing here knows London),
// and has objectives, actions led by partners, measures with targets, risks and dependencies
// between actions. Everything here is pure: no database, no HTTP.
//
// Roll-ups are exact integers: a percentage is floor(part*100/whole), so a figure here can be
// checked against the same sum in SQL and never drifts with floating point.
package strategy

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"time"
)

// ErrInvalid is returned (wrapped, with the reason) for values that break a rule.
var ErrInvalid = errors.New("invalid")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// PartnerKind says what sort of body a partner organisation is in a partnership.
type PartnerKind string

// The kinds of partner named in the strategy issue.
const (
	PartnerCommissioner PartnerKind = "commissioner"
	PartnerProvider     PartnerKind = "provider"
	PartnerEducation    PartnerKind = "education"
	PartnerSocialCare   PartnerKind = "social-care"
	PartnerNational     PartnerKind = "national-body"
)

// PartnerKinds lists every kind, in the order forms offer them.
var PartnerKinds = []PartnerKind{PartnerCommissioner, PartnerProvider, PartnerEducation, PartnerSocialCare, PartnerNational}

// Label is the kind as a person reads it.
func (k PartnerKind) Label() string {
	switch k {
	case PartnerCommissioner:
		return "Commissioner"
	case PartnerProvider:
		return "Provider"
	case PartnerEducation:
		return "Education body"
	case PartnerSocialCare:
		return "Social care"
	case PartnerNational:
		return "National body"
	}
	return string(k)
}

// Valid reports whether k is one of PartnerKinds.
func (k PartnerKind) Valid() bool { return slices.Contains(PartnerKinds, k) }

// Status is where an action stands.
type Status string

// Action statuses. Cancelled actions leave the roll-ups: they are neither work done nor work
// still to do.
const (
	StatusPlanned    Status = "planned"
	StatusInProgress Status = "in-progress"
	StatusBlocked    Status = "blocked"
	StatusDone       Status = "done"
	StatusCancelled  Status = "cancelled"
)

// Statuses lists every status in the order forms offer them.
var Statuses = []Status{StatusPlanned, StatusInProgress, StatusBlocked, StatusDone, StatusCancelled}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Label is the status as a person reads it.
func (s Status) Label() string {
	switch s {
	case StatusPlanned:
		return "Planned"
	case StatusInProgress:
		return "In progress"
	case StatusBlocked:
		return "Blocked"
	case StatusDone:
		return "Done"
	case StatusCancelled:
		return "Cancelled"
	}
	return string(s)
}

// Open reports whether work on an action is still expected (it can be due or overdue).
func (s Status) Open() bool { return s != StatusDone && s != StatusCancelled }

// Date is a calendar day (no time, no zone): start and due dates of actions, dates of measure
// values. The zero Date means "not given".
type Date struct{ t time.Time }

// ParseDate reads YYYY-MM-DD; the empty string is the zero Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, invalid("%q is not a date written as YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// DateOf is the calendar day of t in t's own zone.
func DateOf(t time.Time) Date {
	return Date{time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d.t.IsZero() }

// String is YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// Long is the date as the NHS style guide writes it ("3 March 2026").
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2 January 2006")
}

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// AddDays is the day n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// Days is the number of days from d to e (negative when e is earlier).
func (d Date) Days(e Date) int { return int(e.t.Sub(d.t).Hours() / 24) }

// Percent is floor(part*100/whole), 0 when whole is 0, clamped to 0..100.
func Percent(part, whole int) int {
	if whole <= 0 || part <= 0 {
		return 0
	}
	if part >= whole {
		return 100
	}
	// 128-bit product: part*100 overflows int for counts near the top of its range.
	hi, lo := bits.Mul64(uint64(part), 100)
	q, _ := bits.Div64(hi, lo, uint64(whole))
	return int(q)
}
