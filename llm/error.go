package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"
)

// Sentinel errors returned (wrapped) by Generate; test for them with errors.Is.
var (
	// ErrRefused means the model refused to answer (a structured-output refusal or a
	// content-filter stop). It is final: Generate neither retries nor reasks it.
	ErrRefused = errors.New("llm: model refused")
	// ErrTruncated means the reply was cut at the token limit (finish_reason "length").
	// The truncated text is never sent back to the model.
	ErrTruncated = errors.New("llm: output truncated")
	// ErrInvalidOutput means the model's replies stayed unparseable, schema-invalid or
	// rejected by a validator after every allowed reask.
	ErrInvalidOutput = errors.New("llm: invalid output")
)

// Error is a failed chat-completion attempt: an HTTP error status from the server, a
// transport failure (connection refused, reset, timeout) or an unusable response.
// It wraps the underlying error (*openai.APIError for JSON error bodies,
// *openai.RequestError for non-JSON bodies such as a proxy's HTML 502 and for JSON
// bodies that are not OpenAI-shaped such as Ollama's {"error":"..."}, or the transport
// error), so errors.As reaches it and errors.Is reaches context.Canceled and
// context.DeadlineExceeded.
//
// Its text never contains the API key or the request or response text.
type Error struct {
	// StatusCode is the HTTP status, 0 when no response arrived.
	StatusCode int
	// Type is the error type the server reported ("invalid_request_error",
	// "insufficient_quota", ...), "" if none.
	Type string
	// Code is the error code the server reported ("rate_limit_exceeded",
	// "invalid_api_key", ...), "" if none.
	Code string
	// Message is a short description: the server's message (at most 200 bytes when the
	// body is not OpenAI-shaped), the HTTP status text for non-JSON bodies, or the
	// transport failure. API keys are redacted from it.
	Message string
	// RequestID is the server's request id, "" if none.
	RequestID string
	// RetryAfter is how long the server asked the caller to wait (retry-after-ms,
	// retry-after in seconds or as an HTTP date); 0 if it did not say.
	RetryAfter time.Duration
	// Retryable reports whether repeating the same request may succeed: true for 408,
	// 409, 429 rate limits, 5xx, connection errors and per-attempt timeouts; false for
	// other 4xx (400, 401, 403, 404, 422), 429 insufficient_quota, invalid requests and
	// context cancellation by the caller. A server's x-should-retry header overrides.
	Retryable bool
	// Err is the wrapped cause.
	Err error
}

// Error implements error. The text is lowercase and starts with "llm: ".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("llm: chat completion")
	if e.StatusCode != 0 {
		fmt.Fprintf(&b, ": status %d", e.StatusCode)
	}
	switch {
	case e.Type != "" && e.Code != "":
		fmt.Fprintf(&b, " (%s/%s)", e.Type, e.Code)
	case e.Code != "":
		fmt.Fprintf(&b, " (%s)", e.Code)
	case e.Type != "":
		fmt.Fprintf(&b, " (%s)", e.Type)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}

// Unwrap returns the wrapped cause.
func (e *Error) Unwrap() error { return e.Err }

// attemptInfo is filled by the header-capturing HTTP doer for one attempt.
type attemptInfo struct {
	status int
	header http.Header
}

// classify turns the error of one go-openai call into an *Error.
func (c *Client) classify(err error, info *attemptInfo, parent, attempt context.Context, now time.Time) *Error {
	e := &Error{Err: err}
	if info.header != nil {
		e.RequestID = requestID(info.header)
		e.RetryAfter = parseRetryAfter(info.header, now)
	}
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.Is(err, errResponseTooLarge):
		e.StatusCode = info.status
		e.Message = fmt.Sprintf("response body exceeds %d bytes", maxResponseBody)
		e.Retryable = retryableStatus(e.StatusCode, "", "")
	case errors.As(err, &reqErr):
		// Checked before *APIError: go-openai wraps an empty APIError in a RequestError
		// when the body is JSON but not OpenAI-shaped (Ollama's {"error":"..."}), and
		// only the RequestError carries the status that arrived.
		reqErr.Body = []byte(c.redact(string(reqErr.Body)))
		if errors.As(reqErr.Err, &apiErr) {
			apiErr.Message = c.redact(apiErr.Message)
		}
		e.StatusCode = reqErr.HTTPStatusCode
		if e.StatusCode == 0 {
			e.StatusCode = info.status
		}
		status := strings.ToLower(http.StatusText(e.StatusCode))
		if typ, code, msg, ok := parseErrorBody(reqErr.Body); ok {
			e.Type, e.Code, e.Message = typ, code, msg
			if e.Message == "" {
				e.Message = fmt.Sprintf("%s (json error body without message, %d bytes)", status, len(reqErr.Body))
			}
		} else {
			e.Message = fmt.Sprintf("%s (non-json body, %d bytes)", status, len(reqErr.Body))
		}
		e.Retryable = retryableStatus(e.StatusCode, e.Type, e.Code)
	case errors.As(err, &apiErr):
		apiErr.Message = c.redact(apiErr.Message)
		e.StatusCode = apiErr.HTTPStatusCode
		if e.StatusCode == 0 {
			e.StatusCode = info.status
		}
		e.Type = apiErr.Type
		// go-openai decodes "code": null as the integer 0.
		if apiErr.Code != nil && apiErr.Code != 0 {
			e.Code = fmt.Sprint(apiErr.Code)
		}
		e.Message = apiErr.Message
		e.Retryable = retryableStatus(e.StatusCode, e.Type, e.Code)
	case parent.Err() != nil:
		// The caller's context ended: never retryable, whatever the transport said.
		e.Message = "context ended: " + parent.Err().Error()
		if !errors.Is(err, parent.Err()) {
			e.Err = errors.Join(err, parent.Err())
		}
		return e
	case attempt.Err() != nil:
		e.Message = fmt.Sprintf("attempt timed out after %s", c.opts.timeout)
		e.Retryable = true
		if !errors.Is(err, context.DeadlineExceeded) {
			e.Err = errors.Join(err, context.DeadlineExceeded)
		}
		return e
	case info.status != 0:
		// A response arrived but its body could not be read or decoded: a proxy or
		// server glitch, worth another try when the status allows it.
		e.StatusCode = info.status
		e.Message = "unreadable response body"
		e.Retryable = info.status < 300 || retryableStatus(info.status, "", "")
		return e
	case isTransport(err):
		e.Message = "transport: " + c.redact(err.Error())
		e.Retryable = true
		return e
	default:
		// Rejected before sending (for example by go-openai's request validation).
		e.Message = "invalid request: " + c.redact(err.Error())
		return e
	}
	if v := info.header.Get("x-should-retry"); v == "true" || v == "false" {
		e.Retryable = v == "true"
	}
	return e
}

// maxServerMessage bounds the server message kept from a non-OpenAI error body.
const maxServerMessage = 200

// parseErrorBody reads an error body that go-openai could not: {"error":"text"} (Ollama)
// or {"error":{...}} without a string "message". ok is false if body is not such JSON.
func parseErrorBody(body []byte) (typ, code, msg string, ok bool) {
	var outer struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &outer) != nil || len(outer.Error) == 0 {
		return "", "", "", false
	}
	if json.Unmarshal(outer.Error, &msg) == nil {
		return "", "", shorten(msg, maxServerMessage), true
	}
	var inner struct {
		Type    any `json:"type"`
		Code    any `json:"code"`
		Message any `json:"message"`
	}
	if json.Unmarshal(outer.Error, &inner) != nil {
		return "", "", "", false
	}
	text := func(v any) string {
		switch x := v.(type) {
		case string:
			return x
		case float64:
			if x == 0 {
				return ""
			}
			return strconv.FormatFloat(x, 'f', -1, 64)
		default:
			return ""
		}
	}
	return shorten(text(inner.Type), maxServerMessage), shorten(text(inner.Code), maxServerMessage),
		shorten(text(inner.Message), maxServerMessage), true
}

// shorten cuts s to at most n bytes on a rune boundary.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

// isTransport reports whether err came from the HTTP round trip (dial, TLS, reset,
// EOF) rather than from building the request.
func isTransport(err error) bool {
	var ue *url.Error
	var ne net.Error
	return errors.As(err, &ue) || errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// retryableStatus reports whether an HTTP error status is worth retrying.
func retryableStatus(status int, typ, code string) bool {
	switch {
	case status == http.StatusTooManyRequests:
		return typ != "insufficient_quota" && code != "insufficient_quota"
	case status == http.StatusRequestTimeout, status == http.StatusConflict:
		return true
	case status >= 500:
		return true
	default:
		return false
	}
}

// requestID returns the provider's request id header.
func requestID(h http.Header) string {
	for _, k := range []string{"x-request-id", "apim-request-id", "request-id"} {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// parseRetryAfter reads retry-after-ms, then retry-after (delta seconds or HTTP date).
// It returns 0 when neither is present or valid.
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	if v := strings.TrimSpace(h.Get("retry-after-ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms > 0 && !math.IsInf(ms, 0) && ms < 1e12 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	v := strings.TrimSpace(h.Get("retry-after"))
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s > 0 && !math.IsInf(s, 0) && s < 1e9 {
			return time.Duration(s * float64(time.Second))
		}
		return 0
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}
