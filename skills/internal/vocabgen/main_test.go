package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/skills"
)

func TestBuilderRules(t *testing.T) {
	t.Parallel()
	b := builder{
		cur: curation{Rules: map[string]rule{
			"Swift": {CaseSensitive: []skills.Form{{Form: "Swift", NotFollowedBy: []string{" code"}}}},
		}},
		english: map[string]bool{"swift": true, "make": true, "elk": true, "pan": true},
		taken:   map[string]bool{"go": true, "golang": true},
		index:   map[string]int{},
		exclude: map[string]bool{"pan": true},
		keep:    map[string]bool{"swift": true},
	}
	b.add(skills.Technology{Term: "Go", Category: "language"})                                     // a catalog keyword
	b.add(skills.Technology{Term: "Make", Category: "tool"})                                       // an English word
	b.add(skills.Technology{Term: "Pan", Category: "language"})                                    // excluded
	b.add(skills.Technology{Term: "Swift", Category: "language"})                                  // an English word kept
	b.add(skills.Technology{Term: "ELK Stack", Aliases: []string{"ELK", "elk"}, Category: "tool"}) // an acronym alias
	b.add(skills.Technology{Term: "Elixir", Aliases: []string{"elixir-lang", "ex", "elixir2", "golang"}, Category: "language"})
	b.add(skills.Technology{Term: "elixir", Aliases: []string{"ElixirLang"}, Category: "language"}) // the same, from another source
	b.applyRules()

	byTerm := map[string]skills.Technology{}
	for _, tech := range b.out {
		byTerm[tech.Term] = tech
	}
	assert.Len(t, byTerm, 3)
	assert.Equal(t, 1, b.skippedCatalog)
	assert.Equal(t, 1, b.skippedEnglish)
	assert.Equal(t, []skills.Form{{Form: "Swift", NotFollowedBy: []string{" code"}}}, byTerm["Swift"].CaseSensitive, "the curation's rule")
	assert.Equal(t, []string{"ELK"}, byTerm["ELK Stack"].Aliases, "an acronym counts only in capitals")
	assert.Equal(t, []skills.Form{{Form: "ELK"}}, byTerm["ELK Stack"].CaseSensitive)
	assert.Equal(t, []string{"ElixirLang"}, byTerm["Elixir"].Aliases, "no slugs, versions, short forms or catalog forms; sources merge")
}

func TestHelpers(t *testing.T) {
	t.Parallel()
	assert.True(t, isAcronym("ELK"))
	assert.True(t, isAcronym("D3"))
	assert.False(t, isAcronym("Elk"))
	assert.False(t, isAcronym("3D"))
	assert.True(t, sameStem("postgres", "PostgreSQL"))
	assert.False(t, sameStem("nomad", "HCL"))
	assert.False(t, sameStem("golang", "Go"))

	tests := []struct {
		topic topic
		want  skills.Category
	}{
		{topic{name: "Django", description: "Django is a web application framework for Python.", hasURL: true}, "framework"},
		{topic{name: "Neo4j", description: "Neo4j is a graph database.", hasURL: true}, "database"},
		{topic{name: "Factorio", description: "Factorio is a game in which you build factories.", hasURL: true}, ""},
		{topic{name: "Algorithm", description: "Algorithms are self-contained sequences.", hasURL: false}, ""},
	}
	for _, tt := range tests {
		got, _ := topicCategory(tt.topic)
		assert.Equal(t, tt.want, got, tt.topic.name)
	}
}

func TestRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	langs := write("languages.yml", "---\nElixir:\n  type: programming\n  aliases:\n  - elixir-lang\nYAML:\n  type: data\n  aliases:\n  - yml\nGit Config:\n  type: data\nGo:\n  type: programming\n  aliases:\n  - golang\n")
	write("topics/phoenix/index.md", "---\ndisplay_name: Phoenix\ntopic: phoenix\nurl: https://phoenixframework.org\nshort_description: Phoenix is a web framework for Elixir.\n---\nbody\n")
	words := write("words", "make\nphoenix\nPhoenix\n")
	catalog := write("catalog.json", `{"role": "r", "keyword_groups": [{"keywords": [{"term": "Go", "aliases": ["Golang"]}]}], "generic_terms": []}`)
	cur := write("curation.json", `{"exclude": [], "keep": ["Phoenix"], "formats": ["YAML"], "extra": [{"term": "Datadog", "aliases": [], "category": "tool", "source": ""}], "rules": {}}`)
	out := filepath.Join(dir, "out.json")
	require.NoError(t, run(langs, "abc", filepath.Join(dir, "topics"), "def", words, catalog, cur, out))

	data, err := os.ReadFile(out)
	require.NoError(t, err)
	var v vocabulary
	require.NoError(t, json.Unmarshal(data, &v))
	var terms []string
	for _, tech := range v.Technologies {
		terms = append(terms, tech.Term+"/"+string(tech.Category)+"/"+tech.Source)
	}
	assert.Equal(t, []string{"Datadog/tool/resumekit", "Elixir/language/linguist", "Phoenix/framework/github-explore", "YAML/format/linguist"}, terms)
	assert.Equal(t, "abc", v.Sources[0].Commit)
	assert.Equal(t, "CC-BY-4.0", v.Sources[1].License)

	require.Error(t, run(filepath.Join(dir, "missing.yml"), "", filepath.Join(dir, "topics"), "", words, catalog, cur, out))
}
