package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/examples/internal/clitest"
	"github.com/resumekit/resumekit/skills"
)

func runCatalog(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestOverview(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCatalog()
	require.Equal(t, 0, code, errOut)
	for _, want := range []string{
		"MUST-HAVE (8)", "NICE-TO-HAVE (5)", "EMERGING (2)",
		"6–18 months to reach interview depth coming from another\n    language;",
		"\n    cloud-native, infrastructure as code\n",
		"  • Observability implementation (structured logs, distributed tracing, metrics\n    with Prometheus)\n",
		"OVERRATED: Certified Scrum Master (CSM)", "$500–$1000 incl. training · 2 days in a course",
		"$245–$295 · 60–120 hours of preparation",
		"Node.js, Python, Go, Java, Rust, TypeScript, PHP, Ruby, Kotlin, Spring Boot",
	} {
		assert.Contains(t, out, want)
	}
	clitest.Fits(t, out, 80, "the catalog")
}

func TestTier(t *testing.T) {
	t.Parallel()
	code, out, _ := runCatalog("-tier", "emerging")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "EMERGING (2)")
	assert.Contains(t, out, "Prove it: ")
	assert.NotContains(t, out, "MUST-HAVE")
	assert.NotContains(t, out, "CERTIFICATIONS")
	for _, tier := range skills.Tiers() {
		_, out, _ := runCatalog("-tier", string(tier))
		clitest.Fits(t, out, 80, string(tier))
	}
}

func TestJSONRoundTrips(t *testing.T) {
	t.Parallel()
	code, out, _ := runCatalog("-json")
	require.Equal(t, 0, code)
	c, err := skills.Load(strings.NewReader(out))
	require.NoError(t, err)
	assert.Len(t, c.Skills(), 15)
}

func TestSchema(t *testing.T) {
	t.Parallel()
	code, out, _ := runCatalog("-schema")
	require.Equal(t, 0, code)
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &v))
	assert.Equal(t, "resumekit skills catalog", v["title"])
}

func TestErrors(t *testing.T) {
	t.Parallel()
	clitest.Run(t, func(_ *testing.T, args ...string) (int, string, string) { return runCatalog(args...) }, []clitest.Case{
		{Name: "bad file", Args: []string{"-file", "../../skills/testdata/bad-inverted-range.json"}, Code: 1, Want: `time_to_acquire: min 8 is greater than max 4`},
		{Name: "missing file", Args: []string{"-file", "no-such-file.json"}, Code: 1, Want: "no such file"},
		{Name: "unknown flag", Args: []string{"-bogus"}, Code: 2, Want: "usage: catalog"},
		{Name: "unknown tier", Args: []string{"-tier", "optional"}, Code: 2, Want: `unknown tier "optional"`},
		{Name: "stray argument", Args: []string{"extra"}, Code: 2, Want: `unexpected argument "extra"`},
	})
}
