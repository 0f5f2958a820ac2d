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
	// EventTruncated is a reply cut at the token limit.
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
	// Reasks is the number of extra model turns after a reply that could not be used:
	// reasks after bad output, and retries with a larger token limit after a
	// truncated reply.
	Reasks int
	// Usage is the token usage summed over every attempt, failed ones included.
	Usage Usage
	// Model is the model that answered last ("" if none answered).
	Model string
	// Refusal is the model's refusal message when the call failed with ErrRefused.
	Refusal string
	// Elapsed is the wall time of the call.
	Elapsed time.Duration
	// LastErr is the last failure seen (a provider failure, or bad output that was then
	// reasked), even when a later attempt succeeded; nil if every attempt succeeded.
	// An attempt cut by the context is not a failure of the provider and does not
	// replace it.
	LastErr error
	// Waits lists the pauses made between attempts, in order.
	Waits []time.Duration
}

// Add returns the totals of m followed by o: counts, usage, elapsed time and waits
// summed; model, refusal and last error taken from o when it has them.
func (m Meta) Add(o Meta) Meta {
	m.Attempts += o.Attempts
	m.Reasks += o.Reasks
	m.Usage = m.Usage.Add(o.Usage)
	m.Elapsed += o.Elapsed
	if o.Model != "" {
		m.Model = o.Model
	}
	if o.Refusal != "" {
		m.Refusal = o.Refusal
	}
	if o.LastErr != nil {
		m.LastErr = o.LastErr
	}
	if len(o.Waits) > 0 {
		m.Waits = append(m.Waits[:len(m.Waits):len(m.Waits)], o.Waits...)
	}
	return m
}

// GenerateOption configures one Generate call. An invalid value is a programming
// error: Generate panics with a message naming the option and the value.
type GenerateOption func(*generateConfig)

type generateConfig struct {
	maxAttempts   int
	maxElapsed    time.Duration
	maxReasks     int
	maxRetryAfter time.Duration
	observer      func(Event)
	logger        *slog.Logger
	// schemaInPrompt also writes the schema into the system message.
	schemaInPrompt bool
}

// WithMaxAttempts caps the HTTP attempts for one model turn (the first request, and
// each reask) when attempts fail in transport: n-1 retries. Worst case a call makes
// n×(1+reasks) attempts. Default: DefaultMaxAttempts (4). Generate panics if n < 1.
func WithMaxAttempts(n int) GenerateOption {
	return func(c *generateConfig) { c.maxAttempts = atLeast("WithMaxAttempts", n, 1) }
}

// WithMaxElapsed sets the time budget for retries of the whole call: no wait starts
// that would end after it (counting time spent and waits made). It does not cut an
// attempt in flight; use ctx and the client's WithTimeout for that. Default:
// DefaultMaxElapsed (30s). Generate panics if d is not positive.
func WithMaxElapsed(d time.Duration) GenerateOption {
	return func(c *generateConfig) { c.maxElapsed = positive("WithMaxElapsed", d) }
}

// WithMaxReasks caps the extra model turns after a reply that could not be used: a
// reask after unparseable, schema-invalid or validator-rejected output, or a retry
// with twice the token limit after a truncated reply. Default: DefaultMaxReasks (2).
// 0 disables them. Generate panics if n < 0.
func WithMaxReasks(n int) GenerateOption {
	return func(c *generateConfig) { c.maxReasks = atLeast("WithMaxReasks", n, 0) }
}

// WithMaxRetryAfter caps the server's Retry-After that Generate honours. retry-after-ms
// and retry-after follow one rule: a request longer than d (however long, a billion
// seconds included) is waited for only d, or for the normal backoff if that is longer
// (the cap never shortens a wait); the WithMaxElapsed budget then decides whether that
// wait happens at all. Default: DefaultMaxRetryAfter (20s). Generate panics if d is not
// positive.
func WithMaxRetryAfter(d time.Duration) GenerateOption {
	return func(c *generateConfig) { c.maxRetryAfter = positive("WithMaxRetryAfter", d) }
}

// WithSchemaInPrompt also writes the JSON Schema into the system message, for
// OpenAI-compatible servers that ignore response_format (some local model servers).
// Default: off; the schema is sent once, as the response format, and the system
// message only asks for a JSON object.
func WithSchemaInPrompt(on bool) GenerateOption {
	return func(c *generateConfig) { c.schemaInPrompt = on }
}

// WithObserver sets a function called synchronously after every attempt. Default: none.
func WithObserver(fn func(Event)) GenerateOption {
	return func(c *generateConfig) { c.observer = fn }
}

// WithGenerateLogger sets the logger for retry and reask decisions (attempt numbers,
// kinds, statuses, waits, problem counts; never text). Default: nil, which discards.
func WithGenerateLogger(l *slog.Logger) GenerateOption {
	return func(c *generateConfig) { c.logger = l }
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

// Generate is shorthand for GenerateValidated with no validator.
func Generate[T any](ctx context.Context, c Completer, req Request, opts ...GenerateOption) (T, Meta, error) {
	return GenerateValidated[T](ctx, c, req, nil, opts...)
}

// GenerateValidated asks c for a value of type T and returns it once it decodes and
// validates.
//
// If req.Schema is nil it is set to SchemaFor[T]() and replies are also checked against
// the constraints SchemaFor moved into descriptions. The schema is sent once, as
// response_format; the system message asks for a JSON object (WithSchemaInPrompt also
// writes the schema there, for servers that ignore response_format). A reply is decoded strictly, then leniently (```json fences, prose
// around one object), validated against the schema, decoded into T and passed to
// validate (unless nil), for rules the schema cannot state; validate takes a T, so a
// validator of another type does not compile. Bad output is reasked: the reply and a
// user message naming every problem are appended to a copy of the messages. For a
// validator's error the message holds its text, or, when the error (or one it wraps)
// has a method Reask() string, that text: the model may be told more (the offending
// words, say) than the error text, which ends up in Meta.LastErr and the returned
// error and so should name the problem without quoting the value. A
// reply cut at the token limit is asked again with twice req.MaxTokens (when set); it
// is never sent back. Both kinds of extra turn share WithMaxReasks.
//
// Retryable *Error failures are retried with exponential backoff and jitter, waiting at
// least the server's Retry-After (capped by WithMaxRetryAfter), within WithMaxAttempts
// per turn and the WithMaxElapsed budget; errors from other Completers are not retried.
//
// Meta is filled on success and failure. A failed turn is a *RetryError (the last
// failure and why retrying stopped); other failures wrap ErrRefused, ErrTruncated,
// ErrInvalidOutput or, for a call that cannot be made (nil c, no messages, a type
// strict mode cannot express), ErrBadRequest. GenerateValidated is safe for concurrent
// use if c is. It panics if an option has an invalid value.
func GenerateValidated[T any](ctx context.Context, c Completer, req Request, validate func(T) error, opts ...GenerateOption) (T, Meta, error) {
	var zero T
	start := time.Now()
	cfg := generateConfig{
		maxAttempts: DefaultMaxAttempts, maxElapsed: DefaultMaxElapsed,
		maxReasks: DefaultMaxReasks, maxRetryAfter: DefaultMaxRetryAfter,
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
		return zero, g.finish(), fmt.Errorf("llm: generate: nil completer: %w", ErrBadRequest)
	}
	if len(req.Messages) == 0 {
		return zero, g.finish(), fmt.Errorf("llm: generate: no messages: %w", ErrBadRequest)
	}
	var (
		check map[string]any
		err   error
	)
	if req.Schema == nil {
		ts := schemaOf(reflect.TypeFor[T]())
		if ts.err != nil {
			return zero, g.finish(), fmt.Errorf("%w: %w", ErrBadRequest, ts.err)
		}
		s := ts.schema
		req.Schema = &s
		check = ts.check
	} else if check, err = decodeObject(req.Schema.JSON); err != nil {
		return zero, g.finish(), fmt.Errorf("llm: generate: schema %s is not valid json: %w: %w", req.Schema.Name, ErrBadRequest, err)
	}
	req.Messages = withSchemaPrompt(req.Messages, req.Schema, cfg.schemaInPrompt)

	for {
		resp, tm, err := g.turn(ctx, req)
		g.meta = g.meta.Add(tm)
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
			if req.MaxTokens <= 0 || g.meta.Reasks >= cfg.maxReasks {
				return zero, g.finish(), err
			}
			// The same conversation again, with room to finish.
			g.meta.Reasks++
			req.MaxTokens *= 2
			continue
		}

		v, oe := decodeAndCheck(resp.Content, check, validate)
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
func decodeAndCheck[T any](content string, check map[string]any, validator func(T) error) (T, *outputError) {
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
	if validator == nil {
		return v, nil
	}
	if err := validator(v); err != nil {
		p, r := []string{err.Error()}, []string{err.Error()}
		var rq interface{ Reask() string }
		if errors.As(err, &rq) {
			r = []string{rq.Reask()}
		}
		return v, &outputError{kind: EventValidation, problems: p, reask: r, cause: err}
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

// withSchemaPrompt returns a copy of msgs whose system message asks for a JSON reply:
// the schema itself travels once, as the response format, unless whole is set
// (WithSchemaInPrompt), for servers that ignore response_format.
func withSchemaPrompt(msgs []Message, s *Schema, whole bool) []Message {
	text := "Reply with only a JSON object, without code fences or commentary, in the response format."
	if whole {
		text = "Reply with only a JSON object, without code fences or commentary, that matches this JSON Schema (every property is required):\n" + string(s.JSON)
	}
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

// turn gets one response for req, retrying retryable failures. Its Meta covers only
// this turn; a failure is a *RetryError.
func (g *generation) turn(ctx context.Context, req Request) (Response, Meta, error) {
	bo := backoff.NewExponentialBackOff(
		backoff.WithInitialInterval(backoffInitial),
		backoff.WithMultiplier(backoffMultiplier),
		backoff.WithMaxInterval(backoffMax),
		backoff.WithRandomizationFactor(backoffJitter),
		backoff.WithMaxElapsedTime(0), // the budget is enforced below, over the whole call
	)
	var m Meta
	stop := func(last, cause error) error {
		return &RetryError{LastErr: last, Cause: cause, Attempts: g.meta.Attempts + m.Attempts}
	}
	for n := 1; ; n++ {
		if ctx.Err() != nil {
			return Response{}, m, stop(m.LastErr, contextCause(ctx))
		}
		resp, err := g.c.Complete(ctx, req)
		m.Attempts++
		m.Usage = m.Usage.Add(resp.Usage)
		if err == nil {
			return resp, m, nil
		}
		ev := Event{Attempt: g.meta.Attempts + m.Attempts, Kind: EventTransport, Err: err}
		var e *Error
		retryable := errors.As(err, &e) && e.Retryable
		if e != nil {
			ev.StatusCode = e.StatusCode
		}
		if ctx.Err() != nil {
			// Cut by the context: not a failure of the provider, so the last one stays.
			g.emit(ev)
			return Response{}, m, stop(m.LastErr, contextCause(ctx))
		}
		m.LastErr = err
		if !retryable {
			g.emit(ev)
			return Response{}, m, stop(err, nil)
		}
		if n >= g.cfg.maxAttempts {
			g.emit(ev)
			return Response{}, m, stop(err, ErrMaxAttempts)
		}
		// Retry-After (capped) can lengthen the backoff, never shorten it.
		wait := max(bo.NextBackOff(), min(e.RetryAfter, g.cfg.maxRetryAfter))
		if time.Since(g.start)+wait > g.cfg.maxElapsed {
			g.emit(ev)
			return Response{}, m, stop(err, ErrMaxElapsed)
		}
		ev.Wait = wait
		g.emit(ev)
		g.cfg.logger.LogAttrs(ctx, slog.LevelDebug, "llm retry scheduled",
			slog.Int(logKeyAttempt, ev.Attempt), slog.Int(logKeyStatus, ev.StatusCode), slog.Duration(logKeyWait, wait))
		m.Waits = append(m.Waits, wait)
		if sleepCtx(ctx, wait) != nil {
			return Response{}, m, stop(err, contextCause(ctx))
		}
	}
}

// contextCause is ctx's error, joined with the cause it was cancelled with if that
// differs, so errors.Is reaches both.
func contextCause(ctx context.Context) error {
	err, cause := ctx.Err(), context.Cause(ctx)
	if cause == nil || cause == err {
		return err
	}
	return fmt.Errorf("%w: %w", err, cause)
}
