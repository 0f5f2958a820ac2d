// Package worddiff compares two lines of prose word by word, for showing a rewrite next to
// the bullet it replaces.
package worddiff

import "strings"

// Kind says whether a word is in both lines, only the old one or only the new one.
type Kind int

// The kinds of an Op.
const (
	Equal  Kind = iota // in both lines
	Delete             // only in the old line
	Insert             // only in the new line
)

// Op is a run of words of one kind, joined by single spaces, with the punctuation that ends
// a word (". , ; : ! ?") kept against it.
type Op struct {
	Kind Kind
	Text string
	// Glued reports that Text begins with punctuation that ends the word before it, so no
	// space goes between them: the "," of "customers, serving" when only "customers" is in
	// both lines.
	Glued bool
}

// MaxWords is the longest line, in words and punctuation runs, that Diff compares word by
// word; longer lines are reported as a whole deletion and insertion, which keeps the work
// bounded (MaxWords² cells).
const MaxWords = 1000

// Diff returns the words of old and new as a shortest edit script: the longest common
// subsequence of words is Equal, the rest Delete (from old) and Insert (from new), each
// deletion before the insertion at the same place. Words are separated by white space; a
// bracketed placeholder such as "[X%]" or "[time saved]" is one word, and the punctuation
// that ends a word is a unit of its own, so "customers." → "customers, serving [N]" keeps
// "customers" and changes only what follows it. Joining the Equal and Delete ops with a
// space before each one that is not Glued gives old's words, Equal and Insert new's.
func Diff(old, new string) []Op {
	a, b := tokens(old), tokens(new)
	if len(a) > MaxWords || len(b) > MaxWords {
		return merge(nil, append(ops(Delete, a), ops(Insert, b)...))
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []Op
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			out = merge(out, ops(Equal, a[i:i+1]))
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = merge(out, ops(Delete, a[i:i+1]))
			i++
		default:
			out = merge(out, ops(Insert, b[j:j+1]))
			j++
		}
	}
	out = merge(out, ops(Delete, a[i:]))
	return merge(out, ops(Insert, b[j:]))
}

// token is a unit of a diff: a word, or the punctuation that ends one (glued to it).
type token struct {
	text  string
	glued bool
}

// endPunct is the punctuation that ends a word and counts as a unit of its own.
const endPunct = ".,;:!?"

// tokens splits s into words, as Words does, and cuts the punctuation that ends a word
// off as a glued token; a word of punctuation only stays a word.
func tokens(s string) []token {
	var out []token
	for _, w := range Words(s) {
		core := strings.TrimRight(w, endPunct)
		if core == "" || core == w {
			out = append(out, token{text: w})
			continue
		}
		out = append(out, token{text: core}, token{text: w[len(core):], glued: true})
	}
	return out
}

// Words splits s at white space, keeping a bracketed span ("[time saved]") as one word.
func Words(s string) []string {
	var out []string
	fields := strings.Fields(s)
	for i := 0; i < len(fields); i++ {
		w := fields[i]
		if strings.HasPrefix(w, "[") && !strings.Contains(w, "]") {
			for j := i + 1; j < len(fields); j++ {
				if strings.Contains(fields[j], "]") {
					w = strings.Join(fields[i:j+1], " ")
					i = j
					break
				}
			}
		}
		out = append(out, w)
	}
	return out
}

func ops(k Kind, words []token) []Op {
	out := make([]Op, len(words))
	for i, w := range words {
		out[i] = Op{Kind: k, Text: w.text, Glued: w.glued}
	}
	return out
}

// join appends b's text to a's: after a space, unless b is Glued.
func join(a *Op, b Op) {
	if !b.Glued {
		a.Text += " "
	}
	a.Text += b.Text
}

// merge appends add to out, joining neighbours of the same kind, and keeps a deletion
// before an insertion where they meet.
func merge(out, add []Op) []Op {
	for _, op := range add {
		n := len(out)
		switch {
		case n > 0 && out[n-1].Kind == op.Kind:
			join(&out[n-1], op)
		case op.Kind == Delete && n > 0 && out[n-1].Kind == Insert:
			if n > 1 && out[n-2].Kind == Delete {
				join(&out[n-2], op)
			} else {
				out = append(out[:n-1], op, out[n-1])
			}
		default:
			out = append(out, op)
		}
	}
	return out
}
