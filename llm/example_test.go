package llm_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/resumekit/resumekit/llm"
	"github.com/resumekit/resumekit/llm/llmtest"
)

// exampleT stands in for the *testing.T a real test would pass to llmtest.NewServer.
type exampleT struct{ cleanups []func() }

func (t *exampleT) Helper() {}
func (t *exampleT) Errorf(format string, args ...any) {
	fmt.Printf("test failure: "+format+"\n", args...)
}
func (t *exampleT) Fatalf(format string, args ...any) { t.Errorf(format, args...) }
func (t *exampleT) Cleanup(f func())                  { t.cleanups = append(t.cleanups, f) }
func (t *exampleT) done() {
	for i := len(t.cleanups) - 1; i >= 0; i-- {
		t.cleanups[i]()
	}
}

type Rewrite struct {
	Bullet   string   `json:"bullet" jsonschema:"description=the rewritten bullet,maxLength=200"`
	Question *string  `json:"question" jsonschema:"description=what to ask the user when a metric is missing"`
	Keywords []string `json:"keywords"`
}

func ExampleGenerate() {
	t := &exampleT{}
	defer t.done()
	s := llmtest.NewServer(t)
	s.Enqueue(
		llmtest.Reply(`{"bullet":"Cut p99 latency by [X%] with Redis caching"}`).WithUsage(120, 20),
		llmtest.Reply(`{"bullet":"Cut p99 latency by [X%] with Redis caching","question":"By how much?","keywords":["Redis"]}`).WithUsage(160, 25),
	)

	v, meta, err := llm.Generate[Rewrite](context.Background(), s.Client(), llm.Request{
		Messages: []llm.Message{
			{Role: llm.RoleSystem, Content: "Rewrite the resume bullet."},
			{Role: llm.RoleUser, Content: "Added Redis caching"},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Bullet, "|", *v.Question, "|", v.Keywords)
	fmt.Println("attempts:", meta.Attempts, "reasks:", meta.Reasks, "waits:", meta.Waits)
	fmt.Println("tokens:", meta.Usage.TotalTokens)
	// Output:
	// Cut p99 latency by [X%] with Redis caching | By how much? | [Redis]
	// attempts: 2 reasks: 1 waits: []
	// tokens: 325
}

func ExampleSchemaFor() {
	type Verdict struct {
		Strong bool    `json:"strong"`
		Reason string  `json:"reason" jsonschema:"maxLength=80"`
		Metric *string `json:"metric"`
	}
	s, err := llm.SchemaFor[Verdict]()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name)
	fmt.Println(string(s.JSON))
	// Output:
	// Verdict
	// {"properties":{"strong":{"type":"boolean"},"reason":{"type":"string","description":"Constraints: maxLength 80."},"metric":{"anyOf":[{"type":"string"},{"type":"null"}]}},"additionalProperties":false,"type":"object","required":["strong","reason","metric"]}
}

func ExampleCheckStrict() {
	err := llm.CheckStrict([]byte(`{"type":"object","properties":{"a":{"type":"string","minLength":1}}}`))
	var se *llm.SchemaError
	if errors.As(err, &se) {
		for _, v := range se.Violations {
			fmt.Println(v)
		}
	}
	// Output:
	// #: object must set "additionalProperties": false
	// #/properties/a: property must be listed in required (strict mode has no optional fields; use a nullable type)
	// #/properties/a: keyword "minLength" is not supported
}

func ExampleError() {
	t := &exampleT{}
	defer t.done()
	s := llmtest.NewServer(t)
	s.Enqueue(llmtest.Fail(429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota."))

	_, err := s.Client().Complete(context.Background(), llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: "hi"}}})
	var e *llm.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.Code, "retryable:", e.Retryable)
	}
	fmt.Println(err)
	// Output:
	// 429 insufficient_quota retryable: false
	// llm: chat completion: status 429 (insufficient_quota/insufficient_quota): You exceeded your current quota.
}
