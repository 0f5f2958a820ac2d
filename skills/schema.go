package skills

import _ "embed"

//go:embed catalog.schema.json
var schemaJSON []byte

// Schema returns the JSON Schema (draft 2020-12) of the catalog file format that [Load] reads
// and [Catalog.WriteJSON] writes. It is generated from the Go types with invopop/jsonschema
// and committed as skills/catalog.schema.json; each call returns a fresh copy.
func Schema() []byte { return append([]byte(nil), schemaJSON...) }
