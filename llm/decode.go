package llm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// decodeReply extracts one JSON object from a model reply. It tries, in order: the whole
// reply as strict JSON; the body of the first ``` fence (```json or bare); the single
// balanced {...} object found in surrounding prose. It returns the object's bytes and
// its decoded form (numbers as json.Number). Errors describe the problem by position and
// kind only, never by quoting the reply.
func decodeReply(content string) ([]byte, map[string]any, error) {
	text := strings.TrimSpace(content)
	if text == "" {
		return nil, nil, errors.New("reply is empty")
	}
	obj, strictErr := decodeObject([]byte(text))
	if strictErr == nil {
		return []byte(text), obj, nil
	}
	if body, ok := fenced(text); ok {
		if obj, err := decodeObject([]byte(body)); err == nil {
			return []byte(body), obj, nil
		}
	}
	var found [][]byte
	var objs []map[string]any
	for _, span := range balancedObjects(text) {
		if obj, err := decodeObject(span); err == nil {
			found = append(found, span)
			objs = append(objs, obj)
		}
	}
	switch len(found) {
	case 1:
		return found[0], objs[0], nil
	case 0:
		return nil, nil, strictErr
	default:
		return nil, nil, fmt.Errorf("reply contains %d json objects, expected exactly one", len(found))
	}
}

// decodeObject decodes b as exactly one JSON object.
func decodeObject(b []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, describeJSONError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("reply has text after the json value")
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("reply is a json %s, expected an object", kindOf(v))
	}
	return obj, nil
}

func describeJSONError(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("reply is not valid json (syntax error at byte %d)", se.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("reply is not valid json (unexpected end)")
	default:
		return errors.New("reply is not valid json")
	}
}

// fenced returns the body of the first ``` code fence, without its language tag.
func fenced(text string) (string, bool) {
	start := strings.Index(text, "```")
	if start < 0 {
		return "", false
	}
	rest := text[start+3:]
	nl := strings.IndexByte(rest, '\n')
	if nl < 0 {
		return "", false
	}
	if tag := strings.TrimSpace(rest[:nl]); tag != "" && !strings.EqualFold(tag, "json") {
		// A fence opened with something that is not a language tag: keep it as body.
		if strings.ContainsAny(tag, "{[") {
			nl = -1
		}
	}
	rest = rest[nl+1:]
	end := strings.Index(rest, "```")
	if end < 0 {
		return "", false
	}
	return strings.TrimSpace(rest[:end]), true
}

// balancedObjects returns every top-level {...} span of text, honouring JSON strings
// inside the braces.
func balancedObjects(text string) [][]byte {
	var spans [][]byte
	depth, start := 0, 0
	inString, escaped := false, false
	for i := 0; i < len(text); i++ {
		ch := text[i]
		if depth > 0 && inString {
			switch {
			case escaped:
				escaped = false
			case ch == '\\':
				escaped = true
			case ch == '"':
				inString = false
			}
			continue
		}
		switch ch {
		case '"':
			if depth > 0 {
				inString = true
			}
		case '{':
			if depth == 0 {
				start = i
			}
			depth++
		case '}':
			if depth > 0 {
				depth--
				if depth == 0 {
					spans = append(spans, []byte(text[start:i+1]))
				}
			}
		}
	}
	return spans
}
