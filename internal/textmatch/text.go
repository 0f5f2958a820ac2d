package textmatch

import (
	"unicode"
	"unicode/utf8"
)

// isSpace reports whether c is one of the whitespace bytes a pattern space
// stands for.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n'
}

// fold lowers ASCII A–Z.
func fold(c byte) byte {
	if c-'A' < 26 {
		return c + ('a' - 'A')
	}
	return c
}

// wordByte holds the ASCII word bytes.
var wordByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c < utf8.RuneSelf && isASCIIWord(byte(c))
	}
	return t
}()

func isASCIIWord(c byte) bool {
	return c-'a' < 26 || c-'A' < 26 || c-'0' < 10 || c == '_'
}

func isWordRune(r rune) bool {
	// A combining mark continues the word it follows: "Go\u0301" (a decomposed "Gó",
	// common in text pasted from macOS) is not "Go".
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// wordAt reports whether the character starting at text[i] is a word
// character; false at the end of text.
func wordAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	if c := text[i]; c < utf8.RuneSelf {
		return isASCIIWord(c)
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

// wordBefore reports whether the character ending at text[i] (exclusive) is
// a word character; false at the start of text.
func wordBefore(text string, i int) bool {
	if i <= 0 {
		return false
	}
	if c := text[i-1]; c < utf8.RuneSelf {
		return isASCIIWord(c)
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return isWordRune(r)
}

func isJoiner(c byte) bool { return c == '.' || c == '&' }

// boundaryBefore reports whether a match may start at text[start].
func boundaryBefore(text string, start int) bool {
	if start == 0 {
		return true
	}
	if wordBefore(text, start) {
		return false
	}
	// "ASP.NET" does not contain "NET", nor "R&D" "D".
	return !isJoiner(text[start-1]) || !wordBefore(text, start-1)
}

// boundaryAfter reports whether a match may end just before text[end].
func boundaryAfter(text string, end int) bool {
	if end >= len(text) {
		return true
	}
	switch c := text[end]; {
	case c == '+' || c == '#':
		// "C" is not in "C++" or "C#".
		return false
	case isJoiner(c):
		// "Node" is not in "Node.js", but "Go." ends a sentence.
		return !wordAt(text, end+1)
	}
	return !wordAt(text, end)
}

// matchBack reports whether text[:end] ends with the folded pattern s, in
// which each space matches one or more whitespace bytes, and where the match
// starts. s must not hold two spaces in a row.
func matchBack(text string, end int, s string) (start int, ok bool) {
	p := end
	for j := len(s) - 1; j >= 0; j-- {
		if p == 0 {
			return 0, false
		}
		c := text[p-1]
		if s[j] == ' ' {
			if !isSpace(c) {
				return 0, false
			}
			for p--; p > 0 && isSpace(text[p-1]); p-- {
			}
			continue
		}
		if fold(c) != s[j] {
			return 0, false
		}
		p--
	}
	return p, true
}

// matchForward reports whether text[start:] begins with s, in which each
// space matches one or more whitespace bytes. Other bytes are compared
// exactly, or after folding the text byte when folded is set (s must then be
// folded already). s must not hold two spaces in a row.
func matchForward(text string, start int, s string, folded bool) bool {
	p := start
	for j := 0; j < len(s); j++ {
		if p >= len(text) {
			return false
		}
		c := text[p]
		if s[j] == ' ' {
			if !isSpace(c) {
				return false
			}
			for p++; p < len(text) && isSpace(text[p]); p++ {
			}
			continue
		}
		if folded {
			c = fold(c)
		}
		if c != s[j] {
			return false
		}
		p++
	}
	return true
}

// skipBack returns where the last n collapsed characters of text[:end]
// begin, a whitespace run counting as one character.
func skipBack(text string, end int, n int32) int {
	p := end
	for ; n > 0 && p > 0; n-- {
		if !isSpace(text[p-1]) {
			p--
			continue
		}
		for p--; p > 0 && isSpace(text[p-1]); p-- {
		}
	}
	return p
}
