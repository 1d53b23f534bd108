package api

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
)

func init() {
	// The contract's request validator reads a workbook body as an opaque file.
	openapi3filter.RegisterBodyDecoder(contentXLSX, openapi3filter.FileBodyDecoder)
}

func multipartBody(t *testing.T, parts map[string]string) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for name, data := range parts {
		w, err := mw.CreateFormFile(name, name+".csv")
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	mw.Close()
	return b.Bytes(), mw.FormDataContentType()
}

func TestRoleImportAPI(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			research := fmt.Sprint(w.research.ID)
			count := func() int {
				t.Helper()
				page, err := srv.db.SearchRoles(t.Context(), store.RoleQuery{OrganisationIDs: []int64{w.research.ID}, Status: store.RoleStatusAny})
				if err != nil {
					t.Fatal(err)
				}
				return page.Total
			}
			before := count()
			rolesCSV := "Title,Level,Band,Status\nResearch nurse,5,7,\nResearch practitioner,5,6,published\n"
			compsCSV := "Role title,Framework,Competence,Level\nResearch practitioner,ksf,C1,2\n"
			body, ctype := multipartBody(t, map[string]string{"roles": rolesCSV, "competences": compsCSV})
			var firstID int64
			runSteps(t, srv, []step{
				{name: "dry run says what would happen and saves nothing",
					request: request{method: "POST", path: "/api/v1/roles/import?dry_run=true&organisation=" + research, as: w.planner.ID,
						body: rolesCSV, ctype: "text/csv"},
					status: http.StatusOK, check: func(t *testing.T, r response) {
						got := decode[roleImportResult](t, r)
						if !got.DryRun || got.Created != 1 || got.Updated != 1 || got.Roles[0].ID != w.researchNurse.ID || got.Roles[1].ID != 0 {
							t.Errorf("dry run: %+v", got)
						}
						if count() != before {
							t.Errorf("a dry run saved roles")
						}
					}},
				{name: "multipart import saves everything",
					request: request{method: "POST", path: "/api/v1/roles/import?organisation=" + research, as: w.planner.ID, body: body, ctype: ctype},
					status:  http.StatusOK, check: func(t *testing.T, r response) {
						got := decode[roleImportResult](t, r)
						if got.DryRun || got.Created != 1 || got.Updated != 1 {
							t.Fatalf("import: %+v", got)
						}
						if got.Roles[0].Version != w.researchNurse.Version+1 || got.Roles[1].ID == 0 || got.Roles[1].Href == "" {
							t.Errorf("outcomes %+v", got.Roles)
						}
						firstID = got.Roles[1].ID
						if count() != before+1 {
							t.Errorf("%d roles, want %d", count(), before+1)
						}
					}},
				{name: "every bad row in one 422, nothing saved",
					request: request{method: "POST", path: "/api/v1/roles/import?organisation=" + research, as: w.planner.ID,
						body: "Title,Level,Band\nPorter,12,2\nClerk,3,B12\n", ctype: "text/csv"},
					status: http.StatusUnprocessableEntity, check: func(t *testing.T, r response) {
						p := decode[problem](t, r)
						if len(p.Errors) != 2 || p.Errors[0].Sheet != "Roles" || p.Errors[0].Row != 2 || p.Errors[0].Column != "level" ||
							p.Errors[1].Row != 3 || p.Errors[1].Column != "band" {
							t.Errorf("errors %+v", p.Errors)
						}
						if count() != before+1 {
							t.Errorf("a bad file saved roles")
						}
					}},
				{name: "another trust's organisation is forbidden",
					request: request{method: "POST", path: "/api/v1/roles/import?organisation=" + fmt.Sprint(w.south.ID), as: w.planner.ID,
						body: rolesCSV, ctype: "text/csv"},
					status: http.StatusForbidden},
				{name: "a viewer may not import",
					request: request{method: "POST", path: "/api/v1/roles/import?organisation=" + fmt.Sprint(w.north.ID), as: w.viewer.ID,
						body: rolesCSV, ctype: "text/csv"},
					status: http.StatusForbidden},
				{name: "the organisation is required",
					request: request{method: "POST", path: "/api/v1/roles/import", as: w.planner.ID, body: rolesCSV, ctype: "text/csv", invalid: true},
					status:  http.StatusBadRequest},
				{name: "JSON is not a spreadsheet",
					request: request{method: "POST", path: "/api/v1/roles/import?organisation=" + research, as: w.planner.ID, body: "{}", invalid: true},
					status:  http.StatusUnsupportedMediaType},
				{name: "anonymous",
					request: request{method: "POST", path: "/api/v1/roles/import?organisation=" + research, body: rolesCSV, ctype: "text/csv", invalid: true},
					status:  http.StatusUnauthorized},
			})
			if firstID == 0 {
				t.Fatal("the import step did not run")
			}

			// A workbook sent as it is: the staff nurse row updates the role the last import added.
			x := excelize.NewFile()
			x.SetSheetName("Sheet1", "Roles")
			x.SetSheetRow("Roles", "A1", &[]any{"Title", "Summary"})
			x.SetSheetRow("Roles", "A2", &[]any{"research practitioner", "Runs studies."})
			var wb bytes.Buffer
			x.Write(&wb)
			r := srv.call(t, request{method: "POST", path: "/api/v1/roles/import?organisation=" + research, as: w.planner.ID, body: wb.Bytes(), ctype: contentXLSX})
			if r.status != http.StatusOK {
				t.Fatalf("workbook: %d %s", r.status, r.body)
			}
			got := decode[roleImportResult](t, r)
			if got.Updated != 1 || got.Roles[0].ID != firstID || got.Roles[0].Version != 2 {
				t.Errorf("workbook import: %+v", got)
			}
		})
	}
}
