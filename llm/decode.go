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
// balanced {...} object found in surrounding prose (stray braces in the prose skipped). It returns the object's bytes and
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
	found, objs := objectsIn(text)
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

// objectsIn returns every JSON object embedded in text, left to right, with its decoded
// form. A '{' that does not start a balanced, decodable object (a stray brace in prose)
// is skipped and the search goes on from the next '{'; after an object, it goes on
// after the object's end. The bytes scanned by failed starts are bounded by a budget
// proportional to len(text), so a reply of many stray braces stays linear.
func objectsIn(text string) ([][]byte, []map[string]any) {
	var spans [][]byte
	var objs []map[string]any
	budget := 16*len(text) + 1024
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '{')
		if j < 0 {
			break
		}
		start := i + j
		end, scanned := matchBrace(text, start)
		if end >= 0 {
			span := []byte(text[start : end+1])
			if obj, err := decodeObject(span); err == nil {
				spans = append(spans, span)
				objs = append(objs, obj)
				i = end + 1
				continue
			}
		}
		if budget -= scanned; budget < 0 {
			break
		}
		i = start + 1
	}
	return spans, objs
}

// matchBrace returns the index of the '}' closing the '{' at text[start], honouring JSON
// strings inside the braces, or -1 if it is never closed; and the bytes scanned.
func matchBrace(text string, start int) (end, scanned int) {
	depth := 0
	inString, escaped := false, false
	for i := start; i < len(text); i++ {
		ch := text[i]
		if inString {
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
			inString = true
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i, i - start + 1
			}
		}
	}
	return -1, len(text) - start
}
