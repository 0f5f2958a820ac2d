package llm

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"github.com/invopop/jsonschema"
)

// typeSchema is the cached result of SchemaFor for one type.
type typeSchema struct {
	schema Schema
	// check is the schema Generate validates replies against: the strict schema plus
	// the constraints (minLength, maximum, ...) that SchemaFor moved into descriptions,
	// with its numbers as json.Number (decoded once, not per call).
	check map[string]any
	err   error
}

// schemaCache memoizes SchemaFor per type, like encoding/json's type cache.
var schemaCache sync.Map // reflect.Type -> *typeSchema

// SchemaFor returns the strict-mode JSON Schema of T, which must be a struct type (or a
// pointer to one). It reflects T with invopop/jsonschema (json tags name the fields,
// jsonschema tags add descriptions, enums and constraints, doc comments are not read)
// and post-processes the result for OpenAI strict mode: the root is an inlined object,
// every object has "additionalProperties": false and requires every property, pointer
// fields become nullable (anyOf with null), oneOf becomes anyOf, and keywords strict mode
// or other OpenAI-compatible servers may not support (minLength, maxLength, pattern,
// format, minimum, maximum, minItems, maxItems, default, ...) are moved into the
// description so the model still sees them; Generate still checks them in Go.
//
// It fails, naming the field, for types strict mode cannot express: omitempty fields
// (strict mode has no optional fields; use a pointer for "may be null"), maps,
// interface values and recursive types. The result is cached per type; SchemaFor is
// safe for concurrent use.
func SchemaFor[T any]() (Schema, error) {
	ts := schemaOf(reflect.TypeFor[T]())
	return ts.schema, ts.err
}

func schemaOf(t reflect.Type) *typeSchema {
	if v, ok := schemaCache.Load(t); ok {
		return v.(*typeSchema)
	}
	ts := buildSchema(t)
	v, _ := schemaCache.LoadOrStore(t, ts)
	return v.(*typeSchema)
}

var nonNameChars = regexp.MustCompile(`[^a-zA-Z0-9_-]+`)

// schemaName derives a valid response_format name from a type name.
func schemaName(t reflect.Type) string {
	name := nonNameChars.ReplaceAllString(t.Name(), "_")
	name = strings.Trim(name, "_")
	if name == "" {
		name = "response"
	}
	if len(name) > 64 {
		name = name[:64]
	}
	return name
}

func buildSchema(t reflect.Type) *typeSchema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	fail := func(err error) *typeSchema { return &typeSchema{err: fmt.Errorf("llm: schema for %s: %w", t, err)} }
	if t.Kind() != reflect.Struct {
		return fail(fmt.Errorf("root must be a struct, got %s", t.Kind()))
	}
	if err := checkGoType(t, t.Name(), map[reflect.Type]bool{}); err != nil {
		return fail(err)
	}
	r := jsonschema.Reflector{
		DoNotReference: true,
		ExpandedStruct: true,
		Anonymous:      true,
	}
	s := r.ReflectFromType(t)
	s.Version = ""
	s.ID = ""
	s.Definitions = nil
	markNullable(t, s)
	strictify(s)

	checkJSON, err := json.Marshal(s)
	if err != nil {
		return fail(err)
	}
	var check map[string]any
	if err := json.Unmarshal(checkJSON, &check); err != nil {
		return fail(err)
	}
	moveUnsupported(s)
	strictJSON, err := json.Marshal(s)
	if err != nil {
		return fail(err)
	}
	if err := CheckStrict(strictJSON); err != nil {
		return fail(err)
	}
	return &typeSchema{schema: Schema{Name: schemaName(t), JSON: strictJSON}, check: useNumbers(check)}
}

// checkGoType rejects what strict mode cannot express, naming the field.
func checkGoType(t reflect.Type, path string, onPath map[reflect.Type]bool) error {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			return nil // []byte is a base64 string
		}
		return checkGoType(t.Elem(), path, onPath)
	case reflect.Map:
		return fmt.Errorf("%s: maps are not supported by strict mode (use a slice of key/value structs)", path)
	case reflect.Interface:
		return fmt.Errorf("%s: interface values are not supported by strict mode", path)
	case reflect.Func, reflect.Chan, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer:
		return fmt.Errorf("%s: %s cannot be represented in json", path, t.Kind())
	case reflect.Struct:
	default:
		return nil
	}
	if onPath[t] {
		return fmt.Errorf("%s: recursive type %s is not supported", path, t)
	}
	if t.Implements(reflect.TypeFor[json.Marshaler]()) || reflect.PointerTo(t).Implements(reflect.TypeFor[json.Marshaler]()) {
		return nil // time.Time and friends: the reflector knows their json form
	}
	onPath[t] = true
	defer delete(onPath, t)
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, flags, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		for _, fl := range strings.Split(flags, ",") {
			if fl == "omitempty" || fl == "omitzero" {
				return fmt.Errorf("%s.%s: %s is not allowed: strict mode requires every field (use a pointer for a nullable field)", path, f.Name, fl)
			}
		}
		if err := checkGoType(f.Type, path+"."+name, onPath); err != nil {
			return err
		}
	}
	return nil
}

// jsonFieldName returns the json name of a struct field and whether it is encoded.
func jsonFieldName(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("json")
	if tag == "-" || (!f.IsExported() && !f.Anonymous) {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, true
}

// markNullable walks the Go type alongside its schema and makes pointer fields nullable.
func markNullable(t reflect.Type, s *jsonschema.Schema) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s == nil {
		return
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		markNullable(t.Elem(), s.Items)
		return
	case reflect.Struct:
	default:
		return
	}
	if s.Properties == nil {
		return
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Tag.Get("json") == "" {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				markNullable(ft, s) // embedded fields are inlined
				continue
			}
		}
		name, ok := jsonFieldName(f)
		if !ok {
			continue
		}
		p, ok := s.Properties.Get(name)
		if !ok || p == nil {
			continue
		}
		markNullable(f.Type, p)
		if f.Type.Kind() == reflect.Pointer && !isNullable(p) {
			desc := p.Description
			p.Description = ""
			s.Properties.Set(name, &jsonschema.Schema{
				AnyOf:       []*jsonschema.Schema{p, {Type: "null"}},
				Description: desc,
			})
		}
	}
}

func isNullable(s *jsonschema.Schema) bool {
	if s.Type == "null" {
		return true
	}
	for _, b := range append(append([]*jsonschema.Schema{}, s.AnyOf...), s.OneOf...) {
		if b != nil && b.Type == "null" {
			return true
		}
	}
	return false
}

// strictify applies the structural rules of strict mode to s and its subschemas.
func strictify(s *jsonschema.Schema) {
	if s == nil {
		return
	}
	if len(s.OneOf) > 0 {
		s.AnyOf = append(s.AnyOf, s.OneOf...)
		s.OneOf = nil
	}
	if s.Type == "object" || s.Properties != nil {
		s.AdditionalProperties = jsonschema.FalseSchema
		s.Required = s.Required[:0]
		if s.Properties != nil {
			for p := s.Properties.Oldest(); p != nil; p = p.Next() {
				s.Required = append(s.Required, p.Key)
				strictify(p.Value)
			}
		}
		if len(s.Required) == 0 {
			s.Required = []string{}
		}
	}
	strictify(s.Items)
	for _, b := range s.AnyOf {
		strictify(b)
	}
}

// moveUnsupported moves keywords outside the portable strict subset into the description.
func moveUnsupported(s *jsonschema.Schema) {
	if s == nil {
		return
	}
	var notes []string
	note := func(k string, v any) { notes = append(notes, fmt.Sprintf("%s %v", k, v)) }
	if s.Title != "" {
		notes = append([]string{s.Title}, notes...)
		s.Title = ""
	}
	if s.MinLength != nil {
		note("minLength", *s.MinLength)
		s.MinLength = nil
	}
	if s.MaxLength != nil {
		note("maxLength", *s.MaxLength)
		s.MaxLength = nil
	}
	if s.Pattern != "" {
		note("pattern", s.Pattern)
		s.Pattern = ""
	}
	if s.Format != "" {
		note("format", s.Format)
		s.Format = ""
	}
	for _, kv := range []struct {
		k string
		v *json.Number
	}{{"minimum", &s.Minimum}, {"maximum", &s.Maximum}, {"exclusiveMinimum", &s.ExclusiveMinimum}, {"exclusiveMaximum", &s.ExclusiveMaximum}, {"multipleOf", &s.MultipleOf}} {
		if *kv.v != "" {
			note(kv.k, *kv.v)
			*kv.v = ""
		}
	}
	for _, kv := range []struct {
		k string
		v **uint64
	}{{"minItems", &s.MinItems}, {"maxItems", &s.MaxItems}, {"minProperties", &s.MinProperties}, {"maxProperties", &s.MaxProperties}} {
		if *kv.v != nil {
			note(kv.k, **kv.v)
			*kv.v = nil
		}
	}
	if s.UniqueItems {
		note("uniqueItems", true)
		s.UniqueItems = false
	}
	if s.Default != nil {
		b, _ := json.Marshal(s.Default)
		note("default", string(b))
		s.Default = nil
	}
	if len(s.Examples) > 0 {
		b, _ := json.Marshal(s.Examples)
		note("examples", string(b))
		s.Examples = nil
	}
	if s.ContentEncoding != "" {
		note("contentEncoding", s.ContentEncoding)
		s.ContentEncoding = ""
	}
	s.ContentMediaType, s.Comments = "", ""
	s.Deprecated, s.ReadOnly, s.WriteOnly = false, false, false
	if len(notes) > 0 {
		c := "Constraints: " + strings.Join(notes, ", ") + "."
		if s.Description != "" {
			s.Description += " " + c
		} else {
			s.Description = c
		}
	}
	if s.Properties != nil {
		for p := s.Properties.Oldest(); p != nil; p = p.Next() {
			moveUnsupported(p.Value)
		}
	}
	moveUnsupported(s.Items)
	for _, b := range s.AnyOf {
		moveUnsupported(b)
	}
}
