package transfer

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// This file holds the liberal JSON types CASE packages are decoded with: strings that may come
// as numbers, sequence numbers that may come as strings, links that may come as plain strings.

var stringType = reflect.TypeOf("")

// caseString accepts a JSON string, number, boolean or null as text.
type caseString string

func (s *caseString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = caseString(v)
	case 'n':
		*s = ""
	case '{', '[':
		kind := "object"
		if b[0] == '[' {
			kind = "array"
		}
		return &json.UnmarshalTypeError{Value: kind, Type: stringType}
	default: // number or boolean: keep the literal
		*s = caseString(b)
	}
	return nil
}

func (s caseString) String() string { return string(s) }

// caseInt is a sequenceNumber: a JSON integer, an integral number such as 3.0, or a string
// holding one ("3"). Anything else (null, "", "abc", 2.5) counts as absent.
type caseInt struct {
	v  int
	ok bool
}

func (n *caseInt) UnmarshalJSON(b []byte) error {
	*n = caseInt{}
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return nil
		}
		b = []byte(strings.TrimSpace(s))
	}
	if v, ok := parseWhole(string(b)); ok {
		*n = caseInt{v: v, ok: true}
	}
	return nil
}

func (n caseInt) ptr() *int {
	if !n.ok {
		return nil
	}
	v := n.v
	return &v
}

// parseWhole reads a whole number that fits comfortably in an int on every platform.
func parseWhole(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	if v, err := strconv.Atoi(s); err == nil {
		if v < math.MinInt32 || v > math.MaxInt32 {
			return 0, false
		}
		return v, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 {
		return 0, false
	}
	return int(f), true
}

// caseLink is a CASE LinkURI / LinkGenURI ({title, identifier, uri}), also accepted as a plain
// string (an identifier or a URI: both fields get it) or null.
type caseLink struct {
	Title      string
	Identifier string
	URI        string
}

func (l *caseLink) UnmarshalJSON(b []byte) error {
	*l = caseLink{}
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		l.Identifier, l.URI = s, s
		return nil
	case 'n':
		return nil
	case '{':
		var o struct {
			Title      caseString `json:"title"`
			Identifier caseString `json:"identifier"`
			URI        caseString `json:"uri"`
		}
		if err := json.Unmarshal(b, &o); err != nil {
			return err
		}
		l.Title = string(o.Title)
		l.Identifier = strings.TrimSpace(string(o.Identifier))
		l.URI = strings.TrimSpace(string(o.URI))
		return nil
	}
	return &json.UnmarshalTypeError{Value: "non-link", Type: reflect.TypeOf(caseLink{})}
}

func (l caseLink) empty() bool { return l.Identifier == "" && l.URI == "" }

// name is how a problem names the link: its identifier, else its URI.
func (l caseLink) name() string {
	if l.Identifier != "" {
		return l.Identifier
	}
	return l.URI
}

type caseDocument struct {
	Identifier        caseString      `json:"identifier"`
	URI               caseString      `json:"uri"`
	Title             caseString      `json:"title"`
	Creator           caseString      `json:"creator"`
	Publisher         caseString      `json:"publisher"`
	Description       caseString      `json:"description"`
	Notes             caseString      `json:"notes"`
	Language          caseString      `json:"language"`
	Version           caseString      `json:"version"`
	AdoptionStatus    caseString      `json:"adoptionStatus"`
	OfficialSourceURL caseString      `json:"officialSourceURL"`
	LicenseURI        caseLink        `json:"licenseURI"`
	Extensions        json.RawMessage `json:"extensions"`
}

type caseItem struct {
	Identifier           caseString      `json:"identifier"`
	URI                  caseString      `json:"uri"`
	FullStatement        caseString      `json:"fullStatement"`
	AbbreviatedStatement caseString      `json:"abbreviatedStatement"`
	HumanCodingScheme    caseString      `json:"humanCodingScheme"`
	CFItemType           caseString      `json:"CFItemType"`
	CFItemTypeURI        caseLink        `json:"CFItemTypeURI"`
	Notes                caseString      `json:"notes"`
	Language             caseString      `json:"language"`
	SequenceNumber       caseInt         `json:"sequenceNumber"` // not in CASE, but some tools send it
	Extensions           json.RawMessage `json:"extensions"`
}

type caseAssociation struct {
	Identifier      caseString      `json:"identifier"`
	AssociationType caseString      `json:"associationType"`
	SequenceNumber  caseInt         `json:"sequenceNumber"`
	Origin          caseLink        `json:"originNodeURI"`
	Destination     caseLink        `json:"destinationNodeURI"`
	Notes           caseString      `json:"notes"`
	Extensions      json.RawMessage `json:"extensions"`
}

type caseDefinitions struct {
	CFItemTypes []struct {
		Identifier caseString `json:"identifier"`
		URI        caseString `json:"uri"`
		Title      caseString `json:"title"`
	} `json:"CFItemTypes"`
	CFLicenses []struct {
		Identifier  caseString `json:"identifier"`
		URI         caseString `json:"uri"`
		Title       caseString `json:"title"`
		LicenseText caseString `json:"licenseText"`
	} `json:"CFLicenses"`
}

// workframeExtension returns what Workframe wrote under "workframe" in an extensions object,
// or nil. Anything malformed is ignored: extensions are a convenience, never required.
func workframeExtension(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return nil
	}
	var ext map[string]json.RawMessage
	if err := json.Unmarshal(raw, &ext); err != nil {
		return nil
	}
	return ext[extensionName]
}

const extensionName = "workframe"

// The CFDocument extension carries what CASE has no field for, so that a framework exported by
// Workframe comes back whole.
type documentExtension struct {
	Key       string          `json:"key,omitempty"`
	Kind      string          `json:"kind,omitempty"`
	Status    *string         `json:"status,omitempty"`
	Source    string          `json:"source,omitempty"`
	Levels    json.RawMessage `json:"levels,omitempty"`
	Rules     json.RawMessage `json:"rules,omitempty"`
	Crosswalk json.RawMessage `json:"crosswalk,omitempty"`
}

// The CFItem extension keeps the node key, examples and references.
type itemExtension struct {
	Key        string   `json:"key,omitempty"`
	Examples   []string `json:"examples,omitempty"`
	References []string `json:"references,omitempty"`
}
