// Package llmtest is a fake OpenAI chat-completions server for tests, built on
// net/http/httptest, for this module's tests and for code that uses package llm.
//
// Script the replies, point a client at the server, and assert on what was sent:
//
//	s := llmtest.NewServer(t)
//	s.Enqueue(
//		llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow down").WithRetryAfter(time.Second),
//		llmtest.ReplyJSON(Verdict{Strong: true, Reason: "metric"}).WithUsage(120, 30),
//	)
//	v, meta, err := llm.Generate[Verdict](ctx, s.Client(), req,
//		llm.WithSleep(func(context.Context, time.Duration) error { return nil }))
//	// s.Requests() holds both request bodies as raw JSON.
//
// The server checks the API key (bearer or Azure api-key header) and that any
// response_format schema passes llm.CheckStrict, and fails the test when a request
// arrives after the script ran out or when scripted replies remain unused at cleanup.
// Hang and Arrived make timeout and cancellation tests deterministic.
//
// # Concurrency
//
// A Server is safe for concurrent use; requests consume the script in arrival order.
// Response values are immutable: their With methods return modified copies.
//
// # Errors
//
// Problems are reported through the testing.TB given to NewServer (Errorf from handler
// goroutines, Fatalf only from Messages on the test goroutine) and answered with an
// OpenAI-style 4xx error, so the code under test sees a non-retryable failure.
package llmtest
