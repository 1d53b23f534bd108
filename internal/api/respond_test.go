package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

func TestETagMatches(t *testing.T) {
	const tag = `"abc"`
	for _, tc := range []struct {
		header string
		want   bool
	}{
		{"", false},
		{`"abc"`, true},
		{`W/"abc"`, true},
		{`"x", "abc"`, true},
		{` "x" ,W/"abc" `, true},
		{"*", true},
		{`"abcd"`, false},
		{`abc`, false},
		{`"x", "y"`, false},
	} {
		if got := etagMatches(tc.header, tag); got != tc.want {
			t.Errorf("etagMatches(%q, %s) = %v, want %v", tc.header, tag, got, tc.want)
		}
	}
}

// TestErrorTable checks the one table from domain errors to statuses, and that only a client
// error's own words reach the client.
func TestErrorTable(t *testing.T) {
	for _, tc := range []struct {
		name        string
		err         error
		status      int
		detail      string // "" means the table's default for the status
		logged      bool
		notInDetail string
	}{
		{"not found", fmt.Errorf("load: %w", store.ErrNotFound), 404, "", false, "load"},
		{"client not found", clientErrorf(store.ErrNotFound, "No framework %q.", "x"), 404, `No framework "x".`, false, ""},
		{"conflict", fmt.Errorf("%w: framework iwf@2.1 is already stored in table framework_versions", store.ErrConflict), 409, "", false, "framework_versions"},
		{"invalid", fmt.Errorf("%w: bad", store.ErrInvalid), 422, "", false, "bad"},
		{"ambiguous", store.ErrAmbiguous, 409, "", false, ""},
		{"anything else", errors.New("pq: relation framework_versions does not exist"), 500, internalErrorDetail, true, "framework_versions"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs strings.Builder
			s := &server{log: slog.New(slog.NewTextHandler(&logs, nil))}
			rec := httptest.NewRecorder()
			s.fail(rec, httptest.NewRequest("GET", "/api/v1/x", nil), tc.err)
			if rec.Code != tc.status {
				t.Errorf("status %d, want %d", rec.Code, tc.status)
			}
			if ct := rec.Header().Get("Content-Type"); ct != contentProblem {
				t.Errorf("Content-Type %q", ct)
			}
			var p problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			if p.Status != tc.status || p.Title != http.StatusText(tc.status) || p.Type != "about:blank" || p.Instance != "/api/v1/x" {
				t.Errorf("problem = %+v", p)
			}
			if tc.detail != "" && p.Detail != tc.detail {
				t.Errorf("detail %q, want %q", p.Detail, tc.detail)
			}
			if p.Detail == "" || (tc.notInDetail != "" && strings.Contains(p.Detail, tc.notInDetail)) {
				t.Errorf("detail %q leaks the error's own message", p.Detail)
			}
			if got := strings.Contains(logs.String(), "api request failed"); got != tc.logged {
				t.Errorf("logged = %v, want %v: %s", got, tc.logged, logs.String())
			}
		})
	}
}

func fv(id int64, key, version, status string, org int64) store.FrameworkVersion {
	return store.FrameworkVersion{ID: id, Key: key, Version: version, Title: key + " " + version, Status: status,
		Kind: framework.KindProfile, OrganisationID: org}
}

func TestSummarise(t *testing.T) {
	got := summarise([]store.FrameworkVersion{
		fv(1, "b", "2.9", "published", 0),
		fv(2, "b", "2.10", "draft", 0),
		fv(3, "b", "2.10-local", "published", 7), // an organisation's own: left out
		fv(4, "a", "1", "", 0),                   // no status means published
		fv(5, "c", "1", "draft", 0),
		fv(6, "c", "2", "retired", 0), // none published: the newest of any status
		fv(7, "private", "1", "published", 7),
	})
	var keys []string
	for _, s := range got {
		keys = append(keys, s.Key)
	}
	if !slices.Equal(keys, []string{"a", "b", "c"}) {
		t.Fatalf("keys = %v, want [a b c]", keys)
	}
	versions := func(s frameworkSummary) (out []string) {
		for _, v := range s.Versions {
			out = append(out, v.Version+":"+v.Status)
		}
		return out
	}
	a, b, c := got[0], got[1], got[2]
	if a.LatestVersion != "1" || !slices.Equal(versions(a), []string{"1:published"}) {
		t.Errorf("a = %s %v", a.LatestVersion, versions(a))
	}
	if b.LatestVersion != "2.9" || !slices.Equal(versions(b), []string{"2.9:published", "2.10:draft"}) || b.Title != "b 2.9" {
		t.Errorf("b = %s %v (2.10 sorts after 2.9; a draft is not the latest)", b.LatestVersion, versions(b))
	}
	if c.LatestVersion != "2" || !slices.Equal(versions(c), []string{"1:draft", "2:retired"}) {
		t.Errorf("c = %s %v", c.LatestVersion, versions(c))
	}
	if b.Versions[1].Href != "/api/v1/frameworks/b/versions/2.10" {
		t.Errorf("href = %q", b.Versions[1].Href)
	}
	if got := versionHref("a b", "1/2"); got != "/api/v1/frameworks/a%20b/versions/1%2F2" {
		t.Errorf("versionHref escapes badly: %q", got)
	}
}

func TestDocumentSendsEmptyListsAsArrays(t *testing.T) {
	f := document(&framework.Framework{Key: "k", Crosswalk: &framework.Crosswalk{Mappings: []framework.Mapping{{From: "x"}}}})
	body, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"nodes":[]`, `"to":[]`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("%s lacks %s", body, want)
		}
	}
	if f := document(&framework.Framework{Crosswalk: &framework.Crosswalk{}}); f.Crosswalk.Mappings == nil {
		t.Error("empty mappings stay null")
	}
}
