package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/workframe/workframe/internal/api"
	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/web"
)

func runServe(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "serve", "[flags]")
	dsn := databaseFlag(fs)
	addr := fs.String("addr", ":8080", "`address` to listen on")
	serviceName := fs.String("service-name", "Workframe", "service `name` shown in the header")
	nhs := fs.Bool("nhs-branding", false, "show the NHS logo: only for deployments run by an NHS organisation")
	nhsFont := fs.Bool("allow-nhs-font", false, "let browsers load the NHS font from assets.nhs.uk (otherwise Arial)")
	secure := fs.Bool("secure-cookies", false, "mark cookies Secure; implied by --tls-cert, set it behind a TLS proxy")
	cert := fs.String("tls-cert", "", "TLS certificate `file`; serves HTTPS when set with --tls-key")
	key := fs.String("tls-key", "", "TLS private key `file`")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	oidcIssuer := fs.String("oidc-issuer", "", "single sign-on: the OpenID Connect provider's issuer `URL` (turns single sign-on on)")
	oidcClient := fs.String("oidc-client-id", "", "single sign-on: the client `id` the provider registered Workframe as")
	oidcSecret := fs.String("oidc-client-secret", "", "single sign-on: the client `secret` (better given as WORKFRAME_OIDC_CLIENT_SECRET)")
	oidcRedirect := fs.String("oidc-redirect-url", "", "single sign-on: Workframe's callback `URL` as registered, https://<host>/sign-in/oidc/callback")
	oidcName := fs.String("oidc-name", "single sign-on", "single sign-on: the provider's `name` on the sign-in button")
	oidcOrg := fs.String("oidc-default-organisation", "", "single sign-on: the `organisation` (id or name) where newcomers get the default access role")
	oidcRole := fs.String("oidc-default-role", "", "single sign-on: the access `role` newcomers get there (none: no access until an administrator gives it)")
	passwords := fs.Bool("local-passwords", true, "allow signing in with a password; false leaves single sign-on only")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if !*passwords && *oidcIssuer == "" {
		return errors.New("--local-passwords=false needs single sign-on (--oidc-issuer), or nobody could sign in")
	}
	if (*oidcOrg == "") != (*oidcRole == "") {
		return errors.New("--oidc-default-organisation and --oidc-default-role must be given together")
	}
	if (*cert == "") != (*key == "") {
		return errors.New("--tls-cert and --tls-key must be given together")
	}
	var handler slog.Handler = slog.NewTextHandler(e.stderr, nil)
	if *logFormat == "json" {
		handler = slog.NewJSONHandler(e.stderr, nil)
	}
	log := slog.New(handler)

	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if n, err := syncBuiltins(ctx, db); err != nil {
		return err
	} else if n > 0 {
		log.Info("built-in frameworks loaded", "versions", n)
	}

	cfg := web.Config{
		ServiceName:      *serviceName,
		NHSBranding:      *nhs,
		AllowNHSFont:     *nhsFont,
		SecureCookies:    *secure || *cert != "",
		Version:          version,
		NoLocalPasswords: !*passwords,
	}
	if *oidcIssuer != "" {
		if cfg.OIDC, err = auth.NewOIDC(auth.OIDCConfig{Issuer: *oidcIssuer, ClientID: *oidcClient,
			ClientSecret: *oidcSecret, RedirectURL: *oidcRedirect}); err != nil {
			return err
		}
		cfg.OIDCName = *oidcName
		if *oidcRole != "" {
			if cfg.OIDCDefaultRole, err = store.ParseAccessRole(*oidcRole); err != nil {
				return err
			}
			o, err := findOrganisation(ctx, db, *oidcOrg)
			if err != nil {
				return fmt.Errorf("--oidc-default-organisation: %w", err)
			}
			cfg.OIDCDefaultOrganisation = o.ID
		}
	}
	app, err := web.New(cfg, db, api.NewWithAuth(db, log, web.APICaller), log)
	if err != nil {
		return err
	}
	// The career index (career options, talent match) builds in the background: /readyz answers
	// 503 until it is ready, then it follows the change sequence.
	db.Careers().Start(ctx, 2*time.Second, func(err error) { log.Warn("career index", "err", err) })
	srv := &http.Server{
		Addr:              *addr,
		Handler:           app,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(handler, slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", *addr, err)
	}
	scheme := "http"
	if *cert != "" {
		scheme = "https"
	}
	fmt.Fprintf(e.stdout, "Workframe is serving %s://%s (database: %s). Press Ctrl+C to stop.\n", scheme, displayAddr(ln.Addr()), db.Engine())

	errc := make(chan error, 1)
	go func() {
		if *cert != "" {
			errc <- srv.ServeTLS(ln, *cert, *key)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Let requests in flight finish; refuse new ones.
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

// displayAddr turns ":8080" into "localhost:8080" so the printed address can be clicked.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() || ip.IsLoopback() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
