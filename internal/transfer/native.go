package transfer

import (
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/framework"
)

// readNative reads Workframe's own YAML/JSON file format (internal/framework owns it) and
// checks it with the same rules as every other import.
func readNative(data []byte, filename string) (*framework.Framework, []Problem) {
	f, err := framework.Parse(data, filename)
	if err != nil {
		var pe *framework.ParseError
		if errors.As(err, &pe) {
			problems := make([]Problem, len(pe.Faults))
			for i, fault := range pe.Faults {
				problems[i] = Problem{Line: fault.Line, Field: fault.Path, Reason: fault.Reason}
			}
			return nil, problems
		}
		return nil, []Problem{{Reason: err.Error()}}
	}
	if problems := validate(f, nil); len(problems) > 0 {
		return nil, problems
	}
	return f, nil
}

func writeNative(w io.Writer, f *framework.Framework, format string) error {
	if f == nil {
		return errNilFramework
	}
	data, err := framework.Marshal(f, format)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// place is where in an imported file a part of the framework came from.
type place struct {
	line  int
	sheet string
}

// places maps framework paths as internal/framework names them ("nodes[0].children[2]",
// "levels[1]", "relations[0]") to where they came from in the file.
type places map[string]place

// nodePlaces records the path of every node given the place of each node key.
func nodePlaces(f *framework.Framework, at func(key string) (place, bool)) places {
	ps := places{}
	var walk func(nodes []framework.Node, prefix string)
	walk = func(nodes []framework.Node, prefix string) {
		for i := range nodes {
			p := prefix + "[" + strconv.Itoa(i) + "]"
			if pl, ok := at(nodes[i].Key); ok {
				ps[p] = pl
			}
			walk(nodes[i].Children, p+".children")
		}
	}
	walk(f.Nodes, "nodes")
	return ps
}

// validate checks an imported framework with internal/framework's rules and says where in the
// file each problem is, as far as the places tell.
func validate(f *framework.Framework, at places) []Problem {
	var problems []Problem
	for _, vp := range framework.Validate(f) {
		p := Problem{Field: vp.Path, Reason: vp.Reason}
		// The longest recorded path that vp.Path starts with gives the line; what follows it
		// is the field.
		path := vp.Path
		for path != "" {
			if pl, ok := at[path]; ok {
				field := strings.TrimPrefix(strings.TrimPrefix(vp.Path, path), ".")
				if strings.ContainsAny(field, ".[") {
					field = vp.Path
				}
				if pl.sheet == SheetCrosswalk && field == "node" {
					field = "to" // the column a crosswalk target's node is in
				}
				p = Problem{Line: pl.line, Field: fieldName(pl.sheet, field), Reason: vp.Reason}
				break
			}
			path = parentPath(path)
		}
		problems = append(problems, p)
	}
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
	return problems
}

// parentPath drops the last segment of a path: "a[1].b" → "a[1]" → "a" → "".
func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}
