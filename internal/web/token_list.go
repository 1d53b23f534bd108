package web

import (
	"net/http"
	"slices"
	"time"

	"github.com/workframe/workframe/internal/store"
)

// tokenView is the API tokens page: the viewer's personal tokens, the service tokens of the
// organisations they administer, the form to make one, and a new token's secret, once.
type tokenView struct {
	Page
	Personal, Service []store.APIToken
	Now               time.Time
	// Organisations a personal token may be for (every one the viewer may see), and those a
	// service token may be for (the ones they administer).
	Organisations, Administered []orgItem
	ServiceRoles                []store.AccessRole
	Lifetimes                   []tokenLifetime
	Form                        tokenForm
	// NewSecret is shown on the page that made the token, and never again.
	NewSecret string
	NewToken  store.APIToken
}

// tokenTable is one table of tokens on the page.
type tokenTable struct {
	Tokens  []store.APIToken
	Now     time.Time
	Caption string
}

func (v tokenView) PersonalTable() tokenTable {
	return tokenTable{v.Personal, v.Now, "Your personal API tokens"}
}

func (v tokenView) ServiceTable() tokenTable {
	return tokenTable{v.Service, v.Now, "Service tokens of the organisations you administer"}
}

// tokenForm is what the person chose, kept when the form has errors.
type tokenForm struct {
	Name, Kind, Scope, AccessRole, Days string
	OrganisationID                      int64
}

type tokenLifetime struct {
	Days  string
	Label string
}

var tokenLifetimes = []tokenLifetime{{"30", "30 days"}, {"90", "90 days"}, {"180", "180 days"}, {"365", "A year"}}

// serviceTokenRoles are the access roles a service token may act with. Administration stays
// with people: an integration that could manage users would be a way round every other control.
var serviceTokenRoles = []store.AccessRole{store.AccessViewer, store.AccessStaff, store.AccessManager, store.AccessPlanner}

// tokenList serves GET /account/tokens.
func (s *Server) tokenList(w http.ResponseWriter, r *http.Request) {
	v, err := s.tokenView(r, tokenForm{Kind: string(store.TokenPersonal), Scope: string(store.ScopeRead), Days: "90"})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "token-list", v)
}

func (s *Server) tokenView(r *http.Request, f tokenForm) (tokenView, error) {
	me := currentViewer(r)
	sc, err := s.scopeFor(r)
	if err != nil {
		return tokenView{}, err
	}
	v := tokenView{
		Page: s.page(r, "API tokens", "", crumb{"/", "Home"}, crumb{"/account", "Your account"}),
		Now:  time.Now(), ServiceRoles: serviceTokenRoles, Lifetimes: tokenLifetimes, Form: f,
		Organisations: sc.items(),
	}
	for _, o := range v.Organisations {
		if sc.may(o.ID, store.IssueServiceTokens) {
			v.Administered = append(v.Administered, o)
		}
	}
	if v.Personal, err = s.db.Tokens(r.Context(), store.TokenFilter{UserID: me.User.ID}); err != nil {
		return tokenView{}, err
	}
	var admin []int64
	for _, o := range v.Administered {
		admin = append(admin, o.ID)
	}
	if v.Service, err = s.db.Tokens(r.Context(), store.TokenFilter{OrganisationIDs: admin}); err != nil {
		return tokenView{}, err
	}
	return v, nil
}

// mayRevoke reports whether the viewer may revoke the token: their own personal token, or a
// service token of an organisation they administer.
func mayRevoke(me *viewer, sc scope, t store.APIToken) bool {
	if t.Kind == store.TokenPersonal {
		return t.UserID == me.User.ID
	}
	return sc.may(t.OrganisationID, store.IssueServiceTokens)
}

// validServiceRole reports whether a service token may act with the access role.
func validServiceRole(r store.AccessRole) bool { return slices.Contains(serviceTokenRoles, r) }
