package api

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
	"github.com/workframe/workframe/internal/workforce"
)

// maxImportFile bounds each file of a role import, as the web page does.
const maxImportFile = 5 << 20

const contentXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

type roleImportResult struct {
	OrganisationID int64               `json:"organisation_id"`
	DryRun         bool                `json:"dry_run"`
	Created        int                 `json:"created"`
	Updated        int                 `json:"updated"`
	Unchanged      int                 `json:"unchanged"`
	Roles          []roleImportOutcome `json:"roles"`
}

type roleImportOutcome struct {
	Row      int            `json:"row"`
	Title    string         `json:"title"`
	Action   string         `json:"action"`
	ID       int64          `json:"id,omitempty"`
	Version  int            `json:"version,omitempty"`
	Href     string         `json:"href,omitempty"`
	Changes  []string       `json:"changes,omitempty"`
	Warnings []fieldMessage `json:"warnings,omitempty"`
}

// roleImport serves POST /api/v1/roles/import?organisation=ID: the same import as the web page,
// in one call. The body is a workbook (the template filled in) or a roles CSV file, sent as it
// is with its Content-Type, or multipart/form-data with a "roles" part and, for CSV, an optional
// "competences" part. Every problem of every row comes back in one 422, each with its sheet, row
// and column; nothing is saved unless all rows are good. dry_run=true checks and reports what
// would happen without saving.
func (s *server) roleImport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	orgID, err := strconv.ParseInt(q.Get("organisation"), 10, 64)
	if err != nil || orgID <= 0 {
		s.fail(w, r, clientErrorf(errBadRequest, "Say which organisation the roles go into: ?organisation= and its id.").
			withErrors(problemError{Parameter: "organisation", Detail: "Give the id of an organisation where you are a planner."}))
		return
	}
	dryRun := false
	switch strings.ToLower(q.Get("dry_run")) {
	case "", "false", "0":
	case "true", "1":
		dryRun = true
	default:
		s.fail(w, r, clientErrorf(errBadRequest, "dry_run is true or false.").
			withErrors(problemError{Parameter: "dry_run", Detail: "Use true or false."}))
		return
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayPlan(sc, orgID); err != nil {
		s.fail(w, r, err)
		return
	}
	files, err := importFiles(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}

	fws, err := s.db.UsableFrameworks(r.Context(), orgID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rf := transfer.NewRoleFrameworks(fws)
	roles, problems := transfer.ReadRoles(files, rf)
	if len(problems) > 0 {
		s.fail(w, r, importProblems(problems))
		return
	}
	titles := make([]string, len(roles))
	for i, ir := range roles {
		titles[i] = ir.Role.Title
	}
	existing, err := s.db.RolesByTitle(r.Context(), orgID, titles)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	plan := transfer.PlanRoleImport(roles, orgID, existing, rf.Lookup)
	out := roleImportResult{OrganisationID: orgID, DryRun: dryRun, Roles: make([]roleImportOutcome, len(plan))}
	var saving []workforce.Role
	var savingAt []int
	for i, p := range plan {
		o := roleImportOutcome{Row: p.Row, Title: p.Save.Title, Action: string(p.Action)}
		switch p.Action {
		case transfer.ActionCreate:
			out.Created++
		case transfer.ActionUpdate:
			out.Updated++
		default:
			out.Unchanged++
		}
		if p.Current != nil {
			o.ID, o.Version, o.Href = p.Current.ID, p.Current.Version, roleHref(p.Current.ID)
		}
		for _, c := range p.Changes {
			o.Changes = append(o.Changes, c.Message)
		}
		for _, w := range p.Warnings {
			o.Warnings = append(o.Warnings, fieldMessage{Field: w.Column, Message: w.String()})
		}
		out.Roles[i] = o
		if p.Action != transfer.ActionUnchanged {
			saving = append(saving, p.Save)
			savingAt = append(savingAt, i)
		}
	}
	if !dryRun && len(saving) > 0 {
		saved, err := s.db.ImportRoles(r.Context(), actor(r), orgID, saving)
		var inv *store.InvalidRolesError
		if errors.As(err, &inv) {
			var ps []transfer.RoleProblem
			for _, rp := range inv.Roles {
				for _, p := range rp.Problems {
					ps = append(ps, plan[savingAt[rp.Index]].Locate(p))
				}
			}
			s.fail(w, r, importProblems(ps))
			return
		}
		if errors.Is(err, store.ErrConflict) {
			s.fail(w, r, clientErrorf(store.ErrConflict, "Someone changed one of these roles during the import: nothing was saved. Send the file again."))
			return
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for j, role := range saved {
			o := &out.Roles[savingAt[j]]
			o.ID, o.Version, o.Href = role.ID, role.Version, roleHref(role.ID)
		}
	}
	s.writePrivate(w, r, http.StatusOK, "", out)
}

// importFiles reads the files of an import from the body: raw XLSX or CSV, or multipart parts.
func importFiles(r *http.Request) (transfer.RoleFiles, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	unsupported := clientErrorf(errUnsupportedMedia,
		"Send the file as it is, with Content-Type %s (a workbook) or text/csv (a roles CSV file), or as multipart/form-data with a \"roles\" part and, for CSV, a \"competences\" part.", contentXLSX)
	if err != nil {
		return transfer.RoleFiles{}, unsupported
	}
	read := func(body io.Reader) ([]byte, error) {
		data, err := io.ReadAll(io.LimitReader(body, maxImportFile+1))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return nil, clientErrorf(errTooLarge, "The request body is larger than the server accepts (%d bytes).", tooBig.Limit)
		case err != nil:
			return nil, clientErrorf(errBadRequest, "The request body could not be read.")
		case len(data) > maxImportFile:
			return nil, clientErrorf(errTooLarge, "Each file must be smaller than %d MiB: split it into smaller files.", maxImportFile>>20)
		}
		return data, nil
	}
	var files transfer.RoleFiles
	switch mt {
	case contentXLSX:
		files.RolesName = "roles.xlsx"
		files.Roles, err = read(r.Body)
	case "text/csv":
		files.RolesName = "roles.csv"
		files.Roles, err = read(r.Body)
	case "multipart/form-data":
		mr := multipartReader(r, params["boundary"])
		if mr == nil {
			return files, clientErrorf(errBadRequest, "The multipart body has no boundary.")
		}
		for {
			part, perr := mr.NextPart()
			if errors.Is(perr, io.EOF) {
				break
			}
			if perr != nil {
				return files, clientErrorf(errBadRequest, "The multipart body cannot be read.")
			}
			var name *string
			var data *[]byte
			switch part.FormName() {
			case "roles":
				name, data = &files.RolesName, &files.Roles
			case "competences":
				name, data = &files.CompetencesName, &files.Competences
			default:
				part.Close()
				return files, clientErrorf(errBadRequest, "The multipart body has a part %q: send only \"roles\" and \"competences\".", part.FormName()).
					withErrors(problemError{Pointer: "/" + part.FormName(), Detail: "Not a part this route takes."})
			}
			*name = part.FileName()
			if *name == "" {
				*name = part.FormName() + ".csv"
			}
			*data, err = read(part)
			part.Close()
			if err != nil {
				return files, err
			}
		}
		if files.RolesName == "" {
			return files, clientErrorf(errBadRequest, "The multipart body has no \"roles\" part.").
				withErrors(problemError{Pointer: "/roles", Detail: "Send the roles file in a part named roles."})
		}
	default:
		return files, unsupported
	}
	return files, err
}

// importProblems is the 422 of an import: every problem, each with its sheet, row and column.
func importProblems(ps []transfer.RoleProblem) error {
	ce := clientErrorf(store.ErrInvalid, "Nothing was imported: the file has %d problems, listed in errors with their sheet, row and column.", len(ps))
	if len(ps) == 1 {
		ce.detail = "Nothing was imported: the file has a problem, given in errors with its sheet, row and column."
	}
	for _, p := range ps {
		ce.withErrors(problemError{Detail: p.String(), Sheet: p.Sheet, Row: p.Row, Column: p.Column})
	}
	return ce
}

// multipartReader reads a multipart body with its boundary; nil without one.
func multipartReader(r *http.Request, boundary string) *multipart.Reader {
	if boundary == "" {
		return nil
	}
	return multipart.NewReader(r.Body, boundary)
}
