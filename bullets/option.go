package bullets

import (
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/resumekit/resumekit/skills"
)

// Defaults used by New.
const (
	// DefaultConcurrency is how many bullets RewriteAll sends to the model at once.
	DefaultConcurrency = 4
	// DefaultBudget bounds the time spent on one bullet's model call, retries, waits and
	// reasks included; when it runs out the bullet falls back to the rules, and only
	// that bullet. With a provider that is down (server errors, rate limits, refused
	// connections or a server that never answers, until retries or the budget run
	// out), a batch ends within about one budget, because once DownAfter bullets in a
	// row find it so, the rest of the batch goes straight to the rules.
	DefaultBudget = 20 * time.Second
	// DefaultMaxTokens caps the model's reply per call; package llm asks again with
	// twice as many after a truncated reply, within the one reask a bullet gets.
	DefaultMaxTokens = 300
	// DownAfter is how many bullets in a row must end with the provider unavailable or
	// rate limiting (after llm's retries) before RewriteAll stops asking it. One
	// unlucky bullet among many answered ones never trips it.
	DownAfter = 3
)

// Option configures a Rewriter. An invalid value is a programming error: New panics
// with a message naming the option and the value (see the package documentation).
type Option func(*options)

type options struct {
	catalog     *skills.Catalog
	logger      *slog.Logger
	concurrency int
	cache       Cache
	prompt      string
	model       string
	budget      time.Duration
	strict      bool
	progress    func(done, total int)
	// schemaInPrompt also writes the reply's JSON Schema into the system message.
	schemaInPrompt bool
}

// WithSchemaInPrompt also writes the reply's JSON Schema into the system message, for
// OpenAI-compatible servers that ignore response_format (llm.WithSchemaInPrompt).
// Default: off; the schema is sent once, as the response format.
func WithSchemaInPrompt(on bool) Option {
	return func(o *options) { o.schemaInPrompt = on }
}

// WithCatalog sets the technology vocabulary for analysis and the guard. Default:
// skills.Backend(). nil keeps the default.
func WithCatalog(c *skills.Catalog) Option {
	return func(o *options) {
		if c != nil {
			o.catalog = c
		}
	}
}

// WithLogger sets the logger for fallbacks and model failures (bullet length and hash,
// source, attempts, reason kind; never resume text or keys). It is also passed to
// llm.Generate for retry decisions. Default: nil, which discards everything.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) { o.logger = l }
}

// WithConcurrency sets how many bullets RewriteAll sends to the model at once.
// Default: DefaultConcurrency (4). New panics if n < 1.
func WithConcurrency(n int) Option {
	return func(o *options) {
		if n < 1 {
			panic(fmt.Sprintf("bullets: WithConcurrency(%d): n must be at least 1", n))
		}
		o.concurrency = n
	}
}

// WithCache sets where model rewrites are cached. Default: NewMemoryCache(1024), an
// in-memory LRU owned by the Rewriter. nil disables caching. Only accepted model
// rewrites are cached, never rule results or fallbacks.
func WithCache(c Cache) Option {
	return func(o *options) { o.cache = c }
}

// WithPrompt selects the prompt version (see PromptVersions). Default: DefaultPrompt.
// New panics if the version is unknown.
func WithPrompt(version string) Option {
	return func(o *options) {
		if !slices.Contains(PromptVersions(), version) {
			panic(fmt.Sprintf("bullets: WithPrompt(%q): unknown prompt version (have %s)", version, strings.Join(PromptVersions(), ", ")))
		}
		o.prompt = version
	}
}

// WithModel sets the model name sent with each request. Default: "", which uses the
// client's own default (llm.WithModel).
func WithModel(name string) Option {
	return func(o *options) { o.model = name }
}

// WithBudget bounds the time spent on one bullet, retries, Retry-After waits and reasks
// included; the caller's context deadline applies as well, and the earlier wins.
// Default: DefaultBudget (20s). New panics if d is not positive.
func WithBudget(d time.Duration) Option {
	return func(o *options) {
		if d <= 0 {
			panic(fmt.Sprintf("bullets: WithBudget(%s): d must be positive", d))
		}
		o.budget = d
	}
}

// WithStrict makes authentication and billing failures (llm.ErrAuth and llm.ErrQuota)
// errors of Rewrite and RewriteAll, not only fallbacks with a warning. The result still
// carries the rule-based rewrite. In RewriteAll the bullets that met the failure
// return it; once one has, the batch skips the model and the rest fall back with a
// warning, without an error. Default: false (fall back, with a warning).
func WithStrict(strict bool) Option {
	return func(o *options) { o.strict = strict }
}

// WithProgress sets a function RewriteAll calls after each request is done, with the
// number done so far and the total, for progress reports on long batches. Calls are
// serialized (never concurrent) and done grows by one each time; fn must not block for
// long, as it holds up the batch. Default: none.
func WithProgress(fn func(done, total int)) Option {
	return func(o *options) { o.progress = fn }
}
