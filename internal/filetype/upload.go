// Package filetype decides whether an uploaded file is of a type Workframe accepts, by its content
// rather than by the name or the type the browser claims.
package filetype

import (
	"archive/zip"
	"bytes"
	"errors"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"
)

// ErrType means the file's content is not one of the allowed types.
var ErrType = errors.New("the file must be a PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) or plain text file")

// Type returns the content type of an allowed file, detected from its bytes: PDF, PNG, JPEG,
// plain UTF-8 text, and Word or Excel documents (zip packages holding the Office parts). Anything
// else, HTML above all, is refused, so nothing served back can run as a page.
func Type(name string, data []byte) (string, error) {
	detected := http.DetectContentType(data)
	switch {
	case detected == "application/pdf", detected == "image/png", detected == "image/jpeg":
		return detected, nil
	case strings.HasPrefix(detected, "text/plain"):
		// Markup (SVG, XML, HTML the sniffer missed) is not plain text: refuse it rather than
		// keep a file a browser might one day render.
		if !utf8.Valid(data) || bytes.HasPrefix(bytes.TrimSpace(data), []byte("<")) {
			return "", ErrType
		}
		return "text/plain; charset=utf-8", nil
	case detected == "application/zip":
		return office(name, data)
	}
	return "", ErrType
}

// office accepts a zip only when it is an Office Open XML package of the kind its name says.
func office(name string, data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", ErrType
	}
	parts := map[string]bool{}
	for _, f := range zr.File {
		parts[f.Name] = true
	}
	if !parts["[Content_Types].xml"] {
		return "", ErrType
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".docx":
		if parts["word/document.xml"] {
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", nil
		}
	case ".xlsx":
		if parts["xl/workbook.xml"] {
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", nil
		}
	}
	return "", ErrType
}
