package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Solution is an entry of a partnership's "solve once" register: what one partner did about a
// common workforce problem, so the others need not solve it again.
type Solution struct {
	ID               int64
	PartnershipID    int64
	OrganisationID   int64
	Organisation     string // the recording partner's name, read with the solution
	Title            string
	Problem          string
	WhatWeDid        string
	Results          string
	Contacts         string
	Links            string // one link a line
	FrameworkKey     string
	FrameworkVersion string
	Priorities       []string // keys of the framework version's priorities it is tagged with
	Version          int
	CreatedAt        time.Time
	// Read with the solution: how often it has been adopted, and its ratings (1 to 5).
	Adoptions   int
	RatingCount int
	RatingSum   int
}

// RatingTenths is the average rating in tenths (42 is 4.2), 0 when unrated: exact, like every
// other figure here.
func (s Solution) RatingTenths() int {
	if s.RatingCount == 0 {
		return 0
	}
	return (s.RatingSum*10 + s.RatingCount/2) / s.RatingCount
}

// Rating is the average rating written with one decimal ("4.2"), "" when unrated.
func (s Solution) Rating() string {
	t := s.RatingTenths()
	if t == 0 {
		return ""
	}
	return strconv.Itoa(t/10) + "." + strconv.Itoa(t%10)
}

const solutionColumns = `s.id, s.partnership_id, s.organisation_id, o.name, s.title, s.problem, s.what_we_did, s.results,
	s.contacts, s.links, s.framework_key, s.framework_version, s.version, s.created_at,
	(SELECT COUNT(*) FROM plan_actions a WHERE a.solution_id = s.id),
	(SELECT COUNT(*) FROM register_comments c WHERE c.solution_id = s.id AND c.rating > 0),
	(SELECT COALESCE(SUM(c.rating), 0) FROM register_comments c WHERE c.solution_id = s.id)`

func scanSolution(sc scanner) (Solution, error) {
	var s Solution
	err := sc.Scan(&s.ID, &s.PartnershipID, &s.OrganisationID, &s.Organisation, &s.Title, &s.Problem, &s.WhatWeDid, &s.Results,
		&s.Contacts, &s.Links, &s.FrameworkKey, &s.FrameworkVersion, &s.Version, timeCol{&s.CreatedAt},
		&s.Adoptions, &s.RatingCount, &s.RatingSum)
	return s, notFound(err)
}

// CreateSolution records a solution in the register in the name of a partner. Its priorities,
// if any, must be priorities of the strategic framework version it names.
func (db *DB) CreateSolution(ctx context.Context, a Actor, s Solution) (Solution, error) {
	s.Title = strings.TrimSpace(s.Title)
	if s.Title == "" {
		return Solution{}, fmt.Errorf("%w: a solution needs a title", ErrInvalid)
	}
	if strings.TrimSpace(s.WhatWeDid) == "" {
		return Solution{}, fmt.Errorf("%w: say what the partner did", ErrInvalid)
	}
	if err := db.checkSolutionPriorities(ctx, &s); err != nil {
		return Solution{}, err
	}
	s.Version, s.CreatedAt = 1, db.now()
	err := db.tx(ctx, func(t *tx) error {
		members, err := t.db.memberIDs(ctx, t.runner, s.PartnershipID)
		if err != nil {
			return err
		}
		if !slices.Contains(members, s.OrganisationID) {
			return fmt.Errorf("%w: a solution is recorded in the name of a partner", ErrInvalid)
		}
		if err := t.row(ctx, `INSERT INTO register_solutions (partnership_id, organisation_id, title, problem, what_we_did, results,
			contacts, links, framework_key, framework_version, version, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, s.PartnershipID, s.OrganisationID, s.Title,
			strings.TrimSpace(s.Problem), strings.TrimSpace(s.WhatWeDid), strings.TrimSpace(s.Results), strings.TrimSpace(s.Contacts),
			strings.TrimSpace(s.Links), s.FrameworkKey, s.FrameworkVersion, s.Version, nullID(a.UserID), s.CreatedAt).Scan(&s.ID); err != nil {
			return err
		}
		for _, k := range s.Priorities {
			if _, err := t.exec(ctx, `INSERT INTO register_solution_priorities (solution_id, priority_key) VALUES (?, ?)`, s.ID, k); err != nil {
				return err
			}
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: s.OrganisationID, Entity: "solution", EntityID: strconv.FormatInt(s.ID, 10), Action: ActionCreate,
			Summary: fmt.Sprintf("recorded solution %q in partnership %d", s.Title, s.PartnershipID),
			Fields:  []string{"title", "problem", "what_we_did", "results", "contacts", "links", "priorities"},
		})
	})
	if err != nil {
		return Solution{}, err
	}
	return db.Solution(ctx, s.ID)
}

// checkSolutionPriorities checks that the priorities a solution is tagged with are priorities of
// the strategic framework version it names, and puts them in the framework's order; a solution
// tagged with none names no framework.
func (db *DB) checkSolutionPriorities(ctx context.Context, s *Solution) error {
	if len(s.Priorities) == 0 {
		s.FrameworkKey, s.FrameworkVersion = "", ""
		return nil
	}
	f, _, err := db.FrameworkVersion(ctx, s.FrameworkKey, s.FrameworkVersion)
	if err != nil {
		return fmt.Errorf("%w: framework %s version %s: %v", ErrInvalid, s.FrameworkKey, s.FrameworkVersion, err)
	}
	ps, err := StrategyPriorities(f)
	if err != nil {
		return err
	}
	keys := priorityKeys(ps)
	for _, k := range s.Priorities {
		if !slices.Contains(keys, k) {
			return fmt.Errorf("%w: %q is not a priority of the framework", ErrInvalid, k)
		}
	}
	var tidy []string
	for _, k := range keys {
		if slices.Contains(s.Priorities, k) {
			tidy = append(tidy, k)
		}
	}
	s.Priorities = tidy
	return nil
}

// Solution returns one solution of the register with its priorities, adoptions and ratings.
func (db *DB) Solution(ctx context.Context, id int64) (Solution, error) {
	s, err := scanSolution(db.r().row(ctx, `SELECT `+solutionColumns+` FROM register_solutions s
		JOIN organisations o ON o.id = s.organisation_id WHERE s.id = ?`, id))
	if err != nil {
		return Solution{}, err
	}
	s.Priorities, err = db.r().strings(ctx, `SELECT priority_key FROM register_solution_priorities WHERE solution_id = ? ORDER BY priority_key`, id)
	return s, err
}

// RegisterQuery searches a partnership's register. Text matches words in the title, problem,
// what was done and results, case-insensitively, with LIKE on both engines: a register holds
// tens or hundreds of entries, not millions, so a full-text index would buy nothing. Priority,
// if given, keeps the solutions tagged with it.
type RegisterQuery struct {
	PartnershipID int64
	Text          string
	Priority      string
}

// SearchRegister returns the matching solutions, newest first.
func (db *DB) SearchRegister(ctx context.Context, q RegisterQuery) ([]Solution, error) {
	where := []string{"s.partnership_id = ?"}
	args := []any{q.PartnershipID}
	for _, word := range strings.Fields(strings.ToLower(q.Text)) {
		// Escape LIKE's wildcards so that a search for "50%" means the text "50%".
		word = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(word)
		where = append(where, `LOWER(s.title || ' ' || s.problem || ' ' || s.what_we_did || ' ' || s.results) LIKE ? ESCAPE '\'`)
		args = append(args, "%"+word+"%")
	}
	if q.Priority != "" {
		where = append(where, `EXISTS (SELECT 1 FROM register_solution_priorities sp WHERE sp.solution_id = s.id AND sp.priority_key = ?)`)
		args = append(args, q.Priority)
	}
	rows, err := db.r().query(ctx, `SELECT `+solutionColumns+` FROM register_solutions s JOIN organisations o ON o.id = s.organisation_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY s.created_at DESC, s.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	var out []Solution
	for rows.Next() {
		s, err := scanSolution(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Priorities, err = db.r().strings(ctx, `SELECT priority_key FROM register_solution_priorities WHERE solution_id = ? ORDER BY priority_key`, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Comment is a partner's comment on a solution, with how well it worked for them (1 to 5, or
// 0 for a comment without a rating).
type Comment struct {
	ID             int64
	SolutionID     int64
	OrganisationID int64
	Organisation   string
	Author         string
	Rating         int
	Body           string
	CreatedAt      time.Time
}

// AddComment records a comment (and rating) on a solution in the name of a partner.
func (db *DB) AddComment(ctx context.Context, a Actor, c Comment) (Comment, error) {
	c.Body = strings.TrimSpace(c.Body)
	if c.Body == "" {
		return Comment{}, fmt.Errorf("%w: a comment needs some words", ErrInvalid)
	}
	if c.Rating < 0 || c.Rating > 5 {
		return Comment{}, fmt.Errorf("%w: a rating is from 1 to 5", ErrInvalid)
	}
	c.CreatedAt = db.now()
	err := db.tx(ctx, func(t *tx) error {
		var pid int64
		if err := t.row(ctx, `SELECT partnership_id FROM register_solutions WHERE id = ?`, c.SolutionID).Scan(&pid); err != nil {
			return notFound(err)
		}
		members, err := t.db.memberIDs(ctx, t.runner, pid)
		if err != nil {
			return err
		}
		if !slices.Contains(members, c.OrganisationID) {
			return fmt.Errorf("%w: a comment is made in the name of a partner", ErrInvalid)
		}
		if err := t.row(ctx, `INSERT INTO register_comments (solution_id, organisation_id, author_id, rating, body, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, c.SolutionID, c.OrganisationID, nullID(a.UserID), c.Rating, c.Body, c.CreatedAt).Scan(&c.ID); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: c.OrganisationID, Entity: "solution", EntityID: strconv.FormatInt(c.SolutionID, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("commented on solution %d (rating %d)", c.SolutionID, c.Rating), Fields: []string{"comments"},
		})
	})
	return c, err
}

// SolutionComments returns a solution's comments, oldest first.
func (db *DB) SolutionComments(ctx context.Context, id int64) ([]Comment, error) {
	rows, err := db.r().query(ctx, `SELECT c.id, c.solution_id, c.organisation_id, o.name, COALESCE(u.name, ''), c.rating, c.body, c.created_at
		FROM register_comments c JOIN organisations o ON o.id = c.organisation_id LEFT JOIN users u ON u.id = c.author_id
		WHERE c.solution_id = ? ORDER BY c.created_at, c.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Comment
	for rows.Next() {
		var c Comment
		if err := rows.Scan(&c.ID, &c.SolutionID, &c.OrganisationID, &c.Organisation, &c.Author, &c.Rating, &c.Body, timeCol{&c.CreatedAt}); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Adoption is an action of a plan that adopts a solution: the link back from the register.
type Adoption struct {
	PlanID      int64
	PlanTitle   string
	ActionID    int64
	ActionTitle string
	Lead        string
	Status      string
}

// SolutionAdoptions returns the actions that adopt the solution.
func (db *DB) SolutionAdoptions(ctx context.Context, id int64) ([]Adoption, error) {
	rows, err := db.r().query(ctx, `SELECT p.id, p.title, a.id, a.title, o.name, a.status FROM plan_actions a
		JOIN plans p ON p.id = a.plan_id JOIN organisations o ON o.id = a.lead_org_id
		WHERE a.solution_id = ? ORDER BY a.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Adoption
	for rows.Next() {
		var ad Adoption
		if err := rows.Scan(&ad.PlanID, &ad.PlanTitle, &ad.ActionID, &ad.ActionTitle, &ad.Lead, &ad.Status); err != nil {
			return nil, err
		}
		out = append(out, ad)
	}
	return out, rows.Err()
}

// Resource is a case study or resource for one priority, kept by the partnership lead.
type Resource struct {
	ID            int64
	PartnershipID int64
	FrameworkKey  string
	PriorityKey   string
	Kind          string // "case-study" or "resource"
	Title         string
	URL           string
	Summary       string
}

// checkResource tidies a case study or resource and checks its title, kind, link and priority.
func checkResource(r *Resource) error {
	r.Title, r.URL, r.Summary = strings.TrimSpace(r.Title), strings.TrimSpace(r.URL), strings.TrimSpace(r.Summary)
	if r.Title == "" {
		return fmt.Errorf("%w: a case study or resource needs a title", ErrInvalid)
	}
	if r.Kind != "case-study" && r.Kind != "resource" {
		return fmt.Errorf("%w: say whether it is a case study or a resource", ErrInvalid)
	}
	if r.URL != "" && !strings.HasPrefix(r.URL, "https://") && !strings.HasPrefix(r.URL, "http://") {
		return fmt.Errorf("%w: a link starts with https:// or http://", ErrInvalid)
	}
	if r.PriorityKey == "" || r.FrameworkKey == "" {
		return fmt.Errorf("%w: choose the priority it is for", ErrInvalid)
	}
	return nil
}

// AddResource adds a case study or resource for a priority of a strategic framework.
func (db *DB) AddResource(ctx context.Context, a Actor, r Resource) (Resource, error) {
	if err := checkResource(&r); err != nil {
		return Resource{}, err
	}
	err := db.tx(ctx, func(t *tx) error {
		if err := t.row(ctx, `INSERT INTO priority_resources (partnership_id, framework_key, priority_key, kind, title, url, summary, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, r.PartnershipID, r.FrameworkKey, r.PriorityKey, r.Kind, r.Title, r.URL,
			r.Summary, db.now()).Scan(&r.ID); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: t.partnershipLead(ctx, r.PartnershipID), Entity: "partnership", EntityID: strconv.FormatInt(r.PartnershipID, 10),
			Action: ActionUpdate, Summary: fmt.Sprintf("added %s %q for %s %s", r.Kind, r.Title, r.FrameworkKey, r.PriorityKey),
			Fields: []string{"resources"},
		})
	})
	return r, err
}

// PartnershipResources returns a partnership's case studies and resources by priority.
func (db *DB) PartnershipResources(ctx context.Context, partnershipID int64) ([]Resource, error) {
	rows, err := db.r().query(ctx, `SELECT id, partnership_id, framework_key, priority_key, kind, title, url, summary
		FROM priority_resources WHERE partnership_id = ? ORDER BY framework_key, priority_key, kind, LOWER(title), id`, partnershipID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Resource
	for rows.Next() {
		var r Resource
		if err := rows.Scan(&r.ID, &r.PartnershipID, &r.FrameworkKey, &r.PriorityKey, &r.Kind, &r.Title, &r.URL, &r.Summary); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
