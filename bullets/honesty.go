package bullets

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resumekit/resumekit/internal/wording"
)

// The rules of an honest rewrite that the Guard enforces beyond numbers and
// technologies; a Violation names one.
const (
	// RuleUnlicensedRole: a leadership or ownership verb (led, owned, architected,
	// managed, ...) that the bullet does not license by saying led, owned, managed or
	// responsible for.
	RuleUnlicensedRole = "unlicensed-role"
	// RuleUnlicensedScope: a scope word the bullet does not say (company-wide, from
	// scratch, end to end, entire, all, ...).
	RuleUnlicensedScope = "unlicensed-scope"
	// RuleUnlicensedOutcome: an outcome claim (improving, reducing, boosting revenue,
	// ...) when the bullet does not say its work improved something, or a metric name
	// (p95, MTTR) the bullet does not state.
	RuleUnlicensedOutcome = "unlicensed-outcome"
	// RuleNewConcepts: more than one named technique or concept (idempotency keys,
	// sagas, exactly-once, ...) that the bullet does not name.
	RuleNewConcepts = "new-concepts"
	// RuleHiddenText: characters a reader cannot see or would misread: zero-width,
	// bidirectional and other control or format characters, and words that mix scripts
	// (a Cyrillic "е" in "Kubernetes").
	RuleHiddenText = "hidden-text"
	// RuleMarkup: HTML tags, comments or entities the bullet does not have.
	RuleMarkup = "markup"
)

// markupRE finds HTML tags, comments and entities.
var markupRE = regexp.MustCompile(`</?[a-zA-Z][^>]*>|<!--|&#?[a-zA-Z0-9]{2,8};`)

// percentileRE finds percentile metric names: p95, P99, p99.9.
var percentileRE = regexp.MustCompile(`\bp\d{2,3}(\.\d)?\b`)

// honesty returns the violations of the honesty rules by the rewrite text (parsed as
// rw): what it claims beyond the bullet and the facts, and what a reader would not
// see.
func (ev *evidence) honesty(text string, rw *bullet) []Violation {
	hd := &rules().data.Honesty
	var out []Violation
	add := func(rule, format string, args ...any) {
		out = append(out, Violation{Rule: rule, Message: fmt.Sprintf(format, args...)})
	}
	ascii := wording.IsASCII(text)
	if c, ok := hiddenChar(text, ev.raw); ok {
		add(RuleHiddenText, "the rewrite holds the invisible or control character %U; write plain text", c)
	}
	if !ascii {
		if w := mixedScriptWord(text); w != "" {
			add(RuleHiddenText, "the word %q mixes letters of different scripts; write it in one script", w)
		}
	}
	if strings.ContainsAny(text, "<&") {
		for _, m := range markupRE.FindAllString(text, -1) {
			if !strings.Contains(ev.raw, m) {
				add(RuleMarkup, "the rewrite holds the markup %q; reply with plain text", m)
				break
			}
		}
	}
	for _, r := range text {
		if ascii {
			break // only other scripts have other digits
		}
		if r > unicode.MaxASCII && unicode.IsNumber(r) && !strings.ContainsRune(ev.raw, r) {
			add(RuleInventedNumber, "the number %q is not in the bullet or the facts; write numbers the way the bullet does", string(r))
			break
		}
	}
	for _, p := range hd.TimeClaims {
		if hasPhrase(rw.lower, p) && !hasPhrase(ev.allowed, p) {
			add(RuleInventedNumber, "%q states a duration the bullet does not; remove it or use a placeholder", p)
		}
	}

	toks := rw.lowerTokens()
	licensed := ev.roleLicensed
	for _, w := range toks {
		if hd.RoleVerbs[w] && !licensed && !hasPhrase(ev.allowed, w) {
			add(RuleUnlicensedRole, "%q claims a bigger part than the bullet states; keep the person's part (\"Contributed to\", \"with the team\")", w)
			break
		}
	}
	for _, s := range hd.ScopeWords {
		if hasPhrase(rw.lower, s) && !hasPhrase(ev.allowed, s) {
			add(RuleUnlicensedScope, "the bullet does not say %q; remove it", s)
		}
	}
	if !ev.improved {
		for _, w := range toks {
			if hd.OutcomeWords[w] && !hasPhrase(ev.allowed, w) {
				add(RuleUnlicensedOutcome, "the bullet does not say the work improved anything, so %q claims an outcome it does not state; describe the work and ask for the result", w)
				break
			}
		}
	}
	for _, w := range toks {
		if (hd.MetricNames[w] || w[0] == 'p' && len(w) > 2 && wording.IsDigit(w[1]) && percentileRE.MatchString(w)) && !hasPhrase(ev.allowed, w) {
			add(RuleUnlicensedOutcome, "the metric %q is not in the bullet or the facts; remove it or ask for it", w)
			break
		}
	}
	var concepts []string
	for _, c := range hd.Concepts {
		if hasPhrase(rw.lower, c) && !hasPhrase(ev.allowed, c) && !slices.ContainsFunc(concepts, func(x string) bool { return strings.Contains(x, c) || strings.Contains(c, x) }) {
			concepts = append(concepts, c)
		}
	}
	if len(concepts) > hd.NewConceptsAllowed {
		add(RuleNewConcepts, "the rewrite names techniques the bullet does not (%s); keep to what the bullet says", strings.Join(concepts, ", "))
	}

	// Technologies written in a case the catalog's scan does not read ("rust",
	// "stripe") or by a short form ("pg", "kube").
	var named []string
	for i, t := range rw.toks {
		if hd.OrdinaryWords[toks[i]] {
			continue
		}
		for _, f := range rw.v.foldedBy[toks[i]] {
			if strings.HasPrefix(rw.lower[t.Start:], f.form) && wordAt(rw.lower, t.Start, t.Start+len(f.form)) &&
				!slices.Contains(named, f.term) && !slices.Contains(rw.techs, f.term) && !slices.Contains(ev.have, f.term) && !rw.v.writtenFold(ev.allowed, f.term) {
				named = append(named, f.term)
				add(RuleInventedTechnology, "the technology %q is not in the bullet or the facts; remove it", f.term)
			}
		}
	}
	for _, w := range toks {
		if term, ok := hd.ShortForms[w]; ok && !slices.Contains(ev.have, term) && !hasPhrase(ev.allowed, w) {
			add(RuleInventedTechnology, "%q names the technology %s, which is not in the bullet or the facts; remove it", w, term)
		}
	}

	// Length in characters: a single long token counts as one word.
	if len(text) > max(MaxChars, len(ev.bullet.body)+hd.TooLongCharSlack) {
		add(RuleTooLong, "the rewrite has %d characters; keep it under %d", len(text), max(MaxChars, len(ev.bullet.body)+hd.TooLongCharSlack))
	} else {
		for _, f := range strings.Fields(text) {
			if utf8.RuneCountInString(f) > hd.MaxTokenChars && !strings.Contains(ev.raw, f) {
				add(RuleTooLong, "the rewrite holds a %d-character word the bullet does not have; use ordinary words", utf8.RuneCountInString(f))
				break
			}
		}
	}
	return out
}

// hasPhrase reports whether lower holds phrase as whole words.
func hasPhrase(lower, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(lower[i:], phrase)
		if j < 0 {
			return false
		}
		if wordAt(lower, i+j, i+j+len(phrase)) {
			return true
		}
		i += j + 1
	}
}

// hiddenChar returns the first control or format character of text (other than
// ordinary white space) that evidence does not also hold.
func hiddenChar(text, evidence string) (rune, bool) {
	for _, r := range text {
		if (unicode.Is(unicode.Cf, r) || unicode.IsControl(r) && r != '\t') && !strings.ContainsRune(evidence, r) {
			return r, true
		}
	}
	return 0, false
}

// mixedScriptWord returns the first word of text that mixes Latin letters with
// letters of another script, or "".
func mixedScriptWord(text string) string {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		latin, other := false, false
		for _, r := range w {
			if unicode.Is(unicode.Latin, r) {
				latin = true
			} else {
				other = true
			}
		}
		if latin && other {
			return w
		}
	}
	return ""
}

// expansionText returns, for lower, the other forms of the short forms and
// expansions it holds ("dlq" → "dead-letter queue", "elasticsearch logstash kibana" →
// "elk"), so either evidences the other.
func expansionText(lower string) string {
	var b strings.Builder
	r := rules()
	for i, e := range r.data.Honesty.Expansions {
		if hasPhrase(lower, e[0]) {
			b.WriteString(" \n" + e[1])
		}
		if slices.IndexFunc(r.expansionWords[i], func(w string) bool { return !hasPhrase(lower, w) }) < 0 {
			b.WriteString(" \n" + e[0])
		}
	}
	return b.String()
}

// fixedTypo reports whether a token of lower (at least TypoMinLength letters) is
// within TypoMaxEdits edits of a lowercase form of term: "kubermetes" for Kubernetes.
func (v *vocab) fixedTypo(lower, term string) bool {
	hd := &rules().data.Honesty
	forms := append([]string{wording.Lower(term)}, v.folded[term]...)
	for _, t := range wording.LowerTokens(lower) {
		if len(t) < hd.TypoMinLength {
			continue
		}
		for _, f := range forms {
			if d := editDistance(t, f, hd.TypoMaxEdits); d > 0 && d <= hd.TypoMaxEdits {
				return true
			}
		}
	}
	return false
}

// editDistance returns the Levenshtein distance of a and b, or limit+1 when it is
// larger than limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// gluedVersion reports whether the number claim c of rw, written after a word ("Java
// 11"), is in lower glued to that word ("java11").
func gluedVersion(rw *bullet, c claim, lower string) bool {
	before := strings.TrimRight(rw.lower[:c.Start], " ")
	i := strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) })
	word := before[i+1:]
	return word != "" && before != rw.lower[:c.Start] && strings.Contains(lower, word+rw.lower[c.Start:c.End])
}

// unglued returns lower with the spaces between a word and a number taken out, so a
// name written "java11" in the bullet is found in "java 11".
func unglued(lower string) string {
	var b strings.Builder
	for i := 0; i < len(lower); i++ {
		if lower[i] == ' ' && i > 0 && i+1 < len(lower) && wording.IsLetter(lower[i-1]) && wording.IsDigit(lower[i+1]) {
			continue
		}
		b.WriteByte(lower[i])
	}
	return b.String()
}
