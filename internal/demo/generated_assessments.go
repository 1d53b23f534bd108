package demo

import (
	"context"
	"fmt"
	"strings"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/generate"
	"github.com/workframe/workframe/internal/store"
)

// loadGeneratedAssessments saves every organisation's generated IWL cycles: its management lead (an
// administrator there, as an HR director who starts the cycles) and staff-side representative
// (a member of staff) get accounts and their sides; each cycle is created with all its ratings in
// one transaction (store.CreateCycle), its evidence added while it is open, the past ones signed
// off by both sides, then each cycle's action plan with its progress notes.
func loadGeneratedAssessments(ctx context.Context, db *store.DB, g *generate.Generator, orgIDs []int64, hash string, res *GeneratedResult, progress func(generate.Progress)) error {
	f, err := g.IWL()
	if err != nil {
		return err
	}
	standards := assess.FlatStandards(f)
	keys := make([]string, len(standards))
	for i, s := range standards {
		keys[i] = s.Key
	}
	all, err := g.Assessments(db.Today().Time())
	if err != nil {
		return err
	}
	for i, a := range all {
		orgID := orgIDs[i]
		people := map[assess.Side]int64{}
		for _, p := range []struct {
			side   assess.Side
			who    string
			access store.AccessRole
		}{{assess.Management, "iwl.lead", store.AccessAdministrator}, {assess.StaffSide, "staffside", store.AccessStaff}} {
			email := fmt.Sprintf("%s.%d@generated.example", p.who, i+1)
			u, err := db.CreateUser(ctx, store.System, store.User{Email: email, Name: strings.TrimSpace(p.side.Label()) + " " + fmt.Sprint(i+1), PasswordHash: hash})
			if err != nil {
				return fmt.Errorf("generated assessment side %s: %w", email, err)
			}
			if err := db.SetMembership(ctx, store.System, u.ID, orgID, p.access); err != nil {
				return err
			}
			if err := db.SetAssessmentSide(ctx, store.System, orgID, u.ID, p.side); err != nil {
				return err
			}
			people[p.side] = u.ID
			res.Accounts++
		}
		lead, rep := store.Actor{UserID: people[assess.Management]}, store.Actor{UserID: people[assess.StaffSide]}
		var prev int64
		for _, c := range a.Cycles {
			ratings := make([]assess.Rating, len(c.Ratings))
			for k, r := range c.Ratings {
				if r.Management != "" {
					r.ManagementBy = lead.UserID
				}
				if r.Staff != "" {
					r.StaffBy = rep.UserID
				}
				ratings[k] = r
			}
			cy, err := db.CreateCycle(ctx, lead, assess.Cycle{OrganisationID: orgID, Name: c.Name, FrameworkKey: f.Key,
				FrameworkVersion: f.Version, PreviousID: prev}, keys, ratings)
			if err != nil {
				return fmt.Errorf("generated assessment %s: %w", c.Name, err)
			}
			prev = cy.ID
			res.Cycles++
			for k, e := range c.Evidence {
				e.CycleID = cy.ID
				by := lead
				if k%2 == 1 {
					by = rep
				}
				if _, err := db.AddEvidence(ctx, by, e); err != nil {
					return fmt.Errorf("generated evidence: %w", err)
				}
			}
			if c.SignedOff {
				for _, s := range []struct {
					a    store.Actor
					side assess.Side
				}{{lead, assess.Management}, {rep, assess.StaffSide}} {
					if cy, err = db.SignOffCycle(ctx, s.a, cy.ID, cy.Version, standards, s.side); err != nil {
						return fmt.Errorf("generated assessment %s: %w", c.Name, err)
					}
				}
			}
			for _, ar := range c.Actions {
				act := ar.Action
				act.CycleID, act.OwnerID = cy.ID, people[ar.Owner]
				saved, err := db.SaveAction(ctx, lead, act)
				if err != nil {
					return fmt.Errorf("generated action: %w", err)
				}
				res.AssessmentActions++
				if ar.Note != "" {
					if err := db.AddActionNote(ctx, store.Actor{UserID: act.OwnerID}, saved.ID, ar.Note); err != nil {
						return err
					}
				}
			}
		}
		if progress != nil {
			progress(generate.Progress{Stage: "self-assessments", Done: i + 1, Total: len(all)})
		}
	}
	return nil
}
