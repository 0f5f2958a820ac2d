package cli

import (
	"flag"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParse(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args     []string
		code     int
		ok       bool
		inStderr string
	}{
		{[]string{"-n", "3"}, 0, true, ""},
		{[]string{"-help"}, 0, false, "usage: prog [-n N]"},
		{[]string{"-bogus"}, 2, false, "flag provided but not defined: -bogus"},
	} {
		var stderr strings.Builder
		fs := flag.NewFlagSet("prog", flag.ContinueOnError)
		n := fs.Int("n", 1, "how many")
		code, ok := Parse(fs, tt.args, &stderr, "prog [-n N]", ModelEnv("rewrite", "the model")...)
		assert.Equal(t, tt.code, code, "%v", tt.args)
		assert.Equal(t, tt.ok, ok, "%v", tt.args)
		assert.Contains(t, stderr.String(), tt.inStderr)
		if !ok {
			assert.Contains(t, stderr.String(), "OPENAI_BASE_URL", "the usage names the environment")
		} else {
			assert.Equal(t, 3, *n)
		}
	}
}

func TestModel(t *testing.T) {
	t.Parallel()
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	assert.Nil(t, Model(getenv, "x"), "no key, no model")
	env["OPENAI_API_KEY"], env["OPENAI_MODEL"] = "k", "from-env"
	assert.Equal(t, "from-env", Model(getenv, "").Model())
	assert.Equal(t, "from-flag", Model(getenv, "from-flag").Model(), "a model given wins over the environment")
}
