package bullets_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/bullets"
)

// TestAnalyzeCodes runs the cases of testdata/analyze.json: for each line, whether a
// weakness code fires and, when it does, the text it points at.
func TestAnalyzeCodes(t *testing.T) {
	t.Parallel()
	var tests []struct {
		Name string       `json:"name"`
		Line string       `json:"line"`
		Code bullets.Code `json:"code"`
		Want bool         `json:"want"`
		Span string       `json:"span"` // the text the weakness points at, when it fires
	}
	readCases(t, "analyze.json", &tests)
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			t.Parallel()
			a := bullets.Analyze(tt.Line)
			require.Equal(t, tt.Want, a.Has(tt.Code), "codes: %v", a.Codes())
			for _, w := range a.Weaknesses {
				require.True(t, 0 <= w.Start && w.Start < w.End && w.End <= len(tt.Line), "span %d:%d", w.Start, w.End)
				require.NotEmpty(t, w.Message)
				if w.Code == tt.Code && tt.Span != "" {
					assert.Equal(t, tt.Span, tt.Line[w.Start:w.End])
				}
			}
		})
	}
}

// TestGuard runs the cases of testdata/guard.json: it feeds every guard rule a
// known-bad rewrite and sees it fire, and checks the allowed rephrasings pass.
func TestGuard(t *testing.T) {
	t.Parallel()
	var tests []struct {
		Name        string   `json:"name"`
		Bullet      string   `json:"bullet"`
		Facts       []string `json:"facts"`
		JobKeywords []string `json:"job_keywords"`
		Rewrite     string   `json:"rewrite"`
		Rule        string   `json:"rule"` // "" means no violation
	}
	readCases(t, "guard.json", &tests)
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			t.Parallel()
			vs := bullets.Guard{}.Check(bullets.Request{Bullet: tt.Bullet, Facts: tt.Facts, JobKeywords: tt.JobKeywords}, tt.Rewrite)
			if tt.Rule == "" {
				assert.Empty(t, vs)
				return
			}
			var rules []string
			for _, v := range vs {
				rules = append(rules, v.Rule)
				assert.NotEmpty(t, v.Message)
			}
			assert.Contains(t, rules, tt.Rule, "violations: %v", vs)
		})
	}
}

// readCases decodes the JSON test cases in testdata/name into v; unknown fields are an
// error, so a mistyped field cannot silently empty a case.
func readCases(t *testing.T, name string, v any) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	require.NoError(t, err)
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(v), name)
}
