package ats

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/skills"
)

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
			got, err := json.MarshalIndent(rep, "", "  ")
			require.NoError(t, err)
			got = append(got, '\n')
			golden := filepath.Join("testdata", "jobs", name+".golden.json")
			if *update {
				require.NoError(t, os.WriteFile(golden, got, 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))
		})
	}
}
