package ats

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/skills"
)

// matchAt matches resume and job text with the backend catalog, counting Present as June
// 2026.
func matchAt(t *testing.T, resume, job string) Report {
	t.Helper()
	r, err := ParseResume(resume)
	require.NoError(t, err)
	j, err := ParseJob(job)
	require.NoError(t, err)
	return NewMatcher(skills.Backend()).At(time.Date(2026, time.June, 15, 0, 0, 0, 0, time.UTC)).Match(r, j)
}

func jobKeywordNames(rep Report) []string {
	return mapped(rep.JobKeywords, func(k JobKeyword) string { return k.Keyword })
}

func missingNames(rep Report) []string {
	return mapped(rep.Missing, func(m MissingKeyword) string { return m.Keyword })
}

func alternativesOf(rep Report, keyword string) []string {
	for _, k := range rep.JobKeywords {
		if k.Keyword == keyword {
			return k.Alternatives
		}
	}
	return nil
}

func TestVocabularyJobKeywords(t *testing.T) {
	t.Parallel()
	rep := matchAt(t, "## Experience\n- Built Go services for 3 teams\n", "Requirements\n- Elixir, Phoenix, Snowflake and Datadog")
	assert.ElementsMatch(t, []string{"Elixir", "Phoenix", "Snowflake", "Datadog"}, jobKeywordNames(rep))
	assert.Equal(t, 0, rep.Score, "a Go resume shows none of them")
	groups := map[string]string{}
	for _, k := range rep.JobKeywords {
		groups[k.Keyword] = k.Group
	}
	assert.Equal(t, map[string]string{"Elixir": "language", "Phoenix": "framework", "Snowflake": "database", "Datadog": "tool"}, groups)

	rep = matchAt(t, "## Experience\n- Built Go services for 3 teams\n", "Requirements\n- Go and Kafka")
	assert.Equal(t, "languages", rep.JobKeywords[0].Group, "catalog keywords keep their groups")
}

func TestAlternatives(t *testing.T) {
	t.Parallel()
	goResume := "## Skills\nGo\n## Experience\n- Built Go services for 3 teams\n"
	tests := []struct {
		name, job string
		alts      map[string][]string // keyword → alternatives
		missing   []string
		score     int
	}{
		{"e.g. or similar", "Requirements\n- Strong experience with a backend language (e.g., Go, Python, or similar)",
			map[string][]string{"Go": {"Python"}, "Python": {"Go"}}, []string{}, 100},
		{"and/or", "Requirements\n- Java and/or C#/.NET",
			map[string][]string{"Java": {"C#", ".NET"}, "C#": {"Java", ".NET"}}, []string{"Java"}, 0},
		{"or", "Requirements\n- Python or Go", map[string][]string{"Python": {"Go"}}, []string{}, 100},
		{"one of", "Requirements\n- Production experience in one of Rust, Go, Java", map[string][]string{"Go": {"Rust", "Java"}}, []string{}, 100},
		{"such as", "Requirements\n- A systems language such as Rust, Go", map[string][]string{"Rust": {"Go"}}, []string{}, 100},
		{"etc", "Requirements\n- Go, Rust, C++ etc.", map[string][]string{"Go": {"Rust", "C++"}}, []string{}, 100},
		{"a list of requirements is not a set of alternatives", "Requirements\n- Go, PostgreSQL and Kafka",
			map[string][]string{"Go": {}, "PostgreSQL": {}, "Kafka": {}}, []string{"PostgreSQL", "Kafka"}, 33},
		{"a term also asked alone stays its own requirement", "Requirements\n- PostgreSQL\n- HA tooling (e.g. Patroni, PgBouncer, PostgreSQL replication)",
			map[string][]string{"PostgreSQL": {}, "Patroni": {"PgBouncer"}}, []string{"PostgreSQL", "Patroni"}, 0},
		{"alternatives across lines merge", "Requirements\n- Go or Python\n- Python or Ruby",
			map[string][]string{"Python": {"Go", "Ruby"}}, []string{}, 100},
		{"a remark in parentheses joins nothing", "Requirements\n- Experience with Google Cloud Platform (preferred) or Amazon Web Services",
			map[string][]string{"GCP": {"AWS"}}, []string{"AWS"}, 0},
		{"one of these, in the next sentence", "Requirements\nOur core languages are Ruby, Python, and Go. You should have experience with at least one of these languages.",
			map[string][]string{"Go": {"Ruby", "Python"}}, []string{}, 100},
		{"a stack is no set of alternatives", "Requirements\n- Software on platforms such as Go, Flask, AWS, CSS",
			map[string][]string{"Go": {}, "AWS": {}, "Flask": {}, "CSS": {}}, []string{"Flask", "AWS", "CSS"}, 25},
		{"a stack offered with etc.", "Requirements\n- Software on platforms such as Go, Flask, AWS, CSS, etc.",
			map[string][]string{"Go": {"Flask", "AWS", "CSS"}}, []string{}, 100},
		{"and other", "Requirements\n- Technologies such as Go, Rust, and other systems languages",
			map[string][]string{"Go": {"Rust"}}, []string{}, 100},
		{"two of these is no alternative", "Requirements\nOur core languages are Ruby, Python, and Go. You should have experience with at least two of those languages.",
			map[string][]string{"Go": {}}, []string{"Python", "Ruby"}, 33},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rep := matchAt(t, goResume, tt.job)
			for k, want := range tt.alts {
				assert.ElementsMatch(t, want, alternativesOf(rep, k), k)
			}
			assert.Equal(t, tt.missing, missingNames(rep))
			assert.Equal(t, tt.score, rep.Score)
		})
	}
}

// TestAlternativesScoreOnce: a set of alternatives weighs once, and the best shown member
// earns its points.
func TestAlternativesScoreOnce(t *testing.T) {
	t.Parallel()
	rep := matchAt(t, "## Skills\nPython\n## Experience\n- Built Go services for 3 teams\n",
		"Requirements\n- Go or Python\n- Kafka")
	// Weights: {Go, Python} 2, Kafka 2 = 4. Go in a bullet earns 2: 50.
	assert.Equal(t, 50, rep.Score)
	points := map[string]float64{}
	for _, m := range rep.Matched {
		points[m.Keyword] = m.Points
	}
	assert.Equal(t, map[string]float64{"Go": 50, "Python": 0}, points)
	assert.Equal(t, []MissingKeyword{{Keyword: "Kafka", Required: true, Alternatives: []string{}}}, rep.Missing)
	for _, imp := range rep.Improvements() {
		assert.NotEqual(t, "Python", imp.Keyword, "an alternative of a met requirement needs no change")
	}
	rep = matchAt(t, "## Experience\n- Built Ruby services for 3 teams\n", "Requirements\n- Go or Python")
	require.Len(t, rep.Missing, 1)
	// The set is named by its first member in job keyword order (catalog order).
	assert.Equal(t, MissingKeyword{Keyword: "Python", Required: true, Alternatives: []string{"Go"}}, rep.Missing[0])
	imps := rep.Improvements()
	require.Len(t, imps, 1)
	assert.Equal(t, "Add Python (or Go) (required) to an experience or project bullet, if you have used it.", imps[0].Action)
	assert.InDelta(t, 100, imps[0].Gain, 0.01)
}

func TestOverlappingKeywords(t *testing.T) {
	t.Parallel()
	rep := matchAt(t, "## Experience\n- Led RESTful API design for 4 teams\n", "Requirements\n- RESTful API design\n- relational database design")
	assert.Equal(t, []string{"database design", "REST API", "API design"}, jobKeywordNames(rep), "catalog order")
	var matched []string
	for _, m := range rep.Matched {
		matched = append(matched, m.Keyword)
	}
	assert.Equal(t, []string{"REST API", "API design"}, matched)
}

func TestLowercaseAndEscapedForms(t *testing.T) {
	t.Parallel()
	rep := matchAt(t, "## Experience\n- Shipped 9 flask apps with helm\n", "Requirements\n- Helm and Flask\n- C\\# or .NET")
	assert.Equal(t, []string{"C#", "Flask", ".NET", "Helm"}, jobKeywordNames(rep), "catalog order")
	assert.Equal(t, []string{"C#"}, missingNames(rep))
}

func requirementOf(rep Report, kind RequirementKind) (Requirement, bool) {
	for _, q := range rep.Requirements {
		if q.Kind == kind {
			return q, true
		}
	}
	return Requirement{}, false
}

func findingCodes(rep Report) []Code {
	return mapped(rep.Findings, func(f Finding) Code { return f.Code })
}

// TestVocabularyForms: forms the real postings in testdata/jobs showed the vocabulary
// lacked, and a benefit it misread.
func TestVocabularyForms(t *testing.T) {
	t.Parallel()
	resume := "## Experience\n- Built Go services for 3 teams\n"
	rep := matchAt(t, resume, "Requirements\n- Slack, Trello, Github or Miro\n- Operate Cloud Foundry\n- POSIX shell\n- Tailwind, Docker")
	assert.ElementsMatch(t, []string{"Slack", "Trello", "GitHub", "Miro", "Cloud Foundry", "Shell scripting", "Tailwind CSS", "Docker"}, jobKeywordNames(rep))
	assert.ElementsMatch(t, []string{"Slack", "Trello", "Miro"}, alternativesOf(rep, "GitHub"))
	rep = matchAt(t, resume, "Requirements\n- Go\n- Thrift Savings Plan (similar to a 401(k) plan)\n- a tailwind for the team")
	assert.Equal(t, []string{"Go"}, jobKeywordNames(rep), "the Thrift Savings Plan is a benefit, a tailwind is no CSS")
	rep = matchAt(t, resume, "Requirements\n- Go and Thrift")
	assert.Contains(t, jobKeywordNames(rep), "Thrift")
}

func TestYearsRequirement(t *testing.T) {
	t.Parallel()
	job := "Requirements\n- 6+ years of backend experience\n- Go"
	short := "## Experience\nAcme | Jan 2022 – Present\n- Built Go services for 3 teams\n"
	long := "## Experience\nAcme | Jan 2022 – Present\n- Built Go services for 3 teams\nInitech | 2015 - 2021\n- Ran Go APIs\nSide gig | 2018–2019\n- Wrote Go\n"

	rep := matchAt(t, short, job)
	q, ok := requirementOf(rep, YearsRequirement)
	require.True(t, ok)
	assert.Equal(t, Requirement{Kind: YearsRequirement, Met: false, Required: true, Asked: "- 6+ years of backend experience", Line: 2,
		Shown: "4.5 years in 1 dated entry", Years: 6, ResumeYears: 4.5, Of: "backend experience", Weight: 2, Points: 0}, q)
	assert.Contains(t, findingCodes(rep), YearsShort)
	shortScore := rep.Score

	rep = matchAt(t, long, job)
	q, _ = requirementOf(rep, YearsRequirement)
	assert.True(t, q.Met)
	// Jul 2015 – Jul 2021 and Jan 2022 – Jun 2026; 2018–2019 lies inside the first.
	assert.InDelta(t, 10.5, q.ResumeYears, 0.01)
	assert.NotContains(t, findingCodes(rep), YearsShort)
	assert.Greater(t, rep.Score, shortScore, "meeting the years scores higher")

	rep = matchAt(t, "## Experience\n- Built Go services for 3 teams\n", job)
	assert.Contains(t, rep.Findings[len(rep.Findings)-1].Message+rep.Findings[1].Message, "no dated experience entries")

	for _, text := range []string{"Requirements\n- 3-5 years of experience with Go", "Requirements\n- At least five years of professional experience", "Requirements\n- Minimum 3 years experience"} {
		rep := matchAt(t, long, text)
		q, ok := requirementOf(rep, YearsRequirement)
		assert.True(t, ok, text)
		assert.True(t, q.Met, text)
	}
	// 18F's "one (1) year of specialized experience"; "preferably" does not make the years
	// preferred (GitLab's FinOps posting).
	for text, want := range map[string]float64{
		"Qualifications\nTo qualify, you must have one (1) year of specialized experience":             1,
		"Requirements\n- 3+ years of experience in cloud operations, preferably in a SaaS environment": 3,
		"Requirements\n- A 2 year-term role; 5+ years of experience with Go":                           5,
	} {
		q, ok := requirementOf(matchAt(t, long, text), YearsRequirement)
		require.True(t, ok, text)
		assert.Equal(t, want, q.Years, text)
		assert.True(t, q.Required, text)
	}
	for _, text := range []string{"About us\nFounded 10 years ago.", "Requirements\n- Go; our company is 12 years old",
		"Requirements\n- This role is a 2 year-term position. Experience with Go is required.", "Requirements\n- A 1-year contract with experience in Go"} {
		_, ok := requirementOf(matchAt(t, long, text), YearsRequirement)
		assert.False(t, ok, text)
	}
}

func TestDegreeRequirement(t *testing.T) {
	t.Parallel()
	withDegree := "## Experience\n- Built Go services\n## Education\nBSc Computer Science, MIT, 2014\n"
	without := "## Experience\n- Built Go services\n"
	tests := []struct {
		name, job, resume string
		present, required bool
		met               bool
		degree, field     string
	}{
		{"bachelor required, missing", "Requirements\n- Bachelor's degree in Computer Science", without, true, true, false, "bachelor", "Computer Science"},
		{"bachelor required, shown", "Requirements\n- Bachelor's degree in Computer Science", withDegree, true, true, true, "bachelor", "Computer Science"},
		{"or equivalent experience is preferred", "Requirements\n- BS/MS in CS or equivalent experience", without, true, false, false, "bachelor", "CS"},
		{"master above a bachelor", "Requirements\n- Master's degree in Statistics", withDegree, true, true, false, "master", "Statistics"},
		{"PhD preferred", "Nice to have\n- PhD in Machine Learning", withDegree, true, false, false, "doctorate", "Machine Learning"},
		{"no degree required", "Requirements\n- No degree required", without, false, false, false, "", ""},
		{"MS Office is no degree", "Requirements\n- MS Office", without, false, false, false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rep := matchAt(t, tt.resume, tt.job)
			q, ok := requirementOf(rep, DegreeRequirement)
			require.Equal(t, tt.present, ok)
			if !ok {
				return
			}
			assert.Equal(t, tt.required, q.Required)
			assert.Equal(t, tt.met, q.Met)
			assert.Equal(t, tt.degree, q.Degree)
			assert.Equal(t, tt.field, q.Field)
			assert.Equal(t, !tt.met, containsCode(findingCodes(rep), DegreeMissing))
		})
	}
}

func containsCode(codes []Code, c Code) bool {
	for _, x := range codes {
		if x == c {
			return true
		}
	}
	return false
}

func TestCertificationRequirement(t *testing.T) {
	t.Parallel()
	job := "Requirements\n- Certified Kubernetes Administrator (CKA) required\n\nNice to have\n- CKAD\n\nBenefits\n- We pay for the AWS Certified Solutions Architect exam"
	rep := matchAt(t, "## Experience\n- Ran Kubernetes for 40 teams\n## Certifications\n- CKA, 2023\n", job)
	got := filtered(rep.Requirements, func(q Requirement) bool { return q.Kind == CertificationRequirement })
	require.Len(t, got, 2, "the benefits line asks for nothing")
	assert.Equal(t, "Certified Kubernetes Administrator (CKA)", got[0].Certification)
	assert.True(t, got[0].Required)
	assert.True(t, got[0].Met)
	assert.Equal(t, "CKA, 2023", got[0].Shown)
	assert.Equal(t, "CKAD (Certified Kubernetes Application Developer)", got[1].Certification)
	assert.False(t, got[1].Required)
	assert.False(t, got[1].Met)
	assert.Contains(t, findingCodes(rep), CertificationMissing)
}

func TestTitleRequirement(t *testing.T) {
	t.Parallel()
	job := "Senior Backend Engineer\n\nRequirements\n- Go"
	tests := []struct {
		name, resume string
		met          bool
	}{
		{"same role and level", "Ada Lovelace\nSenior Backend Engineer\n## Experience\n- Built Go services\n", true},
		{"one level apart", "Ada Lovelace\nBackend Developer\n## Experience\n- Built Go services\n", true},
		{"junior frontend", "Ada Lovelace\nJunior Frontend Developer\n## Experience\n- Built React apps in Go\n", false},
		{"full-stack fits backend", "Ada Lovelace\nFull-Stack Engineer\n## Experience\n- Built Go services\n", true},
		{"most recent title", "## Experience\n### Staff Software Engineer, Acme\nJan 2020 – Present\n- Built Go services\n", true},
		{"no title at all", "## Experience\n- Built Go services\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rep := matchAt(t, tt.resume, job)
			q, ok := requirementOf(rep, TitleRequirement)
			require.True(t, ok)
			assert.Equal(t, "Senior Backend Engineer", q.Title)
			assert.Equal(t, "senior", q.Seniority)
			assert.Equal(t, "backend", q.Role)
			assert.Equal(t, tt.met, q.Met, q.Shown)
			assert.Equal(t, !tt.met, containsCode(findingCodes(rep), TitleMismatch))
		})
	}
	_, ok := requirementOf(matchAt(t, "Backend Engineer\n", "Requirements\n- Go"), TitleRequirement)
	assert.False(t, ok, "a job without a title asks for none")
	rep := matchAt(t, "Backend Engineer\n", "Job title: Staff Data Engineer\nRequirements\n- Go")
	q, _ := requirementOf(rep, TitleRequirement)
	assert.Equal(t, "Staff Data Engineer", q.Title)
	assert.False(t, q.Met)
}

// TestJuniorFrontendAgainstSeniorRole is the example: every requirement it misses is
// a finding, and the score is lower than for a resume that meets them.
func TestJuniorFrontendAgainstSeniorRole(t *testing.T) {
	t.Parallel()
	job := `Senior Backend Engineer

Requirements
- 7+ years of backend experience
- Bachelor's degree in Computer Science
- Certified Kubernetes Administrator (CKA) required
- Go and PostgreSQL`
	junior := "Sam Doe\nJunior Frontend Developer\n## Skills\nGo, PostgreSQL\n## Experience\nWebshop | Jan 2024 – Present\n- Built Go and PostgreSQL pages for 2 shops\n"
	senior := "Sam Doe\nSenior Backend Engineer\n## Skills\nGo, PostgreSQL\n## Experience\nBank | 2012 – Present\n- Built Go and PostgreSQL services for 20 teams\n## Education\nB.S. in Computer Science\n## Certifications\nCKA\n"
	jr := matchAt(t, junior, job)
	sr := matchAt(t, senior, job)
	for _, c := range []Code{TitleMismatch, YearsShort, DegreeMissing, CertificationMissing} {
		assert.Contains(t, findingCodes(jr), c)
		assert.NotContains(t, findingCodes(sr), c)
	}
	for _, q := range sr.Requirements {
		assert.True(t, q.Met, "%+v", q)
	}
	assert.Equal(t, 100, sr.Score)
	// Weights: Go 2, PostgreSQL 2, title 1, years 2, degree 2, certification 2 = 11; the
	// junior resume earns the two keywords: 100 × 4 / 11.
	assert.Equal(t, 36, jr.Score)
	var sum float64
	for _, m := range jr.Matched {
		sum += m.Points
	}
	for _, q := range jr.Requirements {
		sum += q.Points
	}
	assert.InDelta(t, 36.4, sum, 0.1, "every point traces to a keyword or a requirement")
}

func TestMatcherAtDefaultsToToday(t *testing.T) {
	t.Parallel()
	r, err := ParseResume("## Experience\nAcme | 2025 – Present\n- Built Go services\n")
	require.NoError(t, err)
	j, err := ParseJob("Requirements\n- 1+ years of experience")
	require.NoError(t, err)
	m := NewMatcher(skills.Backend())
	then := m.At(time.Date(2025, time.August, 1, 0, 0, 0, 0, time.UTC)).Match(r, j)
	q, _ := requirementOf(then, YearsRequirement)
	assert.False(t, q.Met, "July 2025 to August 2025 is one month")
	now := m.Match(r, j) // today: after July 2026 the year is full
	q, _ = requirementOf(now, YearsRequirement)
	assert.Equal(t, time.Now().After(time.Date(2026, time.July, 1, 0, 0, 0, 0, time.UTC)), q.Met)
}

// TestRequirementsOfHandBuiltJob: a Job built without ParseJob has its requirements read
// when it is matched.
func TestRequirementsOfHandBuiltJob(t *testing.T) {
	t.Parallel()
	text := "Senior Backend Engineer\n- 5+ years of experience\n- CKA required\n- BSc in Computer Science"
	var lines []JobLine
	for i, l := range splitLines(text) {
		lines = append(lines, JobLine{Text: l.text, Start: l.start, Number: i + 1, Level: Required})
	}
	rep := NewMatcher(skills.Backend()).At(goldenPresent).Match(Resume{Text: "x"}, Job{Text: text, Lines: lines})
	var kinds []RequirementKind
	for _, q := range rep.Requirements {
		kinds = append(kinds, q.Kind)
	}
	assert.Equal(t, []RequirementKind{TitleRequirement, YearsRequirement, CertificationRequirement, DegreeRequirement}, kinds)
}
