package ats

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// levels returns the level of every non-heading line of a parsed job, by text.
func levels(t *testing.T, text string) map[string]Level {
	t.Helper()
	j, err := ParseJob(text)
	require.NoError(t, err)
	got := map[string]Level{}
	for _, l := range j.Lines {
		if !l.Heading {
			got[l.Text] = l.Level
		}
	}
	return got
}

func TestParseJobLevels(t *testing.T) {
	t.Parallel()
	got := levels(t, `Senior Backend Engineer

About us
We run payments on Kafka.

Requirements
- 5 years of Go
- PostgreSQL
- Experience with GraphQL is a plus

Nice to have
- gRPC
- Terraform

Required: Docker
Bonus: DynamoDB

Benefits
- AWS credits for side projects

## Payments Platform
- Redis

## Our tech stack
- Elixir

Not required: Elasticsearch
Experience with Cassandra would be nice.`)
	assert.Equal(t, Ignored, got["We run payments on Kafka."], "a company description is not a requirement")
	assert.Equal(t, Required, got["- 5 years of Go"])
	assert.Equal(t, Preferred, got["- Experience with GraphQL is a plus"])
	assert.Equal(t, Preferred, got["- gRPC"])
	assert.Equal(t, Required, got["Required: Docker"])
	assert.Equal(t, Preferred, got["Bonus: DynamoDB"])
	assert.Equal(t, Ignored, got["- AWS credits for side projects"])
	assert.Equal(t, Required, got["- Redis"], "an unknown Markdown heading starts a required part")
	assert.Equal(t, Preferred, got["- Elixir"], "a stack section is preferred")
	assert.Equal(t, Preferred, got["Not required: Elasticsearch"])
	assert.Equal(t, Preferred, got["Experience with Cassandra would be nice."])
}

// TestParseJobLevelPhrasings covers each phrasing class of the issue.
func TestParseJobLevelPhrasings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, line string
		want             Level
	}{
		{"inline bonus in a list", "Requirements\n- Go\n- Bonus: experience with GraphQL", "- Bonus: experience with GraphQL", Preferred},
		{"a plus mid-line", "Requirements\n- Kafka experience is a plus, not a must", "- Kafka experience is a plus, not a must", Preferred},
		{"familiarity helpful", "Requirements\n- Familiarity with Rust is helpful", "- Familiarity with Rust is helpful", Preferred},
		{"bare familiarity stays", "Requirements\n- Familiarity with Linux", "- Familiarity with Linux", Required},
		{"what's in it for you", "What's in it for you\n- A Kubernetes lab budget", "- A Kubernetes lab budget", Ignored},
		{"pay transparency", "Pay transparency\nThe range for Go engineers is $150k", "The range for Go engineers is $150k", Ignored},
		{"perks", "## Perks\n- AWS credits", "- AWS credits", Ignored},
		{"bold line inside benefits", "Benefits\n**Health**\n- Docker desktop licence", "- Docker desktop licence", Ignored},
		{"bold line inside requirements", "Requirements\n**Backend**\n- Go", "- Go", Required},
		{"metadata", "Industry: Agile Software Development\nRequirements\n- Go", "Industry: Agile Software Development", Ignored},
		{"location metadata", "Location: Remote (Go-lang friendly)\n", "Location: Remote (Go-lang friendly)", Ignored},
		{"tech we use", "Tech we use\n- Elixir and Phoenix", "- Elixir and Phoenix", Preferred},
		{"we don't expect you to know, after", "Our stack\n- Go, Kafka\nRequirements\n- Python, Django\n- We don't expect you to know all of these technologies.\n- Snowflake",
			"- Snowflake", Preferred},
		{"curly apostrophe", "Requirements\n- Rust\n- We don’t expect you to know all of these.", "- Rust", Preferred},
		{"we don't expect you to know, before", "Requirements\n- Python, Django\n- We don't expect you to know all of these technologies.",
			"- Python, Django", Preferred},
		{"plain preferred qualifications", "Requirements\n- Go\n\nPreferred Qualifications\n\n- Advanced degree", "- Advanced degree", Preferred},
		{"pay attention is no heading", "Pay attention to detail\nRequirements\n- Go", "- Go", Required},
		{"or equivalent experience", "Requirements\n- BS in Computer Science or equivalent experience", "- BS in Computer Science or equivalent experience", Preferred},
		{"a role's title is no stack heading", "# Full Stack Software Developer\n- Python, Flask", "- Python, Flask", Required},
		{"preferably only the rest of the line", "Requirements\n- Experience with cloud providers, preferably AWS", "- Experience with cloud providers, preferably AWS", Required},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := levels(t, tt.text)
			assert.Equal(t, tt.want, got[tt.line], "%q in %v", tt.line, got)
		})
	}
}

func TestJobWordsLoad(t *testing.T) {
	t.Parallel()
	_, err := loadJobWords([]byte(`{"version": 2}`))
	require.ErrorContains(t, err, "ats: load job words: unknown version 2")
	_, err = loadJobWords([]byte(`{`))
	require.ErrorContains(t, err, "ats: load job words:")
	v, err := loadJobWords(jobWordsJSON)
	require.NoError(t, err)
	assert.Equal(t, 1, v.version)
}

func FuzzParseJob(f *testing.F) {
	for _, s := range []string{
		"Requirements\n- Go or Python (e.g., Java, C#/.NET, or similar)\nNice to have: Kafka",
		"## Benefits\n**Health**\n- 6+ years of Go\nBachelor's degree in CS or equivalent experience",
		"Senior Backend Engineer\nCKA required; 3-5 years of backend experience",
		"Industry: Agile\nWe don't expect you to know all of these\n\r\n",
		"# Full Stack Developer\n- Python, Flask. Nice-to-haves are Terraform (preferably 1.5) e.g. Kafka is a plus.",
		"Qualifications\nOne (1) year of specialized experience; a 2 year-term role. Ruby, Go. Know one of these.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		j, err := ParseJob(text)
		if err != nil {
			return
		}
		prev := -1
		for _, l := range j.Lines {
			require.Equal(t, l.Text, text[l.Start:l.Start+len(l.Text)])
			require.Greater(t, l.Start, prev)
			prev = l.Start
			require.Contains(t, []Level{Required, Preferred, Ignored}, l.Level)
			end := 0
			for _, p := range l.preferred {
				require.True(t, end <= p[0] && p[0] < p[1] && p[1] <= len(l.Text), "preferred parts %v of %q", l.preferred, l.Text)
				end = p[1]
			}
		}
		for _, r := range parseJobRequirements(j, true) {
			require.True(t, r.Line >= 1, "line %d", r.Line)
			require.True(t, utf8.ValidString(r.Asked) || !utf8.ValidString(text))
		}
		rep := backendMatcher().Match(Resume{Text: "x"}, j)
		require.GreaterOrEqual(t, rep.Score, 0)
		require.LessOrEqual(t, rep.Score, 100)
	})
}

// TestPreferredPartOfLine: a preferred phrase prefers its sentence or parenthesis, and
// "preferably" what follows it; the rest of the line keeps its level (CDS's full-stack and
// infrastructure postings in testdata/jobs).
func TestPreferredPartOfLine(t *testing.T) {
	t.Parallel()
	required := func(rep Report) map[string]bool {
		out := map[string]bool{}
		for _, k := range rep.JobKeywords {
			out[k.Keyword] = k.Required
		}
		return out
	}
	resume := "## Experience\n- Built Go services for 3 teams\n"
	tests := []struct {
		name, job string
		want      map[string]bool
	}{
		{"nice-to-haves sentence", "Requirements\n- Software in Python and Flask. Nice-to-haves are Terraform, Docker",
			map[string]bool{"Python": true, "Flask": true, "Terraform": false, "Docker": false}},
		{"a plus sentence", "Requirements\n- Go and PostgreSQL. Kafka is a plus.", map[string]bool{"Go": true, "PostgreSQL": true, "Kafka": false}},
		{"helpful sentence in prose", "Requirements\nOur languages are Ruby and Python. Experience with AWS is very helpful. You know Unix.",
			map[string]bool{"Ruby": true, "Python": true, "AWS": false, "Unix": true}},
		{"abbreviation is no sentence end", "Requirements\n- JavaScript frameworks (i.e. React etc. Vue.js would be a plus)",
			map[string]bool{"JavaScript": true, "React": false, "Vue.js": false}},
		{"parenthesis", "Requirements\n- Version control (preferably Git) and Kubernetes", map[string]bool{"Git": false, "Kubernetes": true}},
		{"preferably, to the end", "Requirements\n- Cloud providers (AWS), preferably with Terraform", map[string]bool{"AWS": true, "Terraform": false}},
		{"we use", "Requirements\n- SQL in data warehouses (we use Snowflake) and Python", map[string]bool{"SQL": true, "Snowflake": false, "Python": true}},
		{"a line that is one preferred sentence", "Requirements\n- Familiarity with Rust is helpful", map[string]bool{"Rust": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, required(matchAt(t, resume, tt.job)))
		})
	}
}
