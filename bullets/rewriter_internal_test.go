package bullets

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/llm"
	"github.com/resumekit/resumekit/llm/llmtest"
)

// TestRequestKeyHasRulesVersion checks that a rules change changes every cache key, so
// a shared or persistent cache never serves a rewrite only an older guard checked.
func TestRequestKeyHasRulesVersion(t *testing.T) {
	t.Parallel()
	req := Request{Bullet: "Used Kafka for message processing."}
	rw := New(nil)
	assert.Equal(t, requestKey(rw.prompt.hash, rw.modelName, RulesVersion(), req), rw.key(req))
	assert.NotEqual(t, requestKey("h", "m", "rules-v2", req), requestKey("h", "m", "rules-v3", req))
	assert.Equal(t, requestKey("h", "m", "rules-v3", req), requestKey("h", "m", "rules-v3", Request{Bullet: "- " + req.Bullet + "  "}))
}

// TestGuardErrorQuotesNothing: the guard's rejection travels through llm's errors, so
// its text names the broken rules without the numbers and names the violations quote;
// the model still hears every violation in the reask.
func TestGuardErrorQuotesNothing(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	bad := llmtest.ReplyJSON(map[string]any{"rewritten": "Built a faster caching layer for the checkout team", "questions": []string{}})
	s.Enqueue(bad, bad)
	rw := New(s.Client())
	req := Request{Bullet: "Cut p99 latency at Acme from 800ms to 120ms with Redis"}
	ev := newEvidence(rw.v, req)
	_, meta, err := rw.ask(context.Background(), req, ev, ev.bullet.analyze())
	require.ErrorIs(t, err, llm.ErrInvalidOutput)
	for _, e := range []error{err, meta.LastErr} {
		assert.Contains(t, e.Error(), "rejected by the guard: "+RuleDroppedNumber)
		for _, quoted := range []string{"800", "120", "Redis", "Acme"} {
			assert.NotContains(t, e.Error(), quoted)
		}
	}
	msgs := s.Messages(1)
	assert.Contains(t, msgs[len(msgs)-1].Content, `"800ms"`)
	assert.Contains(t, msgs[len(msgs)-1].Content, `"Redis"`)
}
