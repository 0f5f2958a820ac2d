package bullets_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/llm"
)

func ExampleAnalyze() {
	a := bullets.Analyze("I was responsible for various APIs.")
	for _, w := range a.Weaknesses {
		fmt.Printf("%s %q\n", w.Code, a.Line[w.Start:w.End])
	}
	fmt.Println("score:", a.Score, "weak:", a.Weak)
	// Output:
	// weak-opener "was responsible for"
	// pronoun "I"
	// filler "various"
	// no-metric "I was responsible for various APIs."
	// no-technology "I was responsible for various APIs."
	// score: 30 weak: true
}

func ExampleGuard_Check() {
	var g bullets.Guard // the zero value uses the embedded catalog
	req := bullets.Request{Bullet: "Reduced p99 latency from 3.2s to 180ms on Postgres."}
	for _, rewrite := range []string{
		"Cut p99 latency from 3,200 ms to 180 ms on PostgreSQL.",
		"Cut p99 latency from 3.2s to 180ms on Postgres and Redis for 2M users.",
	} {
		vs := g.Check(req, rewrite)
		fmt.Println(len(vs), "violations")
		for _, v := range vs {
			fmt.Println(" ", v.Rule+":", v.Message)
		}
	}
	// Output:
	// 0 violations
	// 2 violations
	//   invented-number: the number "2M" is not in the bullet or the facts; remove it or use a placeholder such as [X%] or [N]
	//   invented-technology: the technology "Redis" is not in the bullet or the facts; remove it
}

// With no model the Rewriter applies the rules: offline, deterministic, and honest about
// what it does not know.
func ExampleRewriter_Rewrite() {
	rw := bullets.New(nil)
	res, err := rw.Rewrite(context.Background(), bullets.Request{Bullet: "Responsible for maintaining our Kafka consumers."})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Rewritten)
	fmt.Println(res.Source, res.Weaknesses)
	fmt.Println(res.Questions[0])
	// Output:
	// Maintained the Kafka consumers, handling [N] messages per day.
	// rules [weak-opener pronoun no-metric]
	// How many messages or jobs does it process per day (or per second at peak)?
}

// With a model, every reply passes the guard. Here the model's first reply invents a
// metric; the reask names it, and the second reply is accepted. (A test would serve
// the replies with llmtest.Server; any llm.Completer will do.)
func ExampleRewriter_Rewrite_llm() {
	model := &scriptedModel{replies: []string{
		`{"rewritten": "Built Kafka message processing, cutting latency by 40%.", "questions": []}`,
		`{"rewritten": "Built message processing on Kafka, handling [N] messages per day.", "questions": ["How many messages a day?"]}`,
	}}
	rw := bullets.New(model)

	res, err := rw.Rewrite(context.Background(), bullets.Request{Bullet: "Used Kafka for message processing."})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Rewritten)
	fmt.Println(res.Source, res.PromptVersion, res.Model, "attempts:", res.Attempts)
	fmt.Println(res.Placeholders, res.Questions)
	reask := model.requests[1].Messages
	fmt.Println(strings.Contains(reask[len(reask)-1].Content, `the number "40%" is not in the bullet`), len(model.requests[0].Messages))
	// Output:
	// Built message processing on Kafka, handling [N] messages per day.
	// llm rewrite-v2 gpt-4o-mini attempts: 2
	// [[N]] [How many messages a day?]
	// true 2
}

// scriptedModel is an llm.Completer that answers with its replies in order and keeps
// the requests it got.
type scriptedModel struct {
	replies  []string
	requests []llm.Request
}

func (m *scriptedModel) Complete(_ context.Context, req llm.Request) (llm.Response, error) {
	m.requests = append(m.requests, req)
	reply := m.replies[0]
	m.replies = m.replies[1:]
	return llm.Response{Content: reply, FinishReason: "stop", Model: "gpt-4o-mini"}, nil
}
