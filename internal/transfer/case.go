package transfer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/workframe/workframe/internal/framework"
)

// CASE association types (CASE 1.1 adds isTranslationOf; anything else is kept as it comes).
const (
	AssocIsChildOf       = "isChildOf"
	AssocExactMatchOf    = "exactMatchOf"
	AssocIsRelatedTo     = "isRelatedTo"
	AssocPrecedes        = "precedes"
	AssocReplacedBy      = "replacedBy"
	AssocIsPartOf        = "isPartOf"
	AssocHasSkillLevel   = "hasSkillLevel"
	AssocIsPeerOf        = "isPeerOf"
	AssocExemplar        = "exemplar"
	AssocIsTranslationOf = "isTranslationOf"
)

// ProvisionalMarker is the first line of the notes of an exported CFItem (or CFDocument) that
// Workframe marks provisional. Reading it back sets Provisional and removes the line.
const ProvisionalMarker = "[provisional] Not confirmed against an official source."

// defaultNodeType is the node type of a CFItem without a CFItemType, and the type exported
// without one.
const defaultNodeType = "item"

// titleLimit is the most runes a title derived from a fullStatement has.
const titleLimit = 100

// ReadCASE reads a CASE 1.0 or 1.1 CFPackage (CFDocument, CFItems, CFAssociations,
// CFDefinitions) into a framework. See docs/transfer.md for the mapping. It is all-or-nothing: with
// any problem it returns no framework.
func ReadCASE(r io.Reader) (*framework.Framework, []Problem) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, []Problem{{Reason: "cannot read the file: " + err.Error()}}
	}
	pkg, problems := decodePackage(data)
	if len(problems) > 0 {
		return nil, problems
	}
	f, at, problems := pkg.framework()
	if len(problems) > 0 {
		return nil, problems
	}
	if problems := validate(f, at); len(problems) > 0 {
		return nil, problems
	}
	return f, nil
}

type lined[T any] struct {
	v    T
	line int
}

type casePackage struct {
	doc    *lined[caseDocument]
	items  []lined[caseItem]
	assocs []lined[caseAssociation]
	defs   caseDefinitions
}

func lineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	if off < 0 {
		off = 0
	}
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// valueStart skips the white space, ':' and ',' between a JSON token and the next value.
func valueStart(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}

func jsonProblem(data []byte, err error) Problem {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return Problem{Line: lineAt(data, int(syn.Offset)), Reason: "not valid JSON: " + syn.Error()}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return Problem{Line: lineAt(data, len(data)), Reason: "not valid JSON: the file ends too early"}
	}
	return Problem{Reason: "not valid JSON: " + err.Error()}
}

// decodePackage decodes the parts of a package it knows, noting the line of each item and
// association for problem reports. Unknown members are skipped.
func decodePackage(data []byte) (*casePackage, []Problem) {
	data = bytes.TrimPrefix(data, utf8BOM)
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, []Problem{jsonProblem(data, err)}
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, []Problem{{Line: 1, Reason: "not a CASE package: expected a JSON object with CFDocument, CFItems and CFAssociations"}}
	}
	pkg := &casePackage{}
	var problems []Problem
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, []Problem{jsonProblem(data, err)}
		}
		name, _ := tok.(string)
		off := int(dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, []Problem{jsonProblem(data, err)}
		}
		start := valueStart(data, off)
		switch strings.ToLower(name) {
		case "cfdocument":
			var doc caseDocument
			if err := json.Unmarshal(raw, &doc); err != nil {
				problems = append(problems, fieldProblem(lineAt(data, start), "CFDocument", err))
				continue
			}
			pkg.doc = &lined[caseDocument]{doc, lineAt(data, start)}
		case "cfitems":
			problems = append(problems, decodeList(data, raw, start, "CFItems", &pkg.items)...)
		case "cfassociations":
			problems = append(problems, decodeList(data, raw, start, "CFAssociations", &pkg.assocs)...)
		case "cfdefinitions":
			// Definitions are optional help (item type and licence names): a malformed part is
			// ignored rather than failing the import.
			_ = json.Unmarshal(raw, &pkg.defs)
		}
	}
	if pkg.doc == nil && len(problems) == 0 {
		problems = append(problems, Problem{Line: 1, Field: "CFDocument", Reason: "missing: a CASE package needs a CFDocument"})
	}
	return pkg, problems
}

func fieldProblem(line int, where string, err error) Problem {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		field := where
		if typ.Field != "" {
			field += "." + typ.Field
		}
		return Problem{Line: line, Field: field, Reason: fmt.Sprintf("expected %s, found %s", friendlyType(typ.Type.Kind().String()), typ.Value)}
	}
	return Problem{Line: line, Field: where, Reason: err.Error()}
}

func friendlyType(kind string) string {
	switch kind {
	case "struct", "map":
		return "an object"
	case "slice":
		return "a list"
	case "string":
		return "text"
	}
	return kind
}

func decodeList[T any](data []byte, raw json.RawMessage, base int, name string, out *[]lined[T]) []Problem {
	sub := json.NewDecoder(bytes.NewReader(raw))
	tok, err := sub.Token()
	if err != nil || tok == nil {
		return nil // null: no entries
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return []Problem{{Line: lineAt(data, base), Field: name, Reason: "expected a list"}}
	}
	var problems []Problem
	for i := 0; sub.More(); i++ {
		off := int(sub.InputOffset())
		var elem json.RawMessage
		if err := sub.Decode(&elem); err != nil {
			return append(problems, jsonProblem(data, err))
		}
		line := lineAt(data, base+valueStart(raw, off))
		where := fmt.Sprintf("%s[%d]", name, i)
		if len(elem) == 0 || elem[0] != '{' {
			problems = append(problems, Problem{Line: line, Field: where, Reason: "expected an object"})
			continue
		}
		var v T
		if err := json.Unmarshal(elem, &v); err != nil {
			problems = append(problems, fieldProblem(line, where, err))
			continue
		}
		*out = append(*out, lined[T]{v, line})
	}
	return problems
}

// endpoint is where one end of an association resolves to.
type endpoint struct {
	item  int // index in the package's items, or -1
	doc   bool
	outer bool // neither an item nor the document of the package
}

// resolver finds items and the document by identifier or URI.
type resolver struct {
	byID, byURI   map[string]int
	docID, docURI string
}

func (r *resolver) resolve(l caseLink) endpoint {
	for _, s := range []string{l.Identifier, l.URI} {
		if s == "" {
			continue
		}
		if i, ok := r.byID[s]; ok {
			return endpoint{item: i}
		}
		if i, ok := r.byURI[s]; ok {
			return endpoint{item: i}
		}
		if s == r.docID || s == r.docURI {
			return endpoint{item: -1, doc: true}
		}
	}
	// A URI whose last segment is an identifier of the package
	// (".../CFItems/<identifier>") points into it even when the host differs.
	for _, s := range []string{l.URI, l.Identifier} {
		last := lastSegment(s)
		if last == "" || last == s {
			continue
		}
		if i, ok := r.byID[last]; ok {
			return endpoint{item: i}
		}
		if last == r.docID {
			return endpoint{item: -1, doc: true}
		}
	}
	return endpoint{item: -1, outer: true}
}

func lastSegment(s string) string {
	s = strings.TrimRight(s, "/")
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// document maps the CFDocument (and the Workframe extension on it) to the framework's metadata.
func (pkg *casePackage) document() (*framework.Framework, []Problem) {
	doc := pkg.doc.v
	var problems []Problem
	title := string(doc.Title)
	if strings.TrimSpace(title) == "" {
		problems = append(problems, Problem{Line: pkg.doc.line, Field: "CFDocument.title", Reason: "missing: the framework needs a title"})
	}

	var ext documentExtension
	if raw := workframeExtension(doc.Extensions); raw != nil {
		if json.Unmarshal(raw, &ext) != nil {
			ext = documentExtension{}
		}
	}
	f := &framework.Framework{
		Title:      title,
		Version:    strings.TrimSpace(string(doc.Version)),
		Kind:       framework.KindCompetence,
		Publisher:  string(doc.Creator),
		Language:   string(doc.Language),
		Identifier: strings.TrimSpace(string(doc.Identifier)),
		Source:     string(doc.OfficialSourceURL),
	}
	if f.Publisher == "" {
		f.Publisher = string(doc.Publisher)
	}
	if f.Version == "" {
		f.Version = "1.0"
	}
	f.Key = framework.Slug(title, 60)
	if frameworkKeyPattern.MatchString(ext.Key) && len(ext.Key) <= framework.MaxKeyLength {
		f.Key = ext.Key
	}
	if f.Key == "" {
		f.Key = "case-framework"
	}
	if ext.Kind != "" {
		f.Kind = framework.Kind(ext.Kind)
	}
	if f.Source == "" {
		f.Source = ext.Source
	}
	f.Status = statusFromAdoption(string(doc.AdoptionStatus))
	if ext.Status != nil && adoptionFromStatus(*ext.Status) == string(doc.AdoptionStatus) {
		f.Status = *ext.Status
	}
	if len(ext.Levels) > 0 {
		var levels []framework.Level
		if json.Unmarshal(ext.Levels, &levels) == nil {
			f.Levels = levels
		}
	}
	if len(ext.Rules) > 0 {
		var rules framework.Rules
		if json.Unmarshal(ext.Rules, &rules) == nil {
			f.Rules = &rules
		}
	}
	if len(ext.Crosswalk) > 0 {
		var cw framework.Crosswalk
		if json.Unmarshal(ext.Crosswalk, &cw) == nil {
			f.Crosswalk = &cw
		}
	}
	var notes string
	f.Provisional, notes = splitProvisional(string(doc.Notes))
	f.Description = string(doc.Description)
	if notes != "" {
		if f.Description != "" {
			f.Description += "\n\n"
		}
		f.Description += notes
	}
	f.Licence = pkg.licence(doc.LicenseURI)
	if f.Identifier == generatedID("document", f.Key, f.Version) {
		f.Identifier = ""
	}
	return f, problems
}

// framework turns a decoded package into a framework, checking the tree, and says where in the
// file each part came from.
func (pkg *casePackage) framework() (*framework.Framework, places, []Problem) {
	doc := pkg.doc.v
	f, problems := pkg.document()

	// Items: identifiers must be present and unique.
	res := &resolver{byID: map[string]int{}, byURI: map[string]int{}, docID: strings.TrimSpace(string(doc.Identifier)), docURI: strings.TrimSpace(string(doc.URI))}
	for i, it := range pkg.items {
		id := strings.TrimSpace(string(it.v.Identifier))
		where := fmt.Sprintf("CFItems[%d].identifier", i)
		if id == "" {
			problems = append(problems, Problem{Line: it.line, Field: where, Reason: "missing: every CFItem needs an identifier"})
			continue
		}
		if first, dup := res.byID[id]; dup {
			problems = append(problems, Problem{Line: it.line, Field: where, Reason: fmt.Sprintf("%q is also the identifier of the CFItem on line %d", id, pkg.items[first].line)})
			continue
		}
		res.byID[id] = i
		if u := strings.TrimSpace(string(it.v.URI)); u != "" {
			if _, dup := res.byURI[u]; !dup {
				res.byURI[u] = i
			}
		}
	}
	if len(problems) > 0 {
		return nil, nil, problems
	}

	n := len(pkg.items)
	nodes := make([]framework.Node, n)
	exts := make([]itemExtension, n)
	for i, it := range pkg.items {
		if raw := workframeExtension(it.v.Extensions); raw != nil {
			if json.Unmarshal(raw, &exts[i]) != nil {
				exts[i] = itemExtension{}
			}
		}
		nodes[i] = pkg.node(i, exts[i])
	}
	keys := assignKeys(pkg.items, exts)
	for i := range nodes {
		nodes[i].Key = keys[i]
		if nodes[i].Identifier == generatedID("item", f.Key, f.Version, keys[i]) {
			nodes[i].Identifier = ""
		}
	}

	// Associations: isChildOf builds the tree, everything else becomes a relation.
	parent := make([]int, n) // -1: top level
	hasParent := make([]bool, n)
	order := make([]*int, n) // what siblings are sorted by
	parentLine := make([]int, n)
	for i := range parent {
		parent[i] = -1
	}
	relationSeen := map[string]int{}
	at := places{}
	for _, field := range []string{"key", "title", "version", "kind", "status"} {
		at[field] = place{line: pkg.doc.line}
	}
	for ai, a := range pkg.assocs {
		where := fmt.Sprintf("CFAssociations[%d]", ai)
		typ := strings.TrimSpace(string(a.v.AssociationType))
		if typ == "" {
			problems = append(problems, Problem{Line: a.line, Field: where + ".associationType", Reason: "missing"})
			continue
		}
		if a.v.Origin.empty() {
			problems = append(problems, Problem{Line: a.line, Field: where + ".originNodeURI", Reason: "missing"})
			continue
		}
		if a.v.Destination.empty() {
			problems = append(problems, Problem{Line: a.line, Field: where + ".destinationNodeURI", Reason: "missing"})
			continue
		}
		from, to := res.resolve(a.v.Origin), res.resolve(a.v.Destination)
		if strings.EqualFold(typ, AssocIsChildOf) {
			if from.item < 0 {
				what := "is not a CFItem in this package"
				if from.doc {
					what = "is the CFDocument, which cannot be a child"
				}
				problems = append(problems, Problem{Line: a.line, Field: where + ".originNodeURI", Reason: fmt.Sprintf("isChildOf origin %q %s", a.v.Origin.name(), what)})
				continue
			}
			if to.outer {
				problems = append(problems, Problem{Line: a.line, Field: where + ".destinationNodeURI", Reason: fmt.Sprintf("isChildOf destination %q is not in this package (neither a CFItem nor the CFDocument)", a.v.Destination.name())})
				continue
			}
			if !hasParent[from.item] {
				hasParent[from.item] = true
				parent[from.item] = to.item
				parentLine[from.item] = a.line
				nodes[from.item].Sequence, order[from.item] = childSequence(a.v, pkg.items[from.item].v)
				continue
			}
			// A second parent: CASE allows it, Workframe's tree does not. Keep it as a relation.
		}
		// Every other association is kept as a relation, in the direction it was published.
		// One end must be an item of the package: an association between two outside things
		// (or the CFDocument and an outside thing) says nothing about this framework's items.
		if from.item < 0 && to.item < 0 {
			problems = append(problems, Problem{Line: a.line, Field: where, Reason: fmt.Sprintf("%s association from %q to %q has neither end at a CFItem of this package; Workframe keeps associations that start or end at one of its items", typ, a.v.Origin.name(), a.v.Destination.name())})
			continue
		}
		rel := framework.Relation{Type: typ, Sequence: a.v.SequenceNumber.ptr(), Identifier: strings.TrimSpace(string(a.v.Identifier)), Notes: string(a.v.Notes)}
		if from.item >= 0 {
			rel.From = keys[from.item]
		} else {
			rel.FromURI, rel.FromTitle = externalURI(a.v.Origin), a.v.Origin.Title
		}
		if to.item >= 0 {
			rel.To = keys[to.item]
		} else {
			rel.ToURI, rel.ToTitle = externalURI(a.v.Destination), a.v.Destination.Title
		}
		sig := relationSignature(rel)
		if rel.Identifier == generatedID("association", f.Key, f.Version, sig, fmt.Sprint(relationSeen[sig])) {
			rel.Identifier = ""
		}
		relationSeen[sig]++
		at["relations["+strconv.Itoa(len(f.Relations))+"]"] = place{line: a.line}
		f.Relations = append(f.Relations, rel)
	}
	problems = append(problems, findCycles(pkg, parent, parentLine)...)
	if len(problems) > 0 {
		return nil, nil, problems
	}

	children := make([][]int, n+1) // children[n]: top level
	for i := 0; i < n; i++ {
		p := parent[i]
		if p < 0 {
			p = n
		}
		children[p] = append(children[p], i)
	}
	for _, c := range children {
		sortSiblings(c, order, nodes)
	}
	var build func(i int) framework.Node
	build = func(i int) framework.Node {
		node := nodes[i]
		for _, c := range children[i] {
			node.Children = append(node.Children, build(c))
		}
		return node
	}
	for _, c := range children[n] {
		f.Nodes = append(f.Nodes, build(c))
	}
	itemLine := make(map[string]int, n)
	for i, k := range keys {
		itemLine[k] = pkg.items[i].line
	}
	for path, pl := range nodePlaces(f, func(key string) (place, bool) {
		line, ok := itemLine[key]
		return place{line: line}, ok
	}) {
		at[path] = pl
	}
	return f, at, nil
}

// externalURI is how a link to something outside the package is kept: its URI, else its
// identifier (a bare UUID becomes urn:uuid:...).
func externalURI(l caseLink) string {
	if l.URI != "" {
		return l.URI
	}
	if isUUID(l.Identifier) {
		return "urn:uuid:" + strings.ToLower(l.Identifier)
	}
	return l.Identifier
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}

// relationSignature is what a generated association identifier is made from (with the number
// of earlier relations with the same signature). FromURI is added only when set, so that the
// identifiers of relations that start at a node stay what earlier versions generated.
func relationSignature(r framework.Relation) string {
	parts := []string{r.Type, r.From, r.To, r.ToURI}
	if r.FromURI != "" {
		parts = append(parts, r.FromURI)
	}
	return strings.Join(parts, "\x00")
}

// childSequence reads the place of an item among its siblings from its isChildOf association:
// the node's kept Sequence, and the number siblings are sorted by. They differ only when a
// Workframe export recorded that the sequenceNumber was only written to keep the order.
func childSequence(a caseAssociation, item caseItem) (kept, sortBy *int) {
	seq := a.SequenceNumber.ptr()
	if seq == nil {
		seq = item.SequenceNumber.ptr()
	}
	if raw := workframeExtension(a.Extensions); raw != nil {
		var ext map[string]json.RawMessage
		if json.Unmarshal(raw, &ext) == nil {
			if v, ok := ext["sequence"]; ok {
				var s *int
				if json.Unmarshal(v, &s) == nil {
					return s, seq
				}
			}
		}
	}
	return seq, seq
}

// node maps one CFItem's own fields (not its key or place) to a node.
func (pkg *casePackage) node(i int, ext itemExtension) framework.Node {
	it := pkg.items[i].v
	full, abbr := string(it.FullStatement), string(it.AbbreviatedStatement)
	n := framework.Node{
		Type:       string(it.CFItemType),
		Code:       string(it.HumanCodingScheme),
		Identifier: strings.TrimSpace(string(it.Identifier)),
		Language:   string(it.Language),
		Examples:   ext.Examples,
		References: ext.References,
	}
	if n.Type == "" {
		n.Type = it.CFItemTypeURI.Title
	}
	if n.Type == "" {
		n.Type = defaultNodeType
	}
	switch {
	case strings.TrimSpace(abbr) != "":
		n.Title = abbr
	default:
		n.Title = deriveTitle(full)
	}
	if n.Title == "" {
		n.Title = strings.TrimSpace(n.Code)
	}
	if n.Title == "" {
		n.Title = n.Identifier
	}
	if full != n.Title {
		n.Description = full
	}
	n.Provisional, n.Notes = splitProvisional(string(it.Notes))
	return n
}

// deriveTitle makes a title from a fullStatement: its first non-blank line with white space
// collapsed, cut at a word boundary to at most titleLimit runes (with "…" when cut).
func deriveTitle(full string) string {
	line := ""
	for _, l := range strings.FieldsFunc(full, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if strings.TrimSpace(l) != "" {
			line = l
			break
		}
	}
	line = strings.Join(strings.Fields(line), " ")
	if utf8.RuneCountInString(line) <= titleLimit {
		return line
	}
	runes := []rune(line)[:titleLimit-1]
	cut := len(runes)
	for j := len(runes) - 1; j > titleLimit*2/3; j-- {
		if unicode.IsSpace(runes[j]) {
			cut = j
			break
		}
	}
	return strings.TrimRightFunc(string(runes[:cut]), unicode.IsSpace) + "…"
}

func splitProvisional(notes string) (bool, string) {
	if notes != ProvisionalMarker && !strings.HasPrefix(notes, ProvisionalMarker+"\n") {
		return false, notes
	}
	rest := strings.TrimPrefix(notes, ProvisionalMarker)
	for range 2 {
		rest = strings.TrimPrefix(rest, "\n")
	}
	return true, rest
}

func joinProvisional(provisional bool, notes string) string {
	if !provisional {
		return notes
	}
	if notes == "" {
		return ProvisionalMarker
	}
	return ProvisionalMarker + "\n\n" + notes
}

// licence finds the licence text: the CFLicense the document links to, else the link's title.
func (pkg *casePackage) licence(l caseLink) string {
	if l.empty() && l.Title == "" {
		return ""
	}
	for _, lic := range pkg.defs.CFLicenses {
		id, u := strings.TrimSpace(string(lic.Identifier)), strings.TrimSpace(string(lic.URI))
		if (id != "" && id == l.Identifier) || (u != "" && u == l.URI) {
			if lic.LicenseText != "" {
				return string(lic.LicenseText)
			}
			if lic.Title != "" {
				return string(lic.Title)
			}
		}
	}
	if l.Title != "" {
		return l.Title
	}
	return l.URI
}

// assignKeys gives every item a node key: the key a Workframe export recorded, else its
// humanCodingScheme when that is unique in the package and usable as a key, else its
// identifier when usable as a key, else a key made from a hash of the identifier.
func assignKeys(items []lined[caseItem], exts []itemExtension) []string {
	keys := make([]string, len(items))
	taken := map[string]bool{}
	codes := map[string]int{}
	for _, it := range items {
		codes[strings.TrimSpace(string(it.v.HumanCodingScheme))]++
	}
	for i, e := range exts {
		// Any key Workframe itself allows comes back as it was exported.
		if e.Key != "" && e.Key == strings.TrimSpace(e.Key) && utf8.ValidString(e.Key) && !taken[e.Key] {
			keys[i] = e.Key
			taken[e.Key] = true
		}
	}
	for i, it := range items {
		if keys[i] != "" {
			continue
		}
		id := strings.TrimSpace(string(it.v.Identifier))
		code := strings.TrimSpace(string(it.v.HumanCodingScheme))
		var candidates []string
		if code != "" && codes[code] == 1 {
			candidates = append(candidates, code)
		}
		candidates = append(candidates, id)
		for _, c := range candidates {
			if validKey(c) && !taken[c] {
				keys[i] = c
				break
			}
		}
		if keys[i] == "" {
			h := uuid.NewSHA1(workframeNamespace, []byte(id)).String()
			k := "item-" + strings.ReplaceAll(h, "-", "")[:12]
			for j := 2; taken[k]; j++ {
				k = fmt.Sprintf("item-%s-%d", strings.ReplaceAll(h, "-", "")[:12], j)
			}
			keys[i] = k
		}
		taken[keys[i]] = true
	}
	return keys
}

// findCycles reports isChildOf loops (an item that is, through its parents, its own ancestor).
func findCycles(pkg *casePackage, parent []int, parentLine []int) []Problem {
	var problems []Problem
	for _, loop := range parentLoops(parent) {
		names := make([]string, 0, len(loop)+1)
		for _, j := range loop {
			names = append(names, strings.TrimSpace(string(pkg.items[j].v.Identifier)))
		}
		names = append(names, names[0])
		problems = append(problems, Problem{Line: parentLine[loop[0]], Field: "CFAssociations", Reason: "isChildOf associations form a loop: " + strings.Join(names, " → ")})
	}
	return problems
}

// parentLoops returns every loop in a parent table (parent[i] is i's parent, -1 at the top),
// each as the indexes on it in parent order. Each node is visited once, so it is linear.
func parentLoops(parent []int) [][]int {
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]int, len(parent))
	var loops [][]int
	for i := range parent {
		var path []int
		cur := i
		for cur >= 0 && state[cur] == unseen {
			state[cur] = onPath
			path = append(path, cur)
			cur = parent[cur]
		}
		if cur >= 0 && state[cur] == onPath {
			start := 0
			for path[start] != cur {
				start++
			}
			loops = append(loops, path[start:])
		}
		for _, j := range path {
			state[j] = done
		}
	}
	return loops
}

// sortSiblings orders siblings: those with a sequenceNumber first, by it; then by
// humanCodingScheme in natural order ("1.2" before "1.10"); then in package order.
func sortSiblings(idx []int, order []*int, nodes []framework.Node) {
	sort.SliceStable(idx, func(a, b int) bool {
		i, j := idx[a], idx[b]
		oi, oj := order[i], order[j]
		switch {
		case oi != nil && oj == nil:
			return true
		case oi == nil && oj != nil:
			return false
		case oi != nil && oj != nil && *oi != *oj:
			return *oi < *oj
		}
		if c := naturalCompare(nodes[i].Code, nodes[j].Code); c != 0 {
			return c < 0
		}
		return i < j
	})
}

// naturalCompare compares strings with runs of digits compared as numbers.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := isDigit(a[0]), isDigit(b[0])
		if da && db {
			na, ra := digitRun(a)
			nb, rb := digitRun(b)
			ta, tb := strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if len(ta) != len(tb) {
				return cmpInt(len(ta), len(tb))
			}
			if c := strings.Compare(ta, tb); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return cmpInt(int(a[0]), int(b[0]))
		}
		a, b = a[1:], b[1:]
	}
	return cmpInt(len(a), len(b))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digitRun(s string) (string, string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// CASE adoptionStatus values and Workframe statuses.
func statusFromAdoption(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "draft", "private draft":
		return framework.StatusDraft
	case "adopted":
		return framework.StatusPublished
	case "deprecated":
		return framework.StatusRetired
	}
	return ""
}

func adoptionFromStatus(s string) string {
	switch s {
	case framework.StatusDraft:
		return "Draft"
	case framework.StatusPublished:
		return "Adopted"
	case framework.StatusSuperseded, framework.StatusRetired:
		return "Deprecated"
	}
	return s
}

// workframeNamespace is the UUID namespace of the identifiers Workframe makes for CASE exports
// (UUID version 5), so the same framework always gets the same identifiers.
var workframeNamespace = uuid.MustParse("6f1b0c52-7a83-4a5e-9a57-3f0f6d1e2c4b")

func generatedID(parts ...string) string {
	return uuid.NewSHA1(workframeNamespace, []byte(strings.Join(parts, "\x00"))).String()
}
