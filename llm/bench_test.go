package llm_test

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/llm"
	"github.com/resumekit/resumekit/llm/llmtest"
)

// BenchmarkGenerate measures Generate's own overhead (schema from cache, request
// building, HTTP over llmtest's in-memory connections, decoding, validation) with no
// latency.
func BenchmarkGenerate(b *testing.B) {
	s := llmtest.NewServer(b)
	c := s.Client()
	req := userRequest("judge")
	b.ReportAllocs()
	for b.Loop() {
		s.Enqueue(llmtest.Reply(goodVerdict))
		if _, _, err := llm.Generate[verdict](context.Background(), c, req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSchemaFor measures the cached schema lookup.
func BenchmarkSchemaFor(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := llm.SchemaFor[verdict](); err != nil {
			b.Fatal(err)
		}
	}
}

// TestNoGoroutineLeftBehind runs calls that hang, get cancelled and retry, then checks
// that no goroutine is still running code from this module. Not parallel, so no other
// test's calls are in flight.
func TestNoGoroutineLeftBehind(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := script(t, llmtest.Hang(), llmtest.Fail(503, "server_error", "", "busy"), llmtest.Reply(goodVerdict))
		_, _, err := llm.Generate[verdict](cancelOnArrival(s, nil), s.Client(), userRequest("judge"))
		require.ErrorIs(t, err, context.Canceled)
		_, _, err = llm.Generate[verdict](context.Background(), s.Client(), userRequest("judge"))
		require.NoError(t, err)
	}) // the bubble also waits for every goroutine it started
	buf := make([]byte, 1<<20)
	stacks := string(buf[:runtime.Stack(buf, true)])
	for _, g := range strings.Split(stacks, "\n\n") {
		if strings.Contains(g, "testing.tRunner") {
			continue // test goroutines (this one, and parallel tests waiting to start)
		}
		assert.NotContains(t, g, "resumekit/llm.", "goroutine left behind:\n%s", g)
	}
}
