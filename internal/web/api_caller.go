package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/api"
)

// APICaller is the API's Authenticator for the web session: the signed-in viewer that loadUser
// put into the request. Mount the API inside the session middleware (routes does) for it to
// find one.
func APICaller(r *http.Request) (api.Caller, bool) {
	v := currentViewer(r)
	if v == nil {
		return api.Caller{}, false
	}
	return api.Caller{UserID: v.User.ID, SiteAdmin: v.User.SiteAdmin}, true
}
