package bullets

import (
	"strings"
	"unicode/utf8"

	"github.com/resumekit/resumekit/internal/wording"
	"github.com/resumekit/resumekit/skills"
)

// bullet is one resume line parsed once against a vocabulary: where its text starts
// after the list marker, its word tokens, the catalog's mentions, the numbers it states
// and the technologies it names. Analysis, the guard, the rules and the prompt all read
// this value; none of them goes back to the raw string to find the body again.
//
// Spans index raw, so an Analysis can point into the line as given. Tokens and claims
// start at the body: a marker such as "1. " is neither a word nor a number. A new fact
// that a check needs about the line (a wider technology vocabulary, numbers of other
// scripts) belongs here, computed once in parse.
type bullet struct {
	v     *vocab
	raw   string // the line as given
	lower string // wording.Lower(raw): same offsets
	start int    // offset of the body in raw
	body  string // raw without the list marker and outer white space

	toks     []wording.Span   // word tokens of the body
	mentions []skills.Mention // catalog mentions, in order
	claims   []claim          // numbers stated in the body, outside mentions
	techs    []string         // canonical technologies mentioned, in order, without repeats

	// Buffers that keep a short line's parse off the heap.
	tokBuf   [48]wording.Span
	menBuf   [8]skills.Mention
	claimBuf [8]claim
	techBuf  [8]string
}

// parseBullet parses raw on the heap, for values that outlive the call.
func parseBullet(v *vocab, raw string) *bullet {
	b := new(bullet)
	b.parse(v, raw)
	return b
}

// parse fills b from raw.
func (b *bullet) parse(v *vocab, raw string) {
	b.v, b.raw, b.lower = v, raw, wording.Lower(raw)
	b.start = wording.BodyStart(raw)
	b.body = strings.TrimSpace(raw[b.start:])
	b.toks = wording.Tokenize(b.tokBuf[:0], raw[b.start:])
	for i := range b.toks {
		b.toks[i].Start += b.start
		b.toks[i].End += b.start
	}
	b.mentions = v.catalog.AppendAllMentions(b.menBuf[:0], raw)
	b.claims = appendClaims(b.claimBuf[:0], raw, b.lower, b.start, mentionSpans(b.mentions))
	b.techs = v.technologies(b.techBuf[:0], b.mentions)
}

// bulletBody returns the text of a resume line without its list marker and outer
// white space, "  - Built X. " → "Built X.", as parse does; for a key computed before
// any parse.
func bulletBody(raw string) string {
	return strings.TrimSpace(raw[wording.BodyStart(raw):])
}

// mentionSpans returns the spans of the mentions (allocation-free for none).
func mentionSpans(ms []skills.Mention) []wording.Span {
	if len(ms) == 0 {
		return nil
	}
	out := make([]wording.Span, len(ms))
	for i, m := range ms {
		out[i] = wording.Span{Start: m.Start, End: m.End}
	}
	return out
}

// tok returns the lowercase text of token i.
func (b *bullet) tok(i int) string { return b.lower[b.toks[i].Start:b.toks[i].End] }

// lowerTokens returns the lowercase text of every token.
func (b *bullet) lowerTokens() []string {
	out := make([]string, len(b.toks))
	for i := range b.toks {
		out[i] = b.tok(i)
	}
	return out
}

// adjacent reports whether tokens i and j are separated by spaces only (so a phrase
// does not match across a comma or a sentence).
func (b *bullet) adjacent(i, j int) bool {
	between := b.raw[b.toks[i].End:b.toks[j].Start]
	return strings.Trim(between, " \t") == ""
}

// matchPhrase matches the longest phrase of kind k starting at token i and returns it
// and the index of the token after it.
func (b *bullet) matchPhrase(i int, k phraseKind) (phrase, int, bool) {
	for _, p := range rules().byFirst[b.tok(i)] {
		if p.kind != k || i+len(p.tokens) > len(b.toks) {
			continue
		}
		ok := true
		for j := 1; j < len(p.tokens) && ok; j++ {
			ok = b.tok(i+j) == p.tokens[j] && b.adjacent(i+j-1, i+j)
		}
		if ok && !b.joined(i, i+len(p.tokens)) {
			return p, i + len(p.tokens), true
		}
	}
	return phrase{}, 0, false
}

// joined reports whether tokens i up to end are glued to a word before or after them
// by a joiner ("I/O", "Used+0"), or to a byte that is not UTF-8 (dropping the phrase
// could join two such bytes into a letter).
func (b *bullet) joined(i, end int) bool {
	joiners := rules().data.Analysis.Joiners
	start, stop := b.toks[i].Start, b.toks[end-1].End
	if r, size := utf8.DecodeLastRuneInString(b.raw[:start]); r == utf8.RuneError && size == 1 {
		return true
	}
	if r, size := utf8.DecodeRuneInString(b.raw[stop:]); r == utf8.RuneError && size == 1 {
		return true
	}
	return start > 0 && strings.IndexByte(joiners, b.raw[start-1]) >= 0 && wording.IsAlnum(b.raw[max(start-2, 0)]) ||
		stop+1 < len(b.raw) && strings.IndexByte(joiners, b.raw[stop]) >= 0 && wording.IsAlnum(b.raw[stop+1])
}
