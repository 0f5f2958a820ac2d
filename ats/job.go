package ats

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/resumekit/resumekit/internal/textmatch"
	"github.com/resumekit/resumekit/internal/wording"
)

// Level says how much a line of a job description asks for what it names.
type Level string

// The levels of a job description line.
const (
	// Required lines are under a requirements heading, or under none that says otherwise
	// (duties and the role's description count as required).
	Required Level = "required"
	// Preferred lines are under "Nice to have", "Preferred", "Bonus", "Our stack" and the
	// like, or say "is a plus", "bonus", "familiarity with … helpful" themselves, or belong to
	// a part of the posting that says "we don't expect you to know all of these".
	Preferred Level = "preferred"
	// Ignored lines describe benefits, pay, perks and the company, or are metadata
	// ("Industry: Agile Software Development"); what they name is not asked of the applicant.
	Ignored Level = "ignored"
)

// Job is a parsed job description.
type Job struct {
	// Text is the job description the offsets refer to.
	Text string
	// Lines are its non-blank lines, headings included, each with its level.
	Lines []JobLine

	reqs []jobRequirement // read once by ParseJob; nil for a Job built by hand
}

// JobLine is one non-blank line of a job description.
type JobLine struct {
	Text    string // the line, trimmed
	Start   int    // byte offset of Text in Job.Text
	Number  int    // 1-based line number
	Level   Level
	Heading bool // whether the line is a heading that set the level of the lines after it

	hints lineHint // what the line says, for the requirement searches
	certs [][2]int // where the line names a certification, relative to Start
	// preferred are the parts of a line of another level that say they are only preferred,
	// relative to Start: the sentence or parenthesis around "is a plus", "preferably" ("Python
	// and AWS. Terraform is a plus."; "cloud providers (preferably AWS)").
	preferred [][2]int
}

//go:embed job_words.json
var jobWordsJSON []byte

// jobVocabulary is job_words.json: the phrases that set the level of a job's lines and that
// mark alternatives. Phrases are normalized and padded with spaces, so that matching is by
// whole words: " nice to have ".
type jobVocabulary struct {
	version                             int
	ignored, preferred, required, stack phraseIndex // heading phrases
	metadata                            []string
	altBefore, altAfter                 []string // alternatives cues, lowercased, not padded
	altNext                             []string // cues in the sentence after a list: "one of these"

	degrees                           map[string][]string // level → lowercase forms
	certs                             map[string]certForms
	seniority                         map[string]int      // lowercase word → rank
	roles                             map[string][][]byte // role → its forms between spaces: " backend "
	roleOrder, roleNouns, titleLabels []string
	headingNouns                      []string
	certIDs                           []string // sorted
	// phrases finds, in one pass over a job, the phrases that decide a line's level and
	// which requirement searches a line needs; phraseHints[i] are the hints of pattern i,
	// including those of the phrases inside it ("degree" in "no degree required").
	phrases     *textmatch.Matcher
	phraseHints []lineHint
}

// lineHint is a set of things a job line says, found by jobVocabulary.phrases.
type lineHint uint16

// The hints.
const (
	hintPreferred        lineHint = 1 << iota // "is a plus", "bonus", "helpful"
	hintNotExpected                           // "we don't expect you to know"
	hintCert                                  // a word every certification name or abbreviation holds
	hintDegree                                // "degree", "bachelor", "BSc"
	hintYearsContext                          // "experience", "professional"
	hintNoDegree                              // "no degree required"
	hintDegreeEquivalent                      // "or equivalent experience"
	hintPreferredAfter                        // "preferably", "ideally": what follows is preferred
)

// certForms are the ways a job or resume names a catalog certification.
type certForms struct {
	exact   []string // abbreviations, matched in this case: "CKA"
	anyCase []string // names, lowercased: "certified kubernetes administrator"
}

// jobWords is the embedded vocabulary.
var jobWords = sync.OnceValue(mustLoad(loadJobWords, jobWordsJSON))

func loadJobWords(data []byte) (*jobVocabulary, error) {
	var doc struct {
		Version  int `json:"version"`
		Headings struct {
			Ignored   []string `json:"ignored"`
			Preferred []string `json:"preferred"`
			Required  []string `json:"required"`
			Stack     []string `json:"stack"`
		} `json:"headings"`
		PreferredInline []string `json:"preferred_inline"`
		PreferredAfter  []string `json:"preferred_after"`
		NotExpected     []string `json:"not_expected"`
		MetadataLabels  []string `json:"metadata_labels"`
		Alternatives    struct {
			Before       []string `json:"before"`
			After        []string `json:"after"`
			NextSentence []string `json:"next_sentence"`
		} `json:"alternatives"`
		Certifications map[string]struct {
			Exact   []string `json:"exact"`
			AnyCase []string `json:"any_case"`
		} `json:"certifications"`
		Degrees          map[string][]string `json:"degrees"`
		DegreeEquivalent []string            `json:"degree_equivalent"`
		NoDegree         []string            `json:"no_degree"`
		Seniority        map[string]int      `json:"seniority"`
		Roles            map[string][]string `json:"roles"`
		RoleOrder        []string            `json:"role_order"`
		RoleNouns        []string            `json:"role_nouns"`
		TitleLabels      []string            `json:"title_labels"`
		YearsContext     []string            `json:"years_context"`
		HeadingNouns     []string            `json:"heading_nouns"`
		CertHints        []string            `json:"cert_hints"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("ats: load job words: %w", err)
	}
	if doc.Version != 1 {
		return nil, fmt.Errorf("ats: load job words: unknown version %d", doc.Version)
	}
	lower := func(list []string) []string {
		out := make([]string, len(list))
		for i, s := range list {
			out[i] = strings.ToLower(s)
		}
		return out
	}
	for _, level := range degreeLevels {
		if len(doc.Degrees[level]) == 0 {
			return nil, fmt.Errorf("ats: load job words: no forms for the %s degree", level)
		}
	}
	for _, role := range doc.RoleOrder {
		if len(doc.Roles[role]) == 0 {
			return nil, fmt.Errorf("ats: load job words: role %q has no forms", role)
		}
	}
	certs := map[string]certForms{}
	var certIDs []string
	for id, c := range doc.Certifications {
		certs[id] = certForms{exact: c.Exact, anyCase: lower(c.AnyCase)}
		certIDs = append(certIDs, id)
	}
	slices.Sort(certIDs)
	degrees := map[string][]string{}
	for level, forms := range doc.Degrees {
		degrees[level] = lower(forms)
	}
	phrases, hints, err := compilePhrases(map[lineHint][]string{
		hintPreferred: doc.PreferredInline, hintNotExpected: doc.NotExpected, hintCert: doc.CertHints,
		hintDegree: append(slices.Concat(doc.Degrees["associate"], doc.Degrees["bachelor"], doc.Degrees["master"],
			doc.Degrees["doctorate"]), "degree", "degrees"),
		hintYearsContext: doc.YearsContext, hintNoDegree: doc.NoDegree, hintDegreeEquivalent: doc.DegreeEquivalent,
		hintPreferredAfter: doc.PreferredAfter,
	})
	if err != nil {
		return nil, fmt.Errorf("ats: load job words: %w", err)
	}
	return &jobVocabulary{
		degrees:      degrees,
		certs:        certs,
		seniority:    doc.Seniority,
		roles:        paddedForms(doc.Roles),
		roleOrder:    doc.RoleOrder,
		roleNouns:    lower(doc.RoleNouns),
		titleLabels:  normalized(doc.TitleLabels),
		headingNouns: normalized(doc.HeadingNouns),
		certIDs:      certIDs,
		phrases:      phrases,
		phraseHints:  hints,
		version:      doc.Version,
		ignored:      indexPhrases(padded(doc.Headings.Ignored)),
		preferred:    indexPhrases(padded(doc.Headings.Preferred)),
		required:     indexPhrases(padded(doc.Headings.Required)),
		stack:        indexPhrases(padded(doc.Headings.Stack)),
		metadata:     padded(doc.MetadataLabels),
		altBefore:    lower(doc.Alternatives.Before),
		altAfter:     lower(doc.Alternatives.After),
		altNext:      lower(doc.Alternatives.NextSentence),
	}, nil
}

// phraseIndex holds phrases padded with spaces (" nice to have ") by their first word.
type phraseIndex map[string][]string

func indexPhrases(padded []string) phraseIndex {
	idx := phraseIndex{}
	for _, p := range padded {
		w := p[1 : 1+strings.IndexByte(p[1:], ' ')]
		idx[w] = append(idx[w], p)
	}
	return idx
}

// paddedForms returns the forms of each key between spaces, for whole-word lookups.
func paddedForms(m map[string][]string) map[string][][]byte {
	out := make(map[string][][]byte, len(m))
	for k, forms := range m {
		for _, f := range forms {
			out[k] = append(out[k], []byte(" "+f+" "))
		}
	}
	return out
}

// ParseJob is shorthand for Parser{}.ParseJob(text).
func ParseJob(text string) (Job, error) { return Parser{}.ParseJob(text) }

// ParseJob reads a job description and gives each line a [Level]. A heading decides the
// level of the lines under it until the next heading ("Requirements", "What you bring" →
// required; "Nice to have", "Bonus", "Our stack", "Tech we use" → preferred; "Benefits",
// "Perks", "Pay transparency", "What's in it for you", "About us" → ignored); a bold line
// or a label with no level inside a part does not end it. A line can set its own level:
// "Kafka is a plus", "Bonus: GraphQL" and "familiarity with Rust is helpful" are preferred
// anywhere; in a line of several sentences such a phrase prefers only its own sentence, or
// the parenthesis it stands in ("Python and AWS. Nice-to-haves are Terraform, Docker";
// "(we use Snowflake)"), and "preferably" only what follows it ("3+ years of Go,
// preferably in fintech" still asks the years). Metadata lines ("Industry: …", "Location:
// …") are ignored, and "we don't expect you to know all of these" makes its whole part
// preferred. A role's title is no heading of a stack ("Full Stack Software Developer").
// Empty, oversized and binary input is an error wrapping [ErrEmpty], [ErrTooLarge] or
// [ErrBinary].
func (p Parser) ParseJob(text string) (Job, error) {
	if err := p.check("job", text); err != nil {
		return Job{}, err
	}
	words := jobWords()
	j := Job{Text: text}
	level := Required
	part := 0 // index in j.Lines of the first line of the current part
	lines := splitLines(text)
	hints := words.hints(text, lines)
	j.Lines = make([]JobLine, 0, len(lines))
	for i, l := range lines {
		trimmed := strings.TrimSpace(l.text)
		if trimmed == "" || isUnderline(trimmed) {
			continue
		}
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1].text
		}
		jl := JobLine{Text: trimmed, Start: l.start + strings.Index(l.text, trimmed), Number: l.number, Level: level,
			hints: hints[i]}
		if jl.hints&hintCert != 0 {
			jl.certs = words.certSpans(trimmed, strings.ToLower(trimmed))
		}
		own := false // the line set its own level
		h := parseHeading(trimmed, next)
		if h.style == notHeading && bulletMarker(trimmed) == 0 && wording.AtMostWords(trimmed, 5) && !strings.HasSuffix(trimmed, ".") {
			// A plain short line ("Nice to have", "Benefits") is a heading when it is a
			// heading phrase; "Kafka is a plus" is not.
			h = heading{label: trimmed, prefixOnly: true, style: labelHeading}
		}
		if h.style != notHeading {
			hl, ok := words.headingLevel(h.label, h.prefixOnly)
			switch {
			case h.inline && words.isMetadata(h.label):
				jl.Level, own = Ignored, true // "Industry: Agile Software Development"
			case ok && h.inline:
				// "Nice to have: GraphQL" sets its own line only.
				jl.Level, own = hl, true
			case ok:
				level, jl.Level, jl.Heading = hl, hl, true
				part = len(j.Lines)
			case !h.inline && strings.HasPrefix(normalizeLabel(h.label), "about "):
				// "About Northwind Labs" describes the company; "About the role" and
				// "About you" are known required phrases, matched above.
				level, jl.Level, jl.Heading = Ignored, Ignored, true
				part = len(j.Lines)
			case h.style == markdownHeading || h.style == underlinedHeading:
				// A real heading that names no level ("## Payments Platform") starts a new
				// part of the posting: what it names is asked for, whatever the part before
				// it was. A bold line or a label does not: inside benefits, "**Health**"
				// stays a benefit.
				level, jl.Level, jl.Heading = Required, Required, true
				part = len(j.Lines)
			}
		}
		if !own && !jl.Heading && level != Ignored && jl.Level != Preferred && jl.hints&(hintPreferred|hintPreferredAfter) != 0 {
			// The phrase prefers the sentence or parenthesis it stands in; a line that is
			// one such part is preferred as a whole.
			jl.preferred = words.preferredParts(trimmed)
			if len(jl.preferred) == 1 && jl.preferred[0] == [2]int{0, len(trimmed)} {
				jl.Level, jl.preferred = Preferred, nil
			}
		}
		j.Lines = append(j.Lines, jl)
		if level != Ignored && jl.hints&hintNotExpected != 0 {
			// "We don't expect you to know all of these": the whole part, before and after
			// this line, is preferred.
			level = Preferred
			for k := part; k < len(j.Lines); k++ {
				if j.Lines[k].Level == Required {
					j.Lines[k].Level = Preferred
				}
			}
		}
	}
	j.reqs = parseJobRequirements(j, true)
	return j, nil
}

// compilePhrases builds one matcher over the phrases of every hint. A phrase that holds
// another ("no degree required" holds "degree") carries the other's hints too, since the
// matcher reports only the longer one.
func compilePhrases(byHint map[lineHint][]string) (*textmatch.Matcher, []lineHint, error) {
	hintOf := map[string]lineHint{}
	var texts []string
	for h := hintPreferred; h <= hintPreferredAfter; h <<= 1 {
		for _, p := range byHint[h] {
			p = strings.ToLower(strings.Join(strings.Fields(p), " "))
			if p == "" {
				continue
			}
			if _, seen := hintOf[p]; !seen {
				texts = append(texts, p)
			}
			hintOf[p] |= h
		}
	}
	pats := make([]textmatch.Pattern, len(texts))
	hints := make([]lineHint, len(texts))
	for i, p := range texts {
		pats[i] = textmatch.Pattern{Text: p}
		hints[i] = hintOf[p]
		for _, q := range texts {
			if q != p && indexWord(p, q) >= 0 {
				hints[i] |= hintOf[q]
			}
		}
	}
	m, err := textmatch.Compile(pats)
	if err != nil {
		return nil, nil, err
	}
	return m, hints, nil
}

// hints scans text once and returns, for each of its lines, what the line says.
func (v *jobVocabulary) hints(text string, lines []rawLine) []lineHint {
	out := make([]lineHint, len(lines))
	var buf [32]textmatch.Match
	li := 0
	for _, m := range v.phrases.AppendMatchesWith(buf[:0], text, textmatch.ScanOptions{Overlaps: true}) {
		for li+1 < len(lines) && lines[li+1].start <= m.Start {
			li++
		}
		out[li] |= v.phraseHints[m.Pattern]
	}
	return out
}

// lineHints is hints for one line of a Job built by hand.
func (v *jobVocabulary) lineHints(text string) lineHint {
	return v.hints(text, []rawLine{{text: text}})[0]
}

func normalized(phrases []string) []string {
	out := make([]string, len(phrases))
	for i, p := range phrases {
		out[i] = normalizeLabel(p)
	}
	return out
}

func padded(phrases []string) []string {
	out := make([]string, len(phrases))
	for i, p := range phrases {
		out[i] = " " + normalizeLabel(p) + " "
	}
	return out
}

// headingLevel returns the level a heading label sets, if it names one. With prefixOnly (a
// plain short line) the label must be the phrase, start with a phrase of two words or more
// ("Nice to have skills"), or be a phrase followed by heading nouns ("Preferred
// Qualifications"), so that "Pay attention to detail" is no heading.
// fullStack is written as one word in a heading, so that it is not read as the stack.
var fullStack = []byte(" full stack ")

func (v *jobVocabulary) headingLevel(label string, prefixOnly bool) (Level, bool) {
	// "Full Stack Software Developer" names a role, not the stack.
	var buf [2*maxHeadingLen + 2]byte
	norm := append(appendNormalLabel(append(buf[:0], ' '), label), ' ')
	for from := 0; ; {
		i := bytes.Index(norm[from:], fullStack)
		if i < 0 {
			break
		}
		i += from
		norm = append(norm[:i+len(" full")], norm[i+len(" full "):]...)
		from = i + len(fullStack) - 1 // after the replacement, as strings.ReplaceAll goes on
	}
	l := string(norm)
	hasPhrase := func(phrases phraseIndex) bool {
		// A phrase " w …" can stand only where a word w of the label starts, and with
		// prefixOnly only at its first word.
		for at := 0; at+1 < len(l); {
			end := at + 1 + strings.IndexByte(l[at+1:], ' ')
			for _, p := range phrases[l[at+1:end]] {
				switch {
				case !prefixOnly && strings.HasPrefix(l[at:], p):
					return true
				case prefixOnly && (l == p || strings.Count(p, " ") > 2 && strings.HasPrefix(l, p) ||
					strings.HasPrefix(l, p) && v.onlyHeadingNouns(l[len(p):])):
					return true
				}
			}
			if prefixOnly {
				break
			}
			at = end
		}
		return false
	}
	switch {
	case hasPhrase(v.ignored):
		return Ignored, true
	case hasPhrase(v.preferred):
		return Preferred, true
	case hasPhrase(v.required):
		return Required, true
	case hasPhrase(v.stack):
		return Preferred, true
	}
	return "", false
}

// onlyHeadingNouns reports whether s is made only of words that may follow a heading
// phrase on a plain heading line: "Preferred Qualifications", "Bonus Points".
func (v *jobVocabulary) onlyHeadingNouns(s string) bool {
	words := strings.Fields(s)
	for _, w := range words {
		if !slices.Contains(v.headingNouns, w) {
			return false
		}
	}
	return len(words) > 0
}

// isMetadata reports whether an inline label ("Industry", "Location") labels a fact about
// the posting rather than something asked of the applicant.
func (v *jobVocabulary) isMetadata(label string) bool {
	l := " " + normalizeLabel(label) + " "
	for _, p := range v.metadata {
		if l == p {
			return true
		}
	}
	return false
}

// preferredParts returns the parts of a line that a preferred phrase ("is a plus",
// "nice-to-haves are", "preferably") marks as preferred, as byte ranges of line: the
// parenthesis the phrase stands in, or else its sentence; after "preferably" and
// "ideally", only the rest of it ("3+ years of Go, preferably in fintech").
func (v *jobVocabulary) preferredParts(line string) [][2]int {
	var out [][2]int
	var buf [8]textmatch.Match
	for _, m := range v.phrases.AppendMatchesWith(buf[:0], strings.ToLower(line), textmatch.ScanOptions{Overlaps: true}) {
		h := v.phraseHints[m.Pattern]
		if h&(hintPreferred|hintPreferredAfter) == 0 {
			continue
		}
		part, ok := parenthesisAround(line, m.Start, m.End)
		if !ok {
			part = sentenceAround(line, m.Start, m.End)
		}
		if h&hintPreferred == 0 {
			part[0] = m.Start
		}
		if n := len(out); n > 0 && part[0] <= out[n-1][1] {
			out[n-1] = [2]int{min(out[n-1][0], part[0]), max(out[n-1][1], part[1])}
			continue
		}
		out = append(out, part)
	}
	return out
}

// parenthesisAround returns the range of the parenthesis that holds line[start:end],
// brackets included, if one does.
func parenthesisAround(line string, start, end int) ([2]int, bool) {
	open := strings.LastIndexByte(line[:start], '(')
	if open < 0 || strings.IndexByte(line[open:start], ')') >= 0 {
		return [2]int{}, false
	}
	closing := strings.IndexByte(line[end:], ')')
	if closing < 0 {
		return [2]int{}, false
	}
	return [2]int{open, end + closing + 1}, true
}

// sentenceAround returns the range of the sentence of line that holds line[start:end]. A
// sentence ends at ".", "!" or "?" followed by a space and a capital letter, unless the dot
// ends an abbreviation ("e.g. React", "etc. Kafka").
func sentenceAround(line string, start, end int) [2]int {
	from, to := 0, len(line)
	for i := 0; i+2 < len(line); i++ {
		if !sentenceEnd(line, i) {
			continue
		}
		switch {
		case i < start:
			from = i + 2
		case i >= end-1:
			return [2]int{from, i + 1}
		}
	}
	return [2]int{from, to}
}

// sentenceEnd reports whether line[i] ends a sentence: a full stop, "!" or "?" followed by
// a space and a capital letter, the full stop not ending an abbreviation.
func sentenceEnd(line string, i int) bool {
	c := line[i]
	if c != '.' && c != '!' && c != '?' || line[i+1] != ' ' || line[i+2] < 'A' || line[i+2] > 'Z' {
		return false
	}
	if c != '.' {
		return true
	}
	w := strings.ToLower(line[strings.LastIndexAny(line[:i], " (")+1 : i])
	switch w {
	case "eg", "ie", "etc", "vs", "incl", "approx":
		return false
	}
	return len(w) > 1 && !strings.Contains(w, ".") // "J. Smith", "e.g. React", "U.S. Citizen"
}

// levelAt returns the level of what the job names at byte offset off of line li: the line's
// level, or preferred in a part of the line that says so.
func (j Job) levelAt(li, off int) Level { return j.Lines[li].levelAt(off - j.Lines[li].Start) }

// levelAt returns the level of what the line names at byte offset off of its text.
func (l JobLine) levelAt(off int) Level {
	for _, p := range l.preferred {
		if off >= p[0] && off < p[1] {
			return Preferred
		}
	}
	return l.Level
}

// lineAt returns the index of the line holding byte offset off, or -1.
func (j Job) lineAt(off int) int {
	i := sort.Search(len(j.Lines), func(i int) bool { return j.Lines[i].Start > off }) - 1
	if i >= 0 && off < j.Lines[i].Start+len(j.Lines[i].Text) {
		return i
	}
	return -1
}
