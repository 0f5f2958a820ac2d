package ats

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/skills"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/")

// goldenPresent is the date golden reports count "Present" up to, so that they do not change
// with the calendar.
var goldenPresent = time.Date(2026, time.June, 15, 0, 0, 0, 0, time.UTC)

// TestTermOf: a mention's index names the same term in the matcher's table as its text.
func TestTermOf(t *testing.T) {
	t.Parallel()
	m := NewMatcher(skills.Backend())
	ms := skills.Backend().AppendAllMentions(nil, "Go, Elixir, relational database, Snowflake and PostgreSQL on AWS")
	require.Len(t, ms, 6)
	for _, mt := range ms {
		i, ok := m.termOf(mt)
		require.Equal(t, !mt.Generic, ok, mt.Term)
		if ok {
			assert.Equal(t, mt.Term, m.names[i])
		}
	}
}

// terms returns the canonical terms the backend catalog finds in text, in order.
func terms(text string) []string {
	return mapped(skills.Backend().Mentions(text), func(m skills.Mention) string { return m.Term })
}

func TestAmbiguity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"Go the language", "Go", []string{"Go"}},
		{"Golang", "Built services in Golang.", []string{"Go"}},
		{"Go (Golang)", "Go (Golang)", []string{"Go", "Go"}},
		{"Go/Python", "Go/Python", []string{"Go", "Python"}},
		{"written in Go", "a CLI written in Go.", []string{"Go"}},
		{"Go's", "Go's concurrency model", []string{"Go"}},
		{"go the extra mile", "We go the extra mile. Go the extra mile.", []string{}},
		{"go-to-market", "Worked with go-to-market and Go-to-market teams", []string{}},
		{"Let's go", "Let's go! Let's Go", []string{}},
		{"on the go", "Coding on the go, On The Go", []string{}},
		{"go-live", "Led the go-live and the Go-live", []string{}},
		{"Rust", "Rust services", []string{"Rust"}},
		{"Trust & Safety", "Joined Trust & Safety; rust is oxidised iron", []string{}},
		{"Java vs JavaScript", "JavaScript and Java", []string{"JavaScript", "Java"}},
		{"Spring Boot over Spring", "Spring Boot on Java/Spring", []string{"Spring Boot", "Java", "Spring Boot"}},
		{"Spring the season", "Spring 2024 intern; in Spring semester; this Spring", []string{}},
		{"SQL inside other names", "NoSQL, MySQL and PostgreSQL, then SQL", []string{"NoSQL", "MySQL", "PostgreSQL", "SQL"}},
		{"Node.js over Node", "Node.js, NodeJS and Node/Express", []string{"Node.js", "Node.js", "Node.js", "Express"}},
		{"graph node", "each Node of the graph; a node in Kubernetes", []string{"Kubernetes"}},
		{"R&D is not R or D", "Led R&D for C#/.NET services", []string{"C#", ".NET"}},
		{"ASP.NET is not .NET", "ASP.NET Core", []string{"ASP.NET"}},
		{"CI/CD spellings", "CI/CD, CI / CD and continuous integration", []string{"CI/CD", "CI/CD", "CI/CD"}},
		{"micro-services", "split into micro-services", []string{"microservices"}},
		{"OAuth 2.0", "OAuth 2.0, JWT and RBAC", []string{"OAuth 2.0", "JWT", "RBAC"}},
		{"REST is case-sensitive", "REST APIs for the rest of the team; RESTful", []string{"REST API", "REST API"}},
		{"non-ASCII around keywords", "• Kafka–backed queue for Zoë’s Redis cache", []string{"Kafka", "Redis", "caching"}},
		{"cloud-native over cloud", "cloud-native apps on the cloud", []string{"cloud-native", "cloud"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, terms(tt.text))
		})
	}
}

func TestMatchScoreAndFindings(t *testing.T) {
	t.Parallel()
	resume := `## Summary
Backend engineer who knows databases.

## Skills
- Python, Kafka, AWS

## Experience
- Built Python services on a relational database, serving 2M requests a day.
`
	job := `Requirements
- Python and PostgreSQL
- Kafka

Nice to have
- AWS
`
	rep, err := Match(resume, job)
	require.NoError(t, err)

	assert.Equal(t, []string{"Python", "PostgreSQL", "Kafka", "AWS"}, jobKeywordNames(rep))
	assert.Equal(t, []MissingKeyword{{Keyword: "PostgreSQL", Required: true, Alternatives: []string{}}}, rep.Missing)
	// Weights: Python 2, PostgreSQL 2, Kafka 2, AWS 1 = 7. Python earns 2 (in a bullet),
	// Kafka 0.6×2 and AWS 0.6×1 (only listed): 100 × 3.8 / 7 = 54.3.
	assert.Equal(t, 54, rep.Score)
	var sum float64
	for _, m := range rep.Matched {
		sum += m.Points
	}
	assert.InDelta(t, 54.3, sum, 0.1, "the points add up to the score")

	codes := map[Code][]string{}
	for _, f := range rep.Findings {
		codes[f.Code] = append(codes[f.Code], f.Keyword)
		assert.NotEmpty(t, f.Message)
	}
	assert.Equal(t, map[Code][]string{
		ContextFreeKeyword:       {"Kafka", "AWS"},
		GenericTerm:              {"PostgreSQL"},
		LanguageWithoutFramework: {"Python"},
		CloudWithoutServices:     {"AWS"},
	}, codes)
}

func TestMatchLanguageNotInSkillsAndNoSkillsSection(t *testing.T) {
	t.Parallel()
	rep, err := Match("## Skills\n- Go\n## Projects\n- Built a TypeScript client for 3 teams\n", "Go and TypeScript")
	require.NoError(t, err)
	assert.Contains(t, rep.Findings, Finding{Code: LanguageNotInSkills, Keyword: "TypeScript", Section: Projects,
		Message: "You use TypeScript (projects) but your skills section does not name it. Add it there: the language is the first filter in backend screens."}, rep.Findings[0])

	rep, err = Match("## Experience\n- Built Go services\n", "Go")
	require.NoError(t, err)
	assert.Equal(t, NoSkillsSection, rep.Findings[0].Code)
	assert.Equal(t, 100, rep.Score)

	rep, err = Match("## Experience\n- Built things\n", "We need a friendly person.")
	require.NoError(t, err)
	assert.Equal(t, 0, rep.Score)
	assert.Equal(t, NoJobKeywords, rep.Findings[0].Code)
}

func TestMatchAliasAndExact(t *testing.T) {
	t.Parallel()
	rep, err := Match("## Experience\n- Tuned Postgres queries\n", "PostgreSQL")
	require.NoError(t, err)
	require.Len(t, rep.Matched, 1)
	assert.Equal(t, Alias, rep.Matched[0].Match)
	assert.Equal(t, []SectionKind{Experience}, rep.Matched[0].Sections)
	assert.True(t, rep.Matched[0].InBullet)
}

func TestMatchMentionSpans(t *testing.T) {
	t.Parallel()
	resume := "## Skills\n- Go, Postgres\n## Experience\n- Ran Golang services on PostgreSQL\n"
	job := "Requirements: Go and PostgreSQL.\n\nBenefits: a Go meetup budget\n\nNice to have: more Go"
	rep, err := Match(resume, job)
	require.NoError(t, err)
	at := func(text string, spans []Span) []string {
		return mapped(spans, func(s Span) string { return text[s.Start:s.End] })
	}
	require.Len(t, rep.Matched, 2)
	assert.Equal(t, []string{"Go", "Golang"}, at(resume, rep.Matched[0].Mentions))
	assert.Equal(t, []string{"Postgres", "PostgreSQL"}, at(resume, rep.Matched[1].Mentions))
	// The benefits line's Go is not counted, so it has no span either.
	assert.Equal(t, []string{"Go", "Go"}, at(job, rep.JobKeywords[0].Mentions))
	for _, k := range rep.JobKeywords {
		assert.Len(t, k.Mentions, k.JobCount, k.Keyword)
	}
	for _, m := range rep.Matched {
		assert.Len(t, m.Mentions, m.ResumeCount, m.Keyword)
	}
}

func TestParseJSONResume(t *testing.T) {
	t.Parallel()
	data := []byte(`{
  "basics": {"name": "Ada", "label": "Backend Engineer", "summary": "Builds Go services."},
  "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020", "endDate": "2024",
            "summary": "Payments team.", "highlights": ["Cut p99 latency by 40% with Redis", "Ran Kafka consumers"]}],
  "projects": [{"name": "ledger", "description": "A ledger.", "highlights": ["Wrote it in Rust"], "keywords": ["Rust", "PostgreSQL"]}],
  "skills": [{"name": "Languages", "keywords": ["Go", "Rust"]}, {"name": "Docker"}],
  "education": [{"institution": "MIT", "area": "CS", "studyType": "BSc"}],
  "certificates": [{"name": "CKA", "issuer": "CNCF"}],
  "extension": {"anything": true}
}`)
	r, err := ParseJSONResume(data)
	require.NoError(t, err)
	assert.Equal(t, []string{"other:Ada — Backend Engineer", "summary:Summary", "experience:Experience", "projects:Projects", "skills:Skills", "education:Education", "certifications:Certifications"}, kinds(r))
	var bullets []string
	for _, b := range r.Bullets() {
		bullets = append(bullets, b.Text)
	}
	assert.Equal(t, []string{"Cut p99 latency by 40% with Redis", "Ran Kafka consumers", "Wrote it in Rust"}, bullets)

	job, err := ParseJob("Requirements: Go, Kafka, Docker, Rust")
	require.NoError(t, err)
	rep := NewMatcher(skills.Backend()).Match(r, job)
	assert.Empty(t, rep.Missing)

	_, err = ParseJSONResume([]byte(`{"basics": `))
	require.ErrorContains(t, err, "ats: parse JSON resume: unexpected end of JSON input")
	_, err = ParseJSONResume([]byte(`{"work": "not a list"}`))
	require.ErrorContains(t, err, "ats: parse JSON resume: work is a string, want an array of objects")
	_, err = ParseJSONResume([]byte(`{}`))
	require.ErrorIs(t, err, ErrEmpty)
}

// TestGoldenReports compares the JSON report of each resume/job pair with its golden file in
// testdata/; go test ./ats -run TestGoldenReports -update rewrites them.
func TestGoldenReports(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, resume, job string }{
		{"sample-markdown", "../examples/testdata/resume.md", "../examples/testdata/job.md"},
		{"sample-json-resume", "../examples/testdata/resume.json", "../examples/testdata/job.md"},
		{"plain-all-caps", "testdata/plain.resume.txt", "testdata/platform.job.txt"},
		{"prose-no-sections", "testdata/prose.resume.txt", "testdata/platform.job.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(tt.resume)
			require.NoError(t, err)
			jobText, err := os.ReadFile(tt.job)
			require.NoError(t, err)
			var r Resume
			if strings.HasSuffix(tt.resume, ".json") {
				r, err = ParseJSONResume(data)
			} else {
				r, err = ParseResume(string(data))
			}
			require.NoError(t, err)
			j, err := ParseJob(string(jobText))
			require.NoError(t, err)
			assertGolden(t, filepath.Join("testdata", tt.name+".golden.json"), NewMatcher(skills.Backend()).At(goldenPresent).Match(r, j))
		})
	}
}

// TestJobCorpus matches the sample resume against every real job posting in testdata/jobs
// (sources in testdata/jobs/SOURCES) and compares the report with its golden file;
// go test ./ats -run TestJobCorpus -update rewrites them.
func TestJobCorpus(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/jobs/*.md")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 30)
	sources, err := os.ReadFile("testdata/jobs/SOURCES")
	require.NoError(t, err)
	data, err := os.ReadFile("../examples/testdata/resume.md")
	require.NoError(t, err)
	r, err := ParseResume(string(data))
	require.NoError(t, err)
	m := NewMatcher(skills.Backend()).At(goldenPresent)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.Contains(t, string(sources), filepath.Base(f), "every posting names its source")
			text, err := os.ReadFile(f)
			require.NoError(t, err)
			j, err := ParseJob(string(text))
			require.NoError(t, err)
			rep := m.Match(r, j)
			assert.NotEmpty(t, rep.JobKeywords, "a real posting names technologies")
			assertGolden(t, filepath.Join("testdata", "jobs", name+".golden.json"), rep)
		})
	}
}

// assertGolden compares v, as indented JSON, with the golden file at path; with -update it
// rewrites the file first.
func assertGolden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "go test ./ats -update writes it")
	assert.Equal(t, string(want), string(got))
}

func FuzzParseResume(f *testing.F) {
	for _, s := range []string{"## Skills\n- Go", "EXPERIENCE\n• Built\n", "Skills: Go\n====\n", "#\n##\n**\n1)", "–  \n\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		r, err := ParseResume(text)
		if err != nil {
			return
		}
		prevEnd := 0
		for _, s := range r.Sections {
			require.LessOrEqual(t, s.Start, s.End)
			require.Equal(t, prevEnd <= s.Start, true)
			prevEnd = s.End
			for _, l := range s.Lines {
				// Offsets index r.Text: the input, or its decoding (UTF-16).
				if l.End == l.Start+len(l.Text) {
					require.Equal(t, l.Text, r.Text[l.Start:l.End])
				} else { // a wrapped list item: its lines joined by single spaces
					require.Equal(t, strings.Fields(r.Text[l.Start:l.End]), strings.Fields(l.Text))
				}
			}
		}
	})
}

func FuzzMatch(f *testing.F) {
	resume, _ := os.ReadFile("../examples/testdata/resume.md")
	job, _ := os.ReadFile("../examples/testdata/job.md")
	f.Add(string(resume), string(job))
	f.Add("## Skills\n- Go, Kafka", "Requirements: Go\nNice to have: Kafka is a plus")
	f.Add("Senior Engineer\n## Experience\nAcme | 2019 – Present\n- Ran Go on Kubernetes\n## Education\nBSc CS",
		"Staff Backend Engineer\nRequirements\n- 7+ years of experience\n- Go, Python, or similar\n- CKA required\n- BS in CS")
	f.Fuzz(func(t *testing.T, resume, job string) {
		rep, err := Match(resume, job)
		if err != nil {
			return
		}
		require.GreaterOrEqual(t, rep.Score, 0)
		require.LessOrEqual(t, rep.Score, 100)
		again, err := Match(resume, job)
		require.NoError(t, err)
		require.Equal(t, rep, again, "deterministic")
		// Every job keyword is shown, missing, or an alternative of a requirement that is
		// met or named missing by its first keyword.
		require.LessOrEqual(t, len(rep.Matched)+len(rep.Missing), len(rep.JobKeywords))
		var points float64
		for _, m := range rep.Matched {
			points += m.Points
		}
		for _, q := range rep.Requirements {
			points += q.Points
		}
		// Each share is rounded to 0.1 and the score to 1.
		slack := 0.5 + 0.05*float64(len(rep.Matched)+len(rep.Requirements))
		require.InDelta(t, float64(rep.Score), points, slack, "the points add up to the score")
	})
}

func TestReportJSONFieldNames(t *testing.T) {
	t.Parallel()
	rep, err := Match("## Skills\n- Kafka\n", "Kafka and Go")
	require.NoError(t, err)
	data, err := json.Marshal(rep)
	require.NoError(t, err)
	for _, field := range []string{`"score":`, `"job_keywords":`, `"keyword":`, `"group":`, `"required":`, `"job_count":`,
		`"matched":`, `"resume_count":`, `"sections":`, `"in_bullet":`, `"match":`, `"missing":`, `"findings":`,
		`"code":`, `"section":`, `"message":`, `"name":`, `"heading":`, `"line":`, `"mentions":`, `"start":`, `"end":`} {
		assert.True(t, bytes.Contains(data, []byte(field)), field)
	}
}
