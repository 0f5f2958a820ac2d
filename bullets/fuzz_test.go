package bullets

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/skills"
)

// CatalogLines returns the weak and strong bullets of the catalog's examples, for the
// external tests and benchmarks too.
func CatalogLines() []string {
	var lines []string
	for _, ex := range skills.Backend().BulletExamples() {
		lines = append(lines, ex.Weak, ex.Strong)
	}
	return lines
}

func fuzzSeeds() []string {
	return append(CatalogLines(),
		"", " ", "- ", "I", "Responsible for", "Used to", "Was built by me", "1. Used Kafka for 3 teams.",
		"Cut costs $1.2M (40%) from 2019 to 2021 with Go, k8s and Postgres; 3.2s → 180ms.",
		"Helped the team with various things etc. in a timely manner", "We leveraged synergy.",
		"APIs were quickly rewritten by me in Go for our 2M users", "\xff\xfe Used \x00 Kafka",
		"Responsible for designing, building and running 12 Go services and Kafka",
		"— Worked on HTTP/2, N+1, EC2, S3, p95 and OAuth 2.0 in Python 3",
		// Found by this target once it checked the rules before the revert:
		"0 .10", "0000000000000  X", "00 Us", "I+0", "Used A for 00000ing",
		"vArious etC 000000000000000000", "go", "10 Me+0", "Used 00000 for AAAAAAAAing", "S3 .A0", "a-0", "0 ) 1", "Used+0", "Used 0 fOr 0", "0A0 A0\xcai\xaa", "00 I X",
	)
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		a := Analyze(line)
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

// FuzzRewriteRules checks that the rule-based rewriter never panics, never makes a
// line multi-line, and that its rules never add or drop a number or a technology. The
// last is checked on the rules' own output, before the revert that would hide a rule
// that changes a fact.
func FuzzRewriteRules(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	rw := New(nil)
	f.Fuzz(func(t *testing.T, line string) {
		res, err := rw.Rewrite(context.Background(), Request{Bullet: line})
		if err != nil {
			if strings.TrimSpace(res.Rewritten) != "" {
				t.Fatalf("error %v with rewrite %q", err, res.Rewritten)
			}
			return
		}
		if strings.ContainsAny(res.Rewritten, "\n") && !strings.ContainsAny(line, "\n") {
			t.Fatalf("rewrite became multi-line: %q", res.Rewritten)
		}
		if msg := ruleFactChange(line, ruleSteps()); msg != "" {
			t.Fatal(msg)
		}
	})
}

// ruleFactChange runs steps over line as the rule-based rewriter does, without the
// revert, and describes the first number or technology the rewrite adds or drops ("" if
// none).
func ruleFactChange(line string, steps []ruleStep) string {
	ev := newEvidence(vocabFor(nil), Request{Bullet: line})
	raw := applyRules(ev, ev.bullet.analyze(), steps)
	for _, v := range (Guard{}).Check(Request{Bullet: line}, raw.text) {
		switch v.Rule {
		case RuleInventedNumber, RuleDroppedNumber, RuleInventedTechnology, RuleDroppedTechnology:
			return line + " → " + raw.text + ": " + v.Message
		}
	}
	return ""
}

// TestFuzzRewriteRulesSeesFaultyRule injects a rule that adds a fact to every rewrite
// and checks that FuzzRewriteRules' check fails on it, although the revert keeps the
// faulty rewrite out of every result.
func TestFuzzRewriteRulesSeesFaultyRule(t *testing.T) {
	t.Parallel()
	faulty := append(ruleSteps(), func(_ *vocab, s string) string { return s + " using Redis for 42 teams" })
	caught := 0
	for _, line := range fuzzSeeds() {
		ev := newEvidence(vocabFor(nil), Request{Bullet: line})
		b, a := ev.bullet, ev.bullet.analyze()
		if len(a.Weaknesses) == 0 || b.body == "" {
			continue // the rules leave these alone
		}
		require.Empty(t, ruleFactChange(line, ruleSteps()), "the real rules keep the facts of %q", line)
		msg := ruleFactChange(line, faulty)
		if assert.NotEmpty(t, msg, "the faulty rule passed the check on %q", line) {
			caught++
		}
		reverted := revertFactChanges(ev, applyRules(ev, a, faulty))
		assert.Equal(t, b.body, reverted.text, "the revert hides the faulty rule")
		assert.NotEmpty(t, reverted.reverted)
	}
	assert.Greater(t, caught, 10)
}

// FuzzGuard checks that Guard.Check never panics, names only known rules with a
// message, and accepts a line as a rewrite of itself whenever it has no list marker,
// markup, hidden text or other problem of its own (a bullet restated is no new claim).
func FuzzGuard(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s, s)
	}
	f.Add("Helped with the migration.", "Led the migration.")
	f.Add("Built the API in Go.", "Built the API in Go for ٧٣٪ of users\u200b <b>x</b>.")
	f.Add("Set up the ELK stack.", "Set up Elasticsearch, Logstash and Kibana.")
	known := map[string]bool{}
	for _, r := range []string{RuleEmpty, RuleMultiline, RulePreamble, RuleTooLong, RuleInventedNumber, RuleDroppedNumber,
		RuleInventedTechnology, RuleDroppedTechnology, RuleDroppedContent, RuleWeakOpener, RulePronoun,
		RuleUnlicensedRole, RuleUnlicensedScope, RuleUnlicensedOutcome, RuleNewConcepts, RuleHiddenText, RuleMarkup} {
		known[r] = true
	}
	f.Fuzz(func(t *testing.T, bullet, rewrite string) {
		for _, v := range (Guard{}).Check(Request{Bullet: bullet}, rewrite) {
			if !known[v.Rule] || v.Message == "" {
				t.Fatalf("violation %+v", v)
			}
		}
		for _, v := range (Guard{}).Check(Request{Bullet: bullet}, bulletBody(bullet)) {
			if factRules[v.Rule] {
				t.Fatalf("the bullet restated breaks %s: %s", v.Rule, v.Message)
			}
		}
	})
}
