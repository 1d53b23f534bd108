package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// Retraining people in a scenario (decision 0013): the form lists one team's people at a time
// (a GET form chooses the team, so it works without JavaScript and stays short in a large
// unit), the competences the unit's and the scenario's posts require, and the levels of their
// frameworks. Only names are shown: nothing else about a person is needed to choose them.

// retrainChoices is what the retraining form offers.
type retrainChoices struct {
	Teams       []workforce.TeamRef
	Team        int64
	TeamName    string
	People      []choice
	Competences []choice
	Levels      []levelGroup
}

// levelGroup is one framework's level scale, an optgroup of the level select.
type levelGroup struct {
	Key, Label string
	Levels     []choice
}

// retrainWords names competences ("framework|node") and levels (framework → key) in words.
type retrainWords struct {
	competence map[string]string
	level      map[string]map[string]string
	order      []string // competences in the coverage table's order
	frameworks []*framework.Framework
}

// retrainWords finds the words from the frameworks the unit's and the scenario's roles use
// (the newest version each names) and the competences of the comparison's coverage.
func (s *Server) retrainWords(r *http.Request, in workforce.ProfileInput, cmp workforce.Comparison) retrainWords {
	w := retrainWords{competence: map[string]string{}, level: map[string]map[string]string{}}
	newest := map[string]string{}
	for _, role := range in.Roles {
		for _, q := range role.Requirements {
			if newest[q.FrameworkKey] < q.FrameworkVersion {
				newest[q.FrameworkKey] = q.FrameworkVersion
			}
		}
	}
	lookup := in.Lookup
	if lookup == nil {
		lookup = s.db.AnyFrameworks(r.Context())
	}
	keys := make([]string, 0, len(newest))
	for k := range newest {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		f := lookup(k, newest[k])
		if f == nil {
			continue
		}
		w.frameworks = append(w.frameworks, f)
		w.level[k] = map[string]string{}
		for _, l := range f.Levels {
			w.level[k][l.Key] = l.Title
		}
	}
	for _, c := range cmp.Coverage {
		key := c.Competence.FrameworkKey + "|" + c.Competence.NodeKey
		w.competence[key] = strings.TrimSpace(c.Competence.Code + " " + c.Competence.Title)
		w.order = append(w.order, key)
	}
	return w
}

// retrainChoices lists the chosen team's people today (the first team when none is chosen),
// the competences of the coverage table and the level scales.
func (s *Server) retrainChoices(r *http.Request, in workforce.ProfileInput, form scenarioForm, words retrainWords) (*retrainChoices, error) {
	rc := &retrainChoices{Teams: in.Teams}
	if len(in.Teams) == 0 {
		return rc, nil
	}
	rc.Team, rc.TeamName = in.Teams[0].ID, in.Teams[0].Name
	if id, err := strconv.ParseInt(form.RetrainTeam, 10, 64); err == nil {
		for _, t := range in.Teams {
			if t.ID == id {
				rc.Team, rc.TeamName = t.ID, t.Name
			}
		}
	}
	var ids []int64
	for _, st := range in.Staff {
		if st.TeamID == rc.Team && !slices.Contains(ids, st.PersonID) {
			ids = append(ids, st.PersonID)
		}
	}
	brief, err := s.db.PeopleBrief(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		rc.People = append(rc.People, choice{strconv.FormatInt(id, 10), brief[id].Name})
	}
	slices.SortStableFunc(rc.People, func(a, b choice) int { return strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)) })
	for _, key := range words.order {
		rc.Competences = append(rc.Competences, choice{key, words.competence[key]})
	}
	for _, f := range words.frameworks {
		g := levelGroup{Key: f.Key, Label: f.Title}
		for _, l := range f.Levels {
			g.Levels = append(g.Levels, choice{l.Key, l.Title})
		}
		if len(g.Levels) > 0 {
			rc.Levels = append(rc.Levels, g)
		}
	}
	return rc, nil
}

// retraining reads the form's people and competence into a change's.
func (f scenarioForm) retraining() ([]int64, []workforce.Gain) {
	var people []int64
	for p := range f.People {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil {
			people = append(people, id)
		}
	}
	slices.Sort(people)
	var gains []workforce.Gain
	if fw, node, ok := strings.Cut(f.Competence, "|"); ok {
		gains = append(gains, workforce.Gain{FrameworkKey: fw, NodeKey: node, LevelKey: f.Level})
	}
	return people, gains
}

// fieldOf is the form field a domain problem of the change is about.
func (f scenarioForm) fieldOf(problem string) string {
	switch {
	case problem == "post_ids":
		return "change-post_ids"
	case problem == "person_ids":
		return "retrain-person_ids"
	case strings.HasPrefix(problem, "competences") && strings.HasSuffix(problem, "level_key"):
		return "retrain-level"
	case strings.HasPrefix(problem, "competences"):
		return "retrain-competence"
	}
	return f.prefix() + problem
}

// retrainedText says who gains what in a retrain change: by name for a viewer who may see the
// unit's people, otherwise how many.
func (s *Server) retrainedText(r *http.Request, c workforce.ScenarioChange, words retrainWords, seePeople bool) string {
	who := strconv.Itoa(len(c.PersonIDs)) + " people"
	if len(c.PersonIDs) == 1 {
		who = "1 person"
	}
	if seePeople {
		if brief, err := s.db.PeopleBrief(r.Context(), c.PersonIDs); err == nil {
			var names []string
			for _, id := range c.PersonIDs {
				if p, ok := brief[id]; ok {
					names = append(names, p.Name)
				} else {
					names = append(names, "someone no longer recorded")
				}
			}
			who = strings.Join(names, ", ")
		}
	}
	return who + " gain " + words.gains(c)
}

// gains says what a retrain change gives, in words: "C1 Communication at Level 2; ...".
func (words retrainWords) gains(c workforce.ScenarioChange) string {
	var what []string
	for _, g := range c.Gains {
		name := words.competence[g.FrameworkKey+"|"+g.NodeKey]
		if name == "" {
			name = g.NodeKey
		}
		if lvl := words.level[g.FrameworkKey][g.LevelKey]; lvl != "" {
			name += " at " + lvl
		} else if g.LevelKey != "" {
			name += " at " + g.LevelKey
		}
		what = append(what, name)
	}
	return strings.Join(what, "; ")
}
