package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Defaults used by New.
const (
	// DefaultModel is the model used when neither WithModel nor Request.Model names one.
	DefaultModel = "gpt-4o-mini"
	// DefaultTimeout bounds one HTTP attempt when WithTimeout is not given.
	DefaultTimeout = 60 * time.Second
	// DefaultBaseURL is OpenAI's API.
	DefaultBaseURL = "https://api.openai.com/v1"
	// DefaultResponseHeaderTimeout bounds the wait for a response's headers when
	// WithResponseHeaderTimeout is not given.
	DefaultResponseHeaderTimeout = 10 * time.Second
)

// maxResponseBody bounds the bytes read from one response body (go-openai reads error
// bodies whole).
const maxResponseBody = 32 << 20

// Log attribute keys (snake_case, stable).
const (
	logKeyModel            = "model"
	logKeyMessages         = "messages"
	logKeyPromptChars      = "prompt_chars"
	logKeyStatus           = "status"
	logKeyDuration         = "duration"
	logKeyPromptTokens     = "prompt_tokens"
	logKeyCompletionTokens = "completion_tokens"
	logKeyRetryable        = "retryable"
	logKeyAttempt          = "attempt"
	logKeyWait             = "wait"
	logKeyKind             = "kind"
	logKeyProblems         = "problems"
)

// Option configures a Client. An invalid value is a programming error: New panics with
// a message naming the option and the value (see the package documentation).
type Option func(*options)

type options struct {
	baseURL       string
	model         string
	httpClient    *http.Client
	timeout       time.Duration
	headerTimeout time.Duration
	logger        *slog.Logger
	azure         bool
	apiVersion    string
	maxBody       int64 // maxResponseBody; lowered only by this package's tests
}

// WithBaseURL sets the API base URL, including the version path for OpenAI-compatible
// servers ("http://localhost:11434/v1" for Ollama, "http://host:8000/v1" for vLLM). With
// WithAzure it is the Azure OpenAI resource endpoint ("https://NAME.openai.azure.com").
// Redirects are never followed, so give the final address. Default: DefaultBaseURL; an
// empty string means the default.
func WithBaseURL(u string) Option {
	return func(o *options) {
		if u != "" {
			o.baseURL = u
		}
	}
}

// WithModel sets the default model (for Azure OpenAI, the deployment name). Default:
// DefaultModel ("gpt-4o-mini"); an empty string means the default.
func WithModel(m string) Option {
	return func(o *options) {
		if m != "" {
			o.model = m
		}
	}
}

// WithHTTPClient sets the HTTP client used for every attempt: its Transport, Jar and
// Timeout (which applies in addition to WithTimeout). hc itself is never modified; the
// Client uses a copy whose CheckRedirect refuses every redirect, so a request is never
// sent to another address. Default: a new http.Client using http.DefaultTransport; nil
// means the default.
func WithHTTPClient(hc *http.Client) Option {
	return func(o *options) {
		if hc != nil {
			o.httpClient = hc
		}
	}
}

// WithTimeout bounds each HTTP attempt (not a whole Generate call, which has its own
// budget). An attempt that times out returns a retryable *Error matching ErrTimeout.
// Default: DefaultTimeout (60s). New panics if d is not positive.
func WithTimeout(d time.Duration) Option {
	return func(o *options) { o.timeout = positive("WithTimeout", d) }
}

// WithResponseHeaderTimeout bounds the wait for a response's headers, so a server that
// accepts the connection and never answers fails fast with a retryable *Error matching
// ErrUnavailable. A chat completion that is not streamed sends its headers only when
// the reply is complete, so this also bounds the model's generation time: raise it for
// slow (reasoning) models. Default: DefaultResponseHeaderTimeout (10s). New panics if
// d is not positive.
func WithResponseHeaderTimeout(d time.Duration) Option {
	return func(o *options) { o.headerTimeout = positive("WithResponseHeaderTimeout", d) }
}

// WithLogger sets the logger for per-attempt debug records (model, message count,
// prompt length in bytes, status, duration, token counts; never message text or keys).
// Default: nil, which discards everything.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) { o.logger = l }
}

// WithAzure switches to Azure OpenAI: the base URL is the resource endpoint, the model is
// the deployment name, the key is sent in the api-key header and apiVersion is sent as
// the api-version query parameter. Use an API version that supports structured outputs
// (2024-08-01-preview or later). Default: off (OpenAI-style bearer authentication).
// An empty apiVersion means "2024-10-21".
//
// Request.MaxTokens is sent as max_completion_tokens only when the model (here the
// deployment name) starts with "o1", "o3", "o4" or "gpt-5", and as max_tokens
// otherwise; reasoning models reject max_tokens. A deployment of a reasoning model under
// another name therefore fails when MaxTokens is set: name the deployment after its
// model, or leave MaxTokens at 0.
func WithAzure(apiVersion string) Option {
	return func(o *options) {
		o.azure = true
		o.apiVersion = apiVersion
		if o.apiVersion == "" {
			o.apiVersion = "2024-10-21"
		}
	}
}

// positive returns d, or panics naming the option and the value if d is not positive:
// the package's one rule for an invalid option value.
func positive(option string, d time.Duration) time.Duration {
	if d <= 0 {
		panic(fmt.Sprintf("llm: %s(%s): d must be positive", option, d))
	}
	return d
}

// atLeast returns n, or panics naming the option and the value if n < least.
func atLeast(option string, n, least int) int {
	if n < least {
		panic(fmt.Sprintf("llm: %s(%d): n must be at least %d", option, n, least))
	}
	return n
}

// Client makes chat-completion calls to one OpenAI-compatible endpoint through go-openai.
// It never retries: Complete makes exactly one HTTP attempt, and Generate owns the retry
// policy. A Client is safe for concurrent use by multiple goroutines.
type Client struct {
	api     *openai.Client
	opts    options
	logger  *slog.Logger
	key     string
	maxBody int64
}

// New returns a Client that authenticates with apiKey ("" sends no credentials, which
// suits local servers such as Ollama). See the Option functions for the defaults. It
// panics, naming the option and the value, if an option is given an invalid value.
func New(apiKey string, opts ...Option) *Client {
	o := options{baseURL: DefaultBaseURL, model: DefaultModel, timeout: DefaultTimeout,
		headerTimeout: DefaultResponseHeaderTimeout, maxBody: maxResponseBody}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	hc := &http.Client{}
	if o.httpClient != nil {
		copied := *o.httpClient
		hc = &copied
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	var cfg openai.ClientConfig
	if o.azure {
		cfg = openai.DefaultAzureConfig(apiKey, o.baseURL)
		cfg.APIVersion = o.apiVersion
		// Deployment names are used verbatim; go-openai's default mapper rewrites them.
		cfg.AzureModelMapperFunc = func(model string) string { return model }
	} else {
		cfg = openai.DefaultConfig(apiKey)
		cfg.BaseURL = o.baseURL
	}
	cfg.HTTPClient = headerDoer{hc: hc, headerTimeout: o.headerTimeout, maxBody: o.maxBody}
	logger := o.logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Client{api: openai.NewClientWithConfig(cfg), opts: o, logger: logger, key: apiKey, maxBody: o.maxBody}
}

// Model returns the default model name.
func (c *Client) Model() string { return c.opts.model }

// String describes the client without its key, so printing a Client is safe.
func (c *Client) String() string {
	return "llm.Client{model: " + c.opts.model + "}"
}

// GoString returns the same redacted text as String, so %#v does not print the key.
func (c *Client) GoString() string { return c.String() }

// Complete makes exactly one chat-completion HTTP attempt, bounded by the client's
// per-attempt timeout, its response-header timeout and ctx. It never retries and never
// follows a redirect. Any failure is an *Error matching its kind (see ErrRateLimited and
// the others) with Retryable set; a successful attempt may still carry a refusal or a
// truncated reply (FinishReason "length"), which Complete reports as is.
func (c *Client) Complete(ctx context.Context, req Request) (Response, error) {
	if len(req.Messages) == 0 {
		return Response{}, &Error{Message: "invalid request: no messages", Err: errNoMessages, kind: ErrBadRequest}
	}
	creq, err := c.chatRequest(req)
	if err != nil {
		return Response{}, err
	}

	info := &attemptInfo{}
	attemptCtx, cancel := context.WithTimeout(ctx, c.opts.timeout)
	defer cancel()
	start := time.Now()
	resp, err := c.api.CreateChatCompletion(context.WithValue(attemptCtx, attemptKey{}, info), creq)
	dur := time.Since(start)
	if err != nil {
		e := c.classify(err, info, req, ctx, attemptCtx, time.Now())
		c.logger.LogAttrs(ctx, slog.LevelDebug, "llm attempt failed",
			slog.String(logKeyModel, creq.Model), slog.Int(logKeyMessages, len(req.Messages)),
			slog.Int(logKeyPromptChars, promptChars(req.Messages)),
			slog.Int(logKeyStatus, e.StatusCode), slog.Bool(logKeyRetryable, e.Retryable),
			slog.Duration(logKeyDuration, dur))
		return Response{}, e
	}
	out := Response{
		Model:     resp.Model,
		RequestID: requestID(resp.Header()),
		Usage: Usage{
			PromptTokens:     resp.Usage.PromptTokens,
			CompletionTokens: resp.Usage.CompletionTokens,
			TotalTokens:      resp.Usage.TotalTokens,
		},
	}
	if d := resp.Usage.PromptTokensDetails; d != nil {
		out.Usage.CachedTokens = d.CachedTokens
	}
	if len(resp.Choices) == 0 {
		return out, &Error{StatusCode: info.status, RequestID: out.RequestID,
			Message: "response has no choices", Retryable: true, Err: errNoChoices, kind: ErrUnavailable}
	}
	ch := resp.Choices[0]
	out.Content = ch.Message.Content
	out.Refusal = ch.Message.Refusal
	out.FinishReason = string(ch.FinishReason)
	c.logger.LogAttrs(ctx, slog.LevelDebug, "llm attempt done",
		slog.String(logKeyModel, out.Model), slog.Int(logKeyMessages, len(req.Messages)),
		slog.Int(logKeyPromptChars, promptChars(req.Messages)),
		slog.Int(logKeyStatus, info.status), slog.Duration(logKeyDuration, dur),
		slog.Int(logKeyPromptTokens, out.Usage.PromptTokens),
		slog.Int(logKeyCompletionTokens, out.Usage.CompletionTokens))
	return out, nil
}

// promptChars is the length in bytes of every message's content.
func promptChars(msgs []Message) int {
	n := 0
	for _, m := range msgs {
		n += len(m.Content)
	}
	return n
}

var (
	errNoMessages = errors.New("no messages")
	errNoChoices  = errors.New("no choices")
	schemaNameRE  = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)
)

// chatRequest converts req to go-openai's request type.
func (c *Client) chatRequest(req Request) (openai.ChatCompletionRequest, error) {
	model := req.Model
	if model == "" {
		model = c.opts.model
	}
	creq := openai.ChatCompletionRequest{Model: model, Messages: make([]openai.ChatCompletionMessage, len(req.Messages))}
	for i, m := range req.Messages {
		creq.Messages[i] = openai.ChatCompletionMessage{Role: string(m.Role), Content: m.Content}
	}
	if req.Temperature != nil {
		t := *req.Temperature
		if t == 0 {
			// go-openai drops a zero temperature (omitempty); the smallest positive
			// float32 is 0 for every practical purpose and survives marshalling.
			t = math.SmallestNonzeroFloat32
		}
		creq.Temperature = t
	}
	if req.MaxTokens > 0 {
		if isReasoningModel(model) {
			creq.MaxCompletionTokens = req.MaxTokens
		} else {
			// max_tokens is deprecated by OpenAI but is what Ollama, vLLM and older
			// Azure API versions understand; reasoning models get the new field above.
			//lint:ignore SA1019 deliberate, see above
			creq.MaxTokens = req.MaxTokens
		}
	}
	if req.Schema != nil {
		if !schemaNameRE.MatchString(req.Schema.Name) {
			return creq, &Error{Message: "invalid request: schema name must match ^[a-zA-Z0-9_-]{1,64}$", Err: errBadSchemaName, kind: ErrBadRequest}
		}
		if !json.Valid(req.Schema.JSON) {
			return creq, &Error{Message: "invalid request: schema is not valid json", Err: errBadSchemaJSON, kind: ErrBadRequest}
		}
		creq.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name:   req.Schema.Name,
				Schema: req.Schema.JSON,
				Strict: true,
			},
		}
	}
	return creq, nil
}

var (
	errBadSchemaName = errors.New("bad schema name")
	errBadSchemaJSON = errors.New("bad schema json")
)

func isReasoningModel(model string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5"} {
		if strings.HasPrefix(model, p) {
			return true
		}
	}
	return false
}

// redact removes the API key from s.
func (c *Client) redact(s string) string {
	if len(c.key) < 4 {
		return s
	}
	return strings.ReplaceAll(s, c.key, "[redacted]")
}

// attemptKey is the context key of the *attemptInfo of one attempt.
type attemptKey struct{}

// headerDoer is the HTTP client go-openai calls. For each attempt it records the status
// and headers into the attemptInfo carried by the request context (go-openai's errors
// carry no headers, and Retry-After lives there), ends the attempt when no headers
// arrive within headerTimeout, turns a redirect into an error instead of a reply, and
// bounds the response body to maxBody.
type headerDoer struct {
	hc            *http.Client // a copy that never follows redirects
	headerTimeout time.Duration
	maxBody       int64
}

func (d headerDoer) Do(r *http.Request) (*http.Response, error) {
	info, _ := r.Context().Value(attemptKey{}).(*attemptInfo)
	if info == nil {
		info = &attemptInfo{}
	}
	ctx, cancel := context.WithCancelCause(r.Context())
	var mu sync.Mutex
	arrived, late := false, false
	timer := time.AfterFunc(d.headerTimeout, func() {
		mu.Lock()
		defer mu.Unlock()
		if !arrived {
			late = true
			cancel(errNoHeaders)
		}
	})
	resp, err := d.hc.Do(r.WithContext(ctx))
	timer.Stop()
	mu.Lock()
	arrived = true
	info.noHeaders = late
	mu.Unlock()
	if info.noHeaders {
		if resp != nil {
			_ = resp.Body.Close()
		}
		cancel(nil)
		return nil, errNoHeaders
	}
	if err != nil {
		cancel(nil)
		return nil, err
	}
	info.status = resp.StatusCode
	info.header = resp.Header.Clone()
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		if loc, err := resp.Location(); err == nil {
			info.location = (&url.URL{Scheme: loc.Scheme, Host: loc.Host, Path: loc.Path}).String()
		}
		_ = resp.Body.Close()
		cancel(nil)
		return nil, errRedirect
	}
	resp.Body = &limitedBody{rc: resp.Body, left: d.maxBody, cancel: cancel}
	return resp, nil
}

// limitedBody reads at most left bytes of rc and then fails with errResponseTooLarge,
// so an oversized body is an error rather than silently cut JSON. Close also releases
// the attempt's context.
type limitedBody struct {
	rc     io.ReadCloser
	left   int64
	cancel context.CancelCauseFunc
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// Probe one byte: a body of exactly the limit still ends cleanly.
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, errResponseTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error {
	err := b.rc.Close()
	b.cancel(nil)
	return err
}

// withMaxResponseBody lowers the response body limit; for this package's tests, which
// cannot send 32 MiB cheaply.
func withMaxResponseBody(n int64) Option {
	return func(o *options) { o.maxBody = n }
}
