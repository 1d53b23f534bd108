// Package frameworks holds the built-in framework files, embedded in the binary.
package frameworks

import "embed"

// FS holds every built-in framework file (one YAML file per framework version, named
// <key>-<version>.yaml). The framework package parses and validates them; this package only
// carries the bytes.
//
//go:embed *.yaml
var FS embed.FS
