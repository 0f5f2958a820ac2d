// Package cli holds what the example programs share about their command line: parsing
// the flags with a usage message that names the environment a program reads, and the
// model client that environment configures.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/resumekit/resumekit/llm"
)

// Env is an environment variable a program reads, for its usage message.
type Env struct{ Name, Meaning string }

// ModelEnv is the environment of a program that can rewrite through a model: what the
// key turns on (rewrite) and what the model variable chooses (model).
func ModelEnv(rewrite, model string) []Env {
	return []Env{
		{"OPENAI_API_KEY", rewrite + "; unset: the offline rules"},
		{"OPENAI_BASE_URL", "an OpenAI-compatible server (Azure OpenAI, Ollama, vLLM, a proxy); default: OpenAI"},
		{"OPENAI_MODEL", model + "; default: " + llm.DefaultModel},
	}
}

// Parse sets the usage message of fs (the usage line, the flags, the environment) and
// parses args. When the program should stop, it returns the exit code and false: 0 for
// -help, 2 for a flag it does not know or cannot read (fs has said which).
func Parse(fs *flag.FlagSet, args []string, stderr io.Writer, usage string, env ...Env) (int, bool) {
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: "+usage)
		fs.PrintDefaults()
		if len(env) > 0 {
			fmt.Fprintln(stderr, "\nEnvironment:")
		}
		for _, v := range env {
			fmt.Fprintf(stderr, "  %s\n    \t%s\n", v.Name, v.Meaning)
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	return 0, true
}

// Model returns the model client the environment configures: OPENAI_API_KEY, with
// OPENAI_BASE_URL and the model name (model, else OPENAI_MODEL, else the default); nil
// when no key is set.
func Model(getenv func(string) string, model string) *llm.Client {
	key := getenv("OPENAI_API_KEY")
	if key == "" {
		return nil
	}
	if model == "" {
		model = getenv("OPENAI_MODEL")
	}
	return llm.New(key, llm.WithBaseURL(getenv("OPENAI_BASE_URL")), llm.WithModel(model))
}
