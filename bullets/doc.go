// Package bullets finds what makes a resume bullet weak and rewrites it, without ever
// letting an invented number or technology through.
//
// [Analyze] is pure, fast and deterministic: it reports weaknesses with stable codes
// ([WeakOpener], [NoMetric], [PassiveVoice], [Pronoun], [Filler], [Buzzword],
// [TooLong], [TooShort], [NoTechnology]), each with the byte span it refers to and a
// message for a person, plus a 0–100 score and whether the bullet counts as weak. The
// word lists, and every special case that steers a result, are embedded data versioned
// by [RulesVersion]. A bullet is parsed once (list marker, body, words, numbers,
// technologies) and the analysis, the rules, the guard and the prompt all read that
// parse.
//
// A [Rewriter] rewrites bullets. With no model it applies rules (the embedded default:
// no key, no network): a strong past-tense verb for a weak opener, active voice, no
// pronouns or filler, every number and technology kept, and where no metric exists a
// visible placeholder such as [X%] with a question for the person. With an llm client
// it asks the model, one bullet per request, with a versioned prompt and a strict JSON
// schema, and runs every reply through the [Guard]: no number or technology the bullet
// and the caller's facts do not contain, none of theirs dropped, one line without
// preamble, no weak opener or pronoun. A violation is reasked once with the violations
// named; if it persists, the bullet falls back to the rules and the result says why.
//
//	rw := bullets.New(nil) // rules only; bullets.New(llm.New(key)) to use a model
//	res, err := rw.Rewrite(ctx, bullets.Request{Bullet: "Helped build the billing API in Go."})
//	// res.Rewritten: "Contributed to building the billing API in Go, serving [N] requests per day."
//	// res.Questions: ["How many requests per day (or users, or clients) does it serve?"]
//
// Every result records where it came from ([SourceLLM], [SourceRules], [SourceCache]),
// the prompt version and hash, the model, attempts, token usage and warnings.
//
// # Prompts
//
// Prompts are embedded text/template files (prompts/VERSION.system.tmpl and
// VERSION.user.tmpl) with a version ([DefaultPrompt] is "rewrite-v2"; "rewrite-v1" stays available) and a content
// hash. The system message holds the instructions; the bullet, job keywords and facts
// go in the user message as JSON between <data> delimiters, so instructions inside a
// bullet stay data. A released version is never edited; a new one is added and
// selected with [WithPrompt].
//
// # Failures
//
// Every request gets a result. Package llm classifies every provider failure
// (llm.ErrRateLimited, llm.ErrUnavailable, llm.ErrAuth, ...) and retries what is worth
// retrying, waiting at least Retry-After, within a per-bullet budget ([DefaultBudget],
// 20s); unparseable or schema-invalid output and guard violations are reasked once, and
// a truncated reply is asked again with twice the token limit within that one reask, so
// a bullet costs at most 8 HTTP calls. A refusal, a persistent violation, an exhausted
// budget, a provider that is down or rejects the key, and the end of the caller's
// context all fall back to the rules, with a warning in words from one table keyed by
// llm's sentinels. In a batch, once [DownAfter] bullets in a row find the provider
// unavailable or rate limiting after their retries (a server that never answers
// included), or one finds the key or quota rejected, the remaining bullets skip it, so
// a dead provider costs about one budget, not one per bullet; one unlucky bullet among
// answered ones trips nothing. A model that answers, only too slowly for a bullet's
// budget, costs only the bullets it was too slow for. A reply that is not streamed
// sends its headers only when it is complete, so a model slower than llm's
// response-header timeout (llm.WithResponseHeaderTimeout, 10s by default) is
// unavailable and trips the batch like a provider that is down: raise that timeout on
// the llm.Client for slow models.
//
// # Configuration
//
// An invalid option value is a programming error, never silently replaced by a
// default: [New] panics with a message naming the option and the value, such as
// "bullets: WithConcurrency(0): n must be at least 1" (likewise [WithBudget] with a
// non-positive duration, [WithPrompt] with an unknown version, [NewMemoryCache] with a
// size below 1). Validate user input before passing it on.
//
// # Concurrency
//
// [Analyze], [Analyzer] and [Guard] are pure and safe for concurrent use. A [Rewriter] is
// safe for concurrent use; RewriteAll runs at most [WithConcurrency] model calls at
// once, waits for all of them before returning and returns results in input order.
//
// # Errors
//
// Falling back to the rules is not an error: it is recorded on the result (Source,
// Warnings). Rewrite returns [ErrEmptyBullet] for an empty bullet and, with
// [WithStrict], the error of an authentication or billing failure (it matches
// llm.ErrAuth or llm.ErrQuota). RewriteAll joins those per request, prefixed
// "request N: ".
package bullets
