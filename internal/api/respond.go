package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// Media types the API answers with.
const (
	contentJSON    = "application/json"
	contentProblem = "application/problem+json"
	contentYAML    = "application/yaml"
)

// cacheReference is the Cache-Control of public reference data: anyone may keep it for five
// minutes, after which a client revalidates with the ETag.
const cacheReference = "public, max-age=300"

// cachePrivate is the Cache-Control of what only the caller may see (roles, profiles): no shared
// cache may keep it, and the caller's own cache must revalidate it (with the ETag) before each use,
// because it may change at any time.
const cachePrivate = "private, no-cache"

// writeJSON encodes v and sends it as a cacheable 200 response with an ETag, or 304 when the
// client already holds that exact response.
func (s *server) writeJSON(w http.ResponseWriter, r *http.Request, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeCacheable(w, r, contentJSON, append(body, '\n'))
}

// writeCacheable sends body as a 200 response that caches may keep, tagged with a hash of the
// body. The tag depends only on the bytes, so every server of a deployment gives the same one.
func (s *server) writeCacheable(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	s.writeBody(w, r, http.StatusOK, contentType, body, bodyTag(body), cacheReference)
}

// bodyTag is a strong entity tag made of a hash of the body.
func bodyTag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// versionTag is the entity tag of a record that has a version number: the number, quoted. A
// record's representation changes exactly when its version does, so the tag is strong, and it is
// what a client sends back in If-Match to say which version it is changing.
func versionTag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// writePrivate encodes v and sends it with the given status as a response only the caller may
// keep (it depends on who they are: Vary: Cookie). etag is the response's entity tag; empty
// means a hash of the body. A 200 to a GET or HEAD becomes 304 when the client already holds it.
func (s *server) writePrivate(w http.ResponseWriter, r *http.Request, status int, etag string, v any) {
	// Without HTML escaping, so that links read as written ("?limit=2&q=nurse"): the body is
	// JSON, sent with nosniff, never HTML.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil { // Encode ends the body with a newline
		s.fail(w, r, err)
		return
	}
	body := buf.Bytes()
	if etag == "" {
		etag = bodyTag(body)
	}
	w.Header().Add("Vary", "Cookie")
	s.writeBody(w, r, status, contentJSON, body, etag, cachePrivate)
}

// writeBody sends body with its entity tag and cache policy, or 304 when the request is a GET or
// HEAD whose If-None-Match names the tag.
func (s *server) writeBody(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte, etag, cache string) {
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", cache)
	h.Set("X-Content-Type-Options", "nosniff")
	if status == http.StatusOK && (r.Method == http.MethodGet || r.Method == http.MethodHead) &&
		etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// etagMatches reports whether an If-None-Match header names etag. It uses the weak comparison
// RFC 9110 asks for on If-None-Match: a W/ prefix on either side is ignored.
func etagMatches(header, etag string) bool {
	header = strings.TrimSpace(header)
	if header == "" {
		return false
	}
	if header == "*" {
		return true
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, tag := range strings.Split(header, ",") {
		if strings.TrimPrefix(strings.TrimSpace(tag), "W/") == want {
			return true
		}
	}
	return false
}

// problem is a problem details object (RFC 9457), the body of every error response.
type problem struct {
	Type     string         `json:"type"`
	Title    string         `json:"title"`
	Status   int            `json:"status"`
	Detail   string         `json:"detail"`
	Instance string         `json:"instance,omitempty"`
	Errors   []problemError `json:"errors,omitempty"`
}

// problemError names one input that was wrong.
type problemError struct {
	Detail    string `json:"detail"`
	Parameter string `json:"parameter,omitempty"`
	Pointer   string `json:"pointer,omitempty"`
	// Sheet, Row and Column place a problem of an uploaded file (a role import).
	Sheet  string `json:"sheet,omitempty"`
	Row    int    `json:"row,omitempty"`
	Column string `json:"column,omitempty"`
}

// writeProblem sends a problem response. Problems are not cached: the answer may change as soon
// as the data does.
func (s *server) writeProblem(w http.ResponseWriter, r *http.Request, p problem) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Title == "" {
		p.Title = http.StatusText(p.Status)
	}
	if p.Instance == "" {
		p.Instance = r.URL.Path
	}
	body, err := json.Marshal(p)
	if err != nil { // cannot happen with these field types; keep the response well formed anyway
		s.log.Error("encode problem", "err", err)
		body = []byte(`{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"The server could not complete the request."}`)
		p.Status = http.StatusInternalServerError
	}
	body = append(body, '\n')
	h := w.Header()
	if p.Status == http.StatusUnauthorized && h.Get("WWW-Authenticate") == "" {
		h.Set("WWW-Authenticate", challenge)
	}
	h.Set("Content-Type", contentProblem)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(p.Status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}
