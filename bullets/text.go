package bullets

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resumekit/resumekit/internal/listmark"
)

// span is a byte range [start, end) of a text.
type span struct{ start, end int }

// tokenize appends to dst the word tokens of s: runs of letters and digits, with inner
// hyphens kept ("cutting-edge", "state-of-the-art") and apostrophes, slashes and every
// other punctuation treated as separators.
func tokenize(dst []span, s string) []span {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		word := false
		if c < utf8.RuneSelf {
			word = isASCIIAlnum(c)
			if c == '-' && start >= 0 && i+1 < len(s) && isASCIIAlnum(s[i+1]) {
				word = true
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			dst = append(dst, span{start, i})
			start = -1
		}
		i += size
	}
	if start >= 0 {
		dst = append(dst, span{start, len(s)})
	}
	return dst
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// asciiLower lowercases ASCII letters only, so byte offsets are unchanged.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// countWords counts whitespace-separated words.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		space := s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// collapseSpace trims s and turns every run of whitespace into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// bulletMarker returns the offset in s after its leading space, list marker (see
// listmark.Len) and the space after the marker; the offset of the first non-space byte when
// s starts with no marker.
func bulletMarker(s string) int {
	i := len(s) - len(strings.TrimLeft(s, " \t"))
	n := listmark.Len(s[i:])
	if n == 0 {
		return i
	}
	return len(s) - len(strings.TrimLeft(s[i+n:], " \t"))
}

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	u := unicode.ToUpper(r)
	if u == r {
		return s
	}
	return string(u) + s[size:]
}

// lowerFirstIfCommon lowercases the first letter of s when the first word is an
// ordinary word ("The billing service" → "the billing service") and leaves names and
// acronyms ("APIs", "Kafka") alone.
func lowerFirstIfCommon(s string) string {
	end := strings.IndexAny(s, " ,;")
	if end < 0 {
		end = len(s)
	}
	switch strings.ToLower(s[:end]) {
	case "the", "a", "an", "this", "these", "that", "those", "all", "each", "every", "several",
		"multiple", "new", "existing", "internal", "legacy", "customer", "user", "data":
		return strings.ToLower(s[:1]) + s[1:]
	}
	return s
}
