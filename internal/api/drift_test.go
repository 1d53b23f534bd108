package api

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// recordingTB stands in for a test, keeping the failures the validating transport reports.
type recordingTB struct {
	testing.TB
	failures []string
}

func (r *recordingTB) Helper() {}
func (r *recordingTB) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

// TestContractCatchesDrift proves the contract check bites: a server that drifts from
// api/openapi.yaml in each of these ways makes the validating transport report it.
func TestContractCatchesDrift(t *testing.T) {
	const doc = `{"key":"iwf","title":"IWF","version":"2.1","kind":"profile","nodes":[]}`
	for _, tc := range []struct {
		name, method, path, want string
		handler                  http.HandlerFunc
	}{
		{"undocumented field", "GET", "/api/v1/frameworks/iwf/versions/2.1", `"secret" is unsupported`,
			cacheableJSON(`{"key":"iwf","title":"IWF","version":"2.1","kind":"profile","nodes":[],"secret":1}`)},
		{"undocumented field in a nested node", "GET", "/api/v1/frameworks/iwf/versions/2.1", `"colour" is unsupported`,
			cacheableJSON(`{"key":"iwf","title":"IWF","version":"2.1","kind":"profile","nodes":[{"key":"a","type":"t","title":"A","children":[{"key":"b","type":"t","title":"B","colour":"red"}]}]}`)},
		{"missing required field", "GET", "/api/v1/frameworks/iwf/versions/2.1", `"nodes" is missing`,
			cacheableJSON(`{"key":"iwf","title":"IWF","version":"2.1","kind":"profile"}`)},
		{"kind outside the enum", "GET", "/api/v1/frameworks/iwf/versions/2.1", "not one of the allowed values",
			cacheableJSON(`{"key":"iwf","title":"IWF","version":"2.1","kind":"roles","nodes":[]}`)},
		{"undocumented status", "GET", "/api/v1/frameworks/iwf/versions/2.1", "418 response does not fit",
			func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) }},
		{"missing ETag", "GET", "/api/v1/frameworks/iwf/versions/2.1", `"ETag" missing`,
			func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Cache-Control", cacheReference)
				w.Header().Set("Content-Type", contentJSON)
				fmt.Fprint(w, doc)
			}},
		{"problem with the wrong media type", "GET", "/api/v1/frameworks/nope", "Content-Type has unexpected value",
			func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", contentJSON)
				w.WriteHeader(http.StatusNotFound)
				fmt.Fprint(w, `{"type":"about:blank","title":"Not Found","status":404,"detail":"x"}`)
			}},
		{"HTML for an unknown path", "GET", "/api/v9/nothing", `Content-Type "text/plain"`,
			func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }},
		{"problem without a detail", "POST", "/api/v1/frameworks", `"detail" is missing`,
			func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", contentProblem)
				w.WriteHeader(http.StatusMethodNotAllowed)
				fmt.Fprint(w, `{"type":"about:blank","title":"Method Not Allowed","status":405}`)
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			rec := &recordingTB{TB: t}
			client := &http.Client{Transport: &validatingTransport{t: rec, contract: loadContract(t), next: http.DefaultTransport}}
			req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if !strings.Contains(strings.Join(rec.failures, "\n"), tc.want) {
				t.Errorf("drift not reported (want %q); reported: %q", tc.want, rec.failures)
			}
		})
	}
}

func cacheableJSON(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"x"`)
		w.Header().Set("Cache-Control", cacheReference)
		w.Header().Set("Content-Type", contentJSON)
		fmt.Fprint(w, body)
	}
}
