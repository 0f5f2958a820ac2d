package bullets

import (
	"runtime"
	"strings"
	"testing"
	"weak"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/skills"
)

// TestVocabCacheLetsCatalogsGo checks that the vocabulary cache holds no catalog alive:
// once a catalog is garbage collected, its index leaves the cache.
func TestVocabCacheLetsCatalogsGo(t *testing.T) {
	t.Parallel()
	key := analyzeWithNewCatalog(t)
	cached := func() bool { _, ok := indexes.Load(key); return ok }
	for i := 0; i < 100 && cached(); i++ {
		runtime.GC()
		runtime.Gosched()
	}
	assert.False(t, cached(), "the index of a collected catalog stays cached")
}

// analyzeWithNewCatalog loads a catalog, uses it twice (one index) and drops it,
// returning its key in the cache.
//
//go:noinline
func analyzeWithNewCatalog(t *testing.T) weak.Pointer[skills.Catalog] {
	c, err := skills.Load(strings.NewReader(`{"role": "Test", "skills": [], "certifications": [],
  "keyword_groups": [{"id": "languages", "name": "Languages", "placement": "skills", "why": "screening",
    "keywords": [{"term": "Zig", "aliases": [], "kind": "language"}]}],
  "generic_terms": [], "bullet_examples": [], "portfolio_signals": [], "resources": []}`))
	require.NoError(t, err)
	assert.False(t, Analyzer{Catalog: c}.Analyze("Used Zig for 3 pipelines.").Has(NoTechnology))
	assert.Same(t, vocabFor(c).vocabIndex, vocabFor(c).vocabIndex)
	key := weak.Make(c)
	_, ok := indexes.Load(key)
	require.True(t, ok, "the catalog's index is cached while the catalog lives")
	return key
}
