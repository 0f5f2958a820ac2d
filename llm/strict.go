package llm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Limits of OpenAI strict mode that CheckStrict enforces.
const (
	maxStrictDepth      = 10
	maxStrictProperties = 5000
	maxStrictEnum       = 1000
)

// strictKeywords are the keywords OpenAI strict mode accepts.
var strictKeywords = map[string]bool{
	"type": true, "properties": true, "required": true, "additionalProperties": true,
	"items": true, "enum": true, "const": true, "anyOf": true, "$ref": true, "$defs": true,
	"definitions": true, "description": true, "title": true,
	"pattern": true, "format": true,
	"minimum": true, "maximum": true, "exclusiveMinimum": true, "exclusiveMaximum": true,
	"multipleOf": true, "minItems": true, "maxItems": true,
}

var strictTypes = map[string]bool{
	"string": true, "number": true, "integer": true, "boolean": true,
	"object": true, "array": true, "null": true,
}

// SchemaError lists every way a schema breaks OpenAI's strict structured-output rules.
type SchemaError struct {
	// Violations are "path: rule" strings in document order, paths as JSON pointers
	// ("#/properties/name").
	Violations []string
}

// Error implements error.
func (e *SchemaError) Error() string {
	return "llm: schema not accepted by strict mode: " + strings.Join(e.Violations, "; ")
}

// CheckStrict reports whether schema is in the subset of JSON Schema that OpenAI's
// structured outputs accept with strict: true: the root is an object schema (not anyOf,
// not a $ref); every object lists all its properties in required and sets
// additionalProperties to false; arrays have items; anyOf replaces oneOf; only supported
// keywords appear; at most 10 levels of nesting, 5000 properties and 1000 enum values.
// It returns nil or a *SchemaError naming every violation with its path and rule.
func CheckStrict(schema []byte) error {
	dec := json.NewDecoder(bytes.NewReader(schema))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return &SchemaError{Violations: []string{"#: not valid json"}}
	}
	c := &strictChecker{}
	obj, ok := root.(map[string]any)
	if !ok {
		return &SchemaError{Violations: []string{"#: schema must be a json object"}}
	}
	c.root = obj
	if t, _ := obj["type"].(string); t != "object" {
		c.add("#", `root must have "type": "object"`)
	}
	if _, ok := obj["anyOf"]; ok {
		c.add("#", "root must not be anyOf")
	}
	if _, ok := obj["$ref"]; ok {
		c.add("#", "root must not be a $ref")
	}
	c.walk(obj, "#", 0)
	if c.props > maxStrictProperties {
		c.add("#", fmt.Sprintf("%d properties exceed the limit of %d", c.props, maxStrictProperties))
	}
	if len(c.violations) > 0 {
		return &SchemaError{Violations: c.violations}
	}
	return nil
}

type strictChecker struct {
	root       map[string]any
	violations []string
	props      int
}

func (c *strictChecker) add(path, rule string) {
	c.violations = append(c.violations, path+": "+rule)
}

// sortedKeys returns m's keys in order, so walks report in a stable order.
func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

// schemaTypes reads a schema node's "type", a string or an array of strings: the one
// reading that CheckStrict and the reply validator share. ok is false when the keyword
// is absent; valid is false when it is neither form (non-string array items read as "").
func schemaTypes(node map[string]any) (types []string, ok, valid bool) {
	raw, ok := node["type"]
	if !ok {
		return nil, false, true
	}
	switch t := raw.(type) {
	case string:
		return []string{t}, true, true
	case []any:
		for _, x := range t {
			s, _ := x.(string)
			types = append(types, s)
		}
		return types, true, true
	}
	return nil, true, false
}

func (c *strictChecker) walk(v any, path string, depth int) {
	node, ok := v.(map[string]any)
	if !ok {
		if _, isBool := v.(bool); isBool {
			c.add(path, "boolean schemas are not supported (an untyped value such as interface{} or any?)")
		} else {
			c.add(path, "schema must be a json object")
		}
		return
	}
	if depth > maxStrictDepth {
		c.add(path, fmt.Sprintf("nesting deeper than %d levels", maxStrictDepth))
		return
	}
	for _, k := range sortedKeys(node) {
		if k == "$schema" && path == "#" {
			continue
		}
		if !strictKeywords[k] {
			switch k {
			case "oneOf":
				c.add(path, "oneOf is not supported (use anyOf)")
			case "allOf":
				c.add(path, "allOf is not supported")
			default:
				c.add(path, fmt.Sprintf("keyword %q is not supported", k))
			}
		}
	}

	types := c.types(node, path)
	_, hasAnyOf := node["anyOf"]
	_, hasRef := node["$ref"]
	_, hasEnum := node["enum"]
	_, hasConst := node["const"]
	_, hasOneOf := node["oneOf"]
	_, hasAllOf := node["allOf"]
	if len(types) == 0 && !hasAnyOf && !hasRef && !hasEnum && !hasConst && !hasOneOf && !hasAllOf {
		c.add(path, `missing "type"`)
	}
	if slices.Contains(types, "object") {
		c.object(node, path, depth)
	}
	if slices.Contains(types, "array") {
		if items, ok := node["items"]; ok {
			c.walk(items, path+"/items", depth+1)
		} else {
			c.add(path, `array without "items"`)
		}
	}
	if hasAnyOf {
		branches, ok := node["anyOf"].([]any)
		if !ok || len(branches) == 0 {
			c.add(path+"/anyOf", "must be a non-empty array")
		}
		for i, b := range branches {
			c.walk(b, fmt.Sprintf("%s/anyOf/%d", path, i), depth+1)
		}
	}
	if hasRef {
		ref, _ := node["$ref"].(string)
		if resolveRef(c.root, ref) == nil {
			c.add(path, fmt.Sprintf("$ref %q does not resolve inside the schema", ref))
		}
	}
	if hasEnum {
		vals, ok := node["enum"].([]any)
		switch {
		case !ok || len(vals) == 0:
			c.add(path+"/enum", "must be a non-empty array")
		case len(vals) > maxStrictEnum:
			c.add(path+"/enum", fmt.Sprintf("%d values exceed the limit of %d", len(vals), maxStrictEnum))
		}
	}
	for _, defsKey := range []string{"$defs", "definitions"} {
		if defs, ok := node[defsKey].(map[string]any); ok {
			for _, name := range sortedKeys(defs) {
				c.walk(defs[name], path+"/"+defsKey+"/"+escapePointer(name), depth)
			}
		}
	}
}

func (c *strictChecker) types(node map[string]any, path string) []string {
	types, _, valid := schemaTypes(node)
	if !valid {
		c.add(path+"/type", "must be a string or an array of strings")
		return nil
	}
	for _, t := range types {
		if !strictTypes[t] {
			c.add(path+"/type", fmt.Sprintf("unknown type %q", t))
		}
	}
	return types
}

func (c *strictChecker) object(node map[string]any, path string, depth int) {
	if ap, ok := node["additionalProperties"]; !ok || ap != false {
		c.add(path, `object must set "additionalProperties": false`)
	}
	props, _ := node["properties"].(map[string]any)
	if _, ok := node["properties"]; ok && props == nil {
		c.add(path+"/properties", "must be an object")
	}
	required := map[string]bool{}
	if raw, ok := node["required"]; ok {
		list, isList := raw.([]any)
		if !isList {
			c.add(path+"/required", "must be an array of property names")
		}
		for _, r := range list {
			name, _ := r.(string)
			required[name] = true
			if _, ok := props[name]; !ok {
				c.add(path+"/required", fmt.Sprintf("names %q, which is not a property", name))
			}
		}
	}
	for _, name := range sortedKeys(props) {
		c.props++
		p := path + "/properties/" + escapePointer(name)
		if !required[name] {
			c.add(p, "property must be listed in required (strict mode has no optional fields; use a nullable type)")
		}
		c.walk(props[name], p, depth+1)
	}
}

// escapePointer escapes a JSON pointer token.
func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// resolveRef resolves a local $ref ("#", "#/$defs/X", "#/definitions/X") in root,
// returning nil if it does not resolve.
func resolveRef(root map[string]any, ref string) map[string]any {
	if ref == "#" {
		return root
	}
	if !strings.HasPrefix(ref, "#/") {
		return nil
	}
	var cur any = root
	for _, tok := range strings.Split(ref[2:], "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[tok]
	}
	m, _ := cur.(map[string]any)
	return m
}
