package skills

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadValid(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/valid-minimal.json")
	require.NoError(t, err)
	defer f.Close()
	c, err := Load(f)
	require.NoError(t, err)
	assert.Equal(t, "Test Role", c.Role())
	k, ok := c.Lookup("postgres")
	require.True(t, ok)
	assert.Equal(t, "PostgreSQL", k.Term)
	assert.Equal(t, []Mention{{Term: "Go", Start: 9, End: 11, Index: 2}}, c.Mentions("Built in Go, not Go-to-market."))
	assert.Equal(t, "Go", c.Keywords()[2].Term)
}

func TestLoadRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want string // every line must appear in the error
	}{
		{"bad-unknown-field.json", `line 23, column 7: unknown field "colour"`},
		{"bad-duplicate-skill-id.json", `skills[1] "sql".id: duplicate id`},
		{"bad-duplicate-term.json", `keyword_groups[0] "data".keywords[1] "PostgreSQL".aliases[1]: "sql" is already a form of keyword_groups[0] "data".keywords[0] "SQL"`},
		{"bad-unknown-keyword.json", `skills[0] "sql".keywords[2]: unknown keyword "MongoDB"`},
		{"bad-unknown-resource.json", `skills[0] "sql".resources[1]: unknown resource "missing-book"`},
		{"bad-empty-name.json", `skills[0] "sql".name: is empty`},
		{"bad-inverted-range.json", `skills[0] "sql".time_to_acquire: min 8 is greater than max 4`},
		{"bad-inverted-cost.json", `certifications[0] "cert".cost_usd: min 300 is greater than max 200`},
		{"bad-unknown-tier.json", `skills[0] "sql".tier: unknown value "optional"`},
		{"bad-unknown-unit.json", `certifications[0] "cert".prep.unit: unknown value "fortnights"`},
		{"bad-unknown-verdict.json", `certifications[0] "cert".verdict: unknown value "great"`},
		{"bad-unknown-framework.json", `keyword_groups[0] "data".keywords[2] "Go".frameworks[1]: unknown keyword "Echo"`},
		{"bad-frameworks-on-database.json", `keyword_groups[0] "data".keywords[1] "PostgreSQL".frameworks: only a language keyword has frameworks, not a database`},
		{"bad-case-form-not-a-spelling.json", `keyword_groups[0] "data".keywords[2] "Go".case_sensitive[0].form: "GO" is neither the term nor one of its aliases`},
		{"bad-generic-unknown-specific.json", `generic_terms[0] "relational database".specific[1]: unknown keyword "MySQL"`},
		{"bad-wrong-type.json", `time_to_acquire.min: cannot use JSON string as int`},
		{"bad-syntax.json", `skills: decode catalog: line 4, column 1: invalid character '}'`},
		{"bad-trailing-data.json", `unexpected data after the catalog object`},
		{"bad-empty.json", `skills: decode catalog: empty input`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			require.NoError(t, err)
			c, err := Load(bytes.NewReader(data))
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), "skills: "), err.Error())
		})
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/valid-minimal.json")
	require.NoError(t, err)
	broken := strings.Replace(string(data), `"tier": "must-have"`, `"tier": "x"`, 1)
	broken = strings.Replace(broken, `"verdict": "situational"`, `"verdict": "y"`, 1)
	_, err = Load(strings.NewReader(broken))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `tier: unknown value "x"`)
	assert.Contains(t, err.Error(), `verdict: unknown value "y"`)
}

func TestLoadRejectsHugeInput(t *testing.T) {
	t.Parallel()
	huge := bytes.Repeat([]byte(" "), MaxCatalogSize+1)
	_, err := Load(bytes.NewReader(huge))
	require.ErrorContains(t, err, "larger than")
}

func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		data, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Load(bytes.NewReader(data))
		if err != nil {
			require.Nil(t, c)
			require.True(t, strings.HasPrefix(err.Error(), "skills: "))
			return
		}
		// Whatever loads must survive a round trip and scanning its own terms.
		var buf bytes.Buffer
		require.NoError(t, c.WriteJSON(&buf))
		again, err := Load(&buf)
		require.NoError(t, err)
		require.Equal(t, c.Keywords(), again.Keywords())
		for _, k := range c.Keywords() {
			got, ok := c.Lookup(k.Term)
			require.True(t, ok, k.Term)
			require.Equal(t, k.Term, got.Term)
			c.Mentions(k.Term)
		}
	})
}
