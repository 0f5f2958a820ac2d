package skills

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// all returns the terms AppendAllMentions finds in text, in order.
func all(c *Catalog, text string) []string {
	out := []string{}
	for _, m := range c.AppendAllMentions(nil, text) {
		out = append(out, m.Term)
	}
	return out
}

func TestVocabulary(t *testing.T) {
	t.Parallel()
	c := Backend()
	techs := c.Technologies()
	assert.GreaterOrEqual(t, len(techs), 1000)
	sources := map[string]bool{}
	for _, s := range c.Sources() {
		assert.NotEmpty(t, s.License, s.ID)
		sources[s.ID] = true
	}
	assert.True(t, sources["linguist"] && sources["github-explore"])
	for _, tech := range techs {
		assert.True(t, sources[tech.Source], tech.Term)
		_, isKeyword := c.Lookup(tech.Term)
		assert.False(t, isKeyword, "%s is a catalog keyword", tech.Term)
	}
	tech, ok := c.Technology("Apache Airflow")
	require.True(t, ok)
	assert.Equal(t, ToolCategory, tech.Category)
	assert.Contains(t, tech.Aliases, "Airflow")
}

func TestAllMentions(t *testing.T) {
	t.Parallel()
	c := Backend()
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"beyond the catalog", "Elixir, Phoenix, Snowflake and Datadog", []string{"Elixir", "Phoenix", "Snowflake", "Datadog"}},
		{"issue list", "C#, .NET, Helm, Spark, Airflow, Ansible, Linux, PagerDuty, WebSockets",
			[]string{"C#", ".NET", "Helm", "Apache Spark", "Apache Airflow", "Ansible", "Linux", "PagerDuty", "WebSocket"}},
		{"lowercase helm and flask", "deploy with helm; services in flask", []string{"Helm", "Flask"}},
		{"Markdown escape", `C\#/.NET and C\# services`, []string{"C#", ".NET", "C#"}},
		{"overlapping keywords", "RESTful API design", []string{"REST API", "API design"}},
		{"overlapping generic and keyword", "relational database design", []string{"relational database", "database design"}},
		{"contained form is not an overlap", "Spring Boot", []string{"Spring Boot"}},
		{"English words are not technologies", "We make things swift; a sous Chef; go to the vault; spark joy", []string{}},
		{"case rules", "Swift and Chef and Vault", []string{"Swift", "Chef", "Vault"}},
		{"Go needs its context", "go-to-market in Go", []string{"Go"}},
		{"one letter languages", "C and R; Series C funding; R&D", []string{"C", "R"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, all(c, tt.text))
		})
	}
	// Index points at the term in the list its kind comes from.
	keywords, generics, techs := c.Keywords(), c.GenericTerms(), c.Technologies()
	for _, m := range c.AppendAllMentions(nil, "Go, relational database, Elixir and PostgreSQL on AWS, NoSQL, Snowflake") {
		switch {
		case m.Technology:
			assert.Equal(t, m.Term, techs[m.Index].Term)
		case m.Generic:
			assert.Equal(t, m.Term, generics[m.Index].Term)
		default:
			assert.Equal(t, m.Term, keywords[m.Index].Term)
		}
	}
}

// TestMentionsIgnoreVocabulary: the catalog-only scan is what it was before the vocabulary
// shared its automaton, though a vocabulary form may be longer than a catalog one.
func TestMentionsIgnoreVocabulary(t *testing.T) {
	t.Parallel()
	withVocab := Backend()
	data, err := os.ReadFile("data/backend.json")
	require.NoError(t, err)
	alone, err := Load(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Empty(t, alone.Technologies())
	resume, err := os.ReadFile("../examples/testdata/resume.md")
	require.NoError(t, err)
	for _, text := range []string{string(resume), "Kafka Streams, Apache Spark, Spring Cloud, Docker Swarm and Go on Linux", "RESTful API design"} {
		assert.Equal(t, alone.Mentions(text), withVocab.Mentions(text))
		for _, m := range withVocab.Mentions(text) {
			assert.False(t, m.Technology)
		}
	}
	assert.Equal(t, []string{"Kafka Streams", "Apache Spark", "Spring Cloud", "Docker Swarm", "Go", "Linux"},
		all(withVocab, "Kafka Streams, Apache Spark, Spring Cloud, Docker Swarm and Go on Linux"))
}

func TestLoadWithVocabularyRejects(t *testing.T) {
	t.Parallel()
	catalog, err := os.ReadFile("data/backend.json")
	require.NoError(t, err)
	tests := []struct {
		name, vocab, want string
	}{
		{"duplicate form", `{"version":1,"sources":[{"id":"s","name":"S","url":"","license":"MIT"}],"technologies":[
			{"term":"Elixir","aliases":[],"category":"language","source":"s"},{"term":"elixir","aliases":[],"category":"language","source":"s"}]}`,
			`technologies[1] "elixir".term: "elixir" is already a form of technologies[0] "Elixir"`},
		{"catalog form", `{"version":1,"sources":[{"id":"s","name":"S","url":"","license":"MIT"}],"technologies":[
			{"term":"Golang","aliases":[],"category":"language","source":"s"}]}`,
			`technologies[0] "Golang".term: "Golang" is already a form of catalog keyword_groups`},
		{"bad case rule", `{"version":1,"sources":[{"id":"s","name":"S","url":"","license":"MIT"}],"technologies":[
			{"term":"Swift","aliases":[],"case_sensitive":[{"form":"SWIFT"}],"category":"language","source":"s"}]}`,
			`technologies[0] "Swift".case_sensitive[0].form: "SWIFT" is neither the term nor one of its aliases`},
		{"empty context", `{"version":1,"sources":[{"id":"s","name":"S","url":"","license":"MIT"}],"technologies":[
			{"term":"Swift","aliases":[],"case_sensitive":[{"form":"Swift","not_preceded_by":[""]}],"category":"language","source":"s"}]}`,
			`technologies[0] "Swift".case_sensitive[0].not_preceded_by[0]: is empty`},
		{"unknown category and source", `{"version":1,"sources":[],"technologies":[
			{"term":"Swift","aliases":[],"category":"gadget","source":"nowhere"}]}`,
			`technologies[0] "Swift".category: unknown value "gadget"`},
		{"unknown field", `{"version":1,"sources":[],"technologies":[],"extra":1}`, `unknown field "extra"`},
		{"source url", `{"version":1,"sources":[{"id":"s","name":"S","url":"github.com/x","license":"MIT"}],"technologies":[
			{"term":"Elixir","aliases":[],"category":"language","source":"s"}]}`,
			`sources[0] "s".url: "github.com/x" is not an http(s) URL`},
		{"empty", ``, `skills: decode vocabulary: empty input`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := LoadWithVocabulary(bytes.NewReader(catalog), strings.NewReader(tt.vocab))
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// FuzzLoadWithVocabulary: any vocabulary file is loaded or rejected with an error naming
// the package, never a panic; whatever loads finds each technology's own term.
func FuzzLoadWithVocabulary(f *testing.F) {
	catalog, err := os.ReadFile("testdata/valid-minimal.json")
	require.NoError(f, err)
	f.Add([]byte(`{"version":1,"sources":[{"id":"s","name":"S","url":"","license":"MIT"}],"technologies":[
		{"term":"Elixir","aliases":["Elixir lang"],"category":"language","source":"s"},
		{"term":"Swift","aliases":[],"case_sensitive":[{"form":"Swift","not_preceded_by":["taylor "],"not_followed_by":[" code"]}],"category":"language","source":"s"}]}`))
	f.Add([]byte(`{"version":1,"sources":[],"technologies":[{"term":"C#","aliases":["C\\#"],"category":"language","source":"x"}]}`))
	f.Add([]byte(`{"version":2}`))
	f.Fuzz(func(t *testing.T, vocab []byte) {
		c, err := LoadWithVocabulary(bytes.NewReader(catalog), bytes.NewReader(vocab))
		if err != nil {
			require.Nil(t, c)
			require.True(t, strings.HasPrefix(err.Error(), "skills: "), err.Error())
			return
		}
		for _, tech := range c.Technologies() {
			checkMentions(t, c, tech.Term)
			got, ok := c.Technology(tech.Term)
			require.True(t, ok, tech.Term)
			require.Equal(t, tech, got)
		}
	})
}

// FuzzAllMentions: the embedded catalog and vocabulary scan any text, valid UTF-8 or not,
// into mentions that lie inside it, in order, each of a known term.
func FuzzAllMentions(f *testing.F) {
	f.Add("Elixir/Phoenix on Snowflake; RESTful API design")
	f.Add(`C\#/.NET, go-to-market in Go, Series C, R&D, sous Chef`)
	f.Add("relational database design \xff\xfe Kafka Streams\u00a0Apache Spark")
	f.Fuzz(func(t *testing.T, text string) {
		checkMentions(t, Backend(), text)
	})
}

// checkMentions checks the invariants of both scans of text.
func checkMentions(t *testing.T, c *Catalog, text string) {
	t.Helper()
	dst := []Mention{{Term: "kept"}}
	for _, got := range [][]Mention{c.AppendAllMentions(dst, text), c.AppendMentions(dst, text)} {
		require.Equal(t, dst[0], got[0], "the mentions are appended to dst")
		for i, m := range got[1:] {
			require.True(t, 0 <= m.Start && m.Start < m.End && m.End <= len(text), "%+v in %q", m, text)
			if i > 0 {
				require.LessOrEqual(t, got[i].Start, m.Start, "in order: %+v", got)
			}
			_, keyword := c.Lookup(m.Term)
			_, tech := c.Technology(m.Term)
			require.True(t, keyword || tech || m.Generic, "%q is a term of the catalog", m.Term)
			require.Equal(t, tech, m.Technology, m.Term)
		}
	}
}
