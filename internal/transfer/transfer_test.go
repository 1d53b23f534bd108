package transfer

import (
	"bytes"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/framework"
)

func TestDetect(t *testing.T) {
	xlsx := xlsxBytes(t, richFramework())
	caseJSON := mustRead(t, "testdata/case/Utf8TestFramework.json")
	for _, tc := range []struct {
		name string
		head []byte
		want Format
	}{
		{"fw.yaml", []byte("key: iwf\n"), FormatYAML},
		{"fw.yml", []byte("# comment\nkey: iwf\n"), FormatYAML},
		{"fw", []byte("---\nkey: iwf\n"), FormatYAML},
		{"fw", []byte("key: iwf\ntitle: x\n"), FormatYAML},
		{"fw.json", []byte(`{"key": "iwf", "nodes": []}`), FormatJSON},
		{"export", []byte("\ufeff  {\"key\": \"iwf\"}"), FormatJSON},
		{"package.json", caseJSON, FormatCASE},
		{"package", caseJSON[:200], FormatCASE},
		{"package.txt", []byte(`{"CFItems": [], "CFDocument": {}}`), FormatCASE},
		{"nodes.csv", []byte("key,title\n"), FormatCSV},
		{"nodes.CSV", []byte("Key;Title\n"), FormatCSV},
		{"nodes", []byte("key,title,parent\n"), FormatCSV},
		{"book.xlsx", xlsx[:512], FormatXLSX},
		{"book.bin", xlsx, FormatXLSX},
		{"book.xlsx", nil, FormatXLSX},
		{"mystery", []byte("\x00\x01\x02"), FormatUnknown},
		{"", nil, FormatUnknown},
	} {
		if got := Detect(tc.name, tc.head); got != tc.want {
			t.Errorf("Detect(%q, %.20q) = %q, want %q", tc.name, tc.head, got, tc.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		got, err := ParseFormat(strings.ToUpper(string(f)))
		if err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
		if f.Extension() == "" || f.MediaType() == "" {
			t.Errorf("%s has no extension or media type", f)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("pdf accepted")
	}
}

// Read and Write go through every format; what a format keeps comes back.
func TestReadWriteEveryFormat(t *testing.T) {
	f := richFramework()
	for _, format := range Formats {
		t.Run(string(format), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, f, format); err != nil {
				t.Fatal(err)
			}
			name := "export" + format.Extension()
			if got := Detect(name, buf.Bytes()); got != format {
				t.Errorf("Detect = %q", got)
			}
			var meta framework.Framework
			if format == FormatCSV {
				meta = metaOf(f)
			}
			back, problems, err := ReadWith(name, buf.Bytes(), meta)
			if err != nil || len(problems) > 0 {
				t.Fatalf("err %v, problems %v", err, Problems(problems))
			}
			sameFramework(t, f, back)
		})
	}
}

func TestReadReportsProblems(t *testing.T) {
	if _, _, err := Read("mystery.bin", []byte("\x00\x01")); err == nil {
		t.Error("an unknown format is not an error")
	}
	f, problems, err := Read("fw.yaml", []byte("key: iwf\ntitle: [unclosed\n"))
	if err != nil || f != nil || len(problems) == 0 || problems[0].Line == 0 {
		t.Errorf("broken YAML: %v %v %v", f, problems, err)
	}
	f, problems, err = Read("fw.yaml", []byte("key: Not A Slug\ntitle: T\nversion: '1'\nkind: competence\nnodes: []\n"))
	if err != nil || f != nil || len(problems) != 1 || problems[0].Field != "key" {
		t.Errorf("invalid YAML framework: %v %v %v", f, problems, err)
	}
	// A CSV file read without metadata says what is missing.
	f, problems, err = Read("nodes.csv", []byte("key,title\na,A\n"))
	if err != nil || f != nil || len(problems) != 4 {
		t.Errorf("CSV without metadata: %v %v %v", f, problems, err)
	}
}

func TestWriteNil(t *testing.T) {
	for _, format := range Formats {
		if err := Write(&bytes.Buffer{}, nil, format); err == nil {
			t.Errorf("%s: no error for a nil framework", format)
		}
	}
	if err := Write(&bytes.Buffer{}, richFramework(), "pdf"); err == nil {
		t.Error("no error for an unknown format")
	}
}

func TestWriteCASERefusesBrokenFrameworks(t *testing.T) {
	f := richFramework()
	f.Nodes[1].Children[0].Key = "a1" // twice
	if err := WriteCASE(&bytes.Buffer{}, f, ""); err == nil || !strings.Contains(err.Error(), `"a1" is used twice`) {
		t.Errorf("err = %v", err)
	}
	f = richFramework()
	f.Relations = append(f.Relations, framework.Relation{Type: "isRelatedTo", From: "a1"})
	if err := WriteCASE(&bytes.Buffer{}, f, ""); err == nil || !strings.Contains(err.Error(), "no destination") {
		t.Errorf("err = %v", err)
	}
	f = richFramework()
	f.Relations = append(f.Relations, framework.Relation{Type: "precedes", To: "a1"})
	if err := WriteCASE(&bytes.Buffer{}, f, ""); err == nil || !strings.Contains(err.Error(), "no origin") {
		t.Errorf("err = %v", err)
	}
	f = richFramework()
	f.Relations = append(f.Relations, framework.Relation{Type: "precedes", FromURI: "https://x/a", ToURI: "https://x/b"})
	if err := WriteCASE(&bytes.Buffer{}, f, ""); err == nil || !strings.Contains(err.Error(), "neither end in the framework") {
		t.Errorf("err = %v", err)
	}
}

func TestDetectIgnoresCASENamesInText(t *testing.T) {
	f := richFramework()
	f.Description = `Mentions "CFDocument": and "CFItems": [] in its text.`
	var buf bytes.Buffer
	if err := Write(&buf, f, FormatJSON); err != nil {
		t.Fatal(err)
	}
	if got := Detect("fw.json", buf.Bytes()); got != FormatJSON {
		t.Errorf("Detect = %q", got)
	}
}
