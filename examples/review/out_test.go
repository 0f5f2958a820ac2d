package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/bullets"
)

// reviewJSON runs review with -json and decodes the result.
func reviewJSON(t *testing.T, args ...string) Review {
	t.Helper()
	code, out, errOut := runReview(t, noEnv, append([]string{"-json"}, args...)...)
	require.Equal(t, 0, code, errOut)
	var rv Review
	require.NoError(t, json.Unmarshal([]byte(out), &rv))
	return rv
}

// TestOutText: a Markdown or plain-text resume comes back with the same lines, except
// each weak bullet, whose text (not its marker or indentation) is the rewrite.
func TestOutText(t *testing.T) {
	t.Parallel()
	plain := "JORDAN RIVERA\r\n\r\nEXPERIENCE\r\n  • Responsible for maintaining the billing service in Go.\r\n  • Cut p99 latency of the orders API from 850ms to 120ms with a Redis cache.\r\n  * Used Python to write scripts for data cleanup.\r\n\r\nSKILLS\r\nGo, Python\r\n"
	tests := []struct {
		name, file, content string
	}{
		{"markdown", "resume.md", mustRead(t, "../testdata/resume.md")},
		{"plain text with CRLF and odd markers", "resume.txt", plain},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resume := writeFile(t, tt.file, tt.content)
			out := filepath.Join(t.TempDir(), "better"+filepath.Ext(tt.file))
			rv := reviewJSON(t, "-resume", resume, "-job", "../testdata/job.md", "-out", out)
			got := mustRead(t, out)

			parsed, err := ats.ParseResume(tt.content)
			require.NoError(t, err)
			wantLines := strings.Split(parsed.Text, "\n")
			gotLines := strings.Split(got, "\n")
			require.Len(t, gotLines, len(wantLines), "the layout keeps its lines")
			rewritten := map[int]string{}
			for _, b := range rv.Bullets {
				require.NotNil(t, b.Rewrite)
				rewritten[b.Line] = b.Rewrite.Rewritten
			}
			require.NotEmpty(t, rewritten)
			for i, line := range wantLines {
				to, ok := rewritten[i+1]
				if !ok {
					assert.Equal(t, line, gotLines[i], "line %d is not a weak bullet: unchanged", i+1)
					continue
				}
				text := strings.TrimSpace(strings.TrimRight(gotLines[i], "\r"))
				assert.True(t, strings.HasSuffix(text, to), "line %d ends with its rewrite: %q", i+1, gotLines[i])
				marker := strings.TrimSuffix(strings.TrimRight(gotLines[i], "\r"), to)
				assert.True(t, strings.HasPrefix(line, marker), "line %d keeps its marker and indentation %q", i+1, marker)
			}

			for _, b := range rv.Bullets {
				assert.NotContains(t, got, b.Analysis.Line, "the weak bullet is gone")
			}
			_, err = ats.ParseResume(got)
			require.NoError(t, err, "still a resume")
		})
	}
}

// TestOutJSONResume: every field of a JSON Resume survives, in its order and formatting;
// only the weak highlights change.
func TestOutJSONResume(t *testing.T) {
	t.Parallel()
	raw := mustRead(t, "../testdata/resume.json")
	out := filepath.Join(t.TempDir(), "better.json")
	rv := reviewJSON(t, "-resume", "../testdata/resume.json", "-job", "../testdata/job.md", "-out", out)
	got := mustRead(t, out)

	// Putting the original bullets back gives the input, byte for byte.
	back := got
	for _, b := range rv.Bullets {
		enc, err := marshalString(b.Rewrite.Rewritten)
		require.NoError(t, err)
		orig, err := marshalString(b.Analysis.Line)
		require.NoError(t, err)
		require.Contains(t, back, string(enc))
		back = strings.Replace(back, string(enc), string(orig), 1)
	}
	assert.Equal(t, raw, back)

	var before, after any
	require.NoError(t, json.Unmarshal([]byte(raw), &before))
	require.NoError(t, json.Unmarshal([]byte(got), &after))
	assert.Equal(t, countFields(before), countFields(after), "no field lost or added")
	_, err := ats.ParseJSONResume([]byte(got))
	require.NoError(t, err, "still a JSON Resume")
}

func TestApplyJSONKeepsKeysAndOtherStrings(t *testing.T) {
	t.Parallel()
	raw := []byte(`{"Used Python.": "Used Python.", "work": [{"highlights": ["Used Python.", "Kept"], "n": 1.50, "x": null}], "summary": "Used Python"}`)
	list := []BulletReview{{Line: 3, line: ats.Line{Text: "Used Python."}}}
	list[0].Rewrite = resultFor("Wrote <Python> scripts & tools.")
	got, err := applyJSON(raw, list)
	require.NoError(t, err)
	assert.Equal(t, `{"Used Python.": "Wrote <Python> scripts & tools.", "work": [{"highlights": ["Wrote <Python> scripts & tools.", "Kept"], "n": 1.50, "x": null}], "summary": "Used Python"}`, string(got), "keys, numbers and other strings stay as written")

	_, err = applyJSON([]byte(`{"work": []}`), list)
	assert.ErrorContains(t, err, "bullet on line 3 of the rendered resume is not a string of the JSON Resume")
}

func TestApplyTextRefusesAMovedBullet(t *testing.T) {
	t.Parallel()
	list := []BulletReview{{Line: 2, line: ats.Line{Text: "Used Python.", Start: 4, End: 16}}}
	list[0].Rewrite = resultFor("Wrote Python scripts.")
	_, err := applyRewrites(document{resume: ats.Resume{Text: "abc\n- Used Go.\n"}}, list)
	assert.ErrorContains(t, err, "bullet on line 2 is not where the resume was read from")
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func countFields(v any) int {
	switch v := v.(type) {
	case map[string]any:
		n := len(v)
		for _, x := range v {
			n += countFields(x)
		}
		return n
	case []any:
		n := len(v)
		for _, x := range v {
			n += countFields(x)
		}
		return n
	}
	return 0
}

func resultFor(rewritten string) *bullets.Result {
	return &bullets.Result{Rewritten: rewritten}
}
