package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/examples/internal/clitest"
)

const (
	resumeMD   = "../testdata/resume.md"
	resumeJSON = "../testdata/resume.json"
	jobMD      = "../testdata/job.md"
)

func runMatch(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestTextReport(t *testing.T) {
	t.Parallel()
	code, out, errOut := runMatch("-resume", resumeMD, "-job", jobMD, "-present", "2026-06")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Score  65/100  █████████████░░░░░░░")
	assert.Contains(t, out, "✗ Kubernetes               required   missing")
	assert.Contains(t, out, "✓ Years of experience (required): 5+ years of professional backend\n      development")
	assert.Contains(t, out, "— the resume shows: 7 years in 3 dated entries (+6.3)")
	assert.Contains(t, out, "[context-free-keyword] Kafka is only listed under skills.")
	clitest.Fits(t, out, 80, "the report")
}

// TestRealPosting matches the sample resume with a real posting of the ats corpus: its
// technologies beyond the catalog, its alternatives and its requirements are reported.
func TestRealPosting(t *testing.T) {
	t.Parallel()
	code, out, errOut := runMatch("-resume", resumeMD, "-job", "../../ats/testdata/jobs/02-site-reliability-engineer.md",
		"-present", "2026-06", "-json")
	require.Equal(t, 0, code, errOut)
	var rep ats.Report
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	alts := map[string][]string{}
	groups := map[string]string{}
	for _, k := range rep.JobKeywords {
		alts[k.Keyword], groups[k.Keyword] = k.Alternatives, k.Group
	}
	assert.Equal(t, []string{"HAProxy", "Nginx"}, alts["Docker"], "Nginx, HAProxy, Docker, Kubernetes, Terraform, or similar technologies")
	assert.Equal(t, "tool", groups["PagerDuty"], "a vocabulary technology is a job keyword with its category")
	require.NotEmpty(t, rep.Requirements)
	assert.Equal(t, ats.TitleRequirement, rep.Requirements[0].Kind)

	code, _, errOut = runMatch("-resume", resumeMD, "-job", jobMD, "-present", "June 2026")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `-present "June 2026": want YYYY-MM`)
}

func TestJSONReport(t *testing.T) {
	t.Parallel()
	for _, resume := range []string{resumeMD, resumeJSON} {
		code, out, errOut := runMatch("-resume", resume, "-job", jobMD, "-json")
		require.Equal(t, 0, code, errOut)
		var rep ats.Report
		require.NoError(t, json.Unmarshal([]byte(out), &rep))
		assert.Greater(t, rep.Score, 0)
		assert.NotEmpty(t, rep.Findings)
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	empty := filepath.Join(t.TempDir(), "empty.txt")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	badJSON := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(badJSON, []byte(`{"work": [`), 0o644))
	clitest.Run(t, func(_ *testing.T, args ...string) (int, string, string) { return runMatch(args...) }, []clitest.Case{
		{Name: "no flags", Args: nil, Code: 2, Want: "usage: atsmatch"},
		{Name: "missing job", Args: []string{"-resume", resumeMD}, Code: 2, Want: "atsmatch: give both -resume and -job\nusage: atsmatch"},
		{Name: "argument", Args: []string{"-resume", resumeMD, "-job", jobMD, "extra"}, Code: 2, Want: "atsmatch: unexpected argument \"extra\"\nusage: atsmatch"},
		{Name: "both stdin", Args: []string{"-resume", "-", "-job", "-"}, Code: 2, Want: "atsmatch: only one of -resume and -job can read stdin"},
		{Name: "unknown flag", Args: []string{"-x"}, Code: 2, Want: "flag provided but not defined"},
		{Name: "missing file", Args: []string{"-resume", "nope.md", "-job", jobMD}, Code: 1, Want: "nope.md: no such file"},
		{Name: "empty resume", Args: []string{"-resume", empty, "-job", jobMD}, Code: 1, Want: "empty.txt: ats: parse resume: empty text"},
		{Name: "bad json resume", Args: []string{"-resume", badJSON, "-job", jobMD}, Code: 1, Want: "bad.json: ats: parse JSON resume: unexpected end of JSON input"},
	})
}
