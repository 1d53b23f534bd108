package api

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

// staleOr is the answer to a versioned change (PUT with the version read, or If-Match) that the
// store refused with err. A conflict because the record moved on from version base is the 409
// that says so and how to recover (staleVersion), the version now read by current. Anything
// else (another error, or a conflict while the version is still base, such as a taken title, or
// a record that could not be read again) is err, unchanged, for the caller to explain.
func staleOr(err error, what string, id int64, base int, href string, current func() (int, error)) error {
	if !errors.Is(err, store.ErrConflict) {
		return err
	}
	now, cerr := current()
	if cerr != nil || now == base {
		return err
	}
	return staleVersion(what, id, base, now, href)
}

// readChange decodes a versioned change's JSON body into dst and returns the version the change
// is based on: If-Match, or the version field of the body (version reads it once decoded); the
// two disagreeing is 400, neither 428 (baseVersion).
func readChange(r *http.Request, dst any, version func() *int) (int, error) {
	if err := decodeBody(r, dst); err != nil {
		return 0, err
	}
	return baseVersion(r, version())
}
