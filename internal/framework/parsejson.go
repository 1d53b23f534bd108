package framework

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// parseJSON reads the JSON form of a framework. Before decoding, it walks the tokens against the
// model so that every unknown or repeated field and every value of the wrong sort is reported,
// each with its line and path (encoding/json alone stops at the first, without a line, and
// accepts field names in any letter case).
func parseJSON(data []byte) (*Framework, []Fault) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []Fault{{Reason: "the file is empty"}}
	}
	w := &jsonWalker{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	w.dec.UseNumber()
	if err := w.value(reflect.TypeFor[Framework](), ""); err != nil {
		return nil, append(w.faults, w.syntaxFault(err))
	}
	if tok, err := w.dec.Token(); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, append(w.faults, w.syntaxFault(err))
		}
		return nil, append(w.faults, Fault{Line: w.line(), Reason: fmt.Sprintf(
			"there is more after the end of the framework (%s); a file holds one framework version", tokenWords(tok))})
	}
	if len(w.faults) > 0 {
		return nil, w.faults
	}
	var f Framework
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		// Not expected after the walk above; kept so that nothing is ever accepted half read.
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, []Fault{{Line: lineAt(data, te.Offset), Path: te.Field,
				Reason: fmt.Sprintf("expected %s but found %s", goTypeWords(te.Type.String()), te.Value)}}
		}
		return nil, []Fault{{Reason: "the file could not be read as JSON (" + err.Error() + ")"}}
	}
	return &f, nil
}

type jsonWalker struct {
	data   []byte
	dec    *json.Decoder
	faults []Fault
}

func (w *jsonWalker) line() int { return lineAt(w.data, w.dec.InputOffset()) }

func lineAt(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	if offset < 0 {
		offset = 0
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

func (w *jsonWalker) syntaxFault(err error) Fault {
	var se *json.SyntaxError
	line := w.line()
	msg := err.Error()
	if errors.As(err, &se) {
		line = lineAt(w.data, se.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return Fault{Line: line, Reason: "the file ends too early: a closing } or ] or a quote is missing"}
	}
	return Fault{Line: line, Reason: "the JSON is not well formed here (" + msg + "); " +
		"check the commas, quotes and brackets on this line and the line before"}
}

func (w *jsonWalker) fault(path, reason string) {
	w.faults = append(w.faults, Fault{Line: w.line(), Path: path, Reason: reason})
}

// value reads one value that should fit type t; it returns only errors of the JSON syntax.
func (w *jsonWalker) value(t reflect.Type, at string) error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		return nil // null leaves the field empty
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if tok != json.Delim('{') {
			return w.mismatch(t, tok, at)
		}
		seen := map[string]bool{}
		for w.dec.More() {
			tok, err := w.dec.Token()
			if err != nil {
				return err
			}
			key, _ := tok.(string)
			field, ok := jsonField(t, key)
			switch {
			case seen[key]:
				w.fault(joinPath(at, key), fmt.Sprintf("the field %q is given twice in %s: keep one", key, thingName(t)))
			case !ok:
				w.fault(joinPath(at, key), unknownFieldReason(key, t, "json"))
			}
			seen[key] = true
			if !ok {
				if err := w.skip(); err != nil {
					return err
				}
				continue
			}
			if err := w.value(field.Type, joinPath(at, key)); err != nil {
				return err
			}
		}
		_, err := w.dec.Token() // }
		return err
	case reflect.Slice:
		if tok != json.Delim('[') {
			return w.mismatch(t, tok, at)
		}
		for i := 0; w.dec.More(); i++ {
			if err := w.value(t.Elem(), fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
		_, err := w.dec.Token() // ]
		return err
	case reflect.String:
		if _, ok := tok.(string); !ok {
			return w.mismatch(t, tok, at)
		}
	case reflect.Bool:
		if _, ok := tok.(bool); !ok {
			return w.mismatch(t, tok, at)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := tok.(json.Number)
		if !ok {
			return w.mismatch(t, tok, at)
		}
		if _, err := strconv.ParseInt(string(n), 10, t.Bits()); err != nil {
			w.fault(at, fmt.Sprintf("expected a whole number but found %s", n))
		}
	case reflect.Float32, reflect.Float64:
		n, ok := tok.(json.Number)
		if !ok {
			return w.mismatch(t, tok, at)
		}
		if _, err := strconv.ParseFloat(string(n), t.Bits()); err != nil {
			w.fault(at, fmt.Sprintf("the number %s is too large", n))
		}
	}
	return nil
}

// mismatch records a value of the wrong sort and skips the rest of it.
func (w *jsonWalker) mismatch(t reflect.Type, tok json.Token, at string) error {
	want := goTypeWords(t.String())
	if t.Kind() == reflect.Slice {
		want = "a list"
	}
	w.fault(at, "expected "+want+" but found "+tokenWords(tok))
	if d, ok := tok.(json.Delim); ok && (d == '{' || d == '[') {
		return w.skipRest()
	}
	return nil
}

// skip reads and drops one whole value.
func (w *jsonWalker) skip() error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); ok && (d == '{' || d == '[') {
		return w.skipRest()
	}
	return nil
}

// skipRest drops the rest of an object or array whose opening bracket was read.
func (w *jsonWalker) skipRest() error {
	for depth := 1; depth > 0; {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}

// jsonField finds the field of t whose JSON name is exactly key.
func jsonField(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == key && name != "" && name != "-" {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func tokenWords(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			return "a set of fields"
		case '[':
			return "a list"
		}
		return strconv.Quote(v.String())
	case string:
		return "text (" + strconv.Quote(v) + ")"
	case json.Number:
		return "a number (" + string(v) + ")"
	case bool:
		return "true or false (" + strconv.FormatBool(v) + ")"
	case nil:
		return "null"
	}
	return fmt.Sprint(tok)
}
