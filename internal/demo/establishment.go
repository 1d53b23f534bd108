package demo

import (
	"context"
	"fmt"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The demo trust's establishment (issue 6): a funded post for each demo person, filled by their
// assignment, and the vacancies a service manager would worry about, so that the workforce
// profile tells a believable story:
//
//   - the Acute Medical Unit is short of registered nurses: two band 5 staff nurse posts and a
//     healthcare assistant post are vacant, and a part-time nurse holds a full-time post — the
//     case for introducing more assistant practitioners (band 4);
//   - Ward 7 Respiratory has a vacant staff nurse post;
//   - research has a vacant research nurse post, physiotherapy a vacant physiotherapist post;
//   - part-time staff mostly hold posts of their own FTE.
//
// Pay points follow length of service: the top point for staff who started before 2017, the
// intermediate point before 2022, the entry point after. The trust's on-costs are 28.50%
// (illustrative: employer pension and National Insurance; every employer sets its own).

// DemoOnCost is the demo trust's on-cost percentage.
const DemoOnCost workforce.OnCost = 2850

// fullTimePost marks the part-time staff who hold a full-time post (the rest of it is vacant).
var fullTimePost = map[string]bool{"10400007": true, "10400014": true}

// vacancy is a vacant post: team, role, FTE, pay point.
type vacancy struct {
	team, role string
	fte        workforce.FTE
	point      string
}

// vacancies are the demo trust's vacant posts.
var vacancies = []vacancy{
	{"Acute Medical Unit", "Staff nurse", 100, workforce.PayEntry},
	{"Acute Medical Unit", "Staff nurse", 100, workforce.PayEntry},
	{"Acute Medical Unit", "Healthcare assistant", 100, workforce.PayEntry},
	{"Ward 7 Respiratory", "Staff nurse", 100, workforce.PayEntry},
	{"Clinical Research Delivery Team", "Research nurse", 100, workforce.PayIntermediate},
	{"Physiotherapy", "Physiotherapist", 100, workforce.PayEntry},
}

func payPointFor(start workforce.Date) string {
	switch {
	case start < "2017-01-01":
		return workforce.PayTop
	case start < "2022-01-01":
		return workforce.PayIntermediate
	}
	return workforce.PayEntry
}

// northgateVacancies are the community trust's: district nursing is short, as everywhere.
var northgateVacancies = []vacancy{
	{"District Nursing West", "Community staff nurse", 100, workforce.PayEntry},
	{"District Nursing West", "District nurse", 100, workforce.PayIntermediate},
	{"Community Mental Health Team North", "Community mental health nurse", 100, workforce.PayEntry},
}

// loadEstablishment creates each demo employer's posts and on-cost (when it has no posts yet)
// and returns how many posts it created. Run it after loadPeople.
func (l *loader) loadEstablishment(ctx context.Context) (int, error) {
	n := 0
	for _, e := range employers {
		made, err := l.loadPosts(ctx, e)
		n += made
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// loadPosts creates one employer's posts: one for each of its people, filled by them, and its
// vacancies.
func (l *loader) loadPosts(ctx context.Context, emp employer) (int, error) {
	trust, err := l.db.OrganisationByName(ctx, emp.org)
	if err != nil {
		return 0, err
	}
	in, err := l.db.Establishment(ctx, trust.ID)
	if err != nil {
		return 0, err
	}
	if ps, err := l.db.PaySettingsOf(ctx, trust.ID); err != nil {
		return 0, err
	} else if ps.Version == 0 {
		if _, err := l.db.SavePaySettings(ctx, store.System, store.PaySettings{OrganisationID: trust.ID, OnCost: emp.onCost}); err != nil {
			return 0, fmt.Errorf("demo on-cost: %w", err)
		}
	}
	if len(in.Posts) > 0 {
		return 0, nil
	}
	roles, _, err := l.storedRoles(ctx, emp.org)
	if err != nil {
		return 0, err
	}
	teamID := map[string]int64{}
	for _, t := range in.Teams {
		teamID[t.Name] = t.ID
	}
	holders, err := l.staffOf(ctx, trust.ID)
	if err != nil {
		return 0, err
	}
	n := 0
	add := func(p workforce.Post, what string) error {
		if _, err := l.db.CreatePost(ctx, store.System, p); err != nil {
			return fmt.Errorf("demo post %s: %w", what, err)
		}
		n++
		return nil
	}
	for _, dp := range emp.people {
		person, ok := holders[dp.number]
		if !ok {
			continue // not loaded (a demo from before this person was added)
		}
		role := roles[strings.ToLower(dp.role)]
		fte := dp.fte
		if fullTimePost[dp.number] {
			fte = 100
		}
		if err := add(workforce.Post{TeamID: teamID[dp.team], RoleID: role.ID, FTE: fte, PayPoint: payPointFor(dp.start), HolderID: person.ID}, dp.number); err != nil {
			return n, err
		}
	}
	for _, v := range emp.vacancies {
		role, ok := roles[strings.ToLower(v.role)]
		if !ok {
			return n, fmt.Errorf("demo vacancy: %s has no role %q", emp.org, v.role)
		}
		if err := add(workforce.Post{TeamID: teamID[v.team], RoleID: role.ID, FTE: v.fte, PayPoint: v.point}, v.team+" "+v.role); err != nil {
			return n, err
		}
	}
	return n, nil
}
