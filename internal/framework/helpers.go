package framework

// Targets returns the nodes of this version that the earlier node from is mapped to, with their
// weights, or nil when the crosswalk does not map it (or there is no crosswalk).
func (c *Crosswalk) Targets(from string) []Target {
	if c == nil {
		return nil
	}
	for _, m := range c.Mappings {
		if m.From == from {
			return m.To
		}
	}
	return nil
}

// Sources returns the keys of the earlier nodes that are mapped (wholly or in part) to the node
// to of this version, in the order of the crosswalk.
func (c *Crosswalk) Sources(to string) []string {
	if c == nil {
		return nil
	}
	var out []string
	for _, m := range c.Mappings {
		for _, t := range m.To {
			if t.Node == to {
				out = append(out, m.From)
				break
			}
		}
	}
	return out
}

// MapsFrom reports whether the crosswalk maps from the given version of the framework.
func (c *Crosswalk) MapsFrom(version string) bool {
	return c != nil && c.FromVersion == version
}

// ProfiledNodes returns the nodes that take a share of a profile (those of the rules' profile
// node type) in tree order, or nil when the framework has no such rule.
func (f *Framework) ProfiledNodes() []*Node {
	if f.Rules == nil || f.Rules.ProfileNodeType == "" {
		return nil
	}
	return f.NodesOfType(f.Rules.ProfileNodeType)
}

// Level returns the level with the given key, or nil.
func (f *Framework) Level(key string) *Level {
	for i := range f.Levels {
		if f.Levels[i].Key == key {
			return &f.Levels[i]
		}
	}
	return nil
}

// Parent returns the parent of the node with the given key, or nil when the node is at the top
// of the tree or not in it.
func (f *Framework) Parent(key string) *Node {
	var parent *Node
	var find func(nodes []Node, p *Node) bool
	find = func(nodes []Node, p *Node) bool {
		for i := range nodes {
			if nodes[i].Key == key {
				parent = p
				return true
			}
			if find(nodes[i].Children, &nodes[i]) {
				return true
			}
		}
		return false
	}
	find(f.Nodes, nil)
	return parent
}
