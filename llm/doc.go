// Package llm makes OpenAI-compatible chat-completion calls (OpenAI, Azure OpenAI,
// Ollama, vLLM, any compatible proxy) through go-openai, and turns them into typed,
// validated values.
//
// A Client makes exactly one HTTP attempt per Complete call and never retries.
// Generate owns the policy: structured output from a Go type, decoding and validation,
// bounded reasks that tell the model what was wrong, and transport retries with
// exponential backoff, jitter and Retry-After.
//
//	c := llm.New(apiKey, llm.WithModel("gpt-4o-mini"))
//
//	type Verdict struct {
//		Strong bool   `json:"strong"`
//		Reason string `json:"reason" jsonschema:"maxLength=200"`
//	}
//	v, meta, err := llm.Generate[Verdict](ctx, c, llm.Request{Messages: []llm.Message{
//		{Role: llm.RoleSystem, Content: "Judge the resume bullet."},
//		{Role: llm.RoleUser, Content: bullet},
//	}})
//
// GenerateValidated adds a check of the decoded value, typed by T, so a validator of
// another type does not compile.
//
// The schema sent to the model comes from SchemaFor, which reflects the type with
// invopop/jsonschema and post-processes it for OpenAI strict mode; CheckStrict checks any
// schema against the strict subset. The llmtest package is a fake server for tests.
//
// # Configuration
//
// Options never fail at run time, and an invalid value is never silently replaced by a
// default: it is a programming error, and New (for Option) or Generate (for
// GenerateOption) panics with a message naming the option and the value, such as
// "llm: WithMaxAttempts(0): n must be at least 1". An empty string or nil is not
// invalid where an option's documentation says it means the default.
//
// # Concurrency
//
// A Client is safe for concurrent use by multiple goroutines; so are Generate (when its
// Completer is), SchemaFor and CheckStrict. No call starts a goroutine that outlives it.
//
// # Errors
//
// Every failure is classified once, here, into a closed set that callers branch on with
// errors.Is: ErrRateLimited, ErrUnavailable (5xx, refused or reset connections, no
// response headers in time), ErrAuth (401, 403), ErrQuota (insufficient_quota,
// billing), ErrBadRequest (400, 404, 422, redirects, oversized bodies), ErrTimeout,
// and for Generate's replies ErrRefused, ErrTruncated and ErrInvalidOutput. An attempt
// cut by the caller's context matches only context.Canceled or
// context.DeadlineExceeded.
//
// Complete returns *Error for every failure: HTTP status, provider type and code,
// RetryAfter, Retryable, wrapping go-openai's *openai.APIError or *openai.RequestError
// (or the transport error) for errors.As. When a model turn fails, Generate returns a
// *RetryError holding the last failure (LastErr) and why retrying stopped (Cause:
// ErrMaxAttempts, ErrMaxElapsed or the context's error). Meta is returned on failure
// too. Error texts and logs never contain the API key, prompts, replies or provider
// text that repeats the request.
//
// Redirects are never followed: a 3xx is an ErrBadRequest that asks for the final
// address as the base URL, and nothing is sent to another host.
package llm
