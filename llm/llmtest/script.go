package llmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Response is one scripted reply of the fake server. Build it with Reply, ReplyJSON,
// Fail, FailRaw, Refuse, Truncate, Delay or Hang, and adjust it with the With methods,
// which return a modified copy. The zero value replies with an empty assistant message.
type Response struct {
	status      int
	content     string
	refusal     string
	finish      string
	errBody     []byte
	contentType string
	header      http.Header
	usage       *usage
	model       string
	delay       time.Duration
	hang        bool
	marshalErr  error
}

type usage struct {
	prompt, completion, cached int
}

// Default token counts of a successful scripted reply without WithUsage.
const (
	DefaultPromptTokens     = 10
	DefaultCompletionTokens = 5
)

// Reply is a successful completion whose assistant message is text (finish reason "stop").
func Reply(text string) Response {
	return Response{status: http.StatusOK, content: text, finish: "stop"}
}

// ReplyJSON is Reply with v marshalled to JSON. A value that cannot be marshalled fails
// the test when the reply is served.
func ReplyJSON(v any) Response {
	b, err := json.Marshal(v)
	r := Reply(string(b))
	r.marshalErr = err
	return r
}

// Refuse is a successful completion carrying a structured-output refusal with message
// msg and no content.
func Refuse(msg string) Response {
	return Response{status: http.StatusOK, refusal: msg, finish: "stop"}
}

// Truncate is a successful completion cut at the token limit: content partial,
// finish reason "length".
func Truncate(partial string) Response {
	return Response{status: http.StatusOK, content: partial, finish: "length"}
}

// Fail is an OpenAI-style JSON error: HTTP status with body
// {"error": {"message", "type", "code"}}. An empty code is sent as null.
func Fail(status int, typ, code, message string) Response {
	e := map[string]any{"message": message, "type": typ, "code": nil, "param": nil}
	if code != "" {
		e["code"] = code
	}
	b, _ := json.Marshal(map[string]any{"error": e})
	return Response{status: status, errBody: b, contentType: "application/json"}
}

// FailRaw is an error response with a non-JSON body, such as a proxy's HTML 502 or a
// plain-text 503.
func FailRaw(status int, contentType, body string) Response {
	return Response{status: status, errBody: []byte(body), contentType: contentType}
}

// Delay serves r after d, or gives up when the client goes away first. The wait is
// real time: prefer Hang with Server.Arrived to test cancellation deterministically.
func Delay(d time.Duration, r Response) Response {
	r.delay = d
	return r
}

// Hang never answers: the handler blocks until the client cancels the request or the
// server closes. Use Server.Arrived to learn that the request is in flight.
func Hang() Response {
	return Response{hang: true}
}

// WithRetryAfter adds a retry-after header of d in whole seconds (rounded up).
func (r Response) WithRetryAfter(d time.Duration) Response {
	secs := int64((d + time.Second - 1) / time.Second)
	return r.WithHeader("Retry-After", strconv.FormatInt(secs, 10))
}

// WithRetryAfterMs adds a retry-after-ms header of d in milliseconds.
func (r Response) WithRetryAfterMs(d time.Duration) Response {
	return r.WithHeader("Retry-After-Ms", strconv.FormatInt(d.Milliseconds(), 10))
}

// WithHeader adds a response header.
func (r Response) WithHeader(key, value string) Response {
	h := r.header.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Add(key, value)
	r.header = h
	return r
}

// WithUsage sets the reported token usage (total = prompt + completion). Without it a
// successful reply reports DefaultPromptTokens and DefaultCompletionTokens.
func (r Response) WithUsage(prompt, completion int) Response {
	u := usage{prompt: prompt, completion: completion}
	if r.usage != nil {
		u.cached = r.usage.cached
	}
	r.usage = &u
	return r
}

// WithCachedTokens sets prompt_tokens_details.cached_tokens.
func (r Response) WithCachedTokens(n int) Response {
	u := usage{prompt: DefaultPromptTokens, completion: DefaultCompletionTokens}
	if r.usage != nil {
		u = *r.usage
	}
	u.cached = n
	r.usage = &u
	return r
}

// WithModel sets the model reported in the reply. Default: the model of the request.
func (r Response) WithModel(model string) Response {
	r.model = model
	return r
}

// String describes the scripted response (for failure messages).
func (r Response) String() string {
	switch {
	case r.hang:
		return "Hang()"
	case r.errBody != nil:
		return fmt.Sprintf("Fail(%d)", r.status)
	case r.refusal != "":
		return "Refuse"
	case r.finish == "length":
		return "Truncate"
	default:
		return "Reply"
	}
}
