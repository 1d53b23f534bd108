package workforce

import (
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// People (issue 5): a member of staff, the jobs they hold (assignments) and the competences they
// hold (their portfolio). Personal data is kept to the minimum the issue names: a staff number,
// a name and an optional work email. Everything else is about their work.

// Limits on a person's record.
const (
	MaxStaffNumberLen = 30  // characters; ESR employee numbers are 8 digits, other HR systems vary
	MaxPersonNameLen  = 200 // characters
	MaxEmailLen       = 254 // characters (RFC 5321)
	MaxAssignments    = 20  // per person
	MaxPortfolioNote  = 2000
)

// DateLayout is how dates (not times) are written in forms, files, the store and the API.
const DateLayout = "2006-01-02"

// Date is a calendar day with no time or zone, stored as "YYYY-MM-DD" (so dates compare as text
// the same way on both engines); the zero Date is "none".
type Date string

// ParseDate reads a date as people and HR extracts write it: 2024-03-01, 01/03/2024 (day first,
// as in the UK) or 01-Mar-2024 (ESR). "" is the zero Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{DateLayout, "02/01/2006", "2/1/2006", "02-Jan-2006", "2-Jan-2006", "02 Jan 2006", "2 January 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1900 || t.Year() > 2200 {
				return "", fmt.Errorf("%q is not a likely date (year %d)", s, t.Year())
			}
			return DateOf(t), nil
		}
	}
	return "", fmt.Errorf("%q is not a date: write it as 2024-03-31 or 31/03/2024", s)
}

// DateOf is the calendar day of t in t's own location.
func DateOf(t time.Time) Date { return Date(t.Format(DateLayout)) }

// Time is the date at midnight UTC; the zero time for the zero Date.
func (d Date) Time() time.Time {
	t, _ := time.Parse(DateLayout, string(d))
	return t
}

// IsZero reports whether no date is set.
func (d Date) IsZero() bool { return d == "" }

// Before reports whether d is earlier than e. Both must be set.
func (d Date) Before(e Date) bool { return d < e }

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Long is the date as pages show it ("1 March 2024"), or "" for none.
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("2 January 2006")
}

// FTE is whole-time equivalent as fixed point in hundredths: 100 is full time (1.00), 60 is 0.60.
// Fixed point, not a float, so that sums and comparisons are exact (DESIGN decision 10).
type FTE int

// Bounds of an assignment's FTE.
const (
	MinFTE FTE = 1   // 0.01
	MaxFTE FTE = 100 // 1.00
)

// ParseFTE reads "1", "0.6", ".75", "0,5" or "60%" with at most two decimal places; it does not
// check the bounds (ValidatePerson does).
func ParseFTE(s string) (FTE, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	if s == "" {
		return 0, fmt.Errorf("enter the FTE, from 0.01 to 1.00")
	}
	if p, ok := strings.CutSuffix(s, "%"); ok {
		// The same bounds as a decimal (at most three whole digits: 999.99), so that whatever
		// parses here writes back as a decimal that parses to the same value (FuzzParseFTE
		// found "100000%").
		p = strings.TrimSpace(p)
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return 0, fmt.Errorf("%q is not a whole percentage", s)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n > 99999 {
			return 0, fmt.Errorf("%q is not a number from 0.01 to 1.00", s)
		}
		return FTE(n), nil
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	if len(frac) > 2 {
		// Trailing zeros are harmless ("0.500" from a spreadsheet).
		frac = strings.TrimRight(frac, "0")
		if len(frac) > 2 {
			return 0, fmt.Errorf("%q has more than two decimal places", s)
		}
	}
	for _, part := range []string{whole, frac} {
		for _, c := range part {
			if c < '0' || c > '9' {
				return 0, fmt.Errorf("%q is not a number such as 0.6 or 1", s)
			}
		}
	}
	if len(whole) > 3 {
		return 0, fmt.Errorf("%q is not a number from 0.01 to 1.00", s)
	}
	w, _ := strconv.Atoi(whole)
	f := 0
	if frac != "" {
		f, _ = strconv.Atoi((frac + "0")[:2])
	}
	return FTE(w*100 + f), nil
}

// String writes the FTE with two decimals, "0.60".
func (f FTE) String() string {
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	return fmt.Sprintf("%s%d.%02d", sign, f/100, f%100)
}

// Person is a member of staff of an organisation.
type Person struct {
	ID             int64 `json:"id"`
	OrganisationID int64 `json:"organisation_id"`
	// StaffNumber is the HR system's number (the ESR employee number): unique in the
	// organisation, and the key imports match on.
	StaffNumber string `json:"staff_number"`
	Name        string `json:"name"`
	WorkEmail   string `json:"work_email"`
	// UserID links the person to the user account they sign in with, 0 for none: a member of
	// staff sees their own record through it.
	UserID      int64        `json:"user_id,omitempty"`
	Assignments []Assignment `json:"assignments"`
	Version     int          `json:"version"`
	CreatedAt   time.Time    `json:"created_at"`
	UpdatedAt   time.Time    `json:"updated_at"`
}

// Assignment is a job a person holds: a role, in a team (an organisation unit of kind team), for
// a share of full time, from a start date and, when it has ended or will end, to an end date
// (inclusive).
type Assignment struct {
	RoleID int64 `json:"role_id"`
	TeamID int64 `json:"team_id"`
	FTE    FTE   `json:"fte"`
	Start  Date  `json:"start_date"`
	End    Date  `json:"end_date,omitempty"`
}

// Current reports whether the assignment is held on the day.
func (a Assignment) Current(today Date) bool {
	return !today.Before(a.Start) && (a.End.IsZero() || !a.End.Before(today))
}

// CurrentAssignments returns the assignments held on the day, in the order they are stored.
func (p Person) CurrentAssignments(today Date) []Assignment {
	var out []Assignment
	for _, a := range p.Assignments {
		if a.Current(today) {
			out = append(out, a)
		}
	}
	return out
}

// NormalisePerson trims the text of a person and lower-cases the work email.
func NormalisePerson(p Person) Person {
	p.StaffNumber = strings.TrimSpace(p.StaffNumber)
	p.Name = strings.Join(strings.Fields(p.Name), " ")
	p.WorkEmail = strings.ToLower(strings.TrimSpace(p.WorkEmail))
	if p.Assignments == nil {
		p.Assignments = []Assignment{}
	}
	return p
}

// ValidatePerson checks a normalised person and returns every problem, in field order. Rules: a
// staff number (letters, digits, "-", "/" and "." only, at most MaxStaffNumberLen) and a name;
// a work email, when given, that is one address; at most MaxAssignments assignments, each with
// a role, a team, an FTE from 0.01 to 1.00, a start date and an end date not before it.
// Warning: current assignments adding up to more than full time (possible, but worth a check).
// isTeam, when not nil, says whether an id is a team of the person's organisation.
func ValidatePerson(p Person, today Date, isTeam func(id int64) bool) []Problem {
	var ps []Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	switch n := utf8.RuneCountInString(p.StaffNumber); {
	case n == 0:
		add("staff_number", "Enter the staff number")
	case n > MaxStaffNumberLen:
		add("staff_number", "Staff number must be %d characters or fewer (it has %d)", MaxStaffNumberLen, n)
	case strings.IndexFunc(p.StaffNumber, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-/.", r)
	}) >= 0:
		add("staff_number", "Staff number must contain only letters, numbers, hyphens, slashes and full stops")
	}
	switch n := utf8.RuneCountInString(p.Name); {
	case n == 0:
		add("name", "Enter the person's name")
	case n > MaxPersonNameLen:
		add("name", "Name must be %d characters or fewer (it has %d)", MaxPersonNameLen, n)
	case strings.IndexFunc(p.Name, unicode.IsControl) >= 0:
		add("name", "Name must not contain control characters")
	}
	if p.WorkEmail != "" {
		if a, err := mail.ParseAddress(p.WorkEmail); err != nil || a.Address != p.WorkEmail || len(p.WorkEmail) > MaxEmailLen {
			add("work_email", "Enter the work email in the correct format, like name@example.nhs.uk")
		}
	}
	if len(p.Assignments) > MaxAssignments {
		add("assignments", "A person can have at most %d assignments (there are %d)", MaxAssignments, len(p.Assignments))
	}
	var total FTE
	for i, a := range p.Assignments {
		f := func(name string) string { return fmt.Sprintf("assignments[%d].%s", i, name) }
		if a.RoleID <= 0 {
			add(f("role"), "Select the role of assignment %d", i+1)
		}
		switch {
		case a.TeamID <= 0:
			add(f("team"), "Select the team of assignment %d", i+1)
		case isTeam != nil && !isTeam(a.TeamID):
			add(f("team"), "The team of assignment %d is not a team of the person's organisation", i+1)
		}
		if a.FTE < MinFTE || a.FTE > MaxFTE {
			add(f("fte"), "FTE of assignment %d must be from 0.01 to 1.00 (it is %s)", i+1, a.FTE)
		}
		if a.Start.IsZero() {
			add(f("start_date"), "Enter the start date of assignment %d", i+1)
		} else if !a.End.IsZero() && a.End.Before(a.Start) {
			add(f("end_date"), "The end date of assignment %d must be the same as or after its start date", i+1)
		}
		if !a.Start.IsZero() && a.Current(today) && a.FTE >= MinFTE && a.FTE <= MaxFTE {
			total += a.FTE
		}
	}
	if total > MaxFTE {
		ps = append(ps, Problem{Field: "assignments", Warning: true,
			Message: fmt.Sprintf("The current assignments add up to %s FTE, more than full time: check them", total)})
	}
	return ps
}

// Evidence says how a portfolio entry is known.
const (
	EvidenceSelf      = "self"      // self assessed
	EvidenceConfirmed = "confirmed" // confirmed by a manager, who and when recorded
)

// DefaultDueDays is how far ahead a review or expiry date makes an entry "due for review".
const DefaultDueDays = 90

// PortfolioEntry is a competence a person holds: a node of a competence framework version at a
// level of its scale, how it is evidenced, when it was achieved, and when it must be reviewed or
// expires (optional).
type PortfolioEntry struct {
	ID               int64  `json:"id"`
	PersonID         int64  `json:"person_id"`
	FrameworkKey     string `json:"framework_key"`
	FrameworkVersion string `json:"framework_version"`
	NodeKey          string `json:"node_key"`
	LevelKey         string `json:"level_key"`
	Evidence         string `json:"evidence"`
	// ConfirmedBy is the user who confirmed a confirmed entry, ConfirmedAt when.
	ConfirmedBy     int64     `json:"confirmed_by,omitempty"`
	ConfirmedByName string    `json:"confirmed_by_name,omitempty"`
	ConfirmedAt     time.Time `json:"confirmed_at,omitzero"`
	Achieved        Date      `json:"achieved"`
	ReviewBy        Date      `json:"review_by,omitempty"`
	Note            string    `json:"note"`
	Version         int       `json:"version"`
}

// Requirement is the entry as a requirement would name it, for look-ups and labels.
func (e PortfolioEntry) Requirement() Requirement {
	return Requirement{FrameworkKey: e.FrameworkKey, FrameworkVersion: e.FrameworkVersion, NodeKey: e.NodeKey, LevelKey: e.LevelKey}
}

// Entry states, from Flag.
const (
	FlagCurrent = ""        // in date
	FlagDue     = "due"     // review or expiry within the warning period
	FlagExpired = "expired" // review or expiry date passed
)

// Flag says whether the entry has expired (its review or expiry date is before today) or is due
// for review (the date is within dueDays from today, today included). An entry without a date
// never expires.
func (e PortfolioEntry) Flag(today Date, dueDays int) string {
	switch {
	case e.ReviewBy.IsZero():
		return FlagCurrent
	case e.ReviewBy.Before(today):
		return FlagExpired
	case !today.AddDays(dueDays).Before(e.ReviewBy):
		return FlagDue
	}
	return FlagCurrent
}

// ValidateEntry checks a portfolio entry: a framework version lookup finds, of a kind roles may
// require, a node of it, a level of its scale (none when it has no scale), a known kind of
// evidence (a confirmed one with who and when), a date achieved that is not in the future, and
// a review date after it.
func ValidateEntry(e PortfolioEntry, lookup FrameworkLookup, today Date) []Problem {
	var ps []Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	q := e.Requirement()
	var f = lookupOrNil(lookup, q)
	switch {
	case e.FrameworkKey == "" || e.FrameworkVersion == "":
		add("framework", "Select a framework")
	case f == nil:
		add("framework", "Framework %s is not available", q.Ref())
	case !requirementKind(f.Kind):
		add("framework", "Framework %s is a %s framework: a portfolio holds competences", q.Ref(), f.Kind)
	case e.NodeKey == "":
		add("node_key", "Select a competence")
	case f.Node(e.NodeKey) == nil:
		add("node_key", "Framework %s has no competence %q", q.Ref(), e.NodeKey)
	case len(f.Levels) == 0 && e.LevelKey != "":
		add("level_key", "Framework %s has no levels, so leave the level empty", q.Ref())
	case len(f.Levels) > 0 && levelRank(f.Levels, e.LevelKey) == 0:
		add("level_key", "Select a level of %s", q.Ref())
	}
	switch e.Evidence {
	case EvidenceSelf:
	case EvidenceConfirmed:
		if e.ConfirmedBy == 0 || e.ConfirmedAt.IsZero() {
			add("evidence", "A confirmed competence records who confirmed it and when")
		}
	default:
		add("evidence", "Evidence must be self assessed or confirmed by a manager")
	}
	switch {
	case e.Achieved.IsZero():
		add("achieved", "Enter the date the competence was achieved")
	case today.Before(e.Achieved):
		add("achieved", "The date achieved must be today or in the past")
	case !e.ReviewBy.IsZero() && !e.Achieved.Before(e.ReviewBy):
		add("review_by", "The review or expiry date must be after the date achieved")
	}
	if n := utf8.RuneCountInString(e.Note); n > MaxPortfolioNote {
		add("note", "Note must be %d characters or fewer (it has %d)", MaxPortfolioNote, n)
	}
	return ps
}

// MarshalJSON writes the FTE as a JSON number with two decimals (0.60), exactly as stored.
func (f FTE) MarshalJSON() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalJSON reads a JSON number or string such as 0.6, "0.60" or 1, as ParseFTE does.
func (f *FTE) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	v, err := ParseFTE(s)
	if err != nil {
		return err
	}
	*f = v
	return nil
}
