package ats

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/skills"
)

func TestCoverage(t *testing.T) {
	t.Parallel()
	r, err := ParseResume("## Skills\n- Redis, Kafka\n## Experience\n- Cut p99 latency by 60% with a Redis cache in Go\n")
	require.NoError(t, err)
	cov := NewMatcher(skills.Backend()).Coverage(r)
	require.Len(t, cov, 15)
	byID := map[string]SkillCoverage{}
	for _, c := range cov {
		byID[c.ID] = c
	}
	assert.Equal(t, skills.MustHave, cov[0].Tier, "must-have first")

	caching := byID["caching"]
	assert.Nil(t, caching.Gap)
	assert.True(t, caching.Shown)
	assert.Equal(t, []Evidence{{Keyword: "Redis", Sections: []SectionKind{Skills, Experience}, InBullet: true}}, caching.Evidence)

	mq := byID["message-queues"]
	assert.Nil(t, mq.Gap)
	assert.False(t, mq.Shown, "Kafka is only listed")

	nosql := byID["nosql"]
	require.NotNil(t, nosql.Gap)
	assert.Empty(t, nosql.Evidence)
	assert.Equal(t, "2–4 months", nosql.Gap.TimeToAcquire.String())
	require.Len(t, nosql.Gap.Resources, 1)
	assert.Equal(t, "ddia", nosql.Gap.Resources[0].ID)
	assert.Contains(t, nosql.Gap.Proof, "NoSQL database")

	docker := byID["containerization"]
	require.NotNil(t, docker.Gap)
	assert.Empty(t, docker.Gap.Resources, "no catalog resource teaches Docker")
}

func TestImprovements(t *testing.T) {
	t.Parallel()
	rep, err := Match("## Skills\n- Kafka, Python\n## Experience\n- Built Python services on a relational database\n",
		"Requirements: Python, PostgreSQL, Kafka, Kubernetes\nNice to have: Terraform")
	require.NoError(t, err)
	// Weights: 2+2+2+2+1 = 9. PostgreSQL (generic stand-in) and Kubernetes are missing:
	// 100×2/9 = 22.2 each; Terraform missing: 11.1; Kafka listed only: 22.2×0.4 = 8.9.
	assert.Equal(t, []Improvement{
		{Keyword: "PostgreSQL", Code: GenericTerm, Gain: 22.2, Action: "Name PostgreSQL (required) where your resume uses a generic term for it."},
		{Keyword: "Kubernetes", Code: MissingKeywordCode, Gain: 22.2, Action: "Add Kubernetes (required) to an experience or project bullet, if you have used it."},
		{Keyword: "Terraform", Code: MissingKeywordCode, Gain: 11.1, Action: "Add Terraform (preferred) to an experience or project bullet, if you have used it."},
		{Keyword: "Kafka", Code: ContextFreeKeyword, Gain: 8.9, Action: "Show Kafka in an experience or project bullet, not only in a list."},
	}, rep.Improvements())
	assert.Nil(t, Report{}.Improvements())
}

func TestUnnamedKeyword(t *testing.T) {
	t.Parallel()
	rep, err := Match("## Skills\n- Go\n## Experience\n- Added Prometheus metrics to 4 Go services\n- Moved billing to Kafka consumers\n",
		"Requirements: Go, observability, message queue, DynamoDB")
	require.NoError(t, err)
	got := filtered(rep.Findings, func(f Finding) bool { return f.Code == UnnamedKeyword })
	require.Len(t, got, 2, "a missing technology (DynamoDB) is never 'shown' by another one")
	assert.Equal(t, "message queue", got[0].Keyword)
	assert.Equal(t, `The job asks for message queue. Your resume shows Kafka but never says "message queue": an ATS looks for the word itself. Name it where you describe that work.`, got[0].Message)
	assert.Equal(t, "observability", got[1].Keyword)
	imp := rep.Improvements()
	require.Len(t, imp, 3)
	assert.Equal(t, Improvement{Keyword: "observability", Code: UnnamedKeyword, Gain: 25,
		Action: "Name observability (required) in the bullets that already show it."}, imp[1])
	assert.Equal(t, []string{"message queue", "observability", "DynamoDB"}, []string{imp[0].Keyword, imp[1].Keyword, imp[2].Keyword},
		"at equal gain, naming what the resume shows comes before adding what it may not have")
}
