package llm_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/llm"
)

type address struct {
	City string `json:"city"`
}

type nested struct {
	Name      string    `json:"name" jsonschema:"title=Full name,minLength=1,description=as written"`
	Addresses []address `json:"addresses" jsonschema:"minItems=1"`
	Home      *address  `json:"home"`
	When      time.Time `json:"when"`
	Tags      []string  `json:"tags" jsonschema:"uniqueItems=true"`
	Ratio     float64   `json:"ratio" jsonschema:"default=0.5"`
	Skipped   string    `json:"-"`
}

func TestSchemaForStrictRules(t *testing.T) {
	t.Parallel()
	s, err := llm.SchemaFor[nested]()
	require.NoError(t, err)
	assert.Equal(t, "nested", s.Name)
	require.NoError(t, llm.CheckStrict(s.JSON))

	var m map[string]any
	require.NoError(t, json.Unmarshal(s.JSON, &m))
	assert.Equal(t, "object", m["type"])
	assert.NotContains(t, m, "$schema")
	assert.NotContains(t, m, "$ref")
	assert.NotContains(t, m, "$defs")
	assert.Equal(t, false, m["additionalProperties"])
	assert.Equal(t, []any{"name", "addresses", "home", "when", "tags", "ratio"}, m["required"], "every property required, in field order")

	props := m["properties"].(map[string]any)
	name := props["name"].(map[string]any)
	assert.Equal(t, "as written Constraints: Full name, minLength 1.", name["description"], "unsupported keywords move into the description")
	assert.NotContains(t, name, "minLength")
	home := props["home"].(map[string]any)
	assert.Equal(t, []any{
		map[string]any{"type": "object", "properties": map[string]any{"city": map[string]any{"type": "string"}}, "additionalProperties": false, "required": []any{"city"}},
		map[string]any{"type": "null"},
	}, home["anyOf"], "pointer fields are nullable")
	when := props["when"].(map[string]any)
	assert.Equal(t, "Constraints: format date-time.", when["description"])
	items := props["addresses"].(map[string]any)["items"].(map[string]any)
	assert.Equal(t, false, items["additionalProperties"])
	assert.Contains(t, props["ratio"].(map[string]any)["description"], "default 0.5")
}

func TestSchemaForOwnTypesPassStrictChecker(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		schema func() (llm.Schema, error)
	}{
		{name: "summary", schema: llm.SchemaFor[summary]},
		{name: "verdict", schema: llm.SchemaFor[verdict]},
		{name: "nested", schema: llm.SchemaFor[nested]},
		{name: "pointer to struct", schema: llm.SchemaFor[*verdict]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := tt.schema()
			require.NoError(t, err)
			assert.NoError(t, llm.CheckStrict(s.JSON))
		})
	}
}

type withOmitempty struct {
	A string `json:"a"`
	B string `json:"b,omitempty"`
}

type withMap struct {
	M map[string]int `json:"m"`
}

type withAny struct {
	V any `json:"v"`
}

type recursive struct {
	Children []recursive `json:"children"`
}

func TestSchemaForRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		schema func() (llm.Schema, error)
		want   string
	}{
		{name: "omitempty", schema: llm.SchemaFor[withOmitempty], want: "withOmitempty.B: omitempty is not allowed"},
		{name: "map", schema: llm.SchemaFor[withMap], want: "withMap.m: maps are not supported"},
		{name: "any", schema: llm.SchemaFor[withAny], want: "withAny.v: interface values are not supported"},
		{name: "recursive", schema: llm.SchemaFor[recursive], want: "recursive type"},
		{name: "not a struct", schema: llm.SchemaFor[[]string], want: "root must be a struct"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := tt.schema()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Regexp(t, `^llm: schema for `, err.Error())
		})
	}
}

func TestSchemaForCached(t *testing.T) {
	t.Parallel()
	a, err := llm.SchemaFor[verdict]()
	require.NoError(t, err)
	b, err := llm.SchemaFor[verdict]()
	require.NoError(t, err)
	assert.Equal(t, a, b)
	assert.Same(t, &a.JSON[0], &b.JSON[0], "the cached schema is reused")
}

func TestCheckStrict(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		schema string
		want   []string
	}{
		{name: "valid", schema: `{"type":"object","properties":{"a":{"type":"string"},"b":{"anyOf":[{"type":"integer"},{"type":"null"}]}},"required":["a","b"],"additionalProperties":false}`},
		{name: "valid with defs and ref", schema: `{"type":"object","properties":{"a":{"$ref":"#/$defs/A"}},"required":["a"],"additionalProperties":false,"$defs":{"A":{"type":"object","properties":{},"required":[],"additionalProperties":false}}}`},
		{name: "root array", schema: `{"type":"array","items":{"type":"string"}}`, want: []string{`#: root must have "type": "object"`}},
		{name: "root anyOf", schema: `{"type":"object","anyOf":[{"type":"object","properties":{},"required":[],"additionalProperties":false}],"properties":{},"required":[],"additionalProperties":false}`, want: []string{"#: root must not be anyOf"}},
		{name: "missing additionalProperties", schema: `{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}`, want: []string{`#: object must set "additionalProperties": false`}},
		{name: "optional property", schema: `{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"required":["a"],"additionalProperties":false}`, want: []string{"#/properties/b: property must be listed in required"}},
		{name: "oneOf and minLength", schema: `{"type":"object","properties":{"a":{"type":"string","minLength":1},"b":{"oneOf":[{"type":"string"},{"type":"null"}]}},"required":["a","b"],"additionalProperties":false}`,
			want: []string{`#/properties/a: keyword "minLength" is not supported`, "#/properties/b: oneOf is not supported (use anyOf)"}},
		{name: "array without items", schema: `{"type":"object","properties":{"a":{"type":"array"}},"required":["a"],"additionalProperties":false}`, want: []string{`#/properties/a: array without "items"`}},
		{name: "boolean schema", schema: `{"type":"object","properties":{"a":true},"required":["a"],"additionalProperties":false}`, want: []string{"#/properties/a: boolean schemas are not supported"}},
		{name: "dangling ref", schema: `{"type":"object","properties":{"a":{"$ref":"#/$defs/Nope"}},"required":["a"],"additionalProperties":false}`, want: []string{`#/properties/a: $ref "#/$defs/Nope" does not resolve`}},
		{name: "map-like object", schema: `{"type":"object","properties":{"m":{"type":"object","additionalProperties":{"type":"integer"}}},"required":["m"],"additionalProperties":false}`, want: []string{`#/properties/m: object must set "additionalProperties": false`}},
		{name: "required names unknown property", schema: `{"type":"object","properties":{},"required":["x"],"additionalProperties":false}`, want: []string{`#/required: names "x", which is not a property`}},
		{name: "not json", schema: `{`, want: []string{"#: not valid json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := llm.CheckStrict([]byte(tt.schema))
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			var se *llm.SchemaError
			require.ErrorAs(t, err, &se)
			require.Len(t, se.Violations, len(tt.want), se.Violations)
			for i, w := range tt.want {
				assert.Contains(t, se.Violations[i], w)
			}
		})
	}
}

func TestCheckStrictDepthLimit(t *testing.T) {
	t.Parallel()
	leaf := `{"type":"string"}`
	s := leaf
	for range 12 {
		s = `{"type":"object","properties":{"a":` + s + `},"required":["a"],"additionalProperties":false}`
	}
	err := llm.CheckStrict([]byte(s))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nesting deeper than 10 levels")
}
