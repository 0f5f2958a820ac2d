package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/examples/internal/clitest"
	"github.com/resumekit/resumekit/llm/llmtest"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func runMain(t *testing.T, args []string, stdin string, getenv func(string) string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr, getenv)
	return code, stdout.String(), stderr.String()
}

func TestRunRulesOffline(t *testing.T) {
	t.Parallel()
	code, out, errOut := runMain(t, []string{"testdata/bullets.txt"}, "", env(nil))
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "rewrite: OPENAI_API_KEY is not set; using the offline rule-based rewriter\n", errOut)
	assert.Contains(t, out, "1. before: Used Kafka for message processing.\n   after:  Applied Kafka to message processing.\n   weaknesses: weak-opener, no-metric\n   ask: How many")
	assert.Contains(t, out, "3. before: Cut p95 latency by 40% with Redis for 3 services.\n   after:  Cut p95 latency by 40% with Redis for 3 services.\n   weaknesses: none\n")
	assert.NotContains(t, out, "4. ", "blank lines are skipped")
}

func TestRunJSONFromStdin(t *testing.T) {
	t.Parallel()
	code, out, _ := runMain(t, []string{"-json"}, "Used Kafka for message processing.\n\nHelped build the payments API in Go\n", env(nil))
	require.Equal(t, 0, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2)
	var r map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &r))
	for _, k := range []string{"original", "rewritten", "source", "prompt_version", "model", "attempts", "weaknesses", "placeholders", "questions", "warnings", "usage"} {
		assert.Contains(t, r, k)
	}
	assert.Equal(t, "Helped build the payments API in Go", r["original"])
	assert.Equal(t, "rules", r["source"])
}

func TestRunWithFakeModel(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.ReplyJSON(map[string]any{
		"rewritten": "Built message processing on Kafka, handling [N] messages per day.",
		"questions": []string{"How many messages a day?"},
	}))
	getenv := env(map[string]string{"OPENAI_API_KEY": s.APIKey(), "OPENAI_BASE_URL": s.URL(), "OPENAI_MODEL": "fake-model"})
	code, out, errOut := runMain(t, []string{"-json", "-job", "testdata/job.txt"}, "Used Kafka for message processing.\n", getenv)
	require.Equal(t, 0, code, errOut)
	var r bullets.Result
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	assert.Equal(t, bullets.SourceLLM, r.Source)
	assert.Equal(t, "fake-model", r.Model)
	assert.Equal(t, bullets.DefaultPrompt, r.PromptVersion)
	assert.Equal(t, []string{"How many messages a day?"}, r.Questions)
	// The job's keywords the bullet shows travel with it; those it does not show stay
	// behind, so the model cannot add them.
	assert.Contains(t, s.Messages(0)[1].Content, `"evidenced_keywords": ["Kafka"]`)
	assert.NotContains(t, s.Messages(0)[1].Content, "Kubernetes")
	assert.NotContains(t, out+errOut, s.APIKey(), "the key is never printed")
	assert.Empty(t, errOut)
}

func TestRunProviderRejectsKey(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.Fail(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided"))
	getenv := env(map[string]string{"OPENAI_API_KEY": s.APIKey(), "OPENAI_BASE_URL": s.URL()})
	code, out, errOut := runMain(t, []string{"-concurrency", "1"}, "Used Kafka for message processing.\nWorked on the migration to Postgres\n", getenv)
	require.Equal(t, 0, code, "fallbacks are not failures")
	assert.Equal(t, 2, strings.Count(out, "source: rules"))
	assert.Contains(t, out, "note: fell back to the rule-based rewrite: the provider rejected the API key or its permissions (llm: chat completion: status 401 (invalid_request_error/invalid_api_key)")
	assert.NotContains(t, out+errOut, s.APIKey())
	assert.Equal(t, 1, len(s.Requests()), "the second bullet skips a provider that rejected the key")
}

func TestRunUsageErrors(t *testing.T) {
	t.Parallel()
	clitest.Run(t, func(t *testing.T, args ...string) (int, string, string) { return runMain(t, args, "", env(nil)) }, []clitest.Case{
		{Name: "unknown flag", Args: []string{"-nope"}, Code: 2, Want: "flag provided but not defined"},
		{Name: "two files", Args: []string{"a", "b"}, Code: 2, Want: `unexpected argument "b"`},
		{Name: "bad concurrency", Args: []string{"-concurrency", "0"}, Code: 2, Want: "-concurrency must be at least 1"},
		{Name: "unknown prompt", Args: []string{"-prompt", "v9"}, Code: 2, Want: `unknown prompt version "v9"`},
		{Name: "missing file", Args: []string{"testdata/nope.txt"}, Code: 1, Want: "no such file"},
		{Name: "missing job file", Args: []string{"-job", "testdata/nope.txt"}, Code: 1, Want: "no such file"},
		{Name: "help", Args: []string{"-h"}, Code: 0, Want: "usage: rewrite"},
		{Name: "help lists the environment", Args: []string{"-h"}, Code: 0, Want: "Environment:\n  OPENAI_API_KEY\n"},
	})
}

func TestJobKeywords(t *testing.T) {
	t.Parallel()
	got := jobKeywords("Go (Golang) and Postgres; relational database; go-to-market; Kafka, Go again.")
	assert.Equal(t, []string{"Go", "PostgreSQL", "Kafka"}, got)
}

func TestRunInputRules(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o600))
		return p
	}
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stderr string
		bullet []string
	}{
		{name: "binary file", args: []string{write("photo.bin", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))}, code: 1, stderr: "binary data, not text"},
		{name: "endless input", args: []string{"/dev/zero"}, code: 1, stderr: "rewrite: read bullets: /dev/zero: text too large: more than 1 MiB"},
		{name: "directory", args: []string{dir}, code: 1, stderr: "rewrite: read bullets: " + dir + " is a directory; give a file"},
		{name: "too large on stdin", args: []string{"-"}, stdin: strings.Repeat("Used Go.\n", 120_000), code: 1, stderr: "stdin: text too large"},
		{name: "cr-only line endings", args: []string{write("mac.txt", []byte("Used Kafka for queues.\rHelped with Go.\r"))}, bullet: []string{"Used Kafka for queues.", "Helped with Go."}},
		{name: "crlf", args: []string{write("win.txt", []byte("Used Kafka for queues.\r\nHelped with Go.\r\n"))}, bullet: []string{"Used Kafka for queues.", "Helped with Go."}},
		{name: "utf-16 with bom", args: []string{write("u16.txt", []byte{0xFF, 0xFE, 'U', 0, 's', 0, 'e', 0, 'd', 0, ' ', 0, 'G', 0, 'o', 0, '.', 0})}, bullet: []string{"Used Go."}},
		{name: "utf-8 bom on stdin", args: []string{"-"}, stdin: "\xEF\xBB\xBFUsed Go.\n", bullet: []string{"Used Go."}},
		{name: "binary job", args: []string{"-job", write("job.bin", []byte("Go\x00Kafka")), write("ok.txt", []byte("Used Go.\n"))}, code: 1, stderr: "rewrite: read job: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runMain(t, append([]string{"-json"}, tt.args...), tt.stdin, env(nil))
			require.Equal(t, tt.code, code, errOut)
			if tt.code != 0 {
				assert.Contains(t, errOut, tt.stderr)
				assert.Empty(t, out)
				return
			}
			var got []string
			for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
				var r struct{ Original string }
				require.NoError(t, json.Unmarshal([]byte(l), &r))
				got = append(got, r.Original)
			}
			assert.Equal(t, tt.bullet, got)
		})
	}
}
