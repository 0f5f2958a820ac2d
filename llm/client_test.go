package llm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
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

// script starts an llmtest server that answers with replies, in order.
func script(t llmtest.TB, replies ...llmtest.Response) *llmtest.Server {
	t.Helper()
	s := llmtest.NewServer(t)
	s.Enqueue(replies...)
	return s
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
	s := script(t, llmtest.Reply("hello").WithUsage(12, 3).WithCachedTokens(8).WithModel("gpt-4o-mini-2024-07-18"))
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
	s := script(t, llmtest.Refuse("I can't help with that"))
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
	s := script(t, llmtest.Reply(`{"summary":"ok"}`))
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
	s := script(t, llmtest.Reply("hi"))
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
			s := script(t, tt.reply)
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
	s := script(t, llmtest.Hang())
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
	s := script(t, llmtest.Reply("x"))
	hc := s.HTTPClient()
	before := *hc
	_, err := llm.New(s.APIKey(), llm.WithBaseURL(s.URL()), llm.WithHTTPClient(hc), llm.WithTimeout(time.Minute)).Complete(context.Background(), userRequest("x"))
	require.NoError(t, err)
	assert.Nil(t, hc.CheckRedirect, "the redirect refusal lives on a copy")
	assert.Equal(t, before, *hc)
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
			s := script(t, llmtest.FailRaw(503, "application/json", tt.body))
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
				s := script(t, llmtest.FailRaw(503, "application/json", tt.body), llmtest.Reply(goodVerdict))
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
	s := script(t, llmtest.Reply("secret reply"), llmtest.Fail(500, "server_error", "", "oops"))
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

// TestRedirectNeverFollowed: a 3xx is an ErrBadRequest that names the status and says
// to fix the base URL, and the other host never sees a request, whether the client is
// the default one or the caller's (which is not modified).
func TestRedirectNeverFollowed(t *testing.T) {
	t.Parallel()
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		elsewhere.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"choices":[{"message":{"role":"assistant","content":"{\"summary\":\"from elsewhere\"}"},"finish_reason":"stop"}]}`))
	}))
	defer other.Close()
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		redirecting := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+r.URL.Path+"?token=secret", status)
		}))
		defer redirecting.Close()
		mine := &http.Client{}
		for name, c := range map[string]*llm.Client{
			"default client": llm.New("sk-test", llm.WithBaseURL(redirecting.URL+"/v1")),
			"caller client":  llm.New("sk-test", llm.WithBaseURL(redirecting.URL+"/v1"), llm.WithHTTPClient(mine)),
		} {
			_, _, err := llm.Generate[summary](context.Background(), c, userRequest("Used Kafka for message processing"))
			require.Error(t, err, "%d %s", status, name)
			e := requireLLMError(t, err, false, llm.ErrBadRequest)
			assert.Equal(t, status, e.StatusCode)
			assert.Contains(t, err.Error(), "set the base URL to the final address")
			assert.Contains(t, err.Error(), other.URL+"/v1/chat/completions")
			assert.NotContains(t, err.Error(), "secret", "the redirect's query is dropped")
		}
		assert.Nil(t, mine.CheckRedirect, "the caller's client is not modified")
	}
	assert.Zero(t, elsewhere.Load(), "nothing was sent to the other host")
}

// TestErrorsDropProviderEchoes: a provider message that repeats 16 or more characters of
// the request is omitted from every error text (ours and go-openai's), raw bodies are
// not kept, and the API key is redacted after JSON decoding.
func TestErrorsDropProviderEchoes(t *testing.T) {
	t.Parallel()
	const key = "sk-secret-abcdefghijklmnop"
	const bullet = "Used Kafka for message processing at Acme Corp"
	escapedKey := `\u0073k-secret-abcdefghijklmnop`
	tests := []struct {
		name   string
		reply  llmtest.Response
		gone   []string
		status int
		kind   error
	}{
		{name: "openai 400 quoting the prompt", reply: llmtest.Fail(400, "invalid_request_error", "", "Invalid content: '"+bullet+"' is not allowed"),
			gone: []string{"Acme", "Kafka"}, status: 400, kind: llm.ErrBadRequest},
		{name: "ollama string error quoting the prompt", reply: llmtest.FailRaw(500, "application/json", `{"error":"cannot process `+bullet+`"}`),
			gone: []string{"Acme"}, status: 500, kind: llm.ErrUnavailable},
		{name: "plain text 500 quoting the prompt", reply: llmtest.FailRaw(500, "text/plain", "crashed on "+bullet),
			gone: []string{"Acme", "crashed"}, status: 500, kind: llm.ErrUnavailable},
		{name: "escaped key in an openai body", reply: llmtest.FailRaw(401, "application/json", `{"error":{"message":"Incorrect API key provided: `+escapedKey+`","type":"invalid_request_error","code":"invalid_api_key"}}`),
			gone: []string{key}, status: 401, kind: llm.ErrAuth},
		{name: "escaped key in an ollama body", reply: llmtest.FailRaw(401, "application/json", `{"error":"bad key `+escapedKey+`"}`),
			gone: []string{key}, status: 401, kind: llm.ErrAuth},
		{name: "key as the code", reply: llmtest.FailRaw(401, "application/json", `{"error":{"type":"auth","code":"`+escapedKey+`"}}`),
			gone: []string{key}, status: 401, kind: llm.ErrAuth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := llmtest.NewServer(t, llmtest.WithAPIKey(key))
			s.Enqueue(tt.reply)
			_, _, err := llm.Generate[summary](context.Background(), s.Client(), userRequest(bullet), llm.WithMaxAttempts(1))
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.kind)
			var e *llm.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.status, e.StatusCode)
			texts := []string{err.Error()}
			for u := range unwrapAll(err) {
				texts = append(texts, u.Error())
			}
			var reqErr *openai.RequestError
			if errors.As(err, &reqErr) {
				assert.Empty(t, reqErr.Body, "the raw body is not kept")
			}
			for _, text := range texts {
				for _, g := range tt.gone {
					assert.NotContains(t, text, g)
				}
			}
		})
	}
	t.Run("a message about the schema is kept", func(t *testing.T) {
		t.Parallel()
		const msg = "Invalid schema for response_format 'summary': In context=(), 'additionalProperties' is required to be supplied and to be false."
		s := script(t, llmtest.Fail(400, "invalid_request_error", "", msg))
		_, _, err := llm.Generate[summary](context.Background(), s.Client(), userRequest(bullet))
		require.ErrorIs(t, err, llm.ErrBadRequest)
		assert.Contains(t, err.Error(), msg, "Generate copies the schema into the system message; repeating it is no echo")
	})
	t.Run("a message that does not echo is kept", func(t *testing.T) {
		t.Parallel()
		s := script(t, llmtest.Fail(400, "invalid_request_error", "context_length_exceeded", "This model's maximum context length is 128000 tokens."))
		_, err := s.Client().Complete(context.Background(), userRequest(bullet))
		require.Error(t, err)
		assert.Contains(t, err.Error(), "maximum context length is 128000 tokens")
		assert.Contains(t, err.Error(), "context_length_exceeded")
	})
}

// unwrapAll yields every error in err's tree below err.
func unwrapAll(err error) func(func(error) bool) {
	return func(yield func(error) bool) {
		var walk func(error) bool
		walk = func(e error) bool {
			var kids []error
			switch u := e.(type) {
			case interface{ Unwrap() error }:
				if k := u.Unwrap(); k != nil {
					kids = []error{k}
				}
			case interface{ Unwrap() []error }:
				kids = u.Unwrap()
			}
			for _, k := range kids {
				if !yield(k) || !walk(k) {
					return false
				}
			}
			return true
		}
		walk(err)
	}
}

// TestSilentServerIsUnavailable: a server that accepts the request and never answers
// fails after the response-header timeout, as a retryable ErrUnavailable that is not a
// cancellation.
func TestSilentServerIsUnavailable(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		opts []llm.Option
		want time.Duration
	}{
		{name: "default", want: llm.DefaultResponseHeaderTimeout},
		{name: "configured", opts: []llm.Option{llm.WithResponseHeaderTimeout(3 * time.Second)}, want: 3 * time.Second},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				s := script(t, llmtest.Hang())
				start := time.Now()
				_, err := s.Client(tt.opts...).Complete(context.Background(), userRequest("hi"))
				assert.Equal(t, tt.want, time.Since(start))
				requireLLMError(t, err, true, llm.ErrUnavailable)
				assert.NotErrorIs(t, err, context.Canceled)
				assert.Contains(t, err.Error(), "no response headers within "+tt.want.String())
			})
		})
	}
	t.Run("a slow body after prompt headers is not cut", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			s := script(t, llmtest.Delay(5*time.Second, llmtest.Reply("ok")))
			resp, err := s.Client(llm.WithResponseHeaderTimeout(6*time.Second)).Complete(context.Background(), userRequest("hi"))
			require.NoError(t, err)
			assert.Equal(t, "ok", resp.Content)
		})
	})
}

// TestInvalidOptionsPanic: every invalid option value is reported at construction (or
// when Generate applies its options), naming the option and the value.
func TestInvalidOptionsPanic(t *testing.T) {
	t.Parallel()
	clientOpts := map[string]llm.Option{
		`llm: WithTimeout(0s): d must be positive`:               llm.WithTimeout(0),
		`llm: WithTimeout(-1s): d must be positive`:              llm.WithTimeout(-time.Second),
		`llm: WithResponseHeaderTimeout(0s): d must be positive`: llm.WithResponseHeaderTimeout(0),
	}
	for want, opt := range clientOpts {
		assert.PanicsWithValue(t, want, func() { llm.New("k", opt) })
	}
	genOpts := map[string]llm.GenerateOption{
		`llm: WithMaxAttempts(0): n must be at least 1`:  llm.WithMaxAttempts(0),
		`llm: WithMaxElapsed(-1ns): d must be positive`:  llm.WithMaxElapsed(-1),
		`llm: WithMaxReasks(-1): n must be at least 0`:   llm.WithMaxReasks(-1),
		`llm: WithMaxRetryAfter(0s): d must be positive`: llm.WithMaxRetryAfter(0),
	}
	c := &nonRetryingCompleter{}
	for want, opt := range genOpts {
		assert.PanicsWithValue(t, want, func() { _, _, _ = llm.Generate[summary](context.Background(), c, userRequest("x"), opt) })
	}
	assert.Zero(t, c.calls)
	assert.NotPanics(t, func() { llm.New("k", llm.WithBaseURL(""), llm.WithModel(""), llm.WithHTTPClient(nil)) }, "empty means the default")
}

// TestHandMadeErrorKinds: an *Error from a Completer of your own is classified by its
// status, so Generate's callers can branch on it like on the client's.
func TestHandMadeErrorKinds(t *testing.T) {
	t.Parallel()
	assert.ErrorIs(t, &llm.Error{StatusCode: 503}, llm.ErrUnavailable)
	assert.ErrorIs(t, &llm.Error{StatusCode: 429}, llm.ErrRateLimited)
	assert.ErrorIs(t, &llm.Error{StatusCode: 429, Code: "insufficient_quota"}, llm.ErrQuota)
	assert.ErrorIs(t, &llm.Error{StatusCode: 401}, llm.ErrAuth)
	assert.ErrorIs(t, &llm.Error{Retryable: true}, llm.ErrUnavailable)
	assert.NotErrorIs(t, &llm.Error{}, llm.ErrUnavailable)
	assert.True(t, strings.HasPrefix((&llm.RetryError{Attempts: 1, Cause: llm.ErrMaxAttempts}).Error(), "llm: generate: "))
}

// roundTrip is an http.RoundTripper from a function: a server that says exactly what
// a test needs, status line included, without a listener.
type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestErrorsDropEchoesOutsideTheMessage: provider text that repeats the request is
// dropped wherever it arrives, not only in the error message of a JSON body: in the
// status line's reason phrase, in a transport error quoting a malformed response, and
// when the request held the text JSON-escaped (a prompt embedding the bullet as JSON
// sends "<50ms" as "\u003c50ms").
func TestErrorsDropEchoesOutsideTheMessage(t *testing.T) {
	t.Parallel()
	const bullet = "Used Kafka for message processing at Acme Corp"
	// Every run of 16 characters of this one holds a character json.Marshal escapes.
	const escaped = `Cut p99 <50ms & "Acme" >9 & x`
	data, err := json.Marshal(map[string]string{"bullet": escaped})
	require.NoError(t, err)
	require.NotContains(t, string(data), "<50ms", "the request holds the text escaped")
	respond := func(status int, reason, contentType, body string) roundTrip {
		return func(r *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: status, Status: fmt.Sprintf("%d %s", status, reason), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
				Header: http.Header{"Content-Type": {contentType}}, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
		}
	}
	tests := []struct {
		name    string
		content string // the user message
		rt      roundTrip
		kind    error
	}{
		{name: "reason phrase of a json error", content: bullet, kind: llm.ErrBadRequest,
			rt: respond(400, bullet, "application/json", `{"error":{"message":"bad","type":"invalid_request_error"}}`)},
		{name: "reason phrase of a non-json error", content: bullet, kind: llm.ErrUnavailable,
			rt: respond(502, bullet, "text/html", "<p>bad gateway</p>")},
		{name: "transport error quoting the response", content: bullet, kind: llm.ErrUnavailable,
			rt: func(*http.Request) (*http.Response, error) {
				return nil, fmt.Errorf("net/http: HTTP/1.x transport connection broken: malformed HTTP response %q", bullet)
			}},
		{name: "message quoting json-escaped request text", content: string(data), kind: llm.ErrBadRequest,
			rt: respond(400, "Bad Request", "application/json", `{"error":{"message":"Invalid content: `+strings.ReplaceAll(escaped, `"`, `\"`)+` rejected","type":"invalid_request_error"}}`)},
	}
	t.Run("transport error quoting the response as the caller cancels", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		c := llm.New("sk-test", llm.WithBaseURL("http://provider.invalid/v1"), llm.WithHTTPClient(&http.Client{Transport: roundTrip(func(*http.Request) (*http.Response, error) {
			cancel()
			return nil, fmt.Errorf("malformed HTTP response %q", bullet)
		})}))
		_, err := c.Complete(ctx, userRequest(bullet))
		require.ErrorIs(t, err, context.Canceled)
		assert.NotContains(t, err.Error(), "Acme")
		for u := range unwrapAll(err) {
			assert.NotContains(t, u.Error(), "Acme")
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := llm.New("sk-test", llm.WithBaseURL("http://provider.invalid/v1"), llm.WithHTTPClient(&http.Client{Transport: tt.rt}))
			_, err := c.Complete(context.Background(), userRequest(tt.content))
			requireLLMError(t, err, tt.kind != llm.ErrBadRequest, tt.kind)
			texts := []string{err.Error()}
			for u := range unwrapAll(err) {
				texts = append(texts, u.Error())
			}
			for _, text := range texts {
				assert.NotContains(t, text, "Acme")
			}
		})
	}
}
