package web

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// maxCellUnits is the most UTF-16 code units a spreadsheet cell holds.
const maxCellUnits = 32767

// safeCell makes text safe for a spreadsheet: control characters a cell cannot hold become
// spaces, text too long for a cell is cut with a note, and a cell a spreadsheet program could
// run as a formula (starting with = + - @ or a tab or carriage return: CSV injection) gets an
// apostrophe in front, which shows it as text.
func safeCell(s string) string {
	var b strings.Builder
	units := 0
	const note = " … (cut: too long for a spreadsheet cell)"
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			r = ' '
		}
		n := len(utf16.Encode([]rune{r}))
		if units+n > maxCellUnits-len(note)-1 {
			b.WriteString(note)
			break
		}
		units += n
		b.WriteRune(r)
	}
	s = b.String()
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return s
}

func safeRow(row []any) []any {
	out := make([]any, len(row))
	for i, v := range row {
		if s, ok := v.(string); ok {
			out[i] = safeCell(s)
		} else {
			out[i] = v
		}
	}
	return out
}

// writeSheetXLSX writes the rows as a workbook with one sheet (a bold, frozen header row, the
// columns at the widths given), through excelize's streaming writer so that a large export does
// not hold every cell as an object. Every text cell goes through safeCell.
func writeSheetXLSX(w io.Writer, sheet string, columns []string, widths []float64, rows [][]any) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	wrap, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, width := range widths {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(columns))
	for i, h := range columns {
		header[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for i, row := range rows {
		cells := safeRow(row)
		for j, c := range cells {
			cells[j] = excelize.Cell{StyleID: wrap, Value: c}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return fmt.Errorf("web: %s export row %d: %w", sheet, i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return x.Write(w)
}

// writeSheetCSV writes the rows as CSV with a byte order mark, so that spreadsheet programs
// read it as UTF-8. Every text cell goes through safeCell.
func writeSheetCSV(w io.Writer, columns []string, rows [][]any) error {
	if _, err := w.Write([]byte("\xef\xbb\xbf")); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(columns); err != nil {
		return err
	}
	record := make([]string, len(columns))
	for _, row := range safeRowsText(rows) {
		copy(record, row)
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func safeRowsText(rows [][]any) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = make([]string, len(row))
		for j, v := range safeRow(row) {
			switch v := v.(type) {
			case string:
				out[i][j] = v
			case int:
				out[i][j] = strconv.Itoa(v)
			case int64:
				out[i][j] = strconv.FormatInt(v, 10)
			default:
				out[i][j] = fmt.Sprint(v)
			}
		}
	}
	return out
}
