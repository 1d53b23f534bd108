// Package auth holds the rules for signing in: password hashing with argon2id, the password
// policy, and sign-in throttling. It keeps no state of its own: counters live in the database,
// behind the small interfaces declared here, so several servers agree.
package auth

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). They are kept in
// every hash, so raising them later still verifies old hashes.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// MinPasswordLength follows NCSC guidance: length beats complexity rules.
const MinPasswordLength = 10

// maxPasswordLength stops a huge password from being used to burn CPU in the hash.
const maxPasswordLength = 256

// ErrBadHash means a stored hash is not one this package wrote.
var ErrBadHash = errors.New("auth: stored password hash is not a valid argon2id hash")

// HashPassword returns the password's argon2id hash in the PHC string format.
func HashPassword(password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: reading random salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches the stored hash, in constant time.
func VerifyPassword(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrBadHash
	}
	var memory, passes uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &passes, &threads); err != nil {
		return false, ErrBadHash
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, ErrBadHash
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, ErrBadHash
	}
	got := argon2.IDKey([]byte(password), salt, passes, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

//go:embed common-passwords.txt
var commonPasswordList []byte

var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 20000)
	sc := bufio.NewScanner(bytes.NewReader(commonPasswordList))
	for sc.Scan() {
		set[sc.Text()] = struct{}{}
	}
	return set
})

// CheckNewPassword returns a message a person can act on when a new password is too weak, or nil.
// The rules are NCSC's: a minimum length and no password from a list of commonly used ones.
func CheckNewPassword(password, email string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return fmt.Errorf("Password must be %d characters or more", MinPasswordLength)
	case n > maxPasswordLength:
		return fmt.Errorf("Password must be %d characters or fewer", maxPasswordLength)
	}
	lower := strings.ToLower(password)
	if _, common := commonPasswords()[lower]; common {
		return errors.New("Password is too common: choose one that other people are unlikely to use, such as three random words")
	}
	if email != "" && strings.Contains(lower, strings.ToLower(strings.SplitN(email, "@", 2)[0])) {
		return errors.New("Password must not contain your email address")
	}
	return nil
}

// RandomPassword returns a password of 20 characters from an alphabet without look-alikes, for
// accounts created on the command line.
func RandomPassword() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on Linux; a failure here is not recoverable
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
