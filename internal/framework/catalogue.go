package framework

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// LoadAll loads every framework file (*.yaml, *.yml, *.json) in the root folder of fsys, such
// as the built-in frameworks embedded in the binary. It validates each file, checks that no two
// files hold the same version of a framework, and checks each crosswalk against the earlier
// version it names (same key), which must be among the files.
//
// It returns the frameworks that could be read, sorted by key and then by version (see
// CompareVersions), and every problem found, each naming its file.
func LoadAll(fsys fs.FS) ([]*Framework, []Problem) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, []Problem{{Reason: "the folder of framework files could not be read: " + err.Error()}}
	}
	type loaded struct {
		f    *Framework
		file string
	}
	var all []loaded
	var problems []Problem
	for _, e := range entries {
		if e.IsDir() || !isFrameworkFile(e.Name()) {
			continue
		}
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			problems = append(problems, Problem{File: e.Name(), Reason: "the file could not be read: " + err.Error()})
			continue
		}
		f, ps := Load(data, e.Name())
		problems = append(problems, ps...)
		if f != nil {
			all = append(all, loaded{f, e.Name()})
		}
	}

	byID := map[string]loaded{}
	for _, l := range all {
		if first, dup := byID[l.f.ID()]; dup {
			problems = append(problems, Problem{File: l.file, Path: "version", Reason: fmt.Sprintf(
				"version %q of %q is also in %s: keep each version of a framework in one file only", l.f.Version, l.f.Key, first.file)})
			continue
		}
		byID[l.f.ID()] = l
	}
	for _, l := range all {
		c := l.f.Crosswalk
		if c == nil || blank(c.FromVersion) || c.FromVersion == l.f.Version {
			continue // Validate has said what is wrong
		}
		earlier, ok := byID[l.f.Key+"@"+c.FromVersion]
		if !ok {
			problems = append(problems, Problem{File: l.file, Path: "crosswalk.from_version", Reason: fmt.Sprintf(
				"the crosswalk maps from version %q of %q, but no file here holds that version: add it, or remove the crosswalk", c.FromVersion, l.f.Key)})
			continue
		}
		for _, p := range ValidateCrosswalk(earlier.f, l.f) {
			p.File = l.file
			problems = append(problems, p)
		}
	}

	slices.SortStableFunc(all, func(a, b loaded) int {
		if c := strings.Compare(a.f.Key, b.f.Key); c != 0 {
			return c
		}
		if c := CompareVersions(a.f.Version, b.f.Version); c != 0 {
			return c
		}
		return strings.Compare(a.file, b.file)
	})
	out := make([]*Framework, len(all))
	for i, l := range all {
		out[i] = l.f
	}
	return out, problems
}

func isFrameworkFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return !strings.HasPrefix(name, ".")
	}
	return false
}

// CompareVersions orders version strings the way people read them: runs of digits compare as
// numbers ("2.10" after "2.9", "10" after "9"), other runs as text, and a version that is a
// prefix of another comes first ("2" before "2.1"). It returns -1, 0 or +1.
func CompareVersions(a, b string) int {
	as, bs := versionParts(a), versionParts(b)
	for i := 0; i < len(as) && i < len(bs); i++ {
		if c := comparePart(as[i], bs[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(as) < len(bs):
		return -1
	case len(as) > len(bs):
		return 1
	}
	return strings.Compare(a, b) // "1.0" and "1.00": any fixed order
}

func versionParts(s string) []string {
	var parts []string
	for i := 0; i < len(s); {
		j := i + 1
		digit := isDigit(s[i])
		for j < len(s) && isDigit(s[j]) == digit {
			j++
		}
		parts = append(parts, s[i:j])
		i = j
	}
	return parts
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func comparePart(a, b string) int {
	if isDigit(a[0]) && isDigit(b[0]) {
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if len(a) != len(b) {
			if len(a) < len(b) {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	}
	if isDigit(a[0]) != isDigit(b[0]) {
		// A number sorts before text ("2.0" before "2.beta"... at the same place).
		if isDigit(a[0]) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}
