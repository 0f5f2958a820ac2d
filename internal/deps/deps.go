// Package deps pins the module's third-party dependencies while the packages that use them are
// being written. It is removed once each dependency has a real importer.
package deps

import (
	_ "github.com/cenkalti/backoff/v4"
	_ "github.com/invopop/jsonschema"
	_ "github.com/sashabaranov/go-openai"
)
