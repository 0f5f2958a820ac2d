package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
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
	"github.com/resumekit/resumekit/examples/internal/clitest"
	"github.com/resumekit/resumekit/llm"
	"github.com/resumekit/resumekit/llm/llmtest"
)

var update = flag.Bool("update", false, "rewrite testdata/sample.golden.json")

func noEnv(string) string { return "" }

func runReview(t *testing.T, getenv func(string) string, args ...string) (int, string, string) {
	t.Helper()
	return runEnv(t, env{getenv: getenv}, args...)
}

// runEnv runs review with e's fields, filling in empty streams, 80 columns and a clock that
// stands still.
func runEnv(t *testing.T, e env, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e.stdout, e.stderr = &out, &errOut
	if e.stdin == nil {
		e.stdin = strings.NewReader("")
	}
	if e.getenv == nil {
		e.getenv = noEnv
	}
	if e.width == 0 {
		e.width = 80
	}
	if e.now == nil {
		e.now = func() time.Time { return time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC) }
	}
	code := run(context.Background(), args, e)
	return code, out.String(), errOut.String()
}

// TestGoldenJSON pins the whole JSON review of the bundled sample in rules mode.
func TestGoldenJSON(t *testing.T) {
	t.Parallel()
	code, out, errOut := runReview(t, noEnv, "-json", "-resume", "../testdata/resume.md", "-job", "../testdata/job.md")
	require.Equal(t, 0, code, errOut)
	golden := filepath.Join("testdata", "sample.golden.json")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(out), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), out)

	var rv Review
	require.NoError(t, json.Unmarshal([]byte(out), &rv))
	assert.Equal(t, 65, rv.Summary.Score)
	assert.Len(t, rv.Summary.TopChanges, 3)
	assert.Equal(t, "rules", rv.Summary.Rewriter)
	require.NotEmpty(t, rv.Bullets)
	for _, b := range rv.Bullets {
		require.NotNil(t, b.Rewrite)
		assert.Equal(t, bullets.Source("rules"), b.Rewrite.Source)
		assert.Equal(t, b.Analysis.Line, b.Rewrite.Original, "every bullet gets its own result, in order")
	}
}

// TestDefaultRunsBundledSample is the README's first command: no flags, no key, run from
// the repository root.
func TestDefaultRunsBundledSample(t *testing.T) {
	t.Chdir("../..")
	code, out, errOut := runReview(t, noEnv)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "OPENAI_API_KEY is not set: rewriting with offline rules")
	sections := []string{"ATS match", "Skill coverage", "Weak bullets (", "Summary"}
	last := -1
	for _, s := range sections {
		i := strings.Index(out, s)
		require.Greater(t, i, last, "section %q in order", s)
		last = i
	}
	clitest.Fits(t, out, 80, "the review")
}

func TestJSONResumeAndNoRewrite(t *testing.T) {
	t.Parallel()
	rv := reviewJSON(t, noEnv, "-no-rewrite", "-resume", "../testdata/resume.json", "-job", "../testdata/job.md")
	require.NotEmpty(t, rv.Bullets)
	for _, b := range rv.Bullets {
		assert.Nil(t, b.Rewrite)
		assert.True(t, b.Analysis.Weak)
	}
	assert.Len(t, rv.Coverage, 15)
	assert.Equal(t, "none", rv.Summary.Rewriter, "-no-rewrite configures no rewriter")
}

// TestRewriterWithNothingToRewrite: with no weak bullet the summary still names the
// rewriter that is configured, not "rules" when a model is.
func TestRewriterWithNothingToRewrite(t *testing.T) {
	t.Parallel()
	resume := writeFile(t, "strong.md", "## Experience\n- Cut p99 latency of the orders API from 850ms to 120ms with a Redis cache in Go.\n")
	getenv := func(k string) string {
		return map[string]string{"OPENAI_API_KEY": "sk-test", "OPENAI_MODEL": "test-model", "OPENAI_BASE_URL": "http://127.0.0.1:1"}[k]
	}
	for _, tt := range []struct {
		name   string
		getenv func(string) string
		want   string
	}{{"model", getenv, "llm:test-model"}, {"rules", noEnv, "rules"}} {
		rv := reviewJSON(t, tt.getenv, "-resume", resume, "-job", "../testdata/job.md")
		require.Empty(t, rv.Bullets, tt.name)
		assert.Equal(t, tt.want, rv.Summary.Rewriter, tt.name)
	}
}

// TestWithModel runs the review against a fake OpenAI-compatible server, configured the
// way a user would: through OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_MODEL.
func TestWithModel(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(
		llmtest.ReplyJSON(map[string]any{
			"rewritten": "Maintained the Go billing service and fixed customer bugs, serving [N] requests per day.",
			"questions": []string{"By how much did open customer bugs drop?"},
		}).WithUsage(300, 40),
		llmtest.ReplyJSON(map[string]any{
			"rewritten": "Wrote Python scripts that cleaned [N] records of customer data.",
			"questions": []string{"How many records did the scripts clean?"},
		}).WithUsage(280, 35),
	)
	dir := t.TempDir()
	resume := filepath.Join(dir, "resume.md")
	require.NoError(t, os.WriteFile(resume, []byte(`## Skills
- Go, Python

## Experience
- Responsible for maintaining the billing service in Go and fixing customer bugs.
- Cut p99 latency of the orders API from 850ms to 120ms with a Redis cache.
- Used Python to write scripts for data cleanup.
`), 0o644))
	env := map[string]string{"OPENAI_API_KEY": s.APIKey(), "OPENAI_BASE_URL": s.URL(), "OPENAI_MODEL": "fake-model"}
	code, out, errOut := runReview(t, func(k string) string { return env[k] }, "-json", "-concurrency", "1", "-resume", resume, "-job", "../testdata/job.md")
	require.Equal(t, 0, code, errOut)
	assert.NotContains(t, out+errOut, s.APIKey(), "the key is never printed")

	var rv Review
	require.NoError(t, json.Unmarshal([]byte(out), &rv))
	assert.Equal(t, "llm:fake-model", rv.Summary.Rewriter)
	require.Len(t, rv.Bullets, 2)
	first := rv.Bullets[0].Rewrite
	require.NotNil(t, first)
	assert.Equal(t, bullets.Source("llm"), first.Source, "warnings: %v", first.Warnings)
	assert.Equal(t, "Maintained the Go billing service and fixed customer bugs, serving [N] requests per day.", first.Rewritten)
	assert.Equal(t, "fake-model", first.Model)
	assert.Equal(t, 300, first.Usage.PromptTokens)
	assert.Len(t, s.Requests(), 2)
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	clitest.Run(t, func(t *testing.T, args ...string) (int, string, string) { return runReview(t, noEnv, args...) }, []clitest.Case{
		{Name: "unknown flag", Args: []string{"-nope"}, Code: 2, Want: "usage: review"},
		{Name: "resume without job", Args: []string{"-resume", "../testdata/resume.md"}, Code: 2, Want: "give both -resume and -job"},
		{Name: "bad concurrency", Args: []string{"-concurrency", "0"}, Code: 2, Want: "-concurrency must be at least 1"},
		{Name: "stray argument", Args: []string{"extra"}, Code: 2, Want: `unexpected argument "extra"`},
		{Name: "both on stdin", Args: []string{"-resume", "-", "-job", "-"}, Code: 2, Want: "only one of -resume and -job can read stdin"},
		{Name: "out without rewrites", Args: []string{"-no-rewrite", "-out", "x.md"}, Code: 2, Want: "cannot be used with -no-rewrite"},
		{Name: "answers without rewrites", Args: []string{"-no-rewrite", "-answers", "a.json"}, Code: 2, Want: "cannot be used with -no-rewrite"},
		{Name: "out over the resume", Args: []string{"-resume", "../testdata/resume.md", "-job", "../testdata/job.md", "-out", "../testdata/../testdata/resume.md"}, Code: 2, Want: "-out would overwrite the file -resume reads"},
		{Name: "page over the job", Args: []string{"-resume", "../testdata/resume.md", "-job", "../testdata/job.md", "-html", "../testdata/job.md"}, Code: 2, Want: "-html would overwrite the file -job reads"},
		{Name: "out over the answers", Args: []string{"-answers", "../testdata/job.md", "-out", "../testdata/job.md"}, Code: 2, Want: "-out would overwrite the file -answers reads"},
		{Name: "out and page in one file", Args: []string{"-out", "x.html", "-html", "x.html"}, Code: 2, Want: "-out and -html name the same file"},
		{Name: "missing file", Args: []string{"-resume", "nope.md", "-job", "../testdata/job.md"}, Code: 1, Want: "open nope.md"},
		{Name: "bundled sample out of reach", Args: nil, Code: 1, Want: "run from the repository root"},
	})
}

// TestReadmeCommandsUseFilesThatExist checks every example program and sample file the
// README names.
func TestReadmeCommandsUseFilesThatExist(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	for _, cmd := range []string{"go run ./examples/review", "go test ./..."} {
		assert.True(t, strings.Contains(string(readme), cmd), "README names %q", cmd)
	}
	paths := regexp.MustCompile(`(?:\./)?examples/[\w./-]+`).FindAllString(string(readme), -1)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		p = strings.TrimSuffix(strings.TrimPrefix(p, "./"), ".")
		_, err := os.Stat(filepath.Join("../..", p))
		assert.NoError(t, err, "README names %s", p)
	}
	for _, p := range []string{sampleResume, sampleJob} {
		_, err := os.Stat(filepath.Join("../..", p))
		assert.NoError(t, err, "the bundled sample %s", p)
	}
}

func TestNoBulletsFound(t *testing.T) {
	t.Parallel()
	code, out, errOut := runReview(t, noEnv, "-resume", "../../ats/testdata/prose.resume.txt", "-job", "../testdata/job.md")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Weak bullets (0 of 0)")
	assert.Contains(t, out, "No experience or project bullets were found.")
	assert.NotContains(t, out, "reads as strong", "no praise for bullets that were never read")
}

// modelEnv configures review the way a user would, against the fake server s.
func modelEnv(s *llmtest.Server) func(string) string {
	env := map[string]string{"OPENAI_API_KEY": s.APIKey(), "OPENAI_BASE_URL": s.URL(), "OPENAI_MODEL": "fake-model"}
	return func(k string) string { return env[k] }
}

// billingOnly is a fake model that rewrites the bullet about billing and refuses every
// other, so one rewrite comes from the model and the rest fall back with a warning.
func billingOnly(t *testing.T) *llmtest.Server {
	t.Helper()
	s := llmtest.NewServer(t)
	s.Respond(func(_ int, msgs []llm.Message) llmtest.Response {
		if strings.Contains(msgs[len(msgs)-1].Content, "billing") {
			return llmtest.ReplyJSON(map[string]any{
				"rewritten": "Maintained the Go billing service and fixed customer bugs, serving [N] requests per day.",
				"questions": []string{"By how much did open customer bugs drop?"},
			})
		}
		return llmtest.Refuse("I can't help with that.")
	})
	return s
}

// twoWeak is a resume with two weak bullets and a strong one.
const twoWeak = `## Skills
- Go, Python

## Experience
- Responsible for maintaining the billing service in Go and fixing customer bugs.
- Cut p99 latency of the orders API from 850ms to 120ms with a Redis cache.
- Used Python to write scripts for data cleanup.
`

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

// TestSummaryWhenEveryModelCallFails is the honesty test: a model is configured but every
// call fails, so the summary must say the rules wrote every rewrite, and why.
func TestSummaryWhenEveryModelCallFails(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Respond(func(int, []llm.Message) llmtest.Response {
		return llmtest.Fail(400, "invalid_request_error", "model_not_found", "The model does not exist.")
	})
	resume := writeFile(t, "resume.md", twoWeak)
	code, out, errOut := runReview(t, modelEnv(s), "-resume", resume, "-job", "../testdata/job.md")
	require.Equal(t, 0, code, errOut)
	assert.NotContains(t, out, "rewrites by llm")
	assert.NotContains(t, out, "by the model fake-model,")
	summary := out[strings.Index(out, "\nSummary\n"):]
	assert.Contains(t, strings.Join(strings.Fields(summary), " "), "all 2 by the offline rules, none by the model fake-model; why the model did not:")

	rv := reviewJSON(t, modelEnv(s), "-resume", resume, "-job", "../testdata/job.md")
	r := rv.Summary.Rewrites
	assert.Equal(t, 0, r.Model)
	assert.Equal(t, 0, r.Cache)
	assert.Equal(t, 2, r.Rules)
	require.NotEmpty(t, r.Reasons)
	total := 0
	for _, reason := range r.Reasons {
		assert.NotEqual(t, noModel, reason.Reason)
		assert.NotEqual(t, "no reason recorded", reason.Reason)
		total += reason.Bullets
	}
	assert.Equal(t, 2, total, "every fallback has a reason")
}

func TestSummaryCountsEachSource(t *testing.T) {
	t.Parallel()
	s := billingOnly(t)
	resume := writeFile(t, "resume.md", twoWeak)
	rv := reviewJSON(t, modelEnv(s), "-concurrency", "1", "-resume", resume, "-job", "../testdata/job.md")
	r := rv.Summary.Rewrites
	assert.Equal(t, 1, r.Model)
	assert.Equal(t, 1, r.Rules)
	require.Len(t, r.Reasons, 1)
	assert.Equal(t, 1, r.Reasons[0].Bullets)
	assert.Equal(t, strings.Join(rv.Bullets[1].Rewrite.Warnings, "; "), r.Reasons[0].Reason)

	_, text, _ := runReview(t, modelEnv(s), "-concurrency", "1", "-resume", resume, "-job", "../testdata/job.md")
	flat := strings.Join(strings.Fields(text), " ")
	assert.Contains(t, flat, "Rewrites: 1 by the model fake-model, 1 by the offline rules; why the model did not:")
}

func TestSummaryWithoutKey(t *testing.T) {
	t.Parallel()
	code, out, errOut := runReview(t, noEnv, "-resume", "../testdata/resume.md", "-job", "../testdata/job.md")
	require.Equal(t, 0, code, errOut)
	flat := strings.Join(strings.Fields(out), " ")
	assert.Regexp(t, `Rewrites: \d+ by the offline rules; why the model did not: OPENAI_API_KEY is not set \(\d+ bullets\)\.`, flat)
}

// TestProgress: progress goes to stderr, only on a terminal and only with a model; stdout
// never sees it.
func TestProgress(t *testing.T) {
	t.Parallel()
	resume := writeFile(t, "resume.md", twoWeak)
	reply := func(int, []llm.Message) llmtest.Response {
		return llmtest.Refuse("no")
	}
	tests := []struct {
		name     string
		terminal bool
		model    bool
		want     bool
	}{
		{"terminal with model", true, true, true},
		{"pipe with model", false, true, false},
		{"terminal without model", true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := env{terminal: tt.terminal, getenv: noEnv}
			if tt.model {
				s := llmtest.NewServer(t)
				s.Respond(reply)
				e.getenv = modelEnv(s)
			}
			code, out, errOut := runEnv(t, e, "-concurrency", "1", "-resume", resume, "-job", "../testdata/job.md")
			require.Equal(t, 0, code, errOut)
			assert.NotContains(t, out, "rewriting")
			assert.NotContains(t, out, "\r")
			if tt.want {
				assert.Contains(t, errOut, "review: rewriting 1/2 bullets · 0s")
				assert.Contains(t, errOut, "review: rewriting 2/2 bullets · 0s")
				assert.Contains(t, errOut, "\r\x1b[K", "the progress line is cleared")
			} else {
				assert.NotContains(t, errOut, "bullets ·")
				assert.NotContains(t, errOut, "\x1b[")
			}
		})
	}
}

func TestProgressElapsed(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newProgress(&b, func() time.Time { return now })
	now = now.Add(4250 * time.Millisecond)
	p.update(3, 12)
	assert.True(t, strings.HasSuffix(b.String(), "\r\x1b[Kreview: rewriting 3/12 bullets · 4.3s"), b.String())
}

func TestStdin(t *testing.T) {
	t.Parallel()
	resume, err := os.ReadFile("../testdata/resume.md")
	require.NoError(t, err)
	job, err := os.ReadFile("../testdata/job.md")
	require.NoError(t, err)
	_, want, _ := runReview(t, noEnv, "-json", "-resume", "../testdata/resume.md", "-job", "../testdata/job.md")

	code, out, errOut := runEnv(t, env{stdin: bytes.NewReader(resume)}, "-json", "-resume", "-", "-job", "../testdata/job.md")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, want, out, "-resume - reads the same review as the file")

	code, out, errOut = runEnv(t, env{stdin: bytes.NewReader(job)}, "-json", "-resume", "../testdata/resume.md", "-job", "-")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, want, out, "-job - reads the same review as the file")

	jsonResume, err := os.ReadFile("../testdata/resume.json")
	require.NoError(t, err)
	_, wantJSON, _ := runReview(t, noEnv, "-json", "-resume", "../testdata/resume.json", "-job", "../testdata/job.md")
	code, out, errOut = runEnv(t, env{stdin: bytes.NewReader(jsonResume)}, "-json", "-resume", "-", "-job", "../testdata/job.md")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, wantJSON, out, "a JSON Resume on stdin is read as JSON Resume")

	code, _, errOut = runEnv(t, env{}, "-resume", "-", "-job", "../testdata/job.md")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "stdin")
}

func TestHelpListsEnvironment(t *testing.T) {
	t.Parallel()
	code, out, errOut := runReview(t, noEnv, "-h")
	assert.Equal(t, 0, code)
	assert.Empty(t, out)
	for _, want := range []string{"OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "-html", "-out", "-answers", "- reads stdin"} {
		assert.Contains(t, errOut, want)
	}
}

func TestTextWidth(t *testing.T) {
	t.Parallel()
	for _, width := range []int{50, 80, 132} {
		code, out, errOut := runEnv(t, env{width: width}, "-resume", "../testdata/resume.md", "-job", "../testdata/job.md")
		require.Equal(t, 0, code, errOut)
		longest := 0
		for _, line := range strings.Split(out, "\n") {
			longest = max(longest, len([]rune(line)))
		}
		assert.LessOrEqual(t, longest, width, "width %d", width)
		assert.Greater(t, longest, width-15, "width %d: the text uses the width it has", width)
	}
}

// TestCoverageLegend: the legend's three entries read apart ("✓ shown in a bullet ~ only
// listed" ran them together).
func TestCoverageLegend(t *testing.T) {
	t.Parallel()
	code, out, errOut := runReview(t, noEnv, "-no-rewrite", "-resume", "../testdata/resume.md", "-job", "../testdata/job.md")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "\nSkill coverage\n──────────────\n✓ shown in a bullet · ~ only listed · ✗ no evidence\n")
}

// TestRepeatedWarningPrintedOnce: a warning every bullet shares (the provider is down) is
// printed in full once and then referred to.
func TestRepeatedWarningPrintedOnce(t *testing.T) {
	t.Parallel()
	warn := "fell back to the rule-based rewrite: the provider stayed unavailable (llm: chat completion: transport: connection refused) after 4 attempt(s)"
	var list []BulletReview
	for _, line := range []string{"Used Go for services.", "Helped with Kafka.", "Worked on Python scripts."} {
		list = append(list, BulletReview{Analysis: bullets.Analysis{Line: line}, Section: ats.Experience,
			Rewrite: &bullets.Result{Rewritten: line, Warnings: []string{warn}}})
	}
	list[2].Rewrite.Warnings = []string{"another warning"}
	var out bytes.Buffer
	printer{w: &out, width: 80}.bullets(list, 3, false, false)
	text := strings.Join(strings.Fields(out.String()), " ")
	assert.Equal(t, 1, strings.Count(text, "connection refused"), out.String())
	assert.Contains(t, out.String(), "    ! the same as bullet 1\n")
	assert.Contains(t, out.String(), "    ! another warning\n")
}
