package bullets

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWordTiersDisjoint(t *testing.T) {
	t.Parallel()
	d := rules().data
	tiers := map[string][]string{
		"strong": d.Tiers.Strong, "neutral": d.Tiers.Neutral, "weak": d.Tiers.Weak, "overused": d.Tiers.Overused,
	}
	for _, f := range d.Filler {
		tiers["filler"] = append(tiers["filler"], f.Phrase)
	}
	tiers["pronouns"] = d.Pronouns
	seen := map[string]string{}
	for tier, words := range tiers {
		require.NotEmpty(t, words, tier)
		for _, w := range words {
			key := strings.ToLower(strings.TrimSpace(w))
			require.Equal(t, key, w, "%s: %q must be lowercase and trimmed", tier, w)
			if other, ok := seen[key]; ok {
				t.Errorf("%q is in both %s and %s", w, other, tier)
			}
			seen[key] = tier
		}
	}
	for w := range d.BuzzwordReplacements {
		assert.Contains(t, d.Tiers.Overused, w, "replacement for a word that is not overused")
	}
	for _, w := range d.Tiers.Strong {
		assert.Equal(t, "", tierOf(w, d.Tiers.Weak, d.Tiers.Overused), w)
	}
}

func tierOf(w string, lists ...[]string) string {
	for _, l := range lists {
		for _, x := range l {
			if x == w {
				return x
			}
		}
	}
	return ""
}

// TestRulesVersionPinned fails when data/rules.json changes without a new version:
// stored analyses and cache keys record the version, so it must identify the rules
// exactly.
func TestRulesVersionPinned(t *testing.T) {
	t.Parallel()
	require.NoError(t, checkRulesPin(rulesJSON), "bump the version in data/rules.json and pin the new hash in pinnedRules")
}

// pinnedRules is the sha256 of data/rules.json for each rules version.
var pinnedRules = map[string]string{
	"rules-v1": "3847390be9dd3464cf3f42744cd66415b93a8e922472a0ba895b30be55b7e342",
	"rules-v2": "4e5101a82e5aeb28c14fe4c2c8f90ccbd597b9218641916e680ee0a3f49d612b", // "was part of" openers
	// "running [N] jobs per day" metric; re-pinned when the two dozen word lists and
	// special cases that lived in Go code moved into the file (the same results on
	// every test and on 8,563 lines of resumes, jobs and test data), and when the
	// joiners ("I/O", "Used+0": no phrase) joined them, a FuzzRewriteRules find.
	"rules-v3": "50107d67a140a0e060f393e5d5cd77ebf7afc32cbe0e350ceaa5cd52b507f99d",
	// An outcome clause ("cutting latency by [X%]") only where the bullet says its work
	// improved something (improvement_cues); no invented "p95". Issue 14's first rule.
	"rules-v3.1": "eb5b265a171716af1414cb79147138225d02be0e73935996227e6074c250867f",
	// Issue 14's rules of an honest rewrite: the person's part kept, a scope clause in
	// the unit of the thing the bullet names, facts fill placeholders, the job's
	// spelling, text addressed to a model left out, and the guard's honesty data.
	"rules-v4": "cece7e8be26d319e70f792ac44687c258a35bf094e53cff086ed59ebdba5c55a",
}

// checkRulesPin reports whether data is the pinned content of its version.
func checkRulesPin(data []byte) error {
	var d struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	got := hex.EncodeToString(sum[:])
	if want, ok := pinnedRules[d.Version]; !ok || want != got {
		return fmt.Errorf("rules %s have hash %s, pinned %q", d.Version, got, want)
	}
	return nil
}

// TestRulesVersionCoversEveryList changes each word list, map and setting of the data
// in turn and checks that the rules compile to something else and the pin catches it:
// no list that steers a result escapes the version.
func TestRulesVersionCoversEveryList(t *testing.T) {
	t.Parallel()
	var root map[string]any
	require.NoError(t, json.Unmarshal(rulesJSON, &root))
	base, err := compileRules(rulesJSON)
	require.NoError(t, err)
	n := 0
	for path, mutate := range dataLeaves(root, "") {
		if path == "version" {
			continue
		}
		var copyRoot map[string]any
		require.NoError(t, json.Unmarshal(rulesJSON, &copyRoot))
		mutate(copyRoot)
		b, err := json.Marshal(copyRoot)
		require.NoError(t, err)
		assert.Error(t, checkRulesPin(b), "%s: changed but the pin still holds", path)
		if w, err := compileRules(b); err == nil {
			assert.NotEqual(t, base.data, w.data, "%s: the change does not reach the compiled rules", path)
		}
		n++
	}
	assert.Greater(t, n, 60, "every list of the data is covered")
}

// dataLeaves returns, for every list, map of lists and scalar setting under v, a
// function that changes it in a copy of the data (found by the same path).
func dataLeaves(v any, path string) map[string]func(map[string]any) {
	out := map[string]func(map[string]any){}
	m, ok := v.(map[string]any)
	if !ok {
		return out
	}
	for k, child := range m {
		p := strings.TrimPrefix(path+"."+k, ".")
		keys := strings.Split(p, ".")
		at := func(root map[string]any) map[string]any {
			for _, key := range keys[:len(keys)-1] {
				root = root[key].(map[string]any)
			}
			return root
		}
		switch c := child.(type) {
		case map[string]any:
			if dataSections[p] {
				maps.Copy(out, dataLeaves(c, p))
				continue
			}
			out[p] = func(root map[string]any) { // a map of entries: drop one
				parent := at(root)
				entries := parent[keys[len(keys)-1]].(map[string]any)
				delete(entries, slices.Sorted(maps.Keys(entries))[0])
			}
		case []any:
			out[p] = func(root map[string]any) { // a list: drop its first entry
				parent := at(root)
				parent[keys[len(keys)-1]] = parent[keys[len(keys)-1]].([]any)[1:]
			}
		default:
			out[p] = func(root map[string]any) { // a setting: change it
				parent := at(root)
				parent[keys[len(keys)-1]] = fmt.Sprint(child) + "x"
			}
		}
	}
	return out
}

// dataSections are the objects of the data that group settings, rather than map
// words to values.
var dataSections = map[string]bool{
	"tiers": true, "default_metric": true, "analysis": true, "verb_forms": true, "numbers": true,
	"technology": true, "rewrite": true, "guard": true,
}

func TestCompileRulesErrors(t *testing.T) {
	t.Parallel()
	with := func(edit func(d map[string]any)) string {
		var d map[string]any
		require.NoError(t, json.Unmarshal(rulesJSON, &d))
		edit(d)
		b, err := json.Marshal(d)
		require.NoError(t, err)
		return string(b)
	}
	tests := []struct {
		name string
		json string
		want string
	}{
		{name: "syntax", json: `{`, want: "bullets: decode rule data"},
		{name: "unknown field", json: `{"version": "x", "nope": 1}`, want: "unknown field"},
		{name: "nothing", json: `{}`, want: "missing version, tiers.strong"},
		{name: "missing list", json: with(func(d map[string]any) { delete(d["guard"].(map[string]any), "stop_words") }), want: "missing guard.stop_words"},
		{name: "empty list", json: with(func(d map[string]any) { d["rewrite"].(map[string]any)["head_ends"] = []any{} }), want: "missing rewrite.head_ends"},
		{name: "empty phrase", json: with(func(d map[string]any) { d["tiers"].(map[string]any)["weak"] = []any{"  "} }), want: "empty phrase"},
		{name: "no penalty", json: with(func(d map[string]any) {
			delete(d["analysis"].(map[string]any)["penalties"].(map[string]any), "too-long")
		}), want: "no penalty for too-long"},
		{name: "unknown unit", json: with(func(d map[string]any) {
			d["numbers"].(map[string]any)["units"].(map[string]any)["ms"] = map[string]any{"unit": "lightyears", "factor": 1}
		}), want: `unknown unit "lightyears"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := compileRules([]byte(tt.json))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestVerbForms(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, past string }{
		{name: "irregular", in: "build", past: "built"},
		{name: "silent e", in: "migrate", past: "migrated"},
		{name: "consonant y", in: "apply", past: "applied"},
		{name: "vowel y", in: "deploy", past: "deployed"},
		{name: "doubled", in: "ship", past: "shipped"},
		{name: "plain", in: "design", past: "designed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.past, past(tt.in))
		})
	}
	for g, base := range map[string]string{
		"building": "build", "managing": "manage", "shipping": "ship", "automating": "automate",
		"maintaining": "maintain", "optimizing": "optimize", "running": "run", "designing": "design",
		"improving": "improve", "logging": "log", "securing": "secure", "reducing": "reduce",
	} {
		assert.Equal(t, base, gerundBase(g), g)
	}
}

// TestNoWordListsInGoCode keeps the word lists and special cases in the data, where
// the version covers them: the package's Go code may not hold a list of three or more
// string literals, nor compare or switch on a literal word.
func TestNoWordListsInGoCode(t *testing.T) {
	t.Parallel()
	// allowed are the literal lists that name the data's own vocabulary or a Go type's
	// fields, not words of a bullet.
	allowed := map[string]bool{"unitNames": true, "dataFields": true}
	fset := token.NewFileSet()
	// The text layer: the files that read and rewrite words (not the model calls).
	textLayer := []string{"analyze.go", "bullet.go", "code.go", "guard.go", "number.go", "prompt.go", "rules.go", "vocab.go", "words.go"}
	isWord := func(e ast.Expr) bool {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return false
		}
		s, err := strconv.Unquote(lit.Value)
		return err == nil && s != "" && strings.TrimFunc(s, unicode.IsLetter) == ""
	}
	for _, name := range textLayer {
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for _, name := range n.Names {
					if allowed[name.Name] {
						return false
					}
				}
			case *ast.CompositeLit:
				strs := 0
				for _, e := range n.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						e = kv.Key
					}
					if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						strs++
					}
				}
				assert.Less(t, strs, 3, "%s: a list of strings in Go code; move it to data/rules.json", fset.Position(n.Pos()))
			case *ast.BinaryExpr:
				if (n.Op == token.EQL || n.Op == token.NEQ) && (isWord(n.X) || isWord(n.Y)) {
					t.Errorf("%s: a comparison with a literal word; make it data", fset.Position(n.Pos()))
				}
			case *ast.CaseClause:
				for _, e := range n.List {
					if isWord(e) {
						t.Errorf("%s: a case on a literal word; make it data", fset.Position(e.Pos()))
					}
				}
			}
			return true
		})
	}
}
