package bullets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/resumekit/resumekit/internal/wording"
	"github.com/resumekit/resumekit/llm"
)

// Log attribute keys (snake_case, stable).
const (
	logKeyBulletLen  = "bullet_len"
	logKeyBulletHash = "bullet_hash"
	logKeyReason     = "reason"
	logKeyAttempts   = "attempts"
	logKeyIndex      = "index"
)

// Rewriter rewrites weak resume bullets: with a model through package llm when one is
// given, and with the rule-based rewriter otherwise and as the fallback. Every model
// rewrite passes the Guard first. Create it with New; a Rewriter is safe for concurrent
// use by multiple goroutines.
type Rewriter struct {
	model      llm.Completer
	modelName  string // for the cache key and results: WithModel, or the client's default
	opts       options
	v          *vocab
	prompt     *prompt
	promptNote string // warning when WithPrompt named an unknown version
	logger     *slog.Logger
}

// New returns a Rewriter that asks model, or only applies the rules when model is nil
// (the offline default: no key, no network). See the Option functions for defaults.
func New(model llm.Completer, opts ...Option) *Rewriter {
	o := options{concurrency: DefaultConcurrency, budget: DefaultBudget, prompt: DefaultPrompt, cache: NewMemoryCache(DefaultCacheSize)}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	r := &Rewriter{model: model, opts: o, v: vocabFor(o.catalog), logger: o.logger}
	if r.logger == nil {
		r.logger = slog.New(slog.DiscardHandler)
	}
	r.prompt = prompts()[o.prompt]
	if r.prompt == nil {
		r.promptNote = fmt.Sprintf("unknown prompt version %q; used %s", o.prompt, DefaultPrompt)
		r.prompt = prompts()[DefaultPrompt]
	}
	r.modelName = o.model
	if named, ok := model.(interface{ Model() string }); ok && r.modelName == "" {
		r.modelName = named.Model()
	}
	return r
}

// Rewrite rewrites one bullet. It always returns a result: when the model fails,
// refuses, keeps breaking the guard or ctx ends first, the result is the rule-based
// rewrite with Source "rules" and a warning saying why. That is not an error. Rewrite
// returns an error only for an empty bullet (ErrEmptyBullet) and, with WithStrict, for
// authentication and billing failures; the result is filled in those cases too.
func (r *Rewriter) Rewrite(ctx context.Context, req Request) (Result, error) {
	return r.rewrite(ctx, req, nil)
}

// RewriteAll rewrites every request and returns one result per request, in input
// order, whatever happens. At most WithConcurrency bullets are sent to the model at
// once, and identical requests are sent once (the copies get Source "cache"). When the
// provider turns out to be down or to reject the key, the bullets not yet done skip the
// model and fall back to the rules at once. The error joins the per-request errors
// Rewrite would return, each prefixed with the request's index; the results are
// complete even then.
func (r *Rewriter) RewriteAll(ctx context.Context, reqs []Request) ([]Result, error) {
	results := make([]Result, len(reqs))
	errs := make([]error, len(reqs))
	var mu sync.Mutex
	done := 0
	report := func(n int) {
		if r.opts.progress == nil {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		for range n {
			done++
			r.opts.progress(done, len(reqs))
		}
	}
	if r.model == nil {
		for i, req := range reqs {
			results[i], errs[i] = r.rewrite(ctx, req, nil)
			report(1)
		}
		return results, joinErrors(errs)
	}

	// Identical requests are sent once.
	firstOf := map[string]int{}
	dupOf := make([]int, len(reqs))
	var unique []int
	dups := map[int]int{} // first index → number of copies
	for i, req := range reqs {
		dupOf[i] = -1
		k := r.key(req)
		if j, ok := firstOf[k]; ok {
			dupOf[i] = j
			dups[j]++
			continue
		}
		firstOf[k] = i
		unique = append(unique, i)
	}

	bctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	b := &batch{ctx: bctx, cancel: cancel}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(r.opts.concurrency, len(unique)) {
		wg.Go(func() {
			for i := range jobs {
				results[i], errs[i] = r.rewrite(bctx, reqs[i], b)
				report(1 + dups[i])
			}
		})
	}
	for _, i := range unique {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	for i, j := range dupOf {
		if j < 0 {
			continue
		}
		res := results[j].clone()
		res.Original = reqs[i].Bullet
		if res.Source == SourceLLM {
			res.Source, res.Attempts, res.Usage = SourceCache, 0, Usage{}
		}
		results[i], errs[i] = res, errs[j]
	}
	return results, joinErrors(errs)
}

func joinErrors(errs []error) error {
	var out []error
	for i, err := range errs {
		if err != nil {
			out = append(out, fmt.Errorf("request %d: %w", i, err))
		}
	}
	return errors.Join(out...)
}

// batch is the shared state of one RewriteAll call: once the provider is found down,
// the rest of the batch skips it.
type batch struct {
	ctx    context.Context
	cancel context.CancelCauseFunc

	mu     sync.Mutex
	reason string
}

// errProviderDown is the cause of a batch context cancelled because the provider is
// down; it never reaches a caller.
var errProviderDown = errors.New("bullets: provider down")

func (b *batch) trip(reason string) {
	if b == nil {
		return
	}
	b.mu.Lock()
	if b.reason == "" {
		b.reason = reason
	}
	b.mu.Unlock()
	b.cancel(errProviderDown)
}

func (b *batch) down() string {
	if b == nil {
		return ""
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.reason
}

// rewrite is Rewrite within an optional batch.
func (r *Rewriter) rewrite(ctx context.Context, req Request, b *batch) (Result, error) {
	ev := newEvidence(r.v, req) // the bullet and facts, parsed once for every step
	a := ev.bullet.analyze()
	res := Result{Original: req.Bullet, RulesVersion: a.RulesVersion, Weaknesses: a.Codes()}
	if ev.bullet.body == "" {
		res.Source = SourceRules
		res.Weaknesses = nil
		res.Warnings = []string{"the bullet is empty; nothing to rewrite"}
		res.normalize()
		return res, ErrEmptyBullet
	}
	rules := rewriteRules(ev.bullet, a)
	useRules := func(res Result, warning string) Result {
		res.Source = SourceRules
		res.Rewritten = rules.text
		res.Placeholders = placeholders(rules.text)
		res.Questions = rules.questions
		if rules.reverted != "" {
			res.Warnings = append(res.Warnings, rules.reverted)
		}
		if warning != "" {
			res.Warnings = append(res.Warnings, warning)
		}
		res.normalize()
		return res
	}
	if r.model == nil || len(a.Weaknesses) == 0 {
		return useRules(res, ""), nil
	}

	res.PromptVersion, res.PromptHash = r.prompt.version, r.prompt.hash
	if r.promptNote != "" {
		res.Warnings = append(res.Warnings, r.promptNote)
	}
	key := r.key(req)
	if r.opts.cache != nil {
		// A shared or persistent cache may hold a rewrite checked by another catalog or
		// an older guard: it is used only if the guard accepts it now.
		if hit, ok := r.opts.cache.Get(key); ok && len(ev.check(hit.Rewritten)) == 0 {
			hit.Original, hit.Source, hit.Attempts, hit.Usage = req.Bullet, SourceCache, 0, Usage{}
			hit.normalize()
			return hit, nil
		}
	}
	if reason := b.down(); reason != "" {
		return useRules(res, "fell back to the rule-based rewrite without asking the model: "+reason), nil
	}

	reply, meta, err := r.ask(ctx, req, ev, a)
	res.Attempts, res.Usage = meta.Attempts, usageFrom(meta.Usage)
	if err == nil {
		text := strings.TrimSpace(reply.Rewritten)
		res.Source, res.Rewritten, res.Model = SourceLLM, text, meta.Model
		if res.Model == "" {
			res.Model = r.modelName
		}
		res.Placeholders = placeholders(text)
		res.Questions = cleanList(reply.Questions)
		if len(res.Placeholders) > 0 && len(res.Questions) == 0 {
			res.Questions = append(res.Questions, rules.questions...)
		}
		res.normalize()
		if r.opts.cache != nil {
			r.opts.cache.Put(key, res)
		}
		return res, nil
	}

	reason, down, auth := r.explain(ctx, b, err, meta)
	r.logger.LogAttrs(ctx, slog.LevelWarn, "bullet fell back to rules",
		slog.Int(logKeyBulletLen, len(req.Bullet)), slog.String(logKeyBulletHash, shortHash(req.Bullet)),
		slog.Int(logKeyAttempts, meta.Attempts), slog.String(logKeyReason, reasonKind(err, down, auth)))
	if down || auth {
		b.trip(reason)
	}
	res = useRules(res, "fell back to the rule-based rewrite: "+reason)
	if auth && r.opts.strict {
		return res, fmt.Errorf("bullets: rewrite: %w", err)
	}
	return res, nil
}

// ask calls the model within the budget, with the guard as validator, and retries a
// truncated reply once with twice the token limit.
func (r *Rewriter) ask(ctx context.Context, req Request, ev *evidence, a Analysis) (modelReply, llm.Meta, error) {
	msgs, err := r.prompt.render(ev.bullet, req, a.Codes())
	if err != nil {
		return modelReply{}, llm.Meta{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, r.opts.budget)
	defer cancel()
	validate := llm.WithValidator(func(m modelReply) error {
		if vs := ev.check(m.Rewritten); len(vs) > 0 {
			return &guardError{violations: vs}
		}
		return nil
	})
	temp := float32(0.2)
	lreq := llm.Request{Model: r.opts.model, Messages: msgs, Temperature: &temp, MaxTokens: DefaultMaxTokens}
	opts := append([]llm.GenerateOption{
		llm.WithMaxReasks(1),
		llm.WithMaxElapsed(r.opts.budget),
		llm.WithMaxRetryAfter(r.opts.budget),
		llm.WithGenerateLogger(r.opts.logger),
		validate,
	}, r.opts.genOpts...)

	var total llm.Meta
	for try := 0; ; try++ {
		reply, meta, err := llm.Generate[modelReply](ctx, r.model, lreq, opts...)
		total.Attempts += meta.Attempts
		total.Reasks += meta.Reasks
		total.Usage = total.Usage.Add(meta.Usage)
		total.Waits = append(total.Waits, meta.Waits...)
		total.Model, total.LastErr, total.Refusal = meta.Model, meta.LastErr, meta.Refusal
		if try == 0 && errors.Is(err, llm.ErrTruncated) {
			lreq.MaxTokens *= 2
			continue
		}
		return reply, total, err
	}
}

// guardError is the validator's rejection: the reask names every violation.
type guardError struct{ violations []Violation }

func (e *guardError) Error() string {
	msgs := make([]string, len(e.violations))
	for i, v := range e.violations {
		msgs[i] = v.Message
	}
	return "bullets: rewrite rejected by the guard: " + strings.Join(msgs, "; ")
}

// explain says in words why the model call failed, whether the provider is down
// (retries exhausted, or the batch already found it down) and whether the failure is
// an authentication or billing one.
func (r *Rewriter) explain(ctx context.Context, b *batch, err error, meta llm.Meta) (reason string, down, auth bool) {
	var ge *guardError
	var le *llm.Error
	switch {
	case b != nil && context.Cause(b.ctx) == errProviderDown && ctx.Err() != nil && b.down() != "":
		return "another bullet of the batch found the provider unavailable: " + b.down(), false, false
	case ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "the caller's deadline passed before the model answered", false, false
	case ctx.Err() != nil:
		return "the request was canceled before the model answered", false, false
	case errors.As(err, &le) && isAuthError(le):
		return fmt.Sprintf("the provider rejected the request (%s); check the API key, its permissions and the account's quota", describeLLMError(le)), false, true
	case errors.Is(err, llm.ErrRefused):
		return "the model refused to rewrite this bullet", false, false
	case errors.Is(err, llm.ErrTruncated):
		return "the model's reply was cut at the token limit twice", false, false
	case errors.Is(err, llm.ErrInvalidOutput) && errors.As(err, &ge):
		msgs := make([]string, len(ge.violations))
		for i, v := range ge.violations {
			msgs[i] = v.Message
		}
		return fmt.Sprintf("the model's rewrite still broke the guard after %d reask(s): %s", meta.Reasks, strings.Join(msgs, "; ")), false, false
	case errors.Is(err, llm.ErrInvalidOutput):
		return fmt.Sprintf("the model's reply was not valid JSON for the schema after %d reask(s)", meta.Reasks), false, false
	case providerDown(err, meta):
		if errors.As(meta.LastErr, &le) {
			return fmt.Sprintf("the provider stayed unavailable (%s) after %d attempt(s)", describeLLMError(le), meta.Attempts), true, false
		}
		return fmt.Sprintf("the provider could not be reached after %d attempt(s)", meta.Attempts), true, false
	case errors.Is(err, context.DeadlineExceeded):
		// The model is slow, not gone: the other bullets of a batch keep asking it.
		if errors.As(meta.LastErr, &le) && le.Retryable {
			return fmt.Sprintf("the model did not answer in time on any of %d attempt(s)", meta.Attempts), false, false
		}
		return fmt.Sprintf("the model did not answer within the %s budget per bullet", r.opts.budget), false, false
	case errors.As(err, &le):
		return fmt.Sprintf("the provider rejected the request (%s)", describeLLMError(le)), false, false
	}
	return "the model call failed: " + err.Error(), false, false
}

// providerDown reports whether a failed model call says the provider is unavailable:
// the last failure was retryable (a 5xx, a rate limit, a refused or reset connection)
// and retries ran out on it, or the Completer failed in transport. A timeout (of an
// attempt or of the bullet's budget) says the model is slow, not that it is down.
func providerDown(err error, meta llm.Meta) bool {
	last := meta.LastErr
	if last == nil {
		last = err
	}
	if errors.Is(last, context.DeadlineExceeded) || errors.Is(last, context.Canceled) {
		return false
	}
	var le *llm.Error
	if errors.As(last, &le) {
		return le.Retryable
	}
	var ne net.Error
	if errors.As(last, &ne) {
		return !ne.Timeout()
	}
	var ue *url.Error
	return errors.As(last, &ue) && !ue.Timeout()
}

// isAuthError reports a failure no retry can fix: a bad key, no permission, no quota.
func isAuthError(e *llm.Error) bool {
	return e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden ||
		e.Type == "insufficient_quota" || e.Code == "insufficient_quota"
}

// describeLLMError renders an *llm.Error briefly: status and code, no message text.
func describeLLMError(e *llm.Error) string {
	var parts []string
	if e.StatusCode != 0 {
		parts = append(parts, fmt.Sprintf("HTTP %d", e.StatusCode))
	}
	if e.Code != "" {
		parts = append(parts, e.Code)
	} else if e.Type != "" {
		parts = append(parts, e.Type)
	}
	if len(parts) == 0 {
		return "no response: " + e.Message
	}
	return strings.Join(parts, " ")
}

// reasonKind is a short, stable label for logs.
func reasonKind(err error, down, auth bool) string {
	switch {
	case auth:
		return "auth"
	case down:
		return "provider_down"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "context"
	case errors.Is(err, llm.ErrRefused):
		return "refused"
	case errors.Is(err, llm.ErrTruncated):
		return "truncated"
	case errors.Is(err, llm.ErrInvalidOutput):
		return "invalid_output"
	}
	return "error"
}

// key is the cache key of a request (see requestKey).
func (r *Rewriter) key(req Request) string {
	return requestKey(r.prompt.hash, r.modelName, RulesVersion(), req)
}

// requestKey is a hash of the prompt hash, the model, the rules version (the guard
// changes with it), the normalized bullet, the sorted job keywords and the facts.
func requestKey(promptHash, model, rulesVersion string, req Request) string {
	h := sha256.New()
	write := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	write(promptHash)
	write(model)
	write(rulesVersion)
	write(wording.Squash(bulletBody(req.Bullet)))
	kws := cleanList(req.JobKeywords)
	sort.Strings(kws)
	write(strings.Join(kws, "\x01"))
	write(strings.Join(cleanList(req.Facts), "\x01"))
	return hex.EncodeToString(h.Sum(nil))
}

// shortHash identifies a text in logs without revealing it.
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:4])
}
