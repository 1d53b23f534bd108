package web

import (
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"net/http"
	"net/http/httptest"
	"testing"
)

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func mustRequest(t *testing.T, method, target string) *http.Request {
	t.Helper()
	return httptest.NewRequest(method, target, nil)
}

func storeAuditFilter(entity string) store.AuditFilter {
	return store.AuditFilter{Entity: entity, Limit: 100}
}

func storeActor(userID int64) store.Actor { return store.Actor{UserID: userID} }

func storeProfile(userID int64, title string, p profile.Profile) store.Profile {
	return store.Profile{UserID: userID, Title: title, Profile: p}
}
