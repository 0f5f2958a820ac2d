package bullets_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/llm"
)

// failingModel fails every call with err, counting calls.
type failingModel struct {
	err   error
	mu    sync.Mutex
	calls int
}

func (m *failingModel) Complete(context.Context, llm.Request) (llm.Response, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls++
	return llm.Response{}, m.err
}

// TestFailureTable walks the table from llm's sentinels to warnings: each kind of
// failure gets its words, and trips the batch at once (a rejected key or quota), after
// DownAfter bullets in a row (unavailable, rate limited), or never (the rest).
func TestFailureTable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		err     *llm.Error
		warning string
		askedBy int // how many of the batch's bullets reached the model
	}{
		{name: "auth", err: &llm.Error{StatusCode: 401, Code: "invalid_api_key"}, warning: "rejected the API key or its permissions", askedBy: 1},
		{name: "quota", err: &llm.Error{StatusCode: 429, Code: "insufficient_quota"}, warning: "refused for quota or billing", askedBy: 1},
		{name: "unavailable", err: &llm.Error{StatusCode: 503, Retryable: true}, warning: "stayed unavailable", askedBy: bullets.DownAfter},
		{name: "rate limited", err: &llm.Error{StatusCode: 429, Retryable: true}, warning: "kept rate-limiting", askedBy: bullets.DownAfter},
		{name: "bad request", err: &llm.Error{StatusCode: 404, Code: "model_not_found"}, warning: "rejected the request", askedBy: 6},
		{name: "timeout", err: &llm.Error{StatusCode: 408, Retryable: true}, warning: "did not answer in time", askedBy: 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				m := &failingModel{err: tt.err}
				rw := bullets.New(m, bullets.WithConcurrency(1))
				res, err := rw.RewriteAll(context.Background(), pipelineBullets(numbered(6)))
				require.NoError(t, err)
				asked := 0
				for _, r := range res {
					assert.Equal(t, bullets.SourceRules, r.Source)
					require.NotEmpty(t, r.Warnings)
					assert.Contains(t, strings.Join(r.Warnings, " "), tt.warning)
					if r.Attempts > 0 {
						asked++
					}
				}
				assert.Equal(t, tt.askedBy, asked)
			})
		})
	}
}

// TestStrictReturnsAuthAndQuota: with WithStrict, a rejected key or quota is an error
// matching llm's sentinel; other failures stay fallbacks.
func TestStrictReturnsAuthAndQuota(t *testing.T) {
	t.Parallel()
	for kind, e := range map[error]*llm.Error{llm.ErrAuth: {StatusCode: 403}, llm.ErrQuota: {StatusCode: 402}} {
		_, err := bullets.New(&failingModel{err: e}, bullets.WithStrict(true)).Rewrite(context.Background(), bullets.Request{Bullet: kafkaBullet})
		assert.ErrorIs(t, err, kind)
	}
	_, err := bullets.New(&failingModel{err: &llm.Error{StatusCode: 400}}, bullets.WithStrict(true)).Rewrite(context.Background(), bullets.Request{Bullet: kafkaBullet})
	assert.NoError(t, err)
}

// TestStrictBatchReportsTheBulletThatMetIt pins WithStrict's doc in a batch: the
// bullet that met the rejected key returns the error; the rest skip the model and
// fall back with a warning, without one.
func TestStrictBatchReportsTheBulletThatMetIt(t *testing.T) {
	t.Parallel()
	m := &failingModel{err: &llm.Error{StatusCode: 401, Code: "invalid_api_key"}}
	res, err := bullets.New(m, bullets.WithStrict(true), bullets.WithConcurrency(1)).RewriteAll(context.Background(), pipelineBullets(numbered(3)))
	require.ErrorIs(t, err, llm.ErrAuth)
	assert.Contains(t, err.Error(), "request 0: ")
	assert.NotContains(t, err.Error(), "request 1: ")
	assert.Equal(t, 1, m.calls)
	for _, r := range res[1:] {
		assert.Contains(t, strings.Join(r.Warnings, " "), "without asking the model")
	}
}
