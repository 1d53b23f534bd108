package assess

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// MaxAttachmentBytes is the largest file that can be attached as evidence. Files live in the
// database (all state is there, so several servers share it), which is why they are kept small.
const MaxAttachmentBytes = 5 << 20

// Evidence kinds.
const (
	EvidenceNote = "note"
	EvidenceLink = "link"
	EvidenceFile = "file"
)

// Evidence is a note, a link or a small file that supports a standard's rating.
type Evidence struct {
	ID            int64
	CycleID       int64
	StandardKey   string
	Kind          string
	Note          string // the note, or a description of the link or file
	URL           string
	FileName      string
	ContentType   string
	Size          int64
	Data          []byte // only when a file is downloaded
	CreatedBy     int64
	CreatedByName string
	CreatedAt     time.Time
}

// CheckEvidence lists what is wrong with a piece of evidence; a file's content type is checked
// where it is read (the filetype package), not here.
func CheckEvidence(e Evidence) []Problem {
	var ps []Problem
	if len([]rune(e.Note)) > 5000 {
		ps = append(ps, Problem{"note", "The note must be 5,000 characters or fewer"})
	}
	switch e.Kind {
	case EvidenceNote:
		if strings.TrimSpace(e.Note) == "" {
			ps = append(ps, Problem{"note", "Write the note"})
		}
	case EvidenceLink:
		u, err := url.Parse(strings.TrimSpace(e.URL))
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			ps = append(ps, Problem{"url", "Enter a web address starting with https://"})
		}
	case EvidenceFile:
		switch {
		case e.Size == 0:
			ps = append(ps, Problem{"file", "Choose a file that is not empty"})
		case e.Size > MaxAttachmentBytes:
			ps = append(ps, Problem{"file", fmt.Sprintf("The file must be smaller than %d MB", MaxAttachmentBytes>>20)})
		}
	default:
		ps = append(ps, Problem{"kind", "Choose a note, a link or a file"})
	}
	return ps
}
