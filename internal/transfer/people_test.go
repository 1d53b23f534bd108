package transfer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/workforce"
)

func readPeopleFile(t *testing.T, name string) ([]PersonRow, []Problem) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "people", name))
	if err != nil {
		t.Fatal(err)
	}
	return ReadPeople(name, data)
}

func TestReadPeopleESRExtract(t *testing.T) {
	rows, problems := readPeopleFile(t, "esr-extract.csv")
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	want := PersonRow{Line: 4, StaffNumber: "20000002", Name: "Mary Seacole", Role: "Staff nurse", Team: "Night team", FTE: 40,
		Start: "2021-09-01", End: "2026-03-31"}
	if rows[2] != want {
		t.Errorf("row 3 = %+v, want %+v", rows[2], want)
	}
	rows, problems = readPeopleFile(t, "semicolons.csv")
	if len(problems) > 0 || len(rows) != 1 || rows[0].StaffNumber != "30000001" || rows[0].FTE != 100 {
		t.Fatalf("semicolons and other column names: %+v %v", rows, problems)
	}
	if _, problems := readPeopleFile(t, "broken.csv"); len(problems) != 1 || problems[0].Line != 2 {
		t.Errorf("broken CSV: %v", problems)
	}
}

func TestReadPeopleReportsEveryBadRow(t *testing.T) {
	csv := "Employee Number,Full Name,Position Title,Organisation,FTE,Assignment Start Date,Assignment End Date\n" +
		"1,Ann,Staff nurse,Ward 7,1,2020-01-01,\n" + // fine
		",Bob,Staff nurse,Ward 7,1,2020-01-01,\n" + // no number
		"3,Cat,Staff nurse,Ward 7,1.5,2020-01-01,\n" + // FTE above one
		"4,Dan,,Ward 7,0.5,31/02/2020,\n" + // no role, impossible date
		"5,Eve,Staff nurse,Ward 7,0.5,2020-01-01,2019-01-01\n" // ends before it starts
	_, problems := ReadPeople("people.csv", []byte(csv))
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{
		"line 3: employee_number: enter the employee number",
		`line 4: fte: must be from 0.01 to 1.00 (it is 1.50)`,
		"line 5: position_title: enter the position title (the role, as named in Workframe)",
		`line 5: assignment_start_date: "31/02/2020" is not a date: write it as 2024-03-31 or 31/03/2024`,
		"line 6: assignment_end_date: is before the start date",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, problems := ReadPeople("p.csv", []byte("Employee Number,Full Name\n1,Ann\n")); len(problems) != 4 {
		t.Errorf("missing columns: %v", problems)
	}
	if _, problems := ReadPeople("p.csv", []byte("Employee Number,Full Name,Position Title,Organisation,FTE,Assignment Start Date\n")); len(problems) != 1 {
		t.Errorf("header only: %v", problems)
	}
}

func TestPeopleFromGroupsAndResolves(t *testing.T) {
	rows, problems := readPeopleFile(t, "esr-extract.csv")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	roles := map[string]int64{"staff nurse": 5}
	teams := map[string]int64{"ward 7": 7, "night team": 8}
	look := func(m map[string]int64) func(string) (int64, bool) {
		return func(n string) (int64, bool) { id, ok := m[strings.ToLower(n)]; return id, ok }
	}
	people, where, problems := PeopleFrom(rows, look(roles), look(teams))
	if len(problems) != 1 || problems[0].Line != 2 || problems[0].Field != "position_title" {
		t.Fatalf("problems %v, want the unknown healthcare assistant role on line 2", problems)
	}
	if len(people) != 2 || len(people[1].Assignments) != 2 || people[1].Assignments[1].TeamID != 8 || where[1][1].Line != 4 {
		t.Fatalf("people %+v", people)
	}
	p := PersonProblem(where, 1, "assignments[1].fte", "too much")
	if p.Line != 4 || p.Field != "fte" {
		t.Errorf("PersonProblem = %+v", p)
	}
	if p := PersonProblem(where, 0, "work_email", "bad"); p.Line != 2 || p.Field != "work_email" {
		t.Errorf("PersonProblem = %+v", p)
	}
	// One person with two names is a problem on the second row.
	rows[2].Name = "Mary Someone"
	_, _, problems = PeopleFrom(rows, look(map[string]int64{"staff nurse": 5, "healthcare assistant": 4}), look(teams))
	if len(problems) != 1 || problems[0].Line != 4 || problems[0].Field != "full_name" {
		t.Errorf("two names: %v", problems)
	}
}

func TestPeopleExportRoundTrip(t *testing.T) {
	people := []workforce.Person{
		{StaffNumber: "1", Name: "=cmd|' /C calc'!A0", WorkEmail: "a@example.org",
			Assignments: []workforce.Assignment{{RoleID: 5, TeamID: 7, FTE: 60, Start: "2020-01-01"}, {RoleID: 5, TeamID: 8, FTE: 40, Start: "2020-01-01", End: "2026-01-01"}}},
		{StaffNumber: "2", Name: "No Job"},
	}
	names := map[int64]string{5: "Staff nurse", 7: "Ward 7", 8: "Night team"}
	table := PeopleTable(people, func(id int64) string { return names[id] }, func(id int64) string { return names[id] })
	for _, write := range []struct {
		name string
		fn   func(*bytes.Buffer) error
	}{
		{"people.csv", func(b *bytes.Buffer) error { return WritePeopleCSV(b, table) }},
		{"people.xlsx", func(b *bytes.Buffer) error { return WritePeopleXLSX(b, table) }},
	} {
		var buf bytes.Buffer
		if err := write.fn(&buf); err != nil {
			t.Fatal(err)
		}
		if write.name == "people.csv" && !strings.Contains(buf.String(), `'=cmd`) {
			t.Errorf("CSV export does not protect a formula: %s", buf.String())
		}
		rows, problems := ReadPeople(write.name, buf.Bytes())
		// The person without an assignment cannot be imported as it is: a row needs a job.
		if len(problems) == 0 || problems[0].Line != 4 {
			t.Fatalf("%s: problems %v", write.name, problems)
		}
		_ = rows
		// Without that person the file reads back as written.
		table2 := table[:3]
		buf.Reset()
		if write.name == "people.csv" {
			_ = WritePeopleCSV(&buf, table2)
		} else {
			_ = WritePeopleXLSX(&buf, table2)
		}
		rows, problems = ReadPeople(write.name, buf.Bytes())
		if len(problems) > 0 || len(rows) != 2 || rows[0].Name != people[0].Name || rows[1].End != "2026-01-01" || rows[0].FTE != 60 {
			t.Errorf("%s read back %+v %v", write.name, rows, problems)
		}
	}
}

// FuzzReadPeople: whatever the bytes, the reader does not panic; it returns rows or problems,
// never both or neither; and rows it accepts have what an import needs.
func FuzzReadPeople(f *testing.F) {
	files, _ := filepath.Glob("testdata/people/*.csv")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(filepath.Base(file), data)
	}
	f.Add("x.xlsx", []byte("PK\x03\x04 not really"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		rows, problems := ReadPeople(name, data)
		if (len(rows) == 0) == (len(problems) == 0) {
			t.Fatalf("%d rows and %d problems", len(rows), len(problems))
		}
		for _, r := range rows {
			if r.StaffNumber == "" || r.Name == "" || r.Role == "" || r.Team == "" || r.Start.IsZero() ||
				r.FTE < workforce.MinFTE || r.FTE > workforce.MaxFTE || (!r.End.IsZero() && r.End.Before(r.Start)) {
				t.Fatalf("accepted a bad row %+v", r)
			}
		}
	})
}
