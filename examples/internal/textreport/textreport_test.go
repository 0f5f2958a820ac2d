package textreport

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/examples/internal/clitest"
	"github.com/resumekit/resumekit/skills"
)

func TestBar(t *testing.T) {
	t.Parallel()
	tests := []struct {
		score int
		full  int
	}{{0, 0}, {2, 0}, {3, 1}, {50, 10}, {61, 12}, {100, 20}, {-5, 0}, {140, 20}}
	for _, tt := range tests {
		bar := Bar(tt.score)
		assert.Equal(t, tt.full, strings.Count(bar, "█"), "score %d", tt.score)
		assert.Equal(t, 20, len([]rune(bar)), "score %d", tt.score)
	}
}

func TestWrap(t *testing.T) {
	t.Parallel()
	got := Wrap("one two three four five six", 14, 4, "    ")
	assert.Equal(t, "one two\n    three four\n    five six", got)
	for _, line := range strings.Split("    "+got, "\n") {
		assert.LessOrEqual(t, len([]rune(line)), 14)
	}
	assert.Equal(t, "averyveryverylongword", Wrap("averyveryverylongword", 5, 0, ""), "a word longer than the width stays whole")
}

// match matches a resume and a job and renders the report as ATSWidth does at width.
func match(t *testing.T, resume, job string, width int) (ats.Report, string) {
	t.Helper()
	rep, err := ats.Match(resume, job)
	require.NoError(t, err)
	var buf bytes.Buffer
	ATSWidth(&buf, rep, skills.Backend(), width)
	return rep, buf.String()
}

const (
	skillsOnlyKafka = "## Skills\n- Kafka\n## Experience\n- Built Go services for 3 teams\n"
	goKafkaK8s      = "Requirements: Go, Kafka, Kubernetes"
)

func TestATS(t *testing.T) {
	t.Parallel()
	_, out := match(t, skillsOnlyKafka, goKafkaK8s, Width)
	assert.Contains(t, out, "Score  53/100")
	assert.Contains(t, out, "✓ Go ")
	assert.Contains(t, out, "✗ Kubernetes ")
	assert.Contains(t, out, "listed in skills")
	assert.Contains(t, out, " 1. [context-free-keyword] Kafka is only listed under skills.")
	clitest.Fits(t, out, Width, "the report")
}

func TestATSWidth(t *testing.T) {
	t.Parallel()
	for _, width := range []int{20, 44, 60, 120} {
		_, out := match(t, skillsOnlyKafka, goKafkaK8s, width)
		limit := max(width, MinWidth)
		clitest.Fits(t, out, limit, fmt.Sprintf("width %d", width))
		assert.Contains(t, out, "✗ Kubernetes")
		if width < Width {
			assert.Contains(t, out, "  ✓ Go (required)\n      shown in a bullet +", "width %d: two lines per keyword", width)
		} else {
			assert.Contains(t, out, "  ✓ Go                       required   shown in a bullet")
		}
	}
}

func TestATSRequirementsAlternativesAndVocabulary(t *testing.T) {
	t.Parallel()
	resume := "## Experience\n### Backend Engineer — Acme · 2019–2024\n- Built Python services on PostgreSQL for 3 teams\n## Skills\n- Python, PostgreSQL\n"
	job := "# Backend Engineer\n## Requirements\n- 3+ years of backend development.\n- Go, Python, or a similar language.\n- PostgreSQL and Nginx.\n"
	rep, out := match(t, resume, job, Width)
	require.NotEmpty(t, rep.Requirements, "the job asks for years")
	assert.Contains(t, out, "\nRequirements\n")
	assert.Regexp(t, `[✓✗] Years of experience \(required\): 3\+ years of backend development\.`, out)
	assert.Contains(t, out, "○ Go", "Go is not missing when Python, its alternative, is shown")
	assert.Contains(t, out, "not needed: Python counts")
	catalogGroups := map[string]bool{}
	for _, g := range skills.Backend().Groups() {
		catalogGroups[g.ID] = true
	}
	vocabulary := 0
	for _, k := range rep.JobKeywords {
		assert.Contains(t, out, " "+k.Keyword+" ", "every job keyword is listed, vocabulary technologies included")
		if !catalogGroups[k.Group] {
			vocabulary++
			assert.Contains(t, out, "\nOther technologies: ", k.Group)
		}
	}
	assert.Positive(t, vocabulary, "Nginx comes from the technology vocabulary")
}

// TestATSCategories: the vocabulary's technologies are grouped under names a person reads
// ("data and markup formats", not "format"), in one order whatever the job's order.
func TestATSCategories(t *testing.T) {
	t.Parallel()
	_, out := match(t, "## Experience\n- Built Go services\n", "## Requirements\n- JSON and XML.\n- Ansible.\n- Elixir.\n- Snowflake.\n- Amazon Redshift.\n", Width)
	var headings []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "Other technologies: ") {
			headings = append(headings, l)
		}
	}
	assert.Equal(t, []string{"Other technologies: languages", "Other technologies: databases", "Other technologies: tools", "Other technologies: data and markup formats"}, headings)
	assert.Regexp(t, `Cloud and infrastructure\n  ✗ Amazon Redshift `, out, "a cloud service joins the catalog's cloud group")
	for _, c := range skills.Backend().Technologies() {
		known := false
		for _, cat := range categories {
			known = known || cat.category == c.Category
		}
		require.True(t, known, "category %q of %s has a name", c.Category, c.Term)
	}
}

func TestAsked(t *testing.T) {
	t.Parallel()
	for line, want := range map[string]string{
		"- 5+ years of Go":         "5+ years of Go",
		"**5+ years** of Go":       "**5+ years** of Go",
		"- **5+ years** of Go":     "**5+ years** of Go",
		"* CKA required":           "CKA required",
		"• Bachelor's degree":      "Bachelor's degree",
		"## Requirements: 5 years": "Requirements: 5 years",
		"#hashtag 5 years":         "#hashtag 5 years",
		"2. 3+ years of Kafka":     "3+ years of Kafka",
		"10) BSc in CS":            "BSc in CS",
		"5+ years of backend":      "5+ years of backend",
		"3.5 years of Go":          "3.5 years of Go",
		"  -  7 years   ":          "7 years",
	} {
		assert.Equal(t, want, Asked(line), "%q", line)
	}
}
