package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed templates
var templateFS embed.FS

// pages holds one parsed template set per page: the layout and partials plus the page's own
// file, so that every page can define its "content" block without clashing with the others.
type pages struct {
	sets map[string]*template.Template
}

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return t.Local().Format("2 January 2006 15:04")
	},
	"day": func(t time.Time) string { return t.Local().Format("2 January 2006") },
	"query": func(kv ...string) template.URL {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return template.URL(v.Encode())
	},
	"add": func(a, b int) int { return a + b },
	"navItem": func(href, text, key, current string) navItem {
		return navItem{Href: href, Text: text, Current: key == current}
	},
	"lastCrumb": func(cs []crumb) *crumb {
		if len(cs) == 0 {
			return nil
		}
		return &cs[len(cs)-1]
	},
	"field": newField,
	"signed": func(n int) string {
		if n > 0 {
			return "+" + strconv.Itoa(n)
		}
		return strconv.Itoa(n)
	},
	"neg":     func(n int) int { return -n },
	"seq":     func(n int) []int { return make([]int, n) },
	"percent": func(w float64) string { return strconv.FormatFloat(w*100, 'f', -1, 64) + "%" },
	"title":   func(s string) string { return strings.ToUpper(s[:1]) + s[1:] },
	// dict passes several values to a partial template: (dict "A" 1 "B" .x).
	"dict": func(kv ...any) (map[string]any, error) {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

func parsePages() (*pages, error) {
	base, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: parsing layout: %w", err)
	}
	files, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{sets: map[string]*template.Template{}}
	for _, f := range files {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, f)
		if err != nil {
			return nil, fmt.Errorf("web: parsing %s: %w", f, err)
		}
		p.sets[strings.TrimSuffix(path.Base(f), ".html")] = t
	}
	return p, nil
}

// Page is what the layout needs on every page; each page's view model embeds it.
type Page struct {
	Title       string
	ServiceName string
	NHSBranding bool
	NHSFont     bool
	Version     string
	Viewer      *viewer
	Nav         string // which header navigation item is current
	Breadcrumbs []crumb
	Flash       string
	// Errors fill the NHS error summary; the page shows each by its field too.
	Errors []fieldError
}

type crumb struct{ Href, Text string }

// fieldError is one problem with a form, linked from the error summary to the field by ID.
type fieldError struct{ Field, Message string }

// ErrorFor returns the message for a field, or "".
func (p Page) ErrorFor(field string) string {
	for _, e := range p.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// page returns the shared part of a view model for this request.
func (s *Server) page(r *http.Request, title, nav string, crumbs ...crumb) Page {
	return Page{
		Title:       title,
		ServiceName: s.cfg.ServiceName,
		NHSBranding: s.cfg.NHSBranding,
		NHSFont:     s.cfg.AllowNHSFont,
		Version:     s.cfg.Version,
		Viewer:      currentViewer(r),
		Nav:         nav,
		Breadcrumbs: crumbs,
		Flash:       s.sessions.PopString(r.Context(), "flash"),
	}
}

// render writes a page. It renders into a buffer first so that a template error becomes the
// 500 page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, view any) {
	t, ok := s.pages.sets[name]
	if !ok {
		s.serverError(w, r, fmt.Errorf("web: no page template %q", name))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", view); err != nil {
		s.serverError(w, r, fmt.Errorf("web: rendering %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// flash keeps a one-off message for the next page the person sees.
func (s *Server) flash(r *http.Request, msg string) { s.sessions.Put(r.Context(), "flash", msg) }

// safeNext returns a local path to go back to after signing in; anything else becomes "/".
func safeNext(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return "/"
	}
	return p
}

type navItem struct {
	Href, Text string
	Current    bool
}

// inputField is what the "input" template needs to draw one NHS text input.
type inputField struct {
	ID, Label, Type, Value, Error, Hint, Autocomplete, Width string
}

// newField builds an inputField from key/value pairs, so templates can say
// (field "id" "email" "label" "Email address" "value" .Email "error" (.ErrorFor "email")).
func newField(kv ...string) (inputField, error) {
	f := inputField{Type: "text"}
	for i := 0; i+1 < len(kv); i += 2 {
		v := kv[i+1]
		switch kv[i] {
		case "id":
			f.ID = v
		case "label":
			f.Label = v
		case "type":
			f.Type = v
		case "value":
			f.Value = v
		case "error":
			f.Error = v
		case "hint":
			f.Hint = v
		case "autocomplete":
			f.Autocomplete = v
		case "width":
			f.Width = v
		default:
			return f, fmt.Errorf("field: unknown key %q", kv[i])
		}
	}
	return f, nil
}
