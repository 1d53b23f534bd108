package main

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
	"github.com/workframe/workframe/internal/workforce"
)

// trainingNeeds writes the training needs analysis of a unit (workforce.AnalyseTrainingNeeds),
// ranked as the web page ranks it, as CSV or XLSX. Aimed-for roles count only when at least
// profile.MinPooledOwn people of the unit name one, as on the page (decision 0009).
func trainingNeeds(ctx context.Context, e env, db *store.DB, o store.Organisation, format, output string, days int, essentialOnly, includeAim bool) error {
	if format != "csv" && format != "xlsx" {
		return fmt.Errorf("--format must be csv or xlsx, not %q", format)
	}
	if days < 1 || days > 730 {
		return fmt.Errorf("--days must be from 1 to 730, not %d", days)
	}
	today := db.Today()
	in, err := db.TrainingNeedsInput(ctx, o.ID, today)
	if err != nil {
		return err
	}
	aimUsed := includeAim && in.Aims >= profile.MinPooledOwn
	if includeAim && !aimUsed {
		fmt.Fprintf(e.stderr, "Aimed-for roles are not counted: fewer than %d people in %s name one.\n", profile.MinPooledOwn, o.Name)
	}
	tn := workforce.AnalyseTrainingNeeds(in.People, db.AnyFrameworks(ctx), workforce.TrainingOptions{
		Today: today, ExpiringDays: days, EssentialOnly: essentialOnly, IncludeAim: aimUsed})
	header, rows := transfer.TrainingNeedsTable(tn, aimUsed)
	var buf bytes.Buffer
	if format == "csv" {
		err = transfer.WriteSheetCSV(&buf, header, rows)
	} else {
		err = transfer.WriteSheetXLSX(&buf, "Training needs", header, transfer.TrainingNeedsWidths(len(header)), rows)
	}
	if err != nil {
		return err
	}
	if output == "" {
		_, err = buf.WriteTo(e.stdout)
		return err
	}
	if err := os.WriteFile(output, buf.Bytes(), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "Wrote %d competences (%d people analysed) to %s.\n", len(tn.Needs), tn.People, output)
	return nil
}
