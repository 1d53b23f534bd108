package framework

import (
	"strconv"
	"strings"
)

// Slug makes a key from a title or code: lower-case ASCII letters and digits, each run of
// anything else as one hyphen, none at either end, at most max characters. Keys made this way
// survive URLs, file names and spreadsheets unchanged.
func Slug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			hyphen := dash && b.Len() > 0
			if b.Len()+1+btoi(hyphen) > max {
				break
			}
			if hyphen {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return strings.Trim(b.String(), "-")
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// UniqueKey returns base, or base-2, base-3... whichever is not yet taken (fallback when base
// is empty), and marks it taken.
func UniqueKey(base, fallback string, taken map[string]bool) string {
	if base == "" {
		base = fallback
	}
	k := base
	for n := 2; taken[k]; n++ {
		k = base + "-" + strconv.Itoa(n)
	}
	taken[k] = true
	return k
}
