package filetype

import (
	"archive/zip"
	"bytes"
	"errors"
	"testing"
)

func zipOf(t *testing.T, names ...string) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, n := range names {
		f, err := w.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = f.Write([]byte("<x/>"))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestType(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	for _, tc := range []struct {
		name string
		data []byte
		want string // "" means refused
	}{
		{"report.pdf", []byte("%PDF-1.7\n..."), "application/pdf"},
		{"chart.png", png, "image/png"},
		{"photo.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), "image/jpeg"},
		{"notes.txt", []byte("Minutes of the partnership forum\n"), "text/plain; charset=utf-8"},
		{"plan.docx", zipOf(t, "[Content_Types].xml", "word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"plan.xlsx", zipOf(t, "[Content_Types].xml", "xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		// Names do not decide: an HTML page called .pdf or .txt is refused.
		{"evil.pdf", []byte("<html><script>alert(1)</script></html>"), ""},
		{"evil.txt", []byte("<!DOCTYPE html><p>hi"), ""},
		{"pic.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>`), ""},
		{"any.zip", zipOf(t, "a.txt"), ""},
		{"fake.docx", zipOf(t, "[Content_Types].xml", "xl/workbook.xml"), ""},
		{"prog.exe", []byte("MZ\x90\x00\x03\x00\x00\x00"), ""},
		{"bad.txt", []byte("caf\xe9 latin-1 text"), ""},
	} {
		got, err := Type(tc.name, tc.data)
		if tc.want == "" {
			if !errors.Is(err, ErrType) {
				t.Errorf("%s: accepted as %q", tc.name, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}

// FuzzType: whatever the bytes, an accepted file is one of the allowed types and never HTML.
func FuzzType(f *testing.F) {
	f.Add("a.txt", []byte("hello"))
	f.Add("a.pdf", []byte("%PDF-"))
	f.Add("a.html", []byte("<html>"))
	allowed := map[string]bool{"application/pdf": true, "image/png": true, "image/jpeg": true, "text/plain; charset=utf-8": true,
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document": true,
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       true}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		got, err := Type(name, data)
		if err == nil && !allowed[got] {
			t.Fatalf("accepted %q", got)
		}
	})
}
