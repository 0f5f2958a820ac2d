package ats

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/resumekit/resumekit/internal/wording"
)

// Entry is one job, project, degree or volunteer position of a section, read from its
// header lines. Splitting a header into title, organisation and place is a heuristic:
// a part naming a role ("Engineer", "Entwickler") is the title, the next part the
// organisation, the one after it the place; a field the header does not show is empty.
type Entry struct {
	// Title is the role or degree: "Senior Software Engineer".
	Title string `json:"title,omitempty"`
	// Org is the company, client, school or project: "Oracle".
	Org string `json:"org,omitempty"`
	// Place is where: "Bangalore, Karnataka", "Remote".
	Place string `json:"place,omitempty"`
	// Dates is the date range as written: "November 2016 to December 2017".
	Dates string `json:"dates,omitempty"`
	// Line is the 1-based line number of the entry's first header line, and Start its byte
	// offset in [Resume.Text].
	Line  int `json:"line"`
	Start int `json:"start"`
}

// dateSpan returns where the first date range of s is ("November 2016 to December 2017",
// "01/2020 – heute", "2019 – Present"), read by findDateRange. It is the one place entry
// detection asks about dates.
func dateSpan(s string) (start, end int, ok bool) {
	_, start, end, ok = findDateRange(s)
	return start, end, ok
}

func hasDateRange(s string) bool {
	_, _, ok := dateSpan(s)
	return ok
}

// roleWords name a role: a header part holding one is the entry's title.
var roleWords = map[string]bool{
	"engineer": true, "developer": true, "manager": true, "intern": true, "lead": true, "architect": true,
	"analyst": true, "consultant": true, "scientist": true, "designer": true, "administrator": true,
	"specialist": true, "director": true, "officer": true, "head": true, "cto": true, "ceo": true,
	"founder": true, "co-founder": true, "fellow": true, "president": true, "chair": true, "programmer": true, "devops": true, "sre": true, "student": true,
	"assistant": true, "researcher": true, "teacher": true, "technician": true, "contractor": true,
	"freelancer": true, "freelance": true, "owner": true, "maintainer": true, "associate": true, "vp": true,
	"trainee": true, "apprentice": true, "tester": true, "coordinator": true, "instructor": true, "tutor": true,
	"volunteer": true, "mentor": true, "bachelor": true, "master": true, "phd": true, "b.sc": true, "m.sc": true,
	"entwickler": true, "softwareentwickler": true, "ingenieur": true, "leiter": true, "berater": true,
	"werkstudent": true, "praktikant": true, "developpeur": true, "développeur": true, "ingénieur": true,
	"chef": true, "stagiaire": true, "desarrollador": true, "ingeniero": true, "jefe": true, "becario": true,
	"programador": true, "analista": true, "co-op": true, "entwicklerin": true, "softwareentwicklerin": true,
	"ingenieurin": true, "beraterin": true, "leiterin": true, "développeuse": true, "developpeuse": true,
	"ingénieure": true, "consultante": true, "desarrolladora": true, "ingeniera": true, "programadora": true,
	"bsc": true, "msc": true, "beng": true, "meng": true, "ba": true, "ma": true, "mba": true, "b.s.": true,
	"m.s.": true, "b.tech": true, "m.tech": true, "diploma": true, "degree": true, "grado": true, "licence": true,
}

// orgWords end the name of an organisation.
var orgWords = map[string]bool{
	"inc": true, "inc.": true, "corp": true, "corp.": true, "corporation": true, "llc": true, "ltd": true,
	"ltd.": true, "gmbh": true, "ag": true, "sa": true, "s.a.": true, "sarl": true, "plc": true, "co.": true,
	"company": true, "labs": true, "university": true, "universität": true, "université": true,
	"universidad": true, "college": true, "school": true, "institute": true, "bank": true, "group": true,
	"universitat": true, "politecnico": true, "polytechnic": true, "hochschule": true, "academy": true,
	"école": true, "escuela": true,
}

// looksLikeEntry reports whether a heading that names no section reads like a job,
// project or school heading: a date range, a separator between title and company, a role
// or a company suffix.
func looksLikeEntry(label string) bool {
	if hasDateRange(label) {
		return true
	}
	for _, sep := range []string{", ", " | ", " — ", " – ", " - ", " @ ", " at ", " · "} {
		if strings.Contains(label, sep) {
			return true
		}
	}
	for _, w := range strings.Fields(strings.ToLower(label)) {
		w = strings.Trim(w, ",;:()")
		if roleWords[w] || orgWords[w] {
			return true
		}
	}
	return false
}

// maxHeaderWords is the most words of an entry header line, its date range left out.
const maxHeaderWords = 12

// isHeaderText reports whether a non-list line could be part of an entry header: short,
// not a sentence.
func isHeaderText(s string) bool {
	if s == "" || !wording.AtMostWords(s, maxHeaderWords) || strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "Corp.") && !strings.HasSuffix(s, "Inc.") && !strings.HasSuffix(s, "Ltd.") {
		return false
	}
	if label, _, ok := strings.Cut(s, ":"); ok && isLabel(label) && !hasDateRange(s) && oneHeaderPart(label) && !isRole(label) {
		// "Tech stack: Go, Kafka" describes the entry; "Lead Content Strategist -
		// 07/2012 to Present - Hours per week: 40" and "UX/UI Design Fellow: 06/2022 to
		// 08/2022" head one.
		return false
	}
	return true
}

// markEntries marks the header lines of an experience, projects or education section and
// reads its entries. A header is a Markdown or underlined entry heading and the short lines
// under it, or a date line with up to three short lines before it, in one block (no blank
// line or list item between).
func markEntries(s *Section) {
	switch s.Kind {
	case Experience, Projects, Education, Other:
	default:
		return
	}
	// An entry's header lines are consecutive lines of s: groups holds their index
	// ranges.
	type lineRange struct{ first, last int }
	var buf [16]lineRange
	groups := buf[:0]
	emit := func(first, last int) {
		// A company heading with no dates and the role-and-dates line after it, with
		// nothing between them ("Devsisters Corp." underlined, then "*Server Engineer,
		// 2019 – 2023*"), are one entry.
		if n := len(groups); n > 0 && groups[n-1].last == first-1 && !slices.ContainsFunc(s.Lines[groups[n-1].first:first], func(l Line) bool { return hasDateRange(l.Text) }) {
			groups[n-1].last = last
		} else {
			groups = append(groups, lineRange{first, last})
		}
	}
	for i := 0; i < len(s.Lines); {
		j := i
		for j < len(s.Lines) && !s.Lines[j].Bullet && s.Lines[j].block == s.Lines[i].block {
			j++
		}
		if j == i {
			i++
			continue
		}
		markBlock(s.Lines[i:j])
		// Each run of header lines holding at most one date range is one entry.
		first, dated := -1, false
		for k := i; k < j; k++ {
			l := s.Lines[k]
			if l.Header && first >= 0 && !(dated && hasDateRange(l.Text)) && s.Lines[k-1].Header {
				dated = dated || hasDateRange(l.Text)
				continue
			}
			if first >= 0 {
				emit(first, k-1)
				first = -1
			}
			if l.Header {
				first, dated = k, hasDateRange(l.Text)
			}
		}
		if first >= 0 {
			emit(first, j-1)
		}
		i = j
	}
	if len(groups) > 0 {
		s.Entries = make([]Entry, 0, len(groups))
	}
	for _, g := range groups {
		s.Entries = append(s.Entries, readEntry(s.Lines[g.first:g.last+1]))
	}
}

// markBlock marks the header lines of one block of non-list lines.
func markBlock(block []Line) {
	if block[0].Header {
		// An entry heading: its date, place and emphasised role lines belong to it ("###
		// Acme", "Sydney, Australia", "**Software Developer**", "March 2021 - Present").
		for k := 1; k < len(block) && isHeaderText(block[k].Text) &&
			(hasDateRange(block[k].Text) || isPlace(block[k].Text) || strings.HasPrefix(block[k].Text, "*") || strings.HasPrefix(block[k].Text, "_")); k++ {
			block[k].Header = true
		}
		return
	}
	// Each date line heads an entry with up to three short lines before it (title,
	// company) and a place line after it ("Madrid, Spain").
	done := 0
	for k, l := range block {
		if !hasDateRange(l.Text) || !isHeaderText(withoutDates(l.Text)+" ") {
			continue
		}
		first := k
		for first > done && k-first < 3 && isHeaderText(block[first-1].Text) {
			first--
		}
		for j := first; j <= k; j++ {
			block[j].Header = true
		}
		done = k + 1
		// After the date line: the place ("Madrid, Spain") and, in PDF exports that put the
		// dates beside the company, the role ("Cybersecurity Analyst").
		for n := k + 1; n < len(block) && n <= k+2 && !hasDateRange(block[n].Text) &&
			(isPlace(block[n].Text) || isRole(block[n].Text) && isHeaderText(block[n].Text) && wording.AtMostWords(block[n].Text, 6)); n++ {
			block[n].Header = true
			done = n + 1
		}
	}
}

// isPlace reports whether a line reads like a place: "Madrid, Community of Madrid, Spain",
// "Remote".
func isPlace(s string) bool {
	if strings.EqualFold(s, "remote") {
		return true
	}
	if !strings.Contains(s, ", ") || !wording.AtMostWords(s, 6) || !isHeaderText(s) || strings.ContainsAny(s, "0123456789") {
		return false
	}
	// Each part is a name: "Sydney, Australia", not "Regional restaurant group, four locations".
	for part := range strings.SplitSeq(s, ", ") {
		if r, ok := firstRune(strings.TrimSpace(part)); !ok || !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// withoutDates returns s without its date range.
func withoutDates(s string) string {
	if a, b, ok := dateSpan(s); ok {
		return strings.TrimSpace(s[:a] + " " + s[b:])
	}
	return s
}

// readEntry splits header lines into an entry's title, organisation, place and dates.
func readEntry(header []Line) Entry {
	e := Entry{Line: header[0].Number, Start: header[0].Start}
	var partsBuf, restBuf [16]string
	parts := partsBuf[:0]
	for _, l := range header {
		text := l.Text
		if a, b, ok := dateSpan(text); ok && e.Dates == "" {
			e.Dates = strings.Trim(text[a:b], " ")
			text = text[:a] + " | " + text[b:]
		}
		parts = splitHeader(parts, text)
	}
	rest := restBuf[:0]
	for _, p := range parts {
		if e.Title == "" && isRole(p) {
			e.Title = p
			continue
		}
		rest = append(rest, p)
	}
	if e.Title == "" && (len(header) > 1 && len(rest) > 0 || len(rest) > 1) {
		if len(rest) > 1 && isOrg(rest[0]) {
			e.Title, rest = rest[1], append([]string{rest[0]}, rest[2:]...)
		} else {
			e.Title, rest = rest[0], rest[1:]
		}
	}
	// "PhD, Mathematics — Yale University": a bare degree takes its field along.
	if isDegree(e.Title) && len(rest) > 1 && !isOrg(rest[0]) {
		e.Title, rest = e.Title+", "+rest[0], rest[1:]
	}
	if len(rest) > 0 {
		e.Org, rest = rest[0], rest[1:]
	}
	if len(rest) > 0 {
		e.Place = strings.Join(rest, ", ")
	}
	return e
}

// splitHeader splits one header line at the separators people put between title, company
// and place; a comma separates only when nothing else does ("Oracle - Bangalore, Karnataka"
// is Oracle and Bangalore, Karnataka).
func splitHeader(parts []string, s string) []string {
	if strings.ContainsAny(s, "*_") {
		s = headerMarkup.Replace(s)
	}
	var buf [16]string
	fields := nonEmptyTrimmed(splitSeparators(buf[:0], s))
	// "Data Engineer, Farfetch — Porto": the comma splits the first part too.
	if len(fields) > 0 {
		if a, b, ok := strings.Cut(fields[0], ", "); ok {
			fields = slices.Insert(fields, 1, b)
			fields[0] = a
		}
	}
	for _, f := range fields {
		// A part with no letter or digit is decoration: "📅 2024 - Present".
		if f = strings.TrimFunc(f, isHeaderPunct); strings.IndexFunc(f, isLetterOrDigit) >= 0 && !isDuration(f) {
			parts = append(parts, f)
		}
	}
	return parts
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isDuration reports whether a header part is the length of a job some exports add: "3
// years 9 months", "2 yrs".
func isDuration(s string) bool {
	return s[0] >= '0' && s[0] <= '9' && durationRE.MatchString(s)
}

var durationRE = regexp.MustCompile(`(?i)^(?:\d+\s*(?:years?|yrs?|months?|mos?)\s*)+$`)

// isQualifier reports whether the text in brackets after a header part belongs to it,
// "Software Developer (contractor)", "Pouet (Social Network)", rather than being a part of
// its own: a place ("(Remote)", "(Berlin, Germany)") or dates.
func isQualifier(inner string) bool {
	switch strings.ToLower(inner) {
	case "", "remote", "hybrid", "on-site", "onsite":
		return false
	}
	return strings.IndexFunc(inner, unicode.IsLetter) >= 0 && !isPlace(inner) && !strings.ContainsAny(inner, "0123456789")
}

// headerMarkup drops emphasis from a header line: "**Engineer** (Remote)".
var headerMarkup = strings.NewReplacer("**", "", "__", "", "*", "")

// headerSeparators stand between the parts of a header line, besides "|".
var headerSeparators = []string{" — ", " – ", " - ", " · ", " @ ", " at "}

// sepSecond holds the second bytes of headerSeparators.
var sepSecond = func() (t [256]bool) {
	for _, sep := range headerSeparators {
		t[sep[1]] = true
	}
	return t
}()

// oneHeaderPart reports whether s has no header separator.
func oneHeaderPart(s string) bool {
	var buf [4]string
	return len(splitSeparators(buf[:0], s)) == 1
}

// splitSeparators appends to out the parts of s split at "|", at tabs (a PDF's aligned columns, a DOCX tab), at the
// spaced separators and around a bracketed part
// that is not a qualifier (see isQualifier).
func splitSeparators(out []string, s string) []string {
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '|', '\t':
			out = append(out, s[start:i])
			start = i + 1
		case '(':
			end := strings.IndexByte(s[i:], ')')
			if end < 0 {
				out = append(out, s[start:i])
				start = i + 1
				continue
			}
			if inner := s[i+1 : i+end]; !isQualifier(inner) {
				out = append(out, s[start:i], inner)
				start = i + end + 1
			}
			i += end
		case ' ':
			if i+1 == len(s) || !sepSecond[s[i+1]] {
				continue
			}
			for _, sep := range headerSeparators {
				// "University of Texas at Austin" is one name.
				if strings.HasPrefix(s[i:], sep) && !(sep == " at " && isOrg(s[start:i])) {
					out = append(out, s[start:i])
					start = i + len(sep)
					i = start - 1
					break
				}
			}
		}
	}
	return append(out, s[start:])
}

// isSeparatorPunct reports whether r is one of " ,;:-–—|", which separate header parts.
func isSeparatorPunct(r rune) bool {
	switch r {
	case ' ', ',', ';', ':', '-', '–', '—', '|':
		return true
	}
	return false
}

// isHeaderPunct reports whether r is separator punctuation, a middle dot or emphasis, which
// a header part is trimmed of.
func isHeaderPunct(r rune) bool { return isSeparatorPunct(r) || r == '·' || r == '*' || r == '_' }

func nonEmptyTrimmed(ss []string) []string {
	out := ss[:0]
	for _, s := range ss {
		if strings.TrimFunc(s, isSeparatorPunct) != "" {
			out = append(out, s)
		}
	}
	return out
}

// degreeWords are the degrees a title may be on its own.
var degreeWords = map[string]bool{
	"bsc": true, "msc": true, "ba": true, "ma": true, "bs": true, "ms": true, "phd": true, "beng": true,
	"meng": true, "mba": true, "b.sc.": true, "m.sc.": true, "b.s.": true, "m.s.": true, "b.tech": true,
	"m.tech": true, "b.a.": true, "m.a.": true, "bachelor": true, "master": true, "diploma": true,
	"bachelor's": true, "master's": true, "doctorate": true, "grado": true, "licence": true, "ph.d.": true,
	"ph.d": true,
}

// isDegree reports whether a header part is a degree alone: "PhD", "BSc", "Master's degree".
func isDegree(part string) bool {
	n, first := 0, ""
	for w := range strings.FieldsSeq(part) {
		if n == 0 {
			first = w
		}
		n++
	}
	return n > 0 && n <= 2 && inLower(degreeWords, first, "")
}

func isOrg(part string) bool { return anyWordIn(orgWords, part) }

func isRole(part string) bool { return anyWordIn(roleWords, part) }

// anyWordIn reports whether a word of s, lowercased and trimmed of ",;:()", is in set.
func anyWordIn(set map[string]bool, s string) bool {
	for w := range strings.FieldsSeq(s) {
		if inLower(set, w, ",;:()") {
			return true
		}
	}
	return false
}

// inLower reports whether w, lowercased and trimmed of the ASCII bytes in cut, is in set.
func inLower(set map[string]bool, w, cut string) bool {
	for len(w) > 0 && strings.IndexByte(cut, w[0]) >= 0 {
		w = w[1:]
	}
	for len(w) > 0 && strings.IndexByte(cut, w[len(w)-1]) >= 0 {
		w = w[:len(w)-1]
	}
	in, _ := lookupLower(set, w)
	return in
}

// lookupLower looks w up in m lowercased; it allocates nothing for an ASCII word of up
// to 64 bytes.
func lookupLower[V any](m map[string]V, w string) (V, bool) {
	var buf [64]byte
	if len(w) > len(buf) || !wording.IsASCII(w) {
		v, ok := m[strings.ToLower(w)]
		return v, ok
	}
	b := buf[:len(w)]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	v, ok := m[string(b)]
	return v, ok
}
