package ats

import "strings"

// jobMention is one counted mention of a job term: term is its index in the matcher's
// terms, start and end its byte offsets in the job text.
type jobMention struct{ term, start, end int }

// alternativeRuns returns the runs of a line's mentions that the line offers as
// alternatives, each as indices into ms (the line's mentions, in order). A run is a list of
// two or more terms joined only by commas, slashes, "and", "or" or "and/or". It is a set of
// alternatives when a joiner is "or" or "and/or" ("Java and/or C#/.NET"), when a cue comes
// just before it ("e.g. Go, Python", "such as", "one of") or just after it ("…, or similar",
// "etc."). Any other list ("Go, PostgreSQL and Kafka") asks for each of its terms.
func alternativeRuns(text string, lineStart, lineEnd int, ms []jobMention, words *jobVocabulary) [][]int {
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
			if or || cueBefore(before, words.altBefore) || cueAfter(after, words.altAfter) {
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

// listJoiner reports whether the text between two mentions joins them in a list, and whether
// it says "or".
func listJoiner(text string, a, b jobMention) (list, or bool) {
	if b.start < a.end {
		return false, false // overlapping forms ("RESTful API design") name both
	}
	sep := strings.ToLower(strings.Join(strings.Fields(text[a.end:b.start]), ""))
	switch sep {
	case "", ",", "/", "&", "|", "and", ",and":
		return true, false
	case "or", ",or", "and/or", ",and/or", "or/and", "/or":
		return true, true
	}
	return false, false
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
