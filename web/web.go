// Package web holds Workframe's static front-end files and embeds them in the
// binary: our own CSS and JavaScript in static/css and static/js, and the
// NHS.UK design system (nhsuk-frontend from npm) in static/vendor.
//
// static/vendor is not committed: it is written by the asset build,
//
//	cd web && npm ci && node build.mjs
//
// and the //go:embed below names it, so `go build` fails on a fresh clone
// ("pattern static/vendor: no matching files found") until that step has run.
// That is deliberate: a binary can never ship without its design system. The
// make targets and CI run the asset build first.
package web

import (
	"embed"
	"io/fs"
)

// Static is the static folder as embedded: css/, js/ and vendor/.
//
//go:embed static/css static/js static/vendor
var Static embed.FS

// StaticFS returns the static folder as the root of a file system, so that
// StaticFS() holds "css/app.css", "js/app.js", "vendor/nhsuk-frontend.min.css"
// and so on; serve it at /static/ with http.FileServerFS.
func StaticFS() fs.FS {
	sub, err := fs.Sub(Static, "static")
	if err != nil {
		// fs.Sub fails only on an invalid path name; "static" is valid.
		panic(err)
	}
	return sub
}
