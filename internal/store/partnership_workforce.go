package store

import (
	"context"

	"github.com/workframe/workframe/internal/workforce"
)

// PartnershipWorkforce is the workforce profile of a whole partnership: each partner's own
// profile (from the profile cache) added up by workforce.WorkOutPartnership, which suppresses
// small groups. It is the one place the page, its downloads and the API take the figures from,
// so the suppression rule is applied the same way in all of them (docs/decisions/0014). Who
// may ask is PartnerAccess.SeeWorkforce; the caller checks it.
func (db *DB) PartnershipWorkforce(ctx context.Context, id int64) (workforce.PartnershipProfile, error) {
	partners, err := db.PartnershipPartners(ctx, id)
	if err != nil {
		return workforce.PartnershipProfile{}, err
	}
	in := make([]workforce.PartnerProfile, len(partners))
	for i, p := range partners {
		prof, _, err := db.Profiles().Profile(ctx, p.ID)
		if err != nil {
			return workforce.PartnershipProfile{}, err
		}
		in[i] = workforce.PartnerProfile{ID: p.ID, Name: p.Name, Profile: prof}
	}
	return workforce.WorkOutPartnership(in), nil
}
