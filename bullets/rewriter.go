package bullets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
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
	model     llm.Completer
	modelName string // for the cache key and results: WithModel, or the client's default
	opts      options
	v         *vocab
	prompt    *prompt
	logger    *slog.Logger
}

// New returns a Rewriter that asks model, or only applies the rules when model is nil
// (the offline default: no key, no network). See the Option functions for defaults. It
// panics, naming the option and the value, if an option is given an invalid value.
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
	r.prompt = prompts()[o.prompt] // WithPrompt accepts only known versions
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
// provider turns out to be down (DownAfter bullets in a row found it unavailable or rate
// limiting after their retries) or to reject the key or quota, the bullets not yet done
// skip the model and fall back to the rules at once. The error joins the per-request errors
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

	mu      sync.Mutex
	reason  string
	failing int // bullets in a row, in order of completion, that found the provider failing
}

// record notes how a bullet's model call ended and trips the batch when the provider
// is down: at once for a fatal failure (a rejected key, no quota), after DownAfter
// failing bullets in a row otherwise. Any other outcome resets the count.
func (b *batch) record(e effect, reason string) {
	if b == nil {
		return
	}
	b.mu.Lock()
	switch e {
	case fatal:
		b.failing = DownAfter
	case failing:
		b.failing++
	case answered:
		b.failing = 0
	}
	trip := b.failing >= DownAfter
	b.mu.Unlock()
	if trip {
		b.trip(reason)
	}
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

// instructionsWarning is the warning of a bullet that carries text addressed to a model.
const instructionsWarning = "the bullet carries text addressed to a program or an AI (code instructions); it was left out of the rewrite: remove it from the resume"

// rewrite is Rewrite within an optional batch.
func (r *Rewriter) rewrite(ctx context.Context, req Request, b *batch) (Result, error) {
	ev := newEvidence(r.v, req) // the bullet and facts, parsed once for every step
	a := ev.bullet.analyze()
	res := Result{Original: req.Bullet, RulesVersion: a.RulesVersion, Weaknesses: a.Codes()}
	if clean, ok := ev.bullet.withoutInstructions(); ok {
		// Text addressed to a model is not resume content: neither the rules nor the
		// model see it, and the guard checks the rewrite against the rest.
		res.Warnings = append(res.Warnings, instructionsWarning)
		req.Bullet = clean
		ev = newEvidence(r.v, req)
		a = ev.bullet.analyze()
	}
	if ev.bullet.body == "" {
		res.Source = SourceRules
		res.Weaknesses = nil
		res.Warnings = []string{"the bullet is empty; nothing to rewrite"}
		res.normalize()
		return res, ErrEmptyBullet
	}
	// The rules rewrite is made only when it is used: without a model, as the fallback,
	// or for its questions when the model's placeholders come without any.
	fallback := sync.OnceValue(func() ruleRewrite { return rewriteRules(ev, a) })
	useRules := func(res Result, warning string) Result {
		rules := fallback()
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
	var key string
	if r.opts.cache != nil {
		key = r.key(req)
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
	res.Attempts, res.Usage = meta.Attempts, meta.Usage
	if err == nil {
		b.record(answered, "")
		text := strings.TrimSpace(reply.Rewritten)
		res.Source, res.Rewritten, res.Model = SourceLLM, text, meta.Model
		if res.Model == "" {
			res.Model = r.modelName
		}
		res.Placeholders = placeholders(text)
		res.Questions = cleanList(reply.Questions)
		if len(res.Placeholders) > 0 && len(res.Questions) == 0 {
			res.Questions = append(res.Questions, fallback().questions...)
		}
		res.normalize()
		if r.opts.cache != nil {
			r.opts.cache.Put(key, res)
		}
		return res, nil
	}

	label, e, reason := r.explain(ctx, b, err, meta)
	r.logger.LogAttrs(ctx, slog.LevelWarn, "bullet fell back to rules",
		slog.Int(logKeyBulletLen, len(req.Bullet)), slog.String(logKeyBulletHash, shortHash(req.Bullet)),
		slog.Int(logKeyAttempts, meta.Attempts), slog.String(logKeyReason, label))
	b.record(e, reason)
	res = useRules(res, "fell back to the rule-based rewrite: "+reason)
	if e == fatal && r.opts.strict {
		return res, fmt.Errorf("bullets: rewrite: %w", err)
	}
	return res, nil
}

// ask calls the model within the budget, with the guard as validator. Package llm
// retries failures, reasks once and, within that one reask, asks again with twice the
// token limit after a truncated reply: at most llm.DefaultMaxAttempts × 2 HTTP calls.
func (r *Rewriter) ask(ctx context.Context, req Request, ev *evidence, a Analysis) (modelReply, llm.Meta, error) {
	msgs, err := r.prompt.render(ev, req, a.Codes())
	if err != nil {
		return modelReply{}, llm.Meta{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, r.opts.budget)
	defer cancel()
	guard := func(m modelReply) error {
		if vs := ev.check(m.Rewritten); len(vs) > 0 {
			return &guardError{violations: vs}
		}
		return nil
	}
	temp := float32(0.2)
	lreq := llm.Request{Model: r.opts.model, Messages: msgs, Temperature: &temp, MaxTokens: DefaultMaxTokens}
	return llm.GenerateValidated(ctx, r.model, lreq, guard,
		llm.WithMaxReasks(1),
		llm.WithMaxElapsed(r.opts.budget),
		llm.WithMaxRetryAfter(r.opts.budget),
		llm.WithGenerateLogger(r.opts.logger),
		llm.WithSchemaInPrompt(r.opts.schemaInPrompt),
	)
}

// guardError is the validator's rejection: the reask names every violation.
type guardError struct{ violations []Violation }

// Error names the broken rules only. The violations' messages quote numbers and names
// from the bullet and the rewrite, and this text ends up in llm's errors and
// Meta.LastErr, which must not carry resume text.
func (e *guardError) Error() string {
	var rules []string
	for _, v := range e.violations {
		if !slices.Contains(rules, v.Rule) {
			rules = append(rules, v.Rule)
		}
	}
	return "bullets: rewrite rejected by the guard: " + strings.Join(rules, ", ")
}

// Reask is what llm sends the model instead of Error: every violation's message.
func (e *guardError) Reask() string { return e.messages() }

// messages joins the violations' messages.
func (e *guardError) messages() string {
	msgs := make([]string, len(e.violations))
	for i, v := range e.violations {
		msgs[i] = v.Message
	}
	return strings.Join(msgs, "; ")
}

// effect is what a bullet's outcome means for the rest of its batch.
type effect int

const (
	answered effect = iota // the provider answered, or failed this bullet alone: resets the count
	failing                // the provider was unavailable or rate limiting: counts toward DownAfter
	fatal                  // no request can succeed (key, quota): trips the batch at once
	nothing                // the context ended: says nothing about the provider
)

// failures is the one table from a failed model call to its warning: the first row
// whose kind the error matches (errors.Is) applies. Package llm classifies every
// failure; this table only words it and says what it means for the batch.
var failures = []struct {
	kind   error
	label  string // for logs
	effect effect
	reason func(r *Rewriter, err error, meta llm.Meta) string
}{
	{llm.ErrAuth, "auth", fatal, func(_ *Rewriter, err error, _ llm.Meta) string {
		return fmt.Sprintf("the provider rejected the API key or its permissions (%s); check the key", lastFailure(err))
	}},
	{llm.ErrQuota, "quota", fatal, func(_ *Rewriter, err error, _ llm.Meta) string {
		return fmt.Sprintf("the provider refused for quota or billing (%s); check the account", lastFailure(err))
	}},
	{llm.ErrRefused, "refused", answered, func(*Rewriter, error, llm.Meta) string {
		return "the model refused to rewrite this bullet"
	}},
	{llm.ErrTruncated, "truncated", answered, func(*Rewriter, error, llm.Meta) string {
		return "the model's reply was cut at the token limit, also with twice the limit"
	}},
	{llm.ErrInvalidOutput, "invalid_output", answered, func(_ *Rewriter, err error, meta llm.Meta) string {
		var ge *guardError
		if errors.As(err, &ge) {
			return fmt.Sprintf("the model's rewrite still broke the guard after %d reask(s): %s", meta.Reasks, ge.messages())
		}
		return fmt.Sprintf("the model's reply was not valid JSON for the schema after %d reask(s)", meta.Reasks)
	}},
	{llm.ErrRateLimited, "rate_limited", failing, func(_ *Rewriter, err error, meta llm.Meta) string {
		return fmt.Sprintf("the provider kept rate-limiting (%s) after %d attempt(s)", lastFailure(err), meta.Attempts)
	}},
	{llm.ErrUnavailable, "unavailable", failing, func(_ *Rewriter, err error, meta llm.Meta) string {
		return fmt.Sprintf("the provider stayed unavailable (%s) after %d attempt(s)", lastFailure(err), meta.Attempts)
	}},
	{llm.ErrTimeout, "timeout", answered, func(_ *Rewriter, _ error, meta llm.Meta) string {
		return fmt.Sprintf("the model did not answer in time on any of %d attempt(s)", meta.Attempts)
	}},
	{llm.ErrBadRequest, "bad_request", answered, func(_ *Rewriter, err error, _ llm.Meta) string {
		return fmt.Sprintf("the provider rejected the request (%s)", lastFailure(err))
	}},
	// Only the bullet's own budget is left: the caller's context is checked first.
	{context.DeadlineExceeded, "budget", answered, func(r *Rewriter, _ error, _ llm.Meta) string {
		return fmt.Sprintf("the model did not answer within the %s budget per bullet", r.opts.budget)
	}},
}

// explain says why the model call failed: a log label, the effect on the batch and the
// warning's reason in words. The context's state comes first (a batch that tripped,
// the caller's deadline or cancellation), then the failures table.
func (r *Rewriter) explain(ctx context.Context, b *batch, err error, meta llm.Meta) (label string, e effect, reason string) {
	switch {
	case ctx.Err() != nil && b != nil && context.Cause(b.ctx) == errProviderDown && b.down() != "":
		return "batch_down", nothing, "another bullet of the batch found the provider unavailable: " + b.down()
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "context", nothing, "the caller's deadline passed before the model answered"
	case ctx.Err() != nil:
		return "context", nothing, "the request was canceled before the model answered"
	}
	for _, f := range failures {
		if errors.Is(err, f.kind) {
			return f.label, f.effect, f.reason(r, err, meta)
		}
	}
	return "error", answered, "the model call failed: " + err.Error()
}

// lastFailure is the text of the provider's last failure: the RetryError's LastErr,
// which llm keeps free of keys and request text.
func lastFailure(err error) string {
	var re *llm.RetryError
	if errors.As(err, &re) && re.LastErr != nil {
		return re.LastErr.Error()
	}
	return err.Error()
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
