package llm

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxProblems bounds the problems reported for one reply, so a reask stays short.
const maxProblems = 20

// validateValue checks v (decoded with json.Decoder.UseNumber) against schema and
// returns one "path: problem" string per violation, in document order. It supports the
// strict subset (type, properties, required, additionalProperties false, items, enum,
// const, anyOf, local $ref) plus minLength, maxLength, pattern, minimum, maximum,
// exclusiveMinimum, exclusiveMaximum, minItems and maxItems. Problems never quote
// the reply, only kinds, sizes and names from the schema.
func validateValue(schema map[string]any, v any) []string {
	problems, _ := validate(schema, v)
	return problems
}

// validate is validateValue that also returns the problems phrased for a reask, which
// may quote the reply (a shortened unknown field name) since only the model sees them.
func validate(schema map[string]any, v any) (problems, reask []string) {
	vd := &validator{root: schema}
	vd.check(schema, v, "$", 0)
	return vd.problems, vd.reask
}

type validator struct {
	root     map[string]any
	problems []string
	reask    []string
}

func (vd *validator) add(path, format string, args ...any) {
	p := path + ": " + fmt.Sprintf(format, args...)
	vd.addPair(p, p)
}

// addPair records a problem whose reask text differs from its error text.
func (vd *validator) addPair(problem, reask string) {
	if len(vd.problems) < maxProblems {
		vd.problems = append(vd.problems, problem)
		vd.reask = append(vd.reask, reask)
	}
}

func kindOf(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		if isInteger(x) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	default:
		return fmt.Sprintf("%T", v)
	}
}

// isInteger reports whether n is integral. big.Rat is avoided on purpose: a reply such
// as 1e999999999 would make it allocate without bound.
func isInteger(n json.Number) bool {
	if !strings.ContainsAny(string(n), ".eE") {
		return true
	}
	f, err := strconv.ParseFloat(string(n), 64)
	return err == nil && f == math.Trunc(f)
}

func typeMatches(t string, v any) bool {
	k := kindOf(v)
	return t == k || (t == "number" && k == "integer")
}

func (vd *validator) check(schema map[string]any, v any, path string, depth int) {
	if depth > 64 {
		vd.add(path, "nested too deeply")
		return
	}
	if ref, ok := schema["$ref"].(string); ok {
		if target := resolveRef(vd.root, ref); target != nil {
			vd.check(target, v, path, depth+1)
		}
	}
	if branches, ok := schema["anyOf"].([]any); ok {
		matched := false
		for _, b := range branches {
			bs, _ := b.(map[string]any)
			sub := &validator{root: vd.root}
			sub.check(bs, v, path, depth+1)
			if len(sub.problems) == 0 {
				matched = true
				break
			}
		}
		if !matched {
			vd.add(path, "%s matches none of the allowed shapes", kindOf(v))
			return
		}
	}
	if types, ok, _ := schemaTypes(schema); ok {
		if !slices.ContainsFunc(types, func(t string) bool { return typeMatches(t, v) }) {
			vd.add(path, "expected %s, got %s", strings.Join(types, " or "), kindOf(v))
			return
		}
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return jsonEqual(e, v) }) {
		vd.add(path, "value is not one of the allowed values %s", enumText(enum))
	}
	if c, ok := schema["const"]; ok && !jsonEqual(c, v) {
		vd.add(path, "value must be exactly %s", strings.TrimSuffix(strings.TrimPrefix(enumText([]any{c}), "["), "]"))
	}
	switch x := v.(type) {
	case map[string]any:
		vd.object(schema, x, path, depth)
	case []any:
		vd.array(schema, x, path, depth)
	case string:
		vd.str(schema, x, path)
	case json.Number:
		vd.number(schema, x, path)
	}
}

func (vd *validator) object(schema, obj map[string]any, path string, depth int) {
	props, _ := schema["properties"].(map[string]any)
	if req, ok := schema["required"].([]any); ok {
		for _, r := range req {
			name, _ := r.(string)
			if _, ok := obj[name]; !ok {
				vd.add(path+"."+name, "missing required field")
			}
		}
	}
	closed := schema["additionalProperties"] == false
	for _, k := range sortedKeys(obj) {
		ps, ok := props[k].(map[string]any)
		if !ok {
			if closed {
				// A model-invented key can carry resume text: errors give its size only.
				vd.addPair(fmt.Sprintf("%s: unexpected field (%d bytes)", path, len(k)),
					fmt.Sprintf("%s: unknown field %q", path, shorten(k, maxNameText)))
			}
			continue
		}
		vd.check(ps, obj[k], path+"."+k, depth+1)
	}
}

func (vd *validator) array(schema map[string]any, arr []any, path string, depth int) {
	if n, ok := uintKeyword(schema, "minItems"); ok && len(arr) < n {
		vd.add(path, "has %d items, fewer than minItems %d", len(arr), n)
	}
	if n, ok := uintKeyword(schema, "maxItems"); ok && len(arr) > n {
		vd.add(path, "has %d items, more than maxItems %d", len(arr), n)
	}
	items, ok := schema["items"].(map[string]any)
	if !ok {
		return
	}
	for i, e := range arr {
		vd.check(items, e, fmt.Sprintf("%s[%d]", path, i), depth+1)
	}
}

func (vd *validator) str(schema map[string]any, s, path string) {
	n := utf8.RuneCountInString(s)
	if m, ok := uintKeyword(schema, "minLength"); ok && n < m {
		vd.add(path, "length %d is below minLength %d", n, m)
	}
	if m, ok := uintKeyword(schema, "maxLength"); ok && n > m {
		vd.add(path, "length %d exceeds maxLength %d", n, m)
	}
	if p, ok := schema["pattern"].(string); ok {
		if re, err := regexp.Compile(p); err == nil && !re.MatchString(s) {
			vd.add(path, "does not match pattern %s", p)
		}
	}
}

func (vd *validator) number(schema map[string]any, n json.Number, path string) {
	val, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		return
	}
	bound := func(k string) (float64, bool) {
		b, ok := schema[k].(json.Number)
		if !ok {
			return 0, false
		}
		f, err := strconv.ParseFloat(string(b), 64)
		return f, err == nil
	}
	if b, ok := bound("minimum"); ok && val < b {
		vd.add(path, "below minimum %v", b)
	}
	if b, ok := bound("maximum"); ok && val > b {
		vd.add(path, "above maximum %v", b)
	}
	if b, ok := bound("exclusiveMinimum"); ok && val <= b {
		vd.add(path, "not above exclusiveMinimum %v", b)
	}
	if b, ok := bound("exclusiveMaximum"); ok && val >= b {
		vd.add(path, "not below exclusiveMaximum %v", b)
	}
}

func uintKeyword(schema map[string]any, k string) (int, bool) {
	n, ok := schema[k].(json.Number)
	if !ok {
		return 0, false
	}
	i, err := n.Int64()
	if err != nil || i < 0 {
		return 0, false
	}
	return int(i), true
}

// jsonEqual compares two decoded JSON values (numbers numerically).
func jsonEqual(a, b any) bool {
	an, aok := a.(json.Number)
	bn, bok := b.(json.Number)
	if aok && bok {
		if an == bn {
			return true
		}
		af, err1 := strconv.ParseFloat(string(an), 64)
		bf, err2 := strconv.ParseFloat(string(bn), 64)
		return err1 == nil && err2 == nil && af == bf
	}
	if aok || bok {
		return false
	}
	ab, err1 := json.Marshal(a)
	bb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(ab) == string(bb)
}

// enumText lists schema-defined values (never reply text), shortened on a rune
// boundary.
func enumText(vals []any) string {
	b, _ := json.Marshal(vals)
	if len(b) > maxEnumText {
		return shorten(string(b), maxEnumText) + "]"
	}
	return string(b)
}

// Bounds on text quoted in problems: schema values, and unknown field names (which
// only a reask quotes).
const (
	maxEnumText = 200
	maxNameText = 40
)
