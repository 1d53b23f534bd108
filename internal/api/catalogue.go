package api

import (
	"net/url"
	"slices"
	"strings"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

// The JSON shapes of the catalogue (FrameworkList, FrameworkSummary, FrameworkDetail and
// VersionSummary in api/openapi.yaml). Framework documents are framework.Framework itself.

type frameworkList struct {
	Frameworks []frameworkSummary `json:"frameworks"`
}

type frameworkSummary struct {
	Key           string           `json:"key"`
	Title         string           `json:"title"`
	Kind          framework.Kind   `json:"kind"`
	Publisher     string           `json:"publisher"`
	LatestVersion string           `json:"latest_version"`
	Provisional   bool             `json:"provisional"`
	Versions      []versionSummary `json:"versions"`
	Href          string           `json:"href"`
}

type frameworkDetail struct {
	frameworkSummary
	Latest *framework.Framework `json:"latest"`
}

type versionSummary struct {
	Version     string `json:"version"`
	Title       string `json:"title"`
	Status      string `json:"status"`
	Provisional bool   `json:"provisional"`
	BuiltIn     bool   `json:"built_in"`
	NodeCount   int    `json:"node_count"`
	Href        string `json:"href"`
}

// isPublic reports whether a stored version is published through the API: built-in frameworks
// and frameworks shared with every organisation are; an organisation's own local frameworks are
// not, so they are left out of lists and answered with 404 as if they did not exist.
func isPublic(v store.FrameworkVersion) bool { return v.OrganisationID == 0 }

// effectiveStatus is a version's status, where an empty one means published (as in the file
// format).
func effectiveStatus(v store.FrameworkVersion) string {
	if v.Status == "" {
		return framework.StatusPublished
	}
	return v.Status
}

func frameworkHref(key string) string { return "/api/v1/frameworks/" + url.PathEscape(key) }

func versionHref(key, version string) string {
	return frameworkHref(key) + "/versions/" + url.PathEscape(version)
}

// summarise groups the public versions of one or more frameworks into summaries, ordered by key,
// each with its versions oldest first (by version number, then by when they were stored).
func summarise(versions []store.FrameworkVersion) []frameworkSummary {
	byKey := map[string][]store.FrameworkVersion{}
	for _, v := range versions {
		if isPublic(v) {
			byKey[v.Key] = append(byKey[v.Key], v)
		}
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]frameworkSummary, 0, len(keys))
	for _, k := range keys {
		out = append(out, summariseOne(byKey[k]))
	}
	return out
}

// summariseOne summarises the versions of one framework; versions must not be empty.
func summariseOne(versions []store.FrameworkVersion) frameworkSummary {
	versions = slices.Clone(versions)
	slices.SortStableFunc(versions, func(a, b store.FrameworkVersion) int {
		if c := framework.CompareVersions(a.Version, b.Version); c != 0 {
			return c
		}
		return cmpInt64(a.ID, b.ID)
	})
	latest := latestOf(versions)
	s := frameworkSummary{
		Key: latest.Key, Title: latest.Title, Kind: latest.Kind, Publisher: latest.Publisher,
		LatestVersion: latest.Version, Provisional: latest.Provisional,
		Versions: make([]versionSummary, len(versions)), Href: frameworkHref(latest.Key),
	}
	for i, v := range versions {
		s.Versions[i] = versionSummary{
			Version: v.Version, Title: v.Title, Status: effectiveStatus(v), Provisional: v.Provisional,
			BuiltIn: v.BuiltIn, NodeCount: v.NodeCount, Href: versionHref(v.Key, v.Version),
		}
	}
	return s
}

// latestOf picks the version new work should use from versions sorted oldest first: the newest
// published one, or the newest of any status when none is published.
func latestOf(sorted []store.FrameworkVersion) store.FrameworkVersion {
	for i := len(sorted) - 1; i >= 0; i-- {
		if effectiveStatus(sorted[i]) == framework.StatusPublished {
			return sorted[i]
		}
	}
	return sorted[len(sorted)-1]
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// document prepares a stored framework for the API: the lists the contract requires (nodes,
// a crosswalk's mappings and each mapping's targets) are sent as [] rather than null when empty.
func document(f *framework.Framework) *framework.Framework {
	if f.Nodes == nil {
		f.Nodes = []framework.Node{}
	}
	if c := f.Crosswalk; c != nil {
		if c.Mappings == nil {
			c.Mappings = []framework.Mapping{}
		}
		for i := range c.Mappings {
			if c.Mappings[i].To == nil {
				c.Mappings[i].To = []framework.Target{}
			}
		}
	}
	return f
}

// kindList names every kind, for messages.
func kindList() string {
	names := make([]string, len(framework.Kinds))
	for i, k := range framework.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}
