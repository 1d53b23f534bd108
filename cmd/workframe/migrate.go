package main

import (
	"context"
	"fmt"
)

func runMigrate(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "migrate", "[flags]")
	dsn := databaseFlag(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(e.stdout, "The %s database is up to date.\n", db.Engine())
	return nil
}
