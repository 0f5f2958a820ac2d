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

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/llm/llmtest"
)

var update = flag.Bool("update", false, "rewrite testdata/sample.golden.json")

func noEnv(string) string { return "" }

func runReview(t *testing.T, getenv func(string) string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut, getenv)
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
	assert.Equal(t, 61, rv.Summary.Score)
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
	for _, line := range strings.Split(out, "\n") {
		assert.LessOrEqual(t, len([]rune(line)), 80, "fits 80 columns: %q", line)
		assert.NotContains(t, line, "\x1b[", "no terminal codes")
	}
}

func TestJSONResumeAndNoRewrite(t *testing.T) {
	t.Parallel()
	code, out, errOut := runReview(t, noEnv, "-json", "-no-rewrite", "-resume", "../testdata/resume.json", "-job", "../testdata/job.md")
	require.Equal(t, 0, code, errOut)
	var rv Review
	require.NoError(t, json.Unmarshal([]byte(out), &rv))
	require.NotEmpty(t, rv.Bullets)
	for _, b := range rv.Bullets {
		assert.Nil(t, b.Rewrite)
		assert.True(t, b.Analysis.Weak)
	}
	assert.Len(t, rv.Coverage, 15)
}

// TestWithModel runs the review against a fake OpenAI-compatible server, configured the
// way a user would: through OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_MODEL.
func TestWithModel(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(
		llmtest.ReplyJSON(map[string]any{
			"rewritten": "Maintained the Go billing service, cutting open customer bugs by [X%].",
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
	assert.Equal(t, "Maintained the Go billing service, cutting open customer bugs by [X%].", first.Rewritten)
	assert.Equal(t, "fake-model", first.Model)
	assert.Equal(t, 300, first.Usage.PromptTokens)
	assert.Len(t, s.Requests(), 2)
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown flag", []string{"-nope"}, 2, "usage: review"},
		{"resume without job", []string{"-resume", "../testdata/resume.md"}, 2, "give both -resume and -job"},
		{"bad concurrency", []string{"-concurrency", "0"}, 2, "-concurrency must be at least 1"},
		{"stray argument", []string{"extra"}, 2, `unexpected argument "extra"`},
		{"missing file", []string{"-resume", "nope.md", "-job", "../testdata/job.md"}, 1, "open nope.md"},
		{"bundled sample out of reach", nil, 1, "run from the repository root"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runReview(t, noEnv, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, tt.want)
		})
	}
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
