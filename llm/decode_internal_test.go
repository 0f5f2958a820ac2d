package llm

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeReply(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr string
	}{
		{name: "strict", in: `{"a":1}`, want: `{"a":1}`},
		{name: "whitespace", in: "\n  {\"a\":1}\n", want: `{"a":1}`},
		{name: "json fence", in: "```json\n{\"a\":1}\n```", want: `{"a":1}`},
		{name: "bare fence with prose", in: "Here:\n```\n{\"a\":1}\n```\nDone.", want: `{"a":1}`},
		{name: "prose around", in: `Sure! {"a":"}{ not a brace"} hope it helps`, want: `{"a":"}{ not a brace"}`},
		{name: "escaped quote", in: `x {"a":"say \"}\""} y`, want: `{"a":"say \"}\""}`},
		{name: "prose braces ignored", in: `use {curly} then {"a":1}`, want: `{"a":1}`},
		{name: "stray open brace before", in: `Keys look like {name. Answer: {"a":"x"}`, want: `{"a":"x"}`},
		{name: "object inside braced prose", in: `{see {"a":1}}`, want: `{"a":1}`},
		{name: "stray brace and two objects", in: `{ {"a":1} {"b":2}`, wantErr: "2 json objects"},
		{name: "empty", in: "  ", wantErr: "reply is empty"},
		{name: "no json", in: "just words", wantErr: "not valid json"},
		{name: "array", in: `[1,2]`, wantErr: "json array, expected an object"},
		{name: "two objects", in: `{"a":1} {"b":2}`, wantErr: "2 json objects"},
		{name: "truncated", in: `{"a":"abc`, wantErr: "not valid json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			raw, obj, err := decodeReply(tt.in)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(raw))
			assert.NotNil(t, obj)
		})
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"a":1}`, "```json\n{\"a\":[1,{}]}\n```", `x {"a":"}"} y`, `{"a":1}{"b":2}`, `{`, `}`, `"\"{`, "1e999999999", `Keys look like {name. Answer: {"a":"x"}`} {
		f.Add(s)
	}
	schema := map[string]any{"type": "object", "properties": map[string]any{"a": map[string]any{"type": "integer", "maximum": json.Number("3")}}, "required": []any{"a"}, "additionalProperties": false}
	f.Fuzz(func(t *testing.T, s string) {
		raw, obj, err := decodeReply(s)
		if err != nil {
			require.True(t, strings.HasPrefix(err.Error(), "reply "), "errors are fixed phrases about the reply")
			return
		}
		var v map[string]any
		require.NoError(t, json.Unmarshal(raw, &v), "decoded bytes are one json object")
		require.NotNil(t, obj)
		_ = validateValue(schema, obj)
	})
}

func TestValidateValue(t *testing.T) {
	t.Parallel()
	schema := useNumbers(map[string]any{
		"type": "object", "additionalProperties": false, "required": []any{"n", "s", "l", "o", "e"},
		"properties": map[string]any{
			"n": map[string]any{"type": "number", "exclusiveMinimum": 0},
			"s": map[string]any{"type": "string", "pattern": "^[a-z]+$", "minLength": 2},
			"l": map[string]any{"type": "array", "items": map[string]any{"type": "integer"}, "maxItems": 2},
			"o": map[string]any{"anyOf": []any{map[string]any{"$ref": "#/$defs/O"}, map[string]any{"type": "null"}}},
			"e": map[string]any{"const": "x"},
		},
		"$defs": map[string]any{"O": map[string]any{"type": "object", "properties": map[string]any{"k": map[string]any{"type": "boolean"}}, "required": []any{"k"}, "additionalProperties": false}},
	})
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{name: "valid", in: `{"n":1.5,"s":"ab","l":[1,2],"o":{"k":true},"e":"x"}`},
		{name: "null branch", in: `{"n":1,"s":"ab","l":[],"o":null,"e":"x"}`},
		{name: "everything wrong", in: `{"n":0,"s":"A","l":[1,2,3.5],"o":{"k":1},"e":"y"}`, want: []string{
			"$.e: value must be exactly \"x\"",
			"$.l: has 3 items, more than maxItems 2",
			"$.l[2]: expected integer, got number",
			"$.n: not above exclusiveMinimum 0",
			"$.o: object matches none of the allowed shapes",
			"$.s: length 1 is below minLength 2",
			"$.s: does not match pattern ^[a-z]+$",
		}},
		{name: "huge exponent is cheap", in: `{"n":1e999999999,"s":"ab","l":[],"o":null,"e":"x"}`, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			obj, err := decodeObject([]byte(tt.in))
			require.NoError(t, err)
			assert.Equal(t, tt.want, validateValue(schema, obj))
		})
	}
}

func TestReaskTextNamesEveryProblem(t *testing.T) {
	t.Parallel()
	txt := reaskText([]string{"$.a: missing required field", "$.b: expected string, got integer"})
	assert.Equal(t, 2, strings.Count(txt, "\n- "))
}

// TestProblemsStayValidUTF8: text quoted in problems and reasks (schema values, unknown
// field names) is shortened on a rune boundary, never inside a character.
func TestProblemsStayValidUTF8(t *testing.T) {
	t.Parallel()
	enum := make([]any, 60)
	for i := range enum {
		enum[i] = "xéx" // 7 bytes a value in JSON: byte 200 falls inside an é
	}
	schema := useNumbers(map[string]any{
		"type": "object", "additionalProperties": false, "required": []any{"e"},
		"properties": map[string]any{"e": map[string]any{"type": "string", "enum": enum}},
	})
	reply, err := decodeObject([]byte(`{"e":"y","a` + strings.Repeat("é", 30) + `":1}`))
	require.NoError(t, err)
	problems, reask := validate(schema, reply)
	require.Len(t, problems, 2)
	for _, p := range append(problems, reask...) {
		assert.True(t, utf8.ValidString(p), "%q", p)
	}
	assert.Contains(t, problems[1], "...]")
	assert.Contains(t, reask[0], "...")
}
