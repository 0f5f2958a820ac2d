package bullets

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

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
// bullet's body without its final full stop and outer emphasis) and returns it
// rewritten.
type ruleStep func(v *vocab, s string) string

// ruleSteps returns the rewriter's steps, in order (a new slice: a test may add a
// step of its own).
func ruleSteps() []ruleStep {
	return []ruleStep{dropLeadingSubject, activeVoice, replaceOpener, cleanPhrases, tidyCase}
}

// rewriteRules rewrites a bullet without a model, saying only what the bullet and the
// caller's facts say: a stronger verb for a weak opener that keeps the person's part
// (helped → "Contributed to", never "Led"), active voice for a simple passive, no
// pronouns, filler or buzzwords, the job's spelling of a technology the bullet names,
// and where no metric exists a scope placeholder in the unit of the thing the bullet
// names (a service serves requests) or, only when the bullet says its work improved
// something, an outcome placeholder, each with a question; a fact the caller gave
// fills its placeholder instead. Every number and technology of the input is kept:
// should the rules change a fact or claim a bigger part (a case they do not foresee),
// the result keeps the original words, still asks the questions and says why in
// reverted. A line without weaknesses comes back unchanged (without its list marker
// and outer spaces).
func rewriteRules(ev *evidence, a Analysis) ruleRewrite {
	return revertFactChanges(ev, applyRules(ev, a, ruleSteps()))
}

// revertFactChanges is the safety net: a rule rewrite that the guard finds changing a
// fact of the bullet, or claiming a part, scope or outcome it does not state, gives way
// to the original words. It hides the faulty rule from the result, so tests of the
// rules check applyRules' output instead.
func revertFactChanges(ev *evidence, out ruleRewrite) ruleRewrite {
	if vs := ruleFactViolations(ev, out.text); len(vs) > 0 {
		out.text = ev.bullet.body
		out.reverted = "the rule-based rewrite would have changed a fact (" + vs[0].Message + "); kept the original wording"
	}
	return out
}

// ruleFactViolations are the guard's violations of a rule rewrite that concern what it
// claims: numbers, technologies, and the honesty rules (part, scope, outcome).
// Style rules (a weak opener the rules could not replace, length) are not reasons to
// revert.
func ruleFactViolations(ev *evidence, text string) []Violation {
	var out []Violation
	for _, v := range ev.claims(text, parseBullet(ev.bullet.v, text)) {
		if factRules[v.Rule] {
			out = append(out, v)
		}
	}
	return out
}

// factRules are the guard rules about what a rewrite claims.
var factRules = map[string]bool{
	RuleInventedNumber: true, RuleDroppedNumber: true,
	RuleInventedTechnology: true, RuleDroppedTechnology: true,
	RuleUnlicensedRole: true, RuleUnlicensedScope: true, RuleUnlicensedOutcome: true, RuleNewConcepts: true,
}

// applyRules runs steps over the body of the evidence's bullet and adds the metric
// placeholder and the questions, without the revert: FuzzRewriteRules checks this
// output, so a rule that changes a fact fails it even though rewriteRules would hide
// the change.
func applyRules(ev *evidence, a Analysis, steps []ruleStep) ruleRewrite {
	b := ev.bullet
	if len(a.Weaknesses) == 0 || b.body == "" {
		return ruleRewrite{text: b.body}
	}
	body, end := b.body, ""
	if strings.HasSuffix(body, ".") && !strings.HasSuffix(body, "..") {
		body, end = strings.TrimRight(body, ". "), "."
	}
	open, body, close := unwrapEmphasis(body)
	for _, step := range steps {
		body = step(b.v, body)
	}
	body = useJobSpelling(b.v, body, ev.jobKeywords)

	var out ruleRewrite
	bl := parseBullet(b.v, body)
	if !hasMetric(bl.claims) {
		m := chooseMetric(bl, hasCue(b.lowerTokens(), rules().improved))
		clause, filled := fillFromFacts(m.Clause, ev.facts)
		if clause != "" && open == "" && clauseFits(body) {
			if strings.HasPrefix(clause, "by ") {
				body = strings.TrimRight(body, ",;: ") + " " + clause // "Improved build times by [X%]"
			} else {
				body = strings.TrimRight(body, ",;: ") + ", " + clause
			}
		}
		if !filled {
			out.questions = append(out.questions, m.Question)
		}
	}
	if _, weak := bl.weakOpener(); weak {
		// No rule gave an honest stronger opener: the person can.
		out.questions = append(out.questions, rules().data.Rewrite.OpenerQuestion)
	}
	if a.Has(NoTechnology) && !factsNameTechnology(ev) {
		out.questions = append(out.questions, technologyQuestion(bl))
	}
	out.text = open + body + close + end
	if out.text == b.body+end && end != "" {
		out.text = b.body
	}
	return out
}

// unwrapEmphasis takes the Markdown or HTML emphasis off a text the rules rewrite: a
// pair around the whole text ("*Led the team*") is returned as open and close, to be
// put back; a pair around the opener only ("**Worked on** the API") is dropped, since
// the opener it stressed is replaced. Anything else comes back as it was.
func unwrapEmphasis(s string) (open, inner, close string) {
	for _, e := range rules().data.Rewrite.Emphasis {
		if !strings.HasPrefix(s, e[0]) {
			continue
		}
		rest := s[len(e[0]):]
		i := strings.Index(rest, e[1])
		switch {
		case i <= 0:
			continue
		case i+len(e[1]) == len(rest):
			return e[0], rest[:i], e[1]
		case wording.CountWords(rest[:i]) <= 3:
			return "", rest[:i] + rest[i+len(e[1]):], ""
		}
	}
	return "", s, ""
}

// clauseFits reports whether a placeholder clause may go at the end of s: one
// sentence, short enough that the clause still sizes the thing the bullet names, not
// ending in markup or a list.
func clauseFits(s string) bool {
	if wording.CountWords(s) > rules().data.Rewrite.ClauseMaxWords || strings.Contains(s, ". ") || strings.ContainsAny(s, ":;") {
		return false
	}
	last := s[len(s)-1]
	return wording.IsAlnum(last) || last == ')' || last == ']'
}

// fillFromFacts fills the placeholder of a metric clause with a number the caller's
// facts state in the clause's unit: "handling [N] messages per day" with the fact
// "about 2M messages a day" becomes "handling 2M messages per day". filled reports
// whether the clause's question is answered; a clause that cannot be filled comes
// back as it was.
func fillFromFacts(clause string, facts []*bullet) (string, bool) {
	i := strings.IndexByte(clause, '[')
	j := strings.IndexByte(clause, ']')
	if i < 0 || j < i {
		return clause, false
	}
	ph := clause[i : j+1]
	unitWord, _ := splitWord(strings.TrimLeft(clause[j+1:], " "))
	for _, f := range facts {
		for _, c := range f.claims {
			if c.year {
				continue
			}
			text := c.text(f.raw)
			if strings.Contains(ph, "%") {
				if strings.HasSuffix(text, "%") {
					return clause[:i] + text + clause[j+1:], true
				}
				continue
			}
			next, _ := splitWord(strings.TrimLeft(f.lower[c.End:], " "))
			if unitWord != "" && next != "" && strings.TrimSuffix(next, "s") == strings.TrimSuffix(unitWord, "s") {
				return clause[:i] + text + clause[j+1:], true
			}
		}
	}
	return clause, false
}

// factsNameTechnology reports whether the caller's facts name a technology the
// bullet does not: the technology question is then answered.
func factsNameTechnology(ev *evidence) bool {
	return len(ev.have) > len(ev.bullet.techs)
}

// useJobSpelling writes a technology the text names the way the job writes it: with
// the job keyword "PostgreSQL", "Postgres" becomes "PostgreSQL". It never adds one.
func useJobSpelling(v *vocab, s string, jobKeywords []string) string {
	if len(jobKeywords) == 0 {
		return s
	}
	bl := parseBullet(v, s)
	var b strings.Builder
	last := 0
	for _, m := range bl.mentions {
		for _, k := range jobKeywords {
			k = strings.TrimSpace(k)
			if m.Start < last || !strings.EqualFold(k, m.Term) || s[m.Start:m.End] == k {
				continue
			}
			b.WriteString(s[last:m.Start])
			b.WriteString(k)
			last = m.End
			break
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
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
	for _, w := range wording.LowerTokens(subject) {
		if rules().data.Rewrite.Relatives[w] || isVerbForm(w) {
			return s // "Migrated parts of the service that were written in C#": a clause, not a subject
		}
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
	if r := strings.TrimLeft(rest, " "); subject != "" && wording.IsDigit(subject[len(subject)-1]) && r != "" && !wording.IsLetter(r[0]) {
		return s // "0 were written %A": moved next to "%", the number would become a percentage
	}
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

// replaceOpener replaces a weak (or overused) opening verb with one that says no more
// than the opener did: the person's part stays ("Helped build X" → "Contributed to
// building X", "Was responsible for X" → "Owned X"), the real action is used where the
// bullet names it ("Responsible for maintaining X" → "Maintained X", "Worked with the
// data team to build X" → "Built X with the data team"), and an opener with no honest
// stronger form ("Handled", "Made") stays as it is. A leading gerund becomes the past
// tense ("Writing Terraform modules" → "Wrote Terraform modules").
func replaceOpener(v *vocab, s string) string {
	bl := parseBullet(v, s)
	if len(bl.toks) == 0 || bl.toks[0].Start > bl.start {
		return s // nothing, or a quote before the opener that moving it would break
	}
	rd := rules().data.Rewrite
	p, end, ok := bl.matchPhrase(0, kindWeak)
	if !ok {
		p, end, ok = bl.matchPhrase(0, kindOverused)
		if !ok || !rd.Openers["use"][p.text] {
			return gerundOpener(s)
		}
	}
	in := func(group string) bool { return rd.Openers[group][p.text] }
	rest := strings.TrimSpace(s[bl.toks[end-1].End:])
	lrest := wording.Lower(rest)
	if next, _, ok := strings.Cut(lrest, " "); rest == "" || ok && rd.KeepOpeners[p.text][next] {
		return s // "Used to ...", "Used by 40K users"
	}
	for n, v := range rd.Nominalizations {
		if strings.HasPrefix(lrest, n+" ") {
			return v + " " + rest[len(n)+1:] // "Made improvements to X" → "Improved X"
		}
	}
	first, after := splitWord(rest)
	lfirst := verbWord(first)
	if next, _ := splitWord(strings.TrimLeft(after, " ")); isGerund(lfirst) && rd.GerundNouns[wording.Lower(next)] {
		lfirst = "" // "caching layer", "billing service": a noun, not an action
	}
	if in("part") || in("team") || in("with") {
		// "Was part of the team that moved X", "Worked on a team of 5 building X" →
		// "Moved X with the team", "Built X with a team of 5": the action, and that it
		// was shared, never that the person formed the team.
		if out, ok := teamWork(rest); ok {
			return out
		}
	}
	verb := rd.OpenerVerbs
	switch {
	case in("keep"):
		return s
	case in("with"):
		return withRewrite(s, rest)
	case in("use"):
		return useRewrite(s, rest)
	case in("help") && isKnownVerb(lfirst):
		return verb["help"] + " " + gerund(lfirst) + after // "Helped build X" → "Contributed to building X"
	case isGerund(lfirst) && (in("help") || in("share") || in("part")):
		return verb["share"] + " " + rest // "Assisted in migrating X": a part of the work, as said
	case isGerund(lfirst) && gerundWorks(lfirst, after):
		out, _ := pastOfGerund(lfirst, after)
		return out
	case in("help") && helpsWith(rest) != "":
		return verb["help"] + " " + helpsWith(rest) // "Helped the data team with X" → "Contributed to X with the data team"
	case in("help") && helpsSomeone(rest), rd.Prepositions[wording.Lower(first)]:
		return s // "Helped teams understand X" is honest as written; "Helped in X" is not a phrase the rules know
	case in("part"):
		return verb["part"] + " " + strings.TrimPrefix(rest, rd.PartDrop+" ")
	}
	for _, g := range rd.OpenerOrder {
		if in(g) {
			return verb[g] + " " + rest
		}
	}
	return s
}

// gerundOpener turns a leading gerund of a known verb into the past tense: "Writing
// Terraform modules" → "Wrote Terraform modules".
func gerundOpener(s string) string {
	w, after := splitWord(s)
	lw := wording.Lower(w)
	if w == "" || !isGerund(lw) || wording.HasUpper(w[1:]) {
		return s
	}
	if !isKnownVerb(gerundBase(lw)) {
		return s
	}
	if out, ok := pastOfGerund(lw, after); ok {
		return wording.UpperFirst(out)
	}
	return s
}

// gerund returns the -ing form of a base verb: "build" → "building", "migrate" →
// "migrating", "run" → "running".
func gerund(base string) string {
	r := rules()
	n := len(base)
	switch {
	case n > 2 && strings.HasSuffix(base, "e") && !strings.HasSuffix(base, "ee"):
		return base[:n-1] + "ing"
	case r.doubles[base]:
		return base + base[n-1:] + "ing"
	}
	return base + "ing"
}

// helpsSomeone reports whether rest, after "Helped", names whom the person helped
// and what they then did ("teams understand their users"): a base verb within the
// next few words.
func helpsSomeone(rest string) bool {
	toks := wording.LowerTokens(rest)
	for i, w := range toks {
		if i > 0 && i < 6 && isKnownVerb(w) {
			return true
		}
	}
	return false
}

// helpsWith rewrites what follows "Helped" in "Helped the data team with X" as "X with
// the data team", or returns "" when rest does not name whom and what.
func helpsWith(rest string) string {
	rd := rules().data.Rewrite
	who, what, ok := strings.Cut(rest, " with ")
	if !ok || what == "" || wording.CountWords(who) > rd.ClauseMaxTail || strings.ContainsAny(who, ",;") {
		return ""
	}
	return what + " with " + lowerFirstIfCommon(who)
}

// withRewrite rewrites "Worked with X to build Y" as "Built Y with X": the action the
// bullet names, done with the people it names; "Worked with X on Y" as "Contributed to Y
// with X". Without either it stays.
func withRewrite(s, rest string) string {
	rd := rules().data.Rewrite
	if x, y, ok := strings.Cut(rest, " to "); ok && wording.CountWords(x) <= rd.ClauseMaxTail {
		w, after := splitWord(y)
		if lw := verbWord(w); isKnownVerb(lw) {
			return past(lw) + strings.TrimRight(after, " ") + " with " + lowerFirstIfCommon(x)
		}
	}
	// "Worked closely with the product team on new features" → "Contributed to new
	// features with the product team".
	if x, y, ok := strings.Cut(rest, " "+rd.TeamOn+" "); ok && y != "" && wording.CountWords(x) <= rd.ClauseMaxTail && !strings.ContainsAny(x, ",;") {
		return rd.OpenerVerbs["team"] + " " + y + " with " + lowerFirstIfCommon(x)
	}
	return s
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
			if lw := wording.Lower(w); w == "" || isGerund(lw) || rules().data.Rewrite.Relatives[lw] || lw == rules().data.Rewrite.TeamOn {
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
	if w == rules().data.Rewrite.TeamOn && after != "" {
		// "a team of 5 on the checkout" → "Contributed to the checkout with a team of 5"
		return rules().data.Rewrite.OpenerVerbs["team"] + after + " with " + team, true
	}
	if rules().data.Rewrite.Relatives[w] {
		w, after = splitWord(strings.TrimLeft(after, " "))
		lw := verbWord(w)
		switch {
		case strings.HasSuffix(lw, "ed") || rules().pasts[lw]: // "moved", "rewrote"
			return lw + after + " with " + team, true
		case isKnownVerb(lw):
			return past(lw) + after + " with " + team, true
		}
		return "", false
	}
	if lw := verbWord(w); isGerund(lw) {
		if out, ok := pastOfGerund(lw, after); ok {
			return out + " with " + team, true
		}
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

// useRewrite turns "Used X to improve Y" into "Improved Y with X" and "Used X for
// automating Y" into "Automated Y with X": the action the bullet names. "Used X for Y"
// with no action becomes "Applied X to Y"; anything else stays.
func useRewrite(s, rest string) string {
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
		return rules().data.Rewrite.OpenerVerbs["use"] + " " + x + " to " + y
	}
	return s
}

// objectPhrase returns the thing a rewritten bullet names, the object after its
// opening verb up to the first comma or preposition ("the billing API" in "Built the
// billing API in Go for the team"), and how many words follow it. ok is false when s
// does not open with a verb.
func objectPhrase(s string) (head string, tail int, ok bool) {
	verb, rest := splitWord(s)
	if !isVerbForm(wording.Lower(verb)) {
		return "", 0, false
	}
	rest = strings.TrimLeft(rest, " ")
	if w, after := splitWord(rest); rules().data.Rewrite.HeadSkips[wording.Lower(w)] {
		rest = strings.TrimLeft(after, " ") // "Contributed to X", "Served as X"
	}
	head = headPhrase(rest)
	tail = wording.CountWords(rest[len(head):])
	toks := wording.LowerTokens(rest[len(head):])
	if len(toks) > 0 && toks[0] == rules().data.Rewrite.And {
		return head, math.MaxInt, true // "the backend and its webhooks": a clause would size the last
	}
	for i := 1; i < len(toks); i++ {
		if w := toks[i]; toks[i-1] == rules().data.Rewrite.And && (strings.HasSuffix(w, "ed") && isVerbForm(w) || rules().pasts[w]) {
			// "Maintained the billing service and fixed bugs reported by customers": a
			// second action; a clause at the end would size its object, not the service.
			tail = math.MaxInt
			break
		}
	}
	return head, tail, true
}

// endsWithCue reports whether the last tokens of toks are one of the cues: the head
// noun of "the billing API" is "API", so "billing" names nothing here.
func endsWithCue(toks []string, cues [][]string) bool {
	for _, c := range cues {
		if len(c) <= len(toks) && slices.Equal(toks[len(toks)-len(c):], c) {
			return true
		}
	}
	return false
}

// headPhrase returns the head noun phrase of s: s up to the first comma or
// preposition that starts a modifier.
func headPhrase(s string) string {
	lower := wording.Lower(s)
	end := len(s)
	if i := strings.IndexAny(lower, ",;:(–—"); i >= 0 {
		end = i
	}
	for _, w := range rules().data.Rewrite.HeadEnds {
		if i := strings.Index(lower, " "+w+" "); i >= 0 && i < end {
			end = i
		}
	}
	return s[:end]
}

// gerundWorks reports whether pastOfGerund can put g and what follows into the past.
func gerundWorks(g, after string) bool {
	_, ok := pastOfGerund(g, after)
	return ok
}

// pastOfGerund turns a leading gerund and its coordinated gerunds into the past tense:
// "building" + " X and running Y" → "built X and ran Y". ok is false when a noun is
// coordinated with the gerund ("refactoring and optimization of X"), which the past
// tense would break.
func pastOfGerund(g, after string) (string, bool) {
	if rest, ok := strings.CutPrefix(after, " and "); ok {
		if w, _ := splitWord(rest); !isGerund(verbWord(w)) {
			return "", false
		}
	}
	return past(gerundBase(g)) + coordinateGerunds(after), true
}

// coordinateGerunds turns gerunds joined by "and" into past tense: "building X and
// running Y" → "built X and ran Y" (the first gerund is done by the caller).
func coordinateGerunds(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, " and ")
		if i < 0 || strings.ContainsAny(s[:i], ",;:.(") {
			b.WriteString(s) // past a comma, a gerund belongs to another clause
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
			if next, _ := utf8.DecodeRuneInString(s[sp.End:]); next == '\'' || next == '’' {
				return // "we're": dropping the pronoun would leave "'re"
			}
			if with, ok := rd.PronounReplacements[word]; ok {
				rep = with
			} else if rd.ObjectPronouns[word] {
				// "by me", "with us": the preposition goes too.
				before := strings.TrimRight(s[last:sp.Start], " ")
				for _, prep := range rd.ObjectPrepositions {
					if strings.HasSuffix(before, " "+prep) {
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
		if mark := old[len(old)-1]; mark != ' ' && mark != ')' && end < len(s) && s[end] != ' ' {
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

// chooseMetric picks the placeholder clause that fits the bullet. A scope clause
// ("serving [N] requests per day") is chosen by the thing the bullet names, the
// object of its verb, so it is in that thing's unit; an outcome clause ("cutting
// latency by [X%]") only when the original bullet says its work improved something
// (improved), by the words of the whole bullet. A clause that would repeat the bullet
// ("Moved ..., moving [N] records", "reduced latency, cutting latency by [X%]") is left
// out and its question kept. With nothing that fits, the clause is empty and only the
// default question remains.
func chooseMetric(bl *bullet, improved bool) metricRule {
	head, tail, verbFirst := objectPhrase(bl.body)
	headToks, all := wording.LowerTokens(head), bl.lowerTokens()
	r := rules()
	for _, cs := range r.metrics {
		m := r.data.Metrics[cs.index]
		var fits bool
		if m.Outcome {
			fits = improved && hasCue(all, cs.cues)
		} else {
			fits = endsWithCue(headToks, cs.cues)
		}
		if !fits {
			continue
		}
		if echoes(m.Clause, all) || !verbFirst || !m.Outcome && tail > r.data.Rewrite.ClauseMaxTail {
			m.Clause = "" // the clause would size something else: only the question
		}
		return m
	}
	// No clause fits; a scope the bullet mentions elsewhere still asks the better
	// question ("Applied Kafka to message processing": how many messages?).
	for _, cs := range r.metrics {
		if m := r.data.Metrics[cs.index]; !m.Outcome && hasCue(all, cs.cues) {
			m.Clause = ""
			return m
		}
	}
	return r.data.DefaultMetric
}

// echoes reports whether a metric clause says again what the bullet says: it opens
// with a form of a verb the bullet uses ("moving [N] records" after "Moved", "serving"
// after "serves"), or measures a thing the bullet already names with its outcome
// ("cutting latency by [X%]" after "reduced latency").
func echoes(clause string, toks []string) bool {
	w, _ := splitWord(clause)
	if isGerund(w) {
		base := gerundBase(w)
		forms := []string{base, base + "s", past(base), w}
		for _, t := range toks {
			if slices.Contains(forms, t) {
				return true
			}
		}
	}
	if before, _, ok := strings.Cut(clause, " by "); ok {
		noun := before[strings.LastIndexByte(before, ' ')+1:]
		return before != "" && slices.Contains(toks, noun)
	}
	return false
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
