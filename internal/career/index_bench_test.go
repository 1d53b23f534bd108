package career

import (
	"fmt"
	"math/rand"
	"syscall"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// BenchmarkOptions: career options for one person over 20,000 roles of 20 requirements each.
func BenchmarkOptions(b *testing.B) {
	f := &framework.Framework{Key: "b", Version: "1", Levels: []framework.Level{{Key: "l1", Rank: 1}, {Key: "l2", Rank: 2}, {Key: "l3", Rank: 3}, {Key: "l4", Rank: 4}}}
	x := NewIndex(func(k, v string) *framework.Framework { return f })
	r := rand.New(rand.NewSource(1))
	for id := int64(1); id <= 20000; id++ {
		var reqs []workforce.Requirement
		for k := range 20 {
			reqs = append(reqs, workforce.Requirement{FrameworkKey: "b", FrameworkVersion: "1", NodeKey: fmt.Sprint("c", r.Intn(3000)), LevelKey: fmt.Sprint("l", 1+r.Intn(4)), Essential: k%3 == 0})
		}
		x.PutRole(workforce.Role{ID: id, OrganisationID: 1, Title: fmt.Sprintf("Role %06d", id), Level: 1 + int(id)%9, Status: workforce.StatusPublished, Requirements: reqs})
	}
	var entries []workforce.PortfolioEntry
	for range 20 {
		entries = append(entries, workforce.PortfolioEntry{FrameworkKey: "b", FrameworkVersion: "1", NodeKey: fmt.Sprint("c", r.Intn(3000)), LevelKey: fmt.Sprint("l", 1+r.Intn(4))})
	}
	x.PutPerson(workforce.Person{ID: 1, OrganisationID: 1, Assignments: []workforce.Assignment{{RoleID: 5, TeamID: 1, FTE: 100, Start: "2020-01-01"}}}, entries)
	scope := RoleScope{Own: map[int64]bool{1: true}}
	today := Today("2025-01-01")
	st, _ := x.PersonStart(1, today)
	b.ResetTimer()
	c0 := cpuTime()
	for b.Loop() {
		x.Options(st, today, scope, OptionFilter{})
	}
	// CPU time per query: on a shared machine the wall time per query also counts waiting for a core.
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTalentMatch: talent match for one role of 20 requirements over 200,000 people of 20
// competences each (of 3,000).
func BenchmarkTalentMatch(b *testing.B) {
	f := &framework.Framework{Key: "b", Version: "1", Levels: []framework.Level{{Key: "l1", Rank: 1}, {Key: "l2", Rank: 2}, {Key: "l3", Rank: 3}, {Key: "l4", Rank: 4}}}
	x := NewIndex(func(k, v string) *framework.Framework { return f })
	r := rand.New(rand.NewSource(1))
	nodes, levels := make([]string, 3000), []string{"l1", "l2", "l3", "l4"}
	for i := range nodes {
		nodes[i] = fmt.Sprint("c", i)
	}
	for id := int64(1); id <= 100; id++ {
		var reqs []workforce.Requirement
		for k := range 20 {
			reqs = append(reqs, workforce.Requirement{FrameworkKey: "b", FrameworkVersion: "1", NodeKey: nodes[r.Intn(3000)], LevelKey: levels[r.Intn(4)], Essential: k%3 == 0})
		}
		x.PutRole(workforce.Role{ID: id, OrganisationID: 1, Title: fmt.Sprintf("Role %06d", id), Level: 1 + int(id)%9, Status: workforce.StatusPublished, Requirements: reqs})
	}
	entries := make([]workforce.PortfolioEntry, 20)
	for id := int64(1); id <= 200_000; id++ {
		for k := range entries {
			entries[k] = workforce.PortfolioEntry{FrameworkKey: "b", FrameworkVersion: "1", NodeKey: nodes[r.Intn(3000)], LevelKey: levels[r.Intn(4)]}
		}
		x.PutPerson(workforce.Person{ID: id, OrganisationID: 1}, entries)
	}
	x.Trim()
	scope := PeopleScope{Orgs: map[int64]bool{1: true}}
	today := Today("2025-01-01")
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; b.Loop(); i++ {
		x.TalentMatch(int64(1+i%100), today, scope, 20, 0)
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}
