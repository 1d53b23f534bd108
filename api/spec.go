// Package apispec carries Workframe's API contract, api/openapi.yaml, embedded so that the server
// can publish it at /api/openapi.yaml and tests can check every route and response against it.
//
// The file is the source of truth: change it first, then the handlers in internal/api, and the
// contract tests there tell you when the two disagree.
package apispec

import _ "embed"

// YAML is the OpenAPI 3.0 document describing the JSON API, exactly as written in openapi.yaml.
//
//go:embed openapi.yaml
var YAML []byte
