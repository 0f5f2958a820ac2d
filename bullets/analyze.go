package bullets

import (
	"fmt"
	"strings"

	"github.com/resumekit/resumekit/internal/wording"
	"github.com/resumekit/resumekit/skills"
)

// Length limits of a bullet.
const (
	// MaxWords is the word count above which a bullet is too long.
	MaxWords = 30
	// MaxChars is the length in bytes above which a bullet is too long.
	MaxChars = 260
	// MinWords is the word count below which a bullet is too short.
	MinWords = 5
)

// weakScore is the score below which a bullet counts as weak whatever its codes.
const weakScore = 70

// Weakness is one problem found in a bullet.
type Weakness struct {
	Code Code `json:"code"`
	// Start and End are byte offsets into Analysis.Line: Line[Start:End] is the text
	// the weakness refers to (the whole bullet for no-metric, no-technology, too-long
	// and too-short).
	Start int `json:"start"`
	End   int `json:"end"`
	// Message explains the problem to a person, in one sentence.
	Message string `json:"message"`
}

// Analysis is the result of analyzing one bullet.
type Analysis struct {
	// Line is the bullet as given; weakness spans index it.
	Line string `json:"line"`
	// Weaknesses are in the order of Codes, and by position within a code.
	Weaknesses []Weakness `json:"weaknesses"`
	// Score is the bullet's strength from 0 (empty) to 100 (no weakness found): each
	// weakness costs points, the most for no-metric, weak-opener and too-short.
	Score int `json:"score"`
	// Weak reports whether the bullet needs rewriting: it has a weak opener, passive
	// voice, a pronoun, no metric or is too short, or its score is below 70.
	Weak bool `json:"weak"`
	// RulesVersion is the version of the rules that produced the analysis.
	RulesVersion string `json:"rules_version"`
}

// Has reports whether the analysis found a weakness with the code c.
func (a Analysis) Has(c Code) bool {
	for _, w := range a.Weaknesses {
		if w.Code == c {
			return true
		}
	}
	return false
}

// Codes returns the codes of the weaknesses found, without repeats, in the order of
// the package-level Codes.
func (a Analysis) Codes() []Code {
	out := []Code{}
	for _, w := range a.Weaknesses {
		if len(out) == 0 || out[len(out)-1] != w.Code {
			out = append(out, w.Code)
		}
	}
	return out
}

// Analyzer finds the weaknesses of resume bullets. Its zero value uses the embedded
// backend catalog (skills.Backend) as the technology vocabulary. An Analyzer is a
// plain value, pure and deterministic, and safe for concurrent use.
type Analyzer struct {
	// Catalog is the technology vocabulary; nil means skills.Backend().
	Catalog *skills.Catalog
}

// Analyze is shorthand for Analyzer{}.Analyze(line).
func Analyze(line string) Analysis { return Analyzer{}.Analyze(line) }

// Analyze finds the weaknesses of one bullet. It never fails: any text, including an
// empty or invalid UTF-8 line, gets an analysis.
func (z Analyzer) Analyze(line string) Analysis {
	var b bullet
	b.parse(vocabFor(z.Catalog), line)
	return b.analyze()
}

func (b *bullet) analyze() Analysis {
	line := b.raw
	a := Analysis{Line: line, RulesVersion: RulesVersion()}
	trimStart := len(line) - len(strings.TrimLeft(line, " \t\r\n"))
	trimEnd := len(strings.TrimRight(line, " \t\r\n"))
	if trimEnd <= trimStart {
		a.Weaknesses = []Weakness{{Code: TooShort, Start: 0, End: len(line), Message: "The bullet is empty."}}
		a.Weak = true
		return a
	}
	whole := func(c Code, msg string) {
		a.Weaknesses = append(a.Weaknesses, Weakness{Code: c, Start: trimStart, End: trimEnd, Message: msg})
	}

	if op, ok := b.weakOpener(); ok {
		text := line[op.Start:op.End]
		a.Weaknesses = append(a.Weaknesses, Weakness{Code: WeakOpener, Start: op.Start, End: op.End,
			Message: fmt.Sprintf("%q describes a duty, not a result; start with a strong past-tense verb such as built, designed or migrated.", text)})
	}
	for _, p := range b.passives() {
		a.Weaknesses = append(a.Weaknesses, Weakness{Code: PassiveVoice, Start: p.Start, End: p.End,
			Message: fmt.Sprintf("%q is passive; say what you did, in the active voice.", line[p.Start:p.End])})
	}
	var found [3][]wording.Span // pronoun, filler, buzzword
	b.phrases(func(p phrase, s wording.Span) {
		switch p.kind {
		case kindPronoun:
			found[0] = append(found[0], s)
		case kindFiller:
			found[1] = append(found[1], s)
		case kindOverused:
			found[2] = append(found[2], s)
		}
	})
	for _, s := range found[0] {
		a.Weaknesses = append(a.Weaknesses, Weakness{Code: Pronoun, Start: s.Start, End: s.End,
			Message: fmt.Sprintf("Resume bullets leave out %q; start with the verb.", line[s.Start:s.End])})
	}
	for _, s := range found[1] {
		a.Weaknesses = append(a.Weaknesses, Weakness{Code: Filler, Start: s.Start, End: s.End,
			Message: fmt.Sprintf("%q adds words but no information; cut it or say what exactly.", line[s.Start:s.End])})
	}
	for _, s := range found[2] {
		a.Weaknesses = append(a.Weaknesses, Weakness{Code: Buzzword, Start: s.Start, End: s.End,
			Message: fmt.Sprintf("%q is an overused word that readers skip; say plainly what you did.", line[s.Start:s.End])})
	}
	if !hasMetric(b.claims) {
		whole(NoMetric, "No number shows the size or result of the work; add a metric such as latency, users, requests, time or money saved.")
	}
	if len(b.techs) == 0 {
		whole(NoTechnology, b.noTechnologyMessage())
	}
	words := wording.CountWords(line)
	if words > MaxWords || trimEnd-trimStart > MaxChars {
		whole(TooLong, fmt.Sprintf("At %d words and %d characters the bullet is hard to scan; keep it under about %d words with one achievement.", words, trimEnd-trimStart, MaxWords))
	}
	if words < MinWords {
		whole(TooShort, fmt.Sprintf("At %d words the bullet says too little; say what you did, with what, and the result.", words))
	}
	if sp, ok := b.instructions(); ok {
		a.Weaknesses = append(a.Weaknesses, Weakness{Code: Instructions, Start: sp.Start, End: sp.End,
			Message: "This part is addressed to a program or an AI, not to a reader; it is left out of any rewrite, and a recruiter who reads it will not trust the resume."})
	}

	a.Score = 100
	seen := map[Code]bool{}
	for _, w := range a.Weaknesses {
		p := rules().data.Analysis.Penalties[w.Code]
		if !seen[w.Code] || w.Code == Filler || w.Code == Buzzword {
			a.Score -= p.Points
		}
		seen[w.Code] = true
		a.Weak = a.Weak || p.Weak
	}
	a.Score = max(a.Score, 0)
	a.Weak = a.Weak || a.Score < weakScore
	return a
}

func (b *bullet) noTechnologyMessage() string {
	for _, m := range b.mentions {
		if specific := b.v.specific[m.Term]; m.Generic && len(specific) > 0 {
			return fmt.Sprintf("Names no specific technology; say which one, for example %s instead of %q.", wording.List(specific, 3, "or"), b.raw[m.Start:m.End])
		}
	}
	return "Names no technology; say which language, framework, database or tool you used."
}

// weakOpener finds a weak opening phrase, after a list marker and a subject pronoun
// ("I helped", "We were responsible for").
func (b *bullet) weakOpener() (wording.Span, bool) {
	ad := rules().data.Analysis
	i := 0
	if i < len(b.toks) && ad.Subjects[b.tok(i)] {
		i++
	}
	if i >= len(b.toks) {
		return wording.Span{}, false
	}
	if p, end, ok := b.matchPhrase(i, kindWeak); ok {
		// "Used" only counts as a weak opener when it is the verb ("Used Kafka"), not
		// in "Used by 40K users".
		if end < len(b.toks) && ad.OpenerExceptions[p.text][b.tok(end)] {
			return wording.Span{}, false
		}
		return wording.Span{Start: b.toks[i].Start, End: b.toks[end-1].End}, true
	}
	return wording.Span{}, false
}

// phrases reports every pronoun, filler and buzzword, outside technology names.
func (b *bullet) phrases(fn func(phrase, wording.Span)) {
	mi := 0
	for i := 0; i < len(b.toks); {
		t := b.toks[i]
		for mi < len(b.mentions) && b.mentions[mi].End <= t.Start {
			mi++
		}
		if mi < len(b.mentions) && b.mentions[mi].Start <= t.Start {
			i++
			continue
		}
		matched := false
		for _, k := range [...]phraseKind{kindFiller, kindOverused, kindPronoun} {
			p, end, ok := b.matchPhrase(i, k)
			if !ok || (k == kindPronoun && !b.isPronoun(i)) {
				continue
			}
			s := wording.Span{Start: t.Start, End: b.toks[end-1].End}
			if strings.HasSuffix(p.text, ".") && s.End < len(b.raw) && b.raw[s.End] == '.' {
				s.End++
			}
			fn(p, s)
			i, matched = end, true
			break
		}
		if !matched {
			i++
		}
	}
}

// isPronoun rejects the tokens that look like pronouns but are not: "US" the country,
// "I/O", "i.e." (see the pronoun exceptions of the rule data).
func (b *bullet) isPronoun(i int) bool {
	t := b.toks[i]
	if t.Start > 1 && b.raw[t.Start-1] == '.' && wording.IsAlnum(b.raw[t.Start-2]) {
		return false // "Nara.me", "foo.us": part of a name
	}
	glue := rules().data.Analysis.PronounGlue
	if t.End < len(b.raw) && strings.IndexByte(glue, b.raw[t.End]) >= 0 || t.Start > 0 && strings.IndexByte(glue, b.raw[t.Start-1]) >= 0 {
		return false // "i%A", "@me": part of a code or handle
	}
	ex, ok := rules().data.Analysis.PronounExceptions[b.tok(i)]
	if !ok {
		return true
	}
	if ex.Written[b.raw[t.Start:t.End]] {
		return false
	}
	next, prev := " ", " "
	if t.End < len(b.raw) {
		next = b.raw[t.End : t.End+1]
	}
	if t.Start > 0 {
		prev = b.raw[t.Start-1 : t.Start]
	}
	return !strings.Contains(ex.NotBefore, next) && !strings.Contains(ex.NotAfter, prev)
}

// passives finds "to be" + (adverb) + past participle, with a trailing "by me/us".
func (b *bullet) passives() []wording.Span {
	ad := rules().data.Analysis
	var out []wording.Span
	for i := 0; i+1 < len(b.toks); i++ {
		if !ad.PassiveAuxiliaries[b.tok(i)] {
			continue
		}
		j := i + 1
		if strings.HasSuffix(b.tok(j), "ly") && j+1 < len(b.toks) && b.adjacent(i, j) {
			j++
		}
		if !b.adjacent(j-1, j) {
			continue
		}
		w := b.tok(j)
		if ad.NotPassive[w] || !(ad.IrregularParticiples[w] || len(w) > 4 && strings.HasSuffix(w, "ed")) {
			continue
		}
		if j+1 < len(b.toks) && ad.PassiveIdioms[w][b.tok(j+1)] {
			continue // "was used to" is an idiom
		}
		end := j + 1
		if end+1 < len(b.toks) && b.tok(end) == ad.PassiveAgent && ad.SelfAgents[b.tok(end+1)] {
			end += 2
		}
		out = append(out, wording.Span{Start: b.toks[i].Start, End: b.toks[end-1].End})
		i = end - 1
	}
	return out
}
