package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/alexedwards/scs/v2"
)

// SessionStore keeps scs sessions in the database, so every app server sees every session.
// The session data is opaque to it.
type SessionStore struct{ db *DB }

var (
	_ scs.CtxStore         = (*SessionStore)(nil)
	_ scs.IterableCtxStore = (*SessionStore)(nil)
)

// SessionStore returns the scs store over the sessions table.
func (db *DB) SessionStore() *SessionStore { return &SessionStore{db: db} }

// FindCtx returns the data of an unexpired session; found is false for an unknown or expired
// token.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	err := s.db.r().row(ctx, `SELECT data FROM sessions WHERE token = ? AND expiry > ?`, token, s.db.now()).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return data, true, nil
}

// CommitCtx adds or replaces a session.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	if b == nil {
		b = []byte{}
	}
	_, err := s.db.r().exec(ctx, `INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, token, b, expiry)
	return err
}

// DeleteCtx removes a session (a no-op for an unknown token).
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	return s.db.tx(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, `DELETE FROM sessions WHERE token = ?`, token); err != nil {
			return err
		}
		_, err := t.exec(ctx, `DELETE FROM user_sessions WHERE token = ?`, token)
		return err
	})
}

// AllCtx returns every unexpired session.
func (s *SessionStore) AllCtx(ctx context.Context) (map[string][]byte, error) {
	rows, err := s.db.r().query(ctx, `SELECT token, data FROM sessions WHERE expiry > ?`, s.db.now())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var token string
		var data []byte
		if err := rows.Scan(&token, &data); err != nil {
			return nil, err
		}
		out[token] = data
	}
	return out, rows.Err()
}

// Find is FindCtx without a context (scs.Store).
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit is CommitCtx without a context (scs.Store).
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete is DeleteCtx without a context (scs.Store).
func (s *SessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}

// All is AllCtx without a context (scs.IterableStore).
func (s *SessionStore) All() (map[string][]byte, error) {
	return s.AllCtx(context.Background())
}

// DeleteExpiredSessions removes expired sessions and the tracking rows of sessions that are
// gone. A tracking row is kept until its own expiry even without a session, because sign-in
// tracks the token before scs commits the session at the end of the request.
func (db *DB) DeleteExpiredSessions(ctx context.Context) error {
	now := db.now()
	return db.tx(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, `DELETE FROM sessions WHERE expiry <= ?`, now); err != nil {
			return err
		}
		_, err := t.exec(ctx, `DELETE FROM user_sessions WHERE expiry <= ?
			AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.token = user_sessions.token)`, now)
		return err
	})
}

// TrackSession records that a session token belongs to a user, so DeleteUserSessions can end
// all of that user's sessions.
func (db *DB) TrackSession(ctx context.Context, token string, userID int64, expiry time.Time) error {
	_, err := db.r().exec(ctx, `INSERT INTO user_sessions (token, user_id, expiry) VALUES (?, ?, ?)
		ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id, expiry = excluded.expiry`, token, userID, expiry)
	return mapErr(err)
}

// DeleteUserSessions ends every session of a user ("sign out everywhere", or after a password
// change or disabling).
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) error {
	return db.tx(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, `DELETE FROM sessions WHERE token IN
			(SELECT token FROM user_sessions WHERE user_id = ?)`, userID); err != nil {
			return err
		}
		_, err := t.exec(ctx, `DELETE FROM user_sessions WHERE user_id = ?`, userID)
		return err
	})
}
