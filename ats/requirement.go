package ats

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/resumekit/resumekit/internal/wording"
	"github.com/resumekit/resumekit/skills"
)

// RequirementKind is what a job asks for beyond its keywords.
type RequirementKind string

// The kinds of requirement.
const (
	// YearsRequirement: years of experience ("6+ years of backend experience").
	YearsRequirement RequirementKind = "years"
	// DegreeRequirement: a degree ("Bachelor's degree in Computer Science").
	DegreeRequirement RequirementKind = "degree"
	// CertificationRequirement: a certification the catalog knows ("CKA required").
	CertificationRequirement RequirementKind = "certification"
	// TitleRequirement: the job's title, its seniority and role.
	TitleRequirement RequirementKind = "title"
)

// Requirement is something a job asks for beyond its keywords, and whether the resume shows
// it. Its JSON form is a public interface: {"kind": "years", "met": false, ...}; the fields
// that do not apply to a kind are left out.
type Requirement struct {
	Kind RequirementKind `json:"kind"`
	// Met reports whether the resume shows what is asked.
	Met bool `json:"met"`
	// Required is false when the job only prefers it (a preferred line, "or equivalent
	// experience").
	Required bool `json:"required"`
	// Asked is the job's line that asks for it, as written.
	Asked string `json:"asked"`
	// Line is the 1-based number of that line in the job.
	Line int `json:"line"`
	// Shown says what the resume shows: "4.5 years in 2 dated entries", "BSc Computer
	// Science", "Junior Frontend Developer"; empty when it shows nothing.
	Shown string `json:"shown"`

	// Years asked and ResumeYears computed from the resume's dated experience entries, with
	// overlaps merged (years only). Of is what the years are of, when the job says
	// ("backend experience").
	Years       float64 `json:"years,omitempty"`
	ResumeYears float64 `json:"resume_years,omitempty"`
	Of          string  `json:"of,omitempty"`
	// Degree is the lowest degree level asked: associate, bachelor, master or doctorate;
	// Field the field, when the job names one (degree only).
	Degree string `json:"degree,omitempty"`
	Field  string `json:"field,omitempty"`
	// Certification is the catalog's name of the certification asked (certification only).
	Certification string `json:"certification,omitempty"`
	// Title is the job's title; Seniority and Role what it says of the level and the kind of
	// work ("senior", "backend"), when it says (title only).
	Title     string `json:"title,omitempty"`
	Seniority string `json:"seniority,omitempty"`
	Role      string `json:"role,omitempty"`

	// Weight is the requirement's share of the score's denominator: 2 if required, 1 if
	// preferred; a title weighs 1. Points is what it adds to the score: its whole weight
	// when met, nothing when not (see [Matcher]).
	Weight int     `json:"weight"`
	Points float64 `json:"points"`
}

// jobRequirement is a requirement read from a job, before the resume is looked at.
type jobRequirement struct {
	Requirement
	certID       string
	degreeRank   int
	seniorityVal int // -1 when the title names no seniority
}

var (
	yearsRE = regexp.MustCompile(`(?i)\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen)(?:\s*\(\d{1,2}\))?\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*(\d{1,2})\s*\+?\s*)?(?:or more\s+)?years?(?:'|’)?(?:\s+of)?\b([^.;(),]*)`)
	// notExperienceRE is what follows "year" when the years are not experience asked: "a
	// 2 year-term position", "a 1-year contract".
	notExperienceRE = regexp.MustCompile(`(?i)^\s*-?\s*(?:term|contract|appointment|assignment|old|period|fixed)\b`)
	wordNumbers     = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
		"eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15}
)

// degreeLevels orders the degree levels.
var degreeLevels = []string{"associate", "bachelor", "master", "doctorate"}

// parseJobRequirements reads the years, degree, certification and title requirements of a
// parsed job, in line order (the title first), for every certification job_words.json
// knows; [Matcher.jobRequirements] keeps those of its catalog. Lines the job does not ask
// from the applicant (benefits, metadata) ask nothing.
func parseJobRequirements(j Job, parsed bool) []jobRequirement {
	w := jobWords()
	out := []jobRequirement{}
	if t, ok := jobTitle(j, w); ok {
		out = append(out, t)
	}
	seenCert := map[string]bool{}
	degreeDone := false
	for _, l := range j.Lines {
		if l.Level == Ignored || l.Heading {
			continue
		}
		if !parsed { // a Job built by hand: ParseJob did not read its lines
			l.hints = w.lineHints(l.Text)
			l.certs = w.certSpans(l.Text, strings.ToLower(l.Text))
		}
		if l.hints&(hintYearsContext|hintDegree) == 0 && len(l.certs) == 0 {
			continue
		}
		lower := strings.ToLower(l.Text)
		if r, ok := yearsAsked(l, lower, w); ok {
			out = append(out, r)
		}
		if !degreeDone {
			if r, ok := degreeAsked(l, lower, w); ok {
				out = append(out, r)
				degreeDone = true // the first degree line states it; later ones repeat it
			}
		}
		if len(l.certs) == 0 {
			continue
		}
		for _, id := range w.certIDs {
			if !seenCert[id] && w.certNamed(id, l.Text, lower) {
				seenCert[id] = true
				out = append(out, jobRequirement{Requirement: Requirement{Kind: CertificationRequirement,
					Required: l.Level == Required, Asked: l.Text, Line: l.Number}, certID: id})
			}
		}
	}
	return out
}

// jobRequirements returns the job's requirements, its certifications limited to the
// catalog's and named as the catalog names them.
func (m *Matcher) jobRequirements(j Job) []jobRequirement {
	reqs := j.reqs
	if reqs == nil { // a Job built by hand, not by ParseJob
		reqs = parseJobRequirements(j, false)
	}
	out := make([]jobRequirement, 0, len(reqs))
	for _, r := range reqs {
		if r.Kind == CertificationRequirement {
			i := slices.IndexFunc(m.certs, func(c skills.Certification) bool { return c.ID == r.certID })
			if i < 0 {
				continue
			}
			r.Certification = m.certs[i].Name
		}
		out = append(out, r)
	}
	return out
}

// yearsAsked reads "6+ years of backend experience", "3-5 years", "five years of Go".
func yearsAsked(l JobLine, lower string, w *jobVocabulary) (jobRequirement, bool) {
	if l.hints&hintYearsContext == 0 || !strings.Contains(lower, "year") {
		return jobRequirement{}, false
	}
	var m []string
	at := -1
	// The matches one by one, the first that is experience wins. A match ends at ".",
	// ";", "(", ")", "," or the end of the line, so searching on after it reads "\b"
	// there as a search of the whole line would.
	for off := 0; off < len(l.Text); {
		loc := yearsRE.FindStringSubmatchIndex(l.Text[off:])
		if loc == nil {
			break
		}
		for k := range loc {
			if loc[k] >= 0 {
				loc[k] += off
			}
		}
		if !notExperienceRE.MatchString(l.Text[loc[6]:]) { // loc[6]: what follows "years"
			m, at = submatches(l.Text, loc), loc[0]
			break
		}
		off = max(loc[1], off+1)
	}
	if m == nil {
		return jobRequirement{}, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		n = wordNumbers[strings.ToLower(m[1])]
	}
	if n <= 0 || n > 40 {
		return jobRequirement{}, false
	}
	of := strings.TrimSpace(m[3])
	if words := strings.Fields(of); len(words) > 8 {
		of = strings.Join(words[:8], " ")
	}
	of = strings.TrimRight(of, " ,:")
	return jobRequirement{Requirement: Requirement{Kind: YearsRequirement, Required: l.levelAt(at) == Required,
		Asked: l.Text, Line: l.Number, Years: float64(n), Of: of}}, true
}

// degreeAsked reads "Bachelor's degree in Computer Science", "BS/MS in CS or equivalent
// experience", "PhD preferred".
func degreeAsked(l JobLine, lower string, w *jobVocabulary) (jobRequirement, bool) {
	if l.hints&hintDegree == 0 || l.hints&hintNoDegree != 0 {
		return jobRequirement{}, false
	}
	rank, at := w.degreeIn(lower, true)
	if rank < 0 {
		if i := strings.Index(lower, "degree"); i >= 0 {
			rank, at = 1, i // "a degree in Computer Science": a bachelor's
		} else {
			return jobRequirement{}, false
		}
	}
	field := ""
	if i := strings.Index(lower[at:], " in "); i >= 0 && i < 40 {
		rest := l.Text[at+i+4:]
		if k := strings.IndexAny(rest, ".,;()"); k >= 0 {
			rest = rest[:k]
		}
		for _, sep := range []string{" or ", " and ", " with ", " from "} {
			if k := strings.Index(strings.ToLower(rest), sep); k >= 0 {
				rest = rest[:k]
			}
		}
		field = strings.TrimSpace(rest)
	}
	required := l.Level == Required && l.hints&hintDegreeEquivalent == 0
	return jobRequirement{Requirement: Requirement{Kind: DegreeRequirement, Required: required, Asked: l.Text,
		Line: l.Number, Degree: degreeLevels[rank], Field: field}, degreeRank: rank}, true
}

// degreeIn returns the lowest degree level named in s (lowercased) and where, or -1. With
// needContext a bare abbreviation ("BS", "MS") counts only before " in " or "/" or with
// "degree" on the line, so that "MS Office" is no master's.
func (w *jobVocabulary) degreeIn(s string, needContext bool) (rank, at int) {
	rank, at = -1, -1
	for r, level := range degreeLevels {
		for _, form := range w.degrees[level] {
			i := indexWord(s, form)
			if i < 0 {
				continue
			}
			if needContext && len(form) <= 4 && !strings.Contains(form, "'") {
				after := s[i+len(form):]
				if !strings.HasPrefix(after, " in ") && !strings.HasPrefix(after, "/") && !strings.HasPrefix(after, " degree") &&
					!strings.Contains(s, "degree") {
					continue
				}
			}
			if rank < 0 || r < rank {
				rank, at = r, i
			}
			break
		}
	}
	return rank, at
}

// indexWord returns the index of word in s where it stands as a whole word, or -1.
// submatches returns the texts of the submatches at loc, as FindStringSubmatch does.
func submatches(s string, loc []int) []string {
	out := make([]string, len(loc)/2)
	for i := range out {
		if loc[2*i] >= 0 {
			out[i] = s[loc[2*i]:loc[2*i+1]]
		}
	}
	return out
}

func indexWord(s, word string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], word)
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(word)
		if (i == 0 || !isAlnum(s[i-1])) && (end == len(s) || !isAlnum(s[end]) || strings.HasSuffix(word, ".")) {
			return i
		}
		off = i + 1
	}
}

// jobTitle reads the job's title: a "Title:" line, or the first line when it is short and
// names a role ("Senior Backend Engineer, Payments").
func jobTitle(j Job, w *jobVocabulary) (jobRequirement, bool) {
	var title string
	var line JobLine
	for _, l := range j.Lines {
		if strings.IndexByte(l.Text, ':') < 0 {
			continue // no "Label: content" line
		}
		h := parseHeading(l.Text, "")
		if h.inline && slices.Contains(w.titleLabels, normalizeLabel(h.label)) && w.namesRole(h.rest) {
			title, line = h.rest, l
			break
		}
	}
	if title == "" && len(j.Lines) > 0 {
		first := j.Lines[0]
		label := strings.TrimSpace(strings.Trim(strings.TrimLeft(first.Text, "# "), "*_"))
		if wording.AtMostWords(label, 10) && w.namesRole(label) {
			title, line = label, first
		}
	}
	if title == "" {
		return jobRequirement{}, false
	}
	seniority, rank := w.seniorityOf(title)
	return jobRequirement{Requirement: Requirement{Kind: TitleRequirement, Required: true, Asked: line.Text,
		Line: line.Number, Title: title, Seniority: seniority, Role: w.roleOf(title)}, seniorityVal: rank}, true
}

func (w *jobVocabulary) namesRole(s string) bool {
	var buf [2 * maxHeadingLen]byte
	for word := range bytes.FieldsSeq(appendNormalLabel(buf[:0], s)) {
		for _, n := range w.roleNouns {
			if string(word) == n {
				return true
			}
		}
	}
	return false
}

// seniorityOf returns the seniority word of a title and its rank, or "", -1.
func (w *jobVocabulary) seniorityOf(title string) (string, int) {
	for word := range strings.FieldsSeq(title) {
		word = strings.Trim(word, ",;:()[]")
		if r, ok := lookupLower(w.seniority, word); ok {
			return strings.ToLower(word), r
		}
	}
	return "", -1
}

// roleOf returns the kind of work a title names ("backend", "infrastructure"), or "".
func (w *jobVocabulary) roleOf(title string) string {
	// The title lowercased, its words one space apart and between spaces, with ",", "(",
	// ")" and "/" read as spaces ("Engineer (Backend/Platform)"): " engineer backend
	// platform ".
	var buf [128]byte
	l := append(buf[:0], ' ')
	for word := range strings.FieldsFuncSeq(title, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",()/", r) }) {
		if wording.IsASCII(word) {
			for i := 0; i < len(word); i++ {
				c := word[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				l = append(l, c)
			}
		} else {
			l = append(l, strings.ToLower(word)...)
		}
		l = append(l, ' ')
	}
	for _, role := range w.roleOrder {
		for _, form := range w.roles[role] {
			if bytes.Contains(l, form) {
				return role
			}
		}
	}
	return ""
}

// resumeFacts is what a resume shows for the requirements, read once per match.
type resumeFacts struct {
	months   int
	ranges   int
	degree   string // the education line naming the highest degree
	degreeRk int
	headline string
}

// readResumeFacts reads what the requirements ask about: the resume's dated experience, its
// highest degree, its headline, each only when some requirement needs it.
func readResumeFacts(r Resume, now yearMonth, w *jobVocabulary, reqs []jobRequirement) resumeFacts {
	f := resumeFacts{degreeRk: -1}
	var years, degree, title bool
	for _, q := range reqs {
		years = years || q.Kind == YearsRequirement
		degree = degree || q.Kind == DegreeRequirement
		title = title || q.Kind == TitleRequirement
	}
	var ranges []dateRange
	for _, s := range r.Sections {
		switch {
		case s.Kind == Experience && years:
			for _, l := range s.Lines {
				if l.Bullet {
					continue
				}
				if dr, _, _, ok := findDateRange(l.Text); ok {
					ranges = append(ranges, dr)
				}
			}
		case s.Kind == Education && degree:
			for _, l := range s.Lines {
				if rank, _ := w.degreeIn(strings.ToLower(l.Text), false); rank > f.degreeRk {
					f.degreeRk, f.degree = rank, l.Text
				}
			}
		}
	}
	f.months, f.ranges = mergedMonths(ranges, now), len(ranges)
	if title {
		f.headline = resumeHeadline(r, w)
	}
	return f
}

// resumeHeadline is the first line of the resume's top or summary that names a role, or
// else the title of its first experience entry.
func resumeHeadline(r Resume, w *jobVocabulary) string {
	for _, s := range r.Sections {
		if s.Kind != Other && s.Kind != Summary || s.Kind == Other && s.Heading != "" {
			continue
		}
		for i, l := range s.Lines {
			if i >= 4 {
				break
			}
			if wording.AtMostWords(l.Text, 12) && w.namesRole(l.Text) {
				return l.Text
			}
		}
	}
	for _, s := range r.Sections {
		if s.Kind == Experience {
			for _, e := range s.Entries {
				if e.Title != "" {
					return e.Title
				}
			}
		}
	}
	return ""
}

// evaluate decides whether the resume meets a job requirement and says what it shows.
func (m *Matcher) evaluate(jr jobRequirement, f resumeFacts, r Resume) (Requirement, Finding) {
	w := jobWords()
	q := jr.Requirement
	var f0 Finding
	switch q.Kind {
	case YearsRequirement:
		years := math.Round(float64(f.months)/12*10) / 10
		q.ResumeYears = years
		q.Met = float64(f.months) >= q.Years*12
		if f.ranges > 0 {
			q.Shown = fmt.Sprintf("%s years in %d dated entr%s", yearsText(years), f.ranges, plural(f.ranges, "y", "ies"))
		}
		if !q.Met {
			of := ""
			if q.Of != "" {
				of = " of " + q.Of
			}
			shows := "no dated experience entries, so no years can be counted; give each job a date range (\"Jan 2020 – Present\")"
			if f.ranges > 0 {
				shows = q.Shown + " (overlaps counted once)"
			}
			f0 = Finding{Code: YearsShort, Message: fmt.Sprintf("The job asks for %s years%s (line %d); your resume shows %s.", yearsText(q.Years), of, q.Line, shows)}
		}
	case DegreeRequirement:
		q.Met = f.degreeRk >= jr.degreeRank
		q.Shown = f.degree
		if !q.Met {
			asked := q.Degree + "'s degree"
			if q.Degree == "doctorate" {
				asked = "doctorate"
			}
			if q.Field != "" {
				asked += " in " + q.Field
			}
			shows := "no degree in an education section"
			if f.degree != "" {
				shows = fmt.Sprintf("%q", f.degree)
			}
			f0 = Finding{Code: DegreeMissing, Section: Education, Message: fmt.Sprintf("The job asks for a %s (line %d); your resume shows %s. If you have it, name it in an Education section.", asked, q.Line, shows)}
		}
	case CertificationRequirement:
		for _, s := range r.Sections {
			for _, l := range s.Lines {
				if w.certNamed(jr.certID, l.Text, strings.ToLower(l.Text)) {
					q.Met, q.Shown = true, l.Text
					break
				}
			}
			if q.Met {
				break
			}
		}
		if !q.Met {
			f0 = Finding{Code: CertificationMissing, Section: Certifications, Message: fmt.Sprintf("The job asks for the %s certification (line %d); your resume does not name it. If you hold it, list it under Certifications.", q.Certification, q.Line)}
		}
	case TitleRequirement:
		q.Shown = f.headline
		_, rank := w.seniorityOf(f.headline)
		role := w.roleOf(f.headline)
		if rank < 0 {
			rank = 2 // no word for it: a mid-level title
		}
		problems := []string{}
		if f.headline == "" {
			problems = append(problems, "your resume has no headline or job title to compare")
		} else {
			if jr.seniorityVal >= 0 && jr.seniorityVal-rank >= 2 {
				problems = append(problems, fmt.Sprintf("its seniority (%s) is two or more levels above your %q", q.Seniority, f.headline))
			}
			if q.Role != "" && role != "" && !compatibleRoles(q.Role, role) {
				problems = append(problems, fmt.Sprintf("its role (%s) differs from yours (%s)", q.Role, role))
			}
		}
		q.Met = len(problems) == 0
		if !q.Met {
			f0 = Finding{Code: TitleMismatch, Message: fmt.Sprintf("The job's title is %q: %s. If your experience fits the role, say so in your headline.", q.Title, strings.Join(problems, "; "))}
		}
	}
	return q, f0
}

// compatibleRoles reports whether a resume's role fits a job's: the same, or full-stack
// beside backend or frontend.
func compatibleRoles(job, resume string) bool {
	if job == resume {
		return true
	}
	pair := func(a, b string) bool { return job == a && resume == b || job == b && resume == a }
	return pair("fullstack", "backend") || pair("fullstack", "frontend") || pair("backend", "infrastructure")
}

func yearsText(y float64) string {
	return strconv.FormatFloat(y, 'f', -1, 64)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// certSpans returns where text names any certification job_words.json knows by name, as
// [start, end) byte ranges: the Kubernetes of "Certified Kubernetes Administrator" belongs
// to the certification, not to the job's keywords.
func (w *jobVocabulary) certSpans(text, lower string) [][2]int {
	var out [][2]int
	for _, id := range w.certIDs {
		for _, form := range w.certs[id].anyCase {
			if i := indexWord(lower, form); i >= 0 {
				out = append(out, [2]int{i, i + len(form)})
			}
		}
		for _, form := range w.certs[id].exact {
			if i := indexWord(text, form); i >= 0 {
				out = append(out, [2]int{i, i + len(form)})
			}
		}
	}
	return out
}

// certNamed reports whether text (lower is its lowercase) names the certification with the
// given id: its abbreviation in capitals ("CKA") or its name in any case.
func (w *jobVocabulary) certNamed(id, text, lower string) bool {
	c, ok := w.certs[id]
	if !ok {
		return false
	}
	for _, form := range c.exact {
		if indexWord(text, form) >= 0 {
			return true
		}
	}
	for _, form := range c.anyCase {
		if indexWord(lower, form) >= 0 {
			return true
		}
	}
	return false
}

// monthOf is the month of t as a yearMonth.
func monthOf(t time.Time) yearMonth {
	return yearMonth{t.Year(), int(t.Month())}
}
