package bullets

import (
	"fmt"
	"strings"

	"github.com/resumekit/resumekit/internal/wording"
)

// ruleRewrite is the outcome of the rule-based rewriter for one bullet.
type ruleRewrite struct {
	text      string
	questions []string
	// reverted is why the rewrite was abandoned for the original text, "" if it was not.
	reverted string
}

// ruleStep is one step of the rule-based rewriter: it takes the text so far (the
// bullet's body without its final full stop) and returns it rewritten.
type ruleStep func(v *vocab, s string) string

// ruleSteps returns the rewriter's steps, in order (a new slice: a test may add a
// step of its own).
func ruleSteps() []ruleStep {
	return []ruleStep{dropLeadingSubject, activeVoice, replaceOpener, cleanPhrases, tidyCase}
}

// rewriteRules rewrites a bullet without a model: a strong verb for a weak opener,
// active voice for a simple passive, no pronouns, filler or buzzwords, and a visible
// placeholder with a question where no metric exists. Every number and technology of
// the input is kept: should the rules change a fact (a case they do not foresee), the
// result keeps the original words, still asks the questions and says why in reverted.
// A line without weaknesses comes back unchanged (without its list marker and outer
// spaces).
func rewriteRules(b *bullet, a Analysis) ruleRewrite {
	return revertFactChanges(b, applyRules(b, a, ruleSteps()))
}

// revertFactChanges is the safety net: a rule rewrite that changed a fact of b gives
// way to the original words. It hides the faulty rule from the result, so tests of
// the rules check applyRules' output instead.
func revertFactChanges(b *bullet, out ruleRewrite) ruleRewrite {
	if vs := ruleFactViolations(b, out.text); len(vs) > 0 {
		out.text = b.body
		out.reverted = "the rule-based rewrite would have changed a fact (" + vs[0].Message + "); kept the original wording"
	}
	return out
}

// ruleFactViolations are the guard's number and technology violations of a rule
// rewrite of b: the rules get no facts from the caller, so only the bullet counts.
func ruleFactViolations(b *bullet, text string) []Violation {
	return bulletEvidence(b, nil, nil).factViolations(parseBullet(b.v, text))
}

// applyRules runs steps over the body of b and adds the metric placeholder and the
// questions, without the revert: FuzzRewriteRules checks this output, so a rule that
// changes a fact fails it even though rewriteRules would hide the change.
func applyRules(b *bullet, a Analysis, steps []ruleStep) ruleRewrite {
	if len(a.Weaknesses) == 0 || b.body == "" {
		return ruleRewrite{text: b.body}
	}
	body, end := b.body, ""
	if strings.HasSuffix(body, ".") {
		body, end = strings.TrimRight(body, ". "), "."
	}
	for _, step := range steps {
		body = step(b.v, body)
	}

	var out ruleRewrite
	bl := parseBullet(b.v, body)
	if !hasMetric(bl.claims) {
		verb, _ := splitWord(body)
		m := chooseMetric(bl, verb, hasCue(b.lowerTokens(), rules().improved))
		switch {
		case m.Clause == "":
			// Nothing the bullet states licenses a clause: only the question.
		case strings.HasPrefix(m.Clause, "by "):
			body = strings.TrimRight(body, ",;: ") + " " + m.Clause // "Improved build times by [X%]"
		default:
			body = strings.TrimRight(body, ",;: ") + ", " + m.Clause
		}
		out.questions = append(out.questions, m.Question)
	}
	if a.Has(NoTechnology) {
		out.questions = append(out.questions, technologyQuestion(bl))
	}
	out.text = body + end
	if out.text == b.body+end && end != "" {
		out.text = b.body
	}
	return out
}

// dropLeadingSubject removes a leading subject pronoun: "I built" → "built".
func dropLeadingSubject(_ *vocab, s string) string {
	if w, rest, ok := strings.Cut(s, " "); ok && rest != "" && rules().data.Analysis.Subjects[wording.Lower(w)] {
		return strings.TrimSpace(rest)
	}
	return s
}

// activeVoice turns a simple passive at the start of a bullet active: "APIs were built
// by me for the app" → "Built APIs for the app". A passive with another agent ("by the
// team") or after a clause is left alone.
func activeVoice(v *vocab, s string) string {
	bl := parseBullet(v, s)
	ps := bl.passives()
	if len(ps) == 0 {
		return s
	}
	p := ps[0]
	subject := strings.TrimSpace(s[:p.Start])
	if subject == "" || strings.ContainsAny(subject, ",;:()—–") || wording.CountWords(subject) > 6 {
		return s
	}
	for _, aux := range rules().data.Rewrite.PerfectAuxiliaries {
		if strings.HasSuffix(wording.Lower(subject), " "+aux) {
			subject = strings.TrimSpace(subject[:len(subject)-len(aux)-1])
		}
	}
	// The tokens of the passive: aux, optional adverb, participle, optional "by me".
	var toks []string
	for _, t := range wording.Tokenize(nil, s[p.Start:p.End]) {
		toks = append(toks, s[p.Start+t.Start:p.Start+t.End])
	}
	rest := s[p.End:]
	if r := strings.TrimSpace(wording.Lower(rest)); strings.HasPrefix(r, rules().data.Analysis.PassiveAgent+" ") {
		return s // someone else did it
	}
	adverb := ""
	i := 1
	if len(toks) > 2 && strings.HasSuffix(wording.Lower(toks[1]), "ly") {
		adverb = toks[1]
		i = 2
	}
	verb := wording.Lower(toks[i])
	if p, ok := rules().data.Participles[verb]; ok {
		verb = p
	}
	subject = lowerFirstIfCommon(possessiveToThe(subject))
	out := verb + " " + subject + rest
	if adverb != "" {
		out = wording.Lower(adverb) + " " + out
	}
	return out
}

// possessiveToThe replaces a leading possessive pronoun with its replacement: "Our
// API" → "the API".
func possessiveToThe(s string) string {
	if w, rest, ok := strings.Cut(s, " "); ok {
		if rep, ok := rules().data.Rewrite.PronounReplacements[wording.Lower(w)]; ok {
			return rep + " " + rest
		}
	}
	return s
}

// replaceOpener replaces a weak (or overused) opening verb with a strong one that
// fits the object.
func replaceOpener(v *vocab, s string) string {
	bl := parseBullet(v, s)
	if len(bl.toks) == 0 || bl.toks[0].Start > bl.start {
		return s // nothing, or emphasis or a quote before the opener that moving it would break
	}
	rd := rules().data.Rewrite
	p, end, ok := bl.matchPhrase(0, kindWeak)
	if !ok {
		p, end, ok = bl.matchPhrase(0, kindOverused)
		if !ok || !rd.Openers["use"][p.text] {
			return s
		}
	}
	in := func(group string) bool { return rd.Openers[group][p.text] }
	rest := strings.TrimSpace(s[bl.toks[end-1].End:])
	lrest := wording.Lower(rest)
	if next, _, ok := strings.Cut(lrest, " "); rest == "" || ok && rd.KeepOpeners[p.text][next] {
		return s // "Used to ...", "Used by 40K users"
	}
	first, after := splitWord(rest)
	lfirst := verbWord(first)
	if in("part") || in("team") {
		// "Was part of the team that moved X", "Worked on a team of 5 building X" →
		// "Moved X with the team", "Built X with a team of 5": the action, and that it
		// was shared, never that the person formed the team.
		if out, ok := teamWork(rest); ok {
			return out
		}
		if _, ok := teamLead(rest); ok && !in("part") {
			return rd.OpenerVerbs["part"] + " " + rest
		}
	}
	verb := rd.OpenerVerbs
	switch {
	case in("part"):
		return verb["part"] + " " + strings.TrimPrefix(rest, rd.PartDrop+" ")
	case in("use"):
		return useRewrite(rest)
	case in("help") && isKnownVerb(lfirst):
		return past(lfirst) + after
	case isGerund(lfirst) && !in("share"):
		return past(gerundBase(lfirst)) + coordinateGerunds(after)
	case in("help"), in("share"):
		return verb[groupOf(p.text, "help", "share")] + " " + rest
	case in("own"):
		return nominal(rest, verb["own"])
	case in("do"):
		for n, v := range rd.Nominalizations {
			if strings.HasPrefix(rest, n+" ") {
				return v + " " + rest[len(n)+1:]
			}
		}
		return nominal(rest, verb["do"])
	}
	return nominal(rest, rules().data.DefaultVerb) // "worked on"
}

// groupOf returns the first of the opener groups that holds the phrase text.
func groupOf(text string, groups ...string) string {
	for _, g := range groups {
		if rules().data.Rewrite.Openers[g][text] {
			return g
		}
	}
	return ""
}

// teamLead returns the length of a leading team phrase of s ("the team "). The rules
// read structure words such as this one, "for" and "to" only as written in lower case:
// capitalised inside a sentence, a word may be a name the rewrite must keep.
func teamLead(s string) (int, bool) {
	for _, lead := range rules().data.Rewrite.TeamLeads {
		if strings.HasPrefix(s, lead+" ") {
			return len(lead) + 1, true
		}
	}
	return 0, false
}

// teamWork rewrites a team and what it did as the action done with the team: "the
// team that moved X" → "moved X with the team", "a team of 5 building X" → "built X
// with a team of 5". ok is false when rest does not say what the team did.
func teamWork(rest string) (string, bool) {
	pos, ok := teamLead(rest)
	if !ok {
		return "", false
	}
	if strings.HasPrefix(rest[pos:], "of ") {
		// "of 5", "of five engineers": up to three words before the action.
		pos += len("of ")
		for n := 0; n < 3 && pos < len(rest); n++ {
			w, _ := splitWord(rest[pos:])
			if lw := wording.Lower(w); w == "" || isGerund(lw) || rules().data.Rewrite.Relatives[lw] {
				break
			}
			pos += len(w)
			if pos < len(rest) && rest[pos] == ' ' {
				pos++
			}
		}
	}
	team := lowerFirstIfCommon(strings.TrimRight(rest[:pos], " ,"))
	w, after := splitWord(rest[pos:])
	if rules().data.Rewrite.Relatives[w] {
		w, after = splitWord(strings.TrimLeft(after, " "))
		lw := verbWord(w)
		switch {
		case strings.HasSuffix(lw, "ed"):
			return lw + after + " with " + team, true
		case isKnownVerb(lw):
			return past(lw) + after + " with " + team, true
		}
		return "", false
	}
	if lw := verbWord(w); isGerund(lw) {
		return past(gerundBase(lw)) + coordinateGerunds(after) + " with " + team, true
	}
	return "", false
}

// verbWord returns w when the rules may read it as a verb, "" when not: a word
// capitalised inside a sentence may be a name ("for Streaming"), which a verb form
// would lose.
func verbWord(w string) string {
	if wording.HasUpper(w) {
		return ""
	}
	return w
}

// splitWord splits s into its first word and the rest (with its leading space).
func splitWord(s string) (string, string) {
	i := strings.IndexAny(s, " ,;:")
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// useRewrite turns "Used X to improve Y" into "Improved Y with X" and "Used X for Y"
// into "Built Y with X".
func useRewrite(rest string) string {
	if i := strings.Index(rest, " to "); i > 0 {
		w, after := splitWord(rest[i+4:])
		if lw := verbWord(w); isKnownVerb(lw) {
			return past(lw) + strings.TrimRight(after, " ") + " with " + rest[:i]
		}
	}
	if i := strings.Index(rest, " for "); i > 0 {
		x, y := rest[:i], rest[i+5:]
		w, after := splitWord(y)
		if lw := verbWord(w); isGerund(lw) {
			return past(gerundBase(lw)) + after + " with " + x
		}
		return objectVerb(y+" "+x, rules().data.DefaultVerb) + " " + y + " with " + x
	}
	return rules().data.Rewrite.OpenerVerbs["use"] + " " + rest
}

// nominal puts a verb that fits the object before a noun phrase: "the login flow" →
// "Secured the login flow". Only the head of the phrase chooses the verb: in "backend
// features using code reviews", the features were built, not tested. When the head
// already names the action ("the Kubernetes migration"), the verb is "Delivered".
func nominal(rest, fallback string) string {
	head := headPhrase(rest)
	verb := objectVerb(head, fallback)
	if stem := wording.Lower(verb); len(stem) > 6 {
		stem = stem[:len(stem)-3]
		for _, w := range wording.LowerTokens(head) {
			if strings.HasPrefix(w, stem) {
				verb = rules().data.Rewrite.ActionHeadVerb
				break
			}
		}
	}
	return verb + " " + rest
}

// headPhrase returns the head noun phrase of s: s up to the first comma or
// preposition that starts a modifier.
func headPhrase(s string) string {
	lower := wording.Lower(s)
	end := len(s)
	if i := strings.IndexByte(lower, ','); i >= 0 {
		end = i
	}
	for _, w := range rules().data.Rewrite.HeadEnds {
		if i := strings.Index(lower, " "+w+" "); i >= 0 && i < end {
			end = i
		}
	}
	return s[:end]
}

// objectVerb picks the verb whose cues appear in text, or fallback.
func objectVerb(text, fallback string) string {
	toks := wording.LowerTokens(text)
	r := rules()
	for _, cs := range r.verbCues {
		if hasCue(toks, cs.cues) {
			return r.data.Verbs[cs.index].Verb
		}
	}
	return fallback
}

func hasCue(toks []string, cues [][]string) bool {
	for i := range toks {
		for _, c := range cues {
			if i+len(c) > len(toks) {
				continue
			}
			ok := true
			for j := range c {
				if toks[i+j] != c[j] {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// coordinateGerunds turns gerunds joined by "and" into past tense: "building X and
// running Y" → "built X and ran Y" (the first gerund is done by the caller).
func coordinateGerunds(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, " and ")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i+5])
		s = s[i+5:]
		w, after := splitWord(s)
		if lw := verbWord(w); isGerund(lw) {
			b.WriteString(past(gerundBase(lw)))
			s = after
		}
	}
}

// cleanPhrases drops pronouns, filler and buzzwords (or puts the plain word in their
// place).
func cleanPhrases(v *vocab, s string) string {
	bl := parseBullet(v, s)
	var b strings.Builder
	last := 0
	r := rules()
	rd := r.data.Rewrite
	bl.phrases(func(p phrase, sp wording.Span) {
		word := wording.Lower(s[sp.Start:sp.End])
		rep := p.replace
		switch p.kind {
		case kindFiller:
			if sp.Start < last {
				return
			}
			if rd.ListEnders[p.text] {
				// "code reviews, unit tests, etc." → "code reviews and unit tests".
				written := joinLastItem(b.String() + s[last:sp.Start])
				b.Reset()
				b.WriteString(written)
				last = sp.End
				return
			}
			if rep == "" && rd.ListLeads[p.tokens[0]] {
				// "using best practices, code reviews, unit tests": the list stays, with
				// the preposition.
				if after := strings.TrimLeft(s[sp.End:], " "); strings.HasPrefix(after, ",") {
					next, _ := splitWord(strings.TrimLeft(after[1:], " "))
					if ln := wording.Lower(next); ln != "" && !isGerund(ln) && !strings.HasSuffix(ln, "ed") && !r.strong[ln] && !r.neutral[ln] {
						rep = rd.ListLeadReplacement
						sp.End = len(s) - len(after) + 1
					}
				}
			}
		case kindPronoun:
			if with, ok := rd.PronounReplacements[word]; ok {
				rep = with
			} else if rd.ObjectPronouns[word] {
				// "by me", "with us": the preposition goes too.
				before := strings.TrimRight(s[last:sp.Start], " ")
				for _, prep := range rd.ObjectPrepositions {
					if strings.HasSuffix(wording.Lower(before), " "+prep) {
						sp.Start = last + len(before) - len(prep)
						break
					}
				}
			}
		}
		if sp.Start < last || rep == "" && betweenNumberAndUnit(s, sp) {
			return
		}
		b.WriteString(s[last:sp.Start])
		if sp.Start == 0 {
			rep = wording.UpperFirst(rep)
		}
		b.WriteString(rep)
		last = sp.End
	})
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// betweenNumberAndUnit reports whether the phrase at sp of s sits between a number
// and a unit word: dropping it would make "3 I X" read "3 X", a ratio.
func betweenNumberAndUnit(s string, sp wording.Span) bool {
	before := strings.TrimRight(s[:sp.Start], " ")
	if before == "" || !wording.IsDigit(before[len(before)-1]) {
		return false
	}
	after := strings.TrimLeft(s[sp.End:], " ")
	end := 0
	for end < len(after) && (wording.IsLetter(after[end]) || after[end] == '%') {
		end++
	}
	_, ok := rules().data.Numbers.Units[wording.Lower(after[:end])]
	return ok || strings.HasPrefix(after, "×")
}

// joinLastItem joins the last two items of a comma-separated list at the end of s
// with "and": "Docker, Kubernetes, Helm " → "Docker, Kubernetes and Helm ".
func joinLastItem(s string) string {
	t := strings.TrimRight(s, ", ")
	i := strings.LastIndex(t, ", ")
	if i < 0 {
		return s
	}
	if item := t[i+2:]; strings.Contains(item, " and ") || strings.Contains(item, " or ") {
		return t + " "
	}
	return t[:i] + " and " + t[i+2:] + " "
}

// tidyCase is the last step: it repairs what the removals left behind and starts the
// text with a capital letter. Both are cosmetic, so each is done only if the guard sees
// no fact change in it: capitalising "go live" would name Go, "a-0" would become an
// identifier, and tidying "0 ) 1" would make "0) " a list marker.
func tidyCase(v *vocab, s string) string {
	tidied, squashed := tidy(s), wording.Squash(s)
	up := wording.UpperFirst(tidied)
	if up == squashed {
		return up // only white space changed, which changes no fact
	}
	ev := bulletEvidence(parseBullet(v, s), nil, nil)
	for _, t := range [...]string{up, tidied, squashed} {
		if len(ev.factViolations(parseBullet(v, t))) == 0 {
			return t
		}
	}
	return s
}

// replaceUnlessJoined replaces every old in s by new, except where old ends in a mark
// that something other than a space follows: the space before a full stop goes in
// "built it ." but not in "0 .10", "S3 .A" or "go test ./...", where it would change
// what the words say.
func replaceUnlessJoined(s, old, new string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(old)
		if old[len(old)-1] != ' ' && end < len(s) && s[end] != ' ' {
			b.WriteString(s[:end])
		} else {
			b.WriteString(s[:i] + new)
		}
		s = s[end:]
	}
}

// tidy repairs the spacing and punctuation that removals leave behind.
func tidy(s string) string {
	s = wording.Squash(s)
	for _, r := range rules().data.Rewrite.Tidy {
		s = replaceUnlessJoined(s, r[0], r[1])
	}
	s = wording.Squash(s)
	for {
		t := strings.TrimRight(s, ",;: ")
		t = strings.TrimSuffix(t, " and")
		t = strings.TrimSuffix(t, " or")
		if t == s {
			break
		}
		s = t
	}
	return strings.TrimLeft(s, ",;: ")
}

// chooseMetric picks the placeholder clause whose cues fit the bullet, skipping those
// that echo the bullet's verb ("Moved ..., moving [N] records") and, unless improved
// (the original bullet says its work improved something), those that claim an outcome.
// When even the default echoes it, the clause is "by [X%]": "Improved build times by
// [X%]". With no clause the bullet licenses, the default's clause is empty and only its
// question remains: a bullet that states no improvement is not given one.
func chooseMetric(bl *bullet, verb string, improved bool) metricRule {
	toks := bl.lowerTokens()
	r := rules()
	for _, cs := range r.metrics {
		m := r.data.Metrics[cs.index]
		if (improved || !m.Outcome) && hasCue(toks, cs.cues) && !echoes(m.Clause, verb) {
			return m
		}
	}
	m := r.data.DefaultMetric
	switch {
	case m.Outcome && !improved:
		m.Clause = ""
	case echoes(m.Clause, verb):
		m.Clause = "by " + m.Placeholder
	}
	return m
}

// echoes reports whether a metric clause opens with a gerund of verb, a past tense:
// "moving [N] records" echoes "Moved".
func echoes(clause, verb string) bool {
	w, _ := splitWord(clause)
	return isGerund(w) && past(gerundBase(w)) == wording.Lower(verb)
}

// technologyQuestion asks which technology the work used, suggesting the specific
// keywords behind a generic term the bullet uses ("database" → PostgreSQL or MySQL).
func technologyQuestion(bl *bullet) string {
	for _, m := range bl.mentions {
		if specific := bl.v.specific[m.Term]; m.Generic && len(specific) > 0 {
			return fmt.Sprintf("Which specific technology did you use for %q (for example %s)?", bl.raw[m.Start:m.End], wording.List(specific, 3, "or"))
		}
	}
	return "Which language, framework, database or tool did you use for this?"
}

// lowerFirstIfCommon lowercases the first letter of s when the first word is an
// ordinary word ("The billing service" → "the billing service") and leaves names and
// acronyms ("APIs", "Kafka") alone.
func lowerFirstIfCommon(s string) string {
	end := strings.IndexAny(s, " ,;")
	if end < 0 {
		end = len(s)
	}
	if rules().data.Rewrite.CommonStarts[strings.ToLower(s[:end])] {
		return strings.ToLower(s[:1]) + s[1:]
	}
	return s
}
