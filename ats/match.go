package ats

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/resumekit/resumekit/skills"
)

// Score weights. A required keyword weighs twice a preferred one; a keyword earns its full
// weight when an experience or project bullet shows it in use, and contextCredit of it when
// it is only listed (in a skills section, a summary, anywhere else).
const (
	requiredWeight  = 2
	preferredWeight = 1
	contextCredit   = 0.6
)

// Matcher compares resumes with job descriptions using one catalog's keywords.
//
// The score is 100 × Σ earned / Σ weight over the job's keywords, rounded: each keyword
// weighs 2 if the job requires it and 1 if it only prefers it, and earns its whole weight
// when an experience or project bullet shows it, 60% of it when the resume only lists it
// elsewhere, and nothing when the resume lacks it. [MatchedKeyword.Points] carries each
// keyword's share, so every point traces to a keyword; findings explain the shortfalls.
//
// A Matcher is immutable and safe for concurrent use by multiple goroutines.
type Matcher struct {
	cat      *skills.Catalog
	keywords []skills.Keyword // catalog order
	index    map[string]int   // canonical term → index in keywords
	generics map[string]skills.GenericTerm
	// standIns lists, per keyword index, the generic terms that stand in for it.
	standIns map[int][]string
	// related lists, per keyword index, the other keywords of the catalog skills it
	// evidences, in catalog order.
	related map[int][]int
}

// NewMatcher returns a Matcher over c's keywords and generic terms. It panics if c is nil.
func NewMatcher(c *skills.Catalog) *Matcher {
	if c == nil {
		panic("ats: NewMatcher with a nil catalog")
	}
	m := &Matcher{
		cat:      c,
		keywords: c.Keywords(),
		index:    map[string]int{},
		generics: map[string]skills.GenericTerm{},
		standIns: map[int][]string{},
		related:  map[int][]int{},
	}
	for i, k := range m.keywords {
		m.index[k.Term] = i
	}
	for _, s := range c.Skills() {
		for _, a := range s.Keywords {
			i, ok := m.index[a]
			if !ok {
				continue
			}
			for _, b := range s.Keywords {
				if j, ok := m.index[b]; ok && j != i && !slices.Contains(m.related[i], j) {
					m.related[i] = append(m.related[i], j)
				}
			}
		}
	}
	for _, g := range c.GenericTerms() {
		m.generics[g.Term] = g
		for _, term := range g.Specific {
			if i, ok := m.index[term]; ok {
				m.standIns[i] = append(m.standIns[i], g.Term)
			}
		}
	}
	return m
}

var backendMatcher = sync.OnceValue(func() *Matcher { return NewMatcher(skills.Backend()) })

// Match parses a resume given as text (plain text, Markdown, or a JSON Resume or Reactive
// Resume document) and a job description and matches them with the embedded backend
// catalog. It is shorthand for ParseResume (ParseJSONResume for JSON), ParseJob and
// NewMatcher(skills.Backend()).Match; the matcher is built once and shared.
func Match(resume, job string) (Report, error) {
	r, err := Parser{}.parseText(resume)
	if err != nil {
		return Report{}, err
	}
	j, err := ParseJob(job)
	if err != nil {
		return Report{}, err
	}
	return backendMatcher().Match(r, j), nil
}

// usage is what a resume shows of one keyword.
type usage struct {
	count    int
	spans    []Span
	sections []SectionKind
	inBullet bool
	inSkills bool
	exact    bool
}

func (u *usage) add(kind SectionKind, inBullet, exact bool, at Span) {
	u.count++
	u.spans = append(u.spans, at)
	if !containsKind(u.sections, kind) {
		u.sections = append(u.sections, kind)
	}
	u.inBullet = u.inBullet || inBullet
	u.inSkills = u.inSkills || kind == Skills
	u.exact = u.exact || exact
}

// Match compares a parsed resume with a parsed job description.
func (m *Matcher) Match(r Resume, j Job) Report {
	n := len(m.keywords)
	jobCount := make([]int, n)
	jobRequired := make([]bool, n)
	jobSpans := make([][]Span, n)
	var buf [64]skills.Mention
	for _, mt := range m.cat.AppendMentions(buf[:0], j.Text) {
		i, ok := m.index[mt.Term]
		if mt.Generic || !ok {
			continue
		}
		li := j.lineAt(mt.Start)
		if li < 0 || j.Lines[li].Level == Ignored {
			continue
		}
		jobCount[i]++
		jobSpans[i] = append(jobSpans[i], Span{mt.Start, mt.End})
		jobRequired[i] = jobRequired[i] || j.Lines[li].Level == Required
	}

	used, generic := m.scanResume(r)

	rep := Report{
		JobKeywords: []JobKeyword{},
		Matched:     []MatchedKeyword{},
		Missing:     []MissingKeyword{},
		Findings:    []Finding{},
		Sections:    make([]SectionInfo, len(r.Sections)),
	}
	for i, s := range r.Sections {
		rep.Sections[i] = SectionInfo{Name: s.Kind, Heading: s.Heading, Line: s.Line}
	}

	var order []int
	total := 0
	for i, c := range jobCount {
		if c > 0 {
			order = append(order, i)
			total += weight(jobRequired[i])
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return jobRequired[order[a]] && !jobRequired[order[b]] })

	var earned float64
	for _, i := range order {
		k := m.keywords[i]
		w := weight(jobRequired[i])
		rep.JobKeywords = append(rep.JobKeywords, JobKeyword{Keyword: k.Term, Group: k.Group, Required: jobRequired[i], JobCount: jobCount[i], Weight: w, Mentions: jobSpans[i]})
		u := used[i]
		if u.count == 0 {
			rep.Missing = append(rep.Missing, MissingKeyword{Keyword: k.Term, Required: jobRequired[i]})
			continue
		}
		credit := contextCredit
		if u.inBullet {
			credit = 1
		}
		points := 100 * float64(w) * credit / float64(total)
		earned += points
		match := Alias
		if u.exact {
			match = Exact
		}
		rep.Matched = append(rep.Matched, MatchedKeyword{
			Keyword: k.Term, ResumeCount: u.count, Sections: u.sections, InBullet: u.inBullet,
			Match: match, Points: math.Round(points*10) / 10, Mentions: u.spans,
		})
	}
	rep.Score = int(math.Round(earned))
	rep.Findings = m.findings(r, order, jobRequired, used, generic)
	return rep
}

// scanResume finds every catalog term in the resume: per keyword, how it is used; per
// generic term, the first section it appears in.
func (m *Matcher) scanResume(r Resume) ([]usage, map[string]SectionKind) {
	used := make([]usage, len(m.keywords))
	generic := map[string]SectionKind{}
	bullets := r.Bullets()
	var buf [64]skills.Mention
	for _, mt := range m.cat.AppendMentions(buf[:0], r.Text) {
		kind := Other
		if si := r.sectionAt(mt.Start); si >= 0 {
			kind = r.Sections[si].Kind
		}
		if mt.Generic {
			if _, seen := generic[mt.Term]; !seen {
				generic[mt.Term] = kind
			}
			continue
		}
		if i, ok := m.index[mt.Term]; ok {
			used[i].add(kind, inLines(bullets, mt.Start), !mt.Alias, Span{mt.Start, mt.End})
		}
	}
	return used, generic
}

func weight(required bool) int {
	if required {
		return requiredWeight
	}
	return preferredWeight
}

// inLines reports whether offset off falls inside one of lines, sorted by Start.
func inLines(lines []Line, off int) bool {
	i := sort.Search(len(lines), func(i int) bool { return lines[i].Start > off }) - 1
	return i >= 0 && off < lines[i].End
}

// findings lists what to change, in a fixed order: the missing skills section, then per job
// keyword (required first) context-free listings and generic stand-ins, then languages and
// cloud providers in catalog order.
func (m *Matcher) findings(r Resume, order []int, jobRequired []bool, used []usage, generic map[string]SectionKind) []Finding {
	out := []Finding{}
	hasSkills := r.HasSection(Skills)
	if len(order) == 0 {
		out = append(out, Finding{Code: NoJobKeywords,
			Message: "The job description names none of the catalog's keywords, so there is nothing to score. Check that it is the whole posting."})
	}
	if !hasSkills {
		out = append(out, Finding{Code: NoSkillsSection,
			Message: `No skills section found. Add one (for example "Technical Skills") naming your primary language, databases and cloud: applicant tracking systems look there first.`})
	}
	jobKeyword := make([]bool, len(m.keywords))
	for _, i := range order {
		jobKeyword[i] = true
		k, u := m.keywords[i], used[i]
		switch {
		case u.count > 0 && u.inSkills && !u.inBullet:
			out = append(out, Finding{Code: ContextFreeKeyword, Keyword: k.Term, Section: Skills,
				Message: fmt.Sprintf("%s is only listed under skills. Show it in an experience or project bullet that says what you did with it: keywords without context score lower.", k.Term)})
		case u.count == 0:
			if f, ok := m.genericFinding(i, used, generic); ok {
				out = append(out, f)
			} else if f, ok := m.unnamedFinding(i, used); ok {
				out = append(out, f)
			}
		}
	}
	for i, k := range m.keywords {
		u := used[i]
		if u.count == 0 {
			continue
		}
		switch k.Kind {
		case skills.Language:
			if hasSkills && !u.inSkills {
				out = append(out, Finding{Code: LanguageNotInSkills, Keyword: k.Term, Section: u.sections[0],
					Message: fmt.Sprintf("You use %s (%s) but your skills section does not name it. Add it there: the language is the first filter in backend screens.", k.Term, u.sections[0])})
			}
			if jobKeyword[i] && len(k.Frameworks) > 0 && !m.anyUsed(k.Frameworks, used) {
				out = append(out, Finding{Code: LanguageWithoutFramework, Keyword: k.Term,
					Message: fmt.Sprintf("%s is named without a framework. Pair it with the one you use (%s), for example \"%s / %s\".", k.Term, orList(k.Frameworks), k.Term, k.Frameworks[0])})
			}
		case skills.Cloud:
			if len(k.Services) > 0 && !m.anyUsed(k.Services, used) {
				out = append(out, Finding{Code: CloudWithoutServices, Keyword: k.Term,
					Message: fmt.Sprintf("%s is named without the services you used. List them, for example \"%s: %s\".", k.Term, k.Term, strings.Join(k.Services[:min(4, len(k.Services))], ", "))})
			}
		}
	}
	return out
}

// genericFinding reports a generic term standing in for the missing keyword i. A generic term
// the resume already pairs with one of its specific terms ("relational database" beside
// PostgreSQL) is not standing in for this one.
func (m *Matcher) genericFinding(i int, used []usage, generic map[string]SectionKind) (Finding, bool) {
	k := m.keywords[i]
	for _, g := range m.standIns[i] {
		if sec, ok := generic[g]; ok && !m.anyUsed(m.generics[g].Specific, used) {
			return Finding{Code: GenericTerm, Keyword: k.Term, Section: sec,
				Message: fmt.Sprintf("The job asks for %s, but your resume only says %q (%s). If you used %s, name it: an ATS does not count the generic term.", k.Term, g, sec, k.Term)}, true
		}
	}
	return Finding{}, false
}

// unnamedFinding reports a missing practice or architecture keyword i ("observability",
// "message queue") whose skill the resume shows through technologies (Prometheus, Kafka).
// A missing technology is not reported this way: Java does not stand for Go, nor MongoDB for
// DynamoDB.
func (m *Matcher) unnamedFinding(i int, used []usage) (Finding, bool) {
	if kind := m.keywords[i].Kind; kind != skills.Practice && kind != skills.Architecture {
		return Finding{}, false
	}
	var shown []string
	for _, j := range m.related[i] {
		if used[j].count > 0 && m.keywords[j].Kind.Technology() {
			shown = append(shown, m.keywords[j].Term)
		}
	}
	if len(shown) == 0 {
		return Finding{}, false
	}
	k := m.keywords[i]
	return Finding{Code: UnnamedKeyword, Keyword: k.Term,
		Message: fmt.Sprintf("The job asks for %s. Your resume shows %s but never says %q: an ATS looks for the word itself. Name it where you describe that work.", k.Term, andList(shown), k.Term)}, true
}

// andList joins up to three terms: "Prometheus, Grafana and OpenTelemetry".
func andList(terms []string) string {
	terms = terms[:min(3, len(terms))]
	if len(terms) == 1 {
		return terms[0]
	}
	return strings.Join(terms[:len(terms)-1], ", ") + " and " + terms[len(terms)-1]
}

func (m *Matcher) anyUsed(terms []string, used []usage) bool {
	for _, t := range terms {
		if i, ok := m.index[t]; ok && used[i].count > 0 {
			return true
		}
	}
	return false
}

// orList joins up to three terms: "FastAPI, Django or Flask".
func orList(terms []string) string {
	terms = terms[:min(3, len(terms))]
	if len(terms) == 1 {
		return terms[0]
	}
	return strings.Join(terms[:len(terms)-1], ", ") + " or " + terms[len(terms)-1]
}
