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
	if err := parseFlags(fs, e, args); err != nil {
		return err
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

	app, err := web.New(web.Config{
		ServiceName:   *serviceName,
		NHSBranding:   *nhs,
		AllowNHSFont:  *nhsFont,
		SecureCookies: *secure || *cert != "",
		Version:       version,
	}, db, api.NewWithAuth(db, log, web.APICaller), log)
	if err != nil {
		return err
	}
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
