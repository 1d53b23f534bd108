package chart

import (
	"fmt"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

// Text is measured with the Go fonts, which the PNG renderer draws with. They run a little wider
// than Arial, the SVG's fallback font, so text laid out for them also fits in a browser.

// fontFamily is the SVG font stack: the NHS font, then the design system's fallback.
const fontFamily = "Frutiger W01, Arial, sans-serif"

var fonts struct {
	once          sync.Once
	regular, bold *opentype.Font
	err           error
}

func loadFonts() error {
	fonts.once.Do(func() {
		fonts.regular, fonts.err = opentype.Parse(goregular.TTF)
		if fonts.err != nil {
			return
		}
		fonts.bold, fonts.err = opentype.Parse(gobold.TTF)
	})
	if fonts.err != nil {
		return fmt.Errorf("chart: loading the Go fonts: %w", fonts.err)
	}
	return nil
}

type faceKey struct {
	size float64
	bold bool
}

// faces makes and keeps font faces (a face is not safe for concurrent use: each render has its
// own set).
type faces struct {
	m map[faceKey]font.Face
}

func newFaces() (*faces, error) {
	if err := loadFonts(); err != nil {
		return nil, err
	}
	return &faces{m: map[faceKey]font.Face{}}, nil
}

func (f *faces) face(size float64, bold bool) font.Face {
	k := faceKey{size, bold}
	if fc, ok := f.m[k]; ok {
		return fc
	}
	ft := fonts.regular
	if bold {
		ft = fonts.bold
	}
	fc, err := opentype.NewFace(ft, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		// NewFace fails only on a non-positive size, which the chart never asks for.
		panic(err)
	}
	f.m[k] = fc
	return fc
}

func (f *faces) close() {
	for _, fc := range f.m {
		fc.Close()
	}
}

// width is the advance width of s in logical units.
func (f *faces) width(s string, size float64, bold bool) float64 {
	return float64(font.MeasureString(f.face(size, bold), s)) / 64
}

// wrapSlack widens measured text when wrapping, leaving room for the NHS font (Frutiger), which
// runs a few percent wider than Arial and the Go fonts.
const wrapSlack = 1.08

// wrap breaks s into lines no wider than max (with wrapSlack), at spaces. A word longer than max
// is broken between characters.
func (f *faces) wrap(s string, size float64, bold bool, max float64) []string {
	max /= wrapSlack
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	var lines []string
	cur := ""
	for _, w := range words {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if f.width(try, size, bold) <= max {
			cur = try
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
		}
		for f.width(w, size, bold) > max {
			// Break an over-long word at the last character that fits (at least one).
			rs := []rune(w)
			n := 1
			for n < len(rs) && f.width(string(rs[:n+1]), size, bold) <= max {
				n++
			}
			lines = append(lines, string(rs[:n]))
			w = string(rs[n:])
		}
		cur = w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
