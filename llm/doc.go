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
// The schema sent to the model comes from SchemaFor, which reflects the type with
// invopop/jsonschema and post-processes it for OpenAI strict mode; CheckStrict checks any
// schema against the strict subset. The llmtest package is a fake server for tests.
//
// # Concurrency
//
// A Client is safe for concurrent use by multiple goroutines; so are Generate (when its
// Completer is), SchemaFor and CheckStrict. No call starts a goroutine that outlives it.
//
// # Errors
//
// Complete returns *Error for every failure: HTTP status, provider type and code,
// RetryAfter, Retryable, wrapping go-openai's *openai.APIError or *openai.RequestError
// (or the transport error) for errors.As. Generate wraps the last failure and, when
// retries stopped early, the reason; errors.Is reports ErrRefused, ErrTruncated,
// ErrInvalidOutput, context.Canceled and context.DeadlineExceeded. Meta is returned on
// failure too. Error texts and logs never contain the API key, prompts or replies.
package llm
