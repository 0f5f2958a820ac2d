package llmtest_test

import (
	"context"
	"fmt"

	"github.com/resumekit/resumekit/llm"
	"github.com/resumekit/resumekit/llm/llmtest"
)

// exampleT stands in for the *testing.T a real test passes to NewServer.
type exampleT struct{ cleanups []func() }

func (t *exampleT) Helper() {}
func (t *exampleT) Errorf(format string, args ...any) {
	fmt.Printf("test failure: "+format+"\n", args...)
}
func (t *exampleT) Fatalf(format string, args ...any) { t.Errorf(format, args...) }
func (t *exampleT) Cleanup(f func())                  { t.cleanups = append(t.cleanups, f) }

// Example tests code that calls llm.Generate: the model's first reply breaks the schema
// and is reasked with the problem named. (Failures that Generate retries after a wait
// belong in a test run inside synctest.Test, where the wait takes no real time.)
func Example() {
	t := &exampleT{}
	defer func() {
		for _, f := range t.cleanups {
			f()
		}
	}()

	type Verdict struct {
		Strong bool   `json:"strong"`
		Reason string `json:"reason"`
	}
	s := llmtest.NewServer(t) // in a test: llmtest.NewServer(t)
	s.Enqueue(
		llmtest.Reply(`{"strong":"yes"}`),
		llmtest.ReplyJSON(Verdict{Strong: true, Reason: "has a metric"}).WithUsage(200, 12),
	)

	v, meta, err := llm.Generate[Verdict](context.Background(), s.Client(),
		llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: "Cut costs 30%"}}})
	fmt.Println(v, err)
	fmt.Println("attempts:", meta.Attempts, "reasks:", meta.Reasks, "tokens:", meta.Usage.TotalTokens)

	reask := s.Messages(1)
	fmt.Print(reask[len(reask)-1].Content)
	// Output:
	// {true has a metric} <nil>
	// attempts: 2 reasks: 1 tokens: 227
	// Your previous reply was rejected. Fix every problem below and reply again with only the JSON object that matches the schema.
	// Problems:
	// - $.reason: missing required field
	// - $.strong: expected boolean, got string
}
