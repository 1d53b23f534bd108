package transfer

import "github.com/workframe/workframe/internal/workforce"

// TrainingNeedsTable is a training needs analysis as a table for WriteSheetCSV and
// WriteSheetXLSX: one row per competence in rank order, counts only (no names). The last
// column, people who need it only for an aimed-for role, is there only when aimed-for roles were
// counted.
func TrainingNeedsTable(tn workforce.TrainingNeeds, aimUsed bool) ([]string, [][]any) {
	header := []string{"Rank", "Framework", "Version", "Competence key", "Code", "Competence", "Level needed", "Gaps closed",
		"Missing", "Expired", "Partly met", "Expiring soon", "Essential for", "Desirable for"}
	if aimUsed {
		header = append(header, "Only for an aimed-for role")
	}
	rows := make([][]any, 0, len(tn.Needs))
	for i, n := range tn.Needs {
		row := []any{i + 1, n.FrameworkKey, n.FrameworkVersion, n.NodeKey, n.Code, n.Title, n.Level, n.Closes,
			n.Missing, n.Expired, n.Partly, n.Expiring, n.Essential, n.Desirable}
		if aimUsed {
			row = append(row, n.AimOnly)
		}
		rows = append(rows, row)
	}
	return header, rows
}

// TrainingNeedsWidths are the column widths of TrainingNeedsTable in a workbook.
func TrainingNeedsWidths(columns int) []float64 {
	widths := []float64{6, 12, 10, 16, 8, 50, 16, 12, 10, 10, 12, 14, 14, 14, 16}
	return widths[:min(columns, len(widths))]
}
