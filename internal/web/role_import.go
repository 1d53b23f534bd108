package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
	"github.com/workframe/workframe/internal/workforce"
)

// Importing roles from a spreadsheet takes three steps, each a plain form that works without
// JavaScript: upload the file (POST /roles/import), which is checked whole and either shows
// every problem or what will be added and updated; then confirm (POST /roles/import/confirm).
// The server keeps nothing between the steps (DESIGN principle 4): the confirmation form carries
// the file back, and it is read and checked again before anything is saved, with a fingerprint
// of the stored roles it was checked against so that a change meanwhile is a conflict (409)
// rather than a surprise.

// maxRoleImportFile bounds each uploaded file. Two thousand full roles fit in well under it.
const maxRoleImportFile = 5 << 20

// maxSummaryProblems is how many problems the error summary lists; the table has them all.
const maxSummaryProblems = 10

type roleImportView struct {
	Page
	Orgs         []orgItem
	Organisation string
	OrgName      string
	// Files as uploaded, for messages and for the confirmation form (base64).
	RolesName, CompetencesName string
	RolesData, CompetencesData string
	Problems                   []transfer.RoleProblem
	Plan                       []transfer.PlannedRole
	Created, Updated, Same     int
	Fingerprint                string
}

func (s *Server) roleImportView(r *http.Request, rc roleContext) roleImportView {
	v := roleImportView{
		Page: s.page(r, "Import roles", "roles", crumb{"/", "Home"}, crumb{"/roles", "Roles"}),
		Orgs: rc.planned(),
	}
	if len(v.Orgs) == 1 {
		v.Organisation = strconv.FormatInt(v.Orgs[0].ID, 10)
	}
	return v
}

// roleImportForm shows the upload form, with links to the templates.
func (s *Server) roleImportForm(w http.ResponseWriter, r *http.Request) {
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := s.roleImportView(r, rc)
	if o := r.URL.Query().Get("organisation"); o != "" {
		v.Organisation = o
	}
	s.render(w, r, http.StatusOK, "role-import", v)
}

// roleImportTemplate downloads the template: the workbook (format=xlsx, the default) or the
// header row of either CSV file (roles-csv, competences-csv). The workbook's Guide lists the
// competence frameworks the chosen organisation may use (shared ones only without one).
func (s *Server) roleImportTemplate(w http.ResponseWriter, r *http.Request) {
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var buf bytes.Buffer
	var name, ctype string
	switch format := r.URL.Query().Get("format"); format {
	case "", "xlsx":
		orgID, _ := strconv.ParseInt(r.URL.Query().Get("organisation"), 10, 64)
		if !rc.inScope(orgID) {
			orgID = 0
			if planned := rc.planned(); len(planned) > 0 {
				orgID = planned[0].ID
			}
		}
		fws, err := s.db.UsableFrameworks(r.Context(), orgID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if err := transfer.WriteRoleTemplate(&buf, transfer.DefaultFrameworks(fws)); err != nil {
			s.serverError(w, r, err)
			return
		}
		name, ctype = "roles-template.xlsx", xlsxMediaType
	case "roles-csv", "competences-csv":
		sheet, base := transfer.SheetRoles, "roles-template.csv"
		if format == "competences-csv" {
			sheet, base = transfer.SheetCompetences, "role-competences-template.csv"
		}
		if err := transfer.WriteRoleCSVTemplate(&buf, sheet); err != nil {
			s.serverError(w, r, err)
			return
		}
		name, ctype = base, "text/csv; charset=utf-8"
	default:
		s.renderError(w, r, http.StatusBadRequest, "That template is not available",
			"Download the Excel (XLSX) template, or the roles or competences CSV template, from the import page.")
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, _ = buf.WriteTo(w)
}

const xlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// roleImportCheck reads an uploaded file and shows its problems (422, nothing saved) or what
// importing it will do, with the button that does it.
func (s *Server) roleImportCheck(w http.ResponseWriter, r *http.Request) {
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := s.roleImportView(r, rc)
	fail := func(status int, field, msg string) {
		v.Errors = append(v.Errors, fieldError{field, msg})
		s.render(w, r, status, "role-import", v)
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(http.StatusRequestEntityTooLarge, "roles-file", "The files must be smaller than 5 MB each")
			return
		}
		fail(http.StatusUnprocessableEntity, "roles-file", "Select the file of roles to import")
		return
	}
	defer r.MultipartForm.RemoveAll()
	v.Organisation = r.FormValue("organisation")
	orgID, _ := strconv.ParseInt(v.Organisation, 10, 64)
	if !rc.canPlan(orgID) {
		v.Errors = append(v.Errors, fieldError{"organisation", "Select the organisation the roles belong to: one where you plan the workforce"})
	}
	files := transfer.RoleFiles{}
	for _, f := range []struct {
		field string
		name  *string
		data  *[]byte
	}{{"roles-file", &files.RolesName, &files.Roles}, {"competences-file", &files.CompetencesName, &files.Competences}} {
		file, header, err := r.FormFile(f.field)
		if errors.Is(err, http.ErrMissingFile) {
			continue
		}
		if err != nil {
			fail(http.StatusBadRequest, f.field, "The file could not be read: select it again")
			return
		}
		data, err := io.ReadAll(io.LimitReader(file, maxRoleImportFile+1))
		file.Close()
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if len(data) > maxRoleImportFile {
			fail(http.StatusRequestEntityTooLarge, f.field, header.Filename+" is larger than 5 MB: split it into smaller files")
			return
		}
		*f.name, *f.data = header.Filename, data
	}
	v.RolesName, v.CompetencesName = files.RolesName, files.CompetencesName
	if files.RolesName == "" {
		v.Errors = append(v.Errors, fieldError{"roles-file", "Select the file of roles to import: the filled-in template, or the roles CSV file"})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "role-import", v)
		return
	}
	s.checkRoleImport(w, r, &v, orgID, rc.names[orgID], files, "")
}

// roleImportConfirm reads the file carried by the confirmation form again, checks it again and,
// if the organisation's roles are as they were when it was shown, saves it all in one
// transaction.
func (s *Server) roleImportConfirm(w http.ResponseWriter, r *http.Request) {
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := s.roleImportView(r, rc)
	v.Organisation = r.PostFormValue("organisation")
	orgID, _ := strconv.ParseInt(v.Organisation, 10, 64)
	rolesData, err1 := base64.StdEncoding.DecodeString(r.PostFormValue("roles-data"))
	compsData, err2 := base64.StdEncoding.DecodeString(r.PostFormValue("competences-data"))
	if !rc.canPlan(orgID) || err1 != nil || err2 != nil || len(rolesData) == 0 {
		v.Errors = append(v.Errors, fieldError{"roles-file", "The import could not be confirmed: upload the file again"})
		s.render(w, r, http.StatusUnprocessableEntity, "role-import", v)
		return
	}
	files := transfer.RoleFiles{RolesName: r.PostFormValue("roles-name"), Roles: rolesData,
		CompetencesName: r.PostFormValue("competences-name"), Competences: compsData}
	v.RolesName, v.CompetencesName = files.RolesName, files.CompetencesName
	s.checkRoleImport(w, r, &v, orgID, rc.names[orgID], files, r.PostFormValue("fingerprint"))
}

// checkRoleImport reads and checks the files for the organisation. With no fingerprint it shows
// the result: the problems, or the plan to confirm. With one (the confirmation), it saves the
// plan if it still matches, and goes to the roles.
func (s *Server) checkRoleImport(w http.ResponseWriter, r *http.Request, v *roleImportView, orgID int64, orgName string,
	files transfer.RoleFiles, confirmed string) {
	v.OrgName = orgName
	v.RolesData = base64.StdEncoding.EncodeToString(files.Roles)
	v.CompetencesData = base64.StdEncoding.EncodeToString(files.Competences)
	plan, problems, err := planRoleImport(r, s.db, orgID, files)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(problems) > 0 {
		s.renderImportProblems(w, r, v, problems)
		return
	}
	v.Plan = plan
	for _, p := range plan {
		switch p.Action {
		case transfer.ActionCreate:
			v.Created++
		case transfer.ActionUpdate:
			v.Updated++
		default:
			v.Same++
		}
	}
	v.Fingerprint = fingerprint(plan)
	if confirmed == "" {
		s.render(w, r, http.StatusOK, "role-import", *v)
		return
	}
	if confirmed != v.Fingerprint {
		v.Errors = []fieldError{{"confirm", "Someone changed this organisation's roles after you checked the file. Check what will be added and updated below again, then import."}}
		s.render(w, r, http.StatusConflict, "role-import", *v)
		return
	}
	roles := make([]workforce.Role, 0, len(plan))
	var saving []transfer.PlannedRole
	for _, p := range plan {
		if p.Action != transfer.ActionUnchanged {
			roles = append(roles, p.Save)
			saving = append(saving, p)
		}
	}
	_, err = s.db.ImportRoles(r.Context(), actor(r), orgID, roles)
	var inv *store.InvalidRolesError
	switch {
	case errors.As(err, &inv):
		// A rule only the store sees (a framework removed meanwhile): reported like the rest.
		s.renderImportProblems(w, r, v, storeImportProblems(inv, saving))
		return
	case errors.Is(err, store.ErrConflict):
		v.Errors = []fieldError{{"confirm", "Someone changed one of these roles while you were importing. Check the file again."}}
		s.render(w, r, http.StatusConflict, "role-import", *v)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	s.flash(r, fmt.Sprintf("Imported %s into %s: %d added, %d updated, %d unchanged.", files.RolesName, orgName, v.Created, v.Updated, v.Same))
	http.Redirect(w, r, "/roles?organisation="+strconv.FormatInt(orgID, 10), http.StatusSeeOther)
}

// renderImportProblems shows a file's problems: the first few in the error summary, all of them
// in the table.
func (s *Server) renderImportProblems(w http.ResponseWriter, r *http.Request, v *roleImportView, problems []transfer.RoleProblem) {
	v.Problems, v.Plan = problems, nil
	v.Errors = nil
	for i, p := range problems {
		if i == maxSummaryProblems {
			v.Errors = append(v.Errors, fieldError{"problems", fmt.Sprintf("and %d more problems, listed in the table below", len(problems)-i)})
			break
		}
		v.Errors = append(v.Errors, fieldError{"problems", p.String()})
	}
	s.render(w, r, http.StatusUnprocessableEntity, "role-import", *v)
}

// planRoleImport reads and checks an import for the organisation against the frameworks it may
// use and its stored roles. It is shared by the page and, through the same functions, the API.
func planRoleImport(r *http.Request, db *store.DB, orgID int64, files transfer.RoleFiles) ([]transfer.PlannedRole, []transfer.RoleProblem, error) {
	fws, err := db.UsableFrameworks(r.Context(), orgID)
	if err != nil {
		return nil, nil, err
	}
	rf := transfer.NewRoleFrameworks(fws)
	roles, problems := transfer.ReadRoles(files, rf)
	if len(problems) > 0 {
		return nil, problems, nil
	}
	titles := make([]string, len(roles))
	for i, ir := range roles {
		titles[i] = ir.Role.Title
	}
	existing, err := db.RolesByTitle(r.Context(), orgID, titles)
	if err != nil {
		return nil, nil, err
	}
	return transfer.PlanRoleImport(roles, orgID, existing, rf.Lookup), nil, nil
}

// storeImportProblems places the store's refusal on the rows of the file.
func storeImportProblems(inv *store.InvalidRolesError, saving []transfer.PlannedRole) []transfer.RoleProblem {
	var out []transfer.RoleProblem
	for _, rp := range inv.Roles {
		if rp.Index < 0 || rp.Index >= len(saving) {
			continue
		}
		for _, p := range rp.Problems {
			out = append(out, saving[rp.Index].Locate(p))
		}
	}
	return out
}

func fingerprint(plan []transfer.PlannedRole) string {
	sum := sha256.Sum256([]byte(transfer.Fingerprint(plan)))
	return hex.EncodeToString(sum[:])
}

// ChangeList names the changes of an update for the confirmation table.
func (v roleImportView) ChangeList(p transfer.PlannedRole) []string {
	out := make([]string, len(p.Changes))
	for i, c := range p.Changes {
		out[i] = c.Message
	}
	return out
}
