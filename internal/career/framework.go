// Package career holds the rules of careers across roles: today the customised local career
// frameworks of issue 4 (role families, roles placed at their Career Framework level, and the
// routes between them); career options, transferability and pathways (issue 5) will read the
// same routes here.
//
// Why a package of its own rather than internal/workforce: workforce describes what an
// organisation has (roles, posts, people); career describes how a person can move between roles.
// Routes are the raw material of career options, so they live where those will be computed, and
// DESIGN.md's layout already names internal/career for it.
//
// The package is pure (DESIGN principle 2): the standard library only, no database and no HTTP.
// The store loads the roles a framework places and calls Validate before every save.
package career

import (
	"fmt"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/framework"
)

// Framework statuses: the same life cycle as a role's.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
	StatusRetired   = "retired"
)

// Statuses lists the allowed values of Framework.Status, in life-cycle order.
var Statuses = []string{StatusDraft, StatusPublished, StatusRetired}

// Route kinds (DOMAIN.md section 2: move up a level, or across at the same level).
const (
	KindUp     = "up"
	KindAcross = "across"
)

// Career Framework for Health levels; a role at level 0 is not placed on the framework yet and
// cannot sit in a career framework's grid.
const (
	MinLevel = 1
	MaxLevel = 9
)

// Limits that keep one framework within what a page, a print-out and an export can show.
const (
	MaxTitleLen         = 200
	MaxDescriptionLen   = 5_000
	MaxFamilies         = 20
	MaxFamilyNameLen    = 100
	MaxPlacements       = 500
	MaxRoutes           = 2_000
	MaxQualificationLen = 200
	MaxNoteLen          = 1_000
)

// Framework is a customised local career framework: the roles of an organisation (and those its
// partners share) for one staff group or service, grouped in role families (the grid's columns)
// at their Career Framework level (the rows), with the routes between them.
type Framework struct {
	ID             int64  `json:"id"`
	OrganisationID int64  `json:"organisation_id"`
	Title          string `json:"title"`
	// StaffGroup is the staff group or service the framework covers, in the organisation's own
	// words ("Allied health professionals", "Research delivery").
	StaffGroup  string `json:"staff_group"`
	Description string `json:"description"`
	Status      string `json:"status"`
	// Shared makes a published framework visible to the organisation's partners, as shared roles.
	Shared     bool        `json:"shared"`
	Families   []Family    `json:"families"`
	Placements []Placement `json:"placements"`
	Routes     []Route     `json:"routes"`
	Version    int         `json:"version"`
	CreatedAt  time.Time   `json:"created_at"`
	UpdatedAt  time.Time   `json:"updated_at"`
}

// Family is a column of the grid. Key is stable for the life of the framework (a renamed family
// keeps its placements); the order of Framework.Families is the order of the columns.
type Family struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

// Placement puts a role in a family. The row is the role's own Career Framework level, read
// from the role, so a framework never disagrees with the database of roles about a level.
type Placement struct {
	RoleID    int64  `json:"role_id"`
	FamilyKey string `json:"family"`
}

// Route is a way from one placed role to another: up to a higher level or across at the same
// level, perhaps needing professional registration and/or a named qualification.
type Route struct {
	FromRoleID           int64  `json:"from_role_id"`
	ToRoleID             int64  `json:"to_role_id"`
	Kind                 string `json:"kind"`
	RegistrationRequired bool   `json:"registration_required"`
	Qualification        string `json:"qualification"`
	Note                 string `json:"note"`
}

// Same reports whether two routes join the same two roles in the same direction: a framework
// holds at most one such route.
func (r Route) Same(o Route) bool { return r.FromRoleID == o.FromRoleID && r.ToRoleID == o.ToRoleID }

// RoleRef is what the rules need to know of a role: its level, its organisation, and whether
// its organisation shares it (shared and published) with partners.
type RoleRef struct {
	ID             int64
	OrganisationID int64
	Title          string
	Level          int
	// Shared: shared and published, so partner organisations may use it.
	Shared bool
	// Retired roles stay where they were placed (history), but cannot be placed anew.
	Retired bool
}

// Usable says which organisations' roles a framework may place: those of Own (the framework's
// organisation and the nodes below it), and the shared roles of Partners.
type Usable struct {
	Own, Partners map[int64]bool
}

func (u Usable) allows(r RoleRef) bool {
	return u.Own[r.OrganisationID] || (r.Shared && u.Partners[r.OrganisationID])
}

// Problem is one broken rule. Field names the part at fault ("title", "families[1].name",
// "placements[0]", "routes[2]"); Warning marks advice that does not stop a save.
type Problem struct {
	Field   string
	Message string
	Warning bool
}

func (p Problem) String() string { return p.Field + ": " + p.Message }

// HasErrors reports whether any problem is an error rather than a warning.
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Errors returns the problems that are errors.
func Errors(ps []Problem) []Problem {
	var out []Problem
	for _, p := range ps {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// ValidStatus reports whether s is a framework status.
func ValidStatus(s string) bool {
	for _, v := range Statuses {
		if s == v {
			return true
		}
	}
	return false
}

// Normalise trims text, fills in the default status, gives new families a key, and lower-cases
// route kinds, so that what is validated is what is stored.
func Normalise(f Framework) Framework {
	f.Title = strings.TrimSpace(f.Title)
	f.StaffGroup = strings.TrimSpace(f.StaffGroup)
	f.Description = strings.TrimSpace(f.Description)
	f.Status = strings.ToLower(strings.TrimSpace(f.Status))
	if f.Status == "" {
		f.Status = StatusDraft
	}
	f.Families = append([]Family(nil), f.Families...)
	used := map[string]bool{}
	for i := range f.Families {
		f.Families[i].Name = strings.Join(strings.Fields(f.Families[i].Name), " ")
		f.Families[i].Key = strings.TrimSpace(f.Families[i].Key)
		if f.Families[i].Key != "" {
			used[f.Families[i].Key] = true
		}
	}
	for i := range f.Families {
		if f.Families[i].Key == "" {
			f.Families[i].Key = FreeKey(f.Families[i].Name, used)
			used[f.Families[i].Key] = true
		}
	}
	f.Placements = append([]Placement(nil), f.Placements...)
	f.Routes = append([]Route(nil), f.Routes...)
	for i := range f.Routes {
		r := &f.Routes[i]
		r.Kind = strings.ToLower(strings.TrimSpace(r.Kind))
		r.Qualification = strings.TrimSpace(r.Qualification)
		r.Note = strings.TrimSpace(r.Note)
	}
	return f
}

// FreeKey makes a family key from its name (lower-case letters and digits joined by '-'),
// numbered when the key is taken: "allied-health", "allied-health-2".
func FreeKey(name string, used map[string]bool) string {
	base := framework.Slug(name, 40)
	if base == "" {
		base = "family"
	}
	key := base
	for n := 2; used[key]; n++ {
		key = fmt.Sprintf("%s-%d", base, n)
	}
	return key
}

// Validate checks a framework against the rules, given the roles it places (by id; a role
// missing from the map no longer exists or may not be seen) and the organisations whose roles
// it may use. prev is the framework as stored before this change (nil for a new one): a
// placement or route that was already saved and has not changed is reported as a warning rather
// than an error, so that a role whose level moved after it was placed never blocks an unrelated
// change; the planner sees the warning and mends the route.
func Validate(f Framework, roles map[int64]RoleRef, use Usable, prev *Framework) []Problem {
	var ps []Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	switch n := len([]rune(f.Title)); {
	case n == 0:
		add("title", "Enter a title")
	case n > MaxTitleLen:
		add("title", "Title must be %d characters or fewer", MaxTitleLen)
	}
	if len([]rune(f.StaffGroup)) > MaxTitleLen {
		add("staff_group", "Staff group or service must be %d characters or fewer", MaxTitleLen)
	}
	if len([]rune(f.Description)) > MaxDescriptionLen {
		add("description", "Description must be %d characters or fewer", MaxDescriptionLen)
	}
	if !ValidStatus(f.Status) {
		add("status", "Status must be draft, published or retired")
	}

	if len(f.Families) == 0 {
		add("families", "Add at least one role family")
	}
	if len(f.Families) > MaxFamilies {
		add("families", "A framework can have up to %d role families", MaxFamilies)
	}
	families := map[string]bool{}
	names := map[string]int{}
	for i, fam := range f.Families {
		field := fmt.Sprintf("families[%d]", i)
		switch n := len([]rune(fam.Name)); {
		case n == 0:
			add(field, "Enter a name for role family %d", i+1)
		case n > MaxFamilyNameLen:
			add(field, "Role family names must be %d characters or fewer", MaxFamilyNameLen)
		}
		if j, dup := names[strings.ToLower(fam.Name)]; dup && fam.Name != "" {
			add(field, "Role family %q is listed twice (also family %d)", fam.Name, j+1)
		} else {
			names[strings.ToLower(fam.Name)] = i
		}
		if families[fam.Key] {
			add(field, "Role family key %q is used twice", fam.Key)
		}
		families[fam.Key] = true
	}

	oldPlaced := map[int64]string{}
	oldRoutes := map[[2]int64]Route{}
	if prev != nil {
		for _, p := range prev.Placements {
			oldPlaced[p.RoleID] = p.FamilyKey
		}
		for _, r := range prev.Routes {
			oldRoutes[[2]int64{r.FromRoleID, r.ToRoleID}] = r
		}
	}
	// soft marks the problems of an item that was saved before unchanged as warnings.
	soft := func(from int, kept bool) {
		if kept {
			for i := from; i < len(ps); i++ {
				ps[i].Warning = true
			}
		}
	}

	if len(f.Placements) > MaxPlacements {
		add("placements", "A framework can place up to %d roles", MaxPlacements)
	}
	placed := map[int64]bool{}
	for i, p := range f.Placements {
		field := fmt.Sprintf("placements[%d]", i)
		start := len(ps)
		role, known := roles[p.RoleID]
		switch {
		case !known:
			add(field, "Role %d does not exist or is not one you can use", p.RoleID)
		case placed[p.RoleID]:
			add(field, "%s is already in the framework: a role sits in one place", role.Title)
		case !use.allows(role):
			// By id, not title: the role is not the planner's to see.
			add(field, "Role %d belongs to an organisation whose roles this framework cannot use: use your organisation's roles or roles partners share", p.RoleID)
		case role.Level < MinLevel || role.Level > MaxLevel:
			add(field, "%s has no Career Framework level yet: give the role a level first", role.Title)
		case role.Retired:
			add(field, "%s is retired: choose a role in use", role.Title)
		}
		if !families[p.FamilyKey] {
			add(field, "Choose a role family for %s", roleName(role, p.RoleID))
		}
		fam, was := oldPlaced[p.RoleID]
		soft(start, was && fam == p.FamilyKey)
		placed[p.RoleID] = true
	}

	if len(f.Routes) > MaxRoutes {
		add("routes", "A framework can have up to %d routes", MaxRoutes)
	}
	seen := map[[2]int64]int{}
	for i, r := range f.Routes {
		field := fmt.Sprintf("routes[%d]", i)
		start := len(ps)
		from, to := roles[r.FromRoleID], roles[r.ToRoleID]
		fromName, toName := roleName(from, r.FromRoleID), roleName(to, r.ToRoleID)
		switch {
		case r.FromRoleID == r.ToRoleID:
			add(field, "A route goes from one role to another: %s cannot lead to itself", fromName)
		case !placed[r.FromRoleID]:
			add(field, "%s is not in the framework: add the role before a route from it", fromName)
		case !placed[r.ToRoleID]:
			add(field, "%s is not in the framework: add the role before a route to it", toName)
		}
		key := [2]int64{r.FromRoleID, r.ToRoleID}
		if j, dup := seen[key]; dup {
			add(field, "There is already a route from %s to %s (route %d)", fromName, toName, j+1)
		} else {
			seen[key] = i
		}
		if r.FromRoleID != r.ToRoleID && placed[r.FromRoleID] && placed[r.ToRoleID] {
			switch r.Kind {
			case KindUp:
				if to.Level <= from.Level {
					add(field, "A route up must go to a higher level: %s is at level %d and %s at level %d", fromName, from.Level, toName, to.Level)
				}
			case KindAcross:
				if to.Level != from.Level {
					add(field, "A route across must stay at the same level: %s is at level %d and %s at level %d", fromName, from.Level, toName, to.Level)
				}
			default:
				add(field, "Choose whether the route goes up a level or across at the same level")
			}
		} else if r.Kind != KindUp && r.Kind != KindAcross {
			add(field, "Choose whether the route goes up a level or across at the same level")
		}
		if len([]rune(r.Qualification)) > MaxQualificationLen {
			add(field, "The qualification must be %d characters or fewer", MaxQualificationLen)
		}
		if len([]rune(r.Note)) > MaxNoteLen {
			add(field, "The note must be %d characters or fewer", MaxNoteLen)
		}
		old, was := oldRoutes[key]
		soft(start, was && old == r)
	}
	return ps
}

func roleName(r RoleRef, id int64) string {
	if r.Title != "" {
		return r.Title
	}
	return fmt.Sprintf("role %d", id)
}

// KindFor returns the kind a route between roles at these levels must have: up to a higher
// level, across at the same one, "" for a step down (which a career framework does not draw).
func KindFor(fromLevel, toLevel int) string {
	switch {
	case toLevel > fromLevel:
		return KindUp
	case toLevel == fromLevel:
		return KindAcross
	}
	return ""
}

// Family returns the family with the key, and whether there is one.
func (f Framework) Family(key string) (Family, bool) {
	for _, fam := range f.Families {
		if fam.Key == key {
			return fam, true
		}
	}
	return Family{}, false
}

// Placed returns the placement of a role, and whether it is placed.
func (f Framework) Placed(roleID int64) (Placement, bool) {
	for _, p := range f.Placements {
		if p.RoleID == roleID {
			return p, true
		}
	}
	return Placement{}, false
}

// RoutesFrom returns the routes that start at a role, in the framework's order.
func (f Framework) RoutesFrom(roleID int64) []Route {
	var out []Route
	for _, r := range f.Routes {
		if r.FromRoleID == roleID {
			out = append(out, r)
		}
	}
	return out
}

// RoleIDs returns every role the framework places or names in a route, without repeats, in
// order of first mention.
func (f Framework) RoleIDs() []int64 {
	var out []int64
	seen := map[int64]bool{}
	addID := func(id int64) {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, p := range f.Placements {
		addID(p.RoleID)
	}
	for _, r := range f.Routes {
		addID(r.FromRoleID)
		addID(r.ToRoleID)
	}
	return out
}

// WithoutRole returns the framework with a role's placement and every route to or from it
// removed: taking a role out of the grid takes its routes with it.
func (f Framework) WithoutRole(roleID int64) Framework {
	out := f
	out.Placements = nil
	for _, p := range f.Placements {
		if p.RoleID != roleID {
			out.Placements = append(out.Placements, p)
		}
	}
	out.Routes = nil
	for _, r := range f.Routes {
		if r.FromRoleID != roleID && r.ToRoleID != roleID {
			out.Routes = append(out.Routes, r)
		}
	}
	return out
}

// Describe is the words for a route as a role card lists it: "Can move up to Registered nurse
// (registration required; qualification: Nursing degree)".
func Describe(r Route, toTitle string) string {
	verb := "Can move up to "
	if r.Kind == KindAcross {
		verb = "Can move across to "
	}
	var needs []string
	if r.RegistrationRequired {
		needs = append(needs, "registration required")
	}
	if r.Qualification != "" {
		needs = append(needs, "qualification: "+r.Qualification)
	}
	s := verb + toTitle
	if len(needs) > 0 {
		s += " (" + strings.Join(needs, "; ") + ")"
	}
	return s
}
