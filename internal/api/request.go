package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
)

// maxBody is the largest request body the API reads. A role at every limit of
// internal/workforce is under half of it.
const maxBody = 4 << 20

// decodeBody reads the request's JSON body into dst: Content-Type must be application/json
// (415 otherwise; it also keeps a cross-site HTML form from posting here), the body at most
// maxBody (413), one JSON value of the right shape with no field dst does not know (400 naming
// it, so that a misspelt field is not silently dropped).
func decodeBody(r *http.Request, dst any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != contentJSON {
		return clientErrorf(errUnsupportedMedia, "Send the request body as JSON, with Content-Type: application/json.")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	var tooBig *http.MaxBytesError // a limit set by whatever mounts the API
	if err != nil && !errors.As(err, &tooBig) {
		return clientErrorf(errBadRequest, "The request body could not be read.")
	}
	if tooBig != nil {
		return clientErrorf(errTooLarge, "The request body is larger than the server accepts (%d bytes).", tooBig.Limit)
	}
	if len(body) > maxBody {
		return clientErrorf(errTooLarge, "The request body is larger than %d MiB.", maxBody>>20)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return bodyError(err, body)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return clientErrorf(errBadRequest, "The request body must hold one JSON object and nothing after it.")
	}
	return nil
}

// bodyError explains why body could not be decoded, pointing to the field when there is one.
func bodyError(err error, body []byte) error {
	const bad = "The request body is not what this route takes."
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return clientErrorf(errBadRequest, "The request body is empty: send a JSON object.")
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF):
		return clientErrorf(errBadRequest, "The request body is not valid JSON.")
	case errors.As(err, &typ):
		if typ.Field == "" {
			return clientErrorf(errBadRequest, "The request body must be a JSON object.")
		}
		return clientErrorf(errBadRequest, bad).withErrors(problemError{
			Pointer: locate(body, strings.Split(typ.Field, "."), typ.Value),
			Detail:  fmt.Sprintf("This must be %s, not a JSON %s.", jsonKind(typ.Type.Kind().String()), strings.Fields(typ.Value)[0]),
		})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return clientErrorf(errBadRequest, bad).withErrors(problemError{
			Pointer: "/" + name,
			Detail:  fmt.Sprintf("%q is not a field this route takes: check its spelling against the API description.", name),
		})
	}
	return clientErrorf(errBadRequest, "The request body cannot be read as JSON: %s.", strings.TrimPrefix(err.Error(), "json: "))
}

// jsonKind names a Go kind as JSON calls it.
func jsonKind(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "a whole number"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "bool":
		return "true or false"
	case kind == "string":
		return "a string"
	case kind == "slice", kind == "array":
		return "an array"
	}
	return "an object"
}

// locate finds the JSON Pointer of the value encoding/json could not decode. Its error names
// the field by the names of the objects on the way ("requirements.level_key") but not the
// positions in the arrays between them, so locate walks the body along the names and, in an
// array, takes the first element holding a value of the kind the error reports (encoding/json
// reports the first error in the order of the document). value is the error's Value: "string",
// "number 1.5", "object"...
func locate(body []byte, names []string, value string) string {
	var doc any
	if json.Unmarshal(body, &doc) != nil {
		return "/" + strings.Join(names, "/")
	}
	ptr, ok := walk(doc, names, value)
	if !ok {
		return "/" + strings.Join(names, "/")
	}
	return ptr
}

func walk(v any, names []string, value string) (string, bool) {
	if len(names) == 0 && (kindOf(v) == value ||
		(kindOf(v) == "number" && strings.TrimPrefix(value, "number ") == strconv.FormatFloat(v.(float64), 'g', -1, 64))) {
		return "", true
	}
	if arr, isArray := v.([]any); isArray {
		for i, el := range arr {
			if rest, ok := walk(el, names, value); ok {
				return "/" + strconv.Itoa(i) + rest, true
			}
		}
		return "", false
	}
	if len(names) == 0 {
		return "", false
	}
	obj, isObject := v.(map[string]any)
	if !isObject {
		return "", false
	}
	child, found := obj[names[0]]
	if !found {
		return "", false
	}
	rest, ok := walk(child, names[1:], value)
	return "/" + names[0] + rest, ok
}

// kindOf names the kind of a decoded JSON value as encoding/json's errors do.
func kindOf(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "null"
}

// fieldPointer turns a field name as the domain packages write it ("requirements[2].level_key")
// into a JSON Pointer into the request body ("/requirements/2/level_key").
func fieldPointer(field string) string {
	r := strings.NewReplacer("[", "/", "]", "", ".", "/")
	return "/" + r.Replace(field)
}

// pathID reads a numeric id from the path. Anything else is a 404 naming what was asked for.
func pathID(r *http.Request, what string) (int64, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, clientErrorf(store.ErrNotFound, "There is no %s %q: %s ids are whole numbers.", what, raw, what)
	}
	return id, nil
}

// baseVersion returns the version a change is based on: the If-Match header's tag (the ETag a
// GET gave) or the version field of the body, which must agree when both are given. Neither is
// 428: a change that does not say what it changes could overwrite someone else's.
func baseVersion(r *http.Request, body *int) (int, error) {
	fromHeader, hasHeader := 0, false
	if raw := strings.TrimSpace(r.Header.Get("If-Match")); raw != "" {
		v, ok := parseVersionTag(raw)
		if !ok {
			return 0, clientErrorf(errBadRequest, "If-Match must be the ETag of the version you are changing, as a GET gave it (such as \"3\").").
				withErrors(problemError{Parameter: "If-Match", Detail: fmt.Sprintf("%s is not a version's ETag.", raw)})
		}
		fromHeader, hasHeader = v, true
	}
	switch {
	case hasHeader && body != nil && *body != fromHeader:
		return 0, clientErrorf(errBadRequest, "If-Match says version %d but the body says version %d: send one, or make them agree.", fromHeader, *body).
			withErrors(problemError{Pointer: "/version", Detail: "Does not match If-Match."})
	case hasHeader:
		return fromHeader, nil
	case body != nil:
		return *body, nil
	}
	return 0, clientErrorf(errPreconditionRequired,
		"Say which version you are changing: send the version field you read, or its ETag in If-Match. Without it your change could overwrite someone else's.")
}

// parseVersionTag reads one strong entity tag holding a version number ("3"). A weak tag, a list
// or * is refused: If-Match compares strongly, and * would overwrite whatever is there.
func parseVersionTag(raw string) (int, bool) {
	if len(raw) < 3 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return 0, false
	}
	v, err := strconv.Atoi(raw[1 : len(raw)-1])
	if err != nil || v <= 0 {
		return 0, false
	}
	return v, true
}
