package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/skills"
)

// reviewHTML runs review on a resume and the sample job with -json and -html, and returns
// both.
func reviewHTML(t *testing.T, resume string, extra ...string) (Review, string) {
	t.Helper()
	page := filepath.Join(t.TempDir(), "report.html")
	rv := reviewJSON(t, noEnv, append([]string{"-html", page, "-resume", resume, "-job", "../testdata/job.md"}, extra...)...)
	return rv, mustRead(t, page)
}

// TestGoldenHTML pins the page for the bundled sample in rules mode.
func TestGoldenHTML(t *testing.T) {
	t.Parallel()
	_, got := reviewHTML(t, "../testdata/resume.md")
	golden := filepath.Join("testdata", "sample.golden.html")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	assert.Equal(t, mustRead(t, golden), got)
}

// TestHTMLSelfContained: no scripts, no stylesheet, font or image to fetch; the only
// links are to the page itself and to learning resources a person may follow.
func TestHTMLSelfContained(t *testing.T) {
	t.Parallel()
	_, sample := reviewHTML(t, "../testdata/resume.md")
	_, jsonResume := reviewHTML(t, "../testdata/resume.json")
	_, hard := hardReview(t)
	for i, page := range []string{sample, jsonResume, hard} {
		lower := strings.ToLower(page)
		for _, banned := range []string{"<script", "<link", "<img", "<iframe", "<object", "<embed", "src=", "@import", "url(", "@font-face", "javascript:"} {
			assert.NotContains(t, lower, banned, "page %d", i)
		}
		assert.NotRegexp(t, `<[^>]*\son[a-z]+=`, lower, "page %d: no event handlers", i)
		for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(page, -1) {
			ok := strings.HasPrefix(m[1], "#") || strings.HasPrefix(m[1], "https://")
			assert.True(t, ok, "page %d: link %q", i, m[1])
			if strings.HasPrefix(m[1], "#") {
				assert.Contains(t, page, `id="`+m[1][1:]+`"`, "page %d has the target of %s", i, m[1])
			}
		}
		ids := regexp.MustCompile(`\sid="([^"]*)"`).FindAllStringSubmatch(page, -1)
		seen := map[string]bool{}
		for _, id := range ids {
			assert.False(t, seen[id[1]], "page %d: id %q twice", i, id[1])
			seen[id[1]] = true
		}
		assert.Contains(t, page, "@media print")
		assert.Contains(t, page, `<meta name="viewport"`)
	}
}

// TestHTMLShowsEverything: every highlighted keyword at the report's positions, every
// missing keyword, finding, rewrite and question is on the page.
func TestHTMLShowsEverything(t *testing.T) {
	t.Parallel()
	for _, resume := range []string{"../testdata/resume.md", "../testdata/resume.json"} {
		rv, page := reviewHTML(t, resume)
		text := pageText(page)

		// The resume's highlights have ids; the legend's do not.
		marks := regexp.MustCompile(`<mark class="(req|pref)" id="[^"]+"[^>]*>([^<]*)</mark>`).FindAllStringSubmatch(page, -1)
		want := 0
		required := map[string]bool{}
		for _, k := range rv.ATS.JobKeywords {
			required[k.Keyword] = k.Required
		}
		for _, m := range rv.ATS.Matched {
			want += len(m.Mentions)
			require.NotEmpty(t, m.Mentions, "%s: the report gives its positions", m.Keyword)
		}
		assert.Equal(t, want, len(marks), "%s: one highlight per mention", resume)
		for _, m := range marks {
			assert.NotEmpty(t, strings.TrimSpace(m[2]))
		}
		for _, m := range rv.ATS.Matched {
			class := "pref"
			if required[m.Keyword] {
				class = "req"
			}
			assert.Equal(t, len(m.Mentions), countMarks(marks, class, m.Keyword), "%s: every mention highlighted as %s", m.Keyword, class)
		}
		// The job: one highlight per counted mention, in the job's section.
		jobSection := page[strings.Index(page, `<section id="job"`):]
		jobSection = jobSection[:strings.Index(jobSection, "</section>")]
		jobMentions := 0
		for _, k := range rv.ATS.JobKeywords {
			jobMentions += len(k.Mentions)
		}
		assert.Equal(t, jobMentions, strings.Count(jobSection, "<mark class="), "%s: the job's keywords highlighted", resume)
		for _, level := range []string{"required", "preferred", "ignored"} {
			assert.Contains(t, jobSection, `<p class="jl `+level+`">`)
		}
		for _, m := range rv.ATS.Missing {
			assert.Contains(t, page, "<li>"+html.EscapeString(m.Keyword)+"</li>", "missing %s listed", m.Keyword)
		}
		for _, f := range rv.ATS.Findings {
			assert.Contains(t, text, f.Message)
		}
		require.NotEmpty(t, rv.Bullets)
		for _, b := range rv.Bullets {
			assert.Contains(t, text, "After"+b.Rewrite.Rewritten, "the rewrite, whole, after its label")
			assert.Contains(t, text, "Before"+b.Analysis.Line)
			for _, q := range b.Rewrite.Questions {
				assert.Contains(t, text, q)
			}
			for _, ph := range b.Rewrite.Placeholders {
				assert.Contains(t, page, `<mark class="ph">`+html.EscapeString(ph)+`</mark>`)
			}
		}
	}
}

func TestHTMLEscapes(t *testing.T) {
	t.Parallel()
	resume := writeFile(t, "resume.md", "## Experience\n- Worked on <script>alert(1)</script> pages & \"forms\" in Go.\n")
	rv, page := reviewHTML(t, resume)
	require.Len(t, rv.Bullets, 1)
	assert.NotContains(t, page, "<script>")
	assert.Contains(t, page, "&lt;script&gt;alert(1)&lt;/script&gt;")
	assert.Contains(t, pageText(page), "<script>alert(1)</script> pages & \"forms\" in")
}

func TestDiffLines(t *testing.T) {
	t.Parallel()
	before, after := diffLines("Used Python to write scripts.", "Wrote scripts with Python, saving [N] hours ([X%]).", []string{"[N]", "[X%]"})
	render := func(parts []diffPart) string {
		var b strings.Builder
		for i, p := range parts {
			if i > 0 && !p.Glue {
				b.WriteByte(' ')
			}
			switch {
			case p.Ph:
				b.WriteString("{" + p.Text + "}")
			case p.Kind != "":
				b.WriteString(p.Kind + "(" + p.Text + ")")
			default:
				b.WriteString(p.Text)
			}
		}
		return b.String()
	}
	assert.Equal(t, "del(Used Python to write) scripts.", render(before))
	assert.Equal(t, "ins(Wrote) scripts ins(with Python, saving) {[N]} ins(hours (){[X%]}ins()).", render(after), "placeholders cut out of their punctuation")

	// A kept word is not struck because the punctuation after it changed.
	before, after = diffLines("Moved the cron jobs to AWS.", "Moved the cron jobs to AWS with the team, running [N] jobs per day.", []string{"[N]"})
	assert.Equal(t, "Moved the cron jobs to AWS.", render(before))
	assert.Equal(t, "Moved the cron jobs to AWS ins(with the team, running) {[N]} ins(jobs per day).", render(after))
	before, after = diffLines("Fixed bugs reported by customers.", "Fixed bugs reported by customers, serving [N] requests per day.", []string{"[N]"})
	assert.Equal(t, "Fixed bugs reported by customers.", render(before))
	assert.Equal(t, "Fixed bugs reported by customersins(, serving) {[N]} ins(requests per day).", render(after))
}

// pageText is the page's text: tags dropped, entities decoded.
func pageText(page string) string {
	body := page[strings.Index(page, "<body>"):]
	return html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(body, ""))
}

// countMarks counts the highlights of one class whose title names keyword.
func countMarks(marks [][]string, class, keyword string) int {
	n := 0
	for _, m := range marks {
		if m[1] == class && strings.Contains(m[0], `title="`+html.EscapeString(keyword)+`: `) {
			n++
		}
	}
	return n
}

// TestScorePartsAddUp: the page's breakdown explains the score: the rows' points add up to
// it and their maxima to 100, alternatives and other requirements included.
func TestScorePartsAddUp(t *testing.T) {
	t.Parallel()
	job := writeFile(t, "job.md", "# Senior Backend Engineer\n\n## Requirements\n- 4+ years of backend development.\n- Go, Python, or a similar language.\n- Bachelor's degree in Computer Science.\n- PostgreSQL and Kafka.\n\n## Nice to have\n- AWS Certified Developer.\n- Terraform.\n")
	for _, resume := range []string{"../testdata/resume.md", "../testdata/resume.json"} {
		rv := reviewJSON(t, noEnv, "-resume", resume, "-job", job)
		parts, reqs, weight, earned := scoreParts(rv.ATS)
		require.NotEmpty(t, reqs, "the job asks for years, a degree and a certification")
		var most float64
		rows := len(parts) + len(reqs)
		for _, p := range parts {
			most += p.Max
			assert.LessOrEqual(t, p.Points, p.Max+0.05, p.Keyword)
		}
		for _, r := range reqs {
			most += r.Max
			assert.NotEmpty(t, r.Asked)
		}
		assert.InDelta(t, 100, most, 0.05*float64(rows)+0.01, "%s: the maxima add up to 100", resume)
		assert.InDelta(t, float64(rv.ATS.Score), earned, 0.5+0.05*float64(rows), "%s: the points add up to the score", resume)
		assert.Positive(t, weight)
		alternatives := false
		for _, p := range parts {
			alternatives = alternatives || len(p.Alternatives) > 0
		}
		assert.True(t, alternatives, "Go, Python, or similar is one requirement")
	}
}

// BenchmarkReviewHTML is the whole offline review of the bundled sample with the page:
// read, match, analyze, rewrite by rules, render.
func BenchmarkReviewHTML(b *testing.B) {
	page := filepath.Join(b.TempDir(), "report.html")
	e := env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: noEnv, width: 80, now: time.Now}
	for b.Loop() {
		if code := run(context.Background(), []string{"-json", "-html", page, "-resume", "../testdata/resume.md", "-job", "../testdata/job.md"}, e); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

func BenchmarkWriteHTML(b *testing.B) {
	var rv Review
	doc, job, err := readInputs(context.Background(), "../testdata/resume.md", "../testdata/job.md", nil)
	require.NoError(b, err)
	resume := doc.resume
	m := ats.NewMatcher(skills.Backend())
	rv.ATS = m.Match(resume, job)
	rv.Coverage = m.Coverage(resume)
	for _, l := range resume.Bullets() {
		if a := bullets.Analyze(l.Text); a.Weak {
			r, err := bullets.New(nil).Rewrite(context.Background(), bullets.Request{Bullet: l.Text})
			require.NoError(b, err)
			rv.Bullets = append(rv.Bullets, BulletReview{Line: l.Number, Analysis: a, Rewrite: &r, line: l})
		}
	}
	for b.Loop() {
		if err := writeHTML(io.Discard, rv, resume, job, true); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHTMLWithModel: the page says who wrote each rewrite, why the model's was not used
// when it was not, and which answers went to the model.
func TestHTMLWithModel(t *testing.T) {
	t.Parallel()
	rv, page := hardReview(t)
	text := pageText(page)
	assert.Contains(t, text, "Rewritten by the model fake-model.")
	assert.Contains(t, text, "Rewritten by the offline rules, because the model's rewrite was not used.")
	require.NotEmpty(t, rv.Bullets[1].Rewrite.Warnings)
	for _, w := range rv.Bullets[1].Rewrite.Warnings {
		assert.Contains(t, text, "Note: "+w)
	}
	assert.Contains(t, text, "Your answers given to the rewriter: 12,000 records a night")
	assert.Contains(t, strings.Join(strings.Fields(text), " "), "Rewrites: 1 by the model fake-model, 2 by the offline rules; why the model did not:")
}

// hardReview is a page that is hard to lay out: a model that writes one rewrite and
// refuses the rest (so warnings show), a URL and a bullet with long unbroken words, and
// answers.
func hardReview(t *testing.T) (Review, string) {
	t.Helper()
	s := billingOnly(t)
	resume := writeFile(t, "resume.md", "# Sam Example\nhttps://example.com/"+strings.Repeat("a-very-long-path-segment", 8)+"\n\n"+twoWeak+
		"- Used Kubernetes_and_PostgreSQL_and_Kafka_with_a_very_long_identifier_nobody_breaks for data pipelines.\n")
	answers := writeFile(t, "answers.json", `{"Used Python to write scripts for data cleanup.": [{"question": "", "answer": "12,000 records a night"}]}`)
	page := filepath.Join(t.TempDir(), "report.html")
	rv := reviewJSON(t, modelEnv(s), "-concurrency", "1", "-html", page, "-answers", answers, "-resume", resume, "-job", "../testdata/job.md")
	warned := false
	for _, b := range rv.Bullets {
		warned = warned || len(b.Rewrite.Warnings) > 0
	}
	require.True(t, warned, "the page shows warnings")
	return rv, mustRead(t, page)
}

func TestHTMLEdgeCases(t *testing.T) {
	t.Parallel()
	noKeywords := writeFile(t, "job.txt", "We want a kind person who likes people.\n")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"job names no keyword", []string{"-resume", "../testdata/resume.md", "-job", noKeywords}, []string{"names none of the catalog's keywords, so there is nothing to score against"}},
		{"resume without bullets", []string{"-resume", "../../ats/testdata/prose.resume.txt", "-job", "../testdata/job.md"}, []string{"No experience or project bullets were found."}},
		{"no rewrite", []string{"-no-rewrite", "-resume", "../testdata/resume.md", "-job", "../testdata/job.md"}, []string{"Rewriting was turned off (-no-rewrite):", "Before"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			page := filepath.Join(t.TempDir(), "report.html")
			code, _, errOut := runReview(t, noEnv, append(tt.args, "-html", page)...)
			require.Equal(t, 0, code, errOut)
			text := pageText(mustRead(t, page))
			for _, w := range tt.want {
				assert.Contains(t, text, w)
			}
			if tt.name == "no rewrite" {
				assert.NotContains(t, text, "After", "no rewrite, no After line")
			}
		})
	}
}

// TestHTMLAlternativesNote: the note on how the score is made names alternatives only when
// the job offers some, and then with the job's own, never a made-up "Go or Python".
func TestHTMLAlternativesNote(t *testing.T) {
	t.Parallel()
	_, sample := reviewHTML(t, "../testdata/resume.md")
	assert.NotContains(t, sample, "alternatives the job offers", "the sample job offers no alternatives")

	job := writeFile(t, "job.md", "# Backend Engineer\n\n## Requirements\n- Kafka, RabbitMQ, or a similar message broker.\n- PostgreSQL.\n")
	page := filepath.Join(t.TempDir(), "report.html")
	code, _, errOut := runReview(t, noEnv, "-html", page, "-resume", "../testdata/resume.md", "-job", job)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, mustRead(t, page), "alternatives the job offers (“Kafka or RabbitMQ”) count once")
}

// TestHTMLCountsFoundAndShown: the overview tells keywords found anywhere from those shown
// in a bullet, as the rest of the page does ("shown" meant only found).
func TestHTMLCountsFoundAndShown(t *testing.T) {
	t.Parallel()
	rv, page := reviewHTML(t, "../testdata/resume.md")
	shown := 0
	for _, m := range rv.ATS.Matched {
		if m.InBullet {
			shown++
		}
	}
	require.Less(t, shown, len(rv.ATS.Matched), "the sample lists some keywords only in skills")
	assert.Contains(t, pageText(page), fmt.Sprintf("%d of %d keyword requirements found (%d in a bullet)", len(rv.ATS.Matched), len(rv.ATS.JobKeywords), shown))
}

// TestHTMLNoRewriteNote: with -no-rewrite the page does not explain a diff it does not show.
func TestHTMLNoRewriteNote(t *testing.T) {
	t.Parallel()
	_, page := reviewHTML(t, "../testdata/resume.md", "-no-rewrite")
	text := pageText(page)
	assert.Contains(t, text, "Rewriting was turned off (-no-rewrite)")
	assert.NotContains(t, text, "Struck-through words go")
	assert.NotContains(t, page, `<mark class="ph">`)
	for _, gone := range []string{"rewrite 1 ↓", "Then use the rewrites", "link to its rewrite", "a rewrite of every weak bullet"} {
		assert.NotContains(t, text, gone, "the page promises no rewrite it does not have")
	}
	assert.Contains(t, text, "Then rewrite the 9 weak bullets.")
	assert.Contains(t, text, "bullet 1 ↓")
}
