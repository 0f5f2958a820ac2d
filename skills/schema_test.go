package skills

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/invopop/jsonschema"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files and the committed schema")

func generateSchema(t *testing.T) []byte {
	t.Helper()
	r := &jsonschema.Reflector{}
	s := r.Reflect(&catalogFile{})
	s.ID = "https://github.com/resumekit/resumekit/skills/catalog.schema.json"
	s.Title = "resumekit skills catalog"
	s.Description = "A catalog of skills, certifications, ATS keywords and guidance for one role."
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(s))
	return buf.Bytes()
}

func TestSchemaIsCurrent(t *testing.T) {
	got := generateSchema(t)
	if *update {
		require.NoError(t, os.WriteFile("catalog.schema.json", got, 0o644))
	}
	require.Equal(t, string(got), string(Schema()),
		"skills/catalog.schema.json is stale: run go test ./skills -run TestSchemaIsCurrent -update")
}

func TestSchemaDescribesFormat(t *testing.T) {
	var s struct {
		Defs map[string]struct {
			Required             []string       `json:"required"`
			AdditionalProperties *bool          `json:"additionalProperties"`
			Properties           map[string]any `json:"properties"`
		} `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(Schema(), &s))
	skill, ok := s.Defs["Skill"]
	require.True(t, ok, "schema has a Skill definition")
	require.Subset(t, skill.Required, []string{"id", "name", "tier", "kind", "summary", "proof", "time_to_acquire", "keywords", "resources"})
	require.NotNil(t, skill.AdditionalProperties)
	require.False(t, *skill.AdditionalProperties, "unknown fields are rejected")
	_, hasGroup := s.Defs["Keyword"].Properties["Group"]
	require.False(t, hasGroup, "fields set by the catalog are not part of the format")
}
