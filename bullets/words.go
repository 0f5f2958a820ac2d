package bullets

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/resumekit/resumekit/internal/wording"
)

// rulesJSON is the embedded rule data: word tiers, filler, pronouns, verb and metric
// choices and the verb forms the rule-based rewriter needs. Its "version" is the
// RulesVersion recorded on every Analysis; a test pins the file's hash to the version,
// so changing the data without a new version fails the build.
//
//go:embed data/rules.json
var rulesJSON []byte

// ruleData is the decoded form of data/rules.json.
type ruleData struct {
	Version string `json:"version"`
	Tiers   struct {
		Strong   []string `json:"strong"`
		Neutral  []string `json:"neutral"`
		Weak     []string `json:"weak"`
		Overused []string `json:"overused"`
	} `json:"tiers"`
	BuzzwordReplacements map[string]string `json:"buzzword_replacements"`
	Filler               []struct {
		Phrase  string `json:"phrase"`
		Replace string `json:"replace"`
	} `json:"filler"`
	Pronouns []string `json:"pronouns"`
	Verbs    []struct {
		Verb string   `json:"verb"`
		Cues []string `json:"cues"`
	} `json:"verbs"`
	DefaultVerb   string            `json:"default_verb"`
	Metrics       []metricRule      `json:"metrics"`
	DefaultMetric metricRule        `json:"default_metric"`
	Irregular     map[string]string `json:"irregular_verbs"`
	Participles   map[string]string `json:"participles"`
	EVerbs        []string          `json:"e_verbs"`
	DoubleFinal   []string          `json:"double_final"`
}

// metricRule is a placeholder clause offered when a bullet has no metric.
type metricRule struct {
	Cues        []string `json:"cues"`
	Clause      string   `json:"clause"`
	Placeholder string   `json:"placeholder"`
	Question    string   `json:"question"`
}

// phraseKind says which list a phrase came from.
type phraseKind uint8

const (
	kindWeak phraseKind = iota + 1
	kindOverused
	kindFiller
	kindPronoun
)

// phrase is one entry of a word list, as lowercase tokens.
type phrase struct {
	kind    phraseKind
	text    string // as written in the data
	tokens  []string
	replace string // filler and buzzword replacement ("" drops it)
}

// wordRules is the compiled rule data, shared and read-only.
type wordRules struct {
	data ruleData
	// byFirst indexes every phrase by its first lowercase token, longest phrase first.
	byFirst  map[string][]phrase
	strong   map[string]bool
	neutral  map[string]bool
	eVerbs   map[string]bool
	doubles  map[string]bool
	verbCues []cueSet
	metrics  []cueSet
}

// cueSet is a list of cue phrases as token sequences, with the index of what it selects.
type cueSet struct {
	index int
	cues  [][]string
}

var rules = sync.OnceValue(func() *wordRules {
	w, err := compileRules(rulesJSON)
	if err != nil {
		// The embedded file is checked by the package's tests; reaching this is a build defect.
		panic("bullets: embedded rule data is invalid: " + err.Error())
	}
	return w
})

// compileRules decodes and indexes rule data.
func compileRules(b []byte) (*wordRules, error) {
	var d ruleData
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("bullets: decode rule data: %w", err)
	}
	if d.Version == "" || d.DefaultVerb == "" || d.DefaultMetric.Clause == "" {
		return nil, fmt.Errorf("bullets: rule data: version, default_verb and default_metric are required")
	}
	w := &wordRules{
		data:    d,
		byFirst: map[string][]phrase{},
		strong:  set(d.Tiers.Strong),
		neutral: set(d.Tiers.Neutral),
		eVerbs:  set(d.EVerbs),
		doubles: set(d.DoubleFinal),
	}
	add := func(kind phraseKind, text, replace string) error {
		toks := wording.LowerTokens(text)
		if len(toks) == 0 {
			return fmt.Errorf("bullets: rule data: empty phrase %q", text)
		}
		w.byFirst[toks[0]] = append(w.byFirst[toks[0]], phrase{kind: kind, text: text, tokens: toks, replace: replace})
		return nil
	}
	for _, p := range d.Tiers.Weak {
		if err := add(kindWeak, p, ""); err != nil {
			return nil, err
		}
	}
	for _, p := range d.Tiers.Overused {
		if err := add(kindOverused, p, d.BuzzwordReplacements[p]); err != nil {
			return nil, err
		}
	}
	for _, f := range d.Filler {
		if err := add(kindFiller, f.Phrase, f.Replace); err != nil {
			return nil, err
		}
	}
	for _, p := range d.Pronouns {
		if err := add(kindPronoun, p, ""); err != nil {
			return nil, err
		}
	}
	for _, ps := range w.byFirst {
		// Longest first, so "was responsible for" wins over "was ..." and
		// "best practices" variants over the bare phrase.
		slices.SortStableFunc(ps, func(a, b phrase) int { return len(b.tokens) - len(a.tokens) })
	}
	for i, v := range d.Verbs {
		w.verbCues = append(w.verbCues, cueSet{index: i, cues: tokenLists(v.Cues)})
	}
	for i, m := range d.Metrics {
		w.metrics = append(w.metrics, cueSet{index: i, cues: tokenLists(m.Cues)})
	}
	return w, nil
}

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[strings.ToLower(w)] = true
	}
	return m
}

func tokenLists(cues []string) [][]string {
	out := make([][]string, 0, len(cues))
	for _, c := range cues {
		if t := wording.LowerTokens(c); len(t) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// RulesVersion returns the version of the embedded word lists and rewrite rules, such
// as "rules-v3". It is recorded on every Analysis and Result; it changes whenever the
// rules change, so stored analyses can be compared.
func RulesVersion() string { return rules().data.Version }
