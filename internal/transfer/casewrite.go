package transfer

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/framework"
)

// caseNow is the clock of lastChangeDateTime; tests replace it.
var caseNow = time.Now

type caseLinkOut struct {
	Title      string `json:"title"`
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
}

type caseDocumentOut struct {
	Identifier         string         `json:"identifier"`
	URI                string         `json:"uri"`
	CaseVersion        string         `json:"caseVersion"`
	Creator            string         `json:"creator"`
	Title              string         `json:"title"`
	LastChangeDateTime string         `json:"lastChangeDateTime"`
	OfficialSourceURL  string         `json:"officialSourceURL,omitempty"`
	Description        string         `json:"description,omitempty"`
	Language           string         `json:"language,omitempty"`
	Version            string         `json:"version"`
	AdoptionStatus     string         `json:"adoptionStatus,omitempty"`
	LicenseURI         *caseLinkOut   `json:"licenseURI,omitempty"`
	Notes              string         `json:"notes,omitempty"`
	Extensions         map[string]any `json:"extensions,omitempty"`
}

type caseItemOut struct {
	Identifier           string         `json:"identifier"`
	URI                  string         `json:"uri"`
	FullStatement        string         `json:"fullStatement"`
	AbbreviatedStatement string         `json:"abbreviatedStatement,omitempty"`
	HumanCodingScheme    string         `json:"humanCodingScheme,omitempty"`
	CFItemType           string         `json:"CFItemType,omitempty"`
	CFItemTypeURI        *caseLinkOut   `json:"CFItemTypeURI,omitempty"`
	Notes                string         `json:"notes,omitempty"`
	Language             string         `json:"language,omitempty"`
	LastChangeDateTime   string         `json:"lastChangeDateTime"`
	Extensions           map[string]any `json:"extensions,omitempty"`
}

type caseAssociationOut struct {
	Identifier         string         `json:"identifier"`
	URI                string         `json:"uri"`
	AssociationType    string         `json:"associationType"`
	SequenceNumber     *int           `json:"sequenceNumber,omitempty"`
	OriginNodeURI      caseLinkOut    `json:"originNodeURI"`
	DestinationNodeURI caseLinkOut    `json:"destinationNodeURI"`
	Notes              string         `json:"notes,omitempty"`
	LastChangeDateTime string         `json:"lastChangeDateTime"`
	Extensions         map[string]any `json:"extensions,omitempty"`
}

type caseItemTypeOut struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	Title              string `json:"title"`
	Description        string `json:"description"`
	HierarchyCode      string `json:"hierarchyCode"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
}

type caseLicenseOut struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	Title              string `json:"title"`
	LicenseText        string `json:"licenseText"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
}

type caseDefinitionsOut struct {
	CFConcepts             []struct{}        `json:"CFConcepts"`
	CFSubjects             []struct{}        `json:"CFSubjects"`
	CFLicenses             []caseLicenseOut  `json:"CFLicenses"`
	CFItemTypes            []caseItemTypeOut `json:"CFItemTypes"`
	CFAssociationGroupings []struct{}        `json:"CFAssociationGroupings"`
}

type casePackageOut struct {
	CFDocument     caseDocumentOut      `json:"CFDocument"`
	CFItems        []caseItemOut        `json:"CFItems"`
	CFAssociations []caseAssociationOut `json:"CFAssociations"`
	CFDefinitions  caseDefinitionsOut   `json:"CFDefinitions"`
}

// WriteCASE writes a framework as a CASE 1.1 CFPackage. baseURI is the root the package's URIs
// are made under, for example "https://workframe.example.org/ims/case/v1p1" (giving
// ".../CFItems/<identifier>"); with "" they are urn:uuid: URNs. Identifiers kept from an import
// are written back; the rest are UUIDs (version 5) derived from the framework key, version and
// node key, so the same framework always gets the same identifiers. See docs/transfer.md.
func WriteCASE(w io.Writer, f *framework.Framework, baseURI string) error {
	if f == nil {
		return errNilFramework
	}
	x := &caseWriter{f: f, base: strings.TrimRight(baseURI, "/"), now: caseNow().UTC().Format(time.RFC3339), byKey: map[string]*framework.Node{}}
	pkg, err := x.pkg()
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(pkg)
}

type caseWriter struct {
	f     *framework.Framework
	base  string
	now   string
	byKey map[string]*framework.Node
	docID string
	doc   caseLinkOut
}

func (x *caseWriter) uri(collection, id string) string {
	if strings.HasPrefix(id, "http://") || strings.HasPrefix(id, "https://") || strings.HasPrefix(id, "urn:") {
		return id
	}
	if x.base != "" {
		return x.base + "/" + collection + "/" + url.PathEscape(id)
	}
	if isUUID(id) {
		return "urn:uuid:" + strings.ToLower(id)
	}
	return "urn:workframe:" + collection + ":" + url.PathEscape(id)
}

func (x *caseWriter) nodeID(n *framework.Node) string {
	if n.Identifier != "" {
		return n.Identifier
	}
	return generatedID("item", x.f.Key, x.f.Version, n.Key)
}

func (x *caseWriter) nodeLink(n *framework.Node) caseLinkOut {
	id := x.nodeID(n)
	title := n.Code
	if title == "" {
		title = n.Title
	}
	return caseLinkOut{Title: title, Identifier: id, URI: x.uri("CFItems", id)}
}

func (x *caseWriter) pkg() (*casePackageOut, error) {
	f := x.f
	var dup error
	f.Walk(func(n *framework.Node, _ string, _ int) bool {
		if _, seen := x.byKey[n.Key]; seen {
			dup = fmt.Errorf("transfer: node key %q is used twice", n.Key)
			return false
		}
		x.byKey[n.Key] = n
		return true
	})
	if dup != nil {
		return nil, dup
	}

	x.docID = f.Identifier
	if x.docID == "" {
		x.docID = generatedID("document", f.Key, f.Version)
	}
	x.doc = caseLinkOut{Title: f.Title, Identifier: x.docID, URI: x.uri("CFDocuments", x.docID)}
	out := &casePackageOut{CFItems: []caseItemOut{}, CFAssociations: []caseAssociationOut{}}
	out.CFDocument = x.document()
	out.CFDefinitions = caseDefinitionsOut{CFConcepts: []struct{}{}, CFSubjects: []struct{}{}, CFLicenses: []caseLicenseOut{}, CFItemTypes: []caseItemTypeOut{}, CFAssociationGroupings: []struct{}{}}
	if f.Licence != "" {
		id := generatedID("licence", f.Key, f.Version)
		title := deriveTitle(f.Licence)
		out.CFDefinitions.CFLicenses = append(out.CFDefinitions.CFLicenses, caseLicenseOut{Identifier: id, URI: x.uri("CFLicenses", id), Title: title, LicenseText: f.Licence, LastChangeDateTime: x.now})
		out.CFDocument.LicenseURI = &caseLinkOut{Title: title, Identifier: id, URI: x.uri("CFLicenses", id)}
	}

	itemTypes := map[string]*caseLinkOut{}
	var walk func(nodes []framework.Node, parent *framework.Node)
	walk = func(nodes []framework.Node, parent *framework.Node) {
		seqs, exts := siblingSequences(nodes)
		for i := range nodes {
			n := &nodes[i]
			item := x.item(n)
			if n.Type != defaultNodeType && n.Type != "" {
				link, ok := itemTypes[n.Type]
				if !ok {
					id := generatedID("itemtype", n.Type)
					link = &caseLinkOut{Title: n.Type, Identifier: id, URI: x.uri("CFItemTypes", id)}
					itemTypes[n.Type] = link
					out.CFDefinitions.CFItemTypes = append(out.CFDefinitions.CFItemTypes, caseItemTypeOut{
						Identifier: id, URI: link.URI, Title: n.Type, Description: n.Type,
						HierarchyCode: fmt.Sprint(len(itemTypes)), LastChangeDateTime: x.now,
					})
				}
				item.CFItemType, item.CFItemTypeURI = n.Type, link
			}
			out.CFItems = append(out.CFItems, item)

			dest := x.doc
			if parent != nil {
				dest = x.nodeLink(parent)
			}
			id := generatedID(AssocIsChildOf, f.Key, f.Version, n.Key)
			a := caseAssociationOut{
				Identifier: id, URI: x.uri("CFAssociations", id), AssociationType: AssocIsChildOf,
				SequenceNumber: seqs[i], OriginNodeURI: x.nodeLink(n), DestinationNodeURI: dest,
				LastChangeDateTime: x.now,
			}
			if exts {
				a.Extensions = map[string]any{extensionName: map[string]any{"sequence": n.Sequence}}
			}
			out.CFAssociations = append(out.CFAssociations, a)
			walk(n.Children, n)
		}
	}
	walk(f.Nodes, nil)

	seen := map[string]int{}
	for i, r := range f.Relations {
		name := r.From
		if name == "" {
			name = r.FromURI
		}
		var origin, dest caseLinkOut
		switch {
		case r.From != "":
			from, ok := x.byKey[r.From]
			if !ok {
				return nil, fmt.Errorf("transfer: relation %d (%s) starts at %q, which is not a node of the framework", i+1, r.Type, r.From)
			}
			origin = x.nodeLink(from)
		case r.FromURI != "":
			origin = caseLinkOut{Title: r.FromTitle, Identifier: externalID(r.FromURI), URI: r.FromURI}
		default:
			return nil, fmt.Errorf("transfer: relation %d (%s) has no origin", i+1, r.Type)
		}
		switch {
		case r.To != "":
			to, ok := x.byKey[r.To]
			if !ok {
				return nil, fmt.Errorf("transfer: relation %d (%s) goes to %q, which is not a node of the framework", i+1, r.Type, r.To)
			}
			dest = x.nodeLink(to)
		case r.ToURI != "":
			if r.From == "" {
				return nil, fmt.Errorf("transfer: relation %d (%s) from %q to %q has neither end in the framework", i+1, r.Type, r.FromURI, r.ToURI)
			}
			dest = caseLinkOut{Title: r.ToTitle, Identifier: externalID(r.ToURI), URI: r.ToURI}
		default:
			return nil, fmt.Errorf("transfer: relation %d (%s) from %q has no destination", i+1, r.Type, name)
		}
		id := r.Identifier
		sig := relationSignature(r)
		if id == "" {
			id = generatedID("association", f.Key, f.Version, sig, fmt.Sprint(seen[sig]))
		}
		seen[sig]++
		out.CFAssociations = append(out.CFAssociations, caseAssociationOut{
			Identifier: id, URI: x.uri("CFAssociations", id), AssociationType: r.Type,
			SequenceNumber: r.Sequence, OriginNodeURI: origin, DestinationNodeURI: dest, Notes: r.Notes,
			LastChangeDateTime: x.now,
		})
	}
	return out, nil
}

// siblingSequences chooses the sequenceNumbers of one group of siblings. When every sibling
// has a kept Sequence and they rise in tree order, those are written. Otherwise the positions
// 1, 2, 3... are written, so that any CASE tool shows the siblings in Workframe's order, and
// each association records the node's real Sequence (or null) in its extension.
func siblingSequences(nodes []framework.Node) ([]*int, bool) {
	seqs := make([]*int, len(nodes))
	kept := true
	for i := range nodes {
		s := nodes[i].Sequence
		if s == nil || (i > 0 && *s <= *nodes[i-1].Sequence) {
			kept = false
			break
		}
	}
	for i := range nodes {
		if kept {
			v := *nodes[i].Sequence
			seqs[i] = &v
		} else {
			v := i + 1
			seqs[i] = &v
		}
	}
	return seqs, !kept
}

// externalID is the identifier written for a link to something outside the framework: the
// UUID in a urn:uuid: URN or at the end of the URI path, else the URI itself.
func externalID(uri string) string {
	if rest, ok := strings.CutPrefix(uri, "urn:uuid:"); ok {
		return rest
	}
	if last := lastSegment(uri); isUUID(last) {
		return last
	}
	return uri
}

func (x *caseWriter) document() caseDocumentOut {
	f := x.f
	d := caseDocumentOut{
		Identifier: x.docID, URI: x.doc.URI, CaseVersion: "1.1", Creator: f.Publisher, Title: f.Title,
		LastChangeDateTime: x.now, Description: f.Description, Language: f.Language, Version: f.Version,
		AdoptionStatus: adoptionFromStatus(f.Status), Notes: joinProvisional(f.Provisional, ""),
	}
	ext := map[string]any{"key": f.Key, "kind": string(f.Kind)}
	if f.Status != "" {
		ext["status"] = f.Status
	}
	if isAbsoluteURL(f.Source) {
		d.OfficialSourceURL = f.Source
	} else if f.Source != "" {
		ext["source"] = f.Source
	}
	if len(f.Levels) > 0 {
		ext["levels"] = f.Levels
	}
	if f.Rules != nil {
		ext["rules"] = f.Rules
	}
	if f.Crosswalk != nil {
		ext["crosswalk"] = f.Crosswalk
	}
	d.Extensions = map[string]any{extensionName: ext}
	return d
}

func isAbsoluteURL(s string) bool {
	if strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// item maps a node's own fields to a CFItem (see docs/transfer.md for why this is lossless).
func (x *caseWriter) item(n *framework.Node) caseItemOut {
	id := x.nodeID(n)
	full := n.Description
	if full == "" {
		full = n.Title
	}
	it := caseItemOut{
		Identifier: id, URI: x.uri("CFItems", id), FullStatement: full, HumanCodingScheme: n.Code,
		Notes: joinProvisional(n.Provisional, n.Notes), Language: n.Language, LastChangeDateTime: x.now,
	}
	if deriveTitle(full) != n.Title {
		it.AbbreviatedStatement = n.Title
	}
	ext := map[string]any{"key": n.Key}
	if len(n.Examples) > 0 {
		ext["examples"] = n.Examples
	}
	if len(n.References) > 0 {
		ext["references"] = n.References
	}
	it.Extensions = map[string]any{extensionName: ext}
	return it
}
