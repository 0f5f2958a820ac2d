package llmtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/resumekit/resumekit/llm"
)

// DefaultAPIKey is the key the server expects when WithAPIKey is not given.
const DefaultAPIKey = "sk-llmtest-0123456789abcdef"

// TB is the part of testing.TB the server uses; *testing.T, *testing.B and *testing.F
// satisfy it.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// Option configures a Server.
type Option func(*Server)

// WithAPIKey sets the key the server expects, as "Authorization: Bearer KEY" or, for
// Azure-style clients, "api-key: KEY". Default: DefaultAPIKey.
func WithAPIKey(key string) Option {
	return func(s *Server) { s.key = key }
}

// Server is a fake OpenAI chat-completions endpoint. It answers
// POST .../chat/completions (OpenAI and Azure OpenAI paths) with the scripted responses
// in order, records every request body, and fails the test when a request carries wrong
// credentials, a response_format schema that OpenAI strict mode would reject, or arrives
// after the script ran out, or when scripted responses remain unused at cleanup.
//
// Client, AzureClient and HTTPClient speak real HTTP/1.1 to the server over in-memory
// connections (net.Pipe), so the server works inside a testing/synctest bubble: a
// retry's backoff, a Retry-After wait, a response-header timeout and a Delay all run
// on the bubble's fake clock, and nothing touches the network. URL and Endpoint start
// a loopback listener on first use, for code that builds its own HTTP client (such as a
// program reading the base URL from its environment); do not call them in a bubble.
// A Server is safe for concurrent use.
type Server struct {
	t       TB
	key     string
	done    chan struct{}
	arrived chan int
	pipes   *pipeListener
	srv     *http.Server
	served  chan struct{} // closed when srv.Serve returns
	hc      *http.Client

	mu        sync.Mutex
	closed    bool
	handlers  sync.WaitGroup
	script    []Response
	responder func(n int, messages []llm.Message) Response
	requests  []json.RawMessage
	urls      []string
	ts        *httptest.Server // the loopback listener, started by URL
}

// NewServer starts a fake server; it closes on t.Cleanup, which also fails t if
// scripted responses remain unused.
func NewServer(t TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{t: t, key: DefaultAPIKey, done: make(chan struct{}), arrived: make(chan int, 1024),
		pipes: newPipeListener(), served: make(chan struct{})}
	for _, o := range opts {
		o(s)
	}
	s.srv = &http.Server{Handler: http.HandlerFunc(s.track)}
	s.hc = &http.Client{Transport: &http.Transport{DialContext: s.dial, DisableCompression: true}}
	go func() {
		defer close(s.served)
		_ = s.srv.Serve(s.pipes)
	}()
	t.Cleanup(s.close)
	return s
}

// dial connects the server's HTTP client: to the server itself, in memory, whatever the
// port; any other host is refused, so a request never leaves the test.
func (s *Server) dial(ctx context.Context, _, addr string) (net.Conn, error) {
	h, _, err := net.SplitHostPort(addr)
	if err != nil {
		h = addr
	}
	s.mu.Lock()
	own := h == host || (s.ts != nil && addr == s.ts.Listener.Addr().String())
	s.mu.Unlock()
	if !own {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: fmt.Errorf("%w (not %s)", errOtherHost, addr)}
	}
	return s.pipes.dial(ctx)
}

// track runs handle unless the server is closing, and lets close wait for it.
func (s *Server) track(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	s.handlers.Add(1)
	s.mu.Unlock()
	defer s.handlers.Done()
	s.handle(w, r)
}

func (s *Server) close() {
	s.mu.Lock()
	s.closed = true
	ts := s.ts
	left := len(s.script)
	s.mu.Unlock()
	close(s.done) // release hanging handlers before waiting for them
	_ = s.srv.Close()
	<-s.served
	s.handlers.Wait()
	s.hc.CloseIdleConnections()
	if ts != nil {
		ts.Close()
	}
	if left > 0 {
		s.t.Errorf("llmtest: %d scripted responses unused", left)
	}
}

// Enqueue appends responses to the script; each request consumes the next one.
func (s *Server) Enqueue(rs ...Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.script = append(s.script, rs...)
}

// Remaining returns the number of scripted responses not yet served.
func (s *Server) Remaining() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.script)
}

// Respond sets fn to answer each request that finds the script empty, instead of
// failing the test: n is the request's 1-based number and messages its decoded
// messages. Use it for long or random runs whose number of requests is not known in
// advance. nil restores the default (an empty script is a test failure).
func (s *Server) Respond(fn func(n int, messages []llm.Message) Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.responder = fn
}

// URL returns the OpenAI-style base URL of a loopback listener
// ("http://127.0.0.1:PORT/v1"), starting it on first use. It is for code that makes its
// own HTTP client; Client and HTTPClient need no listener. Not for synctest bubbles.
func (s *Server) URL() string { return s.listen() + "/v1" }

// Endpoint returns the loopback listener's root (see URL), for use as an Azure OpenAI
// endpoint.
func (s *Server) Endpoint() string { return s.listen() }

func (s *Server) listen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ts == nil {
		s.ts = httptest.NewServer(http.HandlerFunc(s.track))
	}
	return s.ts.URL
}

// APIKey returns the key the server expects.
func (s *Server) APIKey() string { return s.key }

// HTTPClient returns an *http.Client wired to the server in memory. It reaches the
// server at any port of http://llmtest.invalid and at the address URL returns; a
// request for any other host fails as a refused connection.
func (s *Server) HTTPClient() *http.Client { return s.hc }

// Client returns an *llm.Client pointed at the server with the right key, over
// HTTPClient; opts are applied after the defaults, so they may override them.
func (s *Server) Client(opts ...llm.Option) *llm.Client {
	base := []llm.Option{llm.WithBaseURL("http://" + host + "/v1"), llm.WithHTTPClient(s.hc)}
	return llm.New(s.key, append(base, opts...)...)
}

// AzureClient returns an *llm.Client in Azure OpenAI mode (api-key header, deployment
// path, api-version query) pointed at the server, over HTTPClient.
func (s *Server) AzureClient(apiVersion string, opts ...llm.Option) *llm.Client {
	base := []llm.Option{llm.WithBaseURL("http://" + host), llm.WithHTTPClient(s.hc), llm.WithAzure(apiVersion)}
	return llm.New(s.key, append(base, opts...)...)
}

// Requests returns a copy of every request body received, in arrival order.
func (s *Server) Requests() []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]json.RawMessage, len(s.requests))
	for i, r := range s.requests {
		out[i] = append(json.RawMessage(nil), r...)
	}
	return out
}

// URLs returns the path and query of every request received, in arrival order.
func (s *Server) URLs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.urls...)
}

// Messages decodes the messages of request i (0-based); it fails the test if there is
// no such request.
func (s *Server) Messages(i int) []llm.Message {
	s.t.Helper()
	reqs := s.Requests()
	if i < 0 || i >= len(reqs) {
		s.t.Fatalf("llmtest: no request %d (have %d)", i, len(reqs))
		return nil
	}
	var body struct {
		Messages []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(reqs[i], &body); err != nil {
		s.t.Fatalf("llmtest: decode request %d: %v", i, err)
		return nil
	}
	out := make([]llm.Message, len(body.Messages))
	for j, m := range body.Messages {
		out[j] = llm.Message{Role: llm.Role(m.Role), Content: m.Content}
	}
	return out
}

// Arrived delivers the 1-based number of each request as soon as it has been read and
// recorded, before it is answered. It lets a test wait until a Hang or Delay request is
// in flight and then cancel. The channel buffers 1024 numbers; later ones are dropped if
// nobody reads.
func (s *Server) Arrived() <-chan int { return s.arrived }

type wireRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
	ResponseFormat *struct {
		Type       string `json:"type"`
		JSONSchema *struct {
			Name   string          `json:"name"`
			Schema json.RawMessage `json:"schema"`
			Strict bool            `json:"strict"`
		} `json:"json_schema"`
	} `json:"response_format"`
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/chat/completions") {
		s.t.Errorf("llmtest: unexpected %s %s", r.Method, r.URL.Path)
		writeError(w, http.StatusNotFound, "invalid_request_error", "not_found", "llmtest: unknown endpoint")
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+s.key && r.Header.Get("api-key") != s.key {
		// Never echo what was sent: it may be a real key.
		s.t.Errorf("llmtest: request without the expected api key")
		writeError(w, http.StatusUnauthorized, "invalid_request_error", "invalid_api_key", "llmtest: incorrect api key")
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		s.t.Errorf("llmtest: read request: %v", err)
		return
	}
	var req wireRequest
	if err := json.Unmarshal(body, &req); err != nil {
		s.t.Errorf("llmtest: request is not json: %v", err)
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "llmtest: body is not json")
		return
	}

	s.mu.Lock()
	s.requests = append(s.requests, json.RawMessage(body))
	s.urls = append(s.urls, r.URL.RequestURI())
	n := len(s.requests)
	var next Response
	ok := len(s.script) > 0
	if ok {
		next = s.script[0]
		s.script = s.script[1:]
	}
	responder := s.responder
	s.mu.Unlock()
	if !ok && responder != nil {
		msgs := make([]llm.Message, len(req.Messages))
		for i, m := range req.Messages {
			msgs[i] = llm.Message{Role: llm.Role(m.Role), Content: m.Content}
		}
		next, ok = responder(n, msgs), true
	}

	if problem := checkResponseFormat(req); problem != "" {
		s.t.Errorf("llmtest: request %d: %s", n, problem)
		writeError(w, http.StatusBadRequest, "invalid_request_error", "invalid_schema", "llmtest: "+problem)
		s.signal(n)
		return
	}
	s.signal(n)
	if !ok {
		s.t.Errorf("llmtest: request %d arrived but the script is empty", n)
		writeError(w, http.StatusBadRequest, "invalid_request_error", "llmtest_script_exhausted", "llmtest: script exhausted")
		return
	}
	s.serve(w, r, n, req.Model, next)
}

func (s *Server) signal(n int) {
	select {
	case s.arrived <- n:
	default:
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, n int, model string, resp Response) {
	if resp.hang {
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
		return
	}
	if resp.delay > 0 {
		t := time.NewTimer(resp.delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
	if resp.marshalErr != nil {
		s.t.Errorf("llmtest: ReplyJSON: %v", resp.marshalErr)
	}
	for k, vs := range resp.header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.Header().Set("x-request-id", "req_llmtest_"+strconv.Itoa(n))
	// The zero Response is documented as an empty assistant message: status 200,
	// finish reason "stop" (WriteHeader(0) would panic).
	status := resp.status
	if status == 0 {
		status = http.StatusOK
	}
	if resp.finish == "" {
		resp.finish = "stop"
	}
	if resp.errBody != nil {
		w.Header().Set("Content-Type", resp.contentType)
		w.WriteHeader(status)
		_, _ = w.Write(resp.errBody)
		return
	}
	if resp.model != "" {
		model = resp.model
	}
	u := usage{prompt: DefaultPromptTokens, completion: DefaultCompletionTokens}
	if resp.usage != nil {
		u = *resp.usage
	}
	msg := map[string]any{"role": "assistant", "content": resp.content}
	if resp.refusal != "" {
		msg["content"] = nil
		msg["refusal"] = resp.refusal
	}
	out := map[string]any{
		"id":      fmt.Sprintf("chatcmpl-llmtest-%d", n),
		"object":  "chat.completion",
		"created": 0,
		"model":   model,
		"choices": []any{map[string]any{"index": 0, "message": msg, "finish_reason": resp.finish}},
		"usage": map[string]any{
			"prompt_tokens":         u.prompt,
			"completion_tokens":     u.completion,
			"total_tokens":          u.prompt + u.completion,
			"prompt_tokens_details": map[string]any{"cached_tokens": u.cached},
		},
	}
	b, _ := json.Marshal(out)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// checkResponseFormat returns why OpenAI would reject the request's response_format,
// or "" if it would accept it.
func checkResponseFormat(req wireRequest) string {
	rf := req.ResponseFormat
	if rf == nil || rf.Type != "json_schema" {
		return ""
	}
	if rf.JSONSchema == nil {
		return "response_format json_schema without json_schema"
	}
	if !rf.JSONSchema.Strict {
		return "response_format json_schema is not strict"
	}
	if err := llm.CheckStrict(rf.JSONSchema.Schema); err != nil {
		return "schema rejected by strict mode: " + err.Error()
	}
	return ""
}

func writeError(w http.ResponseWriter, status int, typ, code, msg string) {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "type": typ, "code": code}})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
