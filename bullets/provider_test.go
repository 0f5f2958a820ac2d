package bullets_test

import (
	"context"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/llm"
	"github.com/resumekit/resumekit/llm/llmtest"
)

// echoReply is echoRewrite served by llmtest, for the last message of the request.
func echoReply(msgs []llm.Message) llmtest.Response {
	reply, err := echoRewrite(msgs[len(msgs)-1].Content)
	if err != nil {
		return llmtest.Fail(400, "invalid_request_error", "", "test: no bullet in the prompt")
	}
	return llmtest.Reply(reply)
}

// pipelineBullets returns the request "Used Kafka for pipeline NAME processing." for
// each name, in order.
func pipelineBullets(names []string) []bullets.Request {
	reqs := make([]bullets.Request, len(names))
	for i, name := range names {
		reqs[i] = bullets.Request{Bullet: "Used Kafka for pipeline " + name + " processing."}
	}
	return reqs
}

// numbered returns the names "1" to "n".
func numbered(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = strconv.Itoa(i + 1)
	}
	return names
}

// TestSilentServerCostsOneBudget: against a server that accepts every request and
// never answers, 12 bullets finish in about one budget: each attempt ends after the
// response-header timeout as llm.ErrUnavailable, the first bullets exhaust their budget
// on it, DownAfter of them in a row trip the batch, and the rest skip the model.
func TestSilentServerCostsOneBudget(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := llmtest.NewServer(t)
		s.Respond(func(int, []llm.Message) llmtest.Response { return llmtest.Hang() })
		rw := bullets.New(s.Client())
		start := time.Now()
		res, err := rw.RewriteAll(context.Background(), pipelineBullets(numbered(12)))
		elapsed := time.Since(start)
		require.NoError(t, err)
		t.Logf("12 bullets against a silent server: %s", elapsed)
		assert.LessOrEqual(t, elapsed, bullets.DefaultBudget+time.Second, "about one budget, not one per bullet")
		var stayed, skipped int
		for _, r := range res {
			assert.Equal(t, bullets.SourceRules, r.Source)
			w := strings.Join(r.Warnings, " ")
			switch {
			case strings.Contains(w, "without asking the model"), strings.Contains(w, "another bullet of the batch"):
				skipped++
			case strings.Contains(w, "stayed unavailable (llm: chat completion: no response headers within 10s"):
				stayed++
			default:
				t.Errorf("unexpected warning: %s", w)
			}
		}
		assert.GreaterOrEqual(t, stayed, bullets.DownAfter)
		assert.Equal(t, 12, stayed+skipped)
		assert.GreaterOrEqual(t, skipped, 12-bullets.DefaultConcurrency)
	})
}

// TestFlakyProviderNotDown: a provider that independently answers 10% of calls with a
// 429 and 10% with a 500 is flaky, not down: over 5,000 bullets at concurrency 50, the
// bullets that exhaust their retries (about 0.2^4 of them) fall back alone, and at least
// 95% of the results come from the model.
func TestFlakyProviderNotDown(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		rng := rand.New(rand.NewPCG(9, 2026))
		s := llmtest.NewServer(t)
		s.Respond(func(_ int, msgs []llm.Message) llmtest.Response {
			mu.Lock()
			p := rng.Float64()
			mu.Unlock()
			switch {
			case p < 0.1:
				return llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow down")
			case p < 0.2:
				return llmtest.Fail(500, "server_error", "", "oops")
			}
			return echoReply(msgs)
		})
		rw := bullets.New(s.Client(), bullets.WithConcurrency(50), bullets.WithCache(nil))
		const n = 5000
		res, err := rw.RewriteAll(context.Background(), pipelineBullets(numbered(n)))
		require.NoError(t, err)
		fromModel := 0
		for _, r := range res {
			if r.Source == bullets.SourceLLM {
				fromModel++
			}
		}
		t.Logf("%d of %d from the model", fromModel, n)
		assert.GreaterOrEqual(t, fromModel, n*95/100)
	})
}

// TestOneUnluckyBulletDoesNotTrip: a bullet that exhausts its retries falls back alone;
// the next bullets still ask the model.
func TestOneUnluckyBulletDoesNotTrip(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := llmtest.NewServer(t)
		for range llm.DefaultMaxAttempts {
			s.Enqueue(llmtest.Fail(503, "server_error", "", "busy"))
		}
		s.Respond(func(_ int, msgs []llm.Message) llmtest.Response { return echoReply(msgs) })
		rw := bullets.New(s.Client(), bullets.WithConcurrency(1))
		res, err := rw.RewriteAll(context.Background(), pipelineBullets(numbered(5)))
		require.NoError(t, err)
		assert.Equal(t, bullets.SourceRules, res[0].Source)
		for _, r := range res[1:] {
			assert.Equal(t, bullets.SourceLLM, r.Source, r.Warnings)
		}
	})
}

// TestFailingBulletsInterleavedDoNotTrip: DownAfter failing bullets trip the batch only
// in a row; an answered bullet between them resets the count.
func TestFailingBulletsInterleavedDoNotTrip(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := llmtest.NewServer(t)
		fail := func() {
			for range llm.DefaultMaxAttempts {
				s.Enqueue(llmtest.Fail(503, "server_error", "", "busy"))
			}
		}
		reqs := pipelineBullets(numbered(2*bullets.DownAfter + 1))
		for i := range reqs {
			if i%2 == 0 {
				fail()
			} else {
				s.Enqueue(echoReply([]llm.Message{{Role: llm.RoleUser, Content: `<data>{"bullet": "` + reqs[i].Bullet + `"}</data>`}}))
			}
		}
		rw := bullets.New(s.Client(), bullets.WithConcurrency(1))
		res, err := rw.RewriteAll(context.Background(), reqs)
		require.NoError(t, err)
		for i, r := range res {
			want := bullets.SourceLLM
			if i%2 == 0 {
				want = bullets.SourceRules
				assert.Equal(t, llm.DefaultMaxAttempts, r.Attempts, "bullet %d asked the model", i)
			}
			assert.Equal(t, want, r.Source, "bullet %d", i)
		}
	})
}
