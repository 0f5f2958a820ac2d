package bullets

import (
	"fmt"
	"strings"
)

// ruleRewrite is the outcome of the rule-based rewriter for one bullet.
type ruleRewrite struct {
	text         string
	placeholders []string
	questions    []string
	// reverted is why the rewrite was abandoned for the original text, "" if it was not.
	reverted string
}

// scan analyzes the tokens, mentions and numbers of s.
func scan(v *vocab, s string) *scratch {
	sc := new(scratch)
	sc.load(v, s)
	return sc
}

// rewriteRules rewrites a bullet without a model: a strong verb for a weak opener,
// active voice for a simple passive, no pronouns, filler or buzzwords, and a visible
// placeholder with a question where no metric exists. Every number and technology of
// the input is kept; a line without weaknesses comes back unchanged (without its list
// marker and outer spaces).
func rewriteRules(v *vocab, line string, a Analysis) ruleRewrite {
	body := strings.TrimSpace(line[bulletMarker(line):])
	if len(a.Weaknesses) == 0 || body == "" {
		return ruleRewrite{text: body}
	}
	orig := body
	end := ""
	if strings.HasSuffix(body, ".") {
		body, end = strings.TrimRight(body, ". "), "."
	}
	body = dropLeadingSubject(body)
	body = activeVoice(v, body)
	body = replaceOpener(v, body)
	body = cleanPhrases(v, body)
	body = upperFirst(tidy(body))

	var out ruleRewrite
	sc := scan(v, body)
	if !hasMetric(sc.claims) {
		m := chooseMetric(sc)
		body = strings.TrimRight(body, ",;: ") + ", " + m.Clause
		out.placeholders = append(out.placeholders, m.Placeholder)
		out.questions = append(out.questions, m.Question)
	}
	if a.Has(NoTechnology) {
		out.questions = append(out.questions, technologyQuestion(v, sc))
	}
	out.text = body + end
	if out.text == orig+end && end != "" {
		out.text = orig
	}
	// The rules must never change a fact: if they did (a case the rules do not
	// foresee), keep the original words and still ask the questions.
	if vs := (Guard{Catalog: v.catalog}).facts(orig, nil, out.text, nil); len(vs) > 0 {
		out.text = orig
		out.placeholders = nil
		out.reverted = "the rule-based rewrite would have changed a fact (" + vs[0].Message + "); kept the original wording"
	}
	return out
}

// dropLeadingSubject removes a leading "I" or "We": "I built" → "built".
func dropLeadingSubject(s string) string {
	for _, p := range [...]string{"I ", "We ", "we ", "i "} {
		if rest, ok := strings.CutPrefix(s, p); ok && rest != "" {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

// activeVoice turns a simple passive at the start of a bullet active: "APIs were built
// by me for the app" → "Built APIs for the app". A passive with another agent ("by the
// team") or after a clause is left alone.
func activeVoice(v *vocab, s string) string {
	sc := scan(v, s)
	ps := sc.passives()
	if len(ps) == 0 {
		return s
	}
	p := ps[0]
	subject := strings.TrimSpace(s[:p.start])
	if subject == "" || strings.ContainsAny(subject, ",;:()—–") || countWords(subject) > 6 {
		return s
	}
	for _, aux := range [...]string{" has", " have", " had"} {
		if strings.HasSuffix(asciiLower(subject), aux) {
			subject = strings.TrimSpace(subject[:len(subject)-len(aux)])
		}
	}
	// The tokens of the passive: aux, optional adverb, participle, optional "by me".
	var toks []string
	for _, t := range tokenize(nil, s[p.start:p.end]) {
		toks = append(toks, s[p.start+t.start:p.start+t.end])
	}
	rest := s[p.end:]
	if r := strings.TrimSpace(asciiLower(rest)); strings.HasPrefix(r, "by ") {
		return s // someone else did it
	}
	adverb := ""
	i := 1
	if len(toks) > 2 && strings.HasSuffix(asciiLower(toks[1]), "ly") {
		adverb = toks[1]
		i = 2
	}
	verb := asciiLower(toks[i])
	if p, ok := rules().data.Participles[verb]; ok {
		verb = p
	}
	subject = lowerFirstIfCommon(possessiveToThe(subject))
	out := verb + " " + subject + rest
	if adverb != "" {
		out = asciiLower(adverb) + " " + out
	}
	return out
}

// possessiveToThe replaces a leading "Our"/"My" with "the".
func possessiveToThe(s string) string {
	for _, p := range [...]string{"Our ", "our ", "My ", "my "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return "the " + rest
		}
	}
	return s
}

// Opener groups: what a weak opener becomes.
var (
	useOpeners   = map[string]bool{"used": true, "utilized": true, "utilised": true, "worked with": true, "leveraged": true, "leveraging": true, "harnessed": true}
	helpOpeners  = map[string]bool{"helped": true, "helped to": true, "assisted": true, "assisted in": true}
	shareOpeners = map[string]bool{"helped with": true, "assisted with": true, "participated in": true, "involved in": true, "was involved in": true}
	ownOpeners   = map[string]bool{"responsible for": true, "was responsible for": true, "in charge of": true, "handled": true, "duties included": true}
	partOpeners  = map[string]bool{"was part of": true, "was a part of": true, "part of": true}
	doOpeners    = map[string]bool{"did": true, "made": true, "tasked with": true, "was tasked with": true}
)

// replaceOpener replaces a weak (or overused) opening verb with a strong one that
// fits the object.
func replaceOpener(v *vocab, s string) string {
	sc := scan(v, s)
	i := sc.firstToken()
	if i >= len(sc.toks) {
		return s
	}
	p, end, ok := sc.matchPhrase(i, kindWeak)
	if !ok {
		p, end, ok = sc.matchPhrase(i, kindOverused)
		if !ok || !useOpeners[p.text] {
			return s
		}
	}
	rest := strings.TrimSpace(s[sc.toks[end-1].end:])
	lrest := asciiLower(rest)
	if rest == "" || p.text == "used" && (strings.HasPrefix(lrest, "by ") || strings.HasPrefix(lrest, "to ")) {
		return s
	}
	first, after := splitWord(rest)
	lfirst := asciiLower(first)
	switch {
	case partOpeners[p.text]:
		// "Was part of the team that moved X" → "Moved X with the team": the action, and
		// that it was shared.
		for _, lead := range [...]string{"the team that ", "a team that ", "the team which ", "a team which "} {
			if strings.HasPrefix(lrest, lead) {
				w, tail := splitWord(rest[len(lead):])
				switch lw := asciiLower(w); {
				case strings.HasSuffix(lw, "ed"):
					return lw + tail + " with the team"
				case isKnownVerb(lw):
					return past(lw) + tail + " with the team"
				}
			}
		}
		return "Contributed to " + strings.TrimPrefix(rest, "the work of ")
	case useOpeners[p.text]:
		return useRewrite(rest)
	case helpOpeners[p.text] && isKnownVerb(lfirst):
		return past(lfirst) + after
	case isGerund(lfirst) && !shareOpeners[p.text]:
		return past(gerundBase(lfirst)) + coordinateGerunds(after)
	case helpOpeners[p.text]:
		return "Supported " + rest
	case shareOpeners[p.text]:
		return "Contributed to " + rest
	case ownOpeners[p.text]:
		return nominal(rest, "Owned")
	case doOpeners[p.text]:
		for _, n := range [...][2]string{{"improvements to ", "Improved "}, {"changes to ", "Changed "}, {"updates to ", "Updated "}, {"fixes to ", "Fixed "}} {
			if strings.HasPrefix(lrest, n[0]) {
				return n[1] + rest[len(n[0]):]
			}
		}
		return nominal(rest, "Delivered")
	}
	return nominal(rest, rules().data.DefaultVerb) // "worked on"
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
	lrest := asciiLower(rest)
	if i := strings.Index(lrest, " to "); i > 0 {
		w, after := splitWord(rest[i+4:])
		if isKnownVerb(asciiLower(w)) {
			return past(asciiLower(w)) + strings.TrimRight(after, " ") + " with " + rest[:i]
		}
	}
	if i := strings.Index(lrest, " for "); i > 0 {
		x, y := rest[:i], rest[i+5:]
		w, after := splitWord(y)
		if isGerund(asciiLower(w)) {
			return past(gerundBase(asciiLower(w))) + after + " with " + x
		}
		return objectVerb(y+" "+x, rules().data.DefaultVerb) + " " + y + " with " + x
	}
	return "Applied " + rest
}

// nominal puts a verb that fits the object before a noun phrase: "the login flow" →
// "Secured the login flow". When the object already names the action ("the
// migration"), the verb is "Delivered".
func nominal(rest, fallback string) string {
	verb := objectVerb(rest, fallback)
	head := strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(asciiLower(rest), "the "), "a "), "an ")
	if stem := asciiLower(verb); len(stem) > 6 && strings.HasPrefix(head, stem[:len(stem)-3]) {
		verb = "Delivered"
	}
	return verb + " " + rest
}

// objectVerb picks the verb whose cues appear in text, or fallback.
func objectVerb(text, fallback string) string {
	toks := lowerTokens(text)
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
		if isGerund(asciiLower(w)) {
			b.WriteString(past(gerundBase(asciiLower(w))))
			s = after
		}
	}
}

// cleanPhrases drops pronouns, filler and buzzwords (or puts the plain word in their
// place).
func cleanPhrases(v *vocab, s string) string {
	sc := scan(v, s)
	var b strings.Builder
	last := 0
	r := rules()
	sc.phrases(func(k phraseKind, sp span) {
		word := asciiLower(s[sp.start:sp.end])
		rep := ""
		switch k {
		case kindFiller:
			for _, f := range r.data.Filler {
				if strings.EqualFold(f.Phrase, word) || strings.EqualFold(strings.TrimSuffix(f.Phrase, "."), word) {
					rep = f.Replace
					break
				}
			}
		case kindOverused:
			rep = r.data.BuzzwordReplacements[word]
		case kindPronoun:
			switch word {
			case "my", "our":
				rep = "the"
			case "me", "us", "myself", "ourselves":
				// "by me", "with us": the preposition goes too.
				before := strings.TrimRight(s[last:sp.start], " ")
				for _, prep := range [...]string{"by", "with", "for", "to"} {
					if strings.HasSuffix(asciiLower(before), " "+prep) {
						sp.start = last + len(before) - len(prep)
						break
					}
				}
			}
		}
		if sp.start < last {
			return
		}
		b.WriteString(s[last:sp.start])
		if sp.start == 0 {
			rep = upperFirst(rep)
		}
		b.WriteString(rep)
		last = sp.end
	})
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// tidy repairs the spacing and punctuation that removals leave behind.
func tidy(s string) string {
	s = collapseSpace(s)
	for _, r := range [...][2]string{
		{" ,", ","}, {" .", "."}, {" ;", ";"}, {" :", ":"}, {",,", ","}, {"( ", "("}, {" )", ")"},
		{"()", ""}, {", and,", ","}, {", ,", ","}, {"the the ", "the "}, {"The the ", "The "},
	} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	s = collapseSpace(s)
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

// chooseMetric picks the placeholder clause whose cues fit the bullet.
func chooseMetric(sc *scratch) metricRule {
	toks := make([]string, len(sc.toks))
	for i := range sc.toks {
		toks[i] = sc.tok(i)
	}
	r := rules()
	for _, cs := range r.metrics {
		if hasCue(toks, cs.cues) {
			return r.data.Metrics[cs.index]
		}
	}
	return r.data.DefaultMetric
}

// technologyQuestion asks which technology the work used, suggesting the specific
// keywords behind a generic term the bullet uses ("database" → PostgreSQL or MySQL).
func technologyQuestion(v *vocab, sc *scratch) string {
	for _, m := range sc.mentions {
		if specific := v.specific[m.Term]; m.Generic && len(specific) > 0 {
			return fmt.Sprintf("Which specific technology did you use for %q (for example %s)?", sc.line[m.Start:m.End], orList(specific, 3))
		}
	}
	return "Which language, framework, database or tool did you use for this?"
}
