package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
)

// TokenPrefix starts every API token, so a token pasted somewhere it should not be (a log, a
// repository) is recognisable by secret scanners and people alike.
const TokenPrefix = "wf_"

// tokenEncoding is lower-case base32 without padding: letters and digits only, so a token
// survives being copied from a page, a terminal or a spreadsheet cell.
var tokenEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewToken returns a new API token secret with 256 random bits, the hash to store and a hint (its
// last four characters) to show in lists. The secret is shown to its owner once and never kept.
func NewToken() (secret, hash, hint string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24 and later)
	secret = TokenPrefix + tokenEncoding.EncodeToString(b)
	return secret, HashToken(secret), secret[len(secret)-4:]
}

// HashToken is the stored form of a token secret. A fast hash is enough here, unlike for
// passwords: the secret is 256 random bits, so there is nothing to guess, and the lookup runs on
// every API call.
func HashToken(secret string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(secret)))
	return hex.EncodeToString(sum[:])
}

// LooksLikeToken reports whether s has the shape of a Workframe API token, so a caller that
// sends some other bearer credential gets a clear answer instead of "unknown token".
func LooksLikeToken(s string) bool {
	body, ok := strings.CutPrefix(strings.TrimSpace(s), TokenPrefix)
	if !ok || len(body) != tokenEncoding.EncodedLen(32) {
		return false
	}
	_, err := tokenEncoding.DecodeString(body)
	return err == nil
}
