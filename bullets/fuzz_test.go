package bullets_test

import (
	"context"
	"strings"
	"testing"

	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/skills"
)

func fuzzSeeds(f *testing.F) {
	for _, ex := range skills.Backend().BulletExamples() {
		f.Add(ex.Weak)
		f.Add(ex.Strong)
	}
	for _, s := range []string{
		"", " ", "- ", "I", "Responsible for", "Used to", "Was built by me", "1. Used Kafka for 3 teams.",
		"Cut costs $1.2M (40%) from 2019 to 2021 with Go, k8s and Postgres; 3.2s → 180ms.",
		"Helped the team with various things etc. in a timely manner", "We leveraged synergy.",
		"APIs were quickly rewritten by me in Go for our 2M users", "\xff\xfe Used \x00 Kafka",
		"Responsible for designing, building and running 12 Go services and Kafka",
		"— Worked on HTTP/2, N+1, EC2, S3, p95 and OAuth 2.0 in Python 3",
	} {
		f.Add(s)
	}
}

func FuzzAnalyze(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, line string) {
		a := bullets.Analyze(line)
		if a.Line != line {
			t.Fatalf("Line changed")
		}
		if a.Score < 0 || a.Score > 100 {
			t.Fatalf("score %d out of range", a.Score)
		}
		if len(a.Weaknesses) == 0 && (a.Score != 100 || a.Weak) {
			t.Fatalf("no weaknesses but score %d weak %v", a.Score, a.Weak)
		}
		for _, w := range a.Weaknesses {
			if w.Start < 0 || w.End > len(line) || w.Start > w.End || w.Message == "" {
				t.Fatalf("bad weakness %+v for %d bytes", w, len(line))
			}
		}
	})
}

// FuzzRewriteRules checks that the rule-based rewriter never panics and never adds
// or drops a number or a technology.
func FuzzRewriteRules(f *testing.F) {
	fuzzSeeds(f)
	rw := bullets.New(nil)
	f.Fuzz(func(t *testing.T, line string) {
		res, err := rw.Rewrite(context.Background(), bullets.Request{Bullet: line})
		if err != nil {
			if strings.TrimSpace(res.Rewritten) != "" {
				t.Fatalf("error %v with rewrite %q", err, res.Rewritten)
			}
			return
		}
		if strings.ContainsAny(res.Rewritten, "\n") && !strings.ContainsAny(line, "\n") {
			t.Fatalf("rewrite became multi-line: %q", res.Rewritten)
		}
		for _, v := range (bullets.Guard{}).Check(bullets.Request{Bullet: line}, res.Rewritten) {
			switch v.Rule {
			case bullets.RuleInventedNumber, bullets.RuleDroppedNumber, bullets.RuleInventedTechnology, bullets.RuleDroppedTechnology:
				t.Fatalf("%q → %q: %s", line, res.Rewritten, v.Message)
			}
		}
	})
}
