package bullets

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/skills"
)

// TestVocabCacheLetsCatalogsGo checks that the vocabulary cache holds no catalog alive:
// once a catalog is garbage collected, its index leaves the cache.
func TestVocabCacheLetsCatalogsGo(t *testing.T) {
	// Not parallel: it counts the entries of the package's cache.
	cached := func() int {
		n := 0
		indexes.Range(func(any, any) bool { n++; return true })
		return n
	}
	before := cached()
	analyzeWithNewCatalog(t)
	require.Equal(t, before+1, cached(), "the new catalog's index is cached while it lives")
	for i := 0; i < 100 && cached() > before; i++ {
		runtime.GC()
		runtime.Gosched()
	}
	assert.Equal(t, before, cached(), "the index of a collected catalog stays cached")
}

// analyzeWithNewCatalog loads a catalog, uses it twice (one index) and drops it.
//
//go:noinline
func analyzeWithNewCatalog(t *testing.T) {
	c, err := skills.Load(strings.NewReader(`{"role": "Test", "skills": [], "certifications": [],
  "keyword_groups": [{"id": "languages", "name": "Languages", "placement": "skills", "why": "screening",
    "keywords": [{"term": "Zig", "aliases": [], "kind": "language"}]}],
  "generic_terms": [], "bullet_examples": [], "portfolio_signals": [], "resources": []}`))
	require.NoError(t, err)
	assert.False(t, Analyzer{Catalog: c}.Analyze("Used Zig for 3 pipelines.").Has(NoTechnology))
	assert.Same(t, vocabFor(c).vocabIndex, vocabFor(c).vocabIndex)
}
