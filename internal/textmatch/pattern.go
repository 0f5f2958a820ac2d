package textmatch

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pattern is one literal to find. The zero value is not a valid pattern:
// Text must contain a non-whitespace byte.
type Pattern struct {
	// Text is the literal. Leading and trailing whitespace is trimmed and
	// each inner run of whitespace matches one or more whitespace bytes
	// (space, tab, '\r', '\n') in the input. It must be valid UTF-8.
	Text string

	// CaseSensitive, when true, makes Text match only its exact bytes.
	// When false (the default), ASCII letters A–Z match either case;
	// non-ASCII bytes are always compared exactly.
	CaseSensitive bool

	// NotPrecededBy rejects a match when the input just before it ends with
	// one of these strings, compared ASCII case-insensitively. Whitespace in
	// them, including leading and trailing whitespace, matches one or more
	// whitespace bytes. Each must be non-empty valid UTF-8.
	NotPrecededBy []string

	// NotFollowedBy rejects a match when the input just after it starts with
	// one of these strings, compared like NotPrecededBy.
	NotFollowedBy []string
}

// Match is one occurrence of a pattern: text[Start:End] matched
// patterns[Pattern]. Start and End are byte offsets into the scanned input.
type Match struct {
	Pattern    int // index into the slice given to Compile
	Start, End int // byte offsets: input[Start:End] is the matched text
}

// Errors wrapped by [*PatternError], for errors.Is.
var (
	// ErrEmptyText reports a Pattern.Text that is empty or whitespace only.
	ErrEmptyText = errors.New("empty or whitespace-only text")
	// ErrEmptyContext reports an empty NotPrecededBy or NotFollowedBy
	// string, which would reject every match.
	ErrEmptyContext = errors.New("empty context string")
	// ErrInvalidUTF8 reports a Text or context string that is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
)

// PatternError reports a pattern that [Compile] rejected.
type PatternError struct {
	Index int    // index of the pattern in the slice given to Compile
	Field string // "Text", "NotPrecededBy[i]" or "NotFollowedBy[i]"
	Err   error  // ErrEmptyText, ErrEmptyContext or ErrInvalidUTF8
}

// Error returns a message such as "textmatch: pattern 3 Text: invalid UTF-8".
func (e *PatternError) Error() string {
	return "textmatch: pattern " + strconv.Itoa(e.Index) + " " + e.Field + ": " + e.Err.Error()
}

// Unwrap returns e.Err.
func (e *PatternError) Unwrap() error { return e.Err }

// compiledPattern is a Pattern normalized for matching.
type compiledPattern struct {
	text          string   // Text trimmed, whitespace runs as one ' ', original case
	caseSensitive bool     // verify text byte for byte after the folded automaton matched
	notPreceded   []string // folded, whitespace runs as one ' ', edges kept
	notFollowed   []string // as notPreceded
}

// compilePattern validates p and normalizes it for matching.
func compilePattern(i int, p Pattern) (compiledPattern, error) {
	if !utf8.ValidString(p.Text) {
		return compiledPattern{}, &PatternError{Index: i, Field: "Text", Err: ErrInvalidUTF8}
	}
	cp := compiledPattern{text: collapseSpace(p.Text, false), caseSensitive: p.CaseSensitive}
	if cp.text == "" {
		return compiledPattern{}, &PatternError{Index: i, Field: "Text", Err: ErrEmptyText}
	}
	var err error
	if cp.notPreceded, err = compileContexts(i, "NotPrecededBy", p.NotPrecededBy); err != nil {
		return compiledPattern{}, err
	}
	if cp.notFollowed, err = compileContexts(i, "NotFollowedBy", p.NotFollowedBy); err != nil {
		return compiledPattern{}, err
	}
	return cp, nil
}

func compileContexts(i int, field string, ctxs []string) ([]string, error) {
	if len(ctxs) == 0 {
		return nil, nil
	}
	out := make([]string, len(ctxs))
	for j, c := range ctxs {
		switch {
		case c == "":
			return nil, &PatternError{Index: i, Field: fmt.Sprintf("%s[%d]", field, j), Err: ErrEmptyContext}
		case !utf8.ValidString(c):
			return nil, &PatternError{Index: i, Field: fmt.Sprintf("%s[%d]", field, j), Err: ErrInvalidUTF8}
		}
		out[j] = foldASCII(collapseSpace(c, true))
	}
	return out, nil
}

// collapseSpace replaces each run of whitespace in s by one space. Runs at
// the edges are dropped unless keepEdges is set.
func collapseSpace(s string, keepEdges bool) string {
	var b strings.Builder
	b.Grow(len(s))
	inSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isSpace(c) {
			inSpace = true
			continue
		}
		if inSpace && (keepEdges || b.Len() > 0) {
			b.WriteByte(' ')
		}
		inSpace = false
		b.WriteByte(c)
	}
	if inSpace && keepEdges {
		b.WriteByte(' ')
	}
	return b.String()
}

// foldASCII lowers ASCII A–Z and leaves every other byte alone.
func foldASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = fold(c)
	}
	return string(b)
}
