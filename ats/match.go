package ats

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/resumekit/resumekit/internal/wording"
	"github.com/resumekit/resumekit/skills"
)

// Score weights. A required keyword weighs twice a preferred one; a keyword earns its full
// weight when an experience or project bullet shows it in use, and contextCredit of it when
// it is only listed (in a skills section, a summary, anywhere else). A title requirement
// weighs titleWeight whatever its level.
const (
	requiredWeight  = 2
	preferredWeight = 1
	contextCredit   = 0.6
	titleWeight     = 1
)

// Matcher compares resumes with job descriptions using one catalog's keywords and its
// technology vocabulary.
//
// The score is 100 × Σ earned / Σ weight over the job's requirements, rounded. A keyword
// requirement is a keyword the job names, or a set of alternatives it offers ("Go, Python,
// or similar"), counted once: it weighs 2 if the job requires it and 1 if it only prefers
// it, and earns its whole weight when an experience or project bullet shows one of its
// keywords, 60% of it when the resume only lists one elsewhere, and nothing when the resume
// shows none. [MatchedKeyword.Points] carries each keyword's share (an alternative that is
// not the best shown earns 0). Years of experience, a degree and each certification weigh
// 2 when required and 1 when preferred, the job's title 1; each earns its whole weight when
// met and nothing when not ([Requirement.Points]). So a resume that misses a required degree
// or years scores lower than one that meets them, and every point traces to a keyword or a
// requirement; findings explain the shortfalls.
//
// Years are counted from the date ranges of the resume's experience entries, overlaps
// merged, up to the present month: today unless set with [Matcher.At].
//
// A Matcher is immutable and safe for concurrent use by multiple goroutines.
type Matcher struct {
	cat      *skills.Catalog
	keywords []skills.Keyword // catalog order
	techs    []skills.Technology
	// names and groups hold every term the matcher knows, catalog keywords first, then
	// vocabulary technologies: index i < len(keywords) is keywords[i].
	names    []string
	groups   []string
	index    map[string]int // canonical term → index in names
	certs    []skills.Certification
	generics map[string]skills.GenericTerm
	// standIns lists, per keyword index, the generic terms that stand in for it.
	standIns map[int][]string
	// related lists, per keyword index, the other keywords of the catalog skills it
	// evidences, in catalog order.
	related map[int][]int
	present time.Time // zero: today
	// scratch recycles the per-call arrays that have an entry for every term.
	scratch *sync.Pool
}

// scratch is the working memory of one Match, all zero between calls.
type scratch struct {
	pos      []int32 // see jobTerms.pos
	keywords []usage // see usages.keywords
}

// NewMatcher returns a Matcher over c's keywords, generic terms, certifications and
// technology vocabulary. It panics if c is nil.
func NewMatcher(c *skills.Catalog) *Matcher {
	if c == nil {
		panic("ats: NewMatcher with a nil catalog")
	}
	m := &Matcher{
		cat:      c,
		keywords: c.Keywords(),
		techs:    c.Technologies(),
		certs:    c.Certifications(),
		index:    map[string]int{},
		generics: map[string]skills.GenericTerm{},
		standIns: map[int][]string{},
		related:  map[int][]int{},
	}
	m.scratch = &sync.Pool{New: func() any {
		return &scratch{pos: make([]int32, len(m.names)), keywords: make([]usage, len(m.keywords))}
	}}
	for i, k := range m.keywords {
		m.index[k.Term] = i
		m.names = append(m.names, k.Term)
		m.groups = append(m.groups, k.Group)
	}
	for _, t := range m.techs {
		m.index[t.Term] = len(m.names)
		m.names = append(m.names, t.Term)
		m.groups = append(m.groups, string(t.Category))
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

// At returns a copy of m that counts years of experience up to the month of present
// ("2019 – Present" ends there) instead of today. m is not changed.
func (m *Matcher) At(present time.Time) *Matcher {
	c := *m
	c.present = present
	return &c
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

// add records one mention in a section of the given kind. The first one takes room for the
// sections from arena, a few usages' worth at a time.
func (u *usage) add(kind SectionKind, inBullet, exact bool, arena *[]SectionKind) {
	u.count++
	if u.sections == nil {
		const room = 6 // more sections than this grow the slice as usual
		if cap(*arena)-len(*arena) < room {
			*arena = make([]SectionKind, 0, 32*room)
		}
		n := len(*arena)
		u.sections, *arena = (*arena)[n:n:n+room], (*arena)[:n+room]
	}
	if !containsKind(u.sections, kind) {
		u.sections = append(u.sections, kind)
	}
	u.inBullet = u.inBullet || inBullet
	u.inSkills = u.inSkills || kind == Skills
	u.exact = u.exact || exact
}

// usages is what a resume shows of each term, by term index: dense for the catalog's
// keywords, sparse for the vocabulary's technologies, of which a resume names a few.
type usages struct {
	keywords []usage
	techs    map[int]*usage
	arena    []SectionKind // room for the usages' sections
	spare    []usage       // room for the technologies' usages, filled in order
}

// of returns what the resume shows of term i: the zero usage if nothing.
func (u usages) of(i int) usage {
	if i < len(u.keywords) {
		return u.keywords[i]
	}
	if p, ok := u.techs[i]; ok {
		return *p
	}
	return usage{}
}

// at returns the usage of term i to update, creating it if needed.
func (u *usages) at(i int) *usage {
	if i < len(u.keywords) {
		return &u.keywords[i]
	}
	if u.techs == nil {
		u.techs = map[int]*usage{}
	}
	p, ok := u.techs[i]
	if !ok {
		if len(u.spare) == cap(u.spare) {
			u.spare = make([]usage, 0, 16) // a new block: pointers into the old stay valid
		}
		u.spare = u.spare[:len(u.spare)+1]
		p = &u.spare[len(u.spare)-1]
		u.techs[i] = p
	}
	return p
}

// giveSpans gives every shown term room for its spans in one shared array of n.
func (u *usages) giveSpans(n int) {
	all := make([]Span, n)
	give := func(p *usage) {
		p.spans, all = all[:0:p.count], all[p.count:]
	}
	for i := range u.keywords {
		if u.keywords[i].count > 0 {
			give(&u.keywords[i])
		}
	}
	for _, p := range u.techs {
		give(p)
	}
}

// credit is the share of its weight a shown keyword earns.
func (u usage) credit() float64 {
	switch {
	case u.count == 0:
		return 0
	case u.inBullet:
		return 1
	}
	return contextCredit
}

// jobTerm is what a job asks of one term.
type jobTerm struct {
	term     int // its index
	count    int
	required bool
	spans    []Span
	// alone: the job names the term outside any set of alternatives too.
	alone bool
}

// jobTerms is what a job asks of the terms it names, by term index; the matcher knows
// over a thousand terms and a job names a few dozen, so they are kept sparse.
type jobTerms struct {
	pos  []int32 // term index → 1 + index in list; 0 for a term the job does not name
	list []jobTerm
	// parent links terms offered as alternatives (a union-find forest); a term absent
	// from it is its own root.
	parent map[int]int
}

// get returns what the job asks of term i, which it names.
func (t *jobTerms) get(i int) *jobTerm { return &t.list[t.pos[i]-1] }

// clear zeroes the entries of pos, to use it again.
func (t *jobTerms) clear() {
	for _, jt := range t.list {
		t.pos[jt.term] = 0
	}
}

// at returns the list index of term i, which the job names.
func (t *jobTerms) at(i int) int { return int(t.pos[i]) - 1 }

func (t *jobTerms) root(i int) int {
	for {
		p, ok := t.parent[i]
		if !ok || p == i {
			return i
		}
		if gp, ok := t.parent[p]; ok {
			t.parent[i] = gp
		}
		i = p
	}
}

func (t *jobTerms) union(a, b int) {
	if t.parent == nil {
		t.parent = map[int]int{}
	}
	ra, rb := t.root(a), t.root(b)
	if ra != rb {
		t.parent[max(ra, rb)] = min(ra, rb)
	}
}

// scanJob finds the terms the job names outside ignored lines, and the alternatives its
// lines offer.
func (m *Matcher) scanJob(j Job, pos []int32) *jobTerms {
	t := &jobTerms{pos: pos}
	words := jobWords()
	var buf [128]skills.Mention
	var lineBuf [32]jobMention
	line := lineBuf[:0]
	cur := -1
	// A term the job also names outside any set of alternatives is a requirement of its
	// own: "PostgreSQL" required on one line stays required though another line offers
	// "e.g. Patroni, PgBouncer, PostgreSQL replication".
	var runs [][]int
	flush := func() {
		if cur < 0 {
			return
		}
		l := j.Lines[cur]
		var inRun []bool
		for _, run := range alternativeRuns(j.Text, l.Start, l.Start+len(l.Text), line, m.groups, words) {
			if inRun == nil {
				inRun = make([]bool, len(line))
			}
			terms := make([]int, len(run))
			for k, m := range run {
				terms[k], inRun[m] = line[m].term, true
			}
			runs = append(runs, terms)
		}
		for k, m := range line {
			if inRun == nil || !inRun[k] {
				t.get(m.term).alone = true
			}
		}
	}
	mentions := m.cat.AppendAllMentions(buf[:0], j.Text)
	hits := make([]jobMention, 0, len(mentions))
	t.list = make([]jobTerm, 0, len(mentions))
	for _, mt := range mentions {
		i, ok := m.termOf(mt)
		if !ok {
			continue
		}
		li := j.lineAt(mt.Start)
		if li < 0 || j.Lines[li].Level == Ignored {
			continue
		}
		l := j.Lines[li]
		if inCertName(l.certs, mt.Start-l.Start, mt.End-l.Start) {
			continue
		}
		if li != cur {
			flush()
			cur, line = li, line[:0]
		}
		line = append(line, jobMention{term: i, start: mt.Start, end: mt.End})
		hits = append(hits, jobMention{term: i, start: mt.Start, end: mt.End})
		if t.pos[i] == 0 {
			t.list = append(t.list, jobTerm{term: i})
			t.pos[i] = int32(len(t.list))
		}
		k := t.at(i)
		t.list[k].count++
		t.list[k].required = t.list[k].required || j.levelAt(li, mt.Start) == Required
	}
	flush()
	// The spans go in one array sized by the counts.
	all := make([]Span, len(hits))
	for k := range t.list {
		t.list[k].spans, all = all[:0:t.list[k].count], all[t.list[k].count:]
	}
	for _, h := range hits {
		jt := t.get(h.term)
		jt.spans = append(jt.spans, Span{h.start, h.end})
	}
	for _, run := range runs {
		first := -1
		for _, term := range run {
			switch {
			case t.get(term).alone:
			case first < 0:
				first = term
			default:
				t.union(first, term)
			}
		}
	}
	return t
}

func inCertName(certs [][2]int, start, end int) bool {
	for _, c := range certs {
		if start >= c[0] && end <= c[1] {
			return true
		}
	}
	return false
}

// Match compares a parsed resume with a parsed job description.
func (m *Matcher) Match(r Resume, j Job) Report {
	sc := m.scratch.Get().(*scratch)
	defer m.scratch.Put(sc)
	jt := m.scanJob(j, sc.pos)
	defer jt.clear()
	used, generic := m.scanResume(r, sc.keywords)
	defer clear(sc.keywords)

	rep := Report{
		JobKeywords:  make([]JobKeyword, 0, len(jt.list)),
		Matched:      make([]MatchedKeyword, 0, len(jt.list)),
		Missing:      []MissingKeyword{},
		Requirements: []Requirement{},
		Findings:     []Finding{},
		Sections:     make([]SectionInfo, len(r.Sections)),
	}
	for i, s := range r.Sections {
		rep.Sections[i] = SectionInfo{Name: s.Kind, Heading: s.Heading, Line: s.Line}
	}

	order := make([]int, 0, len(jt.list))
	for _, t := range jt.list {
		order = append(order, t.term)
	}
	slices.Sort(order)
	// Required first, then catalog order, then vocabulary order.
	sort.SliceStable(order, func(a, b int) bool { return jt.get(order[a]).required && !jt.get(order[b]).required })

	// One requirement per set of alternatives, kept at its root's list index: its members in
	// job keyword order, required if any member is, satisfied by the member the resume shows
	// best.
	n := len(jt.list)
	members := groupMembers(order, n, func(i int) int { return jt.at(jt.root(i)) })
	reqRequired := make([]bool, n)
	best := make([]int, n) // the member earning the points, or -1
	var roots []int
	for _, i := range order {
		if r := jt.at(jt.root(i)); members[r][0] == i {
			roots = append(roots, r)
			best[r] = -1
		}
	}
	total := 0
	for _, r := range roots {
		for _, i := range members[r] {
			reqRequired[r] = reqRequired[r] || jt.get(i).required
			if c := used.of(i).credit(); c > 0 && (best[r] < 0 || c > used.of(best[r]).credit()) {
				best[r] = i
			}
		}
		total += weight(reqRequired[r])
	}

	now := m.present
	if now.IsZero() {
		now = time.Now()
	}
	words := jobWords()
	jobReqs := m.jobRequirements(j)
	facts := readResumeFacts(r, monthOf(now), words, jobReqs)
	var reqFindings []Finding
	for _, jr := range jobReqs {
		q, f := m.evaluate(jr, facts, r)
		q.Weight = weight(q.Required)
		if q.Kind == TitleRequirement {
			q.Weight = titleWeight
		}
		total += q.Weight
		rep.Requirements = append(rep.Requirements, q)
		if f.Code != "" {
			reqFindings = append(reqFindings, f)
		}
	}

	var earned float64
	for i := range rep.Requirements {
		q := &rep.Requirements[i]
		if q.Met {
			q.Points = math.Round(1000*float64(q.Weight)/float64(total)) / 10
			earned += 100 * float64(q.Weight) / float64(total)
		}
	}
	for _, i := range order {
		r := jt.at(jt.root(i))
		w := weight(reqRequired[r])
		alts := []string{}
		for _, k := range members[r] {
			if k != i {
				alts = append(alts, m.names[k])
			}
		}
		t := jt.get(i)
		rep.JobKeywords = append(rep.JobKeywords, JobKeyword{Keyword: m.names[i], Group: m.groups[i], Required: t.required,
			JobCount: t.count, Alternatives: alts, Weight: w, Mentions: t.spans})
		u := used.of(i)
		if b := best[r]; b >= 0 {
			if u.count == 0 {
				continue
			}
			var points float64
			if b == i {
				points = 100 * float64(w) * u.credit() / float64(total)
				earned += points
			}
			match := Alias
			if u.exact {
				match = Exact
			}
			rep.Matched = append(rep.Matched, MatchedKeyword{
				Keyword: m.names[i], ResumeCount: u.count, Sections: u.sections, InBullet: u.inBullet,
				Match: match, Points: math.Round(points*10) / 10, Mentions: u.spans,
			})
			continue
		}
		if members[r][0] == i {
			rep.Missing = append(rep.Missing, MissingKeyword{Keyword: m.names[i], Required: reqRequired[r], Alternatives: alts})
		}
	}
	rep.Score = int(math.Round(earned))
	unsatisfied := func(i int) bool { return best[jt.at(jt.root(i))] < 0 }
	rep.Findings = m.findings(r, order, used, generic, unsatisfied, reqFindings)
	return rep
}

// scanResume finds every catalog term and vocabulary technology in the resume: per term,
// how it is used; per generic term, the first section it appears in.
func (m *Matcher) scanResume(r Resume, keywords []usage) (usages, map[string]SectionKind) {
	used := usages{keywords: keywords}
	generic := map[string]SectionKind{}
	bullets := r.Bullets()
	var buf [256]skills.Mention
	mentions := m.cat.AppendAllMentions(buf[:0], r.Text)
	n := 0
	for _, mt := range mentions {
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
		i, _ := m.termOf(mt)
		used.at(i).add(kind, inLines(bullets, mt.Start), !mt.Alias, &used.arena)
		n++
	}
	// The spans go in a second pass, into one array sized by the first.
	used.giveSpans(n)
	for _, mt := range mentions {
		if i, ok := m.termOf(mt); ok {
			u := used.at(i)
			u.spans = append(u.spans, Span{mt.Start, mt.End})
		}
	}
	return used, generic
}

// termOf returns the index in m.names of a mention's term, which the mention carries as its
// index in the catalog's keywords or technologies; false for a generic term.
func (m *Matcher) termOf(mt skills.Mention) (int, bool) {
	switch {
	case mt.Generic:
		return 0, false
	case mt.Technology:
		return len(m.keywords) + mt.Index, true
	}
	return mt.Index, true
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

// findings lists what to change, in a fixed order: the missing skills section, then the
// unmet requirements (title, years, degree, certifications), then per job keyword (required
// first) context-free listings and generic stand-ins, then languages and cloud providers in
// catalog order. unsatisfied reports whether a job keyword's requirement is unmet: a keyword
// whose alternative the resume shows is not missing.
func (m *Matcher) findings(r Resume, order []int, used usages, generic map[string]SectionKind, unsatisfied func(int) bool, reqFindings []Finding) []Finding {
	out := []Finding{}
	hasSkills := r.HasSection(Skills)
	if len(order) == 0 {
		out = append(out, Finding{Code: NoJobKeywords,
			Message: "The job description names none of the catalog's keywords or known technologies, so there is nothing to score but its other requirements. Check that it is the whole posting."})
	}
	if !hasSkills {
		out = append(out, Finding{Code: NoSkillsSection,
			Message: `No skills section found. Add one (for example "Technical Skills") naming your primary language, databases and cloud: applicant tracking systems look there first.`})
	}
	out = append(out, reqFindings...)
	jobKeyword := make([]bool, len(m.keywords)) // whether the job names catalog keyword i
	for _, i := range order {
		if i < len(jobKeyword) {
			jobKeyword[i] = true
		}
		term, u := m.names[i], used.of(i)
		switch {
		case u.count > 0 && u.inSkills && !u.inBullet:
			out = append(out, Finding{Code: ContextFreeKeyword, Keyword: term, Section: Skills,
				Message: fmt.Sprintf("%s is only listed under skills. Show it in an experience or project bullet that says what you did with it: keywords without context score lower.", term)})
		case u.count == 0 && i < len(m.keywords) && unsatisfied(i):
			if f, ok := m.genericFinding(i, used, generic); ok {
				out = append(out, f)
			} else if f, ok := m.unnamedFinding(i, used); ok {
				out = append(out, f)
			}
		}
	}
	for i, k := range m.keywords {
		u := used.of(i)
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
					Message: fmt.Sprintf("%s is named without a framework. Pair it with the one you use (%s), for example \"%s / %s\".", k.Term, wording.List(k.Frameworks, 3, "or"), k.Term, k.Frameworks[0])})
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
func (m *Matcher) genericFinding(i int, used usages, generic map[string]SectionKind) (Finding, bool) {
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
func (m *Matcher) unnamedFinding(i int, used usages) (Finding, bool) {
	if kind := m.keywords[i].Kind; kind != skills.Practice && kind != skills.Architecture {
		return Finding{}, false
	}
	var shown []string
	for _, j := range m.related[i] {
		if used.of(j).count > 0 && m.keywords[j].Kind.Technology() {
			shown = append(shown, m.keywords[j].Term)
		}
	}
	if len(shown) == 0 {
		return Finding{}, false
	}
	k := m.keywords[i]
	return Finding{Code: UnnamedKeyword, Keyword: k.Term,
		Message: fmt.Sprintf("The job asks for %s. Your resume shows %s but never says %q: an ATS looks for the word itself. Name it where you describe that work.", k.Term, wording.List(shown, 3, "and"), k.Term)}, true
}

func (m *Matcher) anyUsed(terms []string, used usages) bool {
	for _, t := range terms {
		if i, ok := m.index[t]; ok && used.of(i).count > 0 {
			return true
		}
	}
	return false
}

// groupMembers returns, for each root r < n, the items of order whose root is r, in the
// order of order (nil for a root with none), all in one array.
func groupMembers(order []int, n int, root func(int) int) [][]int {
	count := make([]int, n)
	for _, i := range order {
		count[root(i)]++
	}
	members, flat := make([][]int, n), make([]int, len(order))
	for r, at := 0, 0; r < n; r++ {
		if count[r] > 0 {
			members[r] = flat[at : at : at+count[r]]
			at += count[r]
		}
	}
	for _, i := range order {
		r := root(i)
		members[r] = append(members[r], i)
	}
	return members
}
