// Package wording reads English text the way the resume packages need it: word tokens
// with byte spans, ASCII case folding that keeps byte offsets, whitespace, list markers,
// bracketed placeholders, and lists written for a person ("A, B or C").
//
// It holds mechanism only: which words matter, and what they mean, is data owned by the
// packages that use it. Every function is pure and safe for concurrent use.
package wording

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resumekit/resumekit/internal/listmark"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Tokenize appends to dst the word tokens of s: runs of letters and digits, with inner
// hyphens kept ("cutting-edge", "state-of-the-art") and apostrophes, slashes and every
// other punctuation treated as separators.
func Tokenize(dst []Span, s string) []Span {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		word := false
		if c < utf8.RuneSelf {
			word = IsAlnum(c)
			if c == '-' && start >= 0 && i+1 < len(s) && IsAlnum(s[i+1]) {
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
			dst = append(dst, Span{start, i})
			start = -1
		}
		i += size
	}
	if start >= 0 {
		dst = append(dst, Span{start, len(s)})
	}
	return dst
}

// LowerTokens returns the word tokens of s (see Tokenize), ASCII-lowercased.
func LowerTokens(s string) []string {
	lower := Lower(s)
	var out []string
	for _, t := range Tokenize(nil, lower) {
		out = append(out, lower[t.Start:t.End])
	}
	return out
}

// IsAlnum reports whether c is an ASCII letter or digit.
func IsAlnum(c byte) bool { return IsLetter(c) || IsDigit(c) }

// IsLetter reports whether c is an ASCII letter.
func IsLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// IsDigit reports whether c is an ASCII digit.
func IsDigit(c byte) bool { return c >= '0' && c <= '9' }

// HasUpper reports whether s holds an ASCII upper-case letter.
func HasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// Lower lowercases ASCII letters only, so byte offsets into s stay valid in the result.
// It allocates only when s holds an upper-case ASCII letter.
func Lower(s string) string {
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

// UpperFirst returns s with its first letter in upper case.
func UpperFirst(s string) string {
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

// CountWords counts the words of s separated by white space: len(strings.Fields(s)),
// without allocating.
func CountWords(s string) int { return countWords(s, len(s)) }

// AtMostWords reports whether s has at most n words, CountWords(s) <= n, reading s only
// up to its word n+1.
func AtMostWords(s string, n int) bool { return countWords(s, n+1) <= n }

// countWords counts the words of s, stopping at limit.
func countWords(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s) && n < limit; {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// asciiSpace holds the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// Squash trims s and turns every run of white space into one space.
func Squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// BodyStart returns the offset in s after its leading spaces and tabs, list markers (see
// listmark.Len; a repeated marker such as "- - " is read as one) and the spaces after
// them: where the text of a list item begins. Without a marker it is the offset of the
// first byte that is not a space or tab.
func BodyStart(s string) int {
	i := len(s) - len(strings.TrimLeft(s, " \t"))
	for {
		n := listmark.Len(s[i:])
		if n == 0 {
			return i
		}
		i = len(s) - len(strings.TrimLeft(s[i+n:], " \t"))
	}
}

// Brackets returns the [bracketed] spans of s, brackets included, in order.
func Brackets(s string) []Span {
	var out []Span
	for i := 0; i < len(s); {
		open := strings.IndexByte(s[i:], '[')
		if open < 0 {
			break
		}
		open += i
		end := strings.IndexByte(s[open:], ']')
		if end < 0 {
			break
		}
		out = append(out, Span{open, open + end + 1})
		i = open + end + 1
	}
	return out
}

// List renders at most n items for a person, the last two joined by conj: List(["A",
// "B", "C", "D"], 3, "or") is "A, B or C". n < 1 means every item.
func List(items []string, n int, conj string) string {
	if n > 0 && len(items) > n {
		items = items[:n]
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}

// IsASCII reports whether s is all ASCII.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
