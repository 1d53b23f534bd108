package framework

import "testing"

func TestSlug(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"Research Nurse", 40, "research-nurse"},
		{"  --Allied   health (AHP)--  ", 40, "allied-health-ahp"},
		{"Ärzte & Pflege", 40, "rzte-pflege"},
		{"KSF C1", 40, "ksf-c1"},
		{"", 40, ""},
		{"!!!", 40, ""},
		{"abcdefghij klmnop", 12, "abcdefghij-k"},
		{"abcdefghij klmnop", 11, "abcdefghij"}, // never ends on a hyphen
	} {
		if got := Slug(tc.in, tc.max); got != tc.want {
			t.Errorf("Slug(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

func TestUniqueKey(t *testing.T) {
	taken := map[string]bool{}
	for i, want := range []string{"nursing", "nursing-2", "nursing-3"} {
		if got := UniqueKey("nursing", "family", taken); got != want {
			t.Errorf("call %d: %q, want %q", i, got, want)
		}
	}
	if got := UniqueKey("", "family", taken); got != "family" {
		t.Errorf("empty base: %q", got)
	}
}
