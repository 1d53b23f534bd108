package auth

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// OIDCConfig is how Workframe signs people in with an OpenID Connect provider (an NHS identity
// service, an organisation's Entra ID, any standard provider).
type OIDCConfig struct {
	// Issuer is the provider's issuer URL; its discovery document says the rest.
	Issuer string
	// ClientID and ClientSecret are what the provider registered Workframe as.
	ClientID, ClientSecret string
	// RedirectURL is Workframe's callback as registered with the provider:
	// https://<host>/sign-in/oidc/callback.
	RedirectURL string
}

// OIDC is an OpenID Connect relying party: the authorization code flow with PKCE, state and
// nonce, through go-oidc and golang.org/x/oauth2. The provider's discovery document is read on
// first use and kept, so a provider that is down when Workframe starts does not stop it.
type OIDC struct {
	cfg OIDCConfig

	mu       sync.Mutex
	oauth    *oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// NewOIDC returns a relying party for the configuration; nothing is fetched yet.
func NewOIDC(cfg OIDCConfig) (*OIDC, error) {
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.RedirectURL == "" {
		return nil, errors.New("single sign-on needs the issuer, the client id and the redirect URL")
	}
	return &OIDC{cfg: cfg}, nil
}

// ready reads the discovery document once.
func (o *OIDC) ready(ctx context.Context) (*oauth2.Config, *oidc.IDTokenVerifier, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.oauth != nil {
		return o.oauth, o.verifier, nil
	}
	p, err := oidc.NewProvider(ctx, o.cfg.Issuer)
	if err != nil {
		return nil, nil, fmt.Errorf("single sign-on provider %s: %w", o.cfg.Issuer, err)
	}
	o.oauth = &oauth2.Config{
		ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret, RedirectURL: o.cfg.RedirectURL,
		Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "email", "profile"},
	}
	o.verifier = p.Verifier(&oidc.Config{ClientID: o.cfg.ClientID})
	return o.oauth, o.verifier, nil
}

// OIDCRequest is a sign-in under way: the provider URL to send the person to, and the secrets
// to keep in their session until they come back.
type OIDCRequest struct {
	URL                    string
	State, Nonce, Verifier string
}

// Start begins a sign-in.
func (o *OIDC) Start(ctx context.Context) (OIDCRequest, error) {
	conf, _, err := o.ready(ctx)
	if err != nil {
		return OIDCRequest{}, err
	}
	req := OIDCRequest{State: rand.Text(), Nonce: rand.Text(), Verifier: oauth2.GenerateVerifier()}
	req.URL = conf.AuthCodeURL(req.State, oidc.Nonce(req.Nonce), oauth2.S256ChallengeOption(req.Verifier))
	return req, nil
}

// Identity is who the provider says signed in.
type Identity struct {
	Subject, Email, Name string
}

// ErrOIDCRefused is a sign-in the provider's answer does not support: a bad or replayed code, an
// ID token that does not verify or whose nonce is not ours, no email, or an email the provider
// says is not verified. The wrapped error says which, for the log.
var ErrOIDCRefused = errors.New("single sign-on refused")

// Finish completes a sign-in: it exchanges the code (with the PKCE verifier), verifies the ID
// token's signature, issuer, audience, expiry and nonce, and reads the person's email and name.
func (o *OIDC) Finish(ctx context.Context, code string, req OIDCRequest) (Identity, error) {
	conf, verifier, err := o.ready(ctx)
	if err != nil {
		return Identity{}, err
	}
	tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(req.Verifier))
	if err != nil {
		return Identity{}, fmt.Errorf("%w: exchanging the code: %v", ErrOIDCRefused, err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return Identity{}, fmt.Errorf("%w: the provider sent no ID token", ErrOIDCRefused)
	}
	idt, err := verifier.Verify(ctx, raw)
	if err != nil {
		return Identity{}, fmt.Errorf("%w: %v", ErrOIDCRefused, err)
	}
	if idt.Nonce != req.Nonce {
		return Identity{}, fmt.Errorf("%w: the ID token's nonce is not this sign-in's", ErrOIDCRefused)
	}
	var claims struct {
		Email         string `json:"email"`
		EmailVerified *bool  `json:"email_verified"`
		Name          string `json:"name"`
		GivenName     string `json:"given_name"`
		FamilyName    string `json:"family_name"`
	}
	if err := idt.Claims(&claims); err != nil {
		return Identity{}, fmt.Errorf("%w: %v", ErrOIDCRefused, err)
	}
	// Accounts are matched by email, so an address the provider has not verified could take
	// over someone else's account. Providers that never send the claim (some only vouch for
	// addresses they issue) are trusted for what they send.
	if claims.Email == "" || (claims.EmailVerified != nil && !*claims.EmailVerified) {
		return Identity{}, fmt.Errorf("%w: no verified email address", ErrOIDCRefused)
	}
	name := strings.TrimSpace(claims.Name)
	if name == "" {
		name = strings.TrimSpace(claims.GivenName + " " + claims.FamilyName)
	}
	if name == "" {
		name, _, _ = strings.Cut(claims.Email, "@")
	}
	return Identity{Subject: idt.Subject, Email: claims.Email, Name: name}, nil
}
