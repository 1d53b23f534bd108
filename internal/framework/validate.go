package framework

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a framework file, said so that the person who edits the file
// can act on it.
type Problem struct {
	// File is the name of the file, when known.
	File string
	// Path is where in the framework the problem is, like "nodes[2].children[0].key" or
	// "crosswalk.mappings[3].to[1].node"; for a file that could not be read, "line 12".
	Path string
	// Reason says what is wrong and how to put it right, in plain English.
	Reason string
}

// String gives "file: path: reason", leaving out the parts that are empty.
func (p Problem) String() string {
	parts := make([]string, 0, 3)
	for _, s := range []string{p.File, p.Path, p.Reason} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ": ")
}

// LevelRuleLargestShare is the only crosswalk level rule: a migrated node takes the level of
// the old node that gives it the largest share (ties: the higher level).
const LevelRuleLargestShare = "largest-share"

// weightTolerance is how far the weights of a mapping may be from 1 (floating-point sums such
// as 1/3+1/3+1/3).
const weightTolerance = 1e-9

// MaxKeyLength is the longest framework key allowed.
const MaxKeyLength = 64

var slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Load parses a framework file and validates it: the framework and every problem found, each
// with the file name. When the file cannot be read at all the framework is nil. A framework
// with problems is still returned, so that a caller can show it beside them; it must not be
// used until the problems are put right.
func Load(data []byte, filename string) (*Framework, []Problem) {
	f, err := Parse(data, filename)
	if err != nil {
		if pe, ok := err.(*ParseError); ok {
			return nil, pe.Problems()
		}
		return nil, []Problem{{File: filename, Reason: err.Error()}}
	}
	problems := Validate(f)
	for i := range problems {
		problems[i].File = filename
	}
	return f, problems
}

// Validate checks a framework against every rule of the file format and returns all the
// problems found (none when it is valid), in the order of the file. File is left empty.
// A crosswalk is checked here as far as this version allows; ValidateCrosswalk checks it against
// the earlier version.
func Validate(f *Framework) []Problem {
	if f == nil {
		return []Problem{{Reason: "there is no framework to check"}}
	}
	v := &validator{f: f, index: indexNodes(f)}
	v.metadata()
	v.levels()
	v.rules()
	v.nodes()
	v.crosswalk()
	v.relations()
	return v.problems
}

type validator struct {
	f        *Framework
	index    *nodeIndex
	problems []Problem
}

func (v *validator) add(path, format string, args ...any) {
	v.problems = append(v.problems, Problem{Path: path, Reason: fmt.Sprintf(format, args...)})
}

// nodeIndex places every node of a framework: its path in the file and its parent.
type nodeIndex struct {
	order  []indexedNode          // every node in tree order, duplicates included
	first  map[string]indexedNode // the first node with each key
	parent map[string]string      // key → key of its parent ("" at the top), from first nodes
}

type indexedNode struct {
	node   *Node
	path   string
	parent string
	depth  int
}

func indexNodes(f *Framework) *nodeIndex {
	ix := &nodeIndex{first: map[string]indexedNode{}, parent: map[string]string{}}
	var walk func(nodes []Node, at, parent string, depth int)
	walk = func(nodes []Node, at, parent string, depth int) {
		for i := range nodes {
			p := fmt.Sprintf("%s[%d]", at, i)
			in := indexedNode{node: &nodes[i], path: p, parent: parent, depth: depth}
			ix.order = append(ix.order, in)
			if key := nodes[i].Key; key != "" {
				if _, seen := ix.first[key]; !seen {
					ix.first[key] = in
					ix.parent[key] = parent
				}
			}
			walk(nodes[i].Children, p+".children", nodes[i].Key, depth+1)
		}
	}
	walk(f.Nodes, "nodes", "", 0)
	return ix
}

func (ix *nodeIndex) has(key string) bool {
	_, ok := ix.first[key]
	return ok
}

// describe names a node in a message: by key, else by title, else by its place.
func describe(n *Node, path string) string {
	switch {
	case strings.TrimSpace(n.Key) != "":
		return fmt.Sprintf("node %q", n.Key)
	case strings.TrimSpace(n.Title) != "":
		return fmt.Sprintf("the node titled %q", n.Title)
	}
	return "the node at " + path
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func (v *validator) metadata() {
	f := v.f
	name := "the framework"
	switch {
	case blank(f.Key):
		v.add("key", "the framework has no key: give it a short name of lowercase letters, digits and hyphens, such as \"iwf\"")
	case !slug.MatchString(f.Key):
		v.add("key", "the key %q is not allowed: use only lowercase letters a to z, digits and single hyphens between them (for example %q)", f.Key, suggestSlug(f.Key))
		name = fmt.Sprintf("the framework %q", f.Key)
	case len(f.Key) > MaxKeyLength:
		v.add("key", "the key %q is too long: use at most %d characters", f.Key, MaxKeyLength)
		name = fmt.Sprintf("the framework %q", f.Key)
	default:
		name = fmt.Sprintf("the framework %q", f.Key)
	}
	if blank(f.Title) {
		v.add("title", "%s has no title: give the name people know it by", name)
	}
	if blank(f.Version) {
		v.add("version", "%s has no version: say which version of the framework this file holds, such as \"2.1\"", name)
	}
	switch {
	case blank(string(f.Kind)):
		v.add("kind", "%s has no kind: choose one of %s", name, kindList())
	case !slices.Contains(Kinds, f.Kind):
		v.add("kind", "%q is not a kind of framework: choose one of %s", f.Kind, kindList())
	}
	if f.Status != "" && !slices.Contains(Statuses, f.Status) {
		v.add("status", "%q is not a status: choose one of %s, or leave it out (it then means %s)", f.Status, strings.Join(Statuses, ", "), StatusPublished)
	}
}

func kindList() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// suggestSlug turns a key that is not allowed into one that is, for the message.
func suggestSlug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		} else {
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "my-framework"
	}
	return b.String()
}

func (v *validator) levels() {
	f := v.f
	if f.Kind == KindLevels && len(f.Levels) == 0 {
		v.add("levels", "%q is a levels framework but has no levels: list the steps of its scale", f.Key)
	}
	keys := map[string]int{}
	ranks := map[int]int{}
	for i, l := range f.Levels {
		at := fmt.Sprintf("levels[%d]", i)
		name := fmt.Sprintf("level %q", l.Key)
		if blank(l.Key) {
			name = fmt.Sprintf("level %d (%q)", i+1, l.Title)
			v.add(at+".key", "%s has no key: give it a short key such as \"core\"", name)
		} else if first, dup := keys[l.Key]; dup {
			v.add(at+".key", "the level key %q is used twice (first at levels[%d]): every level needs its own key", l.Key, first)
		} else {
			keys[l.Key] = i
		}
		if blank(l.Title) {
			v.add(at+".title", "%s has no title", name)
		}
		if l.Rank < 1 {
			v.add(at+".rank", "%s has rank %d: ranks start at 1 for the lowest level", name, l.Rank)
		} else if first, dup := ranks[l.Rank]; dup {
			v.add(at+".rank", "%s and level %q both have rank %d: give each level its own rank", name, f.Levels[first].Key, l.Rank)
		} else {
			ranks[l.Rank] = i
		}
	}
}

func (v *validator) rules() {
	f, r := v.f, v.f.Rules
	if r == nil {
		if f.Kind == KindProfile {
			v.add("rules", "%q is a profile framework but has no rules: say which type of node takes a share (profile_node_type), what the shares add up to (total, usually 100) and the least share of each (min_share)", f.Key)
		}
		return
	}
	if blank(r.ProfileNodeType) {
		v.add("rules.profile_node_type", "the rules of %q do not say which type of node takes a share of a profile (for example \"element\")", f.Key)
	}
	profiled := 0
	if !blank(r.ProfileNodeType) {
		profiled = len(f.NodesOfType(r.ProfileNodeType))
		if profiled == 0 {
			v.add("rules.profile_node_type", "no node has the type %q, so a profile would have nothing to share its focus between%s", r.ProfileNodeType, typesPresent(f))
		}
	}
	if r.Total <= 0 {
		v.add("rules.total", "the total of a profile must be more than 0 (it is usually 100); it is %d", r.Total)
	}
	if r.MinShare < 0 {
		v.add("rules.min_share", "the minimum share cannot be negative; it is %d", r.MinShare)
	}
	if r.Total > 0 && r.MinShare > 0 && profiled > 0 && int64(r.MinShare)*int64(profiled) > int64(r.Total) {
		v.add("rules.min_share", "a minimum share of %d%% for each of %d %s makes a total of %d%% impossible", r.MinShare, profiled, plural(r.ProfileNodeType), r.Total)
	}
}

func typesPresent(f *Framework) string {
	var types []string
	f.Walk(func(n *Node, _ string, _ int) bool {
		if n.Type != "" && !slices.Contains(types, n.Type) {
			types = append(types, n.Type)
		}
		return true
	})
	if len(types) == 0 {
		return ""
	}
	return " (the node types in this file are: " + strings.Join(types, ", ") + ")"
}

// plural makes an English plural of a node type for messages.
func plural(s string) string {
	switch {
	case s == "":
		return "nodes"
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}

func (v *validator) nodes() {
	for _, in := range v.index.order {
		n := in.node
		name := describe(n, in.path)
		switch {
		case blank(n.Key):
			v.add(in.path+".key", "%s has no key: give it a short key, unique in this framework, that profiles and crosswalks can refer to", name)
		case n.Key != strings.TrimSpace(n.Key):
			v.add(in.path+".key", "the key %q starts or ends with a space: remove it", n.Key)
		case v.index.first[n.Key].node != n:
			first := v.index.first[n.Key]
			v.add(in.path+".key", "the node key %q is used twice: first at %s (%q) and again here (%q); every node needs its own key", n.Key, first.path, first.node.Title, n.Title)
		}
		if blank(n.Type) {
			v.add(in.path+".type", "%s has no type: say what it is, for example \"domain\" or \"element\"", name)
		}
		if blank(n.Title) {
			v.add(in.path+".title", "%s has no title: give the name people will see", name)
		}
	}
}

func (v *validator) crosswalk() {
	f, c := v.f, v.f.Crosswalk
	if c == nil {
		return
	}
	from := c.FromVersion
	switch {
	case blank(from):
		v.add("crosswalk.from_version", "the crosswalk does not say which earlier version of %q it maps from", f.Key)
		from = "the earlier version"
	case from == f.Version:
		v.add("crosswalk.from_version", "the crosswalk maps from version %q, which is the version of this file: it must name an earlier version", from)
	default:
		from = "version " + from
	}
	if c.LevelRule != "" && c.LevelRule != LevelRuleLargestShare {
		v.add("crosswalk.level_rule", "%q is not a level rule: use %q or leave it out", c.LevelRule, LevelRuleLargestShare)
	}
	if len(c.Mappings) == 0 {
		v.add("crosswalk.mappings", "the crosswalk from %s maps nothing: list where each of its nodes goes", from)
	}
	here := "version " + f.Version
	seen := map[string]int{}
	for i, m := range c.Mappings {
		at := fmt.Sprintf("crosswalk.mappings[%d]", i)
		old := fmt.Sprintf("%q", m.From)
		if blank(m.From) {
			v.add(at+".from", "mapping %d does not say which node of %s it maps", i+1, from)
			old = fmt.Sprintf("mapping %d", i+1)
		} else if first, dup := seen[m.From]; dup {
			v.add(at+".from", "%q is mapped twice (first at crosswalk.mappings[%d]): give all its destinations in one mapping", m.From, first)
		} else {
			seen[m.From] = i
		}
		if len(m.To) == 0 {
			v.add(at+".to", "%s is mapped to nothing: give at least one node of %s with a weight", old, here)
			continue
		}
		sum, weightsOK := 0.0, true
		targets := map[string]bool{}
		for j, t := range m.To {
			tat := fmt.Sprintf("%s.to[%d]", at, j)
			switch {
			case blank(t.Node):
				v.add(tat+".node", "a destination of %s has no node key", old)
			case !v.index.has(t.Node):
				v.add(tat+".node", "%s is mapped to %q, which is not a node of %s", old, t.Node, here)
			case targets[t.Node]:
				v.add(tat+".node", "%s is mapped to %q twice: give each destination once, with its whole weight", old, t.Node)
			}
			targets[t.Node] = true
			if math.IsNaN(t.Weight) || math.IsInf(t.Weight, 0) || t.Weight <= 0 {
				v.add(tat+".weight", "the weight from %s to %q must be a number more than 0; it is %s", old, t.Node, formatWeight(t.Weight))
				weightsOK = false
				continue
			}
			sum += t.Weight
		}
		if weightsOK && math.Abs(sum-1) > weightTolerance {
			v.add(at+".to", "the weights for %s add up to %s, not 1: they say which part of its share goes to each new node, and together they must be the whole of it", old, formatWeight(sum))
		}
	}
}

func formatWeight(w float64) string { return strconv.FormatFloat(w, 'g', 10, 64) }

// relations checks that every relation has a type and two ends, each either a node of this
// framework (from, to) or something outside it (from_uri, to_uri), never both forms at one end,
// and that at least one end is a node of this framework.
func (v *validator) relations() {
	for i, r := range v.f.Relations {
		at := fmt.Sprintf("relations[%d]", i)
		var name string
		switch {
		case !blank(r.From):
			name = fmt.Sprintf("relation %d from %q", i+1, r.From)
		case !blank(r.FromURI):
			name = fmt.Sprintf("relation %d from %q", i+1, r.FromURI)
		default:
			name = fmt.Sprintf("relation %d", i+1)
		}
		if blank(r.Type) {
			v.add(at+".type", "%s has no type: say what it is, for example \"isRelatedTo\" or \"exactMatchOf\"", name)
		}
		fromNode, fromOut := !blank(r.From), !blank(r.FromURI)
		toNode, toOut := !blank(r.To), !blank(r.ToURI)
		switch {
		case fromNode && fromOut:
			v.add(at+".from_uri", "%s gives both from (%q) and from_uri (%q): give from for a node of this framework or from_uri for something outside it, not both", name, r.From, r.FromURI)
		case !fromNode && !fromOut:
			v.add(at+".from", "%s does not say where it starts: give from (the key of a node in this framework) or from_uri (the address of something outside it)", name)
		case r.From != "" && !v.index.has(r.From):
			v.add(at+".from", "%s starts from %q, which is not a node of this framework; for something outside it, give its address in from_uri instead", name, r.From)
		}
		switch {
		case toNode && toOut:
			v.add(at+".to_uri", "%s gives both to (%q) and to_uri (%q): give to for a node of this framework or to_uri for something outside it, not both", name, r.To, r.ToURI)
		case !toNode && !toOut:
			v.add(at+".to", "%s points nowhere: give to (the key of a node in this framework) or to_uri (the address of something outside it)", name)
		case r.To != "" && !v.index.has(r.To):
			v.add(at+".to", "%s points to %q, which is not a node of this framework; for something outside it, give its address in to_uri instead", name, r.To)
		}
		if fromOut && toOut && !fromNode && !toNode {
			v.add(at+".from_uri", "%s goes from %q to %q, both outside this framework, so it is not about this framework: one end must be a node of it (from or to)", name, r.FromURI, r.ToURI)
		}
	}
}

// ValidateCrosswalk checks the crosswalk of later against the earlier version it maps from:
// every node it maps exists in earlier, every node of earlier that takes a share of a profile is
// mapped (otherwise its share would be lost when profiles move to later), and such shares go
// only to nodes that take a share in later. It returns nil when later has no crosswalk. File
// is left empty.
func ValidateCrosswalk(earlier, later *Framework) []Problem {
	if earlier == nil || later == nil || later.Crosswalk == nil {
		return nil
	}
	c := later.Crosswalk
	var problems []Problem
	add := func(path, format string, args ...any) {
		problems = append(problems, Problem{Path: path, Reason: fmt.Sprintf(format, args...)})
	}
	if earlier.Key != later.Key {
		add("crosswalk", "the crosswalk of %q cannot map from %q: a crosswalk links two versions of the same framework", later.Key, earlier.Key)
		return problems
	}
	if c.FromVersion != earlier.Version {
		add("crosswalk.from_version", "the crosswalk maps from version %q, not from version %q that it was checked against", c.FromVersion, earlier.Version)
		return problems
	}
	old, now := indexNodes(earlier), indexNodes(later)
	var oldType, newType string
	if earlier.Rules != nil {
		oldType = earlier.Rules.ProfileNodeType
	}
	if later.Rules != nil {
		newType = later.Rules.ProfileNodeType
	}
	mapped := map[string]bool{}
	for i, m := range c.Mappings {
		at := fmt.Sprintf("crosswalk.mappings[%d]", i)
		mapped[m.From] = true
		from, ok := old.first[m.From]
		if !ok {
			if !blank(m.From) {
				add(at+".from", "%q is not a node of version %s of %q", m.From, earlier.Version, earlier.Key)
			}
			continue
		}
		if oldType == "" || from.node.Type != oldType || newType == "" {
			continue
		}
		for j, t := range m.To {
			if in, ok := now.first[t.Node]; ok && in.node.Type != newType {
				add(fmt.Sprintf("%s.to[%d].node", at, j), "the share of %s %q can only go to a node of type %q, but %q is of type %q", oldType, m.From, newType, t.Node, in.node.Type)
			}
		}
	}
	if oldType != "" {
		for _, n := range earlier.NodesOfType(oldType) {
			if n.Key != "" && !mapped[n.Key] {
				add("crosswalk.mappings", "%s %q (%q) of version %s is not mapped, so its share in profiles made on version %s would be lost: add a mapping for it", oldType, n.Key, n.Title, earlier.Version, earlier.Version)
			}
		}
	}
	return problems
}
