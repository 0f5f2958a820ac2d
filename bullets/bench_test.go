package bullets_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/llm"
	"github.com/resumekit/resumekit/llm/llmtest"
	"github.com/resumekit/resumekit/skills"
)

func BenchmarkAnalyze(b *testing.B) {
	lines := bullets.CatalogLines()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		bullets.Analyze(lines[i%len(lines)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "bullets/s")
}

func BenchmarkRewriteRules(b *testing.B) {
	var weak []string
	for _, ex := range skills.Backend().BulletExamples() {
		weak = append(weak, ex.Weak)
	}
	weak = append(weak, "I was responsible for maintaining various APIs etc.", "APIs were built by me for the mobile app")
	rw := bullets.New(nil)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := rw.Rewrite(ctx, bullets.Request{Bullet: weak[i%len(weak)]}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "bullets/s")
}

// BenchmarkRewriteLLM measures the library's overhead per bullet against the fake
// server with no latency: prompt rendering, the HTTP round trip over loopback, decoding,
// schema validation and the guard. It also reports an estimate of the prompt tokens per
// bullet (system + user + schema bytes / 4).
func BenchmarkRewriteLLM(b *testing.B) {
	s := llmtest.NewServer(b)
	rw := bullets.New(s.Client(), bullets.WithCache(nil))
	ctx := context.Background()
	req := bullets.Request{Bullet: kafkaBullet}
	s.Enqueue(goodKafka())
	if _, err := rw.Rewrite(ctx, req); err != nil { // warm up, and measure the prompt
		b.Fatal(err)
	}
	var body struct {
		Messages []struct {
			Content string `json:"content"`
		} `json:"messages"`
		ResponseFormat struct {
			JSONSchema struct {
				Schema json.RawMessage `json:"schema"`
			} `json:"json_schema"`
		} `json:"response_format"`
	}
	if err := json.Unmarshal(s.Requests()[0], &body); err != nil {
		b.Fatal(err)
	}
	promptBytes := len(body.ResponseFormat.JSONSchema.Schema)
	for _, m := range body.Messages {
		promptBytes += len(m.Content)
	}
	loopWithReply(b, s, func() error {
		res, err := rw.Rewrite(ctx, req)
		if err == nil && res.Source != bullets.SourceLLM {
			err = errors.New(strings.Join(res.Warnings, "; "))
		}
		return err
	})
	b.ReportMetric(float64(promptBytes)/4, "prompt-tokens-est/op")
}

// BenchmarkGenerateSameBody is the floor for BenchmarkRewriteLLM: one llm.Generate of
// the same messages, for a reply of the same shape, against the same fake server, with
// no analysis, prompt, guard or rules. The difference between the two is what the
// bullets layer costs per bullet.
func BenchmarkGenerateSameBody(b *testing.B) {
	s := llmtest.NewServer(b)
	rw := bullets.New(s.Client(), bullets.WithCache(nil))
	ctx := context.Background()
	s.Enqueue(goodKafka())
	if _, err := rw.Rewrite(ctx, bullets.Request{Bullet: kafkaBullet}); err != nil { // the messages the rewriter sends
		b.Fatal(err)
	}
	msgs := s.Messages(0)
	temp := float32(0.2)
	req := llm.Request{Messages: msgs, Temperature: &temp, MaxTokens: bullets.DefaultMaxTokens}
	type reply struct {
		Rewritten string   `json:"rewritten"`
		Questions []string `json:"questions"`
	}
	c := s.Client()
	loopWithReply(b, s, func() error {
		_, _, err := llm.Generate[reply](ctx, c, req, llm.WithMaxReasks(1))
		return err
	})
}

// loopWithReply runs call once per iteration, each time with a good reply queued on s
// (queued outside the timer).
func loopWithReply(b *testing.B, s *llmtest.Server, call func() error) {
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		s.Enqueue(goodKafka())
		b.StartTimer()
		if err := call(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRewriteAllLatency runs a batch of 20 bullets against a model with 1s of
// simulated latency at concurrency 5: about 4s per batch. It waits in real time.
func BenchmarkRewriteAllLatency(b *testing.B) {
	reqs := pipelineBullets(codeNames[:20])
	for b.Loop() {
		rw := bullets.New(&echoModel{latency: time.Second}, bullets.WithConcurrency(5))
		res, err := rw.RewriteAll(context.Background(), reqs)
		if err != nil || len(res) != 20 {
			b.Fatal(err)
		}
		for _, r := range res {
			if r.Source != bullets.SourceLLM {
				b.Fatalf("%s: %v", r.Source, strings.Join(r.Warnings, "; "))
			}
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/batch")
}
