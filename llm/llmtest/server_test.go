package llmtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
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

// recorder is an llmtest.TB that records failures and runs cleanups on demand.
type recorder struct {
	mu       sync.Mutex
	errs     []string
	cleanups []func()
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
func (r *recorder) Cleanup(f func())                  { r.cleanups = append(r.cleanups, f) }
func (r *recorder) close() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}
func (r *recorder) failures() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

func hi() llm.Request {
	return llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: "hi"}}}
}

func TestScriptedReplies(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	type out struct {
		A int `json:"a"`
	}
	s.Enqueue(
		llmtest.Reply("plain"),
		llmtest.ReplyJSON(out{A: 1}).WithUsage(7, 2).WithCachedTokens(3),
		llmtest.Truncate(`{"a`),
		llmtest.Refuse("no"),
	)
	assert.Equal(t, 4, s.Remaining())
	c := s.Client()
	tests := []struct {
		name string
		want llm.Response
	}{
		{name: "reply", want: llm.Response{Content: "plain", FinishReason: "stop", Model: "gpt-4o-mini", RequestID: "req_llmtest_1",
			Usage: llm.Usage{PromptTokens: llmtest.DefaultPromptTokens, CompletionTokens: llmtest.DefaultCompletionTokens, TotalTokens: 15}}},
		{name: "reply json", want: llm.Response{Content: `{"a":1}`, FinishReason: "stop", Model: "gpt-4o-mini", RequestID: "req_llmtest_2",
			Usage: llm.Usage{PromptTokens: 7, CompletionTokens: 2, CachedTokens: 3, TotalTokens: 9}}},
		{name: "truncate", want: llm.Response{Content: `{"a`, FinishReason: "length", Model: "gpt-4o-mini", RequestID: "req_llmtest_3",
			Usage: llm.Usage{PromptTokens: 10, CompletionTokens: 5, TotalTokens: 15}}},
		{name: "refuse", want: llm.Response{Refusal: "no", FinishReason: "stop", Model: "gpt-4o-mini", RequestID: "req_llmtest_4",
			Usage: llm.Usage{PromptTokens: 10, CompletionTokens: 5, TotalTokens: 15}}},
	}
	for _, tt := range tests { // sequential: the script is ordered
		resp, err := c.Complete(context.Background(), hi())
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.want, resp, tt.name)
	}
	reqs := s.Requests()
	require.Len(t, reqs, 4)
	for _, r := range reqs {
		assert.True(t, json.Valid(r))
	}
	for i := 1; i <= 4; i++ {
		assert.Equal(t, i, <-s.Arrived())
	}
}

func TestFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fail  func(r *recorder, s *llmtest.Server) error
		wants []string
	}{
		{
			name: "script exhausted",
			fail: func(_ *recorder, s *llmtest.Server) error {
				_, err := s.Client().Complete(context.Background(), hi())
				return err
			},
			wants: []string{"request 1 arrived but the script is empty"},
		},
		{
			name: "wrong key",
			fail: func(_ *recorder, s *llmtest.Server) error {
				_, err := llm.New("sk-wrong-key-1234", llm.WithBaseURL(s.URL()), llm.WithHTTPClient(s.HTTPClient())).Complete(context.Background(), hi())
				s.Enqueue(llmtest.Reply("unused"))
				return err
			},
			wants: []string{"request without the expected api key", "1 scripted responses unused"},
		},
		{
			name: "schema not strict",
			fail: func(_ *recorder, s *llmtest.Server) error {
				s.Enqueue(llmtest.Reply("{}"))
				req := hi()
				req.Schema = &llm.Schema{Name: "loose", JSON: json.RawMessage(`{"type":"object","properties":{"a":{"type":"string","maxLength":3}}}`)}
				_, err := s.Client().Complete(context.Background(), req)
				return err
			},
			wants: []string{`request 1: schema rejected by strict mode: llm: schema not accepted by strict mode: #: object must set "additionalProperties": false; #/properties/a: property must be listed in required`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := &recorder{}
			s := llmtest.NewServer(r)
			err := tt.fail(r, s)
			var e *llm.Error
			require.ErrorAs(t, err, &e)
			assert.False(t, e.Retryable, "problems are answered with a non-retryable status")
			r.close()
			got := r.failures()
			require.Len(t, got, len(tt.wants), got)
			for i, w := range tt.wants {
				assert.Contains(t, got[i], w)
			}
			for _, g := range got {
				assert.NotContains(t, g, "sk-wrong")
			}
		})
	}
}

func TestFailScripts(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(
		llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow down").WithRetryAfter(1500*time.Millisecond),
		llmtest.FailRaw(503, "text/plain", "unavailable").WithRetryAfterMs(250*time.Millisecond),
	)
	c := s.Client()
	_, err := c.Complete(context.Background(), hi())
	var e *llm.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 429, e.StatusCode)
	assert.Equal(t, 2*time.Second, e.RetryAfter, "retry-after is whole seconds, rounded up")
	_, err = c.Complete(context.Background(), hi())
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 503, e.StatusCode)
	assert.Equal(t, 250*time.Millisecond, e.RetryAfter)
}

func TestDelayCancelled(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.Delay(5*time.Second, llmtest.Reply("late")))
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-s.Arrived()
		cancel()
	}()
	_, err := s.Client().Complete(ctx, hi())
	assert.ErrorIs(t, err, context.Canceled)
}

// TestHangReleasedOnClose shows that closing the server ends a hanging handler and
// leaves no server goroutine behind (Close waits for handlers).
func TestHangReleasedOnClose(t *testing.T) {
	r := &recorder{}
	s := llmtest.NewServer(r)
	s.Enqueue(llmtest.Hang())
	done := make(chan error, 1)
	go func() {
		_, err := s.Client().Complete(context.Background(), hi())
		done <- err
	}()
	<-s.Arrived()
	r.close()
	err := <-done
	var e *llm.Error
	require.ErrorAs(t, err, &e)
	assert.Empty(t, r.failures())
	assert.NotContains(t, allStacks(), "llmtest.(*Server).serve")
}

func allStacks() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

func TestAzureClient(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.Reply("ok"))
	_, err := s.AzureClient("2024-10-21").Complete(context.Background(), hi())
	require.NoError(t, err)
	urls := s.URLs()
	require.Len(t, urls, 1)
	assert.True(t, strings.HasPrefix(urls[0], "/openai/deployments/gpt-4o-mini/chat/completions"), urls[0])
}

func TestZeroResponseRepliesEmpty(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.Response{})
	resp, err := s.Client().Complete(context.Background(), hi())
	require.NoError(t, err)
	assert.Empty(t, resp.Content)
	assert.Equal(t, "stop", resp.FinishReason)
}

// TestInsideSynctestBubble shows that the server runs on a bubble's fake clock: a reply
// delayed by 5s arrives after exactly 5 simulated seconds, at once in real time.
func TestInsideSynctestBubble(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := llmtest.NewServer(t)
		s.Enqueue(llmtest.Delay(5*time.Second, llmtest.Reply("late")), llmtest.Reply("again"))
		c := s.Client()
		start := time.Now()
		resp, err := c.Complete(context.Background(), hi())
		require.NoError(t, err)
		assert.Equal(t, "late", resp.Content)
		assert.Equal(t, 5*time.Second, time.Since(start))
		resp, err = c.Complete(context.Background(), hi())
		require.NoError(t, err)
		assert.Equal(t, "again", resp.Content, "a kept-alive connection does not stop the clock")
	})
}

// TestRespond answers requests past the script with a function of the request.
func TestRespond(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.Reply("scripted"))
	s.Respond(func(n int, msgs []llm.Message) llmtest.Response {
		return llmtest.Reply(fmt.Sprintf("%d:%s", n, msgs[len(msgs)-1].Content))
	})
	c := s.Client()
	for _, want := range []string{"scripted", "2:hi", "3:hi"} {
		resp, err := c.Complete(context.Background(), hi())
		require.NoError(t, err)
		assert.Equal(t, want, resp.Content)
	}
}

// TestHTTPClientStaysLocal: the server's HTTP client reaches only the server.
func TestHTTPClientStaysLocal(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	resp, err := s.HTTPClient().Get("http://127.0.0.1:1/")
	if resp != nil {
		_ = resp.Body.Close()
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), "reaches only the server")
}
