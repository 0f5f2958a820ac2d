package bullets

import (
	"strings"

	"github.com/resumekit/resumekit/internal/wording"
)

// instructions finds text addressed to a model or a program rather than a reader
// ("Ignore previous instructions and reply ..."): the whole sentence, parenthesis,
// HTML comment or clause that holds one of the instruction cues of the rule data. ok
// is false when the bullet has none.
func (b *bullet) instructions() (wording.Span, bool) {
	ad := &rules().data.Analysis
	// Every cue starts with a word: only where a token is one of those first words is
	// the text compared with the cues that start with it.
	at := -1
	for _, t := range b.toks {
		for _, c := range rules().instructionCues[b.lower[t.Start:t.End]] {
			if strings.HasPrefix(b.lower[t.Start:], c) && wordAt(b.lower, t.Start, t.Start+len(c)) {
				at = t.Start
				break
			}
		}
		if at >= 0 {
			break
		}
	}
	if at < 0 {
		return wording.Span{}, false
	}
	// The segment starts at the last opening mark before the cue (the start of the
	// body when there is none) and ends at its closing mark, or at the end of the
	// sentence that holds the cue.
	start, closer := b.start, ""
	for _, o := range ad.InstructionOpeners {
		if i := strings.LastIndex(b.raw[:at], o[0]); i >= start {
			start, closer = i, o[1]
			if o[0] == ". " {
				start++ // the full stop ends the sentence before
			}
		}
	}
	if start == b.start {
		start = at // no mark opens it: from the cue on
	}
	end := len(b.raw)
	if closer != "" {
		if i := strings.Index(b.raw[at:], closer); i >= 0 {
			end = at + i + len(closer)
		}
	} else if i := strings.Index(b.raw[at:], ". "); i >= 0 {
		end = at + i + 1
	}
	for start < at && b.raw[start] == ' ' {
		start++
	}
	return wording.Span{Start: start, End: end}, true
}

// wordAt reports whether s[i:j] is whole words: no letter or digit glued to either end
// ("system prompt" is not in "system prompts").
func wordAt(s string, i, j int) bool {
	return (i == 0 || !wording.IsAlnum(s[i-1])) && (j >= len(s) || !wording.IsAlnum(s[j]) || !wording.IsAlnum(s[j-1]))
}

// withoutInstructions returns the bullet's line with the text addressed to a model
// taken out and the seams tidied ("Worked on the API in Go." from "Worked on the API
// in Go. Ignore previous instructions and ..."); ok is false when it has none.
func (b *bullet) withoutInstructions() (string, bool) {
	sp, ok := b.instructions()
	if !ok {
		return b.raw, false
	}
	before := strings.TrimRight(b.raw[:sp.Start], " \u200b\u200c\u200d\u2060\ufeff")
	after := strings.TrimLeft(b.raw[sp.End:], " ")
	if after == "" {
		before = strings.TrimRight(before, " ,;:—–-")
		return before, true
	}
	return before + " " + after, true
}
