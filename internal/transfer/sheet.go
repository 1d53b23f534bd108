package transfer

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// Workbook writes an export the way every Workframe export is written: sheets one after
// another through excelize's streaming writer (a large export does not hold every cell as an
// object), each with a bold, frozen header row and the column widths given, and every text cell
// made safe by SafeCell.
type Workbook struct {
	x          *excelize.File
	bold, wrap int
	sheets     int
}

// NewWorkbook starts an empty workbook. Close it (WriteTo does) when done.
func NewWorkbook() (*Workbook, error) {
	x := excelize.NewFile()
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		x.Close()
		return nil, err
	}
	wrap, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		x.Close()
		return nil, err
	}
	return &Workbook{x: x, bold: bold, wrap: wrap}, nil
}

// AddSheet writes one sheet. A nil header writes the rows alone, with the first column bold
// (a sheet of label and value pairs).
func (b *Workbook) AddSheet(name string, header []string, widths []float64, rows [][]any) error {
	if b.sheets == 0 {
		if err := b.x.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := b.x.NewSheet(name); err != nil {
		return err
	}
	b.sheets++
	sw, err := b.x.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, width := range widths {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	r := 1
	if header != nil {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		cells := make([]any, len(header))
		for i, h := range header {
			cells[i] = excelize.Cell{StyleID: b.bold, Value: h}
		}
		if err := sw.SetRow("A1", cells); err != nil {
			return err
		}
		r++
	}
	for _, row := range rows {
		cells := SafeRow(row)
		for j, c := range cells {
			style := b.wrap
			if header == nil && j == 0 {
				style = b.bold
			}
			cells[j] = excelize.Cell{StyleID: style, Value: c}
		}
		cell, err := excelize.CoordinatesToCellName(1, r)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return fmt.Errorf("transfer: %s sheet, row %d: %w", name, r, err)
		}
		r++
	}
	return sw.Flush()
}

// Close discards a workbook that will not be written.
func (b *Workbook) Close() error { return b.x.Close() }

// WriteTo writes the workbook and closes it.
func (b *Workbook) WriteTo(w io.Writer) (int64, error) {
	defer b.x.Close()
	return b.x.WriteTo(w)
}

// WriteSheetXLSX writes a workbook of one sheet.
func WriteSheetXLSX(w io.Writer, sheet string, header []string, widths []float64, rows [][]any) error {
	b, err := NewWorkbook()
	if err != nil {
		return err
	}
	if err := b.AddSheet(sheet, header, widths, rows); err != nil {
		b.x.Close()
		return err
	}
	_, err = b.WriteTo(w)
	return err
}

// WriteSheetCSV writes the rows as CSV with a byte order mark, so that spreadsheet programs read
// it as UTF-8. Every text cell goes through SafeCell.
func WriteSheetCSV(w io.Writer, header []string, rows [][]any) error {
	if _, err := w.Write([]byte("\xef\xbb\xbf")); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, row := range rows {
		record := make([]string, len(header))
		for j, v := range SafeRow(row) {
			if j >= len(record) {
				break
			}
			switch v := v.(type) {
			case string:
				record[j] = v
			case int:
				record[j] = strconv.Itoa(v)
			case int64:
				record[j] = strconv.FormatInt(v, 10)
			default:
				record[j] = fmt.Sprint(v)
			}
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// maxCellUnits is the most UTF-16 code units a spreadsheet cell holds.
const maxCellUnits = 32767

// SafeCell makes text safe for a spreadsheet: control characters a cell cannot hold become
// spaces, text too long for a cell is cut with a note, and a cell a spreadsheet program could
// run as a formula (starting with = + - @ or a tab or carriage return: CSV injection) gets an
// apostrophe in front, which shows it as text.
func SafeCell(s string) string {
	var b strings.Builder
	units := 0
	const note = " … (cut: too long for a spreadsheet cell)"
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
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
	return protect(b.String())
}

// SafeRow is SafeCell on every text cell of a row.
func SafeRow(row []any) []any {
	out := make([]any, len(row))
	for i, v := range row {
		if s, ok := v.(string); ok {
			out[i] = SafeCell(s)
		} else {
			out[i] = v
		}
	}
	return out
}
