package ats

import (
	"sort"
	"strings"
)

// Level says how much a line of a job description asks for what it names.
type Level string

// The levels of a job description line.
const (
	// Required lines are under a requirements heading, or under none that says otherwise
	// (duties and the role's description count as required).
	Required Level = "required"
	// Preferred lines are under "Nice to have", "Preferred", "Bonus" and the like, or say
	// "is a plus" themselves.
	Preferred Level = "preferred"
	// Ignored lines describe benefits and perks; what they name is not asked of the applicant.
	Ignored Level = "ignored"
)

// Job is a parsed job description.
type Job struct {
	// Text is the job description the offsets refer to.
	Text string
	// Lines are its non-blank lines, headings included, each with its level.
	Lines []JobLine
}

// JobLine is one non-blank line of a job description.
type JobLine struct {
	Text    string // the line, trimmed
	Start   int    // byte offset of Text in Job.Text
	Number  int    // 1-based line number
	Level   Level
	Heading bool // whether the line is a heading that set the level of the lines after it
}

// Phrases that set the level of a heading, checked in this order: "Preferred
// qualifications" is preferred although "qualifications" alone is required.
var (
	preferredHeadings = []string{"nice to have", "nice to haves", "nice-to-have", "preferred", "bonus", "plus", "pluses",
		"good to have", "extra credit", "even better", "would be great", "would be nice", "optional", "desirable",
		"desired", "not required", "advantage", "advantageous", "prefer"}
	requiredHeadings = []string{"requirement", "requirements", "required", "must have", "must-have", "must haves",
		"what you bring", "what you'll bring", "what you will bring", "what you need", "what you'll need",
		"looking for", "qualifications", "you have", "you should have", "who you are", "about you", "skills",
		"what you'll do", "what you will do", "responsibilities", "the role", "your role", "duties"}
	ignoredHeadings = []string{"benefits", "perks", "what we offer", "we offer", "compensation", "salary",
		"equal opportunity", "how to apply", "our values"}
	// preferredInline marks one line preferred wherever it stands.
	preferredInline = []string{"is a plus", "are a plus", "a big plus", "nice to have", "nice-to-have", "bonus points",
		"is a bonus", "preferred", "ideally", "not required", "an advantage", "advantageous", "would be nice",
		"would be great", "we'd love", "we would love", "is desirable", "strongly prefer"}
)

// ParseJob is shorthand for Parser{}.ParseJob(text).
func ParseJob(text string) (Job, error) { return Parser{}.ParseJob(text) }

// ParseJob reads a job description and gives each line a [Level] from the headings above it
// ("Requirements", "Must have", "What you bring" → required; "Nice to have", "Preferred",
// "Bonus" → preferred; "Benefits", "Perks" → ignored) and from the line itself ("Kafka is a
// plus" is preferred under any heading). Empty, oversized and binary input is an error
// wrapping [ErrEmpty], [ErrTooLarge] or [ErrBinary].
func (p Parser) ParseJob(text string) (Job, error) {
	if err := p.check("job", text); err != nil {
		return Job{}, err
	}
	j := Job{Text: text}
	level := Required
	lines := splitLines(text)
	for i, l := range lines {
		trimmed := strings.TrimSpace(l.text)
		if trimmed == "" || isUnderline(trimmed) {
			continue
		}
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1].text
		}
		jl := JobLine{Text: trimmed, Start: l.start + strings.Index(l.text, trimmed), Number: l.number, Level: level}
		own := false // the line set its own level
		h := parseHeading(trimmed, next)
		if h.style == notHeading && bulletMarker(trimmed) == 0 && wordCount(trimmed) <= 5 && !strings.HasSuffix(trimmed, ".") {
			// A plain short line ("Nice to have", "Benefits") is a heading when it starts with
			// a heading phrase; "Kafka is a plus" does not.
			h = heading{label: trimmed, prefixOnly: true, style: labelHeading}
		}
		if h.style != notHeading {
			hl, ok := headingLevel(h.label, h.prefixOnly)
			switch {
			case ok && h.inline:
				// "Nice to have: GraphQL" sets its own line only.
				jl.Level, own = hl, true
			case ok:
				level, jl.Level, jl.Heading = hl, hl, true
			case !h.prefixOnly && !h.inline:
				// A heading that names no level ("Our tech stack") starts a new part of the
				// posting: what it names is asked for, whatever the part before it was.
				level, jl.Level, jl.Heading = Required, Required, true
			}
		}
		if !own && !jl.Heading && level != Ignored && containsAny(strings.ToLower(trimmed), preferredInline) {
			jl.Level = Preferred
		}
		j.Lines = append(j.Lines, jl)
	}
	return j, nil
}

// The heading phrases normalized once, each padded with spaces so that matching is by whole
// words: " nice to have ".
var (
	ignoredPhrases   = padded(ignoredHeadings)
	preferredPhrases = padded(preferredHeadings)
	requiredPhrases  = padded(requiredHeadings)
)

func padded(phrases []string) []string {
	out := make([]string, len(phrases))
	for i, p := range phrases {
		out[i] = " " + normalizeLabel(p) + " "
	}
	return out
}

// headingLevel returns the level a heading label sets, if it names one. With prefixOnly the
// label must start with the phrase.
func headingLevel(label string, prefixOnly bool) (Level, bool) {
	l := " " + normalizeLabel(label) + " "
	hasPhrase := func(phrases []string) bool {
		for _, p := range phrases {
			if prefixOnly && strings.HasPrefix(l, p) || !prefixOnly && strings.Contains(l, p) {
				return true
			}
		}
		return false
	}
	switch {
	case hasPhrase(ignoredPhrases):
		return Ignored, true
	case hasPhrase(preferredPhrases):
		return Preferred, true
	case hasPhrase(requiredPhrases):
		return Required, true
	case strings.HasPrefix(l, " about "):
		return Required, true // "About us", "About the team": part of the role's description
	}
	return "", false
}

func containsAny(s string, phrases []string) bool {
	for _, p := range phrases {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// lineAt returns the index of the line holding byte offset off, or -1.
func (j Job) lineAt(off int) int {
	i := sort.Search(len(j.Lines), func(i int) bool { return j.Lines[i].Start > off }) - 1
	if i >= 0 && off < j.Lines[i].Start+len(j.Lines[i].Text) {
		return i
	}
	return -1
}
