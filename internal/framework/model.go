// Package framework is the generic model of a workforce framework version: metadata, a level
// scale, a tree of nodes, rules and a crosswalk to an earlier version. Every framework Workframe
// knows (IWF, Career Framework for Health, KSF, IWL, a regional strategy, an organisation's own)
// is a value of this model, loaded from data: adding a framework never needs code.
//
// The package is pure: it reads and writes its own YAML/JSON file format and validates it. Other
// formats (CSV, XLSX, CASE) live in internal/transfer.
package framework

// Kind says what a framework is used for, which decides the rules that apply to it.
type Kind string

const (
	// KindProfile frameworks take focus profiles: 100% of a role's focus spread over elements.
	KindProfile Kind = "profile"
	// KindLevels frameworks are a scale of levels that roles are placed on (Career Framework).
	KindLevels Kind = "levels"
	// KindCompetence frameworks list competences or dimensions with levels (KSF).
	KindCompetence Kind = "competence"
	// KindChecklist frameworks are standards an organisation assesses itself against (IWL).
	KindChecklist Kind = "checklist"
	// KindStrategy frameworks hold strategic priorities that plans act on.
	KindStrategy Kind = "strategy"
	// KindMethod frameworks are the stages of a method (Six Steps, Calderdale).
	KindMethod Kind = "method"
)

// Kinds lists every kind in the order the catalogue shows them.
var Kinds = []Kind{KindProfile, KindLevels, KindCompetence, KindChecklist, KindStrategy, KindMethod}

// Status of a framework version in its publisher's life cycle.
const (
	StatusDraft      = "draft"
	StatusPublished  = "published"
	StatusSuperseded = "superseded"
	StatusRetired    = "retired"
)

// Statuses lists the allowed values of Framework.Status.
var Statuses = []string{StatusDraft, StatusPublished, StatusSuperseded, StatusRetired}

// Framework is one version of a framework. Key + Version identify it.
type Framework struct {
	Key         string `yaml:"key" json:"key"`
	Title       string `yaml:"title" json:"title"`
	Version     string `yaml:"version" json:"version"`
	Kind        Kind   `yaml:"kind" json:"kind"`
	Status      string `yaml:"status,omitempty" json:"status,omitempty"`
	Publisher   string `yaml:"publisher,omitempty" json:"publisher,omitempty"`
	Source      string `yaml:"source,omitempty" json:"source,omitempty"`
	Licence     string `yaml:"licence,omitempty" json:"licence,omitempty"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	Language    string `yaml:"language,omitempty" json:"language,omitempty"`
	// Identifier is an external identifier kept from an import (a CASE CFDocument identifier,
	// which may be a UUID or a URL); empty for Workframe's own files.
	Identifier string `yaml:"identifier,omitempty" json:"identifier,omitempty"`
	// Provisional marks metadata whose official wording could not be confirmed.
	Provisional bool `yaml:"provisional,omitempty" json:"provisional,omitempty"`

	Levels    []Level    `yaml:"levels,omitempty" json:"levels,omitempty"`
	Rules     *Rules     `yaml:"rules,omitempty" json:"rules,omitempty"`
	Nodes     []Node     `yaml:"nodes" json:"nodes"`
	Crosswalk *Crosswalk `yaml:"crosswalk,omitempty" json:"crosswalk,omitempty"`
	// Relations keeps associations other than the parent/child tree (CASE exactMatchOf,
	// isRelatedTo, precedes, ...), so they survive an import and are exported again.
	Relations []Relation `yaml:"relations,omitempty" json:"relations,omitempty"`
}

// Level is one step of a framework's level scale (IWF Awareness..Advanced, Career Framework 1..9).
type Level struct {
	Key         string `yaml:"key" json:"key"`
	Rank        int    `yaml:"rank" json:"rank"` // 1 is the lowest; ranks order the scale
	Title       string `yaml:"title" json:"title"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Examples are indicative job titles or illustrations at this level.
	Examples    string `yaml:"examples,omitempty" json:"examples,omitempty"`
	Provisional bool   `yaml:"provisional,omitempty" json:"provisional,omitempty"`
}

// Node is one node of the framework's tree: a domain, element, competence, dimension, standard,
// priority, stage... The Type is free text so that local frameworks can name their own.
type Node struct {
	// Key is unique within the framework version and is what profiles and crosswalks refer to.
	Key         string `yaml:"key" json:"key"`
	Type        string `yaml:"type" json:"type"`
	Title       string `yaml:"title" json:"title"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Code is a short human code shown beside the title (KSF "HWB1", CASE humanCodingScheme).
	Code        string `yaml:"code,omitempty" json:"code,omitempty"`
	Notes       string `yaml:"notes,omitempty" json:"notes,omitempty"`
	Provisional bool   `yaml:"provisional,omitempty" json:"provisional,omitempty"`
	// Identifier, Language and Sequence are kept from an import (CASE CFItem identifier,
	// language and sequenceNumber) so that an export gives them back unchanged.
	Identifier string `yaml:"identifier,omitempty" json:"identifier,omitempty"`
	Language   string `yaml:"language,omitempty" json:"language,omitempty"`
	Sequence   *int   `yaml:"sequence,omitempty" json:"sequence,omitempty"`
	// Examples and References hold good-practice examples and further reading (IWL standards,
	// strategic findings).
	Examples   []string `yaml:"examples,omitempty" json:"examples,omitempty"`
	References []string `yaml:"references,omitempty" json:"references,omitempty"`

	Children []Node `yaml:"children,omitempty" json:"children,omitempty"`
}

// Rules are the constraints a framework puts on what is built with it.
type Rules struct {
	// ProfileNodeType is the node type that takes a share of a profile ("element" for the IWF).
	ProfileNodeType string `yaml:"profile_node_type,omitempty" json:"profile_node_type,omitempty"`
	// Total is what a profile's shares add up to (100 for the IWF).
	Total int `yaml:"total,omitempty" json:"total,omitempty"`
	// MinShare is the least share every profiled node must have; every node is included.
	MinShare int `yaml:"min_share,omitempty" json:"min_share,omitempty"`
	// MinShareProvisional marks a minimum whose official value is not confirmed.
	MinShareProvisional bool `yaml:"min_share_provisional,omitempty" json:"min_share_provisional,omitempty"`
}

// Crosswalk maps the nodes of an earlier version of the same framework onto this version.
type Crosswalk struct {
	FromVersion string    `yaml:"from_version" json:"from_version"`
	Mappings    []Mapping `yaml:"mappings" json:"mappings"`
	// LevelRule says how a migrated node's level is chosen; "largest-share" (ties: the higher
	// level) is the only rule today.
	LevelRule string `yaml:"level_rule,omitempty" json:"level_rule,omitempty"`
}

// Mapping sends one node of the earlier version to nodes of this version. The weights say which
// part of the old node's share each new node receives and must add up to 1.
type Mapping struct {
	From string   `yaml:"from" json:"from"`
	To   []Target `yaml:"to" json:"to"`
}

// Target is one destination of a Mapping.
type Target struct {
	Node   string  `yaml:"node" json:"node"`
	Weight float64 `yaml:"weight" json:"weight"`
}

// Relation is an association between a node of this framework and another node or an outside
// resource, in the direction it was published. One end at least is a node of this framework:
// exactly one of From and FromURI is set, and exactly one of To and ToURI, and From and To are
// not both empty.
type Relation struct {
	// Type is the association type as CASE names it (exactMatchOf, isRelatedTo, precedes, ...).
	Type string `yaml:"type" json:"type"`
	// From is the key of the origin node when it is in this framework; empty otherwise.
	From string `yaml:"from" json:"from"`
	// FromURI and FromTitle name an origin outside this framework (an item of another
	// framework that points at one of ours).
	FromURI   string `yaml:"from_uri,omitempty" json:"from_uri,omitempty"`
	FromTitle string `yaml:"from_title,omitempty" json:"from_title,omitempty"`
	// To is the key of the destination node when it is in this framework; empty otherwise.
	To string `yaml:"to,omitempty" json:"to,omitempty"`
	// ToURI and ToTitle name a destination outside this framework (another framework, a page).
	ToURI   string `yaml:"to_uri,omitempty" json:"to_uri,omitempty"`
	ToTitle string `yaml:"to_title,omitempty" json:"to_title,omitempty"`
	// Identifier and Sequence are kept from an import (CFAssociation identifier, sequenceNumber).
	Identifier string `yaml:"identifier,omitempty" json:"identifier,omitempty"`
	Sequence   *int   `yaml:"sequence,omitempty" json:"sequence,omitempty"`
	// Notes are free text about the association (CFAssociation notes).
	Notes string `yaml:"notes,omitempty" json:"notes,omitempty"`
}

// ID is the identity of a framework version, "key@version".
func (f *Framework) ID() string { return f.Key + "@" + f.Version }

// Walk calls fn for every node in depth-first order with its parent's key ("" at the top) and
// its depth (0 at the top). It stops early when fn returns false.
func (f *Framework) Walk(fn func(n *Node, parent string, depth int) bool) {
	var walk func(nodes []Node, parent string, depth int) bool
	walk = func(nodes []Node, parent string, depth int) bool {
		for i := range nodes {
			if !fn(&nodes[i], parent, depth) {
				return false
			}
			if !walk(nodes[i].Children, nodes[i].Key, depth+1) {
				return false
			}
		}
		return true
	}
	walk(f.Nodes, "", 0)
}

// Node returns the node with the given key, or nil.
func (f *Framework) Node(key string) *Node {
	var found *Node
	f.Walk(func(n *Node, _ string, _ int) bool {
		if n.Key == key {
			found = n
			return false
		}
		return true
	})
	return found
}

// NodesOfType returns the nodes of one type in tree order.
func (f *Framework) NodesOfType(typ string) []*Node {
	var out []*Node
	f.Walk(func(n *Node, _ string, _ int) bool {
		if n.Type == typ {
			out = append(out, n)
		}
		return true
	})
	return out
}

// CountNodes returns how many nodes the tree holds.
func (f *Framework) CountNodes() int {
	count := 0
	f.Walk(func(*Node, string, int) bool { count++; return true })
	return count
}

// IsProvisional reports whether anything in the framework is marked provisional.
func (f *Framework) IsProvisional() bool {
	if f.Provisional || (f.Rules != nil && f.Rules.MinShareProvisional) {
		return true
	}
	for _, l := range f.Levels {
		if l.Provisional {
			return true
		}
	}
	found := false
	f.Walk(func(n *Node, _ string, _ int) bool {
		found = n.Provisional
		return !found
	})
	return found
}
