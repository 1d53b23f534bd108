package framework

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// VersionDiff is what changed from one version of a framework to another, for people reading a
// new version: nodes added, removed, renamed, moved and otherwise changed, changes to the level
// scale and the rules, and, when the new version has a crosswalk from the old one, where each
// old node goes. Each list is in tree order (of the new version; of the old one for removals).
type VersionDiff struct {
	Key        string `json:"key"`
	OldVersion string `json:"old_version"`
	NewVersion string `json:"new_version"`

	Added   []NodeChange `json:"added,omitempty"`
	Removed []NodeChange `json:"removed,omitempty"`
	// Renamed nodes kept their key but changed title, or were given a new key and title with a
	// crosswalk that sends the whole of the old node to the new one (ViaCrosswalk).
	Renamed []NodeChange `json:"renamed,omitempty"`
	// Moved nodes have a different parent.
	Moved []NodeChange `json:"moved,omitempty"`
	// Changed nodes have other fields changed (description, type, code, notes, provisional,
	// examples, references, or the key alone when a crosswalk links the two keys).
	Changed []NodeChange `json:"changed,omitempty"`

	Levels []LevelChange `json:"levels,omitempty"`
	Rules  []FieldChange `json:"rules,omitempty"`
	// Crosswalk lists where each node of the old version goes, when the new version's crosswalk
	// maps from the old version; nil otherwise.
	Crosswalk []CrosswalkRow `json:"crosswalk,omitempty"`
}

// NodeChange is one node that was added, removed, renamed, moved or changed.
type NodeChange struct {
	// OldKey and NewKey are the node's keys in each version; one is empty for an added or a
	// removed node, and they differ only for a node linked by the crosswalk.
	OldKey string `json:"old_key,omitempty"`
	NewKey string `json:"new_key,omitempty"`
	// Type is the node type (in the new version when the node is there).
	Type     string `json:"type"`
	OldTitle string `json:"old_title,omitempty"`
	NewTitle string `json:"new_title,omitempty"`
	// OldParent and NewParent are the titles of the parent nodes (empty at the top of the
	// tree); the keys are beside them.
	OldParent    string `json:"old_parent,omitempty"`
	NewParent    string `json:"new_parent,omitempty"`
	OldParentKey string `json:"old_parent_key,omitempty"`
	NewParentKey string `json:"new_parent_key,omitempty"`
	// ViaCrosswalk says the old and new nodes are linked by the crosswalk, not by their key.
	ViaCrosswalk bool `json:"via_crosswalk,omitempty"`
	// Fields are the fields that changed (Changed entries only).
	Fields []FieldChange `json:"fields,omitempty"`
}

// Key is the node's key in the new version, or in the old one for a removed node.
func (c NodeChange) Key() string {
	if c.NewKey != "" {
		return c.NewKey
	}
	return c.OldKey
}

// FieldChange is one field whose value changed, written as text ("yes"/"no" for true/false,
// lines for lists).
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// What happened to a level.
const (
	LevelAdded   = "added"
	LevelRemoved = "removed"
	LevelChanged = "changed"
)

// LevelChange is one level of the scale that was added, removed or changed (matched by key).
type LevelChange struct {
	Key    string        `json:"key"`
	Change string        `json:"change"` // LevelAdded, LevelRemoved or LevelChanged
	Old    *Level        `json:"old,omitempty"`
	New    *Level        `json:"new,omitempty"`
	Fields []FieldChange `json:"fields,omitempty"`
}

// CrosswalkRow is where one node of the old version goes in the new one.
type CrosswalkRow struct {
	FromKey   string            `json:"from_key"`
	FromTitle string            `json:"from_title"`
	To        []CrosswalkTarget `json:"to"`
}

// CrosswalkTarget is one destination of a CrosswalkRow with its weight (the part of the old
// node's share it receives).
type CrosswalkTarget struct {
	Key    string  `json:"key"`
	Title  string  `json:"title"`
	Weight float64 `json:"weight"`
}

// Empty reports whether nothing changed.
func (d VersionDiff) Empty() bool {
	return len(d.Added)+len(d.Removed)+len(d.Renamed)+len(d.Moved)+len(d.Changed)+len(d.Levels)+len(d.Rules) == 0
}

// Diff compares two versions of a framework. It is meant for an old and a new version of the
// same framework, but any two frameworks can be compared (nodes are matched by key). A node
// whose key changed is still matched when the new version's crosswalk maps from old.Version
// and sends the whole of the old node (weight 1) to a new key that nothing else maps to.
func Diff(old, new *Framework) VersionDiff {
	if old == nil {
		old = &Framework{}
	}
	if new == nil {
		new = &Framework{}
	}
	d := VersionDiff{Key: new.Key, OldVersion: old.Version, NewVersion: new.Version}
	if d.Key == "" {
		d.Key = old.Key
	}
	oldIx, newIx := indexNodes(old), indexNodes(new)
	cw := new.Crosswalk
	if !cw.MapsFrom(old.Version) || old.Key != new.Key {
		cw = nil
	}

	// Pair old keys with new ones: the same key, or a 1:1 whole mapping of the crosswalk.
	pairOf := map[string]string{} // old key → new key
	newPaired := map[string]string{}
	for key := range oldIx.first {
		if newIx.has(key) {
			pairOf[key], newPaired[key] = key, key
		}
	}
	if cw != nil {
		sources := map[string]int{} // new key → how many old nodes map to it
		for _, m := range cw.Mappings {
			for _, t := range slices.Compact(targetKeys(m.To)) {
				sources[t]++
			}
		}
		for _, m := range cw.Mappings {
			if len(m.To) != 1 || math.Abs(m.To[0].Weight-1) > weightTolerance {
				continue
			}
			to := m.To[0].Node
			if !oldIx.has(m.From) || newIx.has(m.From) || !newIx.has(to) || oldIx.has(to) ||
				sources[to] != 1 || newPaired[to] != "" {
				continue
			}
			pairOf[m.From], newPaired[to] = to, m.From
		}
	}
	// parentIn maps an old parent key to its new key, so that a parent that was re-keyed
	// through the crosswalk is not taken for a move.
	parentIn := func(oldParent string) string {
		if p, ok := pairOf[oldParent]; ok {
			return p
		}
		return oldParent
	}
	title := func(ix *nodeIndex, key string) string {
		if in, ok := ix.first[key]; ok {
			return in.node.Title
		}
		return ""
	}

	for _, key := range uniqueKeys(newIx) {
		n := newIx.first[key].node
		np := newIx.parent[key]
		oldKey, ok := newPaired[key]
		if !ok {
			d.Added = append(d.Added, NodeChange{NewKey: key, Type: n.Type, NewTitle: n.Title,
				NewParentKey: np, NewParent: title(newIx, np)})
			continue
		}
		o := oldIx.first[oldKey].node
		op := oldIx.parent[oldKey]
		c := NodeChange{OldKey: oldKey, NewKey: key, Type: n.Type, OldTitle: o.Title, NewTitle: n.Title,
			OldParentKey: op, NewParentKey: np, OldParent: title(oldIx, op), NewParent: title(newIx, np),
			ViaCrosswalk: oldKey != key}
		if o.Title != n.Title {
			d.Renamed = append(d.Renamed, c)
		}
		if parentIn(op) != np {
			d.Moved = append(d.Moved, c)
		}
		if oldKey != key && o.Title == n.Title {
			c.Fields = append(c.Fields, FieldChange{Field: "key", Old: oldKey, New: key})
		}
		c.Fields = append(c.Fields, nodeFieldChanges(o, n)...)
		if len(c.Fields) > 0 {
			d.Changed = append(d.Changed, c)
		}
	}
	for _, key := range uniqueKeys(oldIx) {
		if _, ok := pairOf[key]; ok {
			continue
		}
		o := oldIx.first[key].node
		op := oldIx.parent[key]
		d.Removed = append(d.Removed, NodeChange{OldKey: key, Type: o.Type, OldTitle: o.Title,
			OldParentKey: op, OldParent: title(oldIx, op)})
	}

	d.Levels = levelChanges(old.Levels, new.Levels)
	d.Rules = ruleChanges(old.Rules, new.Rules)
	if cw != nil {
		d.Crosswalk = crosswalkRows(cw, oldIx, newIx)
	}
	return d
}

func targetKeys(ts []Target) []string {
	keys := make([]string, len(ts))
	for i, t := range ts {
		keys[i] = t.Node
	}
	slices.Sort(keys)
	return keys
}

// uniqueKeys lists the keys of the tree in order, each once (the first node with the key).
func uniqueKeys(ix *nodeIndex) []string {
	keys := make([]string, 0, len(ix.order))
	for _, in := range ix.order {
		if in.node.Key != "" && ix.first[in.node.Key].node == in.node {
			keys = append(keys, in.node.Key)
		}
	}
	return keys
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func nodeFieldChanges(o, n *Node) []FieldChange {
	var out []FieldChange
	text := func(field, a, b string) {
		if a != b {
			out = append(out, FieldChange{Field: field, Old: a, New: b})
		}
	}
	text("type", o.Type, n.Type)
	text("description", o.Description, n.Description)
	text("code", o.Code, n.Code)
	text("notes", o.Notes, n.Notes)
	text("provisional", yesNo(o.Provisional), yesNo(n.Provisional))
	if !slices.Equal(o.Examples, n.Examples) {
		out = append(out, FieldChange{Field: "examples", Old: strings.Join(o.Examples, "\n"), New: strings.Join(n.Examples, "\n")})
	}
	if !slices.Equal(o.References, n.References) {
		out = append(out, FieldChange{Field: "references", Old: strings.Join(o.References, "\n"), New: strings.Join(n.References, "\n")})
	}
	return out
}

func levelChanges(old, new []Level) []LevelChange {
	var out []LevelChange
	find := func(levels []Level, key string) *Level {
		for i := range levels {
			if levels[i].Key == key {
				return &levels[i]
			}
		}
		return nil
	}
	seen := map[string]bool{}
	for i := range new {
		n := &new[i]
		if seen[n.Key] {
			continue
		}
		seen[n.Key] = true
		o := find(old, n.Key)
		if o == nil {
			out = append(out, LevelChange{Key: n.Key, Change: LevelAdded, New: clone(n)})
			continue
		}
		var fields []FieldChange
		text := func(field, a, b string) {
			if a != b {
				fields = append(fields, FieldChange{Field: field, Old: a, New: b})
			}
		}
		text("rank", strconv.Itoa(o.Rank), strconv.Itoa(n.Rank))
		text("title", o.Title, n.Title)
		text("description", o.Description, n.Description)
		text("examples", o.Examples, n.Examples)
		text("provisional", yesNo(o.Provisional), yesNo(n.Provisional))
		if len(fields) > 0 {
			out = append(out, LevelChange{Key: n.Key, Change: LevelChanged, Old: clone(o), New: clone(n), Fields: fields})
		}
	}
	for i := range old {
		o := &old[i]
		if seen[o.Key] {
			continue
		}
		seen[o.Key] = true
		out = append(out, LevelChange{Key: o.Key, Change: LevelRemoved, Old: clone(o)})
	}
	return out
}

func clone[T any](v *T) *T {
	c := *v
	return &c
}

func ruleChanges(old, new *Rules) []FieldChange {
	if old == nil {
		old = &Rules{}
	}
	if new == nil {
		new = &Rules{}
	}
	var out []FieldChange
	text := func(field, a, b string) {
		if a != b {
			out = append(out, FieldChange{Field: field, Old: a, New: b})
		}
	}
	text("profile_node_type", old.ProfileNodeType, new.ProfileNodeType)
	text("total", strconv.Itoa(old.Total), strconv.Itoa(new.Total))
	text("min_share", strconv.Itoa(old.MinShare), strconv.Itoa(new.MinShare))
	text("min_share_provisional", yesNo(old.MinShareProvisional), yesNo(new.MinShareProvisional))
	return out
}

// crosswalkRows lists the mappings in the tree order of the old nodes (mappings from keys that
// are not in the old version come last, in the crosswalk's order).
func crosswalkRows(cw *Crosswalk, oldIx, newIx *nodeIndex) []CrosswalkRow {
	pos := map[string]int{}
	for i, key := range uniqueKeys(oldIx) {
		pos[key] = i
	}
	rows := make([]CrosswalkRow, 0, len(cw.Mappings))
	order := make([]int, 0, len(cw.Mappings))
	for _, m := range cw.Mappings {
		row := CrosswalkRow{FromKey: m.From}
		if in, ok := oldIx.first[m.From]; ok {
			row.FromTitle = in.node.Title
		}
		for _, t := range m.To {
			ct := CrosswalkTarget{Key: t.Node, Weight: t.Weight}
			if in, ok := newIx.first[t.Node]; ok {
				ct.Title = in.node.Title
			}
			row.To = append(row.To, ct)
		}
		p, ok := pos[m.From]
		if !ok {
			p = len(pos)
		}
		rows = append(rows, row)
		order = append(order, p)
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return order[a] - order[b] })
	out := make([]CrosswalkRow, len(rows))
	for i, j := range idx {
		out[i] = rows[j]
	}
	return out
}
