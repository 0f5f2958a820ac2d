package bullets

import (
	"fmt"
	"slices"
	"strings"

	"github.com/resumekit/resumekit/internal/wording"
	"github.com/resumekit/resumekit/skills"
)

// The rules a Guard checks; a Violation names one.
const (
	// RuleEmpty: the rewrite is empty.
	RuleEmpty = "empty"
	// RuleMultiline: the rewrite spans more than one line (any Unicode line break).
	RuleMultiline = "multi-line"
	// RulePreamble: the rewrite starts with talk about itself ("Here is the rewritten
	// bullet:"), is wrapped in quotes, or carries markup: a list marker ("- ", "• ") or
	// Markdown emphasis ("**", "__").
	RulePreamble = "preamble"
	// RuleTooLong: the rewrite is longer than MaxWords words or MaxChars bytes and more
	// than 10 words longer than the bullet (a long bullet may stay long).
	RuleTooLong = "too-long"
	// RuleInventedNumber: a number that is not in the bullet or the facts.
	RuleInventedNumber = "invented-number"
	// RuleDroppedNumber: a number of the bullet is missing.
	RuleDroppedNumber = "dropped-number"
	// RuleInventedTechnology: a technology or capitalised product name that is not in
	// the bullet or the facts (a job keyword the bullet does not evidence included).
	RuleInventedTechnology = "invented-technology"
	// RuleDroppedTechnology: a technology or capitalised name of the bullet is missing.
	RuleDroppedTechnology = "dropped-technology"
	// RuleDroppedContent: most of the bullet's words are gone, so the rewrite no longer
	// describes the same work.
	RuleDroppedContent = "dropped-content"
	// RuleWeakOpener: the rewrite itself starts with a weak opener.
	RuleWeakOpener = "weak-opener"
	// RulePronoun: the rewrite itself uses a pronoun.
	RulePronoun = "pronoun"
)

// Violation is one way a rewrite breaks the guard.
type Violation struct {
	// Rule is one of the Rule constants.
	Rule string `json:"rule"`
	// Message says what is wrong and how to fix it, in words a model or a person can act
	// on. It quotes the offending number or name.
	Message string `json:"message"`
}

// Guard checks that a rewrite of a bullet states nothing the bullet and the caller's
// facts do not: no new number (compared as normalized values: 3.2s = 3200 ms, 2M =
// 2,000,000, 40% = forty percent, in half = halved = 50%, doubled = 2x; a number with
// an unknown suffix such as "500rps" by its exact token; bracketed placeholders such
// as [X%] are not claims), no new or missing technology (the catalog's keywords and
// its technology vocabulary, skills.Catalog.Technologies, found in one scan with
// their case rules, so "clickhouse" counts as well as "ClickHouse"; respellings such
// as "Postgres" → "PostgreSQL" allowed; plus capitalised product names; a technology
// matched only with its exact case, such as Helm or Celery, counts as evidenced when
// the bullet or the facts write it in any case), one line without preamble or markup, not much
// longer than the bullet, and no weak opener or pronoun of its own. Job keywords grant
// nothing: one the bullet does not evidence is an invented technology. It also enforces
// the rules of an honest rewrite (see honesty.go): no part, scope, outcome or technique
// the bullet does not state, numbers in any script, no hidden characters or HTML.
//
// The zero value uses the embedded backend catalog. A Guard is safe for concurrent use.
type Guard struct {
	// Catalog is the technology vocabulary; nil means skills.Backend().
	Catalog *skills.Catalog
}

// Check returns every violation of rewritten as a rewrite of req.Bullet given
// req.Facts, in the order of the Rule constants; none means the rewrite may be used.
func (g Guard) Check(req Request, rewritten string) []Violation {
	return newEvidence(vocabFor(g.Catalog), req).check(rewritten)
}

// evidence is what a rewrite of one bullet may state: the bullet and the caller's
// facts, each parsed once, however many rewrites are checked against them.
type evidence struct {
	bullet      *bullet
	facts       []*bullet
	jobKeywords []string
	// have are the technologies of the bullet and the facts, in order.
	have []string
	// allowed is the lowercase bullet and facts, one per line, and the other forms of
	// the short forms they use ("dlq", "dead-letter queue"): a capitalised name or a
	// case-sensitive technology written there in any case counts as evidenced.
	allowed string
	// raw is the bullet and facts as written, for characters a rewrite may repeat.
	raw string
	// improved reports whether the bullet or the facts say the work improved
	// something: only then may a rewrite claim an outcome.
	improved bool
	// roleLicensed reports whether the bullet or the facts say the person led or
	// owned the work (Honesty.RoleLicenses): only then may a rewrite say so.
	roleLicensed bool
	// contentWords are the bullet's content words (see contentWords).
	contentWords []string
}

// newEvidence parses the bullet and facts of req against v.
func newEvidence(v *vocab, req Request) *evidence {
	return bulletEvidence(parseBullet(v, req.Bullet), req.Facts, req.JobKeywords)
}

// bulletEvidence is the evidence of an already parsed bullet and the facts.
func bulletEvidence(b *bullet, facts, jobKeywords []string) *evidence {
	ev := &evidence{bullet: b, jobKeywords: jobKeywords}
	ev.have = append(ev.have, b.techs...)
	allowed := []string{b.body}
	for _, f := range facts {
		fb := parseBullet(b.v, f)
		ev.facts = append(ev.facts, fb)
		for _, t := range fb.techs {
			if !slices.Contains(ev.have, t) {
				ev.have = append(ev.have, t)
			}
		}
		allowed = append(allowed, f)
	}
	ev.raw = strings.Join(allowed, "\n")
	ev.allowed = wording.Lower(ev.raw)
	if extra := expansionText(ev.allowed); extra != "" {
		ev.allowed += extra
		for _, t := range parseBullet(b.v, extra).techs {
			if !slices.Contains(ev.have, t) {
				ev.have = append(ev.have, t)
			}
		}
	}
	toks := b.lowerTokens()
	ev.contentWords = contentWords(toks)
	if len(facts) > 0 {
		toks = wording.LowerTokens(ev.raw) // the bullet's and the facts'
	}
	ev.improved = hasCue(toks, rules().improved)
	ev.roleLicensed = slices.ContainsFunc(rules().data.Honesty.RoleLicenses, func(l string) bool { return hasPhrase(ev.allowed, l) })
	return ev
}

// check returns every violation of rewritten (see Guard.Check).
func (ev *evidence) check(rewritten string) []Violation {
	text := strings.TrimSpace(rewritten)
	if text == "" {
		return []Violation{{Rule: RuleEmpty, Message: "the rewrite is empty; reply with the rewritten bullet"}}
	}
	rw := parseBullet(ev.bullet.v, text)
	var out []Violation
	if n := lineBreaks(text); n > 0 {
		out = append(out, Violation{RuleMultiline, fmt.Sprintf("the rewrite spans %d lines; reply with one line", n+1)})
	}
	if p := preamble(text); p != "" {
		out = append(out, Violation{RulePreamble, p})
	} else if m := markup(ev.bullet, rw); m != "" {
		out = append(out, Violation{RulePreamble, m})
	}
	if words, limit := wording.CountWords(text), wording.CountWords(ev.bullet.body)+tooLongSlack; (words > MaxWords || len(text) > MaxChars) && words > limit {
		out = append(out, Violation{RuleTooLong, fmt.Sprintf("the rewrite has %d words and %d characters; keep it under %d words", words, len(text), max(MaxWords, limit))})
	}
	out = append(out, ev.claims(text, rw)...)
	out = append(out, droppedContent(ev.contentWords, rw.lower)...)
	for _, w := range rw.analyze().Weaknesses {
		switch w.Code {
		case WeakOpener:
			out = append(out, Violation{RuleWeakOpener, fmt.Sprintf("the rewrite opens with the weak phrase %q; start with a strong past-tense verb", text[w.Start:w.End])})
		case Pronoun:
			out = append(out, Violation{RulePronoun, fmt.Sprintf("the rewrite uses the pronoun %q; leave pronouns out", text[w.Start:w.End])})
		}
	}
	return out
}

// tooLongSlack is how many words a rewrite may add to a bullet that is already long.
const tooLongSlack = 10

// lineBreaks counts the line breaks of s: \n, \r, \r\n (one break), \v, \f, NEL,
// and the Unicode line and paragraph separators.
func lineBreaks(s string) int {
	n := 0
	for i, r := range s {
		switch r {
		case '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				n++
			}
		case '\n', '\v', '\f', '\u0085', '\u2028', '\u2029':
			n++
		}
	}
	return n
}

// markup says why the rewrite rw carries formatting a resume line cannot show, or
// returns "".
func markup(b, rw *bullet) string {
	if rw.start > 0 {
		return fmt.Sprintf("the rewrite starts with the list marker %q; reply with the bullet text only", strings.TrimSpace(rw.raw[:rw.start]))
	}
	for _, e := range rules().data.Guard.Emphasis {
		if strings.Contains(rw.raw, e) && !strings.Contains(b.body, e) {
			return fmt.Sprintf("the rewrite uses the Markdown emphasis %q; reply with plain text", e)
		}
	}
	return ""
}

// preamble says why text starts with talk about itself, or returns "".
func preamble(text string) string {
	lower := wording.Lower(text)
	gd := rules().data.Guard
	for _, p := range gd.Preambles {
		if strings.HasPrefix(lower, p) {
			return fmt.Sprintf("the rewrite starts with the preamble %q; reply with the bullet only", text[:len(p)])
		}
	}
	if i := strings.IndexByte(lower, ':'); i > 0 && i < 40 {
		label := lower[:i]
		for _, w := range gd.LabelWords {
			if strings.Contains(label, w) {
				return fmt.Sprintf("the rewrite starts with the label %q; reply with the bullet only", text[:i+1])
			}
		}
	}
	for _, q := range gd.Quotes {
		if len(text) > 2*len(q[0]) && strings.HasPrefix(text, q[0]) && strings.HasSuffix(text, q[1]) {
			return "the rewrite is wrapped in quotes; reply with the bullet only"
		}
	}
	return ""
}

// claims returns the violations of what the rewrite text (parsed as rw) claims: its
// numbers and technologies, and the honesty rules.
func (ev *evidence) claims(text string, rw *bullet) []Violation {
	return append(ev.factViolations(rw), ev.honesty(text, rw)...)
}

// factViolations checks the numbers and technologies of the rewrite dst: nothing new, nothing
// of the bullet missing.
func (ev *evidence) factViolations(dst *bullet) []Violation {
	var out []Violation
	src := ev.bullet

	// Numbers.
	for _, c := range dst.claims {
		if findClaim(src.claims, c) || slices.ContainsFunc(ev.facts, func(f *bullet) bool { return findClaim(f.claims, c) }) || gluedVersion(dst, c, ev.allowed) {
			continue // "Java 11" for "Java11" is the same version
		}
		out = append(out, Violation{RuleInventedNumber, fmt.Sprintf("the number %q is not in the bullet or the facts; remove it or use a placeholder such as [X%%] or [N]", c.text(dst.raw))})
	}
	for _, c := range src.claims {
		if !findClaim(dst.claims, c) {
			out = append(out, Violation{RuleDroppedNumber, fmt.Sprintf("the number %q from the bullet is missing; keep it", c.text(src.raw))})
		}
	}

	// Technologies of the catalog, compared by canonical term.
	for _, t := range dst.techs {
		if slices.Contains(ev.have, t) || src.v.writtenFold(ev.allowed, t) || src.v.fixedTypo(ev.allowed, t) {
			continue // "kubermetes" spelled right is Kubernetes
		}
		msg := fmt.Sprintf("the technology %q is not in the bullet or the facts; remove it", t)
		if containsFold(ev.jobKeywords, t) {
			msg = fmt.Sprintf("the job keyword %q is not evidenced by the bullet or the facts; remove it", t)
		}
		out = append(out, Violation{RuleInventedTechnology, msg})
	}
	var dstExtra []string // the technologies of the rewrite's other forms ("ELK" for the three)
	dstExpanded := expansionText(dst.lower)
	if extra := dstExpanded; extra != "" {
		dstExtra = parseBullet(src.v, extra).techs
	}
	for _, t := range src.techs {
		if !slices.Contains(dst.techs, t) && !slices.Contains(dstExtra, t) {
			out = append(out, Violation{RuleDroppedTechnology, fmt.Sprintf("the technology %q from the bullet is missing; keep it (any spelling)", t)})
		}
	}

	// Capitalised names the catalog does not know ("Stripe", "iOS", "EXPLAIN").
	for _, n := range dst.names(true) {
		if !containsName(ev.allowed, n) {
			out = append(out, Violation{RuleInventedTechnology, fmt.Sprintf("the name %q is not in the bullet or the facts; remove it", n)})
		}
	}
	dstForms := dst.lower + dstExpanded + "\n" + unglued(dst.lower)
	for _, n := range src.names(false) {
		if !containsName(dstForms, n) {
			out = append(out, Violation{RuleDroppedTechnology, fmt.Sprintf("the name %q from the bullet is missing; keep it", n)})
		}
	}
	return out
}

func findClaim(cs []claim, c claim) bool {
	for _, x := range cs {
		if x.same(c) {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(strings.TrimSpace(x), s) {
			return true
		}
	}
	return false
}

// containsName reports whether the lowercase text contains the name, allowing a
// plural or possessive on either side ("API" in "APIs", "TTLs" for "TTL").
func containsName(lower, name string) bool {
	n := wording.Lower(name)
	if strings.Contains(lower, n) {
		return true
	}
	n = strings.TrimSuffix(strings.TrimSuffix(n, "'s"), "s")
	return len(n) >= 2 && strings.Contains(lower, n)
}

// names returns the capitalised words of a parsed text that are not sentence-initial,
// not catalog mentions, not inside a [placeholder], not on a word list and not common
// words. In a rewrite
// only the first word is sentence-initial for sure: a capitalised word after a full
// stop counts as one only if it is a verb or an ordinary opener ("Cut", "The"), so a
// new sentence cannot smuggle in a name.
func (b *bullet) names(rewrite bool) []string {
	gd := rules().data.Guard
	var out []string
	// Not names: catalog mentions, [placeholders], and the pronouns, filler and
	// buzzwords of the word lists (the rules drop those, in any case).
	var skip []wording.Span
	for _, m := range b.mentions {
		skip = append(skip, wording.Span{Start: m.Start, End: m.End})
	}
	skip = append(skip, wording.Brackets(b.raw)...)
	b.phrases(func(_ phrase, s wording.Span) { skip = append(skip, s) })
	for i, t := range b.toks {
		if slices.ContainsFunc(skip, func(s wording.Span) bool { return s.Start < t.End && t.Start < s.End }) {
			continue
		}
		word := b.raw[t.Start:t.End]
		if len(word) < 2 || wording.IsDigit(word[0]) || !wording.HasUpper(word) || gd.CommonCaps[b.tok(i)] || t.Start <= b.start || i == 0 && !rewrite {
			continue
		}
		if first, start := sentenceStart(b.raw[b.start:], t.Start-b.start); first || start && (!rewrite || gd.SentenceOpeners[b.tok(i)] || isVerbForm(b.tok(i))) {
			continue
		}
		if !slices.Contains(out, word) {
			out = append(out, word)
		}
	}
	return out
}

// sentenceStart reports whether position i starts the text (first) or a later sentence
// (start): only spaces, quotes and opening parentheses since the start of the text or a
// full stop, exclamation or question mark. A colon or semicolon continues a sentence.
func sentenceStart(s string, i int) (first, start bool) {
	j := i
	for j > 0 && (s[j-1] == ' ' || s[j-1] == '"' || s[j-1] == '(' || s[j-1] == '\'') {
		j--
	}
	if j == 0 {
		return true, true
	}
	switch s[j-1] {
	case '.', '!', '?':
		return false, true
	}
	return false, false
}

// droppedContent fires when most of the bullet's content words are gone: the rewrite
// describes something else (for example after an instruction hidden in the bullet).
func droppedContent(words []string, lower string) []Violation {
	if len(words) < 3 {
		return nil
	}
	kept := 0
	for _, w := range words {
		if strings.Contains(lower, w) {
			kept++
		}
	}
	if kept*3 < len(words) {
		return []Violation{{RuleDroppedContent, fmt.Sprintf("the rewrite keeps only %d of the bullet's %d content words; rewrite the same work, do not replace it", kept, len(words))}}
	}
	return nil
}

// contentWords returns the distinct stems (first five letters) of the lowercase tokens
// that are at least four letters long and carry meaning.
func contentWords(lowerTokens []string) []string {
	var out []string
	r := rules()
	for _, w := range lowerTokens {
		if len(w) < 4 || r.data.Guard.StopWords[w] || r.strong[w] || r.neutral[w] || wording.IsDigit(w[0]) {
			continue
		}
		if ps := r.byFirst[w]; len(ps) > 0 && len(ps[len(ps)-1].tokens) == 1 {
			continue // a weak, filler, buzzword or pronoun word
		}
		if len(w) > 5 {
			w = w[:5]
		}
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}
