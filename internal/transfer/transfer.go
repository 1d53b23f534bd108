// Package transfer moves frameworks in and out of files other tools use: CSV and XLSX
// spreadsheets (one row per node) and CASE JSON (1EdTech Competencies and Academic Standards
// Exchange), besides Workframe's own YAML/JSON files, which internal/framework reads.
//
// Every reader is all-or-nothing: it returns a framework and no problems, or no framework and
// every problem it found, each with the line (or spreadsheet row) it is on and the reason. The
// store then writes an accepted import in one transaction. docs/transfer.md describes
// the columns and the CASE mapping for users.
package transfer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"github.com/workframe/workframe/internal/framework"
)

// Problem is one thing wrong with an imported file: where it is and why it is wrong.
type Problem struct {
	// Line is the line of a CSV or JSON file, or the row of a spreadsheet sheet (1 is the
	// first); 0 when the problem is about the whole file.
	Line int
	// Field names the column or property at fault ("parent", "CFAssociations[3]"); it may be
	// empty.
	Field string
	// Reason says what is wrong, in words a user can act on.
	Reason string
}

// String gives the problem as one line: `line 7: parent: no node with key "x" in the file`.
func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Reason)
	return b.String()
}

// Problems is a list of problems that is also an error, so a caller that only wants an error
// can return it as one.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Format is a file format a framework can be read from or written to.
type Format string

// The formats Workframe reads and writes.
const (
	FormatUnknown Format = ""
	FormatYAML    Format = "yaml" // Workframe's own file format (internal/framework)
	FormatJSON    Format = "json" // the same model as JSON
	FormatCASE    Format = "case" // 1EdTech CASE CFPackage JSON
	FormatCSV     Format = "csv"  // one row per node; metadata supplied by the caller
	FormatXLSX    Format = "xlsx" // one row per node plus Framework, Levels, Relations, Crosswalk sheets
)

// Formats lists the formats in the order a user is offered them.
var Formats = []Format{FormatYAML, FormatJSON, FormatCASE, FormatCSV, FormatXLSX}

// ParseFormat reads a format name as a user gives it (--format, ?format=).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yaml", "yml":
		return FormatYAML, nil
	case "json":
		return FormatJSON, nil
	case "case", "case-json", "cfpackage":
		return FormatCASE, nil
	case "csv":
		return FormatCSV, nil
	case "xlsx", "excel":
		return FormatXLSX, nil
	}
	return FormatUnknown, fmt.Errorf("unknown format %q (want one of yaml, json, case, csv, xlsx)", s)
}

// Extension is the file name extension for the format, with its dot.
func (f Format) Extension() string {
	switch f {
	case FormatYAML:
		return ".yaml"
	case FormatJSON:
		return ".json"
	case FormatCASE:
		return ".case.json"
	case FormatCSV:
		return ".csv"
	case FormatXLSX:
		return ".xlsx"
	}
	return ""
}

// MediaType is the Content-Type to serve the format with.
func (f Format) MediaType() string {
	switch f {
	case FormatYAML:
		return "application/yaml"
	case FormatJSON, FormatCASE:
		return "application/json"
	case FormatCSV:
		return "text/csv; charset=utf-8"
	case FormatXLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "application/octet-stream"
}

var zipMagic = []byte("PK\x03\x04")

// Detect guesses the format of a file from its name and its first bytes (head may be the whole
// file or only its start; 512 bytes is plenty). The content wins over the name where they
// disagree, so a CASE package saved as "x.json" is CASE and a workbook is a workbook whatever
// its name. It returns FormatUnknown when it cannot tell.
func Detect(filename string, head []byte) Format {
	if bytes.HasPrefix(head, zipMagic) {
		return FormatXLSX
	}
	ext := strings.ToLower(filepath.Ext(filename))
	text := bytes.TrimLeftFunc(bytes.TrimPrefix(head, utf8BOM), unicode.IsSpace)
	if len(text) > 0 && (text[0] == '{' || text[0] == '[') && ext != ".csv" && ext != ".yaml" && ext != ".yml" {
		if looksLikeCASE(text) {
			return FormatCASE
		}
		return FormatJSON
	}
	switch ext {
	case ".yaml", ".yml":
		return FormatYAML
	case ".json":
		return FormatJSON
	case ".csv", ".tsv":
		return FormatCSV
	case ".xlsx", ".xlsm":
		return FormatXLSX
	}
	if len(text) == 0 {
		return FormatUnknown
	}
	first, _, _ := bytes.Cut(text, []byte("\n"))
	first = bytes.TrimSpace(first)
	if bytes.HasPrefix(first, []byte("---")) || bytes.HasPrefix(first, []byte("#")) || yamlKeyLine.Match(first) {
		return FormatYAML
	}
	if bytes.ContainsAny(first, ",;\t") && bytes.Contains(bytes.ToLower(first), []byte("key")) {
		return FormatCSV
	}
	return FormatUnknown
}

var yamlKeyLine = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*:(\s|$)`)

// caseKey is a member name only a CASE package has, as a key (followed by ':').
var caseKey = regexp.MustCompile(`"(CFDocument|CFItems|CFAssociations|CFPackage)"\s*:`)

// looksLikeCASE looks for CASE member names near the start of a JSON document. Inside a JSON
// string the quotes would be escaped, so text that merely mentions them does not match.
func looksLikeCASE(text []byte) bool {
	if len(text) > 64<<10 {
		text = text[:64<<10]
	}
	return caseKey.Match(text)
}

// Read reads a framework from a file in any format Workframe knows, detected with Detect. The
// error is for a file whose format is unknown; everything wrong inside a file is a Problem.
// A CSV file holds nodes only, so Read reports the missing metadata: use ReadWith (or
// ReadCSV) to give it.
func Read(filename string, data []byte) (*framework.Framework, []Problem, error) {
	return ReadWith(filename, data, framework.Framework{})
}

// ReadWith is Read with framework metadata supplied by the caller (key, title, version, kind...,
// from command-line flags or a form). For CSV it is the metadata; for XLSX its non-empty fields
// override the Framework sheet; for YAML, JSON and CASE it is not used.
func ReadWith(filename string, data []byte, meta framework.Framework) (*framework.Framework, []Problem, error) {
	switch format := Detect(filename, data); format {
	case FormatYAML, FormatJSON:
		f, problems := readNative(data, filename)
		return f, problems, nil
	case FormatCASE:
		f, problems := ReadCASE(bytes.NewReader(data))
		return f, problems, nil
	case FormatCSV:
		f, problems := ReadCSV(bytes.NewReader(data), meta)
		return f, problems, nil
	case FormatXLSX:
		f, problems := ReadXLSX(bytes.NewReader(data), meta)
		return f, problems, nil
	}
	return nil, nil, fmt.Errorf("%s: cannot tell the file's format (Workframe reads YAML, JSON, CASE JSON, CSV and XLSX)", filename)
}

// Write writes a framework in the given format. CASE packages get URIs under no base (see
// WriteCASE to give one).
func Write(w io.Writer, f *framework.Framework, format Format) error {
	switch format {
	case FormatYAML:
		return writeNative(w, f, framework.FormatYAML)
	case FormatJSON:
		return writeNative(w, f, framework.FormatJSON)
	case FormatCASE:
		return WriteCASE(w, f, "")
	case FormatCSV:
		return WriteCSV(w, f)
	case FormatXLSX:
		return WriteXLSX(w, f)
	}
	return fmt.Errorf("cannot write format %q", format)
}

var errNilFramework = errors.New("transfer: no framework to write")

var utf8BOM = []byte("\xef\xbb\xbf")

// keyPattern is what a CASE humanCodingScheme or identifier must look like to become a node key:
// letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters.
// Coding schemes such as "H.A.MATH.GM" and UUIDs pass; URLs and codes with spaces do not.
var keyPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

func validKey(s string) bool { return keyPattern.MatchString(s) }

// frameworkKeyPattern is internal/framework's rule for a framework key.
var frameworkKeyPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Spreadsheet cells that start with one of these characters can be read as a formula by a
// spreadsheet program (CSV injection); exports put an apostrophe in front of them.
const formulaStarters = "=+-@\t\r"

func needsProtection(s string) bool {
	for len(s) > 0 && s[0] == '\'' {
		s = s[1:]
	}
	return s != "" && strings.IndexByte(formulaStarters, s[0]) >= 0
}

// protect prefixes a cell that a spreadsheet could run as a formula with an apostrophe. A cell
// that already starts with apostrophes before such a character gets one more, so that unprotect
// gives back exactly what was written.
func protect(s string) string {
	if needsProtection(s) {
		return "'" + s
	}
	return s
}

// unprotect removes the apostrophe protect added: one leading apostrophe, only when what follows
// starts with = + - @ tab or CR (possibly after further apostrophes).
func unprotect(s string) string {
	if len(s) > 1 && s[0] == '\'' && needsProtection(s[1:]) {
		return s[1:]
	}
	return s
}

// List cells (examples, references) join their items with " | ". A '|' or '\' inside an item
// is written "\|" or "\\".
const listSeparator = " | "

func joinList(items []string) string {
	escaped := make([]string, len(items))
	for i, it := range items {
		it = strings.ReplaceAll(it, `\`, `\\`)
		escaped[i] = strings.ReplaceAll(it, `|`, `\|`)
	}
	return strings.Join(escaped, listSeparator)
}

// splitList reverses joinList. Items are trimmed and empty items dropped; a backslash before
// anything but '|' or '\' is kept as it is, so "C:\docs" needs no escaping.
func splitList(s string) []string {
	var items []string
	var cur strings.Builder
	flush := func() {
		if it := strings.TrimSpace(cur.String()); it != "" {
			items = append(items, it)
		}
		cur.Reset()
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '|' || s[i+1] == '\\'):
			cur.WriteByte(s[i+1])
			i++
		case c == '|':
			flush()
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return items
}

// parseBool reads a provisional cell: empty, true/false, yes/no, y/n, 1/0 in any case.
func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "false", "no", "n", "0":
		return false, true
	case "true", "yes", "y", "1":
		return true, true
	}
	return false, false
}

func formatBool(b bool) string {
	if b {
		return "true"
	}
	return ""
}
