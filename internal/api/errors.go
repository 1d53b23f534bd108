package api

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// Errors of the API itself, beside the store's domain errors, for the errorStatuses table.
var (
	errUnauthenticated      = errors.New("not signed in")
	errForbidden            = errors.New("forbidden")
	errBadToken             = errors.New("bad token")
	errBadRequest           = errors.New("bad request")
	errUnsupportedMedia     = errors.New("unsupported media type")
	errTooLarge             = errors.New("request body too large")
	errPreconditionRequired = errors.New("precondition required")
)

// errorStatuses is the one table that maps domain errors to HTTP statuses, with the detail a
// client reads when the handler gave none. An error in none of these rows is a 500 whose cause
// is logged and never shown.
var errorStatuses = []struct {
	err    error
	status int
	detail string
}{
	{store.ErrNotFound, http.StatusNotFound, "The API has nothing at this address."},
	{store.ErrConflict, http.StatusConflict, "The request conflicts with the data held: someone else may have changed it first. Fetch it again and retry."},
	{store.ErrInvalid, http.StatusUnprocessableEntity, "The request breaks a rule of the data it changes."},
	{store.ErrAmbiguous, http.StatusConflict, "The request matches more than one record: name the one you mean by its identifier."},
	{errUnauthenticated, http.StatusUnauthorized, "Sign in to use this route."},
	{errBadToken, http.StatusUnauthorized, "This API token is unknown, expired or revoked."},
	{errForbidden, http.StatusForbidden, "You may see this, but your access role does not let you change it."},
	{errBadRequest, http.StatusBadRequest, "The request cannot be read."},
	{errUnsupportedMedia, http.StatusUnsupportedMediaType, "Send the request body as JSON, with Content-Type: application/json."},
	{errTooLarge, http.StatusRequestEntityTooLarge, "The request body is too large."},
	{errPreconditionRequired, http.StatusPreconditionRequired, "Send the version you are changing."},
}

const internalErrorDetail = "The server could not complete the request. Try again later; if it keeps failing, tell the service's administrator the time it happened."

// clientError is a domain error with a message written for the API's user. Handlers make one
// with clientErrorf when they can say more than the table's default detail, and add the inputs
// at fault with withErrors.
type clientError struct {
	kind   error // one of the errors in errorStatuses
	detail string
	errors []problemError
}

func (e *clientError) Error() string { return e.kind.Error() + ": " + e.detail }
func (e *clientError) Unwrap() error { return e.kind }

// clientErrorf returns an error of the given kind whose detail the client will read.
func clientErrorf(kind error, format string, args ...any) *clientError {
	return &clientError{kind: kind, detail: fmt.Sprintf(format, args...)}
}

// rulesBroken is the 422 for a record the store would not save: "<what> was not saved" and each
// broken rule with a JSON Pointer to its field, renamed by pointers where the body's name differs
// from the domain's (nil: the field's own name).
func rulesBroken(what string, problems []workforce.Problem, pointers map[string]string) *clientError {
	ce := clientErrorf(store.ErrInvalid, "%s was not saved: it breaks the rules listed in errors.", what)
	for _, p := range problems {
		ptr, ok := pointers[p.Field]
		if !ok {
			ptr = fieldPointer(p.Field)
		}
		ce.withErrors(problemError{Pointer: ptr, Detail: p.Message})
	}
	return ce
}

// withErrors adds the inputs at fault, for the problem's errors array.
func (e *clientError) withErrors(errs ...problemError) *clientError {
	e.errors = append(e.errors, errs...)
	return e
}

// fail answers a request that failed with err, as a problem whose status comes from the
// errorStatuses table. Only a clientError's own detail and errors reach the client; any other
// error message could hold internals (SQL, file paths), so the client gets the table's wording.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	for _, row := range errorStatuses {
		if errors.Is(err, row.err) {
			p := problem{Status: row.status, Detail: row.detail}
			var ce *clientError
			if errors.As(err, &ce) {
				p.Detail, p.Errors = ce.detail, ce.errors
			}
			s.writeProblem(w, r, p)
			return
		}
	}
	s.log.ErrorContext(r.Context(), "api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	s.writeProblem(w, r, problem{Status: http.StatusInternalServerError, Detail: internalErrorDetail})
}
