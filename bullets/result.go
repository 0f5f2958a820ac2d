package bullets

import (
	"errors"
	"slices"
	"strings"

	"github.com/resumekit/resumekit/internal/wording"
	"github.com/resumekit/resumekit/llm"
)

// ErrEmptyBullet is returned by Rewriter.Rewrite (and joined into RewriteAll's error)
// for a bullet that is empty or only whitespace. The result still says so.
var ErrEmptyBullet = errors.New("bullets: empty bullet")

// Request is one bullet to rewrite. The zero value is an empty bullet.
type Request struct {
	// Bullet is the resume line, with or without a list marker ("- ", "• ").
	Bullet string `json:"bullet"`
	// JobKeywords are canonical catalog terms from the job being applied to
	// ("PostgreSQL", "Kafka"). The rewrite may use those the bullet already evidences,
	// never the others. Optional.
	JobKeywords []string `json:"job_keywords,omitempty"`
	// Facts are things the person told us that the rewrite may use, such as a metric
	// ("p95 latency went from 800ms to 120ms"). Numbers and technologies in facts count
	// as evidence. Optional.
	Facts []string `json:"facts,omitempty"`
}

// Source says where a rewrite came from.
type Source string

// The sources of a rewrite.
const (
	// SourceLLM: the model wrote it and the guard accepted it.
	SourceLLM Source = "llm"
	// SourceRules: the rule-based rewriter wrote it (no model configured, a line with
	// no weaknesses, or a fallback whose reason is in Warnings).
	SourceRules Source = "rules"
	// SourceCache: an earlier model rewrite of the same request (same prompt, model,
	// rules version, bullet, job keywords and facts) that the guard still accepts, from
	// the cache or from a duplicate in the batch.
	SourceCache Source = "cache"
)

// Usage counts the tokens a rewrite spent, summed over every attempt and reask,
// including those of a rewrite that then fell back to the rules. Zero for rules and
// cache results. It is llm.Usage (one type, one Add).
type Usage = llm.Usage

// Result is the rewrite of one bullet and where it came from. Slices are never nil,
// so the JSON form always has every field.
type Result struct {
	// Original is the bullet as given.
	Original string `json:"original"`
	// Rewritten is the rewrite, one line without a list marker. It equals the trimmed
	// original when the bullet has no weakness. It may hold placeholders such as [X%].
	Rewritten string `json:"rewritten"`
	// Source is llm, rules or cache.
	Source Source `json:"source"`
	// PromptVersion and PromptHash identify the prompt used to ask the model ("" when
	// no model was asked).
	PromptVersion string `json:"prompt_version"`
	PromptHash    string `json:"prompt_hash"`
	// RulesVersion is the version of the analysis and rewrite rules.
	RulesVersion string `json:"rules_version"`
	// Model is the model that wrote Rewritten as the provider reported it ("" when the
	// rules did).
	Model string `json:"model"`
	// Attempts is the number of model calls made for this result (0 for rules-only and
	// cache results), fallbacks included.
	Attempts int `json:"attempts"`
	// Weaknesses are the codes of the weaknesses found in Original.
	Weaknesses []Code `json:"weaknesses"`
	// Placeholders are the bracketed placeholders in Rewritten ("[X%]", "[N]"), for the
	// person to fill in.
	Placeholders []string `json:"placeholders"`
	// Questions ask the person for what the bullet lacks (the metric behind a
	// placeholder, the technology used).
	Questions []string `json:"questions"`
	// Warnings say, in words, why a model rewrite was not used (a fallback) or what else
	// went wrong. Empty for a clean result.
	Warnings []string `json:"warnings"`
	// Usage is the tokens spent.
	Usage Usage `json:"usage"`
}

// normalize makes every slice non-nil.
func (r *Result) normalize() {
	if r.Weaknesses == nil {
		r.Weaknesses = []Code{}
	}
	if r.Placeholders == nil {
		r.Placeholders = []string{}
	}
	if r.Questions == nil {
		r.Questions = []string{}
	}
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
}

// clone returns r with its own slices, so cached results cannot be changed through a
// returned copy.
func (r Result) clone() Result {
	r.Weaknesses = append([]Code{}, r.Weaknesses...)
	r.Placeholders = append([]string{}, r.Placeholders...)
	r.Questions = append([]string{}, r.Questions...)
	r.Warnings = append([]string{}, r.Warnings...)
	return r
}

// placeholders returns the [bracketed] spans of s that hold no digit.
func placeholders(s string) []string {
	var out []string
	for _, sp := range wording.Brackets(s) {
		p := s[sp.Start:sp.End]
		if !strings.ContainsAny(p, "0123456789") && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}
