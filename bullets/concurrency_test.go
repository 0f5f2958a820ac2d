package bullets_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/bullets"
)

// TestRewriteAllConcurrency runs 20 bullets against a model with 1s latency at
// concurrency 5 in a synctest bubble: the batch takes 4 simulated seconds, never more
// than 5 calls are in flight, and the results keep the input order.
func TestRewriteAllConcurrency(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := &echoModel{latency: time.Second}
		rw := bullets.New(m, bullets.WithConcurrency(5))
		reqs := pipelineBullets(codeNames[:20])
		start := time.Now()
		res, err := rw.RewriteAll(context.Background(), reqs)
		elapsed := time.Since(start)
		require.NoError(t, err)
		assert.Equal(t, 4*time.Second, elapsed)
		assert.Equal(t, 5, m.maxActive)
		for i, r := range res {
			assert.Equal(t, bullets.SourceLLM, r.Source)
			assert.Contains(t, r.Rewritten, "pipeline "+codeNames[i]+" processing")
		}
	})
}

// TestRewriteAllDeadline checks that the caller's deadline wins in a batch: the bullets
// not done by then fall back to the rules, and every bullet still gets a result.
func TestRewriteAllDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := &echoModel{latency: time.Second}
		rw := bullets.New(m, bullets.WithConcurrency(2))
		reqs := pipelineBullets(codeNames[:6])
		ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
		defer cancel()
		start := time.Now()
		res, err := rw.RewriteAll(ctx, reqs)
		require.NoError(t, err)
		assert.Equal(t, 1500*time.Millisecond, time.Since(start))
		require.Len(t, res, 6)
		var llm, rules int
		for _, r := range res {
			switch r.Source {
			case bullets.SourceLLM:
				llm++
			case bullets.SourceRules:
				rules++
				assert.Contains(t, r.Warnings[len(r.Warnings)-1], "deadline passed")
			}
		}
		assert.Equal(t, 2, llm)
		assert.Equal(t, 4, rules)
	})
}

// TestRewriteAllBudgetIsPerBullet checks that a bullet whose model call outlives its
// budget falls back alone: a slow model is not a provider that is down, so the calls
// in flight finish and the rest of the batch still asks the model.
func TestRewriteAllBudgetIsPerBullet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := &echoModel{latency: 60 * time.Millisecond, hang: "pipeline alpha"}
		rw := bullets.New(m, bullets.WithConcurrency(2), bullets.WithBudget(100*time.Millisecond))
		reqs := pipelineBullets(codeNames[:5])
		res, err := rw.RewriteAll(context.Background(), reqs)
		require.NoError(t, err)
		require.Len(t, res, len(reqs))
		assert.Equal(t, bullets.SourceRules, res[0].Source)
		require.NotEmpty(t, res[0].Warnings)
		assert.Contains(t, res[0].Warnings[len(res[0].Warnings)-1], "did not answer within the 100ms budget")
		for i, r := range res[1:] {
			assert.Equal(t, bullets.SourceLLM, r.Source, "request %d: %v", i+1, r.Warnings)
		}
		assert.Equal(t, len(reqs), m.calls)
	})
}
