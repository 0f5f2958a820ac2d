package ats

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// jobMention is one counted mention of a job term: term is its index in the matcher's
// terms, start and end its byte offsets in the job text.
type jobMention struct{ term, start, end int }

// alternativeRuns returns the runs of a line's mentions that the line offers as
// alternatives, each as indices into ms (the line's mentions, in order). A run is a list of
// two or more terms joined only by commas, slashes, "and", "or" or "and/or", and remarks in
// parentheses ("GCP (preferred) or AWS"). It is a set of
// alternatives when a joiner is "or" or "and/or" ("Java and/or C#/.NET"), when a cue comes
// just before it ("e.g. Go, Python", "such as", "one of"), just after it ("…, or similar",
// "etc.") or in the sentence that follows it ("Our languages are Ruby, Python and
// JavaScript. You should know one of these"). Any other list ("Go, PostgreSQL and Kafka")
// asks for each of its terms.
//
// A list with no "or" that only a cue before it offers ("such as", "e.g.") is no set of
// alternatives when it spans three kinds of technology or more ("platforms such as Python,
// Flask, AWS, CSS": code, cloud and a format): alternatives stand for one another, and such a
// list describes a stack; "…, etc." and "or similar" still offer it. groups[t] is the group or
// category of term t.
func alternativeRuns(text string, lineStart, lineEnd int, ms []jobMention, groups []string, words *jobVocabulary) [][]int {
	var out [][]int
	for i := 0; i < len(ms); {
		j, or := i, false
		for j+1 < len(ms) {
			list, isOr := listJoiner(text, ms[j], ms[j+1])
			if !list {
				break
			}
			or = or || isOr
			j++
		}
		if j > i && distinctTerms(ms[i:j+1]) >= 2 {
			before := text[lineStart:ms[i].start]
			if i > 0 {
				before = text[ms[i-1].end:ms[i].start]
			}
			after := text[ms[j].end:lineEnd]
			if j+1 < len(ms) {
				after = text[ms[j].end:ms[j+1].start]
			}
			if or || cueAfter(after, words.altAfter) || cueNext(after, words.altNext) ||
				cueBefore(before, words.altBefore) && techKinds(ms[i:j+1], groups) < 3 {
				run := make([]int, 0, j-i+1)
				for k := i; k <= j; k++ {
					run = append(run, k)
				}
				out = append(out, run)
			}
		}
		i = j + 1
	}
	return out
}

// techKinds counts the kinds of technology the mentions name: code (languages, frameworks,
// libraries), infrastructure (cloud services, platforms), data stores, and each other group
// on its own (formats, tools, practices).
func techKinds(ms []jobMention, groups []string) int {
	seen := map[string]bool{}
	for _, m := range ms {
		g := groups[m.term]
		switch g {
		case "languages", "language", "framework", "library":
			g = "code"
		case "cloud", "platform":
			g = "infrastructure"
		case "databases", "database":
			g = "data"
		}
		seen[g] = true
	}
	return len(seen)
}

// listJoiner reports whether the text between two mentions joins them in a list, and whether
// it says "or".
func listJoiner(text string, a, b jobMention) (list, or bool) {
	if b.start < a.end {
		return false, false // overlapping forms ("RESTful API design") name both
	}
	// The text between, lowercased and without white space (" , and " → ",and"),
	// in a buffer: no joiner is longer.
	var buf [8]byte
	sep := buf[:0]
	for _, r := range withoutParentheses(text[a.end:b.start]) {
		switch {
		case unicode.IsSpace(r):
		case len(sep) == len(buf) || r >= utf8.RuneSelf:
			return false, false
		default:
			sep = append(sep, byte(unicode.ToLower(r)))
		}
	}
	switch string(sep) {
	case "", ",", "/", "&", "|", "and", ",and":
		return true, false
	case "or", ",or", "and/or", ",and/or", "or/and", "/or":
		return true, true
	}
	return false, false
}

// withoutParentheses drops the parenthesised remarks of the text between two mentions:
// "Google Cloud Platform (preferred) or Amazon Web Services" joins them with "or".
func withoutParentheses(s string) string {
	for {
		open := strings.IndexByte(s, '(')
		if open < 0 {
			return s
		}
		closing := strings.IndexByte(s[open:], ')')
		if closing < 0 {
			return s
		}
		s = s[:open] + " " + s[open+closing+1:]
	}
}

func distinctTerms(ms []jobMention) int {
	seen := map[int]bool{}
	for _, m := range ms {
		seen[m.term] = true
	}
	return len(seen)
}

// cueBefore reports whether s, the text before a list, ends with a cue such as "e.g." or
// "such as", ignoring the punctuation and spaces that separate it from the list.
func cueBefore(s string, cues []string) bool {
	s = strings.TrimRight(strings.ToLower(s), " \t,:;(—–-")
	for _, c := range cues {
		if c = strings.TrimRight(c, " ,"); strings.HasSuffix(s, c) && (len(s) == len(c) || !isAlnum(s[len(s)-len(c)-1])) {
			return true
		}
	}
	return false
}

// cueAfter reports whether s, the text after a list, starts with a cue such as "or similar"
// or "etc".
func cueAfter(s string, cues []string) bool {
	s = strings.TrimLeft(strings.ToLower(s), " \t,;)")
	for _, c := range cues {
		if strings.HasPrefix(s, c) && (len(s) == len(c) || !isAlnum(s[len(c)])) {
			return true
		}
	}
	return false
}

// cueNext reports whether s, the text after a list, ends the list's sentence and says in the
// next one that any of the list will do: ". You should know at least one of these".
func cueNext(s string, cues []string) bool {
	s = strings.TrimLeft(strings.ToLower(s), " \t)")
	if !strings.HasPrefix(s, ".") {
		return false
	}
	s = s[1:]
	if end := strings.Index(s, ". "); end >= 0 {
		s = s[:end]
	}
	for _, c := range cues {
		if indexWord(s, c) >= 0 {
			return true
		}
	}
	return false
}
