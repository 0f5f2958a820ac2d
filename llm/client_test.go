package llm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	openai "github.com/sashabaranov/go-openai"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/llm"
	"github.com/resumekit/resumekit/llm/llmtest"
)

func userRequest(text string) llm.Request {
	return llm.Request{Messages: []llm.Message{{Role: llm.RoleSystem, Content: "be brief"}, {Role: llm.RoleUser, Content: text}}}
}

// requireLLMError asserts that err is an *llm.Error, retryable or not, that matches
// kind, and returns it for further checks.
func requireLLMError(t *testing.T, err error, retryable bool, kind error) *llm.Error {
	t.Helper()
	var e *llm.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, retryable, e.Retryable)
	assert.ErrorIs(t, err, kind)
	return e
}

// cancelOnArrival returns a context that is cancelled with cause (context.Canceled
// when nil) as soon as s reports that a request arrived: a deterministic way to cut a
// hung request, with no timers.
func cancelOnArrival(s *llmtest.Server, cause error) context.Context {
	ctx, cancel := context.WithCancelCause(context.Background())
	go func() {
		<-s.Arrived()
		cancel(cause)
	}()
	return ctx
}

func TestCompleteSuccess(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.Reply("hello").WithUsage(12, 3).WithCachedTokens(8).WithModel("gpt-4o-mini-2024-07-18"))
	temp := float32(0)
	req := userRequest("hi")
	req.Temperature = &temp
	req.MaxTokens = 50

	resp, err := s.Client().Complete(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, llm.Response{
		Content: "hello", FinishReason: "stop", Model: "gpt-4o-mini-2024-07-18", RequestID: "req_llmtest_1",
		Usage: llm.Usage{PromptTokens: 12, CompletionTokens: 3, CachedTokens: 8, TotalTokens: 15},
	}, resp)

	var body map[string]any
	require.NoError(t, json.Unmarshal(s.Requests()[0], &body))
	assert.Equal(t, "gpt-4o-mini", body["model"])
	assert.EqualValues(t, 50, body["max_tokens"])
	assert.Contains(t, body, "temperature", "a zero temperature must still be sent")
	assert.InDelta(t, 0, body["temperature"], 1e-30)
	assert.NotContains(t, body, "response_format")
	assert.Equal(t, []llm.Message{{Role: llm.RoleSystem, Content: "be brief"}, {Role: llm.RoleUser, Content: "hi"}}, s.Messages(0))
}

func TestCompleteModelOverrideAndRefusal(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.Refuse("I can't help with that"))
	req := userRequest("hi")
	req.Model = "gpt-4o"
	c := s.Client(llm.WithModel("other"))
	assert.Equal(t, "other", c.Model())
	resp, err := c.Complete(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, "I can't help with that", resp.Refusal)
	assert.Empty(t, resp.Content)
	assert.Equal(t, "gpt-4o", resp.Model)
}

func TestCompleteSendsStrictResponseFormat(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.Reply(`{"summary":"ok"}`))
	schema, err := llm.SchemaFor[summary]()
	require.NoError(t, err)
	req := userRequest("hi")
	req.Schema = &schema
	_, err = s.Client().Complete(context.Background(), req)
	require.NoError(t, err)

	var body struct {
		ResponseFormat struct {
			Type       string `json:"type"`
			JSONSchema struct {
				Name   string          `json:"name"`
				Schema json.RawMessage `json:"schema"`
				Strict bool            `json:"strict"`
			} `json:"json_schema"`
		} `json:"response_format"`
	}
	require.NoError(t, json.Unmarshal(s.Requests()[0], &body))
	assert.Equal(t, "json_schema", body.ResponseFormat.Type)
	assert.Equal(t, "summary", body.ResponseFormat.JSONSchema.Name)
	assert.True(t, body.ResponseFormat.JSONSchema.Strict)
	assert.JSONEq(t, string(schema.JSON), string(body.ResponseFormat.JSONSchema.Schema))
}

func TestCompleteAzure(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.Reply("hi"))
	c := s.AzureClient("2024-08-01-preview", llm.WithModel("my-gpt-4o.deploy"))
	_, err := c.Complete(context.Background(), userRequest("hi"))
	require.NoError(t, err)
	assert.Equal(t, []string{"/openai/deployments/my-gpt-4o.deploy/chat/completions?api-version=2024-08-01-preview"}, s.URLs())
}

func TestCompleteErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		reply      llmtest.Response
		status     int
		typ, code  string
		retryable  bool
		retryAfter time.Duration
		apiErr     bool
		kind       error
	}{
		{name: "429 rate limit", reply: llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow down").WithRetryAfter(2 * time.Second),
			status: 429, typ: "requests", code: "rate_limit_exceeded", retryable: true, retryAfter: 2 * time.Second, apiErr: true, kind: llm.ErrRateLimited},
		{name: "429 retry-after-ms wins", reply: llmtest.Fail(429, "tokens", "rate_limit_exceeded", "slow").WithRetryAfterMs(1500 * time.Millisecond).WithRetryAfter(9 * time.Second),
			status: 429, typ: "tokens", code: "rate_limit_exceeded", retryable: true, retryAfter: 1500 * time.Millisecond, apiErr: true, kind: llm.ErrRateLimited},
		{name: "429 insufficient quota", reply: llmtest.Fail(429, "insufficient_quota", "insufficient_quota", "quota"),
			status: 429, typ: "insufficient_quota", code: "insufficient_quota", apiErr: true, kind: llm.ErrQuota},
		{name: "429 billing", reply: llmtest.Fail(429, "invalid_request_error", "billing_hard_limit_reached", "limit"),
			status: 429, typ: "invalid_request_error", code: "billing_hard_limit_reached", apiErr: true, kind: llm.ErrQuota},
		{name: "400", reply: llmtest.Fail(400, "invalid_request_error", "", "bad"), status: 400, typ: "invalid_request_error", apiErr: true, kind: llm.ErrBadRequest},
		{name: "401", reply: llmtest.Fail(401, "invalid_request_error", "invalid_api_key", "bad key"), status: 401, typ: "invalid_request_error", code: "invalid_api_key", apiErr: true, kind: llm.ErrAuth},
		{name: "403", reply: llmtest.Fail(403, "permission_error", "", "no"), status: 403, typ: "permission_error", apiErr: true, kind: llm.ErrAuth},
		{name: "404", reply: llmtest.Fail(404, "invalid_request_error", "model_not_found", "no model"), status: 404, typ: "invalid_request_error", code: "model_not_found", apiErr: true, kind: llm.ErrBadRequest},
		{name: "422", reply: llmtest.Fail(422, "invalid_request_error", "", "bad"), status: 422, typ: "invalid_request_error", apiErr: true, kind: llm.ErrBadRequest},
		{name: "408", reply: llmtest.Fail(408, "timeout", "", "slow"), status: 408, typ: "timeout", retryable: true, apiErr: true, kind: llm.ErrTimeout},
		{name: "409", reply: llmtest.Fail(409, "conflict", "", "busy"), status: 409, typ: "conflict", retryable: true, apiErr: true, kind: llm.ErrUnavailable},
		{name: "500 json", reply: llmtest.Fail(500, "server_error", "", "oops"), status: 500, typ: "server_error", retryable: true, apiErr: true, kind: llm.ErrUnavailable},
		{name: "503 plain text", reply: llmtest.FailRaw(503, "text/plain", "upstream unavailable"), status: 503, retryable: true, kind: llm.ErrUnavailable},
		{name: "502 html", reply: llmtest.FailRaw(502, "text/html", "<html><body>Bad Gateway</body></html>"), status: 502, retryable: true, kind: llm.ErrUnavailable},
		{name: "x-should-retry false", reply: llmtest.Fail(500, "server_error", "", "no").WithHeader("x-should-retry", "false"), status: 500, typ: "server_error", apiErr: true, kind: llm.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := llmtest.NewServer(t)
			s.Enqueue(tt.reply)
			_, err := s.Client().Complete(context.Background(), userRequest("hi"))
			var e *llm.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.typ, e.Type)
			assert.Equal(t, tt.code, e.Code)
			assert.Equal(t, tt.retryable, e.Retryable)
			assert.Equal(t, tt.retryAfter, e.RetryAfter)
			assert.Equal(t, "req_llmtest_1", e.RequestID)
			assert.True(t, strings.HasPrefix(err.Error(), "llm: "), err.Error())
			assert.ErrorIs(t, err, tt.kind)
			for _, other := range allKinds {
				if other != tt.kind {
					assert.NotErrorIs(t, err, other, "one kind per failure")
				}
			}
			if tt.apiErr {
				var apiErr *openai.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tt.status, apiErr.HTTPStatusCode)
			} else {
				var reqErr *openai.RequestError
				require.ErrorAs(t, err, &reqErr)
				assert.Equal(t, tt.status, reqErr.HTTPStatusCode)
				assert.NotContains(t, err.Error(), "upstream", "a non-JSON body is summarized, not quoted")
			}
		})
	}
}

// allKinds is the closed set of failure kinds.
var allKinds = []error{llm.ErrRateLimited, llm.ErrUnavailable, llm.ErrAuth, llm.ErrQuota, llm.ErrBadRequest, llm.ErrTimeout}

func TestCompleteConnectionRefusedIsRetryable(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	c := llm.New("sk-closed", llm.WithBaseURL("http://127.0.0.1:1/v1"), llm.WithHTTPClient(s.HTTPClient()))
	_, err := c.Complete(context.Background(), userRequest("hi"))
	e := requireLLMError(t, err, true, llm.ErrUnavailable)
	assert.Zero(t, e.StatusCode)
}

func TestCompleteInvalidRequests(t *testing.T) {
	t.Parallel()
	c := llm.New("sk-test", llm.WithBaseURL("http://127.0.0.1:1/v1"))
	tests := []struct {
		name string
		req  llm.Request
	}{
		{name: "no messages", req: llm.Request{}},
		{name: "bad schema name", req: llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: "x"}}, Schema: &llm.Schema{Name: "has space", JSON: []byte(`{}`)}}},
		{name: "schema not json", req: llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: "x"}}, Schema: &llm.Schema{Name: "x", JSON: []byte(`{`)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := c.Complete(context.Background(), tt.req)
			requireLLMError(t, err, false, llm.ErrBadRequest)
		})
	}
}

// TestCompleteHangCancelled cuts a hung request by cancelling ctx once the server
// reports that the request arrived: deterministic, no timers.
func TestCompleteHangCancelled(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.Hang())
	_, err := s.Client().Complete(cancelOnArrival(s, nil), userRequest("hi"))
	requireLLMError(t, err, false, context.Canceled)
}

func TestAPIKeyNeverInErrors(t *testing.T) {
	t.Parallel()
	const key = "sk-secret-abcdefghijklmnop"
	s := llmtest.NewServer(t, llmtest.WithAPIKey(key))
	s.Enqueue(
		llmtest.Fail(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: "+key),
		llmtest.FailRaw(502, "text/html", "<p>proxy saw "+key+"</p>"),
		llmtest.Fail(500, "server_error", "", "oops "+key),
	)
	c := s.Client()
	var errs []error
	for range 3 {
		_, err := c.Complete(context.Background(), userRequest("hi"))
		require.Error(t, err)
		errs = append(errs, err)
	}
	_, err := llm.New(key, llm.WithBaseURL("http://127.0.0.1:1/v1"), llm.WithHTTPClient(s.HTTPClient())).Complete(context.Background(), userRequest("hi"))
	errs = append(errs, err)
	synctest.Test(t, func(t *testing.T) {
		s := llmtest.NewServer(t, llmtest.WithAPIKey(key))
		_, _, err = llm.Generate[summary](context.Background(), llm.New(key, llm.WithBaseURL("http://127.0.0.1:1/v1"), llm.WithHTTPClient(s.HTTPClient())),
			userRequest("hi"), llm.WithMaxAttempts(2))
	})
	errs = append(errs, err)
	for _, err := range errs {
		require.Error(t, err)
		assert.NotContains(t, err.Error(), key)
		for u := errors.Unwrap(err); u != nil; u = errors.Unwrap(u) {
			assert.NotContains(t, u.Error(), key)
		}
		var reqErr *openai.RequestError
		if errors.As(err, &reqErr) {
			assert.NotContains(t, string(reqErr.Body), key)
		}
	}
	assert.NotContains(t, c.String(), key)
}

func TestHTTPClientNotModified(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.Reply("x"))
	hc := s.HTTPClient()
	before := *hc
	_, err := llm.New(s.APIKey(), llm.WithBaseURL(s.URL()), llm.WithHTTPClient(hc), llm.WithTimeout(time.Minute)).Complete(context.Background(), userRequest("x"))
	require.NoError(t, err)
	assert.Equal(t, before.Timeout, hc.Timeout)
	assert.Equal(t, before.Transport, hc.Transport)
	_ = http.StatusOK
}

// TestCompleteAttemptTimeoutIsRetryable uses a per-attempt timeout that has already
// expired when the request starts, so nothing waits in real time.
func TestCompleteAttemptTimeoutIsRetryable(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	_, err := s.Client(llm.WithTimeout(time.Nanosecond)).Complete(context.Background(), userRequest("hi"))
	requireLLMError(t, err, true, context.DeadlineExceeded)
	assert.ErrorIs(t, err, llm.ErrTimeout)
	assert.Contains(t, err.Error(), "attempt timed out after 1ns")
}

// TestCompleteNonOpenAIJSONErrors: JSON error bodies that are not OpenAI-shaped
// (Ollama's {"error":"..."}, an error object without "message") keep the HTTP status
// that arrived and are classified by it.
func TestCompleteNonOpenAIJSONErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		body      string
		typ, code string
		message   string
	}{
		{name: "ollama string error", body: `{"error":"server busy, please try again"}`, message: "server busy, please try again"},
		{name: "object without message", body: `{"error":{"type":"server_error","code":"overloaded"}}`, typ: "server_error", code: "overloaded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := llmtest.NewServer(t)
			s.Enqueue(llmtest.FailRaw(503, "application/json", tt.body))
			_, err := s.Client().Complete(context.Background(), userRequest("hi"))
			var e *llm.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, 503, e.StatusCode)
			assert.True(t, e.Retryable)
			assert.Equal(t, tt.typ, e.Type)
			assert.Equal(t, tt.code, e.Code)
			if tt.message != "" {
				assert.Equal(t, tt.message, e.Message)
			}
			assert.Equal(t, "req_llmtest_1", e.RequestID)
			var reqErr *openai.RequestError
			require.ErrorAs(t, err, &reqErr, "go-openai's error stays reachable")

			synctest.Test(t, func(t *testing.T) {
				s := llmtest.NewServer(t)
				s.Enqueue(llmtest.FailRaw(503, "application/json", tt.body), llmtest.Reply(goodVerdict))
				v, meta, err := llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"))
				require.NoError(t, err)
				assert.Equal(t, 7, v.Score)
				assert.Equal(t, 2, meta.Attempts)
				assert.Len(t, meta.Waits, 1)
			})
		})
	}
}

func TestCompleteLogsLengthsNotText(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.Reply("secret reply"), llmtest.Fail(500, "server_error", "", "oops"))
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := s.Client(llm.WithLogger(logger))
	req := userRequest("secret prompt")
	_, err := c.Complete(context.Background(), req)
	require.NoError(t, err)
	_, err = c.Complete(context.Background(), req)
	require.Error(t, err)
	mu.Lock()
	defer mu.Unlock()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 2)
	want := len("be brief") + len("secret prompt")
	for _, l := range lines {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &rec))
		assert.InDelta(t, want, rec["prompt_chars"], 0, l)
		assert.NotContains(t, l, "secret")
	}
}

type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestClientGoStringHidesKey(t *testing.T) {
	t.Parallel()
	const key = "sk-secret-abcdefghijklmnop"
	c := llm.New(key, llm.WithModel("m"))
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		got := fmt.Sprintf(format, c)
		assert.NotContains(t, got, key, format)
		assert.Equal(t, c.String(), got, format)
	}
}
