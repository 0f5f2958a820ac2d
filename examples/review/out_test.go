package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/examples/internal/input"
)

// reviewJSON runs review with getenv and -json, requires it to succeed and decodes the
// result.
func reviewJSON(t *testing.T, getenv func(string) string, args ...string) Review {
	t.Helper()
	code, out, errOut := runReview(t, getenv, append([]string{"-json"}, args...)...)
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
			rv := reviewJSON(t, noEnv, "-resume", resume, "-job", "../testdata/job.md", "-out", out)
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
				if b.Rewrite.Rewritten != b.Analysis.Line { // a bullet left as it was only gets its questions
					assert.NotContains(t, got, b.Analysis.Line, "the weak bullet is gone")
				}
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
	rv := reviewJSON(t, noEnv, "-resume", "../testdata/resume.json", "-job", "../testdata/job.md", "-out", out)
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

// TestOutCorpus applies the rewrites to every resume of ats's corpus: read again, the
// result has the same bullets with the weak ones replaced, every other line is kept, and
// formats that cannot be written back say so unless asked for Markdown.
func TestOutCorpus(t *testing.T) {
	t.Parallel()
	dir := "../../ats/testdata/resumes"
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	n := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasSuffix(name, ".golden.json") || name == "SOURCES" {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			if raceEnabled && strings.HasSuffix(name, ".pdf") {
				// PDFium runs as WebAssembly in an interpreter: 25–45 s a file under the
				// race detector. The same subtest runs in the ordinary go test.
				t.Skip("PDF under -race: runs without -race")
			}
			t.Parallel()
			path := filepath.Join(dir, name)
			raw, err := os.ReadFile(path)
			require.NoError(t, err)
			before, err := input.Parser().ReadResume(context.Background(), raw, name)
			out := filepath.Join(t.TempDir(), "better"+filepath.Ext(name))
			if err != nil {
				// A file ats rejects on purpose (a FRESH resume): review says why and
				// writes nothing.
				require.ErrorIs(t, err, ats.ErrNotResume)
				code, stdout, errOut := runReview(t, noEnv, "-resume", path, "-job", "../testdata/job.md", "-out", out)
				assert.Equal(t, 1, code)
				assert.Empty(t, stdout)
				assert.Equal(t, "review: "+path+": "+err.Error()+"\n", errOut)
				assert.NoFileExists(t, out)
				return
			}
			code, _, errOut := runReview(t, noEnv, "-resume", path, "-job", "../testdata/job.md", "-out", out)
			native := before.Format == ats.FormatText || before.Format == ats.FormatMarkdown || before.Format == ats.FormatJSONResume
			if !native {
				assert.Equal(t, 2, code)
				assert.Contains(t, errOut, "cannot be rewritten in its own format; name the file .md or .txt")
				out = filepath.Join(t.TempDir(), "better.md")
			}
			rv := reviewJSON(t, noEnv, "-resume", path, "-job", "../testdata/job.md", "-out", out)
			got, err := os.ReadFile(out)
			require.NoError(t, err)
			outName := filepath.Base(out)
			if before.Format == ats.FormatMarkdown {
				outName = "better.md" // a plain-text name must not turn Markdown into text
			}
			after, err := input.Parser().ReadResume(context.Background(), got, outName)
			require.NoError(t, err, "the result is a resume")

			// The bullets, read again, are the old ones with each weak one rewritten.
			rewrite := map[string]string{}
			for _, b := range rv.Bullets {
				rewrite[words(b.Analysis.Line)] = words(b.Rewrite.Rewritten)
			}
			// Compared with the original read the same way: for DOCX, PDF and Reactive
			// Resume, the Markdown text read from them, as -out writes it.
			baseline := before
			if !native {
				baseline, err = input.Parser().ReadResume(context.Background(), []byte(before.Text), outName)
				require.NoError(t, err)
			}
			var want, have []string
			for _, l := range baseline.Bullets() {
				w := words(l.Text)
				if to, ok := rewrite[w]; ok {
					w = to
				}
				want = append(want, w)
			}
			for _, l := range after.Bullets() {
				have = append(have, words(l.Text))
			}
			assert.Equal(t, want, have)

			if before.Format == ats.FormatJSONResume {
				var a, b any
				text, err := ats.Parser{}.ReadText(raw)
				require.NoError(t, err)
				require.NoError(t, json.Unmarshal([]byte(text), &a))
				require.NoError(t, json.Unmarshal(got, &b))
				assert.Equal(t, countFields(a), countFields(b), "every field kept")
				return
			}
			// Every line that is not part of a weak bullet is kept, in order.
			weakLines := map[int]bool{}
			for _, l := range before.Bullets() {
				if _, ok := rewrite[words(l.Text)]; ok {
					last := l.Number + strings.Count(strings.ReplaceAll(before.Text[l.Start:l.End], "\r\n", "\n"), "\n") + strings.Count(before.Text[l.Start:l.End], "\r") - strings.Count(before.Text[l.Start:l.End], "\r\n")
					for i := l.Number; i <= last; i++ {
						weakLines[i] = true
					}
				}
			}
			kept := string(got)
			lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(before.Text, "\r\n", "\n"), "\r", "\n"), "\n")
			for i, line := range lines {
				if weakLines[i+1] || strings.TrimSpace(line) == "" {
					continue
				}
				j := strings.Index(kept, line)
				require.GreaterOrEqual(t, j, 0, "line %d kept: %q", i+1, line)
				kept = kept[j+len(line):]
			}
		})
	}
	assert.GreaterOrEqual(t, n, 20, "the corpus is there")
}

// words is s with its white space made single spaces.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestRewrap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, rewrite, want string
	}{
		{"one line stays one line", "- Used Go.\n", "Wrote a Go tool that checks 30,000 files a day.", "Wrote a Go tool that checks 30,000 files a day."},
		// "- Used Go for" is 13 columns wide, so no line of the rewrite is wider.
		{"wrapped at the old width, with its indent", "- Used Go for\n  tools.\n", "Wrote a Go tool that checks files.", "Wrote a Go\n  tool that\n  checks\n  files."},
		{"CRLF kept", "* Used Go for\r\n    tools.\r\n", "Wrote a Go tool that checks files.", "Wrote a Go\r\n    tool that\r\n    checks\r\n    files."},
		{"CR kept", "- Used Go for\r  tools.\r", "Wrote a Go tool that checks files.", "Wrote a Go\r  tool that\r  checks\r  files."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := strings.IndexAny(tt.text, "U")
			end := len(strings.TrimRight(tt.text, "\r\n"))
			assert.Equal(t, tt.want, rewrap(tt.text, start, end, tt.rewrite))
		})
	}
}

func FuzzApplyJSON(f *testing.F) {
	f.Add(`{"work": [{"highlights": ["Used Python.", "Kept"]}], "summary": "Used Python."}`, "Used Python.", "Wrote \"Python\" scripts <fast>.")
	f.Add(`["Used Python."]`, "Used Python.", "x")
	f.Add(`{"a": {"b": ["Used Python.", {"c": null}]}, "d": 1e3}`, "Used Python.", "y\u2028z")
	f.Fuzz(func(t *testing.T, doc, bullet, rewrite string) {
		var before any
		if json.Unmarshal([]byte(doc), &before) != nil || strings.TrimSpace(bullet) != bullet || bullet == "" {
			return
		}
		list := []BulletReview{{Line: 1, line: ats.Line{Text: bullet}}}
		list[0].Rewrite = resultFor(rewrite)
		got, err := applyJSON([]byte(doc), list)
		if err != nil {
			if !strings.Contains(err.Error(), "is not a string of the JSON Resume") {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		var after any
		if err := json.Unmarshal(got, &after); err != nil {
			t.Fatalf("the result is not JSON: %v\n%s", err, got)
		}
		if countFields(before) != countFields(after) {
			t.Fatalf("fields changed: %s → %s", doc, got)
		}
	})
}
