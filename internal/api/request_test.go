package api

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

// TestBodyErrorsPoint checks that a value of the wrong type is pointed to where it is, arrays
// included (encoding/json names the fields on the way but not the array positions).
func TestBodyErrorsPoint(t *testing.T) {
	for _, tc := range []struct{ body, pointer, detail string }{
		{`{"level": "five"}`, "/level", "must be a whole number, not a JSON string"},
		{`{"level": 1.5}`, "/level", "whole number, not a JSON number"},
		{`{"activities": "one"}`, "/activities", "an array, not a JSON string"},
		{`{"activities": ["one", 2]}`, "/activities/1", "a string, not a JSON number"},
		{`{"requirements": [{"node_key": "c1"}, {"node_key": "c2", "essential": "yes"}]}`, "/requirements/1/essential", "true or false"},
		{`{"requirements": [{"node_key": 1}, {"node_key": 2}]}`, "/requirements/0/node_key", "a string"},
		{`{"shared": {}}`, "/shared", "not a JSON object"},
	} {
		r, _ := http.NewRequest("POST", "/api/v1/roles", strings.NewReader(tc.body))
		r.Header.Set("Content-Type", "application/json; charset=utf-8")
		var in roleInput
		err := decodeBody(r, &in)
		var ce *clientError
		if !errors.As(err, &ce) || !errors.Is(err, errBadRequest) || len(ce.errors) != 1 {
			t.Errorf("%s: error %v", tc.body, err)
			continue
		}
		if e := ce.errors[0]; e.Pointer != tc.pointer || !strings.Contains(e.Detail, tc.detail) {
			t.Errorf("%s: %+v, want pointer %s and %q", tc.body, e, tc.pointer, tc.detail)
		}
	}
}

func TestBodyLimits(t *testing.T) {
	for _, tc := range []struct {
		body, ctype string
		want        error
	}{
		{`{}`, "text/plain", errUnsupportedMedia},
		{`{}`, "", errUnsupportedMedia},
		{``, "application/json", errBadRequest},
		{`[]`, "application/json", errBadRequest},
		{`{"title": "x"} x`, "application/json", errBadRequest},
		{`{"title": "` + strings.Repeat("x", maxBody) + `"}`, "application/json", errTooLarge},
		{`{"title": "x"}`, "application/json", nil},
	} {
		r, _ := http.NewRequest("POST", "/api/v1/roles", strings.NewReader(tc.body))
		if tc.ctype != "" {
			r.Header.Set("Content-Type", tc.ctype)
		}
		var in roleInput
		if err := decodeBody(r, &in); !errors.Is(err, tc.want) && !(err == nil && tc.want == nil) {
			t.Errorf("%.40s (%s): %v, want %v", tc.body, tc.ctype, err, tc.want)
		}
	}
}

func TestBaseVersion(t *testing.T) {
	two := 2
	for _, tc := range []struct {
		ifMatch string
		body    *int
		want    int
		err     error
	}{
		{`"3"`, nil, 3, nil},
		{``, &two, 2, nil},
		{`"2"`, &two, 2, nil},
		{`"3"`, &two, 0, errBadRequest},
		{`W/"3"`, nil, 0, errBadRequest},
		{`*`, nil, 0, errBadRequest},
		{`"3", "4"`, nil, 0, errBadRequest},
		{`"0"`, nil, 0, errBadRequest},
		{`3`, nil, 0, errBadRequest},
		{``, nil, 0, errPreconditionRequired},
	} {
		r, _ := http.NewRequest("PUT", "/", nil)
		if tc.ifMatch != "" {
			r.Header.Set("If-Match", tc.ifMatch)
		}
		got, err := baseVersion(r, tc.body)
		if got != tc.want || !errors.Is(err, tc.err) || (err == nil) != (tc.err == nil) {
			t.Errorf("If-Match %s, body %v: %d, %v; want %d, %v", tc.ifMatch, tc.body, got, err, tc.want, tc.err)
		}
	}
}

func TestFieldPointer(t *testing.T) {
	for in, want := range map[string]string{
		"title":                     "/title",
		"requirements[2].level_key": "/requirements/2/level_key",
		"activities[0]":             "/activities/0",
		"requirements[12].node_key": "/requirements/12/node_key",
		"registration_required":     "/registration_required",
	} {
		if got := fieldPointer(in); got != want {
			t.Errorf("fieldPointer(%q) = %q, want %q", in, got, want)
		}
	}
}
