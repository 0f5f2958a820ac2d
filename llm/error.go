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
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"
)

// The kinds of failure. Every error from Complete and Generate matches, with errors.Is,
// the one of these that applies; an attempt cut short by the caller's context matches
// none of them, only context.Canceled or context.DeadlineExceeded. Branch on these, not
// on status codes or error strings.
var (
	// ErrRateLimited is a rate limit (HTTP 429 other than a quota): retryable.
	ErrRateLimited = errors.New("llm: rate limited")
	// ErrUnavailable is a provider that could not answer: HTTP 5xx and 409, a refused
	// or reset connection, no response headers within WithResponseHeaderTimeout, an
	// unreadable or empty reply. Retryable (unless the server said x-should-retry: false).
	ErrUnavailable = errors.New("llm: provider unavailable")
	// ErrAuth is a rejected key or missing permission (HTTP 401, 403): final.
	ErrAuth = errors.New("llm: authentication failed")
	// ErrQuota is an exhausted quota or a billing problem (insufficient_quota, billing
	// codes, HTTP 402): final.
	ErrQuota = errors.New("llm: quota exhausted")
	// ErrBadRequest is a request the server will never accept as sent, or a reply that
	// is not a chat completion: HTTP 400, 404, 422 and other 4xx, a redirect (never
	// followed), a body over the size limit, or a request rejected before sending
	// (no messages, a bad schema). Final.
	ErrBadRequest = errors.New("llm: bad request")
	// ErrTimeout is an attempt that ran out of time (WithTimeout) or an HTTP 408:
	// retryable.
	ErrTimeout = errors.New("llm: attempt timed out")
	// ErrRefused means the model refused to answer (a structured-output refusal or a
	// content-filter stop). It is final: Generate neither retries nor reasks it.
	ErrRefused = errors.New("llm: model refused")
	// ErrTruncated means the reply was cut at the token limit (finish_reason "length")
	// even after Generate asked again with a larger limit. The truncated text is never
	// sent back to the model.
	ErrTruncated = errors.New("llm: output truncated")
	// ErrInvalidOutput means the model's replies stayed unparseable, schema-invalid or
	// rejected by a validator after every allowed reask.
	ErrInvalidOutput = errors.New("llm: invalid output")
)

// Why Generate stopped retrying, in RetryError.Cause (besides a context's error).
var (
	// ErrMaxAttempts means WithMaxAttempts attempts were made.
	ErrMaxAttempts = errors.New("llm: attempts exhausted")
	// ErrMaxElapsed means the next wait would have ended past WithMaxElapsed.
	ErrMaxElapsed = errors.New("llm: retry budget exhausted")
)

// Error is a failed chat-completion attempt: an HTTP error status from the server, a
// transport failure (connection refused, reset, no headers in time) or an unusable
// response. errors.Is matches it against the kind that applies (ErrRateLimited,
// ErrUnavailable, ErrAuth, ErrQuota, ErrBadRequest, ErrTimeout). It wraps the
// underlying error (*openai.APIError for JSON error bodies, *openai.RequestError for
// other bodies, or the transport error), so errors.As reaches it and errors.Is reaches
// context.Canceled and context.DeadlineExceeded when the caller's context ended.
//
// Its text, and that of the errors it wraps, never contains the API key, the request,
// the reply, or provider text that repeats the request.
type Error struct {
	// StatusCode is the HTTP status, 0 when no response arrived.
	StatusCode int
	// Type is the error type the server reported ("invalid_request_error",
	// "insufficient_quota", ...), "" if none or not a plain identifier.
	Type string
	// Code is the error code the server reported ("rate_limit_exceeded",
	// "invalid_api_key", ...), "" if none or not a plain identifier.
	Code string
	// Message is a short description: the server's own message (at most 200 bytes,
	// API key redacted, omitted when it repeats 16 or more characters of the request's
	// messages outside the schema),
	// the HTTP status text for other bodies, or the transport failure.
	Message string
	// RequestID is the server's request id, "" if none.
	RequestID string
	// RetryAfter is how long the server asked the caller to wait (retry-after-ms, or
	// retry-after in seconds or as an HTTP date), saturating at 100 years; 0 if it did
	// not say or said something that is not a positive wait.
	RetryAfter time.Duration
	// Retryable reports whether repeating the same request may succeed: true for
	// ErrRateLimited, ErrUnavailable and ErrTimeout failures, false for the others and
	// for an attempt cut by the caller's context. A server's x-should-retry header
	// overrides.
	Retryable bool
	// Err is the wrapped cause.
	Err error

	kind error // one of the kinds; nil for an attempt cut by the caller's context
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

// Is reports whether target is the kind of this failure. An Error built by hand (a
// Completer of your own) without a kind is classified by its StatusCode, or as
// ErrUnavailable when it has none and is Retryable.
func (e *Error) Is(target error) bool {
	k := e.kind
	if k == nil {
		k = statusKind(e.StatusCode, e.Type, e.Code)
		if k == nil && e.StatusCode == 0 && e.Retryable {
			k = ErrUnavailable
		}
	}
	return k != nil && target == k
}

// RetryError is the error Generate returns when a model turn failed: it keeps the last
// failure and why retrying stopped, as values. errors.Is and errors.As reach both, so
// errors.Is(err, ErrUnavailable) asks about the last failure and
// errors.Is(err, ErrMaxElapsed) about the reason.
type RetryError struct {
	// LastErr is the last failure the provider returned (an *Error, or the error of a
	// Completer of your own); nil when the context ended before any failure.
	LastErr error
	// Cause is why retrying stopped: ErrMaxAttempts, ErrMaxElapsed, or the context's
	// cause (context.Canceled, context.DeadlineExceeded, or the value given to a
	// context.CancelCauseFunc); nil when LastErr is final (not retryable).
	Cause error
	// Attempts is the number of HTTP attempts the call made.
	Attempts int
}

// Error implements error.
func (e *RetryError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "llm: generate: %d attempt(s)", e.Attempts)
	switch {
	case e.Cause == nil:
		b.WriteString(", not retryable")
	case errors.Is(e.Cause, ErrMaxAttempts):
		b.WriteString(", attempts exhausted")
	case errors.Is(e.Cause, ErrMaxElapsed):
		b.WriteString(", retry budget exhausted")
	default:
		b.WriteString(", context ended: ")
		b.WriteString(e.Cause.Error())
	}
	if e.LastErr != nil {
		b.WriteString("; last error: ")
		b.WriteString(e.LastErr.Error())
	}
	return b.String()
}

// Unwrap returns LastErr and Cause, those that are set.
func (e *RetryError) Unwrap() []error {
	var out []error
	for _, err := range []error{e.LastErr, e.Cause} {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}

// statusKind is the kind of an HTTP error status (with the provider's type and code),
// nil for 0 and 2xx.
func statusKind(status int, typ, code string) error {
	switch {
	case isQuota(typ) || isQuota(code) || status == http.StatusPaymentRequired:
		return ErrQuota
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return ErrAuth
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	case status == http.StatusRequestTimeout:
		return ErrTimeout
	case status == http.StatusConflict || status >= 500:
		return ErrUnavailable
	case status >= 300:
		return ErrBadRequest
	}
	return nil
}

func isQuota(s string) bool {
	return s == "insufficient_quota" || strings.HasPrefix(s, "billing_")
}

// retryable reports whether a failure of this kind is worth repeating.
func retryable(kind error) bool {
	return kind == ErrRateLimited || kind == ErrUnavailable || kind == ErrTimeout
}

// attemptInfo is filled by the header-capturing HTTP doer for one attempt.
type attemptInfo struct {
	status    int
	header    http.Header
	noHeaders bool   // WithResponseHeaderTimeout passed before the headers came
	location  string // a redirect's target, without query or credentials
}

// Sentinels of the doer, wrapped in Error.Err.
var (
	errResponseTooLarge = errors.New("response body too large")
	errRedirect         = errors.New("redirect not followed")
	errNoHeaders        = errors.New("no response headers in time")
	errTransportEcho    = errors.New("transport failure whose text repeats the request")
)

// statusLine is the canonical status line of an HTTP status code ("400 Bad Request"),
// which replaces the one the server sent wherever go-openai's errors would print it.
func statusLine(code int) string {
	return strings.TrimSpace(fmt.Sprintf("%d %s", code, http.StatusText(code)))
}

// classify turns the error of one go-openai call into an *Error.
func (c *Client) classify(err error, info *attemptInfo, req Request, parent, attempt context.Context, now time.Time) *Error {
	e := &Error{Err: err}
	if info.header != nil {
		e.RequestID = requestID(info.header)
		e.RetryAfter = parseRetryAfter(info.header, now)
	}
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case info.noHeaders:
		// Checked first: the doer ended the attempt by cancelling its request, and the
		// transport's error says "context canceled" although the caller cancelled nothing.
		e.kind, e.Err = ErrUnavailable, errNoHeaders
		e.Message = fmt.Sprintf("no response headers within %s (a model that needs longer needs a larger WithResponseHeaderTimeout)", c.opts.headerTimeout)
	case errors.Is(err, errRedirect):
		e.StatusCode, e.kind, e.Err = info.status, ErrBadRequest, errRedirect
		e.Message = "redirects are not followed; set the base URL to the final address"
		if info.location != "" {
			e.Message = fmt.Sprintf("redirect to %s not followed; set the base URL to the final address", info.location)
		}
	case errors.Is(err, errResponseTooLarge):
		e.StatusCode, e.Err = info.status, errResponseTooLarge
		e.kind = statusKind(e.StatusCode, "", "")
		if e.kind == nil {
			e.kind = ErrBadRequest
		}
		e.Message = fmt.Sprintf("response too large (over %d bytes)", c.maxBody)
	case errors.As(err, &reqErr):
		// Checked before *APIError: go-openai wraps an empty APIError in a RequestError
		// when the body is JSON but not OpenAI-shaped (Ollama's {"error":"..."}), and
		// only the RequestError carries the status that arrived.
		e.StatusCode = reqErr.HTTPStatusCode
		if e.StatusCode == 0 {
			e.StatusCode = info.status
		}
		status := strings.ToLower(http.StatusText(e.StatusCode))
		if typ, code, msg, ok := parseErrorBody(reqErr.Body); ok {
			e.Type, e.Code, e.Message = c.identifier(typ), c.identifier(code), c.serverMessage(msg, req)
			if e.Message == "" {
				e.Message = fmt.Sprintf("%s (json error body without message, %d bytes)", status, len(reqErr.Body))
			}
		} else {
			e.Message = fmt.Sprintf("%s (non-json body, %d bytes)", status, len(reqErr.Body))
		}
		// The raw body may quote the request or the key: only its size is kept. The
		// status line's reason phrase is the server's text too: only the code is kept.
		reqErr.Body, reqErr.HTTPStatus = nil, statusLine(e.StatusCode)
		if errors.As(reqErr.Err, &apiErr) {
			apiErr.Message, apiErr.HTTPStatus = e.Message, reqErr.HTTPStatus
		}
		e.kind = statusKind(e.StatusCode, e.Type, e.Code)
	case errors.As(err, &apiErr):
		e.StatusCode = apiErr.HTTPStatusCode
		if e.StatusCode == 0 {
			e.StatusCode = info.status
		}
		e.Type = c.identifier(apiErr.Type)
		// go-openai decodes "code": null as the integer 0.
		if apiErr.Code != nil && apiErr.Code != 0 {
			e.Code = c.identifier(fmt.Sprint(apiErr.Code))
		}
		e.Message = c.serverMessage(apiErr.Message, req)
		// The wrapped error's text is the message and the status line: keep only what
		// Error keeps.
		apiErr.Message, apiErr.Param, apiErr.InnerError = e.Message, nil, nil
		apiErr.HTTPStatus = statusLine(e.StatusCode)
		e.kind = statusKind(e.StatusCode, e.Type, e.Code)
	case parent.Err() != nil:
		// The caller's context ended: never retryable, whatever the transport said.
		e.Message = "context ended: " + parent.Err().Error()
		if echoes(err.Error(), req) {
			e.Err = errors.Join(errTransportEcho, parent.Err())
		} else if !errors.Is(err, parent.Err()) {
			e.Err = errors.Join(err, parent.Err())
		}
		return e
	case attempt.Err() != nil:
		e.kind = ErrTimeout
		e.Message = fmt.Sprintf("attempt timed out after %s", c.opts.timeout)
		if !errors.Is(err, context.DeadlineExceeded) {
			e.Err = errors.Join(err, context.DeadlineExceeded)
		}
	case info.status != 0:
		// A response arrived but its body could not be read or decoded: a proxy or
		// server glitch, worth another try when the status allows it.
		e.StatusCode = info.status
		e.Message = "unreadable response body"
		e.kind = statusKind(info.status, "", "")
		if e.kind == nil {
			e.kind = ErrUnavailable
		}
	case isTransport(err):
		e.kind = ErrUnavailable
		e.Message = "transport: " + c.redact(err.Error())
		if echoes(e.Message, req) {
			// net/http quotes a malformed response in its error: when that repeats the
			// request, neither the text nor the error carrying it is kept.
			e.Message, e.Err = "transport: (the error is omitted: it repeats the request)", errTransportEcho
		}
	default:
		// Rejected before sending (for example by go-openai's request validation).
		e.kind = ErrBadRequest
		e.Message = "invalid request: " + c.redact(err.Error())
	}
	e.Retryable = retryable(e.kind)
	if v := info.header.Get("x-should-retry"); e.StatusCode >= 400 && (v == "true" || v == "false") {
		e.Retryable = v == "true"
	}
	return e
}

// maxServerMessage bounds the server message kept in an Error.
const maxServerMessage = 200

// echoRun is the length in characters of a run that, found in both the server's message
// and the request's messages, means the message repeats the request.
const echoRun = 16

// serverMessage is the provider's message as an Error may keep it: key redacted (after
// JSON decoding, so an escaped key is caught too), at most maxServerMessage bytes, and
// replaced by a note when it repeats part of the request.
func (c *Client) serverMessage(msg string, req Request) string {
	msg = shorten(c.redact(strings.TrimSpace(msg)), maxServerMessage)
	if echoes(msg, req) {
		return "(the provider's message is omitted: it repeats the request)"
	}
	return msg
}

// echoes reports whether s and one of req's messages share a run of echoRun or more
// characters. A message is compared as written and as a provider that parsed it would
// quote it (see quotedForm), so a prompt that embeds the bullet as JSON ("<50ms"
// written as "\u003c50ms") is still recognised. A run that is also part of
// req.Schema does not count: the schema is the caller's code, not the text the filter
// protects, Generate copies it into the system message, and a provider's complaint
// about it ("'additionalProperties' is required to be supplied and to be false") is
// the message a developer needs.
func echoes(s string, req Request) bool {
	forms := make([]string, 0, 2*len(req.Messages))
	for _, m := range req.Messages {
		forms = append(forms, m.Content)
		if q := quotedForm(m.Content); q != m.Content {
			forms = append(forms, q)
		}
	}
	var schema []string
	if req.Schema != nil {
		schema = []string{string(req.Schema.JSON), quotedForm(string(req.Schema.JSON))}
	}
	r := []rune(s)
	for i := 0; i+echoRun <= len(r); i++ {
		w := string(r[i : i+echoRun])
		if slices.ContainsFunc(schema, func(f string) bool { return strings.Contains(f, w) }) {
			continue
		}
		if slices.ContainsFunc(forms, func(f string) bool { return strings.Contains(f, w) }) {
			return true
		}
	}
	return false
}

// quotedForm is s with JSON string escapes decoded (\", \\, \n, \u003c, surrogate
// pairs) and every invalid byte read as U+FFFD, as JSON encoding sends it: the text a
// provider quoting the request would show.
func quotedForm(s string) string {
	if !strings.ContainsRune(s, '\\') && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '\\' {
			if r, n := jsonEscape(s[i:]); n > 0 {
				b.WriteRune(r)
				i += n
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

// jsonEscape decodes the JSON string escape at the start of s, returning the rune and
// the escape's length in bytes, or n == 0 when s does not start with one.
func jsonEscape(s string) (r rune, n int) {
	if len(s) < 2 {
		return 0, 0
	}
	if i := strings.IndexByte("\"\\/bfnrt", s[1]); i >= 0 {
		return []rune{'"', '\\', '/', '\b', '\f', '\n', '\r', '\t'}[i], 2
	}
	r, ok := hex4(s)
	if !ok {
		return 0, 0
	}
	if utf16.IsSurrogate(r) {
		if low, ok := hex4(s[6:]); ok {
			if pair := utf16.DecodeRune(r, low); pair != utf8.RuneError {
				return pair, 12
			}
		}
		return utf8.RuneError, 6
	}
	return r, 6
}

// hex4 reads a \uXXXX escape at the start of s.
func hex4(s string) (rune, bool) {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return 0, false
	}
	v, err := strconv.ParseUint(s[2:6], 16, 16)
	return rune(v), err == nil
}

var identifierRE = regexp.MustCompile(`^[A-Za-z0-9_.:-]{1,64}$`)

// identifier is a provider's type or code as an Error may keep it: a short plain
// identifier that is not the key, or "".
func (c *Client) identifier(s string) string {
	if !identifierRE.MatchString(s) || c.redact(s) != s {
		return ""
	}
	return s
}

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
		return "", "", msg, true
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
	return text(inner.Type), text(inner.Code), text(inner.Message), true
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

// requestID returns the provider's request id header.
func requestID(h http.Header) string {
	for _, k := range []string{"x-request-id", "apim-request-id", "request-id"} {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// maxRetryAfter is the longest Retry-After parseRetryAfter returns: longer requests
// (up to absurd ones such as a billion seconds) saturate to it, and Generate then
// treats them as it treats any request over its cap.
const maxRetryAfter = 100 * 365 * 24 * time.Hour

// parseRetryAfter reads retry-after-ms, then retry-after (seconds or HTTP date), by one
// rule: a positive value is the wait, saturating at maxRetryAfter; anything else
// (absent, zero, negative, not a number, a date in the past) is 0.
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	if d := parseDelay(h.Get("retry-after-ms"), time.Millisecond); d > 0 {
		return d
	}
	v := strings.TrimSpace(h.Get("retry-after"))
	if d := parseDelay(v, time.Second); d > 0 {
		return d
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfter)
	}
	return 0
}

// parseDelay reads a non-negative decimal number of units, saturating at maxRetryAfter.
func parseDelay(v string, unit time.Duration) time.Duration {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if errors.Is(err, strconv.ErrRange) && f > 0 {
		return maxRetryAfter // "1e400": too large for a float64
	}
	if err != nil || math.IsNaN(f) || f <= 0 {
		return 0
	}
	if f >= float64(maxRetryAfter/unit) {
		return maxRetryAfter
	}
	return time.Duration(f * float64(unit))
}
