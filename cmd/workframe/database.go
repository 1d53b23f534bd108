package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

// openDatabase opens the database and brings its schema up to date, as every command that
// touches data does, so a fresh file or an old one both just work.
func openDatabase(ctx context.Context, dsn string) (*store.DB, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("opening the database: %w", err)
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrating the database: %w", err)
	}
	return db, nil
}

// syncBuiltins loads the frameworks embedded in the binary, adding new versions and refreshing
// changed ones, so an upgrade brings corrected reference data without a manual import. It
// returns how many versions it added or changed.
func syncBuiltins(ctx context.Context, db *store.DB) (int, error) {
	fws, problems := framework.LoadAll(frameworks.FS)
	if len(problems) > 0 {
		return 0, fmt.Errorf("built-in framework file is invalid: %s", problems[0])
	}
	changed := 0
	for _, f := range fws {
		stored, _, err := db.FrameworkVersion(ctx, f.Key, f.Version)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return changed, err
		case sameDocument(stored, f):
			continue
		}
		if _, err := db.ReplaceFrameworkVersion(ctx, store.Actor{}, f, true); err != nil {
			return changed, fmt.Errorf("loading built-in framework %s: %w", f.ID(), err)
		}
		changed++
	}
	return changed, nil
}

func sameDocument(a, b *framework.Framework) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}
