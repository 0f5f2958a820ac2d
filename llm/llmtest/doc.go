// Package llmtest is a fake OpenAI chat-completions server for tests, built on
// net/http, for this module's tests and for code that uses package llm.
//
// Script the replies, point a client at the server, and assert on what was sent:
//
//	synctest.Test(t, func(t *testing.T) { // the Retry-After wait takes no real time
//		s := llmtest.NewServer(t)
//		s.Enqueue(
//			llmtest.Fail(429, "requests", "rate_limit_exceeded", "slow down").WithRetryAfter(time.Second),
//			llmtest.ReplyJSON(Verdict{Strong: true, Reason: "metric"}).WithUsage(120, 30),
//		)
//		v, meta, err := llm.Generate[Verdict](ctx, s.Client(), req)
//		// s.Requests() holds both request bodies as raw JSON.
//	})
//
// The server checks the API key (bearer or Azure api-key header) and that any
// response_format schema passes llm.CheckStrict, and fails the test when a request
// arrives after the script ran out or when scripted replies remain unused at cleanup.
// Hang and Arrived make timeout and cancellation tests deterministic. Client and
// HTTPClient reach the server over in-memory connections, so a test run inside
// synctest.Test has retries, Retry-After waits and timeouts on the bubble's fake clock.
// Respond answers requests past the script for long or random runs.
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
