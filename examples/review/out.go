package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/examples/internal/textreport"
)

// applyRewrites returns the resume with every weak bullet replaced by its rewrite,
// placeholders and all, in the resume's own format: a text or Markdown resume keeps its
// layout byte for byte outside the bullets; a JSON Resume keeps every field, its order and
// its formatting, with only the bullets' strings replaced. A bullet that cannot be found
// where the parse put it is an error, never skipped.
func applyRewrites(doc document, list []BulletReview) ([]byte, error) {
	var changed []BulletReview
	for _, b := range list {
		if b.Rewrite != nil && b.Rewrite.Rewritten != b.line.Text {
			changed = append(changed, b)
		}
	}
	if doc.jsonResume() {
		// The JSON as ats read it: a byte order mark or UTF-16 decoded to UTF-8.
		text, err := ats.Parser{}.ReadText(doc.raw)
		if err != nil {
			return nil, err
		}
		return applyJSON([]byte(text), changed)
	}
	text := doc.resume.Text
	var out strings.Builder
	last := 0
	for _, b := range changed {
		start, end := b.line.Start, b.line.End
		if start < last || end > len(text) || start > end || !sameWords(text[start:end], b.line.Text) {
			return nil, fmt.Errorf("bullet on line %d is not where the resume was read from; nothing written", b.Line)
		}
		out.WriteString(text[last:start])
		out.WriteString(rewrap(text, start, end, b.Rewrite.Rewritten))
		last = end
	}
	out.WriteString(text[last:])
	return []byte(out.String()), nil
}

// rewrap lays a rewrite out the way the bullet it replaces, text[start:end], was: on one
// line if the bullet was, else wrapped at the bullet's widest line, with its continuation
// indent and line ending.
func rewrap(text string, start, end int, rewrite string) string {
	old := text[start:end]
	nl := strings.IndexAny(old, "\r\n")
	if nl < 0 {
		return rewrite
	}
	eol := "\n"
	switch {
	case strings.HasPrefix(old[nl:], "\r\n"):
		eol = "\r\n"
	case old[nl] == '\r':
		eol = "\r"
	}
	lineStart := strings.LastIndexAny(text[:start], "\r\n") + 1
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(text[lineStart:end], "\r\n", "\n"), "\r", "\n"), "\n")
	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(l))
	}
	second := lines[1]
	indent := second[:len(second)-len(strings.TrimLeft(second, " \t"))]
	col := utf8.RuneCountInString(text[lineStart:start])
	return strings.ReplaceAll(textreport.Wrap(rewrite, width, col, indent), "\n", eol)
}

// sameWords reports whether a and b are the same words: a wrapped bullet's text in the
// resume has line breaks and indentation where its parsed text has single spaces.
func sameWords(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

// applyJSON replaces, in a JSON document, each string value equal to a changed bullet with
// its rewrite, leaving every other byte as it was.
func applyJSON(raw []byte, changed []BulletReview) ([]byte, error) {
	rewrite := map[string]string{}
	for _, b := range changed {
		rewrite[b.line.Text] = b.Rewrite.Rewritten
	}
	used := map[string]bool{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out bytes.Buffer
	last := 0
	// One frame per open object or array; in an object, the tokens alternate key, value.
	type frame struct{ object, wantKey bool }
	var stack []frame
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].wantKey = true
		}
	}
	for {
		prev := int(dec.InputOffset())
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read the JSON Resume again: %w", err)
		}
		if n := len(stack); n > 0 && stack[n-1].wantKey {
			if _, ok := tok.(string); ok {
				stack[n-1].wantKey = false
				continue
			}
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				stack = append(stack, frame{object: t == '{', wantKey: t == '{'})
			default:
				stack = stack[:len(stack)-1]
				valueDone()
			}
			continue
		case string:
			if to, ok := rewrite[strings.TrimSpace(t)]; ok {
				// Between tokens there is only white space, ':' and ','; the string
				// starts at the first quote after the previous token.
				start := prev + bytes.IndexByte(raw[prev:], '"')
				enc, err := marshalString(to)
				if err != nil {
					return nil, err
				}
				out.Write(raw[last:start])
				out.Write(enc)
				last = int(dec.InputOffset())
				used[strings.TrimSpace(t)] = true
			}
		}
		valueDone()
	}
	out.Write(raw[last:])
	for _, b := range changed {
		if !used[b.line.Text] {
			return nil, fmt.Errorf("bullet on line %d of the rendered resume is not a string of the JSON Resume; nothing written", b.Line)
		}
	}
	return out.Bytes(), nil
}

// marshalString encodes s as a JSON string the way a person would write it: no \u003c
// escapes for <, > and &.
func marshalString(s string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// outFormatError says why -out cannot write path for the resume, or is nil: a resume read
// from DOCX, PDF or Reactive Resume is written as the Markdown text read from it, so the
// name must say Markdown or text, not promise the original format.
func outFormatError(doc document, path string) error {
	if doc.jsonResume() || doc.hasLines() {
		return nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown", ".txt":
		return nil
	}
	return fmt.Errorf("a %s resume cannot be rewritten in its own format; name the file .md or .txt to get the Markdown text read from it, with the rewrites", doc.resume.Format)
}
