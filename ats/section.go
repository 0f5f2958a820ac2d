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
	"unicode"
	"unicode/utf8"

	"github.com/resumekit/resumekit/internal/wording"
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

//go:embed section_words.json
var sectionWordsJSON []byte

// vocabulary is the heading vocabulary of section_words.json, ready to look up.
type vocabulary struct {
	version   int
	nouns     map[string]SectionKind   // head noun → kind
	words     map[string]bool          // every word a heading may use
	phrases   []string                 // longest first
	padded    [][]byte                 // the phrases between spaces, in the same order
	phraseOf  map[string]SectionKind   // phrase → kind
	subLabels map[string][]SectionKind // head noun → sections in which it only labels a line
}

// headingWords is the embedded vocabulary.
var headingWords = sync.OnceValue(mustLoad(loadVocabulary, sectionWordsJSON))

// mustLoad returns a loader of embedded data that panics if the data is broken: that is a
// programmer error, caught by the package's tests.
func mustLoad[T any](load func([]byte) (T, error), data []byte) func() T {
	return func() T {
		v, err := load(data)
		if err != nil {
			panic(err)
		}
		return v
	}
}

func loadVocabulary(data []byte) (*vocabulary, error) {
	var doc struct {
		Version   int                      `json:"version"`
		HeadNouns map[SectionKind][]string `json:"head_nouns"`
		Modifiers []string                 `json:"modifiers"`
		Phrases   map[string]SectionKind   `json:"phrases"`
		SubLabels map[string][]SectionKind `json:"sub_labels"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("ats: load section words: %w", err)
	}
	known := []SectionKind{Summary, Skills, Experience, Projects, Education, Certifications, Other}
	v := &vocabulary{version: doc.Version, nouns: map[string]SectionKind{}, words: map[string]bool{},
		phraseOf: map[string]SectionKind{}, subLabels: map[string][]SectionKind{}}
	word := func(w string) error {
		if w == "" || normalizeLabel(w) != w {
			return fmt.Errorf("ats: load section words: %q is not a normalized word", w)
		}
		v.words[w] = true
		return nil
	}
	for kind, nouns := range doc.HeadNouns {
		if !slices.Contains(known, kind) {
			return nil, fmt.Errorf("ats: load section words: unknown kind %q", kind)
		}
		for _, n := range nouns {
			if k, dup := v.nouns[n]; dup && k != kind {
				return nil, fmt.Errorf("ats: load section words: %q is both %s and %s", n, k, kind)
			}
			if err := word(n); err != nil {
				return nil, err
			}
			v.nouns[n] = kind
		}
	}
	for _, m := range doc.Modifiers {
		if err := word(m); err != nil {
			return nil, err
		}
	}
	for p, kind := range doc.Phrases {
		if !slices.Contains(known, kind) || normalizeLabel(p) != p {
			return nil, fmt.Errorf("ats: load section words: bad phrase %q → %q", p, kind)
		}
		for _, w := range strings.Fields(p) {
			v.words[w] = true
		}
		v.phrases = append(v.phrases, p)
		v.phraseOf[p] = kind
	}
	slices.SortFunc(v.phrases, func(a, b string) int {
		if d := len(b) - len(a); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	for _, p := range v.phrases {
		v.padded = append(v.padded, []byte(" "+p+" "))
	}
	for n, kinds := range doc.SubLabels {
		if _, ok := v.nouns[n]; !ok {
			return nil, fmt.Errorf("ats: load section words: sub-label %q is not a head noun", n)
		}
		v.subLabels[n] = kinds
	}
	return v, nil
}

// maxHeadingWords is the most words a section heading has ("Areas of Technical Expertise
// and Tools").
const maxHeadingWords = 6

// classify returns the kind of section a heading label names, and the kinds of section in
// which the label is only a sub-label ("Tech stack: Go" inside a job). A label names a
// section only when every one of its words is a heading word: "Work Experience" and
// "Berufserfahrung" do, "Full Stack Developer, Acme" and "Team Development and Training" do
// not. The kind is that of the phrase the label contains ("Volunteer Work" → other), else of
// its last head noun ("Technical Skills" → skills).
func classify(label string) (kind SectionKind, within []SectionKind, ok bool) {
	v := headingWords()
	// The label, normalised, between spaces: " work experience ", in a buffer on the
	// stack; a label longer than any heading is rejected as it grows.
	var buf [2*maxHeadingLen + 2]byte
	norm := append(buf[:0], ' ')
	words := 0
	var noun []byte
	for w, i := nextLabelWord(label, 0); w != ""; w, i = nextLabelWord(label, i) {
		// Each word is normalised and checked as it comes: most labels fail at the first.
		at := len(norm)
		norm = append(appendNormalWord(norm, w), ' ')
		w := norm[at : len(norm)-1]
		if !v.words[string(w)] || len(norm) > len(buf) {
			return "", nil, false
		}
		if _, found := v.nouns[string(w)]; found {
			noun = w // the last noun is the head
		}
		words++
	}
	if words == 0 || words > maxHeadingWords {
		return "", nil, false
	}
	for i, p := range v.padded {
		if bytes.Contains(norm, p) {
			return v.phraseOf[v.phrases[i]], v.subLabels[string(noun)], true
		}
	}
	if noun == nil {
		return "", nil, false
	}
	return v.nouns[string(noun)], v.subLabels[string(noun)], true
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
	// Lines are the section's non-blank content lines, headings of the section excluded;
	// a list item's wrapped continuation lines are joined into it.
	Lines []Line
	// Entries are the jobs, projects and degrees of an experience, projects or education
	// section, read from their header lines (see [Line.Header]), in order.
	Entries []Entry
}

// Line is one content line of a resume: one physical line, or a list item with the lines
// its text wraps onto.
type Line struct {
	// Text is the line without its list marker and surrounding spaces; a list item's
	// continuation lines are appended, each after one space.
	Text string
	// Start is the byte offset of the line's text in [Resume.Text], and End the offset just
	// past its last continuation line; for a line that does not wrap, End is
	// Start+len(Text).
	Start, End int
	// Number is the 1-based line number of its first line.
	Number int
	// Bullet reports whether the line is a list item (-, *, +, •, ●, ▪, –, ➢, 〓, o, "1.", or
	// a symbol such as 🔹 that starts the line next to it too).
	Bullet bool
	// Header reports whether the line heads an entry rather than describing work: a job's
	// title, company, place or dates ("Oracle - Bangalore, Karnataka", "November 2016 to
	// December 2017", "### Senior Engineer — Acme"). Header lines are never bullets.
	Header bool

	block int // lines of one block are not separated by a blank line or a list item
}

// Resume is a parsed resume: its text, divided into sections.
type Resume struct {
	// Text is the resume text the offsets refer to. For JSON Resume, Reactive Resume, DOCX
	// and PDF input it is the Markdown or text rendered from the document.
	Text string
	// Format is the format the resume was read from; ParseResume sets FormatText.
	Format   Format
	Sections []Section
}

// ParseResume is shorthand for Parser{}.ParseResume(text).
func ParseResume(text string) (Resume, error) { return Parser{}.ParseResume(text) }

// ParseResume divides a plain-text or Markdown resume into sections. Headings are
// recognised as Markdown headings ("## Experience"), underlined lines, ALL-CAPS lines,
// "Heading:" lines, bold lines and lines made only of heading words, decorated, numbered or
// not ("💼 EXPERIENCE", "2. Skills"), in English, German, French and Spanish. A heading
// starts a section only when the whole heading names one ("Technical Skills", "Work
// Experience", "Berufserfahrung"); a job or project heading ("### Full Stack Developer,
// Acme", "Devsisters Corp." underlined) stays an entry of its section. Wrapped list items are
// joined with their continuation lines, entry header lines (title, company, place, dates)
// are marked [Line.Header] and read into [Section.Entries], and YAML or TOML front matter is
// skipped. Text before the first heading is a section of kind [Other] with no heading. A
// UTF-8 byte order mark is dropped and UTF-16 with a byte order mark decoded. Empty,
// oversized and binary input is an error wrapping [ErrEmpty], [ErrTooLarge] or [ErrBinary].
func (p Parser) ParseResume(text string) (Resume, error) {
	text, err := decodeString(text)
	if err != nil {
		return Resume{}, err
	}
	if err := p.check("resume", text); err != nil {
		return Resume{}, err
	}
	r := Resume{Text: text, Format: FormatText}
	lines := splitLines(text)
	// lastHeading[n] is the index of the last line that is a Markdown heading of level n or
	// higher (fewer #), -1 for none.
	var lastHeading [7]int
	for n := range lastHeading {
		lastHeading[n] = -1
	}
	for i := range lines {
		unquote(&lines[i])
		if t := strings.TrimSpace(lines[i].text); strings.HasPrefix(t, "#") {
			if h := parseHeading(t, ""); h.style == markdownHeading {
				for n := h.level; n < len(lastHeading); n++ {
					lastHeading[n] = i
				}
			}
		}
	}
	var cur *Section
	// The sections' lines share one array, filled in order: each section's Lines is its
	// window of it, capped so that appending to one cannot write into the next.
	all, first := make([]Line, 0, len(lines)), 0
	r.Sections = make([]Section, 0, 8) // a resume has about this many
	addLine := func(l Line) {
		all = append(all, l)
		cur.Lines = all[first:len(all):len(all)]
	}
	curLevel := 0
	entryLevel := 0 // the level of cur's last Markdown entry heading, 0 before one
	body := false   // whether a skills, experience, projects or education section has opened
	// wrap holds the continuation lines of cur's last line until the next line comes:
	// joining them one at a time would copy a long item once per line.
	var wrap []string
	flush := func() {
		if len(wrap) > 0 {
			last := &cur.Lines[len(cur.Lines)-1]
			last.Text += " " + strings.Join(wrap, " ")
			wrap = wrap[:0]
		}
	}
	open := func(kind SectionKind, label string, l rawLine, level int) {
		if cur != nil {
			flush()
		}
		r.Sections = append(r.Sections, Section{Kind: kind, Heading: label, Line: l.number, Start: l.start})
		cur, curLevel, entryLevel, first = &r.Sections[len(r.Sections)-1], level, 0, len(all)
		body = body || kind == Skills || hasEntries(kind)
	}
	block := 0
	lastContent := -1 // index in lines of the last line added to cur.Lines
	for i := frontMatterEnd(lines); i < len(lines); i++ {
		l := lines[i]
		trimmed := strings.TrimSpace(l.text)
		if trimmed == "" || isUnderline(trimmed) && (i == 0 || strings.TrimSpace(lines[i-1].text) == "") {
			block++
			continue // blank lines and horizontal rules
		}
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1].text
		}
		h := parseHeading(trimmed, next)
		kind, within, known := SectionKind(""), []SectionKind(nil), false
		if h.style != notHeading {
			kind, within, known = classify(h.label)
		}
		if !known && h.style != markdownHeading && h.style != underlinedHeading &&
			cur != nil && lastContent == i-1 && continues(cur.Lines[len(cur.Lines)-1], wrap, lines[i-1].text, l.text) {
			wrap = append(wrap, trimmed)
			cur.Lines[len(cur.Lines)-1].End = l.start + strings.Index(l.text, trimmed) + len(trimmed)
			lastContent = i
			continue
		}
		entryHeading, subHeading := false, false
		if h.style != notHeading {
			sub := cur != nil && containsKind(within, cur.Kind)
			starts := false
			switch {
			case known && (h.style == markdownHeading || h.style == underlinedHeading):
				// A deeper heading of the section's own kind ("### Skills used" under
				// "## Skills"), or a sub-label, is part of the section.
				deeper := cur != nil && curLevel > 0 && h.level > curLevel
				starts = !(deeper && (kind == cur.Kind || sub))
				entryHeading = !starts
				// A heading under a job's heading ("##### Project Highlights" under "### Engineer,
				// Acme") heads part of the job, not a section.
				if starts && deeper && entryLevel > 0 && h.level > entryLevel && hasEntries(cur.Kind) {
					starts, subHeading = false, true
				}
			case known && !h.inline && cur != nil && curLevel > 0 && hasEntries(cur.Kind) && cur.Kind != Education &&
				lastHeading[min(curLevel, 6)] > i:
				// A resume whose sections are Markdown headings uses plain and "LABEL:"
				// headings inside them: "TECHNICAL SKILLS:" and "CONTENT STRATEGY:" under a job
				// of "#### WORK EXPERIENCE", with "#### VOLUNTEER WORK" still to come. With
				// no Markdown section heading after it, the heading starts a section.
				subHeading = true
			case known && h.inline && kind == Summary && body && cur.Kind != Summary:
				// "About: Handshake democratizes access …" under a job describes the job or
				// project; a summary opens a resume, it does not follow its other sections.
			case known && h.inline && cur != nil && (cur.Kind == Experience || cur.Kind == Projects) && inBlock(lines, i):
				// "Skills: Go, Kafka" between the lines of a job describes the job; a label
				// line standing alone ("Education: BSc, MIT" after a blank line) starts a
				// section.
			case known:
				// A plain or label heading of the section's own kind is a sub-heading:
				// "Programming languages" inside "Skills".
				starts = !sub && (cur == nil || kind != cur.Kind || cur.Heading == "")
			case h.style == markdownHeading || h.style == underlinedHeading:
				// An unknown heading is an entry (a job, a project, a school) when it is
				// deeper than the section's heading or reads like one; otherwise it starts a
				// section of its own ("## Talks", the name on top).
				entryHeading = cur != nil && cur.Heading != "" &&
					(curLevel == 0 || h.level > curLevel || looksLikeEntry(h.label) || dateFollows(lines, i))
				starts = !entryHeading
				kind = Other
			}
			if starts {
				open(kind, h.label, l, h.level)
				block++
				if h.style == underlinedHeading {
					i++ // the underline
				}
				lastContent = -1
				if h.inline {
					flush()
					start := l.start + strings.Index(l.text, h.rest)
					addLine(Line{Text: h.rest, Start: start, End: start + len(h.rest), Number: l.number, block: block})
					lastContent = i
				}
				continue
			}
		}
		if cur == nil {
			open(Other, "", l, 0)
		}
		text, start := trimmed, l.start+strings.Index(l.text, trimmed)
		bullet := false
		if entryHeading || subHeading {
			block++
			text = h.label
			// The label may differ from the line: a Markdown link keeps only its text.
			if at := strings.Index(l.text, h.label); at >= 0 {
				start = l.start + at
			}
			if h.style == underlinedHeading {
				i++
			}
		} else if n := max(bulletMarker(trimmed), symbolMarker(lines, i)); n > 0 {
			rest := trimIndent(trimmed[n:])
			start += len(trimmed) - len(rest)
			text, bullet = rest, true
			block++
		}
		flush()
		addLine(Line{Text: text, Start: start, End: start + len(text), Number: l.number,
			Bullet: bullet, Header: entryHeading, block: block})
		lastContent = i
		if entryHeading || subHeading {
			lastContent = -1 // a heading does not wrap
		}
		if subHeading {
			block++ // the lines under it are not an entry header
		}
		if entryHeading && h.style == markdownHeading && h.level > curLevel {
			entryLevel = h.level
		}
		if bullet {
			block++
		}
	}
	if cur != nil {
		flush()
	}
	for i := range r.Sections {
		if i+1 < len(r.Sections) {
			r.Sections[i].End = r.Sections[i+1].Start
		} else {
			r.Sections[i].End = len(text)
		}
		markEntries(&r.Sections[i])
		// Text before the first heading that holds dated jobs with list items is work
		// whose heading was lost: a PDF whose first page (name, summary, "Experience") is an
		// image starts with the jobs.
		if s := &r.Sections[i]; s.Kind == Other && s.Heading == "" && datedEntries(s.Entries) >= 2 &&
			slices.ContainsFunc(s.Lines, func(l Line) bool { return l.Bullet }) {
			s.Kind = Experience
		}
	}
	return r, nil
}

func datedEntries(entries []Entry) int {
	n := 0
	for _, e := range entries {
		if e.Dates != "" {
			n++
		}
	}
	return n
}

// symbolMarker returns the length in bytes of the symbol and space that line i (trimmed)
// starts with when the symbol marks list items: the line next to it starts with the same
// symbol ("🔹 Built …" under "🔹 Designed …"), and the line holds no date range ("📅 2024 -
// Present" heads an entry). It returns 0 otherwise.
func symbolMarker(lines []rawLine, i int) int {
	sym, ok := leadingSymbol(lines[i].text)
	if !ok || hasDateRange(lines[i].text) {
		return 0
	}
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(lines) {
			if other, ok := leadingSymbol(lines[j].text); ok && other == sym {
				return len(sym) + 1
			}
		}
	}
	return 0
}

// leadingSymbol returns the symbol (an emoji, with its variation selector) a line starts
// with when a space follows it.
func leadingSymbol(line string) (string, bool) {
	t := trimIndent(line)
	r, n := utf8.DecodeRuneInString(t)
	if n == 0 || !unicode.Is(unicode.So, r) {
		return "", false
	}
	if v, m := utf8.DecodeRuneInString(t[n:]); v == '\uFE0F' {
		n += m
	}
	if !strings.HasPrefix(t[n:], " ") {
		return "", false
	}
	return t[:n], true
}

// unquote drops the marker of a Markdown block quote ("> ***Software Engineer - 07/2015 to
// Present***"), in which some people quote a resume or a part of one.
func unquote(l *rawLine) {
	for {
		t := strings.TrimLeft(l.text, " ")
		if !strings.HasPrefix(t, ">") || len(t) > 1 && t[1] != ' ' {
			return
		}
		n := len(l.text) - len(t) + 1
		if len(t) > 1 {
			n++
		}
		l.text, l.start = l.text[n:], l.start+n
	}
}

// frontMatterEnd returns the index of the first line after YAML ("---") or TOML ("+++")
// front matter, or 0 when the text has none.
func frontMatterEnd(lines []rawLine) int {
	if len(lines) == 0 {
		return 0
	}
	fence := strings.TrimSpace(lines[0].text)
	if fence != "---" && fence != "+++" {
		return 0
	}
	for i := 1; i < len(lines) && i < 60; i++ {
		t := strings.TrimSpace(lines[i].text)
		if t == fence || fence == "---" && t == "..." {
			return i + 1
		}
		if fence == "---" && t != "" && !strings.Contains(t, ":") && !strings.HasPrefix(t, "-") && !strings.HasPrefix(t, "#") {
			return 0 // not YAML: a horizontal rule on top of the resume
		}
	}
	return 0
}

// continues reports whether raw, the line after prevRaw, continues the list item last (a
// wrapped bullet) whose continuation lines so far are wrap: it is indented under the item's
// text, or starts in lower case, or follows a long line that does not end a sentence. A
// line that starts a list item or with a symbol, or holds a date range, never does.
func continues(last Line, wrap []string, prevRaw, raw string) bool {
	if !last.Bullet {
		return false
	}
	trimmed := strings.TrimSpace(raw)
	if _, symbol := leadingSymbol(trimmed); symbol || bulletMarker(trimmed) > 0 || hasDateRange(trimmed) {
		return false
	}
	indent := len(raw) - len(trimIndent(raw))
	prevIndent := len(prevRaw) - len(trimIndent(prevRaw))
	first, _ := firstRune(trimmed)
	switch {
	case indent > prevIndent:
		return true
	case unicode.IsLower(first):
		return true
	case indent < prevIndent:
		// Back left of the item's text: the next job's company line after a wrapped item
		// of a PDF ("    ● Worked …" / "        outcomes" / "Two Rivers Public Health …").
		return false
	}
	tail := last.Text
	if len(wrap) > 0 {
		tail = wrap[len(wrap)-1]
	}
	end := tail[len(tail)-1]
	return len(prevRaw) >= 60 && !strings.ContainsRune(".!?;:", rune(end)) && !isHeadingLine(undecorate(trimmed)) &&
		!looksLikeJobLine(trimmed)
}

// looksLikeJobLine reports whether a line after a list item reads like the next job's
// title or company ("Senior Developer, TCS", "Acme Corp | Berlin") rather than the rest of
// the item.
func looksLikeJobLine(s string) bool {
	if strings.Contains(s, " | ") || strings.Contains(s, " — ") || strings.Contains(s, " – ") {
		return true
	}
	words := strings.Fields(strings.ToLower(s))
	if len(words) > 6 {
		return false
	}
	for _, w := range words {
		w = strings.Trim(w, ",;:()")
		if roleWords[w] || orgWords[w] {
			return true
		}
	}
	return false
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

// inBlock reports whether line i sits between content lines: neither the line before nor
// the line after it is blank.
func inBlock(lines []rawLine, i int) bool {
	return i > 0 && strings.TrimSpace(lines[i-1].text) != "" &&
		i+1 < len(lines) && strings.TrimSpace(lines[i+1].text) != ""
}

// dateFollows reports whether one of the three lines after line i holds a date range: the
// heading at i is then a job or school heading.
func dateFollows(lines []rawLine, i int) bool {
	seen := 0
	for j := i + 1; j < len(lines) && seen < 3; j++ {
		t := strings.TrimSpace(lines[j].text)
		if t == "" || isUnderline(t) {
			continue
		}
		if hasDateRange(t) {
			return true
		}
		seen++
	}
	return false
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
// paragraphs with no list items, its lines of five words or more. Entry header lines are
// never bullets.
func (r Resume) Bullets(kinds ...SectionKind) []Line {
	if len(kinds) == 0 {
		kinds = []SectionKind{Experience, Projects}
	}
	n := 0
	for _, s := range r.Sections {
		if containsKind(kinds, s.Kind) {
			n += len(s.Lines)
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Line, 0, n)
	for _, s := range r.Sections {
		if containsKind(kinds, s.Kind) {
			out = s.appendBullets(out)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Bullets returns the lines of s that describe work, in order, as [Resume.Bullets] does for
// a whole resume; nil for none. It does not look at the section's kind.
func (s Section) Bullets() []Line {
	if out := s.appendBullets(nil); len(out) > 0 {
		return out
	}
	return nil
}

// appendBullets appends the lines of s that describe work, entry by entry (the lines between
// header lines): an entry's list items, or, when its only list items are lists of terms
// ("Haskell, AWS (EC2, S3), PostgreSQL, Docker" under a job written as paragraphs), its
// lines of five words or more and those lists, in order. Lines before the first entry
// count as prose only when the section has no list items but term lists.
func (s Section) appendBullets(out []Line) []Line {
	for i := 0; i < len(s.Lines); {
		if s.Lines[i].Header {
			i++
			continue
		}
		j, described := i, false
		for ; j < len(s.Lines) && !s.Lines[j].Header; j++ {
			described = described || s.Lines[j].Bullet && !isTermList(s.Lines[j].Text)
		}
		if i == 0 && j < len(s.Lines) {
			// Lines before the section's first entry introduce it: they are work only in a
			// section written without list items.
			described = slices.ContainsFunc(s.Lines, func(l Line) bool { return l.Bullet && !isTermList(l.Text) })
		}
		for _, l := range s.Lines[i:j] {
			if l.Bullet || !described && !wording.AtMostWords(l.Text, 4) {
				out = append(out, l)
			}
		}
		i = j
	}
	return out
}

// isTermList reports whether a list item only lists terms: three or more comma-separated
// parts of at most four words each, brackets left out (".NET/C# 4.6, MSSQL 2012, ASP.NET
// MVC, AWS (EC2, S3)").
func isTermList(s string) bool {
	depth, parts, words, inWord := 0, 1, 0, false
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case r == ')' || r == ']':
			depth = max(depth-1, 0)
		case depth > 0:
		case r == ',':
			parts, words, inWord = parts+1, 0, false
		case unicode.IsSpace(r):
			inWord = false
		case !inWord:
			inWord, words = true, words+1
			if words > 4 {
				return false
			}
		}
	}
	return parts >= 3
}

// hasEntries reports whether sections of the kind hold entries: jobs, projects, degrees.
func hasEntries(k SectionKind) bool { return k == Experience || k == Projects || k == Education }

func containsKind(kinds []SectionKind, k SectionKind) bool {
	return slices.Contains(kinds, k)
}

// sectionAt returns the index of the section holding byte offset off, or -1.
func (r Resume) sectionAt(off int) int {
	i := sort.Search(len(r.Sections), func(i int) bool { return r.Sections[i].End > off })
	if i < len(r.Sections) && r.Sections[i].Start <= off {
		return i
	}
	return -1
}
