package bullets

import (
	"log/slog"
	"time"

	"github.com/resumekit/resumekit/llm"
	"github.com/resumekit/resumekit/skills"
)

// Defaults used by New.
const (
	// DefaultConcurrency is how many bullets RewriteAll sends to the model at once.
	DefaultConcurrency = 4
	// DefaultBudget bounds the time spent on one bullet's model call, retries, waits and
	// reasks included; when it runs out the bullet falls back to the rules, and only
	// that bullet. With a provider that is down (server errors, rate limits or refused
	// connections until retries run out), a batch ends within about one budget, because
	// the first bullets that find it down send the rest of the batch straight to the
	// rules.
	DefaultBudget = 20 * time.Second
	// DefaultMaxTokens caps the model's reply per call; a truncated reply is retried
	// once with twice as many.
	DefaultMaxTokens = 300
)

// Option configures a Rewriter. Options never fail; invalid values keep the default.
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
	genOpts     []llm.GenerateOption
	progress    func(done, total int)
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
// Default: DefaultConcurrency (4). n < 1 keeps the default.
func WithConcurrency(n int) Option {
	return func(o *options) {
		if n >= 1 {
			o.concurrency = n
		}
	}
}

// WithCache sets where model rewrites are cached. Default: NewMemoryCache(1024), an
// in-memory LRU owned by the Rewriter. nil disables caching. Only accepted model
// rewrites are cached, never rule results or fallbacks.
func WithCache(c Cache) Option {
	return func(o *options) { o.cache = c }
}

// WithPrompt selects the prompt version (see PromptVersions). Default: DefaultPrompt.
// An unknown version keeps the default, and every model result then carries a
// warning naming the unknown version.
func WithPrompt(version string) Option {
	return func(o *options) { o.prompt = version }
}

// WithModel sets the model name sent with each request. Default: "", which uses the
// client's own default (llm.WithModel).
func WithModel(name string) Option {
	return func(o *options) { o.model = name }
}

// WithBudget bounds the time spent on one bullet, retries, Retry-After waits and reasks
// included; the caller's context deadline applies as well, and the earlier wins.
// Default: DefaultBudget (20s). d <= 0 keeps the default.
func WithBudget(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.budget = d
		}
	}
}

// WithStrict makes authentication and billing failures (HTTP 401 and 403, and the
// insufficient_quota error) errors of Rewrite and RewriteAll instead of silent
// fallbacks. The result still carries the rule-based rewrite. Default: false (fall
// back, with a warning).
func WithStrict(strict bool) Option {
	return func(o *options) { o.strict = strict }
}

// WithGenerateOptions adds options to every llm.Generate call, after the Rewriter's
// own (reasks 1, elapsed budget, Retry-After cap, the guard as validator), so they
// override them. Tests use it for the clock seam, llm.WithSleep. Default: none.
func WithGenerateOptions(opts ...llm.GenerateOption) Option {
	return func(o *options) { o.genOpts = append(o.genOpts, opts...) }
}

// WithProgress sets a function RewriteAll calls after each request is done, with the
// number done so far and the total, for progress reports on long batches. Calls are
// serialized (never concurrent) and done grows by one each time; fn must not block for
// long, as it holds up the batch. Default: none.
func WithProgress(fn func(done, total int)) Option {
	return func(o *options) { o.progress = fn }
}
