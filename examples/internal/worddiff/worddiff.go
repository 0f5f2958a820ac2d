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

// Op is a run of words of one kind, joined by single spaces.
type Op struct {
	Kind Kind
	Text string
}

// MaxWords is the longest line, in words, that Diff compares word by word; longer lines
// are reported as a whole deletion and insertion, which keeps the work bounded
// (MaxWords² cells).
const MaxWords = 1000

// Diff returns the words of old and new as a shortest edit script: the longest common
// subsequence of words is Equal, the rest Delete (from old) and Insert (from new), each
// deletion before the insertion at the same place. Words are separated by white space; a
// bracketed placeholder such as "[X%]" or "[time saved]" is one word. Concatenating the
// Equal and Delete ops gives old's words, Equal and Insert new's.
func Diff(old, new string) []Op {
	a, b := Words(old), Words(new)
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
			out = merge(out, []Op{{Equal, a[i]}})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = merge(out, []Op{{Delete, a[i]}})
			i++
		default:
			out = merge(out, []Op{{Insert, b[j]}})
			j++
		}
	}
	out = merge(out, ops(Delete, a[i:]))
	return merge(out, ops(Insert, b[j:]))
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

func ops(k Kind, words []string) []Op {
	out := make([]Op, len(words))
	for i, w := range words {
		out[i] = Op{k, w}
	}
	return out
}

// merge appends add to out, joining neighbours of the same kind, and keeps a deletion
// before an insertion where they meet.
func merge(out, add []Op) []Op {
	for _, op := range add {
		n := len(out)
		switch {
		case n > 0 && out[n-1].Kind == op.Kind:
			out[n-1].Text += " " + op.Text
		case op.Kind == Delete && n > 0 && out[n-1].Kind == Insert:
			if n > 1 && out[n-2].Kind == Delete {
				out[n-2].Text += " " + op.Text
			} else {
				out = append(out[:n-1], op, out[n-1])
			}
		default:
			out = append(out, op)
		}
	}
	return out
}
