package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The demo trust's staff: a few dozen people in its ward, therapy, science and research teams,
// each with an assignment to a demo role and a portfolio against the competences that role
// requires (the KSF and the trust's research competences). Two of them sign in:
//
//   - Jordan Lee (nurse@riverside.example), a research nurse in the Clinical Research Delivery
//     Team, whose portfolio meets most of the role;
//   - Casey Brown (hca@riverside.example), a healthcare assistant (level 2) on the Acute Medical
//     Unit who wants to become an assistant practitioner (level 4): she meets the core of her
//     own role, holds communication and safety at the level the new role needs, is part of the
//     way on the other core dimensions and has yet to start the assessment and treatment
//     dimensions, so the gap analysis shows a plan for the next year or two. Her health and
//     safety competence is due for review and her moving and handling refresher has expired.
//
// Everyone else's portfolio follows from their role: most requirements held at the level
// required, some a level below, a few missing, chosen by a hash of the staff number so that every
// run of the demo gives the same portfolios.

// demoPerson is one member of staff of the demo trust.
type demoPerson struct {
	number, name, team, role string
	fte                      workforce.FTE
	start                    workforce.Date
	email                    string // the demo account linked to the record, if any
}

// People are the demo trust's staff.
var People = []demoPerson{
	{"10400001", "Casey Brown", "Acute Medical Unit", "Healthcare assistant", 100, "2021-09-06", "hca@riverside.example"},
	{"10400002", "Tomasz Nowak", "Acute Medical Unit", "Healthcare assistant", 80, "2019-03-04", ""},
	{"10400003", "Aisha Rahman", "Acute Medical Unit", "Healthcare assistant", 60, "2023-01-09", ""},
	{"10400004", "Grace Adeyemi", "Acute Medical Unit", "Assistant practitioner (acute medicine)", 100, "2020-06-01", ""},
	{"10400005", "Oliver Hughes", "Acute Medical Unit", "Staff nurse", 100, "2022-09-05", ""},
	{"10400006", "Maria Santos", "Acute Medical Unit", "Staff nurse", 100, "2018-02-12", ""},
	{"10400007", "Daniel Clarke", "Acute Medical Unit", "Staff nurse", 60, "2021-10-18", ""},
	{"10400008", "Fatima Begum", "Acute Medical Unit", "Senior staff nurse", 100, "2016-05-03", ""},
	{"10400009", "Rachel Green", "Acute Medical Unit", "Ward manager", 100, "2014-07-01", ""},
	{"10400010", "Kwame Mensah", "Acute Medical Unit", "Advanced clinical practitioner (acute medicine)", 100, "2017-11-06", ""},
	{"10400011", "Sophie Turner", "Ward 7 Respiratory", "Healthcare assistant", 100, "2020-04-20", ""},
	{"10400012", "Liam Walsh", "Ward 7 Respiratory", "Healthcare assistant", 50, "2024-02-05", ""},
	{"10400013", "Priyanka Patel", "Ward 7 Respiratory", "Staff nurse", 100, "2023-09-04", ""},
	{"10400014", "Ewan Murray", "Ward 7 Respiratory", "Staff nurse", 80, "2019-08-12", ""},
	{"10400015", "Hannah Jones", "Ward 7 Respiratory", "Clinical nurse specialist (respiratory)", 100, "2015-01-05", ""},
	{"10400016", "Chloe Evans", "Ward 7 Respiratory", "Ward manager", 100, "2012-03-19", ""},
	{"10400017", "Ben Carter", "Children's Ward", "Children's staff nurse", 100, "2021-09-06", ""},
	{"10400018", "Amira Haddad", "Children's Ward", "Children's staff nurse", 60, "2018-04-09", ""},
	{"10400019", "Lucy Bennett", "Maternity Services", "Midwife", 100, "2020-10-12", ""},
	{"10400020", "Ngozi Okeke", "Maternity Services", "Midwife", 75, "2016-06-06", ""},
	{"10400021", "Ryan Price", "Physiotherapy", "Physiotherapist", 100, "2022-08-01", ""},
	{"10400022", "Mei Lin", "Physiotherapy", "Physiotherapist", 100, "2021-01-11", ""},
	{"10400023", "Gareth Williams", "Physiotherapy", "Therapy support worker", 100, "2019-05-13", ""},
	{"10400024", "Isla Campbell", "Physiotherapy", "Specialist physiotherapist (respiratory)", 100, "2015-09-07", ""},
	{"10400025", "Zara Ahmed", "Occupational Therapy", "Occupational therapist", 100, "2022-02-14", ""},
	{"10400026", "Peter Doyle", "Occupational Therapy", "Assistant practitioner (therapies)", 100, "2018-11-05", ""},
	{"10400027", "Jordan Lee", "Clinical Research Delivery Team", "Research nurse", 100, "2019-04-01", "nurse@riverside.example"},
	{"10400028", "Eleanor Shaw", "Clinical Research Delivery Team", "Research nurse", 80, "2021-07-05", ""},
	{"10400029", "Samuel Osei", "Clinical Research Delivery Team", "Clinical research practitioner", 100, "2020-03-02", ""},
	{"10400030", "Holly Parker", "Clinical Research Delivery Team", "Clinical research practitioner", 100, "2023-05-15", ""},
	{"10400031", "Imran Qureshi", "Clinical Research Delivery Team", "Clinical trials assistant", 100, "2022-10-03", ""},
	{"10400032", "Catherine Moore", "Clinical Research Delivery Team", "Research delivery manager", 100, "2013-09-02", ""},
	{"10400033", "Adam Fletcher", "Research Data Management", "Research data manager", 100, "2017-01-09", ""},
	{"10400034", "Yasmin Ali", "Research Governance and Sponsorship", "Research governance officer", 100, "2019-12-02", ""},
	{"10400035", "Owen Roberts", "Pathology", "Biomedical scientist", 100, "2020-09-14", ""},
	{"10400036", "Beatriz Costa", "Pathology", "Biomedical scientist", 100, "2022-01-17", ""},
	// Two more in the research delivery team, so that its team view (issue 3) mixes nurses,
	// practitioners, a trials assistant, a data manager and their managers.
	{"10400037", "Nadia Hussain", "Clinical Research Delivery Team", "Research data manager", 60, "2022-04-04", ""},
	{"10400038", "Tom Whitfield", "Clinical Research Delivery Team", "Senior research nurse", 100, "2016-10-03", ""},
}

// NorthgatePeople are staff of the community trust, so that the partnership's workforce
// profile (issue 6) sets two employers side by side: district nursing teams with a matron over
// them, a community mental health team, and the community research nurse the trust copied from
// the network's shared role.
var NorthgatePeople = []demoPerson{
	{"20700001", "Siobhan Kelly", "District Nursing East", "District nurse", 100, "2015-04-13", ""},
	{"20700002", "Marcus Reid", "District Nursing East", "Community staff nurse", 100, "2021-02-01", ""},
	{"20700003", "Anita Sharma", "District Nursing East", "Community staff nurse", 80, "2019-06-10", ""},
	{"20700004", "Joe Barker", "District Nursing East", "Community staff nurse", 100, "2024-03-04", ""},
	{"20700005", "Helen Marsh", "District Nursing West", "District nurse", 100, "2013-09-16", ""},
	{"20700006", "Kofi Boateng", "District Nursing West", "Community staff nurse", 100, "2022-10-03", ""},
	{"20700007", "Laura Finch", "District Nursing West", "Community staff nurse", 60, "2018-01-08", ""},
	{"20700008", "Rebecca Stone", "Community Matrons", "Community matron", 100, "2011-05-03", ""},
	{"20700009", "David Okafor", "Community Matrons", "Community matron", 80, "2016-11-14", ""},
	{"20700010", "Emma Lowe", "Community Mental Health Team North", "Community mental health nurse", 100, "2017-07-24", ""},
	{"20700011", "Sam Whitaker", "Community Mental Health Team North", "Community mental health nurse", 100, "2022-05-09", ""},
	{"20700012", "Jade Morgan", "Community Mental Health Team North", "Support time and recovery worker", 100, "2020-08-17", ""},
	{"20700013", "Paul Nguyen", "Community Mental Health Team North", "Support time and recovery worker", 60, "2023-02-20", ""},
	{"20700014", "Ruth Adams", "Community Research Team", "Network research nurse", 100, "2019-10-07", ""},
}

// employer is one demo employer's staff: who they are, their vacant posts, who confirms their
// competences, the domain of their work email, and the on-cost of the posts.
type employer struct {
	org, domain, confirmer string
	people                 []demoPerson
	vacancies              []vacancy
	onCost                 workforce.OnCost
}

// employers are the demo's employers with staff: the acute trust and the community trust.
var employers = []employer{
	{Organisations[0].name, "riverside.example", "manager@riverside.example", People, vacancies, DemoOnCost},
	{Organisations[1].name, "northgate.example", "admin@northgate.example", NorthgatePeople, northgateVacancies, 2790},
}

// caseyPortfolio is the healthcare assistant's portfolio (KSF 2010 dimension, level, review),
// written out so her story does not depend on the hash.
var caseyPortfolio = []struct {
	node, level string
	achieved    workforce.Date
	review      string // "due", "expired" or ""
	confirmed   bool
}{
	{"c1", "level-2", "2023-03-01", "", true},           // communication: at the level an AP needs
	{"c2", "level-1", "2022-03-01", "", true},           // personal and people development
	{"c3", "level-2", "2023-03-01", "due", true},        // health, safety and security: review soon
	{"c4", "level-1", "2022-03-01", "", true},           // service improvement
	{"c5", "level-1", "2022-03-01", "", false},          // quality
	{"c6", "level-1", "2022-03-01", "", true},           // equality and diversity
	{"hwb5", "level-2", "2023-09-01", "", true},         // provision of care to meet health and wellbeing needs
	{"hwb1", "level-1", "2021-10-01", "expired", false}, // promotion of health and wellbeing (refresher lapsed)
}

// loadPeople creates the demo employers' people that are missing (by staff number) with their
// assignments and portfolios, and returns how many it created.
func (l *loader) loadPeople(ctx context.Context) (int, error) {
	n := 0
	for _, e := range employers {
		made, err := l.loadStaff(ctx, e)
		n += made
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// loadStaff creates one employer's people that are missing.
func (l *loader) loadStaff(ctx context.Context, emp employer) (int, error) {
	trust, err := l.db.OrganisationByName(ctx, emp.org)
	if err != nil {
		return 0, err
	}
	roles, _, err := l.storedRoles(ctx, emp.org)
	if err != nil {
		return 0, err
	}
	teams, err := l.db.Teams(ctx, trust.ID)
	if err != nil {
		return 0, err
	}
	teamID := map[string]int64{}
	for _, t := range teams {
		teamID[t.Name] = t.ID
	}
	existing, err := l.staffOf(ctx, trust.ID)
	if err != nil {
		return 0, err
	}
	manager, err := l.db.UserByEmail(ctx, emp.confirmer)
	if err != nil {
		return 0, fmt.Errorf("demo people: the account that confirms competences: %w", err)
	}
	today := l.db.Today()
	n := 0
	for _, dp := range emp.people {
		if _, ok := existing[dp.number]; ok {
			continue
		}
		role, ok := roles[strings.ToLower(dp.role)]
		if !ok {
			return n, fmt.Errorf("demo person %s: %s has no role %q", dp.number, emp.org, dp.role)
		}
		team, ok := teamID[dp.team]
		if !ok {
			return n, fmt.Errorf("demo person %s: %s has no team %q", dp.number, emp.org, dp.team)
		}
		p := workforce.Person{OrganisationID: trust.ID, StaffNumber: dp.number, Name: dp.name,
			WorkEmail:   strings.ToLower(strings.ReplaceAll(dp.name, " ", ".")) + "@" + emp.domain,
			Assignments: []workforce.Assignment{{RoleID: role.ID, TeamID: team, FTE: dp.fte, Start: dp.start}}}
		if dp.email != "" {
			u, err := l.db.UserByEmail(ctx, dp.email)
			if err != nil {
				return n, fmt.Errorf("demo person %s: account %s: %w", dp.number, dp.email, err)
			}
			p.UserID = u.ID
		}
		saved, err := l.db.CreatePerson(ctx, store.System, p)
		if err != nil {
			return n, fmt.Errorf("demo person %s: %w", dp.number, err)
		}
		for _, e := range portfolioFor(dp, role, today) {
			e.PersonID = saved.ID
			by := store.Actor{UserID: p.UserID} // a self-assessment is the person's own (or the system's)
			if e.Evidence == workforce.EvidenceConfirmed {
				by = store.Actor{UserID: manager.ID}
			}
			if _, err := l.db.AddPortfolioEntry(ctx, by, e); err != nil {
				return n, fmt.Errorf("demo person %s, competence %s: %w", dp.number, e.NodeKey, err)
			}
		}
		n++
	}
	return n, nil
}

// staffOf is an organisation's people by staff number.
func (l *loader) staffOf(ctx context.Context, orgID int64) (map[string]workforce.Person, error) {
	out := map[string]workforce.Person{}
	for offset := 0; ; offset += store.MaxPeoplePage {
		page, err := l.db.SearchPeople(ctx, store.PersonQuery{OrganisationIDs: []int64{orgID}, Limit: store.MaxPeoplePage, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, p := range page.People {
			out[p.StaffNumber] = p
		}
		if offset+store.MaxPeoplePage >= page.Total {
			return out, nil
		}
	}
}

// portfolioFor makes a person's portfolio from their role's requirements (Casey's is written
// out). Review dates are three years after the date achieved, so some are due and a few have
// expired; the dates are relative to today so the demo tells the same story whenever it runs.
func portfolioFor(dp demoPerson, role workforce.Role, today workforce.Date) []workforce.PortfolioEntry {
	var out []workforce.PortfolioEntry
	if dp.number == People[0].number {
		for _, c := range caseyPortfolio {
			e := workforce.PortfolioEntry{FrameworkKey: KSFKey, FrameworkVersion: KSFVersion, NodeKey: c.node, LevelKey: c.level,
				Evidence: workforce.EvidenceSelf, Achieved: c.achieved, Note: "Appraisal evidence folder"}
			if c.confirmed {
				e.Evidence = workforce.EvidenceConfirmed
			}
			switch c.review {
			case "due":
				e.ReviewBy = today.AddDays(30)
			case "expired":
				e.ReviewBy = today.AddDays(-20)
			default:
				e.ReviewBy = today.AddDays(400)
			}
			out = append(out, e)
		}
		return out
	}
	for i, q := range role.Requirements {
		h := fnv.New32a()
		h.Write([]byte(dp.number + "/" + q.NodeKey))
		roll := h.Sum32() % 20
		level := q.LevelKey
		switch {
		case roll == 0 && !q.Essential, roll == 1 && !q.Essential:
			continue // a desirable competence not yet held
		case roll == 2:
			continue // a gap in an essential one
		case roll < 6:
			level = lowerLevel(level)
			if level == "" {
				continue
			}
		}
		achieved := today.AddDays(-200 - int(h.Sum32()%900))
		e := workforce.PortfolioEntry{FrameworkKey: q.FrameworkKey, FrameworkVersion: q.FrameworkVersion, NodeKey: q.NodeKey,
			LevelKey: level, Evidence: workforce.EvidenceSelf, Achieved: achieved, ReviewBy: achieved.AddDays(3 * 365)}
		if roll%2 == 0 || i%3 == 0 {
			e.Evidence = workforce.EvidenceConfirmed
		}
		if roll == 19 {
			e.ReviewBy = today.AddDays(-10) // lapsed
		}
		out = append(out, e)
	}
	return out
}

// lowerLevel is the level key one below ("level-3" → "level-2"), "" below the first.
func lowerLevel(key string) string {
	var n int
	if _, err := fmt.Sscanf(key, "level-%d", &n); err != nil || n <= 1 {
		return ""
	}
	return fmt.Sprintf("level-%d", n-1)
}
