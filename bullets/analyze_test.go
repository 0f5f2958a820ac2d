package bullets_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/skills"
)

func TestAnalyzeBulletExamples(t *testing.T) {
	t.Parallel()
	for _, ex := range skills.Backend().BulletExamples() {
		t.Run(ex.Demonstrates, func(t *testing.T) {
			t.Parallel()
			weak := bullets.Analyze(ex.Weak)
			assert.True(t, weak.Weak, "weak example not weak: %v", weak.Codes())
			assert.True(t, weak.Has(bullets.NoMetric))

			strong := bullets.Analyze(ex.Strong)
			for _, c := range []bullets.Code{bullets.WeakOpener, bullets.Pronoun, bullets.NoMetric, bullets.PassiveVoice, bullets.NoTechnology} {
				assert.False(t, strong.Has(c), "strong example has %s", c)
			}
			assert.False(t, strong.Weak, "strong example weak: %v", strong.Codes())
			assert.Greater(t, strong.Score, weak.Score)
		})
	}
}

func TestAnalyzeScoreAndVersion(t *testing.T) {
	t.Parallel()
	clean := bullets.Analyze("Cut p95 latency by 40% with Redis for 3 services.")
	assert.Empty(t, clean.Weaknesses)
	assert.Equal(t, 100, clean.Score)
	assert.False(t, clean.Weak)
	assert.Equal(t, bullets.RulesVersion(), clean.RulesVersion)
	assert.NotEmpty(t, clean.RulesVersion)

	empty := bullets.Analyze("   ")
	assert.Equal(t, 0, empty.Score)
	assert.True(t, empty.Weak)
	assert.Equal(t, []bullets.Code{bullets.TooShort}, empty.Codes())

	awful := bullets.Analyze("I was responsible for various stuff etc.")
	assert.GreaterOrEqual(t, awful.Score, 0)
	assert.Less(t, awful.Score, 50)
}

func TestAnalyzerCatalog(t *testing.T) {
	t.Parallel()
	c, err := skills.Load(strings.NewReader(miniCatalog))
	require.NoError(t, err)
	// Kafka is not in the small catalog, so it names no technology there.
	assert.True(t, bullets.Analyzer{Catalog: c}.Analyze("Used Kafka for 3 pipelines.").Has(bullets.NoTechnology))
	assert.False(t, bullets.Analyzer{}.Analyze("Used Kafka for 3 pipelines.").Has(bullets.NoTechnology))
	assert.False(t, bullets.Analyzer{Catalog: c}.Analyze("Used Zig for 3 pipelines.").Has(bullets.NoTechnology))
}

// miniCatalog is the smallest valid catalog with one technology, Zig.
const miniCatalog = `{
  "role": "Test",
  "skills": [],
  "certifications": [],
  "keyword_groups": [{"id": "languages", "name": "Languages", "placement": "skills", "why": "screening",
    "keywords": [{"term": "Zig", "aliases": [], "kind": "language"}]}],
  "generic_terms": [],
  "bullet_examples": [],
  "portfolio_signals": [],
  "resources": []
}`
