// Package bullets finds what makes a resume bullet weak and rewrites it, without ever
// letting an invented number or technology through.
//
// [Analyze] is pure, fast and deterministic: it reports weaknesses with stable codes
// ([WeakOpener], [NoMetric], [PassiveVoice], [Pronoun], [Filler], [Buzzword],
// [TooLong], [TooShort], [NoTechnology]), each with the byte span it refers to and a
// message for a person, plus a 0–100 score and whether the bullet counts as weak. The
// word lists are embedded data, versioned by [RulesVersion].
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
//	res, err := rw.Rewrite(ctx, bullets.Request{Bullet: "Used Kafka for message processing."})
//	// res.Rewritten: "Built message processing with Kafka, handling [N] messages per day."
//	// res.Questions: ["How many messages or jobs does it process per day (or per second at peak)?"]
//
// Every result records where it came from ([SourceLLM], [SourceRules], [SourceCache]),
// the prompt version and hash, the model, attempts, token usage and warnings.
//
// # Prompts
//
// Prompts are embedded text/template files (prompts/VERSION.system.tmpl and
// VERSION.user.tmpl) with a version ([DefaultPrompt] is "rewrite-v1") and a content
// hash. The system message holds the instructions; the bullet, job keywords and facts
// go in the user message as JSON between <data> delimiters, so instructions inside a
// bullet stay data. A released version is never edited; a new one is added and
// selected with [WithPrompt].
//
// # Failures
//
// Every request gets a result. Rate limits and server errors are retried by package llm
// (waiting at least Retry-After) within a per-bullet budget ([DefaultBudget], 20s);
// unparseable or schema-invalid output and guard violations are reasked once; a
// truncated reply is retried once with a larger token limit. A refusal, a persistent
// violation, an exhausted budget, a provider that is down or rejects the key, and the
// end of the caller's context all fall back to the rules, with a warning in words. In a
// batch, once the provider is found down (retries of a server error, rate limit or
// refused connection ran out) or rejecting the key, the remaining bullets skip it, so a
// dead provider costs about one budget, not one per bullet. An exhausted budget is not
// a dead provider: a slow model costs only the bullets it was too slow for.
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
// [WithStrict], the *llm.Error of an authentication or billing failure (HTTP 401 or 403,
// insufficient_quota). RewriteAll joins those per request, prefixed "request N: ".
package bullets
