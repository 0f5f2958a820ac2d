package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/llm"
	"github.com/resumekit/resumekit/llm/llmtest"
)

// TestAnswersTemplateRoundTrip: the template in -json is a valid answers file as it stands,
// and once filled in, its answers reach the model as facts of their own bullet only.
func TestAnswersTemplateRoundTrip(t *testing.T) {
	t.Parallel()
	resume := writeFile(t, "resume.md", twoWeak)
	rv := reviewJSON(t, noEnv, "-resume", resume, "-job", "../testdata/job.md")
	raw, err := json.Marshal(rv.AnswersTemplate)
	require.NoError(t, err)

	var tmpl map[string][]Answer
	require.NoError(t, json.Unmarshal(raw, &tmpl))
	require.Len(t, tmpl, 2)
	billing := "Responsible for maintaining the billing service in Go and fixing customer bugs."
	python := "Used Python to write scripts for data cleanup."
	require.Contains(t, tmpl, billing)
	require.Contains(t, tmpl, python)
	for bullet, qa := range tmpl {
		require.NotEmpty(t, qa, bullet)
		for _, a := range qa {
			assert.NotEmpty(t, a.Question)
			assert.Empty(t, a.Answer, "ready to fill")
		}
	}
	assert.Less(t, strings.Index(string(raw), billing), strings.Index(string(raw), python), "bullets in resume order")

	// Unchanged, the template is accepted.
	path := writeFile(t, "answers.json", string(raw))
	code, _, errOut := runReview(t, noEnv, "-json", "-resume", resume, "-job", "../testdata/job.md", "-answers", path)
	require.Equal(t, 0, code, errOut)

	// Filled in, it is fed to the model.
	tmpl[python][0].Answer = "about 12,000 records a night"
	filled, err := json.MarshalIndent(tmpl, "", "  ")
	require.NoError(t, err)
	path = writeFile(t, "answers.json", string(filled))
	s := llmtest.NewServer(t)
	s.Respond(func(_ int, msgs []llm.Message) llmtest.Response {
		if strings.Contains(msgs[len(msgs)-1].Content, "12,000") {
			return llmtest.ReplyJSON(map[string]any{"rewritten": "Wrote Python scripts that clean about 12,000 records a night.", "questions": []string{}})
		}
		return llmtest.ReplyJSON(map[string]any{"rewritten": "Maintained the Go billing service and fixed customer bugs, serving [N] requests per day.", "questions": []string{"By how much?"}})
	})
	code, out, errOut := runReview(t, modelEnv(s), "-json", "-concurrency", "1", "-resume", resume, "-job", "../testdata/job.md", "-answers", path)
	require.Equal(t, 0, code, errOut)
	var got Review
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Len(t, got.Bullets, 2)
	assert.Empty(t, got.Bullets[0].Facts)
	assert.Equal(t, []string{tmpl[python][0].Question + " about 12,000 records a night"}, got.Bullets[1].Facts)
	assert.Equal(t, "Wrote Python scripts that clean about 12,000 records a night.", got.Bullets[1].Rewrite.Rewritten, "the guard accepts the number because it is a fact")
	for i := range 2 {
		msgs := s.Messages(i)
		has := strings.Contains(msgs[len(msgs)-1].Content, "12,000")
		assert.Equal(t, strings.Contains(msgs[len(msgs)-1].Content, "data cleanup"), has, "request %d: the fact goes with its own bullet only", i)
	}

	// The next template keeps the answer, even though the rewrite asks nothing now.
	raw, err = json.Marshal(got.AnswersTemplate)
	require.NoError(t, err)
	assert.Contains(t, string(raw), "about 12,000 records a night")
}

func TestAnswersWithRulesSaysTheyAreUnused(t *testing.T) {
	t.Parallel()
	resume := writeFile(t, "resume.md", twoWeak)
	path := writeFile(t, "answers.json", `{"Used Python to write scripts for data cleanup.": [{"question": "", "answer": "12,000 records"}]}`)
	code, _, errOut := runReview(t, noEnv, "-resume", resume, "-job", "../testdata/job.md", "-answers", path)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "the offline rules do not use answers")
}

func TestAnswersErrors(t *testing.T) {
	t.Parallel()
	resume := writeFile(t, "resume.md", twoWeak)
	long := strings.Repeat("x", maxAnswerChars+1)
	tests := []struct {
		name, file, want string
	}{
		{"not JSON", `{"Used Python to write scripts for data cleanup.": [}`, "line 1, column 52: invalid character '}'"},
		{"array", `[]`, "want a JSON object keyed by bullet"},
		{"string values", `{"Used Python to write scripts for data cleanup.": "12,000"}`, `bullet "Used Python to write scripts for data cleanup.": want a list of {"question", "answer"} objects`},
		{"unknown field", `{"Used Python to write scripts for data cleanup.": [{"q": "x"}]}`, `unknown field "q"`},
		{"unknown bullet", `{"Wrote Python scripts.": []}`, `bullet "Wrote Python scripts." is not a weak bullet of this resume`},
		{"strong bullet", `{"Cut p99 latency of the orders API from 850ms to 120ms with a Redis cache.": []}`, "is not a weak bullet of this resume"},
		{"twice", `{"Used Python to write scripts for data cleanup.": [], "Used Python to write scripts for data cleanup.": []}`, "is listed twice"},
		{"too long", `{"Used Python to write scripts for data cleanup.": [{"question": "", "answer": "` + long + `"}]}`, "answer 1: 501 characters, over the limit of 500"},
		{"two lines", `{"Used Python to write scripts for data cleanup.": [{"question": "", "answer": "a\nb"}]}`, "answers are one line each"},
		{"cut short", "{\n\"Used Python to write scripts for data cleanup.\": [", "the JSON ends early"},
		{"trailing text", `{} {}`, "text after the JSON object"},
		{"empty", ``, "the JSON ends early"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeFile(t, "answers.json", tt.file)
			code, out, errOut := runReview(t, noEnv, "-resume", resume, "-job", "../testdata/job.md", "-answers", path)
			assert.Equal(t, 1, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, "review: -answers: "+path+": ")
			assert.Contains(t, errOut, tt.want)
		})
	}
	code, _, errOut := runReview(t, noEnv, "-resume", resume, "-job", "../testdata/job.md", "-answers", "nope.json")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "review: -answers: open nope.json")
}

func FuzzDecodeAnswers(f *testing.F) {
	f.Add(`{"Used Python to write scripts.": [{"question": "How many?", "answer": "12,000"}]}`)
	f.Add(`{"a": [], "a": []}`)
	f.Add(`{"a": [{"question": "", "answer": "x\ny"}]} {}`)
	f.Add(`[`)
	f.Fuzz(func(t *testing.T, data string) {
		a, err := decodeAnswers([]byte(data))
		if err != nil {
			return
		}
		// What decodes encodes and decodes to the same answers.
		raw, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		b, err := decodeAnswers(raw)
		if err != nil {
			t.Fatalf("decode %s again: %v", raw, err)
		}
		if len(a.entries) != len(b.entries) {
			t.Fatalf("%d entries became %d", len(a.entries), len(b.entries))
		}
		for i := range a.entries {
			if a.entries[i].bullet != b.entries[i].bullet || len(a.entries[i].qa) != len(b.entries[i].qa) {
				t.Fatalf("entry %d changed: %+v → %+v", i, a.entries[i], b.entries[i])
			}
		}
	})
}

// TestAnswersTemplateRepeatedBullet: a bullet written twice is one key, so the template can
// be read back.
func TestAnswersTemplateRepeatedBullet(t *testing.T) {
	t.Parallel()
	resume := writeFile(t, "resume.md", twoWeak+"\n## Projects\n- Used Python to write scripts for data cleanup.\n")
	rv := reviewJSON(t, noEnv, "-resume", resume, "-job", "../testdata/job.md")
	require.Len(t, rv.Bullets, 3)
	raw, err := json.Marshal(rv.AnswersTemplate)
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(string(raw), `"Used Python to write scripts for data cleanup."`))
	path := writeFile(t, "answers.json", string(raw))
	code, _, errOut := runReview(t, noEnv, "-json", "-resume", resume, "-job", "../testdata/job.md", "-answers", path)
	require.Equal(t, 0, code, errOut)
}
