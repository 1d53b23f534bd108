package transfer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// The readers take files from anywhere: whatever the bytes, they must not panic, and a
// framework they accept must survive being written and read again unchanged.

func FuzzReadCASE(f *testing.F) {
	files, _ := filepath.Glob("testdata/case/*.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(pkgJSON("", `{"identifier": "r", "associationType": "exactMatchOf", "sequenceNumber": "2", "originNodeURI": "C", "destinationNodeURI": {"uri": "https://x/y", "title": "Y"}}`)))
	f.Add([]byte(`{"CFDocument": {"identifier": "d", "title": "T"}, "CFItems": [{"identifier": "i", "fullStatement": "` + ProvisionalMarker + `"}], "CFAssociations": [{"associationType": "isChildOf", "originNodeURI": "i", "destinationNodeURI": "i"}]}`))
	// Associations from outside the package, from the CFDocument and between two outside things.
	f.Add([]byte(pkgJSON("", `{"identifier": "o1", "associationType": "replacedBy", "notes": "n\r\n", "originNodeURI": {"uri": "https://far/CFItems/x", "title": "X"}, "destinationNodeURI": "B"},
	{"identifier": "o2", "associationType": "precedes", "notes": 7, "originNodeURI": "4F1C2B9E-8D7A-4E6B-9C5D-3A2B1C0D9E8F", "destinationNodeURI": {"identifier": "C"}},
	{"associationType": "exemplar", "originNodeURI": {"identifier": "doc"}, "destinationNodeURI": "A"}`)))
	f.Add([]byte(pkgJSON("", `{"identifier": "o3", "associationType": "isPartOf", "originNodeURI": "https://far/a", "destinationNodeURI": "https://far/b"}`)))
	var buf bytes.Buffer
	if err := WriteCASE(&buf, richFramework(), "https://example.org/case"); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, problems := ReadCASE(bytes.NewReader(data))
		if (fw == nil) == (len(problems) == 0) {
			t.Fatalf("framework %v with problems %v", fw != nil, problems)
		}
		if fw == nil {
			return
		}
		var out bytes.Buffer
		if err := WriteCASE(&out, fw, ""); err != nil {
			t.Fatalf("an accepted framework cannot be exported: %v", err)
		}
		back, problems := ReadCASE(&out)
		if len(problems) > 0 {
			t.Fatalf("the export cannot be read back: %v\n%s", Problems(problems), out.Bytes())
		}
		sameFramework(t, fw, back)
	})
}

var fuzzMeta = framework.Framework{Key: "fuzz", Title: "Fuzz", Version: "1", Kind: framework.KindCompetence}

func FuzzReadCSV(f *testing.F) {
	fw := richFramework()
	fw.Kind, fw.Rules, fw.Crosswalk, fw.Relations = framework.KindCompetence, nil, nil, nil
	var buf bytes.Buffer
	if err := WriteCSV(&buf, fw); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("key,title,parent\na,A,\nb,B,a\n"))
	f.Add([]byte("Key;Title;Examples;Sequence\n'=x;\"multi\nline\";a | b \\| c;-3\n"))
	f.Add([]byte("key,title,parent\na,A,b\nb,B,a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, problems := ReadCSV(bytes.NewReader(data), fuzzMeta)
		if (got == nil) == (len(problems) == 0) {
			t.Fatalf("framework %v with problems %v", got != nil, problems)
		}
		if got == nil {
			return
		}
		var out bytes.Buffer
		if err := WriteCSV(&out, got); err != nil {
			t.Fatal(err)
		}
		back, problems := ReadCSV(&out, fuzzMeta)
		if len(problems) > 0 {
			t.Fatalf("the export cannot be read back: %v\n%q", Problems(problems), out.Bytes())
		}
		// CSV keeps everything but the CR of a CR LF inside a cell.
		got.Walk(func(n *framework.Node, _ string, _ int) bool {
			for _, s := range []*string{&n.Title, &n.Description, &n.Notes, &n.Code} {
				*s = strings.ReplaceAll(*s, "\r\n", "\n")
			}
			return true
		})
		sameFramework(t, got, back)
	})
}

func FuzzReadXLSX(f *testing.F) {
	f.Add(xlsxBytes(f, richFramework()))
	small := &framework.Framework{Key: "s", Title: "S", Version: "1", Kind: framework.KindCompetence,
		Nodes: []framework.Node{{Key: "a", Type: "item", Title: "=A", Children: []framework.Node{{Key: "b", Type: "item", Title: "B"}}}}}
	f.Add(xlsxBytes(f, small))
	f.Add(workbook(f, map[string][][]any{"Sheet": {{"key", "title"}, {"a", "A"}}}, "Sheet"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, problems := ReadXLSX(bytes.NewReader(data), fuzzMeta)
		if (got == nil) == (len(problems) == 0) {
			t.Fatalf("framework %v with problems %v", got != nil, problems)
		}
		if got == nil {
			return
		}
		var out bytes.Buffer
		if err := WriteXLSX(&out, got); err != nil {
			return // text a cell cannot hold (control characters) is refused, not cut
		}
		if _, problems := ReadXLSX(&out, fuzzMeta); len(problems) > 0 {
			t.Fatalf("the export cannot be read back: %v", Problems(problems))
		}
	})
}

// FuzzReadRoles: whatever the bytes of a roles file and its competences file, the reader does
// not panic, gives roles or problems (never both, never neither), and every role it accepts
// passes the domain's rules.
func FuzzReadRoles(f *testing.F) {
	for _, pair := range [][2]string{{"roles.csv", "competences.csv"}, {"bad-roles.csv", ""}, {"roles.csv", ""}} {
		roles, err := os.ReadFile(filepath.Join("testdata/roles", pair[0]))
		if err != nil {
			f.Fatal(err)
		}
		var comps []byte
		if pair[1] != "" {
			if comps, err = os.ReadFile(filepath.Join("testdata/roles", pair[1])); err != nil {
				f.Fatal(err)
			}
		}
		f.Add(roles, comps)
	}
	var tmpl bytes.Buffer
	if err := WriteRoleTemplate(&tmpl, []*framework.Framework{testKSF()}); err != nil {
		f.Fatal(err)
	}
	f.Add(tmpl.Bytes(), []byte(nil))
	fws := testRoleFrameworks()
	f.Fuzz(func(t *testing.T, roles, comps []byte) {
		got, problems := ReadRoles(RoleFiles{RolesName: "roles.csv", Roles: roles, CompetencesName: "competences.csv", Competences: comps}, fws)
		if (got == nil) == (len(problems) == 0) {
			t.Fatalf("%d roles with problems %v", len(got), problems)
		}
		for _, r := range got {
			if ps := workforce.Errors(workforce.ValidateRole(r.Role, fws.Lookup)); len(ps) > 0 {
				t.Fatalf("accepted role %q breaks rules: %v", r.Role.Title, ps)
			}
			if len(r.RequirementRows) != len(r.Role.Requirements) {
				t.Fatalf("role %q: %d requirement rows for %d requirements", r.Role.Title, len(r.RequirementRows), len(r.Role.Requirements))
			}
		}
	})
}
