package ats

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resumekit/resumekit/internal/listmark"
	"github.com/resumekit/resumekit/internal/wording"
)

// DefaultMaxBytes is the size limit a zero [Parser] applies: 1 MiB.
const DefaultMaxBytes = 1 << 20

// Errors the parsers return, wrapped with what was being parsed; test with errors.Is.
var (
	ErrEmpty    = errors.New("empty text")
	ErrTooLarge = errors.New("text too large")
	ErrBinary   = errors.New("binary data, not text")
)

// Parser parses resumes and job descriptions. The zero value is ready to use and applies
// [DefaultMaxBytes]. A Parser is safe for concurrent use when its PDF reader is (the one
// package ats/pdf provides is).
type Parser struct {
	// MaxBytes is the largest text accepted, in bytes; zero means DefaultMaxBytes. For a
	// DOCX or PDF file it bounds the text read from the file.
	MaxBytes int
	// MaxFileBytes is the largest file [Parser.ReadResume] accepts, in bytes; zero means
	// DefaultMaxFileBytes.
	MaxFileBytes int
	// PDF reads the text of PDF files for [Parser.ReadResume]; nil means PDF input is an
	// error. Package github.com/resumekit/resumekit/ats/pdf provides one.
	PDF PDFReader
}

// check rejects input a parser should not read: empty, too large or binary. what names the
// input in the error ("resume", "job").
func (p Parser) check(what, text string) error {
	limit := p.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	switch {
	case strings.TrimSpace(text) == "":
		return fmt.Errorf("ats: parse %s: %w", what, ErrEmpty)
	case len(text) > limit:
		return fmt.Errorf("ats: parse %s: %w: %d bytes, limit %d", what, ErrTooLarge, len(text), limit)
	}
	if i := strings.IndexByte(text, 0); i >= 0 {
		return fmt.Errorf("ats: parse %s: %w (NUL byte at offset %d)", what, ErrBinary, i)
	}
	if !utf8.ValidString(text) {
		bad := invalidUTF8(text)
		// A stray byte (a Latin-1 é) is tolerable; a text that is mostly invalid is not one.
		if bad*10 > len(text) {
			return fmt.Errorf("ats: parse %s: %w (%d of %d bytes are not UTF-8)", what, ErrBinary, bad, len(text))
		}
	}
	return nil
}

func invalidUTF8(s string) int {
	bad := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		i += n
	}
	return bad
}

// rawLine is one line of the input with its byte offset, without its line ending.
type rawLine struct {
	text   string
	start  int
	number int // 1-based
}

func splitLines(text string) []rawLine {
	sep := byte('\n')
	if !strings.Contains(text, "\n") && strings.Contains(text, "\r") {
		sep = '\r' // classic Mac line endings
	}
	lines := make([]rawLine, 0, strings.Count(text, string(sep))+1)
	start := 0
	for n := 1; start <= len(text); n++ {
		end := strings.IndexByte(text[start:], sep)
		if end < 0 {
			end = len(text) - start
		}
		lines = append(lines, rawLine{text: strings.TrimSuffix(text[start:start+end], "\r"), start: start, number: n})
		start += end + 1
	}
	return lines
}

// heading is what a line says when it is a heading.
type heading struct {
	label  string // without markers: "Work Experience"
	rest   string // content after "Label:" on the same line, if any
	level  int    // 1–6 for Markdown and underlined headings; 0 for other styles
	inline bool   // a "Label: content" line
	// prefixOnly: a plain line taken for a heading only if it starts with a known phrase.
	prefixOnly bool
	style      headingStyle
}

type headingStyle int

const (
	notHeading headingStyle = iota
	markdownHeading
	underlinedHeading
	labelHeading // "Label:" or "**Label**"
	// plainHeading is a line made only of heading words ("Experience", "TOP SKILLS",
	// "💼 Work History"), the style of PDF and Word exports.
	plainHeading
)

// parseHeading reports whether line (trimmed) looks like a heading, and which kind. next is
// the following line, for underlined headings.
func parseHeading(line, next string) heading {
	if strings.HasPrefix(line, "#") {
		level := len(line) - len(strings.TrimLeft(line, "#"))
		label := strings.TrimSpace(line[level:])
		if level <= 6 && label != "" && (line[level] == ' ' || line[level] == '\t') {
			return heading{label: cleanLabel(label), level: level, style: markdownHeading}
		}
	}
	if isUnderline(next) && !isUnderline(line) && bulletMarker(line) == 0 && len(line) <= 2*maxHeadingLen {
		level := 2
		if strings.HasPrefix(strings.TrimSpace(next), "=") {
			level = 1
		}
		return heading{label: cleanLabel(line), level: level, style: underlinedHeading}
	}
	if n := bulletMarker(line); n > 0 {
		// "2. Skills" is a numbered heading; "2. Built it" a list item.
		if line[0] >= '0' && line[0] <= '9' && len(line) <= maxHeadingLen {
			if label := undecorate(line[n:]); isHeadingLine(label) {
				return heading{label: label, style: plainHeading}
			}
		}
		return heading{}
	}
	if strings.HasPrefix(line, "**") && strings.HasSuffix(strings.TrimSuffix(line, ":"), "**") && len(line) > 4 {
		label := strings.Trim(strings.TrimSuffix(line, ":"), "*: ")
		if label != "" && !strings.Contains(label, "**") {
			return heading{label: cleanLabel(label), style: labelHeading}
		}
	}
	if label, rest, ok := strings.Cut(line, ":"); ok && wording.AtMostWords(label, 4) && isLabel(label) {
		rest = strings.TrimSpace(rest)
		return heading{label: trimLabel(label), rest: rest, inline: rest != "", style: labelHeading}
	}
	if len(line) > maxHeadingLen {
		return heading{}
	}
	if label := undecorate(line); isHeadingLine(label) {
		return heading{label: label, style: plainHeading}
	}
	return heading{}
}

// cleanLabel returns a heading label without Markdown emphasis, decoration or numbering:
// "**2. Experience** 💼" → "Experience". A label that is not only decoration and numbering
// is kept as written.
func cleanLabel(s string) string {
	if strings.Contains(s, "](") {
		s = markdownLinks.ReplaceAllString(s, "$1")
	}
	s = trimLabel(s)
	if u := undecorate(s); u != "" {
		return u
	}
	return s
}

// maxHeadingLen is the longest line, in bytes, that can be a heading made only of heading
// words; longer lines are skipped without further work.
const maxHeadingLen = 64

// undecorate trims the emoji, symbols, numbering and stray punctuation that decorate a
// heading ("💼 EXPERIENCE", "— Skills —", "2. Skills", "IV. Education").
func undecorate(s string) string {
	// A closing bracket that closes one inside the label is part of it: "Pouet (Social
	// Network)".
	closing := ""
	if t := strings.TrimRightFunc(s, unicode.IsSpace); strings.HasSuffix(t, ")") && strings.Count(t, "(") == strings.Count(t, ")") {
		closing = ")"
	}
	s = strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }); i > 0 {
		s = strings.TrimFunc(s[i:], func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	// A Roman numeral before a dot: "IV. Education".
	if num, rest, ok := strings.Cut(s, ". "); ok && num != "" && strings.Trim(num, "IVXivx") == "" {
		s = strings.TrimSpace(rest)
	}
	if closing != "" && strings.Count(s, "(") > strings.Count(s, ")") {
		s += closing
	}
	return s
}

// markdownLinks matches a Markdown link, "[Independent Reserve](https://…)", whose text is
// group 1.
var markdownLinks = regexp.MustCompile(`\[([^\]]*)\]\([^)\s]*\)`)

// isHeadingLine reports whether line is a short line made only of heading words, with no
// digits and no sentence or list punctuation, starting with a capital letter:
// "Experience", "TECHNICAL SKILLS", "Licenses & Certifications", "Berufserfahrung", but not
// "SENIOR PROJECT MANAGER", "ACME CORP, 2019–2022" or a wrapped line "work.".
func isHeadingLine(line string) bool {
	if line == "" || strings.ContainsAny(line, "0123456789.,;!?|·–—()") {
		return false
	}
	if first, _ := firstRune(line); !unicode.IsUpper(first) {
		return false
	}
	_, _, known := classify(line)
	return known
}

func trimLabel(s string) string {
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*_:#"))
}

func isUnderline(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 3 || s[0] != '=' && s[0] != '-' {
		return false
	}
	return strings.Trim(s, "=") == "" || strings.Trim(s, "-") == ""
}

// trimIndent is strings.TrimLeft(s, " \t") without building a cutset on every call.
func trimIndent(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	return s
}

// isLabel reports whether s could be the label of a "Label:" line: letters, spaces and a few
// joiners, starting with a letter.
func isLabel(s string) bool {
	s = strings.TrimSpace(strings.Trim(s, "*_"))
	if first, ok := firstRune(s); !ok || !unicode.IsLetter(first) {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !strings.ContainsRune(" &/-'()", r) {
			return false
		}
	}
	return true
}

// bulletMarker returns the length in bytes of the list marker line (trimmed) starts with,
// including the space after it, or 0; see listmark.Len.
func bulletMarker(line string) int { return listmark.Len(line) }

// normalizeLabel lowercases a heading label, drops accents and reduces it to words:
// "Skills & Tools" → "skills and tools", "Compétences" → "competences", "IT-Kenntnisse" →
// "it-kenntnisse".
func normalizeLabel(s string) string {
	var buf [maxHeadingLen]byte
	return string(appendNormalLabel(buf[:0], s))
}

// appendNormalLabel appends normalizeLabel(s) to dst: lowercase words of letters, "&",
// "'" and "-" (trimmed of "-" and "'"), "&" read as "and", one space apart. It
// allocates nothing for a short ASCII label written into a buffer with room.
func appendNormalLabel(dst []byte, s string) []byte {
	start := len(dst)
	for w, i := nextLabelWord(s, 0); w != ""; w, i = nextLabelWord(s, i) {
		if len(dst) > start {
			dst = append(dst, ' ')
		}
		dst = appendNormalWord(dst, w)
	}
	return dst
}

// nextLabelWord returns the first word of a label in s[i:], as written but trimmed of "-"
// and "'", and the offset after it; "" at the end.
func nextLabelWord(s string, i int) (string, int) {
	for i < len(s) {
		r, size := decodeRune(s, i)
		if !isLabelRune(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := decodeRune(s, j)
			if !isLabelRune(r) {
				break
			}
			j += size
		}
		if w := trimWordEdges(s[i:j]); w != "" {
			return w, j
		}
		i = j
	}
	return "", i
}

// appendNormalWord appends a word of a label lowercased, without accents, "&" as "and".
func appendNormalWord(dst []byte, w string) []byte {
	if w == "&" {
		return append(dst, "and"...)
	}
	for k := 0; k < len(w); {
		r, size := decodeRune(w, k)
		k += size
		switch {
		case 'A' <= r && r <= 'Z':
			dst = append(dst, byte(r)+'a'-'A')
		case r < utf8.RuneSelf:
			dst = append(dst, byte(r))
		default:
			r = unicode.ToLower(r)
			if f, ok := accentFolds[r]; ok {
				dst = append(dst, f...)
			} else {
				dst = utf8.AppendRune(dst, r)
			}
		}
	}
	return dst
}

// decodeRune decodes the rune at s[i:], ASCII without a call.
func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// isLabelRune reports whether r belongs to a word of a label: a letter, "&", "'" (or
// "’") or "-".
func isLabelRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiLabel[r]
	}
	return unicode.IsLetter(r) || r == '’'
}

var asciiLabel = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '&' || c == '\'' || c == '-'
	}
	return t
}()

// trimWordEdges is strings.Trim(w, "-'’") without building the cutset on every call.
func trimWordEdges(w string) string {
	for {
		switch {
		case strings.HasPrefix(w, "-") || strings.HasPrefix(w, "'"):
			w = w[1:]
		case strings.HasPrefix(w, "’"):
			w = w[len("’"):]
		case strings.HasSuffix(w, "-") || strings.HasSuffix(w, "'"):
			w = w[:len(w)-1]
		case strings.HasSuffix(w, "’"):
			w = w[:len(w)-len("’")]
		default:
			return w
		}
	}
}

// accentFolds removes the accents of the letters in German, French and Spanish
// headings (after lowercasing), and straightens the apostrophe.
var accentFolds = map[rune]string{
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'õ': "o",
	'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ñ': "n", 'ç': "c", 'ß': "ss", 'œ': "oe", 'æ': "ae",
	'’': "'",
}
