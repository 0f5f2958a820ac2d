package textmatch

import (
	"unicode"
	"unicode/utf8"
)

// This file holds a deliberately naive matcher, written from the package
// documentation rather than from the automaton, that the tests and FuzzMatch
// hold the Matcher to: at each input position, try every pattern.

type refPattern struct {
	text          string // whitespace collapsed and trimmed, original case
	caseSensitive bool
	before, after []string // whitespace collapsed, edges kept
}

func refWS(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func refLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c - 'A' + 'a'
	}
	return c
}

// refCollapse splits s into whitespace-separated words and rejoins them
// with single spaces, keeping one space for whitespace at an edge if asked.
func refCollapse(s string, edges bool) string {
	var words []string
	word := ""
	for i := 0; i < len(s); i++ {
		if refWS(s[i]) {
			if word != "" {
				words = append(words, word)
				word = ""
			}
			continue
		}
		word += s[i : i+1]
	}
	if word != "" {
		words = append(words, word)
	}
	out := ""
	for i, w := range words {
		if i > 0 {
			out += " "
		}
		out += w
	}
	if edges && len(s) > 0 {
		if refWS(s[0]) {
			out = " " + out
		}
		if refWS(s[len(s)-1]) && out != " " {
			out += " "
		}
	}
	return out
}

func newRefPatterns(ps []Pattern) []refPattern {
	out := make([]refPattern, len(ps))
	for i, p := range ps {
		r := refPattern{text: refCollapse(p.Text, false), caseSensitive: p.CaseSensitive}
		for _, c := range p.NotPrecededBy {
			r.before = append(r.before, refCollapse(c, true))
		}
		for _, c := range p.NotFollowedBy {
			r.after = append(r.after, refCollapse(c, true))
		}
		out[i] = r
	}
	return out
}

// refEq compares a pattern byte with an input byte.
func refEq(p, t byte, exact bool) bool {
	if exact {
		return p == t
	}
	return refLower(p) == refLower(t)
}

// refMatchAt matches pat at text[i:] and returns the end, a pattern space
// eating all the whitespace at that point (at least one byte).
func refMatchAt(text string, i int, pat string, exact bool) (int, bool) {
	for j := 0; j < len(pat); j++ {
		if i >= len(text) {
			return 0, false
		}
		if pat[j] == ' ' {
			if !refWS(text[i]) {
				return 0, false
			}
			for i < len(text) && refWS(text[i]) {
				i++
			}
			continue
		}
		if !refEq(pat[j], text[i], exact) {
			return 0, false
		}
		i++
	}
	return i, true
}

// refEndsWith reports whether text[:i] ends with pat, trying every start.
func refEndsWith(text string, i int, pat string) bool {
	for s := i; s >= 0; s-- {
		if e, ok := refMatchAt(text, s, pat, false); ok && e == i {
			return true
		}
	}
	return false
}

func refIsWord(r rune) bool {
	return r == '_' || (r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))) ||
		(r >= utf8.RuneSelf && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)))
}

func refRuneAfter(text string, i int) (rune, bool) {
	if i >= len(text) {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r, true
}

func refRuneBefore(text string, i int) (rune, bool) {
	if i <= 0 {
		return 0, false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r, true
}

func refWordAfter(text string, i int) bool {
	r, ok := refRuneAfter(text, i)
	return ok && refIsWord(r)
}

func refWordBefore(text string, i int) bool {
	r, ok := refRuneBefore(text, i)
	return ok && refIsWord(r)
}

func refValid(text string, start, end int, p refPattern) bool {
	if refWordBefore(text, start) {
		return false
	}
	if start > 0 && (text[start-1] == '.' || text[start-1] == '&') && refWordBefore(text, start-1) {
		return false
	}
	if refWordAfter(text, end) {
		return false
	}
	if end < len(text) {
		switch text[end] {
		case '+', '#':
			return false
		case '.', '&':
			if refWordAfter(text, end+1) {
				return false
			}
		}
	}
	for _, c := range p.before {
		if refEndsWith(text, start, c) {
			return false
		}
	}
	for _, c := range p.after {
		if _, ok := refMatchAt(text, end, c, false); ok {
			return false
		}
	}
	return true
}

// refFindAll is the specification of FindAll, quadratic and obvious.
func refFindAll(ps []Pattern, text string) []Match {
	return refFindAllWith(ps, text, ScanOptions{})
}

// refFindAllWith is refFindAll with scan options, by their documented meaning: a skipped
// pattern is no candidate; with Overlaps, the best match at each start is also reported
// when it starts inside the last one reported and ends after it.
func refFindAllWith(ps []Pattern, text string, opt ScanOptions) []Match {
	pats := newRefPatterns(ps)
	var out []Match
	lastStart, lastEnd := -1, 0
	for start := 0; start < len(text); {
		best := Match{Pattern: -1}
		for i, p := range pats {
			if i < len(opt.Skip) && opt.Skip[i] {
				continue
			}
			end, ok := refMatchAt(text, start, p.text, p.caseSensitive)
			if ok && refValid(text, start, end, p) && end > best.End {
				best = Match{Pattern: i, Start: start, End: end}
			}
		}
		switch {
		case best.Pattern < 0:
			start++
		case !opt.Overlaps:
			out = append(out, best)
			start = best.End
		default:
			if best.Start >= lastEnd || best.Start > lastStart && best.End > lastEnd {
				out = append(out, best)
				lastStart, lastEnd = best.Start, best.End
			}
			start++
		}
	}
	return out
}
