package bullets

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	pathpkg "path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// fileLayers are the package's files from the bottom up. A file may use what its own
// layer and the layers below it declare, never what a higher one does: the word data
// knows nothing of bullets, the parse nothing of analysis, analysis nothing of the
// guard, the guard nothing of the rules (the rules use the guard to check themselves),
// and none of them anything of the model calls.
var fileLayers = [][]string{
	{"doc.go", "code.go", "words.go", "number.go"}, // weakness codes, the word data, verb forms, numbers
	{"result.go"},       // what goes in and comes out: Request, Result
	{"vocab.go"},        // the catalog's technologies
	{"bullet.go"},       // a bullet parsed once
	{"instructions.go"}, // text addressed to a model
	{"analyze.go"},
	{"guard.go", "honesty.go"}, // the guard and its honesty rules
	{"rules.go"},
	{"prompt.go"},
	{"cache.go", "option.go", "rewriter.go"}, // the model calls
}

// TestFileLayers checks that dependencies between the files point one way (see
// fileLayers): no file uses a name that a file of a higher layer declares. The package
// is type-checked on its own, so every use of its names is resolved exactly; the
// imported packages are left empty, and the errors that makes are ignored.
func TestFileLayers(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	var files []*ast.File
	layerOf := map[string]int{}
	for i, layer := range fileLayers {
		for _, name := range layer {
			f, err := parser.ParseFile(fset, name, nil, 0)
			require.NoError(t, err)
			files = append(files, f)
			layerOf[name] = i
		}
	}
	all, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, name := range all {
		if _, ok := layerOf[name]; !ok && !strings.HasSuffix(name, "_test.go") {
			t.Errorf("%s is in no layer: add it to fileLayers", name)
		}
	}
	conf := types.Config{Importer: emptyImporter{}, Error: func(error) {}}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	pkg, _ := conf.Check("github.com/resumekit/resumekit/bullets", fset, files, info)
	uses := 0
	for id, obj := range info.Uses {
		if obj.Pkg() != pkg || !obj.Pos().IsValid() {
			continue
		}
		user, def := fset.Position(id.Pos()).Filename, fset.Position(obj.Pos()).Filename
		if layerOf[def] > layerOf[user] {
			t.Errorf("%s uses %s from %s, a higher layer", fset.Position(id.Pos()), id.Name, def)
		}
		uses++
	}
	require.Greater(t, uses, 500, "the type check resolved the package's names")
}

// emptyImporter imports every package as an empty one.
type emptyImporter struct{}

func (emptyImporter) Import(path string) (*types.Package, error) {
	p := types.NewPackage(path, pathpkg.Base(path))
	p.MarkComplete()
	return p, nil
}

// TestBulletParsedOnce checks that only the parse finds where a bullet's text starts:
// no other file calls wording.BodyStart (the body was re-derived with
// req.Bullet[bulletMarker(req.Bullet):] in five places).
func TestBulletParsedOnce(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	for _, layer := range fileLayers {
		for _, name := range layer {
			f, err := parser.ParseFile(fset, name, nil, 0)
			require.NoError(t, err)
			ast.Inspect(f, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "BodyStart" && name != "bullet.go" {
					t.Errorf("%s: finds the body again; read it from the parsed bullet", fset.Position(sel.Pos()))
				}
				return true
			})
		}
	}
}
