package workforce

import "fmt"

// Establishment (issue 6): the funded posts of an organisation's teams. A post is a funded
// position of a role in a team, for a share of full time. Its band is the role's unless the post
// overrides it (a role graded differently in one team). It is filled by a person's assignment
// (the holder: a person with a current assignment of the post's role in the post's team) or it
// is vacant.

// MaxActualSalary bounds an actual salary in pounds, so that a slip of the keyboard (an extra
// zero or three) is caught.
const MaxActualSalary = 1_000_000

// Post is one funded position.
type Post struct {
	ID     int64 `json:"id"`
	TeamID int64 `json:"team_id"`
	RoleID int64 `json:"role_id"`
	FTE    FTE   `json:"fte"`
	// Band overrides the role's band; "" takes the role's.
	Band string `json:"band,omitempty"`
	// PayPoint is how the post is costed: one of PayPoints.
	PayPoint string `json:"pay_point"`
	// ActualSalary is the holder's annual salary in pounds, for PayPoint PayActual.
	ActualSalary int64 `json:"actual_salary,omitempty"`
	// HolderID is the person whose assignment fills the post, 0 when vacant.
	HolderID int64 `json:"holder_id,omitempty"`
	Version  int   `json:"version"`
}

// BandOf is the band the post is paid at: its own, or its role's.
func (p Post) BandOf(r Role) string {
	if p.Band != "" {
		return p.Band
	}
	return r.Band
}

// ValidatePost checks a post; role is the post's role (the zero Role when it was not found),
// holder the person named as holder (nil when none or not found). Rules: a team and a role of
// the organisation, an FTE from 0.01 to 1.00, a band override that is a band, a known pay point,
// an actual salary only (and then required) when costed at the actual salary of a filled post,
// and a holder who holds a current assignment of the post's role in the post's team.
func ValidatePost(p Post, role Role, holder *Person, today Date) []Problem {
	var ps []Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if p.TeamID <= 0 {
		add("team", "Select the team")
	}
	if p.RoleID <= 0 || role.ID != p.RoleID {
		add("role", "Select a role of the organisation")
	}
	if p.FTE < MinFTE || p.FTE > MaxFTE {
		add("fte", "FTE must be from 0.01 to 1.00 (it is %s)", p.FTE)
	}
	if b, ok := NormaliseBand(p.Band); !ok || b != p.Band {
		add("band", "Band must be one of Agenda for Change's bands, 1 to 9 (8a to 8d), or empty for the role's band")
	}
	known := false
	for _, pp := range PayPoints {
		known = known || pp == p.PayPoint
	}
	switch {
	case !known:
		add("pay_point", "Select the pay point the post is costed at")
	case p.PayPoint == PayActual && p.HolderID == 0:
		add("pay_point", "A vacant post has no actual salary: cost it at the entry, intermediate or top point")
	case p.PayPoint == PayActual && (p.ActualSalary <= 0 || p.ActualSalary > MaxActualSalary):
		add("actual_salary", "Enter the post holder's full-time annual salary in pounds, from 1 to %d", MaxActualSalary)
	case p.PayPoint != PayActual && p.ActualSalary != 0:
		add("actual_salary", "An actual salary is kept only for a post costed at the post holder's actual salary")
	}
	if p.HolderID != 0 {
		switch {
		case holder == nil || holder.ID != p.HolderID:
			add("holder", "Select a person of the organisation to fill the post")
		case !holdsAssignment(*holder, p, today):
			add("holder", "%s has no current assignment of this role in this team: add the assignment to their record first", holder.Name)
		}
	}
	return ps
}

func holdsAssignment(h Person, p Post, today Date) bool {
	for _, a := range h.CurrentAssignments(today) {
		if a.TeamID == p.TeamID && a.RoleID == p.RoleID {
			return true
		}
	}
	return false
}
