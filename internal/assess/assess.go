// Package assess holds the rules of an organisation's self-assessment against a checklist
// framework (the Improving Working Lives checklist, or any other framework of kind checklist):
// the rating scale read from the framework, the two partnership sides and when their views
// agree, sign-off, a new cycle copied from the last, and the joint action plan.
//
// The package is pure: the store loads and saves its values, handlers call its rules.
package assess

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/framework"
)

// Errors the rules return; the web and API layers map them to 409 and 422.
var (
	// ErrSignedOff: the cycle is signed off by both sides and so is read-only.
	ErrSignedOff = errors.New("the assessment is signed off and can no longer be changed")
	// ErrNotAgreed: sign-off asked for while a standard is disagreed or not confirmed by both.
	ErrNotAgreed = errors.New("every standard needs a rating both sides agree before sign-off")
	// ErrInvalid: a value that is not allowed (a rating off the scale, a missing name...).
	ErrInvalid = errors.New("invalid")
	// ErrNotPartner: the person is on neither side of the organisation's partnership.
	ErrNotPartner = errors.New("only a management lead or a staff-side representative can do this")
)

// Side is one side of the partnership that carries out the assessment.
type Side string

const (
	// Management is the employer's side: its management lead(s).
	Management Side = "management"
	// StaffSide is the staff side: trade union (staff-side) representatives.
	StaffSide Side = "staff"
)

// Sides lists both sides in the order pages show them.
var Sides = []Side{Management, StaffSide}

// Valid reports whether s is one of the two sides.
func (s Side) Valid() bool { return s == Management || s == StaffSide }

// Label is the side's name as people say it.
func (s Side) Label() string {
	if s == StaffSide {
		return "Staff side"
	}
	return "Management"
}

// NotStarted is the rating below the framework's own scale: work on the standard has not begun.
// Every checklist has it, so a framework's levels are only the steps achieved.
const NotStarted = "not-started"

// Option is one rating a standard can have.
type Option struct {
	Key   string
	Title string
	Rank  int // 0 for NotStarted, then the framework's ranks
}

// Scale is the ordered list of ratings of a checklist framework version.
type Scale []Option

// ScaleOf reads the rating scale from the framework: "Not yet started" and then its levels by
// rank. Nothing about any one framework is assumed.
func ScaleOf(f *framework.Framework) Scale {
	out := Scale{{Key: NotStarted, Title: "Not yet started", Rank: 0}}
	levels := append([]framework.Level(nil), f.Levels...)
	sort.SliceStable(levels, func(i, j int) bool { return levels[i].Rank < levels[j].Rank })
	for _, l := range levels {
		out = append(out, Option{Key: l.Key, Title: l.Title, Rank: l.Rank})
	}
	return out
}

// Find returns the option with the key.
func (s Scale) Find(key string) (Option, bool) {
	for _, o := range s {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

// Title returns the title of a rating key, or "Not confirmed" for none.
func (s Scale) Title(key string) string {
	if key == "" {
		return "Not confirmed"
	}
	if o, ok := s.Find(key); ok {
		return o.Title
	}
	return key
}

// Standard is one item of the checklist that is rated, with the area it belongs to.
type Standard struct {
	Key, Title, Description string
	Examples, References    []string
	AreaKey, AreaTitle      string
}

// Area is a top-level group of standards.
type Area struct {
	Key, Title string
	Standards  []Standard
}

// StandardsOf lists what is rated in a checklist: every leaf of the framework's tree (a node
// without children), grouped under its top-level ancestor, its area. Reading the shape rather
// than node type names lets an organisation's own checklist name its nodes as it likes.
func StandardsOf(f *framework.Framework) []Area {
	var areas []Area
	for _, top := range f.Nodes {
		a := Area{Key: top.Key, Title: top.Title}
		var walk func(n framework.Node)
		walk = func(n framework.Node) {
			if len(n.Children) == 0 {
				a.Standards = append(a.Standards, Standard{Key: n.Key, Title: n.Title, Description: n.Description,
					Examples: n.Examples, References: n.References, AreaKey: top.Key, AreaTitle: top.Title})
				return
			}
			for _, c := range n.Children {
				walk(c)
			}
		}
		walk(top)
		areas = append(areas, a)
	}
	return areas
}

// FlatStandards is StandardsOf without the grouping, in tree order.
func FlatStandards(f *framework.Framework) []Standard {
	var out []Standard
	for _, a := range StandardsOf(f) {
		out = append(out, a.Standards...)
	}
	return out
}

// Cycle is one round of self-assessment of an organisation against a checklist version.
type Cycle struct {
	ID               int64
	OrganisationID   int64
	Name             string // "2026/27"
	FrameworkKey     string
	FrameworkVersion string
	PreviousID       int64 // the cycle this one was copied from, if any
	// Sign-off by each side: who and when. The cycle is signed off when both have signed.
	ManagementSignedBy, StaffSignedBy int64
	ManagementSignedAt, StaffSignedAt time.Time
	Version                           int
	CreatedAt                         time.Time
}

// Cycle statuses.
const (
	StatusOpen      = "open"
	StatusSignedOff = "signed-off"
)

// SignedOff reports whether both sides have signed the cycle off.
func (c Cycle) SignedOff() bool { return c.ManagementSignedBy != 0 && c.StaffSignedBy != 0 }

// Status is "open" or "signed-off".
func (c Cycle) Status() string {
	if c.SignedOff() {
		return StatusSignedOff
	}
	return StatusOpen
}

// SignedBy returns who signed for a side (0: not yet).
func (c Cycle) SignedBy(s Side) int64 {
	if s == StaffSide {
		return c.StaffSignedBy
	}
	return c.ManagementSignedBy
}

// CheckName checks a cycle's name.
func CheckName(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("%w: give the cycle a name, such as 2026/27", ErrInvalid)
	}
	if len([]rune(name)) > 50 {
		return fmt.Errorf("%w: the cycle's name must be 50 characters or fewer", ErrInvalid)
	}
	return nil
}

// Rating is the two sides' views of one standard in a cycle, with its owner and a comment.
type Rating struct {
	CycleID     int64
	StandardKey string
	// Management and Staff are each side's confirmed rating key ("" until that side confirms).
	Management, Staff     string
	ManagementBy, StaffBy int64
	ManagementAt, StaffAt time.Time
	Owner, Comment        string
	Version               int
}

// Agreement states of a rating.
type State string

const (
	// Unconfirmed: neither side has given its view.
	Unconfirmed State = "unconfirmed"
	// Awaiting: one side has given its view; the other has not.
	Awaiting State = "awaiting"
	// Disagreed: both sides have given different views; both are kept.
	Disagreed State = "disagreed"
	// Agreed: both sides confirmed the same rating.
	Agreed State = "agreed"
)

// Label is the state as a status tag says it.
func (s State) Label() string {
	return map[State]string{Unconfirmed: "Not rated", Awaiting: "Awaiting the other side",
		Disagreed: "Disagreed", Agreed: "Agreed"}[s]
}

// State says where the two sides are on this standard.
func (r Rating) State() State {
	switch {
	case r.Management == "" && r.Staff == "":
		return Unconfirmed
	case r.Management == "" || r.Staff == "":
		return Awaiting
	case r.Management != r.Staff:
		return Disagreed
	}
	return Agreed
}

// Agreed returns the agreed rating key, if both sides confirmed the same one.
func (r Rating) Agreed() (string, bool) {
	if r.State() == Agreed {
		return r.Management, true
	}
	return "", false
}

// View returns one side's confirmed rating key.
func (r Rating) View(s Side) string {
	if s == StaffSide {
		return r.Staff
	}
	return r.Management
}

// Rate records one side's view of a standard. A side can only give its own view: agreement needs
// the other side to confirm the same rating. Any change to the ratings withdraws a sign-off that
// one side had already given (they signed off different ratings), which the caller saves with
// the returned cycle.
func Rate(c Cycle, scale Scale, r Rating, side Side, key string, by int64, at time.Time) (Cycle, Rating, error) {
	if c.SignedOff() {
		return c, r, ErrSignedOff
	}
	if !side.Valid() {
		return c, r, ErrNotPartner
	}
	if _, ok := scale.Find(key); !ok {
		return c, r, fmt.Errorf("%w: choose one of the ratings on the scale", ErrInvalid)
	}
	if r.View(side) == key {
		return c, r, nil // confirming the same view again changes nothing
	}
	if side == StaffSide {
		r.Staff, r.StaffBy, r.StaffAt = key, by, at
	} else {
		r.Management, r.ManagementBy, r.ManagementAt = key, by, at
	}
	c = withdrawSignOff(c)
	return c, r, nil
}

// SetDetails changes a standard's owner and comment, which either side may write.
func SetDetails(c Cycle, r Rating, owner, comment string) (Rating, error) {
	if c.SignedOff() {
		return r, ErrSignedOff
	}
	owner, comment = strings.TrimSpace(owner), strings.TrimSpace(comment)
	if len([]rune(owner)) > 200 {
		return r, fmt.Errorf("%w: the owner must be 200 characters or fewer", ErrInvalid)
	}
	if len([]rune(comment)) > 5000 {
		return r, fmt.Errorf("%w: the comment must be 5,000 characters or fewer", ErrInvalid)
	}
	r.Owner, r.Comment = owner, comment
	return r, nil
}

func withdrawSignOff(c Cycle) Cycle {
	c.ManagementSignedBy, c.StaffSignedBy = 0, 0
	c.ManagementSignedAt, c.StaffSignedAt = time.Time{}, time.Time{}
	return c
}

// Blocker is a standard that stops sign-off, and why.
type Blocker struct {
	StandardKey string
	State       State
}

// Blockers lists the standards not yet agreed, in the order of standards. A standard with no
// rating row counts as unconfirmed.
func Blockers(standards []Standard, ratings map[string]Rating) []Blocker {
	var out []Blocker
	for _, s := range standards {
		if st := ratings[s.Key].State(); st != Agreed {
			out = append(out, Blocker{StandardKey: s.Key, State: st})
		}
	}
	return out
}

// SignOff records one side's sign-off. It is allowed only when every standard is agreed; the
// cycle is signed off (and read-only) when both sides have signed.
func SignOff(c Cycle, standards []Standard, ratings map[string]Rating, side Side, by int64, at time.Time) (Cycle, error) {
	if c.SignedOff() {
		return c, ErrSignedOff
	}
	if !side.Valid() {
		return c, ErrNotPartner
	}
	if len(standards) == 0 {
		return c, fmt.Errorf("%w: the checklist has no standards", ErrInvalid)
	}
	if b := Blockers(standards, ratings); len(b) > 0 {
		return c, fmt.Errorf("%w: %d standard(s) are not agreed", ErrNotAgreed, len(b))
	}
	if side == StaffSide {
		c.StaffSignedBy, c.StaffSignedAt = by, at
	} else {
		c.ManagementSignedBy, c.ManagementSignedAt = by, at
	}
	return c, nil
}

// NextCycle starts a cycle as a copy of the previous one: the same checklist version, and each
// standard's two views, owner and comment as the starting point. Nothing is signed off.
func NextCycle(prev Cycle, prevRatings []Rating, name string) (Cycle, []Rating, error) {
	if err := CheckName(name); err != nil {
		return Cycle{}, nil, err
	}
	c := Cycle{OrganisationID: prev.OrganisationID, Name: strings.TrimSpace(name),
		FrameworkKey: prev.FrameworkKey, FrameworkVersion: prev.FrameworkVersion, PreviousID: prev.ID}
	rs := make([]Rating, len(prevRatings))
	for i, r := range prevRatings {
		rs[i] = Rating{StandardKey: r.StandardKey, Management: r.Management, Staff: r.Staff,
			ManagementBy: r.ManagementBy, StaffBy: r.StaffBy, ManagementAt: r.ManagementAt, StaffAt: r.StaffAt,
			Owner: r.Owner, Comment: r.Comment}
	}
	return c, rs, nil
}
