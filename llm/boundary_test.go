package llm_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
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
	t.Run("a message that does not echo is kept", func(t *testing.T) {
		t.Parallel()
		s := llmtest.NewServer(t)
		s.Enqueue(llmtest.Fail(400, "invalid_request_error", "context_length_exceeded", "This model's maximum context length is 128000 tokens."))
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
				s := llmtest.NewServer(t)
				s.Enqueue(llmtest.Hang())
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
			s := llmtest.NewServer(t)
			s.Enqueue(llmtest.Delay(5*time.Second, llmtest.Reply("ok")))
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
