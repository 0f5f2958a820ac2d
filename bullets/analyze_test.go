package bullets_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/skills"
)

func TestAnalyzeCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		line string
		code bullets.Code
		want bool
		span string // the text the weakness points at, when it fires
	}{
		{name: "weak opener responsible for", line: "Responsible for the billing service in Go serving 3M requests.", code: bullets.WeakOpener, want: true, span: "Responsible for"},
		{name: "weak opener worked on", line: "Worked on Kafka consumers handling 2M events a day.", code: bullets.WeakOpener, want: true, span: "Worked on"},
		{name: "weak opener helped", line: "Helped migrate 40 services to Kubernetes.", code: bullets.WeakOpener, want: true, span: "Helped"},
		{name: "weak opener assisted with", line: "Assisted with the Redis rollout for 12 services.", code: bullets.WeakOpener, want: true, span: "Assisted with"},
		{name: "weak opener participated in", line: "Participated in 30 code reviews a month for the Go team.", code: bullets.WeakOpener, want: true, span: "Participated in"},
		{name: "weak opener involved in", line: "Involved in the PostgreSQL upgrade of 4 clusters.", code: bullets.WeakOpener, want: true, span: "Involved in"},
		{name: "weak opener tasked with", line: "Tasked with cutting AWS costs by 20%.", code: bullets.WeakOpener, want: true, span: "Tasked with"},
		{name: "weak opener handled", line: "Handled 50 deployments a week with Jenkins.", code: bullets.WeakOpener, want: true, span: "Handled"},
		{name: "weak opener used", line: "Used Kafka for message processing.", code: bullets.WeakOpener, want: true, span: "Used"},
		{name: "weak opener utilized", line: "Utilized Docker to package 9 services.", code: bullets.WeakOpener, want: true, span: "Utilized"},
		{name: "weak opener did", line: "Did 20 code reviews a week in Go.", code: bullets.WeakOpener, want: true, span: "Did"},
		{name: "weak opener made", line: "Made the Python API 3x faster.", code: bullets.WeakOpener, want: true, span: "Made"},
		{name: "weak opener after pronoun", line: "I helped ship 3 Go services.", code: bullets.WeakOpener, want: true, span: "helped"},
		{name: "weak opener after marker", line: "- Responsible for 4 Redis clusters.", code: bullets.WeakOpener, want: true, span: "Responsible for"},
		{name: "no weak opener strong verb", line: "Built REST APIs for the mobile and web clients.", code: bullets.WeakOpener, want: false},
		{name: "no weak opener used by", line: "Used by 40K daily users, the Go API stayed up.", code: bullets.WeakOpener, want: false},
		{name: "no weak opener mid sentence", line: "Cut latency 40% and used Redis for sessions.", code: bullets.WeakOpener, want: false},

		{name: "no metric", line: "Built REST APIs for the mobile and web clients.", code: bullets.NoMetric, want: true},
		{name: "no metric numbered list marker", line: "1. Built REST APIs for the mobile and web clients.", code: bullets.NoMetric, want: true},
		{name: "no metric year only", line: "Migrated the API to Go in 2021.", code: bullets.NoMetric, want: true},
		{name: "no metric year range", line: "Ran Kafka clusters from 2019 to 2021.", code: bullets.NoMetric, want: true},
		{name: "no metric version digits", line: "Moved files to S3 and EC2 behind HTTP/2 with OAuth 2.0.", code: bullets.NoMetric, want: true},
		{name: "no metric identifier digits", line: "Added 2FA and 3D previews to the Go app.", code: bullets.NoMetric, want: true},
		{name: "metric rate suffix", line: "Scaled the Go API to 500rps.", code: bullets.NoMetric, want: false},
		{name: "metric hyphenated", line: "Kept Redis reads sub-100ms.", code: bullets.NoMetric, want: false},
		{name: "metric halving", line: "Cut Go build time in half.", code: bullets.NoMetric, want: false},
		{name: "metric percent", line: "Cut p95 latency by 40% with Redis.", code: bullets.NoMetric, want: false},
		{name: "metric scale suffix", line: "Served 5K req/min from Go.", code: bullets.NoMetric, want: false},
		{name: "metric time", line: "Reduced p99 from 3.2s to 180ms.", code: bullets.NoMetric, want: false},
		{name: "metric words", line: "Built three Go services for the billing team.", code: bullets.NoMetric, want: false},
		{name: "metric scale word", line: "Handled millions of Kafka events.", code: bullets.NoMetric, want: false},
		{name: "metric four digits count", line: "Grew the Go API to 2000 users.", code: bullets.NoMetric, want: false},

		{name: "passive were built", line: "APIs were built for 3 clients in Go.", code: bullets.PassiveVoice, want: true, span: "were built"},
		{name: "passive by me", line: "The Redis cache was maintained by me for 2 years.", code: bullets.PassiveVoice, want: true, span: "was maintained by me"},
		{name: "passive has been", line: "The Go service has been deployed to 4 regions.", code: bullets.PassiveVoice, want: true, span: "been deployed"},
		{name: "passive adverb", line: "The API was quickly rewritten in Go for 2 teams.", code: bullets.PassiveVoice, want: true, span: "was quickly rewritten"},
		{name: "not passive adjective", line: "Was based in Berlin; built 3 Go services.", code: bullets.PassiveVoice, want: false},
		{name: "not passive active", line: "Built 3 Go services that serve 2M users.", code: bullets.PassiveVoice, want: false},

		{name: "pronoun I", line: "I built 3 Go services.", code: bullets.Pronoun, want: true, span: "I"},
		{name: "pronoun my", line: "Built my team's 3 Go services.", code: bullets.Pronoun, want: true, span: "my"},
		{name: "pronoun we", line: "Cut costs 20% after we moved to AWS.", code: bullets.Pronoun, want: true, span: "we"},
		{name: "pronoun our", line: "Moved our 9 services to Kubernetes.", code: bullets.Pronoun, want: true, span: "our"},
		{name: "not pronoun I/O", line: "Cut disk I/O by 30% on PostgreSQL.", code: bullets.Pronoun, want: false},
		{name: "not pronoun US", line: "Launched the Go API in the US for 2M users.", code: bullets.Pronoun, want: false},

		{name: "filler various", line: "Fixed various bugs in 3 Go services.", code: bullets.Filler, want: true, span: "various"},
		{name: "filler timely", line: "Shipped 4 Go releases in a timely manner.", code: bullets.Filler, want: true, span: "in a timely manner"},
		{name: "filler best practices", line: "Wrote 20 Go services following best practices.", code: bullets.Filler, want: true, span: "following best practices"},
		{name: "filler etc", line: "Ran Docker, Kubernetes, Helm etc. for 9 teams.", code: bullets.Filler, want: true, span: "etc."},
		{name: "no filler", line: "Cut p95 latency by 40% with Redis.", code: bullets.Filler, want: false},

		{name: "buzzword leveraged", line: "Leveraged Redis to cut latency 40%.", code: bullets.Buzzword, want: true, span: "Leveraged"},
		{name: "buzzword synergy", line: "Drove synergy across 3 Go teams.", code: bullets.Buzzword, want: true, span: "synergy"},
		{name: "buzzword cutting-edge", line: "Built a cutting-edge Go API for 2M users.", code: bullets.Buzzword, want: true, span: "cutting-edge"},
		{name: "no buzzword", line: "Built a Go API for 2M users.", code: bullets.Buzzword, want: false},

		{name: "too long words", line: strings.Repeat("Built Go services ", 11) + "for 3 teams.", code: bullets.TooLong, want: true},
		{name: "too long chars", line: "Built " + strings.Repeat("x", 270) + " in Go for 3 teams.", code: bullets.TooLong, want: true},
		{name: "not too long", line: "Cut p95 latency by 40% with Redis.", code: bullets.TooLong, want: false},
		{name: "too short", line: "Used Kafka.", code: bullets.TooShort, want: true},
		{name: "not too short", line: "Cut p95 latency by 40% with Redis.", code: bullets.TooShort, want: false},

		{name: "no technology", line: "Implemented authentication for the platform.", code: bullets.NoTechnology, want: true},
		{name: "no technology generic only", line: "Added caching to improve API performance.", code: bullets.NoTechnology, want: true},
		{name: "no technology practice only", line: "Ran code reviews for 5 engineers.", code: bullets.NoTechnology, want: true},
		{name: "technology alias", line: "Tuned Postgres indexes, cutting load 30%.", code: bullets.NoTechnology, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := bullets.Analyze(tt.line)
			require.Equal(t, tt.want, a.Has(tt.code), "codes: %v", a.Codes())
			for _, w := range a.Weaknesses {
				require.True(t, 0 <= w.Start && w.Start < w.End && w.End <= len(tt.line), "span %d:%d", w.Start, w.End)
				require.NotEmpty(t, w.Message)
				if w.Code == tt.code && tt.span != "" {
					assert.Equal(t, tt.span, tt.line[w.Start:w.End])
				}
			}
		})
	}
}

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
