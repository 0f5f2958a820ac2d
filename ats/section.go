package ats

import (
	"sort"
	"strings"
)

// SectionKind is what a resume section holds.
type SectionKind string

// The kinds of resume section.
const (
	Summary        SectionKind = "summary"
	Skills         SectionKind = "skills"
	Experience     SectionKind = "experience"
	Projects       SectionKind = "projects"
	Education      SectionKind = "education"
	Certifications SectionKind = "certifications"
	Other          SectionKind = "other"
)

// headNouns maps a word of a heading to the kind of section it names. A heading takes the
// kind of its head noun, the last of its words found here: "Technical Skills" → skills,
// "Relevant Experience" → experience, "Career Objective" → summary, "Licenses &
// Certifications" → certifications.
var headNouns = map[string]SectionKind{
	"summary": Summary, "profile": Summary, "objective": Summary, "overview": Summary, "about": Summary,

	"skills": Skills, "skill": Skills, "competencies": Skills, "competences": Skills, "stack": Skills,
	"technologies": Skills, "proficiencies": Skills, "expertise": Skills, "toolbox": Skills, "tools": Skills,

	"experience": Experience, "employment": Experience, "work": Experience, "career": Experience,
	"positions": Experience,

	"projects": Projects, "project": Projects, "portfolio": Projects,

	"education": Education, "academic": Education, "degrees": Education,

	"certifications": Certifications, "certification": Certifications, "certificates": Certifications,
	"licenses": Certifications, "credentials": Certifications,

	"awards": Other, "honors": Other, "publications": Other, "interests": Other, "hobbies": Other,
	"volunteering": Other, "volunteer": Other, "references": Other, "activities": Other,
	"leadership": Other, "achievements": Other, "contact": Other, "languages": Other,
	"coursework": Education, "courses": Education, "training": Education,
	"qualifications": Skills, "highlights": Summary,
}

// headingModifiers are the other words a heading made only of heading words may use:
// "Professional Experience", "Top Skills", "Areas of Expertise".
var headingModifiers = map[string]bool{
	"professional": true, "technical": true, "relevant": true, "top": true, "core": true, "key": true,
	"selected": true, "side": true, "personal": true, "additional": true, "other": true, "notable": true,
	"recent": true, "related": true, "areas": true, "area": true, "of": true, "and": true, "history": true,
	"background": true, "source": true, "open": true, "tech": true, "the": true, "my": true, "honors": true,
	"industry": true, "software": true, "engineering": true, "programming": true, "work": true,
	"skills": true, "volunteer": true, "certified": true, "summary": true,
}

// headPhrases name sections whose head noun would mislead: "Volunteer Work" is not work
// experience. They are checked before headNouns.
var headPhrases = map[string]SectionKind{
	"volunteer work": Other, "volunteer experience": Other, "open source": Projects,
	"summary of qualifications": Summary, "career highlights": Experience,
}

// subLabels are heading words that also label lines inside other sections: "Tech stack: Go,
// Kafka" inside a job entry, "Languages: Go, Python" inside a skills section. Inside the
// sections listed they do not start a new section.
var subLabels = map[string][]SectionKind{
	"stack": {Experience, Projects}, "technologies": {Experience, Projects}, "tools": {Experience, Projects},
	"toolbox": {Experience, Projects}, "environment": {Experience, Projects},
	"languages": {Skills, Experience, Projects},
}

// classify returns the kind of section a heading label names, and the kinds of section in
// which the label is only a sub-label (see subLabels).
func classify(label string) (kind SectionKind, within []SectionKind, ok bool) {
	words := strings.Fields(normalizeLabel(label))
	if len(words) == 0 || len(words) > 5 {
		return "", nil, false
	}
	joined := " " + strings.Join(words, " ") + " "
	for phrase, k := range headPhrases {
		if strings.Contains(joined, " "+phrase+" ") {
			return k, nil, true
		}
	}
	for i := len(words) - 1; i >= 0; i-- {
		if k, found := headNouns[words[i]]; found {
			return k, subLabels[words[i]], true
		}
	}
	return "", nil, false
}

// Section is one section of a resume.
type Section struct {
	Kind SectionKind
	// Heading is the heading as written, without Markdown markers; empty for the text before
	// the first heading.
	Heading string
	// Line is the 1-based line number of the heading (of the first line, without one).
	Line int
	// Start and End are byte offsets of the section, heading included, in [Resume.Text].
	Start, End int
	// Lines are the section's non-blank content lines, headings excluded.
	Lines []Line
}

// Line is one non-blank content line of a resume.
type Line struct {
	// Text is the line without its list marker and surrounding spaces.
	Text string
	// Start is the byte offset of Text in [Resume.Text].
	Start int
	// Number is the 1-based line number.
	Number int
	// Bullet reports whether the line is a list item (-, *, +, •, ●, ▪, –, "1.").
	Bullet bool
}

// Resume is a parsed resume: its text, divided into sections.
type Resume struct {
	// Text is the resume text the offsets refer to. For JSON Resume input it is the text
	// ParseJSONResume renders from the document.
	Text     string
	Sections []Section
}

// ParseResume is shorthand for Parser{}.ParseResume(text).
func ParseResume(text string) (Resume, error) { return Parser{}.ParseResume(text) }

// ParseResume divides a plain-text or Markdown resume into sections. Headings are
// recognised as Markdown headings ("## Experience"), underlined lines, ALL-CAPS lines,
// "Heading:" lines and bold lines, and named through a table of head nouns ("Technical
// Skills", "Core Competencies" and "Tech Stack" are skills; "Work Experience" and
// "Employment History" are experience). Text before the first heading is a section of kind
// [Other] with no heading. Empty, oversized and binary input is an error wrapping [ErrEmpty],
// [ErrTooLarge] or [ErrBinary].
func (p Parser) ParseResume(text string) (Resume, error) {
	if err := p.check("resume", text); err != nil {
		return Resume{}, err
	}
	r := Resume{Text: text}
	lines := splitLines(text)
	var cur *Section
	curLevel := 0
	open := func(kind SectionKind, label string, l rawLine, level int) {
		r.Sections = append(r.Sections, Section{Kind: kind, Heading: label, Line: l.number, Start: l.start})
		cur, curLevel = &r.Sections[len(r.Sections)-1], level
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		trimmed := strings.TrimSpace(l.text)
		if trimmed == "" || isUnderline(trimmed) && (i == 0 || strings.TrimSpace(lines[i-1].text) == "") {
			continue // blank lines and horizontal rules
		}
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1].text
		}
		if h := parseHeading(trimmed, next); h.style != notHeading {
			kind, within, known := classify(h.label)
			sub := cur != nil && containsKind(within, cur.Kind)
			var starts bool
			switch {
			case known && (h.inline || h.style == plainHeading || h.style == labelHeading):
				starts = !sub
			case known:
				starts = true
			case h.style == markdownHeading || h.style == underlinedHeading:
				// An unknown heading at the level of the current section, or above it, ends it;
				// a deeper one ("### Senior Engineer, Acme") is an entry inside it.
				starts = cur == nil || curLevel == 0 || h.level <= curLevel
				kind = Other
			}
			if starts {
				open(kind, h.label, l, h.level)
				if h.style == underlinedHeading {
					i++ // the underline
				}
				if h.inline {
					start := l.start + strings.Index(l.text, h.rest)
					cur.Lines = append(cur.Lines, Line{Text: h.rest, Start: start, Number: l.number})
				}
				continue
			}
		}
		if cur == nil {
			open(Other, "", l, 0)
		}
		text, start := trimmed, l.start+strings.Index(l.text, trimmed)
		bullet := false
		if n := bulletMarker(trimmed); n > 0 {
			rest := strings.TrimLeft(trimmed[n:], " \t")
			start += len(trimmed) - len(rest)
			text, bullet = rest, true
		}
		cur.Lines = append(cur.Lines, Line{Text: text, Start: start, Number: l.number, Bullet: bullet})
	}
	for i := range r.Sections {
		if i+1 < len(r.Sections) {
			r.Sections[i].End = r.Sections[i+1].Start
		} else {
			r.Sections[i].End = len(text)
		}
	}
	return r, nil
}

// HasSection reports whether the resume has a section of the given kind.
func (r Resume) HasSection(kind SectionKind) bool {
	for _, s := range r.Sections {
		if s.Kind == kind {
			return true
		}
	}
	return false
}

// Bullets returns the lines that describe work in the sections of the given kinds (by
// default experience and projects), in order: the list items, or, in a section written as
// paragraphs with no list items, its lines of five words or more.
func (r Resume) Bullets(kinds ...SectionKind) []Line {
	if len(kinds) == 0 {
		kinds = []SectionKind{Experience, Projects}
	}
	var out []Line
	for _, s := range r.Sections {
		if !containsKind(kinds, s.Kind) {
			continue
		}
		out = append(out, s.bullets()...)
	}
	return out
}

func (s Section) bullets() []Line {
	var listed, prose []Line
	for _, l := range s.Lines {
		switch {
		case l.Bullet:
			listed = append(listed, l)
		case wordCount(l.Text) >= 5:
			prose = append(prose, l)
		}
	}
	if len(listed) > 0 {
		return listed
	}
	return prose
}

func containsKind(kinds []SectionKind, k SectionKind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// sectionAt returns the index of the section holding byte offset off, or -1.
func (r Resume) sectionAt(off int) int {
	i := sort.Search(len(r.Sections), func(i int) bool { return r.Sections[i].End > off })
	if i < len(r.Sections) && r.Sections[i].Start <= off {
		return i
	}
	return -1
}
