package framework

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The two file formats of Workframe's own framework files.
const (
	FormatYAML = "yaml"
	FormatJSON = "json"
)

// DetectFormat says whether data is YAML or JSON: by the file name's extension (.yaml, .yml,
// .json) when it has one of those, otherwise by the content (a first non-space character "{"
// means JSON, anything else YAML).
func DetectFormat(data []byte, filename string) string {
	switch strings.ToLower(path.Ext(filename)) {
	case ".yaml", ".yml":
		return FormatYAML
	case ".json":
		return FormatJSON
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return FormatJSON
	}
	return FormatYAML
}

var utf8BOM = []byte("\xef\xbb\xbf")

// Fault is one thing wrong in a file that could not be read as a framework.
type Fault struct {
	// Line is the line of the file (from 1), or 0 when it is not known.
	Line int
	// Path is where in the framework the fault is (like "nodes[2].colour"), when known.
	Path string
	// Reason says what is wrong, in plain English.
	Reason string
}

// ParseError is the error Parse returns for a file that is not a well-formed framework file. It
// lists every fault found, not only the first.
type ParseError struct {
	File   string
	Faults []Fault
}

func (e *ParseError) Error() string {
	lines := make([]string, 0, len(e.Faults))
	for _, p := range e.Problems() {
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

// Problems returns the faults as problems, with the line number as the start of the path
// ("line 12" or "line 12, nodes[2].colour"), so that they can be listed with validation problems.
func (e *ParseError) Problems() []Problem {
	out := make([]Problem, 0, len(e.Faults))
	for _, f := range e.Faults {
		where := f.Path
		if f.Line > 0 {
			where = "line " + strconv.Itoa(f.Line)
			if f.Path != "" {
				where += ", " + f.Path
			}
		}
		out = append(out, Problem{File: e.File, Path: where, Reason: f.Reason})
	}
	return out
}

// Parse reads one framework version from YAML or JSON (see DetectFormat). It is strict: a field
// the format does not know is an error (a misspelt field would otherwise be silently lost). It
// does not check the rules: call Validate, or use Load, which does both.
//
// Empty lists in the file come back as nil slices, so that Parse(Marshal(f)) equals f.
// On failure the error is a *ParseError naming every fault with its line where known.
func Parse(data []byte, filename string) (f *Framework, err error) {
	defer func() {
		// The decoders should never panic; if one does, the file is still only bad input.
		if r := recover(); r != nil {
			f = nil
			err = &ParseError{File: filename, Faults: []Fault{{Reason: fmt.Sprintf(
				"the file could not be read as a framework file (%v)", r)}}}
		}
	}()
	var faults []Fault
	if DetectFormat(data, filename) == FormatJSON {
		f, faults = parseJSON(data)
	} else {
		f, faults = parseYAML(data)
	}
	if len(faults) == 0 {
		faults = checkText(f)
	}
	if len(faults) > 0 {
		return nil, &ParseError{File: filename, Faults: faults}
	}
	normalize(f)
	return f, nil
}

func parseYAML(data []byte) (*Framework, []Fault) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
		return nil, []Fault{{Reason: "the file is empty"}}
	}
	var f Framework
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(&f)
	if errors.Is(err, io.EOF) {
		return nil, []Fault{{Reason: "the file holds no framework (it has only comments or a lone ---)"}}
	}
	if err != nil {
		return nil, yamlFaults(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		line := extra.Line
		if err != nil {
			return nil, yamlFaults(err)
		}
		return nil, []Fault{{Line: line, Reason: "the file holds more than one YAML document (a line " +
			"with --- starts a second one): put each framework version in a file of its own"}}
	}
	return &f, nil
}

var (
	reYAMLLine      = regexp.MustCompile(`^(?:yaml: )?line (\d+): (?s)(.*)$`)
	reYAMLUnknown   = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)
	reYAMLAlready   = regexp.MustCompile(`^field (\S+) already set in type (\S+)$`)
	reYAMLDuplicate = regexp.MustCompile(`^mapping key (".*") already defined at line (\d+)$`)
	reYAMLType      = regexp.MustCompile("^(?s)cannot unmarshal (!!\\w+|!\\S*)(?: `(.*)`)? into (.+)$")
)

// yamlFaults turns the YAML decoder's messages into plain English with line numbers.
func yamlFaults(err error) []Fault {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	faults := make([]Fault, 0, len(msgs))
	for _, msg := range msgs {
		var fault Fault
		if m := reYAMLLine.FindStringSubmatch(msg); m != nil {
			fault.Line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		switch {
		case reYAMLUnknown.MatchString(msg):
			m := reYAMLUnknown.FindStringSubmatch(msg)
			fault.Reason = unknownFieldReason(m[1], goTypeNamed(m[2]), "yaml")
		case reYAMLAlready.MatchString(msg):
			m := reYAMLAlready.FindStringSubmatch(msg)
			fault.Reason = fmt.Sprintf("the field %q is given twice in %s", m[1], thingName(goTypeNamed(m[2])))
		case reYAMLDuplicate.MatchString(msg):
			m := reYAMLDuplicate.FindStringSubmatch(msg)
			fault.Reason = fmt.Sprintf("the field %s is given twice (first on line %s): keep one", m[1], m[2])
		case reYAMLType.MatchString(msg):
			m := reYAMLType.FindStringSubmatch(msg)
			fault.Reason = typeReason(yamlTagWords(m[1]), m[2], m[3])
		case fault.Line > 0:
			fault.Reason = "the YAML is not well formed here (" + msg + "); check the indentation, " +
				"colons and quotes on this line and the line before"
		default:
			fault.Reason = "the file could not be read as YAML (" + msg + ")"
		}
		faults = append(faults, fault)
	}
	return faults
}

func yamlTagWords(tag string) string {
	switch tag {
	case "!!str":
		return "text"
	case "!!int":
		return "a whole number"
	case "!!float":
		return "a number"
	case "!!bool":
		return "true or false"
	case "!!seq":
		return "a list"
	case "!!map":
		return "a set of fields"
	case "!!null":
		return "nothing"
	case "!!binary":
		return "binary data"
	case "!!timestamp":
		return "a date"
	}
	return "a value tagged " + tag
}

// typeReason says that a value of the wrong sort was found: found is in words, value the text
// found (may be empty), goType the Go type that was expected.
func typeReason(found, value, goType string) string {
	want := goTypeWords(goType)
	s := "expected " + want + " but found " + found
	if value != "" {
		s += " (" + strconv.Quote(value) + ")"
	}
	if want == "text" && (found == "a list" || found == "a set of fields") {
		s += `; put text with a colon or a dash at the start in quotes`
	}
	return s
}

// goTypeWords names a Go type of the model the way a person editing the file would.
func goTypeWords(t string) string {
	t = strings.TrimPrefix(t, "*")
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case t == "string" || t == "framework.Kind":
		return "text"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case strings.HasPrefix(t, "framework."):
		return "a set of fields (name: value) for " + thingName(goTypeNamed(t))
	}
	return t
}

// modelTypes are the structs of the file format, by their Go name.
var modelTypes = map[string]reflect.Type{
	"Framework": reflect.TypeFor[Framework](),
	"Level":     reflect.TypeFor[Level](),
	"Node":      reflect.TypeFor[Node](),
	"Rules":     reflect.TypeFor[Rules](),
	"Crosswalk": reflect.TypeFor[Crosswalk](),
	"Mapping":   reflect.TypeFor[Mapping](),
	"Target":    reflect.TypeFor[Target](),
	"Relation":  reflect.TypeFor[Relation](),
}

func goTypeNamed(s string) reflect.Type {
	s = strings.TrimPrefix(s, "*")
	s = strings.TrimPrefix(s, "framework.")
	return modelTypes[s]
}

// thingName is what a person calls a part of the file.
func thingName(t reflect.Type) string {
	if t == nil {
		return "this part of the file"
	}
	switch t.Name() {
	case "Framework":
		return "the framework"
	case "Level":
		return "a level"
	case "Node":
		return "a node"
	case "Rules":
		return "the rules"
	case "Crosswalk":
		return "the crosswalk"
	case "Mapping":
		return "a crosswalk mapping"
	case "Target":
		return "a crosswalk target"
	case "Relation":
		return "a relation"
	}
	return "this part of the file"
}

// fieldNames lists the field names of a model struct in one format ("yaml" or "json").
func fieldNames(t reflect.Type, format string) []string {
	if t == nil {
		return nil
	}
	var names []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get(format), ",")
		if name != "" && name != "-" {
			names = append(names, name)
		}
	}
	return names
}

func unknownFieldReason(field string, t reflect.Type, format string) string {
	thing := thingName(t)
	s := fmt.Sprintf("%q is not a field of %s", field, thing)
	names := fieldNames(t, format)
	if best := closest(field, names); best != "" {
		s += fmt.Sprintf(": did you mean %q?", best)
	} else if len(names) > 0 {
		s += "; check the spelling. The fields of " + thing + " are: " + strings.Join(names, ", ")
	}
	return s
}

// closest returns the name nearest to s when it is near enough to be a likely misspelling.
func closest(s string, names []string) string {
	best, bestDist := "", 3
	ls := strings.ToLower(s)
	for _, n := range names {
		d := editDistance(ls, n)
		if d < bestDist && d < len(n) {
			best, bestDist = n, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// checkText refuses text that is not valid UTF-8 (possible through YAML's !!binary): it could
// not be shown or exported faithfully.
func checkText(f *Framework) []Fault {
	var faults []Fault
	var walk func(v reflect.Value, at string)
	walk = func(v reflect.Value, at string) {
		switch v.Kind() {
		case reflect.String:
			if !utf8.ValidString(v.String()) {
				faults = append(faults, Fault{Path: at, Reason: "this text is not valid UTF-8 " +
					"(it may be binary data); save the file as UTF-8 text"})
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), at)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", at, i))
			}
		case reflect.Struct:
			t := v.Type()
			for i := range t.NumField() {
				name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
				walk(v.Field(i), joinPath(at, name))
			}
		}
	}
	walk(reflect.ValueOf(f), "")
	return faults
}

func joinPath(at, name string) string {
	if at == "" {
		return name
	}
	return at + "." + name
}

// normalize turns every empty list into nil, so that a framework has one form whatever the file
// said ("nodes: []", an absent field or null).
func normalize(f *Framework) {
	if len(f.Levels) == 0 {
		f.Levels = nil
	}
	if len(f.Relations) == 0 {
		f.Relations = nil
	}
	f.Nodes = normalizeNodes(f.Nodes)
	if c := f.Crosswalk; c != nil {
		if len(c.Mappings) == 0 {
			c.Mappings = nil
		}
		for i := range c.Mappings {
			if len(c.Mappings[i].To) == 0 {
				c.Mappings[i].To = nil
			}
		}
	}
}

func normalizeNodes(nodes []Node) []Node {
	if len(nodes) == 0 {
		return nil
	}
	for i := range nodes {
		n := &nodes[i]
		if len(n.Examples) == 0 {
			n.Examples = nil
		}
		if len(n.References) == 0 {
			n.References = nil
		}
		n.Children = normalizeNodes(n.Children)
	}
	return nodes
}

// Marshal writes a framework in Workframe's own format, "yaml" (or "yml") or "json". Parse gives
// back exactly the same framework (empty lists read back as nil). Weights that are not finite
// numbers (NaN, infinities) cannot be written as JSON.
func Marshal(f *Framework, format string) ([]byte, error) {
	if f == nil {
		return nil, errors.New("framework: nothing to write")
	}
	switch strings.ToLower(format) {
	case FormatYAML, "yml":
		return marshalYAML(f)
	case FormatJSON:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(f); err != nil {
			return nil, fmt.Errorf("framework %s: %w", f.ID(), err)
		}
		return buf.Bytes(), nil
	}
	return nil, fmt.Errorf("framework: unknown format %q (use %q or %q)", format, FormatYAML, FormatJSON)
}

func marshalYAML(f *Framework) ([]byte, error) {
	doc := yamlNode(reflect.ValueOf(f).Elem())
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("framework %s: %w", f.ID(), err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("framework %s: %w", f.ID(), err)
	}
	return buf.Bytes(), nil
}

// yamlNode builds the YAML tree of a value of the model directly, field by field in the order of
// the struct, leaving out empty omitempty fields. (yaml.Node.Encode would write the value as
// text and parse it again, which fails on some text such as a line break followed by a space.)
// Crosswalk targets are written on one line each: {node: x, weight: 0.5}.
func yamlNode(v reflect.Value) *yaml.Node {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
		}
		return yamlNode(v.Elem())
	case reflect.Struct:
		n := &yaml.Node{Kind: yaml.MappingNode}
		if v.Type() == reflect.TypeFor[Target]() {
			n.Style = yaml.FlowStyle
		}
		t := v.Type()
		for i := range t.NumField() {
			name, opts, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			fv := v.Field(i)
			if name == "" || name == "-" || (opts == "omitempty" && fv.IsZero()) ||
				(opts == "omitempty" && fv.Kind() == reflect.Slice && fv.Len() == 0) {
				continue
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}, yamlNode(fv))
		}
		return n
	case reflect.Slice:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range v.Len() {
			n.Content = append(n.Content, yamlNode(v.Index(i)))
		}
		return n
	case reflect.String:
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v.String()}
		if riskyText(n.Value) {
			n.Style = yaml.DoubleQuotedStyle
		}
		return n
	case reflect.Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.FormatBool(v.Bool())}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.FormatInt(v.Int(), 10)}
	case reflect.Float32, reflect.Float64:
		x := v.Float()
		s := strconv.FormatFloat(x, 'g', -1, v.Type().Bits())
		switch {
		case math.IsNaN(x):
			s = ".nan"
		case math.IsInf(x, 1):
			s = ".inf"
		case math.IsInf(x, -1):
			s = "-.inf"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Value: s}
	}
	panic(fmt.Sprintf("framework: no YAML form for %s", v.Type()))
}

// riskyText reports whether text must be written in double quotes (where every character can
// be escaped) because YAML's plain or block styles would not give it back exactly: control
// characters, carriage returns, unusual spaces and line breaks, and spaces at the ends of lines.
func riskyText(s string) bool {
	if !utf8.ValidString(s) {
		return false // written as !!binary by the encoder, which reads back exactly
	}
	if strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\n") {
		return true
	}
	for i, r := range s {
		switch {
		case r == '\n':
			if i > 0 && (s[i-1] == ' ' || s[i-1] == '\t') {
				return true // trailing space on a line of a block
			}
			if i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t') {
				return true // indentation inside a block
			}
		case r == '\t', r == '\r', r == '\uFEFF', r == '\u0085', r == '\u2028', r == '\u2029':
			return true
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			return true
		case !strconv.IsPrint(r) && r != ' ':
			return true
		}
	}
	return strings.HasSuffix(s, " ") || strings.HasSuffix(s, "\n")
}
