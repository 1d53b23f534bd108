package demo

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/workforce"
)

// The demo's roles, profiles and local framework are data, in the YAML files of data/: read
// them there. This file only turns them into domain values.

//go:embed data/*.yaml
var dataFS embed.FS

// Frameworks the demo data refers to. The built-in ones must be loaded before Load runs.
const (
	KSFKey     = "ksf"
	KSFVersion = "2010"
	IWFKey     = "iwf"
	// LocalFrameworkKey is the trust's own competence framework, which Load saves as a framework
	// of Riverside University Hospitals NHS Foundation Trust.
	LocalFrameworkKey     = "riverside-research-competences"
	LocalFrameworkVersion = "1"
	localFrameworkFile    = "data/riverside-research-competences-1.yaml"
)

// KSFCore are the six core dimensions of the KSF, which every demo role requires.
var KSFCore = []string{"c1", "c2", "c3", "c4", "c5", "c6"}

// Family is a role family of the demo: the column a role sits in on a local career framework.
type Family struct{ Key, Name string }

// Families are the demo's role families.
var Families = []Family{
	{"nursing", "Nursing and midwifery"},
	{"allied-health", "Allied health professions"},
	{"healthcare-science", "Healthcare science"},
	{"administration", "Administration and management"},
	{"research", "Research"},
}

// RoleSpec is one demo role: the organisation it belongs to (a top-level organisation of
// Organisations), its family, and the role itself without ids.
type RoleSpec struct {
	Organisation string
	Family       string
	Role         workforce.Role
}

// CopySpec says that an organisation copied a partner's shared role.
type CopySpec struct {
	From  string `yaml:"from"`
	Title string `yaml:"title"`
	To    string `yaml:"to"`
}

// ProfileSpec is one demo IWF profile: of a role (Organisation and Role set) or a member of
// staff's own (Email set, and Aim the title of the role they aim for in their employer).
type ProfileSpec struct {
	Organisation, Role string
	Email, Aim         string
	Title              string
	Profile            profile.Profile
}

// Content is the demo data read from data/.
type Content struct {
	Roles          []RoleSpec
	Copies         []CopySpec
	RoleProfiles   []ProfileSpec
	PeopleProfiles []ProfileSpec
	LocalFramework *framework.Framework
	// CareerFrameworks are the local career frameworks of data/career-frameworks.yaml.
	CareerFrameworks []CareerFrameworkSpec
}

// CareerFrameworkSpec is one demo career framework. Roles are named by title; a shared role of a
// partner names its organisation too.
type CareerFrameworkSpec struct {
	Organisation string `yaml:"organisation"`
	Title        string `yaml:"title"`
	StaffGroup   string `yaml:"staff_group"`
	Description  string `yaml:"description"`
	Status       string `yaml:"status"`
	Shared       bool   `yaml:"shared"`
	Families     []struct {
		Name   string     `yaml:"name"`
		Roles  []string   `yaml:"roles"`
		Shared []CopySpec `yaml:"shared"` // From and Title; To is unused
	} `yaml:"families"`
	Routes []struct {
		From          string `yaml:"from"`
		To            string `yaml:"to"`
		Registration  bool   `yaml:"registration"`
		Qualification string `yaml:"qualification"`
		Note          string `yaml:"note"`
	} `yaml:"routes"`
}

// Load reads the demo data once; the files are embedded, so an error is a bug in them that the
// package's tests catch.
var loadContent = sync.OnceValues(readContent)

// ReadContent returns the demo data. Callers must not change what it returns.
func ReadContent() (*Content, error) { return loadContent() }

func readContent() (*Content, error) {
	c := &Content{}
	data, err := dataFS.ReadFile(localFrameworkFile)
	if err != nil {
		return nil, err
	}
	f, problems := framework.Load(data, localFrameworkFile)
	if len(problems) > 0 {
		return nil, fmt.Errorf("demo: %s", problems[0])
	}
	c.LocalFramework = f
	if err := c.readRoles(); err != nil {
		return nil, err
	}
	if err := c.readProfiles(); err != nil {
		return nil, err
	}
	var careers struct {
		CareerFrameworks []CareerFrameworkSpec `yaml:"career_frameworks"`
	}
	if err := decodeStrict("data/career-frameworks.yaml", &careers); err != nil {
		return nil, err
	}
	for _, cf := range careers.CareerFrameworks {
		if !isTopOrganisation(cf.Organisation) {
			return nil, fmt.Errorf("demo: career-frameworks.yaml: %q is not a demo organisation", cf.Organisation)
		}
	}
	c.CareerFrameworks = careers.CareerFrameworks
	return c, nil
}

// roleEntry is a role as written in data/roles.yaml (its header says what each field means).
type roleEntry struct {
	Title            string   `yaml:"title"`
	Family           string   `yaml:"family"`
	StaffGroup       string   `yaml:"staff_group"`
	Profession       string   `yaml:"profession"`
	Level            int      `yaml:"level"`
	Indicative       bool     `yaml:"indicative"`
	Band             string   `yaml:"band"`
	Registered       bool     `yaml:"registered"`
	Status           string   `yaml:"status"`
	Shared           bool     `yaml:"shared"`
	Summary          string   `yaml:"summary"`
	Activities       []string `yaml:"activities"`
	QualityStandards []string `yaml:"quality_standards"`
	KnowledgeSkills  []string `yaml:"knowledge_skills"`
	KSF              string   `yaml:"ksf"`
	Local            string   `yaml:"local"`
}

func (c *Content) readRoles() error {
	var file struct {
		Organisations []struct {
			Name  string      `yaml:"name"`
			Roles []roleEntry `yaml:"roles"`
		} `yaml:"organisations"`
		Copies []CopySpec `yaml:"copies"`
	}
	if err := decodeStrict("data/roles.yaml", &file); err != nil {
		return err
	}
	for _, o := range file.Organisations {
		if !isTopOrganisation(o.Name) {
			return fmt.Errorf("demo: roles.yaml: %q is not a demo organisation", o.Name)
		}
		for _, e := range o.Roles {
			if !knownFamily(e.Family) {
				return fmt.Errorf("demo: roles.yaml: role %q: family %q is not one of the demo's families", e.Title, e.Family)
			}
			status := e.Status
			if status == "" {
				status = workforce.StatusPublished
			}
			r := workforce.Role{
				Title: e.Title, StaffGroup: e.StaffGroup, Profession: e.Profession,
				Level: e.Level, LevelIndicative: e.Indicative, Band: e.Band, RegistrationRequired: e.Registered,
				Summary: e.Summary, Activities: e.Activities, QualityStandards: e.QualityStandards,
				KnowledgeSkills: e.KnowledgeSkills, Status: status, Shared: e.Shared,
			}
			ksf, err := requirements(KSFKey, KSFVersion, e.KSF)
			if err != nil {
				return fmt.Errorf("demo: roles.yaml: role %q: ksf: %w", e.Title, err)
			}
			local, err := requirements(LocalFrameworkKey, LocalFrameworkVersion, e.Local)
			if err != nil {
				return fmt.Errorf("demo: roles.yaml: role %q: local: %w", e.Title, err)
			}
			r.Requirements = append(ksf, local...)
			c.Roles = append(c.Roles, RoleSpec{Organisation: o.Name, Family: e.Family, Role: r})
		}
	}
	c.Copies = file.Copies
	return nil
}

// requirements reads "c1=3 c2=2 hwb1=1?": node=level, a trailing ? for a desirable
// requirement. Level N is the framework's level key "level-N".
func requirements(key, version, spec string) ([]workforce.Requirement, error) {
	var out []workforce.Requirement
	for _, item := range strings.Fields(spec) {
		desirable := strings.HasSuffix(item, "?")
		node, level, ok := strings.Cut(strings.TrimSuffix(item, "?"), "=")
		if !ok || node == "" {
			return nil, fmt.Errorf("%q is not node=level", item)
		}
		if _, err := strconv.Atoi(level); err != nil {
			return nil, fmt.Errorf("%q: the level must be a number", item)
		}
		out = append(out, workforce.Requirement{
			FrameworkKey: key, FrameworkVersion: version, NodeKey: node,
			LevelKey: "level-" + level, Essential: !desirable,
		})
	}
	return out, nil
}

type profileEntry struct {
	Organisation string            `yaml:"organisation"`
	Role         string            `yaml:"role"`
	Email        string            `yaml:"email"`
	Title        string            `yaml:"title"`
	Aim          string            `yaml:"aim"`
	Framework    string            `yaml:"framework"`
	Version      string            `yaml:"version"`
	Shares       map[string]string `yaml:"shares"`
	Notes        map[string]string `yaml:"notes"`
}

func (c *Content) readProfiles() error {
	var file struct {
		Roles  []profileEntry `yaml:"roles"`
		People []profileEntry `yaml:"people"`
	}
	if err := decodeStrict("data/profiles.yaml", &file); err != nil {
		return err
	}
	for _, e := range file.Roles {
		p, err := e.profile()
		if err != nil {
			return fmt.Errorf("demo: profiles.yaml: role %q: %w", e.Role, err)
		}
		title := e.Title
		if title == "" {
			title = e.Role + ": role profile"
		}
		c.RoleProfiles = append(c.RoleProfiles, ProfileSpec{Organisation: e.Organisation, Role: e.Role, Title: title, Profile: p})
	}
	for _, e := range file.People {
		p, err := e.profile()
		if err != nil {
			return fmt.Errorf("demo: profiles.yaml: %s %q: %w", e.Email, e.Title, err)
		}
		c.PeopleProfiles = append(c.PeopleProfiles, ProfileSpec{Email: e.Email, Aim: e.Aim, Title: e.Title, Profile: p})
	}
	return nil
}

// profile reads the shares ("12 intermediate") into a profile. The entries are sorted by node
// key here; Load puts them in the framework's tree order.
func (e profileEntry) profile() (profile.Profile, error) {
	p := profile.Profile{FrameworkKey: e.Framework, FrameworkVersion: e.Version}
	for node, v := range e.Shares {
		share, level, ok := strings.Cut(strings.TrimSpace(v), " ")
		n, err := strconv.Atoi(share)
		if !ok || err != nil {
			return p, fmt.Errorf("%s: %q is not \"share level\"", node, v)
		}
		p.Entries = append(p.Entries, profile.Entry{Node: node, Share: n, Level: strings.TrimSpace(level), Note: e.Notes[node]})
	}
	for node := range e.Notes {
		if _, ok := e.Shares[node]; !ok {
			return p, fmt.Errorf("a note for %s, which has no share", node)
		}
	}
	return p, nil
}

// inTreeOrder returns p with its entries in the order of f's profiled nodes (entries for
// nodes f does not have last, for Validate to report).
func inTreeOrder(p profile.Profile, f *framework.Framework) profile.Profile {
	byNode := map[string]profile.Entry{}
	for _, e := range p.Entries {
		byNode[e.Node] = e
	}
	out := p
	out.Entries = nil
	for _, n := range f.ProfiledNodes() {
		if e, ok := byNode[n.Key]; ok {
			out.Entries = append(out.Entries, e)
			delete(byNode, n.Key)
		}
	}
	for _, e := range p.Entries {
		if _, left := byNode[e.Node]; left {
			out.Entries = append(out.Entries, e)
		}
	}
	return out
}

func decodeStrict(name string, v any) error {
	data, err := dataFS.ReadFile(name)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("demo: %s: %w", name, err)
	}
	return nil
}

func knownFamily(key string) bool {
	for _, f := range Families {
		if f.Key == key {
			return true
		}
	}
	return false
}

func isTopOrganisation(name string) bool {
	for _, u := range Organisations {
		if u.name == name {
			return true
		}
	}
	return false
}

// employerOf returns the top-level demo organisation that holds the node called name.
func employerOf(name string) (string, error) {
	var holds func(u unit) bool
	holds = func(u unit) bool {
		if u.name == name {
			return true
		}
		for _, c := range u.children {
			if holds(c) {
				return true
			}
		}
		return false
	}
	for _, u := range Organisations {
		if holds(u) {
			return u.name, nil
		}
	}
	return "", errors.New("demo: no demo organisation is called " + strconv.Quote(name))
}
