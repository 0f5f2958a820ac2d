package llm_test

import (
	"bufio"
	"bytes"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValidatorTypeIsCompileChecked type-checks two small programs against this
// package's compiled export data: a validator of the generated type compiles, and one
// of another type does not (it used to fail only at run time).
func TestValidatorTypeIsCompileChecked(t *testing.T) {
	t.Parallel()
	exports := exportFiles(t, "github.com/resumekit/resumekit/llm")
	check := func(validator string) error {
		src := `package p

import (
	"context"

	"github.com/resumekit/resumekit/llm"
)

type verdict struct{ Strong bool ` + "`json:\"strong\"`" + ` }
type summary struct{ Summary string ` + "`json:\"summary\"`" + ` }

func f(c llm.Completer) {
	_, _, _ = llm.GenerateValidated[verdict](context.Background(), c, llm.Request{}, ` + validator + `)
}
`
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "p.go", src, 0)
		require.NoError(t, err)
		imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
			return os.Open(exports[path])
		})
		_, err = (&types.Config{Importer: imp}).Check("p", fset, []*ast.File{f}, nil)
		return err
	}
	assert.NoError(t, check(`func(verdict) error { return nil }`))
	err := check(`func(summary) error { return nil }`)
	require.Error(t, err, "a validator of another type must not compile")
	assert.Contains(t, err.Error(), "func(summary) error")
}

// exportFiles maps pkg and each of its dependencies to its compiled export data, built
// by the go command into its cache.
func exportFiles(t *testing.T, pkg string) map[string]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}} {{.Export}}", pkg).Output()
	require.NoError(t, err)
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if path, file, ok := strings.Cut(sc.Text(), " "); ok && file != "" {
			m[path] = file
		}
	}
	return m
}
