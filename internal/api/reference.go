package api

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	apispec "github.com/workframe/workframe/api"
)

// Reference is a plain view of the API contract (api/openapi.yaml) for a readable reference page.
type Reference struct {
	Title       string
	Version     string
	Description string // Markdown, as written in the contract
	Operations  []Operation
}

// Operation is one method on one path.
type Operation struct {
	Method      string // GET, POST, ...
	Path        string // /api/v1/frameworks/{key}
	Summary     string
	Description string // Markdown
	Tag         string // the operation's first tag; empty when it has none
	// SignedIn is true when the operation needs credentials (the contract's security
	// requirement): a session cookie or an API token.
	SignedIn   bool
	Parameters []Parameter
	Responses  []Response
}

// Parameter is one parameter of an operation, including those its path declares for every
// operation on it.
type Parameter struct {
	Name        string
	In          string // path, query, header or cookie
	Description string
	Required    bool
}

// Response is one documented response of an operation.
type Response struct {
	Status      string // "200", "404", "default"...
	Description string
}

// methodOrder is the order operations on one path are listed in.
var methodOrder = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"}

var reference = sync.OnceValues(func() (Reference, error) { return parseReference(apispec.YAML) })

// LoadReference returns the embedded API contract as a view model: its operations sorted by path,
// then by method (GET, HEAD, POST, PUT, PATCH, DELETE...), each with its parameters in the order
// the contract gives them and its responses by status. The contract is parsed and validated once.
func LoadReference() (Reference, error) {
	ref, err := reference()
	if err != nil {
		return Reference{}, err
	}
	// Hand out a copy, so a caller cannot change what the next caller gets.
	ref.Operations = slices.Clone(ref.Operations)
	for i := range ref.Operations {
		ref.Operations[i].Parameters = slices.Clone(ref.Operations[i].Parameters)
		ref.Operations[i].Responses = slices.Clone(ref.Operations[i].Responses)
	}
	return ref, nil
}

// loadSpec parses and validates an OpenAPI document.
func loadSpec(data []byte) (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("api: parse the OpenAPI document: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("api: the OpenAPI document is not valid: %w", err)
	}
	return doc, nil
}

func parseReference(data []byte) (Reference, error) {
	doc, err := loadSpec(data)
	if err != nil {
		return Reference{}, err
	}
	ref := Reference{}
	if doc.Info != nil {
		ref.Title, ref.Version, ref.Description = doc.Info.Title, doc.Info.Version, doc.Info.Description
	}
	paths := doc.Paths.Keys()
	slices.Sort(paths)
	for _, path := range paths {
		item := doc.Paths.Value(path)
		ops := item.Operations()
		methods := make([]string, 0, len(ops))
		for m := range ops {
			methods = append(methods, m)
		}
		slices.SortFunc(methods, compareMethods)
		for _, m := range methods {
			op := ops[m]
			o := Operation{
				Method: m, Path: path, Summary: op.Summary, Description: op.Description,
				Parameters: parameters(item.Parameters, op.Parameters),
			}
			if len(op.Tags) > 0 {
				o.Tag = op.Tags[0]
			}
			o.SignedIn = op.Security != nil && len(*op.Security) > 0
			if op.Responses != nil {
				statuses := op.Responses.Keys()
				slices.Sort(statuses) // three-digit codes sort as numbers; "default" comes last
				for _, status := range statuses {
					r := Response{Status: status}
					if rr := op.Responses.Value(status); rr != nil && rr.Value != nil && rr.Value.Description != nil {
						r.Description = *rr.Value.Description
					}
					o.Responses = append(o.Responses, r)
				}
			}
			ref.Operations = append(ref.Operations, o)
		}
	}
	return ref, nil
}

// parameters merges a path's parameters with an operation's: an operation's parameter replaces
// the path's one with the same name and location, as OpenAPI says.
func parameters(pathParams, opParams openapi3.Parameters) []Parameter {
	var out []Parameter
	index := map[string]int{}
	for _, list := range []openapi3.Parameters{pathParams, opParams} {
		for _, pr := range list {
			if pr == nil || pr.Value == nil {
				continue
			}
			p := pr.Value
			param := Parameter{Name: p.Name, In: p.In, Description: p.Description, Required: p.Required}
			id := p.In + "\x00" + p.Name
			if i, ok := index[id]; ok {
				out[i] = param
				continue
			}
			index[id] = len(out)
			out = append(out, param)
		}
	}
	return out
}

func compareMethods(a, b string) int {
	ia, ib := slices.Index(methodOrder, a), slices.Index(methodOrder, b)
	switch {
	case ia >= 0 && ib >= 0:
		return ia - ib
	case ia >= 0:
		return -1
	case ib >= 0:
		return 1
	}
	return strings.Compare(a, b)
}
