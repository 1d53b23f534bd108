package web

import (
	"bytes"
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

type errorView struct {
	Page
	Heading string
	Message string
}

// renderError shows an error page in the site's style with a message that says what to do.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, heading, message string) {
	v := errorView{Page: s.page(r, heading, ""), Heading: heading, Message: message}
	s.render(w, r, status, "error", v)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, http.StatusNotFound, "Page not found",
		"If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.")
}

func (s *Server) forbidden(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, http.StatusForbidden, "You do not have access to this page",
		"Your access role does not allow this. Ask an administrator of your organisation if you need it.")
}

// mayNot refuses an action the viewer's access roles allow nowhere, naming the access role the
// policy asks for, so that they know whom to ask.
func (s *Server) mayNot(w http.ResponseWriter, r *http.Request, a store.Action) {
	s.renderError(w, r, http.StatusForbidden, "You do not have access to this page",
		"To "+string(a)+" you need "+store.NeedsPhrase(a)+" in the organisation. Ask an administrator of your organisation if you need it.")
}

// serverError logs the cause and shows a page without any detail of it: no stack traces or SQL
// reach the visitor.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// The page is drawn without the viewer or the session, which may be what failed; if even
	// the template fails, a plain page in the same style takes its place.
	v := errorView{
		Page:    Page{Title: serverErrorHeading, ServiceName: s.cfg.ServiceName, NHSBranding: s.cfg.NHSBranding, NHSFont: s.cfg.AllowNHSFont, Version: s.cfg.Version},
		Heading: serverErrorHeading,
		Message: "Try again later. If the problem continues, tell your administrator the time it happened.",
	}
	var buf bytes.Buffer
	if t, ok := s.pages.sets["error"]; ok && t.ExecuteTemplate(&buf, "layout", v) == nil {
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = buf.WriteTo(w)
		return
	}
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = w.Write([]byte(serverErrorPage))
}

const serverErrorHeading = "Sorry, there is a problem with the service"

const serverErrorPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sorry, there is a problem with the service - Workframe</title>
<link rel="stylesheet" href="/static/vendor/nhsuk-frontend.min.css"></head>
<body><div class="nhsuk-width-container"><main class="nhsuk-main-wrapper" id="maincontent">
<h1>Sorry, there is a problem with the service</h1>
<p>Try again later. If the problem continues, tell your administrator the time it happened.</p>
<p><a href="/">Go to the home page</a></p>
</main></div></body></html>`
