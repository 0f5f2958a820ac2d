package llm_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/llm"
	"github.com/resumekit/resumekit/llm/llmtest"
)

type verdict struct {
	Strong  bool     `json:"strong"`
	Reason  string   `json:"reason" jsonschema:"maxLength=40"`
	Kind    string   `json:"kind" jsonschema:"enum=metric,enum=scope,enum=none"`
	Score   int      `json:"score" jsonschema:"minimum=0,maximum=10"`
	Missing []string `json:"missing"`
	Note    *string  `json:"note"`
}

var goodVerdict = `{"strong":true,"reason":"has a metric","kind":"metric","score":7,"missing":[],"note":null}`

// sum is the total of waits.
func sum(waits []time.Duration) time.Duration {
	var total time.Duration
	for _, w := range waits {
		total += w
	}
	return total
}

func TestGenerateSuccess(t *testing.T) {
	t.Parallel()
	s := script(t, llmtest.Reply(goodVerdict).WithUsage(100, 20))
	var events []llm.Event
	v, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"), llm.WithObserver(func(e llm.Event) { events = append(events, e) }))
	require.NoError(t, err)
	assert.Equal(t, verdict{Strong: true, Reason: "has a metric", Kind: "metric", Score: 7, Missing: []string{}}, v)
	assert.Equal(t, 1, meta.Attempts)
	assert.Zero(t, meta.Reasks)
	assert.Equal(t, llm.Usage{PromptTokens: 100, CompletionTokens: 20, TotalTokens: 120}, meta.Usage)
	assert.Equal(t, "gpt-4o-mini", meta.Model)
	assert.NoError(t, meta.LastErr)
	assert.Equal(t, []llm.Event{{Attempt: 1, Kind: llm.EventOK, StatusCode: 200}}, events)

	msgs := s.Messages(0)
	require.Len(t, msgs, 2)
	assert.True(t, strings.HasPrefix(msgs[0].Content, "be brief\n\n"), "the JSON instruction is appended to the caller's system prompt")
	assert.NotContains(t, msgs[0].Content, `"additionalProperties":false`, "the schema is sent once, as the response format")
	assert.Contains(t, string(s.Requests()[0]), `"strict":true`)
}

func TestGenerateSchemaInPrompt(t *testing.T) {
	t.Parallel()
	s := script(t, llmtest.Reply(goodVerdict))
	_, _, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"), llm.WithSchemaInPrompt(true))
	require.NoError(t, err)
	assert.Contains(t, s.Messages(0)[0].Content, `"additionalProperties":false`, "for servers that ignore response_format")
	assert.Contains(t, string(s.Requests()[0]), `"strict":true`, "and still as the response format")
}

func TestGenerateAddsSystemMessageWhenMissing(t *testing.T) {
	t.Parallel()
	s := script(t, llmtest.Reply(goodVerdict))
	req := llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: "judge"}}}
	_, _, err := llm.Generate[verdict](context.Background(), s.Client(), req)
	require.NoError(t, err)
	msgs := s.Messages(0)
	require.Len(t, msgs, 2)
	assert.Equal(t, llm.RoleSystem, msgs[0].Role)
	assert.Equal(t, llm.Message{Role: llm.RoleUser, Content: "judge"}, msgs[1])
	assert.Len(t, req.Messages, 1, "the caller's messages are not modified")
}

func TestGenerateLenientDecoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		reply string
	}{
		{name: "fenced", reply: "```json\n" + goodVerdict + "\n```"},
		{name: "prose around", reply: "Sure! Here it is: " + goodVerdict + " Hope that helps."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := script(t, llmtest.Reply(tt.reply))
			v, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"))
			require.NoError(t, err)
			assert.Equal(t, 7, v.Score)
			assert.Zero(t, meta.Reasks)
		})
	}
}

func TestGenerateTransportRetries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		failures  []llmtest.Response
		wantWaits func(t *testing.T, waits []time.Duration)
	}{
		{
			name:     "429 retry-after honoured",
			failures: []llmtest.Response{llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow down").WithRetryAfter(3 * time.Second)},
			wantWaits: func(t *testing.T, waits []time.Duration) {
				assert.Equal(t, []time.Duration{3 * time.Second}, waits)
			},
		},
		{
			name: "500 then 503 plain text",
			failures: []llmtest.Response{
				llmtest.Fail(500, "server_error", "", "oops"),
				llmtest.FailRaw(503, "text/plain", "service unavailable"),
			},
			wantWaits: func(t *testing.T, waits []time.Duration) {
				require.Len(t, waits, 2)
				// 500ms ±50%, then 1s ±50%.
				assert.GreaterOrEqual(t, waits[0], 250*time.Millisecond)
				assert.LessOrEqual(t, waits[0], 750*time.Millisecond)
				assert.GreaterOrEqual(t, waits[1], 500*time.Millisecond)
				assert.LessOrEqual(t, waits[1], 1500*time.Millisecond)
			},
		},
		{
			name:     "502 html from a proxy",
			failures: []llmtest.Response{llmtest.FailRaw(502, "text/html", "<html>bad gateway</html>")},
			wantWaits: func(t *testing.T, waits []time.Duration) {
				assert.Len(t, waits, 1)
			},
		},
		{
			name:     "retry-after capped",
			failures: []llmtest.Response{llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow").WithRetryAfter(time.Hour)},
			wantWaits: func(t *testing.T, waits []time.Duration) {
				assert.Equal(t, []time.Duration{llm.DefaultMaxRetryAfter}, waits)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				s := llmtest.NewServer(t)
				for _, f := range tt.failures {
					s.Enqueue(f.WithUsage(0, 0))
				}
				s.Enqueue(llmtest.Reply(goodVerdict))
				var events []llm.Event
				start := time.Now()
				v, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"),
					llm.WithMaxElapsed(time.Hour), llm.WithObserver(func(e llm.Event) { events = append(events, e) }))
				require.NoError(t, err)
				assert.Equal(t, 7, v.Score)
				assert.Equal(t, len(tt.failures)+1, meta.Attempts)
				assert.Zero(t, meta.Reasks)
				assert.Equal(t, sum(meta.Waits), time.Since(start), "the waits were slept")
				tt.wantWaits(t, meta.Waits)
				var e *llm.Error
				require.ErrorAs(t, meta.LastErr, &e, "the last failure is kept even after success")
				require.Len(t, events, len(tt.failures)+1)
				for i := range tt.failures {
					assert.Equal(t, llm.EventTransport, events[i].Kind)
					assert.Equal(t, i+1, events[i].Attempt)
					assert.Equal(t, meta.Waits[i], events[i].Wait)
					assert.NotZero(t, events[i].StatusCode)
				}
				assert.Equal(t, llm.EventOK, events[len(events)-1].Kind)
			})
		})
	}
}

func TestGenerateNotRetried(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		reply  llmtest.Response
		status int
		kind   error
	}{
		{name: "401", reply: llmtest.Fail(401, "invalid_request_error", "invalid_api_key", "bad key"), status: 401, kind: llm.ErrAuth},
		{name: "403", reply: llmtest.Fail(403, "permission_error", "unsupported_country_region_territory", "no"), status: 403, kind: llm.ErrAuth},
		{name: "insufficient quota", reply: llmtest.Fail(429, "insufficient_quota", "insufficient_quota", "quota"), status: 429, kind: llm.ErrQuota},
		{name: "400", reply: llmtest.Fail(400, "invalid_request_error", "", "bad"), status: 400, kind: llm.ErrBadRequest},
		{name: "404", reply: llmtest.Fail(404, "invalid_request_error", "model_not_found", "none"), status: 404, kind: llm.ErrBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := script(t, tt.reply)
			_, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"))
			e := requireLLMError(t, err, false, tt.kind)
			assert.Equal(t, tt.status, e.StatusCode)
			var re *llm.RetryError
			require.ErrorAs(t, err, &re)
			assert.NoError(t, re.Cause, "a final failure stops nothing early")
			assert.Equal(t, 1, meta.Attempts)
			assert.Empty(t, meta.Waits)
			assert.Len(t, s.Requests(), 1)
		})
	}
}

func TestGenerateRetryLimits(t *testing.T) {
	t.Parallel()
	t.Run("attempts", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			s := llmtest.NewServer(t)
			for range 3 {
				s.Enqueue(llmtest.Fail(503, "server_error", "", "busy"))
			}
			_, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"), llm.WithMaxAttempts(3))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "3 attempt(s), attempts exhausted")
			var re *llm.RetryError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, llm.ErrMaxAttempts, re.Cause)
			assert.Equal(t, 3, re.Attempts)
			var e *llm.Error
			require.ErrorAs(t, re.LastErr, &e)
			assert.Equal(t, 503, e.StatusCode)
			assert.ErrorIs(t, err, llm.ErrUnavailable)
			assert.ErrorIs(t, err, llm.ErrMaxAttempts)
			assert.Equal(t, 3, meta.Attempts)
			assert.Len(t, meta.Waits, 2)
		})
	})
	t.Run("time budget", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			s := script(t,
				llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow").WithRetryAfter(4*time.Second),
				llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow").WithRetryAfter(4*time.Second),
			)
			_, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"), llm.WithMaxElapsed(6*time.Second))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "retry budget exhausted")
			assert.ErrorIs(t, err, llm.ErrMaxElapsed)
			assert.ErrorIs(t, err, llm.ErrRateLimited)
			assert.Equal(t, []time.Duration{4 * time.Second}, meta.Waits)
			assert.Equal(t, 2, meta.Attempts)
		})
	})
	t.Run("context cancelled while waiting keeps last error", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			s := script(t, llmtest.Fail(500, "server_error", "", "oops"))
			// The first backoff is at least 250ms: the deadline falls inside it.
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			_, meta, err := llm.Generate[verdict](ctx, s.Client(), userRequest("judge"))
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			var re *llm.RetryError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, context.DeadlineExceeded, re.Cause)
			var e *llm.Error
			require.ErrorAs(t, re.LastErr, &e, "the last failure survives the cancellation")
			assert.Equal(t, 500, e.StatusCode)
			assert.ErrorIs(t, err, llm.ErrUnavailable)
			assert.Equal(t, 1, meta.Attempts)
		})
	})
}

// TestGenerateHungServerCutByDeadline: the request hangs; once the server reports it
// arrived, the test ends the context (as a deadline would), and Generate returns at
// once without retrying.
func TestGenerateHungServerCutByDeadline(t *testing.T) {
	t.Parallel()
	s := script(t, llmtest.Hang())
	_, meta, err := llm.Generate[verdict](cancelOnArrival(s, context.DeadlineExceeded), s.Client(), userRequest("judge"))
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "the cancellation's cause is reachable")
	var re *llm.RetryError
	require.ErrorAs(t, err, &re)
	assert.NoError(t, re.LastErr, "an attempt cut by the caller is not a provider failure")
	for _, kind := range []error{llm.ErrUnavailable, llm.ErrTimeout, llm.ErrRateLimited} {
		assert.NotErrorIs(t, err, kind)
	}
	assert.Equal(t, 1, meta.Attempts)
	assert.Empty(t, meta.Waits)
}

func TestGenerateReasks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		bad         string
		wantProblem []string
		kind        string
	}{
		{name: "unparseable", bad: "I think it is strong.", wantProblem: []string{"not valid json"}, kind: llm.EventParse},
		{name: "two objects", bad: `{"a":1} and {"b":2}`, wantProblem: []string{"2 json objects"}, kind: llm.EventParse},
		{name: "missing and extra fields", bad: `{"strong":true,"reason":"x","kind":"metric","score":7,"missing":[],"extra":1}`,
			wantProblem: []string{"$.note: missing required field", `$: unknown field "extra"`}, kind: llm.EventValidation},
		{name: "wrong types", bad: `{"strong":"yes","reason":"x","kind":"metric","score":7.5,"missing":[1],"note":null}`,
			wantProblem: []string{"$.strong: expected boolean, got string", "$.score: expected integer, got number", "$.missing[0]: expected string, got integer"}, kind: llm.EventValidation},
		{name: "enum", bad: `{"strong":true,"reason":"x","kind":"vibes","score":7,"missing":[],"note":null}`,
			wantProblem: []string{`$.kind: value is not one of the allowed values ["metric","scope","none"]`}, kind: llm.EventValidation},
		{name: "constraints moved to description still enforced", bad: `{"strong":true,"reason":"` + strings.Repeat("x", 41) + `","kind":"none","score":11,"missing":[],"note":null}`,
			wantProblem: []string{"$.reason: length 41 exceeds maxLength 40", "$.score: above maximum 10"}, kind: llm.EventValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := script(t, llmtest.Reply(tt.bad).WithUsage(10, 5), llmtest.Reply(goodVerdict).WithUsage(20, 6))
			var kinds []string
			v, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"), llm.WithObserver(func(e llm.Event) { kinds = append(kinds, e.Kind) }))
			require.NoError(t, err)
			assert.Equal(t, 7, v.Score)
			assert.Equal(t, 2, meta.Attempts)
			assert.Equal(t, 1, meta.Reasks)
			assert.Equal(t, llm.Usage{PromptTokens: 30, CompletionTokens: 11, TotalTokens: 41}, meta.Usage)
			assert.Equal(t, []string{tt.kind, llm.EventOK}, kinds)

			first, second := s.Messages(0), s.Messages(1)
			require.Len(t, second, len(first)+2)
			assert.Equal(t, first, second[:len(first)], "the reask extends a copy of the conversation")
			assert.Equal(t, llm.Message{Role: llm.RoleAssistant, Content: tt.bad}, second[len(first)])
			reask := second[len(first)+1]
			assert.Equal(t, llm.RoleUser, reask.Role)
			for _, p := range tt.wantProblem {
				assert.Contains(t, reask.Content, p)
			}
		})
	}
}

func TestGenerateReasksExhausted(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	for range 3 {
		s.Enqueue(llmtest.Reply("no json here").WithUsage(10, 1))
	}
	_, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"))
	require.ErrorIs(t, err, llm.ErrInvalidOutput)
	assert.Contains(t, err.Error(), "after 2 reasks")
	assert.NotContains(t, err.Error(), "no json here", "reply text never reaches an error")
	assert.Equal(t, 3, meta.Attempts)
	assert.Equal(t, 2, meta.Reasks)
	assert.Equal(t, llm.Usage{PromptTokens: 30, CompletionTokens: 3, TotalTokens: 33}, meta.Usage, "usage is summed on failure too")
	assert.ErrorIs(t, meta.LastErr, meta.LastErr)
	require.Error(t, meta.LastErr)
}

var errNoMetric = errors.New("reason must cite a metric")

func TestGenerateValidatorReask(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	weak := `{"strong":true,"reason":"vibes","kind":"none","score":3,"missing":[],"note":null}`
	s.Enqueue(llmtest.Reply(weak), llmtest.Reply(goodVerdict))
	calls := 0
	validate := func(v verdict) error {
		calls++
		if v.Kind != "metric" {
			return errNoMetric
		}
		return nil
	}
	v, meta, err := llm.GenerateValidated(context.Background(), s.Client(), userRequest("judge"), validate)
	require.NoError(t, err)
	assert.Equal(t, "metric", v.Kind)
	assert.Equal(t, 2, calls)
	assert.Equal(t, 1, meta.Reasks)
	msgs := s.Messages(1)
	assert.Contains(t, msgs[len(msgs)-1].Content, "reason must cite a metric")
	assert.ErrorIs(t, meta.LastErr, errNoMetric)

	t.Run("exhausted wraps the validator error", func(t *testing.T) {
		s := script(t, llmtest.Reply(weak))
		_, _, err := llm.GenerateValidated(context.Background(), s.Client(), userRequest("judge"), validate, llm.WithMaxReasks(0))
		assert.ErrorIs(t, err, llm.ErrInvalidOutput)
		assert.ErrorIs(t, err, errNoMetric)
	})
	// A validator of another type does not compile: GenerateValidated[verdict] takes a
	// func(verdict) error, and GenerateValidated infers T from the validator.
}

func TestGenerateRefusalIsFinal(t *testing.T) {
	t.Parallel()
	s := script(t, llmtest.Refuse("I can't assist with that.").WithUsage(50, 4))
	_, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"))
	require.ErrorIs(t, err, llm.ErrRefused)
	assert.NotContains(t, err.Error(), "assist")
	assert.Equal(t, "I can't assist with that.", meta.Refusal)
	assert.Equal(t, 1, meta.Attempts)
	assert.Zero(t, meta.Reasks)
	assert.Equal(t, 54, meta.Usage.TotalTokens)
}

// TestGenerateTruncationRetriedLarger: a reply cut at the token limit is asked again,
// with the same messages and twice the limit, within the reask budget.
func TestGenerateTruncationRetriedLarger(t *testing.T) {
	t.Parallel()
	maxTokens := func(t *testing.T, body json.RawMessage) int {
		var b struct {
			MaxTokens int `json:"max_tokens"`
		}
		require.NoError(t, json.Unmarshal(body, &b))
		return b.MaxTokens
	}
	t.Run("then accepted", func(t *testing.T) {
		t.Parallel()
		s := script(t, llmtest.Truncate(`{"strong":true,"rea`).WithUsage(50, 16), llmtest.Reply(goodVerdict).WithUsage(50, 30))
		req := userRequest("judge")
		req.MaxTokens = 16
		var kinds []string
		v, meta, err := llm.Generate[verdict](context.Background(), s.Client(), req, llm.WithObserver(func(e llm.Event) { kinds = append(kinds, e.Kind) }))
		require.NoError(t, err)
		assert.Equal(t, 7, v.Score)
		assert.Equal(t, 2, meta.Attempts)
		assert.Equal(t, 1, meta.Reasks)
		assert.Equal(t, 146, meta.Usage.TotalTokens)
		assert.Equal(t, []string{llm.EventTruncated, llm.EventOK}, kinds)
		reqs := s.Requests()
		assert.Equal(t, 16, maxTokens(t, reqs[0]))
		assert.Equal(t, 32, maxTokens(t, reqs[1]))
		assert.Equal(t, s.Messages(0), s.Messages(1), "the truncated text is never sent back")
	})
	t.Run("twice is final", func(t *testing.T) {
		t.Parallel()
		s := script(t, llmtest.Truncate(`{"strong":true,"rea`), llmtest.Truncate(`{"strong":true,"reason":"x`))
		req := userRequest("judge")
		req.MaxTokens = 16
		_, meta, err := llm.Generate[verdict](context.Background(), s.Client(), req, llm.WithMaxReasks(1))
		require.ErrorIs(t, err, llm.ErrTruncated)
		assert.Equal(t, 2, meta.Attempts)
		assert.Equal(t, 32, maxTokens(t, s.Requests()[1]))
	})
	t.Run("no limit set is final at once", func(t *testing.T) {
		t.Parallel()
		s := script(t, llmtest.Truncate(`{"strong":true,"rea`))
		_, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"))
		require.ErrorIs(t, err, llm.ErrTruncated)
		assert.Equal(t, 1, meta.Attempts)
	})
}

func TestGenerateUsageSummedAcrossAttempts(t *testing.T) {
	t.Parallel()
	s := script(t,
		llmtest.Fail(500, "server_error", "", "oops"),
		llmtest.Reply("not json").WithUsage(100, 10).WithCachedTokens(64),
		llmtest.Reply(goodVerdict).WithUsage(130, 20).WithCachedTokens(96),
	)
	_, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"))
	require.NoError(t, err)
	assert.Equal(t, 3, meta.Attempts)
	assert.Equal(t, 1, meta.Reasks)
	assert.Equal(t, llm.Usage{PromptTokens: 230, CompletionTokens: 30, CachedTokens: 160, TotalTokens: 260}, meta.Usage)
}

func TestGenerateRejectsTypesStrictModeCannotExpress(t *testing.T) {
	t.Parallel()
	type optional struct {
		A string `json:"a,omitempty"`
	}
	_, meta, err := llm.Generate[optional](context.Background(), llm.New("k", llm.WithBaseURL("http://127.0.0.1:1/v1")), userRequest("x"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "omitempty")
	assert.Zero(t, meta.Attempts)
}

// nonRetryingCompleter returns an error that is not an *Error.
type nonRetryingCompleter struct{ calls int }

func (c *nonRetryingCompleter) Complete(context.Context, llm.Request) (llm.Response, error) {
	c.calls++
	return llm.Response{}, fmt.Errorf("cache: broken")
}

func TestGenerateForeignErrorsNotRetried(t *testing.T) {
	t.Parallel()
	c := &nonRetryingCompleter{}
	_, _, err := llm.Generate[verdict](context.Background(), c, userRequest("x"))
	require.Error(t, err)
	assert.Equal(t, 1, c.calls)
}

func TestGenerateConcurrent(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	const n = 8
	for range n {
		s.Enqueue(llmtest.Reply(goodVerdict))
	}
	c := s.Client()
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			_, _, errs[i] = llm.Generate[verdict](context.Background(), c, userRequest("judge"))
		})
	}
	wg.Wait()
	for _, err := range errs {
		assert.NoError(t, err)
	}
}

// TestGenerateRetryAfterCapNeverShortensBackoff: a Retry-After longer than the cap is
// cut to the cap, but never below the normal backoff.
func TestGenerateRetryAfterCapNeverShortensBackoff(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := llmtest.NewServer(t)
		for range 2 {
			s.Enqueue(llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow").WithRetryAfter(10 * time.Second))
		}
		s.Enqueue(llmtest.Reply(goodVerdict))
		_, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"),
			llm.WithMaxRetryAfter(time.Millisecond), llm.WithMaxElapsed(time.Hour))
		require.NoError(t, err)
		require.Len(t, meta.Waits, 2)
		// The backoff's lowest values: 500ms and 1s, each -50%.
		assert.GreaterOrEqual(t, meta.Waits[0], 250*time.Millisecond)
		assert.GreaterOrEqual(t, meta.Waits[1], 500*time.Millisecond)
	})
}

// TestGenerateUnknownFieldNameNotInError: a model-invented key may carry resume text;
// the reask names it, the returned error and Meta.LastErr only give its size.
func TestGenerateUnknownFieldNameNotInError(t *testing.T) {
	t.Parallel()
	type answer struct {
		A string `json:"a"`
	}
	const bad = `{"a":"x","Led team of 12 at Acme Corp saving $2M yearly":1}`
	s := llmtest.NewServer(t)
	for range 3 {
		s.Enqueue(llmtest.Reply(bad))
	}
	var events []llm.Event
	_, meta, err := llm.Generate[answer](context.Background(), s.Client(), userRequest("go"),
		llm.WithObserver(func(e llm.Event) { events = append(events, e) }))
	require.ErrorIs(t, err, llm.ErrInvalidOutput)
	assert.NotContains(t, err.Error(), "Acme")
	assert.Contains(t, err.Error(), "unexpected field (45 bytes)")
	require.Error(t, meta.LastErr)
	assert.NotContains(t, meta.LastErr.Error(), "Acme")
	for _, e := range events {
		require.Error(t, e.Err)
		assert.NotContains(t, e.Err.Error(), "Acme")
	}
	msgs := s.Messages(1)
	assert.Contains(t, msgs[len(msgs)-1].Content, `unknown field "Led team of 12 at Acme Corp`, "the reask may name the field")
}

// TestGenerateRetryAfterOneRule: a wait over the cap is treated the same way whichever
// header asks for it and however large it is: Generate waits the cap and retries.
func TestGenerateRetryAfterOneRule(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		reply llmtest.Response
	}{
		{name: "retry-after a billion seconds", reply: llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow").WithHeader("Retry-After", "1000000000")},
		{name: "retry-after-ms of 31 years", reply: llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow").WithHeader("Retry-After-Ms", "977616000000")},
		{name: "retry-after beyond float64", reply: llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow").WithHeader("Retry-After", "1e400")},
		{name: "retry-after an hour", reply: llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow").WithRetryAfter(time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				s := script(t, tt.reply, llmtest.Reply(goodVerdict))
				_, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"),
					llm.WithMaxRetryAfter(5*time.Second))
				require.NoError(t, err)
				assert.Equal(t, []time.Duration{5 * time.Second}, meta.Waits)
			})
		})
	}
}

func TestMetaAdd(t *testing.T) {
	t.Parallel()
	first := llm.Meta{Attempts: 2, Reasks: 1, Usage: llm.Usage{PromptTokens: 10, TotalTokens: 12}, Model: "a", Elapsed: time.Second,
		LastErr: llm.ErrUnavailable, Waits: []time.Duration{time.Second}}
	second := llm.Meta{Attempts: 1, Usage: llm.Usage{PromptTokens: 5, CompletionTokens: 3, TotalTokens: 8}, Model: "b", Elapsed: 2 * time.Second,
		Waits: []time.Duration{2 * time.Second}}
	got := first.Add(second)
	assert.Equal(t, llm.Meta{Attempts: 3, Reasks: 1, Usage: llm.Usage{PromptTokens: 15, CompletionTokens: 3, TotalTokens: 20}, Model: "b",
		Elapsed: 3 * time.Second, LastErr: llm.ErrUnavailable, Waits: []time.Duration{time.Second, 2 * time.Second}}, got)
	assert.Equal(t, []time.Duration{time.Second}, first.Waits, "the receiver's slice is not changed")
}

// quotingError is a validator's rejection whose details quote the value: only the
// model may see them.
type quotingError struct{ quote string }

func (e *quotingError) Error() string { return "reason quotes no metric" }
func (e *quotingError) Reask() string {
	return fmt.Sprintf("the reason %q cites no metric; cite one", e.quote)
}

// TestGenerateValidatorReaskText: a validator error with a Reask method tells the model
// its details, and the error text (returned and in Meta.LastErr) stays without them.
func TestGenerateValidatorReaskText(t *testing.T) {
	t.Parallel()
	weak := `{"strong":true,"reason":"Kafka at Acme","kind":"none","score":3,"missing":[],"note":null}`
	s := script(t, llmtest.Reply(weak), llmtest.Reply(weak))
	validate := func(v verdict) error {
		if v.Kind != "metric" {
			return fmt.Errorf("check: %w", &quotingError{quote: v.Reason})
		}
		return nil
	}
	_, meta, err := llm.GenerateValidated(context.Background(), s.Client(), userRequest("judge"), validate, llm.WithMaxReasks(1))
	require.ErrorIs(t, err, llm.ErrInvalidOutput)
	msgs := s.Messages(1)
	assert.Contains(t, msgs[len(msgs)-1].Content, `the reason "Kafka at Acme" cites no metric`)
	for _, e := range []error{err, meta.LastErr} {
		assert.Contains(t, e.Error(), "reason quotes no metric")
		assert.NotContains(t, e.Error(), "Acme")
	}
}
