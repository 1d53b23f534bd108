package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"testing"
)

func TestPNG(t *testing.T) {
	p := iwfExample()
	for _, size := range []int{320, 640, 1000} {
		o := Options{Size: size, Compare: personView()}
		var buf bytes.Buffer
		if err := PNG(&buf, p, o); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		w, h, err := Dimensions(p, o)
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dx() != w || b.Dy() != h {
			t.Fatalf("size %d: image is %v, Dimensions %d×%d", size, b, w, h)
		}
		// The SVG says the same size.
		root := parseSVG(t, render(t, p, o))
		if root.attrs["width"] != itoa(w) || root.attrs["height"] != itoa(h) {
			t.Errorf("SVG is %s×%s, PNG %d×%d", root.attrs["width"], root.attrs["height"], w, h)
		}
		// Not blank: every group's colour is painted, and there is text-coloured ink.
		counts := colourCounts(img)
		for gi := range p.Groups {
			c := mustHex(GroupColour(gi))
			if counts[c] < 20 {
				t.Errorf("size %d: group %d colour %s has %d pixels", size, gi, GroupColour(gi), counts[c])
			}
		}
		if counts[mustHex(colText)] < 10 {
			t.Errorf("size %d: %d pixels of text colour", size, counts[mustHex(colText)])
		}
		if counts[color.RGBA{0xff, 0xff, 0xff, 0xff}] > w*h*95/100 {
			t.Errorf("size %d: image is almost all white", size)
		}
	}
}

func TestPNGDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := PNG(&a, iwfExample(), Options{Size: 300}); err != nil {
		t.Fatal(err)
	}
	if err := PNG(&b, iwfExample(), Options{Size: 300}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two PNG renders differ")
	}
}

func TestPNGTooLarge(t *testing.T) {
	var p Profile
	for i := range 1000 {
		p.Segments = append(p.Segments, Segment{Key: itoa(i), Label: "x", Share: 0})
	}
	var buf bytes.Buffer
	if err := PNG(&buf, p, Options{Size: 4096}); err == nil {
		t.Error("a huge PNG was drawn")
	}
}

func colourCounts(img image.Image) map[color.RGBA]int {
	out := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			out[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}]++
		}
	}
	return out
}

func itoa(n int) string {
	return strconv.Itoa(n)
}
