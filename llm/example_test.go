package llm_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/resumekit/resumekit/llm"
)

type Rewrite struct {
	Bullet   string   `json:"bullet" jsonschema:"description=the rewritten bullet,maxLength=200"`
	Question *string  `json:"question" jsonschema:"description=what to ask the user when a metric is missing"`
	Keywords []string `json:"keywords"`
}

// scriptedModel is an llm.Completer that answers with its replies in order. A test
// would serve them with llmtest.Server, which speaks HTTP like the provider.
type scriptedModel []llm.Response

func (m *scriptedModel) Complete(context.Context, llm.Request) (llm.Response, error) {
	r := (*m)[0]
	*m = (*m)[1:]
	return r, nil
}

// ExampleGenerate: the model's first reply leaves out required fields, so Generate
// reasks, naming them, and accepts the second.
func ExampleGenerate() {
	model := &scriptedModel{
		{Content: `{"bullet":"Cut p99 latency by [X%] with Redis caching"}`, FinishReason: "stop",
			Usage: llm.Usage{PromptTokens: 120, CompletionTokens: 20, TotalTokens: 140}},
		{Content: `{"bullet":"Cut p99 latency by [X%] with Redis caching","question":"By how much?","keywords":["Redis"]}`, FinishReason: "stop",
			Usage: llm.Usage{PromptTokens: 160, CompletionTokens: 25, TotalTokens: 185}},
	}

	v, meta, err := llm.Generate[Rewrite](context.Background(), model, llm.Request{
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

// quotaSpent is an http.RoundTripper that answers every request the way OpenAI does
// once the account's quota is spent.
type quotaSpent struct{}

func (quotaSpent) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_ = r.Body.Close()
	}
	body := `{"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","code":"insufficient_quota","param":null}}`
	return &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
}

func ExampleError() {
	c := llm.New("sk-example", llm.WithHTTPClient(&http.Client{Transport: quotaSpent{}}))

	_, err := c.Complete(context.Background(), llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: "hi"}}})
	var e *llm.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.Code, "retryable:", e.Retryable)
	}
	fmt.Println(err)
	// Output:
	// 429 insufficient_quota retryable: false
	// llm: chat completion: status 429 (insufficient_quota/insufficient_quota): You exceeded your current quota.
}
