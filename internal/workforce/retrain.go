package workforce

import (
	"fmt"
	"maps"

	"github.com/workframe/workframe/internal/framework"
)

// Retraining people in a scenario (issue 6: "retrain people (competences gained)"). A retrain
// change names people who work in the unit today and the competences they gain, each at a level
// of its framework's scale. It changes no post and no cost: in the scenario's profile those
// people hold the competences (as if their portfolios had them, in date), so the coverage's
// held figure can rise and the shortfall fall. People are named, not posts or roles, because
// coverage counts people (decision 0013): a post can be vacant and a role's holders change.

// Limits of a retrain change.
const (
	MaxRetrainPeople = 50
	MaxRetrainGains  = 20
)

// Gain is a competence a retrain change gives, at a level of its framework's scale ("" when
// the framework has none).
type Gain struct {
	FrameworkKey string `json:"framework_key"`
	NodeKey      string `json:"node_key"`
	LevelKey     string `json:"level_key"`
}

type gainKey struct {
	person   int64
	fw, node string
}

type gainedAt struct{ rank int }

// checkRetrain checks a retrain change's people and competences. Strictly (a new change) each
// person must work in the unit today, each competence be in a framework the unit's roles use at
// a level of its scale, and nobody gain what an earlier change of the scenario already gave
// them at that level or higher (it would change nothing).
func (st *replay) checkRetrain(c ScenarioChange, rules ScenarioRules, strict bool, add func(field, format string, args ...any)) {
	switch n := len(c.PersonIDs); {
	case n == 0:
		add("person_ids", "Select the people who are retrained")
	case n > MaxRetrainPeople:
		add("person_ids", "Retrain at most %d people in one change (it has %d)", MaxRetrainPeople, n)
		return
	}
	seen := map[int64]bool{}
	for _, id := range c.PersonIDs {
		switch {
		case id <= 0 || seen[id]:
			add("person_ids", "Person %d is not valid here (or is selected twice)", id)
			return
		case strict && rules.IsPerson != nil && !rules.IsPerson(id):
			add("person_ids", "Person %d does not work in the unit today: only its people can be retrained", id)
			return
		}
		seen[id] = true
	}
	switch n := len(c.Gains); {
	case n == 0:
		add("competences", "Select the competence they gain")
	case n > MaxRetrainGains:
		add("competences", "A change gives at most %d competences (it has %d)", MaxRetrainGains, n)
	}
	type comp struct{ fw, node string }
	dup := map[comp]bool{}
	for i, g := range c.Gains {
		field := fmt.Sprintf("competences[%d].", i)
		if g.FrameworkKey == "" || g.NodeKey == "" {
			add(field+"node_key", "Select the competence they gain")
			continue
		}
		if dup[comp{g.FrameworkKey, g.NodeKey}] {
			add(field+"node_key", "The competence %s is given twice in this change", g.NodeKey)
			continue
		}
		dup[comp{g.FrameworkKey, g.NodeKey}] = true
		if !strict || rules.Competence == nil {
			continue
		}
		levels, ok := rules.Competence(g.FrameworkKey, g.NodeKey)
		if !ok {
			add(field+"node_key", "%s is not a competence of a framework the unit's roles use", g.NodeKey)
			continue
		}
		rank := 1
		switch {
		case len(levels) == 0 && g.LevelKey != "":
			add(field+"level_key", "This competence's framework has no levels: leave the level empty")
			continue
		case len(levels) > 0:
			if rank = levelRank(levels, g.LevelKey); rank == 0 {
				add(field+"level_key", "Select a level of the competence's framework")
				continue
			}
		}
		for _, id := range c.PersonIDs {
			if had, ok := st.gained[gainKey{id, g.FrameworkKey, g.NodeKey}]; ok && had.rank >= rank {
				add(field+"level_key", "Person %d already gains %s at this level or higher in an earlier change of the scenario", id, g.NodeKey)
				break
			}
		}
	}
}

// retrain records what a valid retrain change gives, for the duplicate check of later changes.
func (st *replay) retrain(c ScenarioChange, rules ScenarioRules) {
	for _, g := range c.Gains {
		rank := 0
		if rules.Competence != nil {
			if levels, ok := rules.Competence(g.FrameworkKey, g.NodeKey); ok {
				rank = max(levelRank(levels, g.LevelKey), 1)
			}
		}
		for _, id := range c.PersonIDs {
			k := gainKey{id, g.FrameworkKey, g.NodeKey}
			st.gained[k] = gainedAt{max(st.gained[k].rank, rank)}
		}
	}
}

// Retrained is what the retrain changes give, as holdings, in the changes' order.
func Retrained(changes []ScenarioChange) []Holding {
	var out []Holding
	for _, c := range changes {
		if c.Kind != ChangeRetrain {
			continue
		}
		for _, id := range c.PersonIDs {
			for _, g := range c.Gains {
				out = append(out, Holding{PersonID: id, FrameworkKey: g.FrameworkKey, NodeKey: g.NodeKey, LevelKey: g.LevelKey})
			}
		}
	}
	return out
}

// HasRetraining says whether any change retrains people.
func HasRetraining(changes []ScenarioChange) bool {
	for _, c := range changes {
		if c.Kind == ChangeRetrain {
			return true
		}
	}
	return false
}

// ScenarioInput is the input of a scenario's profile: today's unit (its teams, people and their
// holdings) with the scenario's posts, and the competences its retrain changes give added to
// the holdings. A person who no longer works in the unit counts nowhere, retrained or not.
func ScenarioInput(today ProfileInput, posts []Post, changes []ScenarioChange) ProfileInput {
	future := today
	future.Posts = posts
	if gained := Retrained(changes); len(gained) > 0 {
		future.Holdings = append(append(make([]Holding, 0, len(today.Holdings)+len(gained)), today.Holdings...), gained...)
	}
	return future
}

// WithUnit adds to the rules what a retrain change is checked against, from the unit's input
// today (with the roles of the scenario's posts): its people are those with a current
// assignment in one of its teams; its competences are the nodes of the framework versions its
// roles' requirements name (the newest version that has the node gives the level scale).
func (rules ScenarioRules) WithUnit(in ProfileInput) ScenarioRules {
	teams := make(map[int64]bool, len(in.Teams))
	for _, t := range in.Teams {
		teams[t.ID] = true
	}
	people := make(map[int64]bool, len(in.Staff))
	for _, s := range in.Staff {
		if teams[s.TeamID] {
			people[s.PersonID] = true
		}
	}
	versions := map[string]map[string]bool{} // framework key → versions the roles name
	for _, r := range in.Roles {
		for _, q := range r.Requirements {
			if versions[q.FrameworkKey] == nil {
				versions[q.FrameworkKey] = map[string]bool{}
			}
			versions[q.FrameworkKey][q.FrameworkVersion] = true
		}
	}
	lookup := in.Lookup
	rules.IsPerson = func(id int64) bool { return people[id] }
	rules.Competence = func(fw, node string) ([]framework.Level, bool) {
		var best *framework.Framework
		for v := range maps.Keys(versions[fw]) {
			if lookup == nil {
				break
			}
			if f := lookup(fw, v); f != nil && f.Node(node) != nil && (best == nil || best.Version < v) {
				best = f
			}
		}
		if best == nil {
			return nil, false
		}
		return best.Levels, true
	}
	return rules
}
