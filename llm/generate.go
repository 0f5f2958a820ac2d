package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// Defaults of Generate's retry policy.
const (
	// DefaultMaxAttempts is the default number of HTTP attempts per model turn.
	DefaultMaxAttempts = 4
	// DefaultMaxElapsed is the default time budget of one Generate call's retries.
	DefaultMaxElapsed = 30 * time.Second
	// DefaultMaxReasks is the default number of reasks after bad output.
	DefaultMaxReasks = 2
	// DefaultMaxRetryAfter is the default cap on an honoured Retry-After.
	DefaultMaxRetryAfter = 20 * time.Second
)

// Backoff parameters (cenkalti/backoff ExponentialBackOff): the n-th wait (n from 1) is
// 500ms×2^(n-1), capped at 8s, then randomized by ±50%.
const (
	backoffInitial    = 500 * time.Millisecond
	backoffMultiplier = 2
	backoffMax        = 8 * time.Second
	backoffJitter     = 0.5
)

// Event kinds reported to an observer.
const (
	// EventTransport is an attempt that failed in transport or with an HTTP error.
	EventTransport = "transport"
	// EventParse is a reply that was not one JSON object.
	EventParse = "parse"
	// EventValidation is a reply that broke the schema or a validator.
	EventValidation = "validation"
	// EventRefusal is a refused reply (final).
	EventRefusal = "refusal"
	// EventTruncated is a reply cut at the token limit (final).
	EventTruncated = "truncated"
	// EventOK is an accepted reply.
	EventOK = "ok"
)

// Event describes one HTTP attempt of a Generate call, for metrics.
type Event struct {
	// Attempt is the 1-based number of the attempt within the call.
	Attempt int
	// Kind is one of EventTransport, EventParse, EventValidation, EventRefusal,
	// EventTruncated or EventOK.
	Kind string
	// StatusCode is the HTTP status (0 if no response arrived; 200 for replies).
	StatusCode int
	// Wait is the pause scheduled before the next attempt (0 if none).
	Wait time.Duration
	// Err is the attempt's error, nil for EventOK.
	Err error
}

// Meta describes a Generate call, on success and on failure.
type Meta struct {
	// Attempts is the number of HTTP attempts made.
	Attempts int
	// Reasks is the number of reasks sent after bad output.
	Reasks int
	// Usage is the token usage summed over every attempt, failed ones included.
	Usage Usage
	// Model is the model that answered last ("" if none answered).
	Model string
	// Refusal is the model's refusal message when the call failed with ErrRefused.
	Refusal string
	// Elapsed is the wall time of the call.
	Elapsed time.Duration
	// LastErr is the last failure seen (a transport error, or bad output that was then
	// reasked), even when a later attempt succeeded; nil if every attempt succeeded.
	LastErr error
	// Waits lists the pauses made between attempts, in order.
	Waits []time.Duration
}

// GenerateOption configures one Generate call. Options never fail.
type GenerateOption func(*generateConfig)

type generateConfig struct {
	maxAttempts   int
	maxElapsed    time.Duration
	maxReasks     int
	maxRetryAfter time.Duration
	observer      func(Event)
	sleep         func(context.Context, time.Duration) error
	logger        *slog.Logger
	validators    []validatorFunc
}

type validatorFunc struct {
	typ reflect.Type
	fn  func(any) error
}

// WithMaxAttempts caps the HTTP attempts for one model turn (the first request, and
// each reask) when attempts fail in transport: n-1 retries. Worst case a call makes
// n×(1+reasks) attempts. Default: DefaultMaxAttempts (4). n < 1 keeps the default.
func WithMaxAttempts(n int) GenerateOption {
	return func(c *generateConfig) {
		if n >= 1 {
			c.maxAttempts = n
		}
	}
}

// WithMaxElapsed sets the time budget for retries of the whole call: no wait starts
// that would end after it (counting time spent and waits made). It does not cut an
// attempt in flight; use ctx and the client's WithTimeout for that. Default:
// DefaultMaxElapsed (30s). d <= 0 keeps the default.
func WithMaxElapsed(d time.Duration) GenerateOption {
	return func(c *generateConfig) {
		if d > 0 {
			c.maxElapsed = d
		}
	}
}

// WithMaxReasks caps the reasks after unparseable, schema-invalid or validator-rejected
// output. Default: DefaultMaxReasks (2). 0 disables reasks; n < 0 keeps the default.
func WithMaxReasks(n int) GenerateOption {
	return func(c *generateConfig) {
		if n >= 0 {
			c.maxReasks = n
		}
	}
}

// WithMaxRetryAfter caps the server's Retry-After that Generate honours: a longer
// request is waited for only this long, or for the normal backoff if that is longer
// (the cap never shortens a wait). Default: DefaultMaxRetryAfter (20s).
// d <= 0 keeps the default.
func WithMaxRetryAfter(d time.Duration) GenerateOption {
	return func(c *generateConfig) {
		if d > 0 {
			c.maxRetryAfter = d
		}
	}
}

// WithObserver sets a function called synchronously after every attempt. Default: none.
func WithObserver(fn func(Event)) GenerateOption {
	return func(c *generateConfig) { c.observer = fn }
}

// WithSleep replaces how Generate waits between attempts (a clock seam for tests). fn
// must return ctx.Err() if ctx ends first. Default: a timer raced against ctx.Done().
func WithSleep(fn func(ctx context.Context, d time.Duration) error) GenerateOption {
	return func(c *generateConfig) {
		if fn != nil {
			c.sleep = fn
		}
	}
}

// WithGenerateLogger sets the logger for retry and reask decisions (attempt numbers,
// kinds, statuses, waits, problem counts; never text). Default: nil, which discards.
func WithGenerateLogger(l *slog.Logger) GenerateOption {
	return func(c *generateConfig) { c.logger = l }
}

// WithValidator adds a check, run after the reply decoded into T and passed the schema,
// for rules the schema cannot state. A non-nil error is reasked with its message (so
// it should name the problem, not quote resume text) and, when reasks run out, wrapped
// in the returned error. Using WithValidator[U] with Generate[T] for U != T is a
// programming error that Generate reports.
func WithValidator[T any](fn func(T) error) GenerateOption {
	return func(c *generateConfig) {
		if fn == nil {
			return
		}
		c.validators = append(c.validators, validatorFunc{
			typ: reflect.TypeFor[T](),
			fn:  func(v any) error { return fn(v.(T)) },
		})
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Generate asks c for a value of type T and returns it once it decodes and validates.
//
// If req.Schema is nil it is set to SchemaFor[T]() and replies are also checked against
// the constraints SchemaFor moved into descriptions. The schema is sent as
// response_format and described in the system prompt (for servers that ignore
// response_format). A reply is decoded strictly, then leniently (```json fences, prose
// around one object), validated against the schema, decoded into T and passed to each
// WithValidator function. Bad output is reasked: the reply and a user message naming
// every problem are appended to a copy of the messages, at most WithMaxReasks times.
//
// Retryable *Error failures are retried with exponential backoff and jitter, waiting at
// least the server's Retry-After (capped by WithMaxRetryAfter), within WithMaxAttempts
// per turn and the WithMaxElapsed budget; errors from other Completers are not retried.
// A refusal (ErrRefused) and a reply cut at the token limit (ErrTruncated) are final.
//
// Meta is filled on success and failure. On failure the error wraps the last failure
// and, when retries stopped early, why (errors.Is reaches context.Canceled,
// context.DeadlineExceeded, ErrInvalidOutput, ErrRefused, ErrTruncated; errors.As
// reaches *Error). Generate is safe for concurrent use if c is.
func Generate[T any](ctx context.Context, c Completer, req Request, opts ...GenerateOption) (T, Meta, error) {
	var zero T
	start := time.Now()
	cfg := generateConfig{
		maxAttempts: DefaultMaxAttempts, maxElapsed: DefaultMaxElapsed,
		maxReasks: DefaultMaxReasks, maxRetryAfter: DefaultMaxRetryAfter, sleep: sleepCtx,
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.logger == nil {
		cfg.logger = slog.New(slog.DiscardHandler)
	}
	g := &generation{cfg: cfg, c: c, start: start}

	if c == nil {
		return zero, g.finish(), errors.New("llm: generate: nil completer")
	}
	for _, v := range cfg.validators {
		if v.typ != reflect.TypeFor[T]() {
			return zero, g.finish(), fmt.Errorf("llm: generate: validator for %s used with %s", v.typ, reflect.TypeFor[T]())
		}
	}
	if len(req.Messages) == 0 {
		return zero, g.finish(), errors.New("llm: generate: no messages")
	}
	var check map[string]any
	if req.Schema == nil {
		ts := schemaOf(reflect.TypeFor[T]())
		if ts.err != nil {
			return zero, g.finish(), ts.err
		}
		s := ts.schema
		req.Schema = &s
		check = ts.check
	} else if err := json.Unmarshal(req.Schema.JSON, &check); err != nil {
		return zero, g.finish(), fmt.Errorf("llm: generate: schema %s is not valid json: %w", req.Schema.Name, err)
	}
	check = useNumbers(check)
	req.Messages = withSchemaPrompt(req.Messages, req.Schema)

	for {
		resp, err := g.turn(ctx, req)
		if err != nil {
			return zero, g.finish(), err
		}
		g.meta.Model = resp.Model
		attempt := g.meta.Attempts
		switch {
		case resp.Refusal != "" || resp.FinishReason == "content_filter":
			g.meta.Refusal = resp.Refusal
			err := fmt.Errorf("%w (finish reason %q, refusal of %d chars)", ErrRefused, resp.FinishReason, len(resp.Refusal))
			g.emit(Event{Attempt: attempt, Kind: EventRefusal, StatusCode: 200, Err: err})
			g.meta.LastErr = err
			return zero, g.finish(), err
		case resp.FinishReason == "length":
			err := fmt.Errorf("%w: reply cut at the token limit after %d completion tokens", ErrTruncated, resp.Usage.CompletionTokens)
			g.emit(Event{Attempt: attempt, Kind: EventTruncated, StatusCode: 200, Err: err})
			g.meta.LastErr = err
			return zero, g.finish(), err
		}

		v, oe := decodeAndCheck[T](resp.Content, check, cfg.validators)
		if oe == nil {
			g.emit(Event{Attempt: attempt, Kind: EventOK, StatusCode: 200})
			return v, g.finish(), nil
		}
		err = oe
		g.emit(Event{Attempt: attempt, Kind: oe.kind, StatusCode: 200, Err: err})
		g.meta.LastErr = err
		cfg.logger.LogAttrs(ctx, slog.LevelDebug, "llm output rejected",
			slog.Int(logKeyAttempt, attempt), slog.String(logKeyKind, oe.kind), slog.Int(logKeyProblems, len(oe.problems)))
		if g.meta.Reasks >= cfg.maxReasks {
			return zero, g.finish(), fmt.Errorf("%w after %d reasks: %w", ErrInvalidOutput, g.meta.Reasks, err)
		}
		g.meta.Reasks++
		msgs := make([]Message, 0, len(req.Messages)+2)
		msgs = append(msgs, req.Messages...)
		msgs = append(msgs, Message{Role: RoleAssistant, Content: resp.Content}, Message{Role: RoleUser, Content: reaskText(oe.reask)})
		req.Messages = msgs
	}
}

// outputError is a rejected reply: what kind of problem and each concrete problem.
// problems go into the error text and never quote the reply; reask, sent back to the
// model only, may (it names unknown fields).
type outputError struct {
	kind     string
	problems []string
	reask    []string
	cause    error
}

func (e *outputError) Error() string {
	return fmt.Sprintf("llm: %s: %s", map[string]string{
		EventParse: "reply is not one json object", EventValidation: "reply failed validation",
	}[e.kind], strings.Join(e.problems, "; "))
}

func (e *outputError) Unwrap() error { return e.cause }

// decodeAndCheck turns reply text into T, or into the rejection to reask with.
func decodeAndCheck[T any](content string, check map[string]any, validators []validatorFunc) (T, *outputError) {
	var v T
	raw, obj, err := decodeReply(content)
	if err != nil {
		p := []string{err.Error()}
		return v, &outputError{kind: EventParse, problems: p, reask: p}
	}
	if problems, reask := validate(check, obj); len(problems) > 0 {
		return v, &outputError{kind: EventValidation, problems: problems, reask: reask}
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		p := []string{"reply does not decode into the expected type"}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			p = []string{fmt.Sprintf("$.%s: value does not fit Go type %s", te.Field, te.Type)}
		}
		return v, &outputError{kind: EventValidation, problems: p, reask: p}
	}
	var errs []error
	var problems []string
	for _, val := range validators {
		if err := val.fn(v); err != nil {
			errs = append(errs, err)
			problems = append(problems, err.Error())
		}
	}
	if len(problems) > 0 {
		return v, &outputError{kind: EventValidation, problems: problems, reask: problems, cause: errors.Join(errs...)}
	}
	return v, nil
}

// reaskText is the user message sent after a rejected reply.
func reaskText(problems []string) string {
	var b strings.Builder
	b.WriteString("Your previous reply was rejected. Fix every problem below and reply again with only the JSON object that matches the schema.\nProblems:\n")
	for _, p := range problems {
		b.WriteString("- ")
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return b.String()
}

// withSchemaPrompt returns a copy of msgs whose system message also describes the schema.
func withSchemaPrompt(msgs []Message, s *Schema) []Message {
	text := "Reply with only a JSON object, without code fences or commentary, that matches this JSON Schema (every property is required):\n" + string(s.JSON)
	out := make([]Message, 0, len(msgs)+1)
	if len(msgs) > 0 && msgs[0].Role == RoleSystem {
		out = append(out, Message{Role: RoleSystem, Content: msgs[0].Content + "\n\n" + text})
		return append(out, msgs[1:]...)
	}
	out = append(out, Message{Role: RoleSystem, Content: text})
	return append(out, msgs...)
}

// useNumbers re-decodes a schema so its numbers are json.Number, as validateValue expects.
func useNumbers(m map[string]any) map[string]any {
	b, err := json.Marshal(m)
	if err != nil {
		return m
	}
	out, err := decodeObject(b)
	if err != nil {
		return m
	}
	return out
}

// generation is the state of one Generate call.
type generation struct {
	cfg   generateConfig
	c     Completer
	start time.Time
	meta  Meta
	slept time.Duration
}

func (g *generation) finish() Meta {
	g.meta.Elapsed = time.Since(g.start)
	return g.meta
}

func (g *generation) emit(e Event) {
	if g.cfg.observer != nil {
		g.cfg.observer(e)
	}
}

// spent is the budget used so far: wall time, or the waits made if a sleep seam made
// them take no wall time.
func (g *generation) spent() time.Duration {
	return max(time.Since(g.start), g.slept)
}

// turn gets one response for req, retrying transport failures.
func (g *generation) turn(ctx context.Context, req Request) (Response, error) {
	bo := backoff.NewExponentialBackOff(
		backoff.WithInitialInterval(backoffInitial),
		backoff.WithMultiplier(backoffMultiplier),
		backoff.WithMaxInterval(backoffMax),
		backoff.WithRandomizationFactor(backoffJitter),
		backoff.WithMaxElapsedTime(0), // the budget is enforced below, with the sleep seam
	)
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return Response{}, g.stopped(err, "context ended")
		}
		resp, err := g.c.Complete(ctx, req)
		g.meta.Attempts++
		g.meta.Usage = g.meta.Usage.Add(resp.Usage)
		if err == nil {
			return resp, nil
		}
		g.meta.LastErr = err
		ev := Event{Attempt: g.meta.Attempts, Kind: EventTransport, Err: err}
		var e *Error
		retryable := errors.As(err, &e) && e.Retryable
		if e != nil {
			ev.StatusCode = e.StatusCode
		}
		if ctx.Err() != nil {
			g.emit(ev)
			return Response{}, g.stopped(ctx.Err(), "context ended")
		}
		if !retryable {
			g.emit(ev)
			return Response{}, fmt.Errorf("llm: generate: attempt %d not retryable: %w", g.meta.Attempts, err)
		}
		if n >= g.cfg.maxAttempts {
			g.emit(ev)
			return Response{}, g.stopped(nil, fmt.Sprintf("%d attempts made", n))
		}
		// Retry-After (capped) can lengthen the backoff, never shorten it.
		wait := max(bo.NextBackOff(), min(e.RetryAfter, g.cfg.maxRetryAfter))
		if g.spent()+wait > g.cfg.maxElapsed {
			g.emit(ev)
			return Response{}, g.stopped(nil, fmt.Sprintf("next wait %s exceeds the %s budget", wait, g.cfg.maxElapsed))
		}
		ev.Wait = wait
		g.emit(ev)
		g.cfg.logger.LogAttrs(ctx, slog.LevelDebug, "llm retry scheduled",
			slog.Int(logKeyAttempt, g.meta.Attempts), slog.Int(logKeyStatus, ev.StatusCode), slog.Duration(logKeyWait, wait))
		g.meta.Waits = append(g.meta.Waits, wait)
		g.slept += wait
		if err := g.cfg.sleep(ctx, wait); err != nil {
			return Response{}, g.stopped(err, "context ended while waiting")
		}
	}
}

// stopped builds the error of a call whose retries stopped: it wraps the last failure
// and, if given, the reason (a context error).
func (g *generation) stopped(reason error, why string) error {
	last := g.meta.LastErr
	switch {
	case last == nil && reason != nil:
		return fmt.Errorf("llm: generate: %s before attempt %d: %w", why, g.meta.Attempts+1, reason)
	case reason != nil:
		return fmt.Errorf("llm: generate: %s after %d attempts: %w; last error: %w", why, g.meta.Attempts, reason, last)
	default:
		return fmt.Errorf("llm: generate: gave up, %s: %w", why, last)
	}
}
