package bullets

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/resumekit/resumekit/internal/wording"
)

// rulesJSON is the embedded rule data: every word list and special case that steers
// the analysis, the guard and the rule-based rewriter (word tiers, filler, pronouns,
// verb and metric choices, verb forms, number words and units, opener rewrites, the
// guard's preambles and ordinary capitalised words). Go code holds only the mechanism.
// Its "version" is the RulesVersion recorded on every Analysis; a test pins the file's
// hash to the version, so changing any list without a new version fails the tests.
//
//go:embed data/rules.json
var rulesJSON []byte

// ruleData is the decoded form of data/rules.json. Every field is required: a list
// missing from the data is an error, never an empty list that quietly changes results.
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
		Replace string `json:"replace" optional:"true"`
	} `json:"filler"`
	Pronouns      []string     `json:"pronouns"`
	Metrics       []metricRule `json:"metrics"`
	DefaultMetric metricRule   `json:"default_metric"`
	// ImprovementCues are the words by which a bullet says its work improved something
	// ("optimized", "reduced", "to speed up"); only they license an outcome clause.
	ImprovementCues []string          `json:"improvement_cues"`
	Irregular       map[string]string `json:"irregular_verbs"`
	Participles     map[string]string `json:"participles"`
	EVerbs          []string          `json:"e_verbs"`
	DoubleFinal     []string          `json:"double_final"`

	Analysis   analysisData   `json:"analysis"`
	VerbForms  verbFormData   `json:"verb_forms"`
	Numbers    numberData     `json:"numbers"`
	Technology technologyData `json:"technology"`
	Rewrite    rewriteData    `json:"rewrite"`
	Guard      guardData      `json:"guard"`
	Honesty    honestyData    `json:"honesty"`
}

// analysisData steers Analyze beyond the word tiers.
type analysisData struct {
	// Penalties is what each weakness costs the score; weak marks the codes that make
	// a bullet weak on their own.
	Penalties map[Code]struct {
		Points int  `json:"points"`
		Weak   bool `json:"weak" optional:"true"`
	} `json:"penalties"`
	// Subjects may come before a weak opener ("I helped") and are dropped by the rules.
	Subjects wordSet `json:"subjects"`
	// Joiners glue words into one identifier ("I/O", "N+1", "Used+0"): a word glued to
	// another by one of them is never a phrase of the word lists.
	Joiners string `json:"joiners"`
	// OpenerExceptions: a weak opener followed by one of these words is no opener
	// ("Used by 40K users").
	OpenerExceptions map[string]wordSet `json:"opener_exceptions"`
	// PronounExceptions: when a pronoun's token is no pronoun ("US" the country, the
	// "I" of "I/O" and "i.e.").
	PronounExceptions map[string]struct {
		Written   wordSet `json:"written" optional:"true"`
		NotAfter  string  `json:"not_after" optional:"true"`
		NotBefore string  `json:"not_before" optional:"true"`
	} `json:"pronoun_exceptions"`
	PassiveAuxiliaries   wordSet `json:"passive_auxiliaries"`
	NotPassive           wordSet `json:"not_passive"`
	IrregularParticiples wordSet `json:"irregular_participles"`
	// PassiveIdioms: a participle followed by one of these words is an idiom, not a
	// passive ("was used to").
	PassiveIdioms map[string]wordSet `json:"passive_idioms"`
	// PassiveAgent introduces the doer of a passive ("by"); SelfAgents are the doers
	// that mean the person ("by me").
	PassiveAgent string  `json:"passive_agent"`
	SelfAgents   wordSet `json:"self_agents"`
	// PronounGlue are the characters that, written right next to a pronoun's letters,
	// make them part of a code, handle or address ("i%A", "@me").
	PronounGlue string `json:"pronoun_glue"`
	// InstructionCues are lowercase phrases by which a bullet addresses a model or a
	// program ("ignore previous instructions"); InstructionOpeners are the marks that
	// may open the text holding one, with their closing mark ("(" and ")", "<!--" and
	// "-->"; "" closes at the end of the sentence).
	InstructionCues    []string    `json:"instruction_cues"`
	InstructionOpeners [][2]string `json:"instruction_openers"`
}

// verbFormData is what the verb forms need beyond irregular_verbs, e_verbs and
// double_final.
type verbFormData struct {
	// BaseVerbs are common resume verbs, in base form, that the tiers do not imply.
	BaseVerbs wordSet `json:"base_verbs"`
	// NotGerunds are words ending in -ing that are not verb forms ("string", "during").
	NotGerunds wordSet `json:"not_gerunds"`
	// SilentEStems are endings after which a gerund's stem lost a silent e
	// ("automat-ing" → "automate"); after a vowel, the NoEAfterVowel endings keep
	// none ("maintain").
	SilentEStems  []string `json:"silent_e_stems"`
	NoEAfterVowel wordSet  `json:"no_e_after_vowel"`
	// KeptDoubles are final letters that stay doubled in the base verb ("fall", "pass").
	KeptDoubles wordSet `json:"kept_doubles"`
}

// technologyData steers how catalog mentions count as evidence.
type technologyData struct {
	// CommonReadings are lowercase forms that are ordinary words far more often than
	// the technology ("go live", "the rest of", "each node"), so they never evidence it.
	CommonReadings wordSet `json:"common_readings"`
}

// rewriteData steers the rule-based rewriter.
type rewriteData struct {
	// Openers group the weak and overused openers by what they become: use, help,
	// share, own, part, do; team are the openers that may introduce a team's work.
	Openers map[string]wordSet `json:"openers"`
	// OpenerOrder is the order in which the groups that put their verb before the
	// rest of the bullet are tried.
	OpenerOrder []string `json:"opener_order"`
	// And joins two actions ("built X and ran Y").
	And string `json:"and"`
	// TeamOn joins a team to what it worked on ("a team of 5 on the checkout").
	TeamOn string `json:"team_on"`
	// OpenerVerbs is the verb each group puts before the rest of the bullet.
	OpenerVerbs map[string]string `json:"opener_verbs"`
	// KeepOpeners: an opener followed by one of these words is left alone ("Used to").
	KeepOpeners map[string]wordSet `json:"keep_openers"`
	// PartDrop is dropped after a part opener ("Was part of the work of X").
	PartDrop string `json:"part_drop"`
	// Nominalizations turn an opener's object into a verb ("Made improvements to").
	Nominalizations map[string]string `json:"nominalizations"`
	// Emphasis are the Markdown and HTML emphasis pairs the rules take off an opener
	// or put back around a whole bullet.
	Emphasis [][2]string `json:"emphasis"`
	// ClauseMaxWords is the longest text a placeholder clause may end: past it, the
	// clause would no longer size the thing the bullet names.
	ClauseMaxWords int `json:"clause_max_words"`
	// ClauseMaxTail is how many words may follow the thing a bullet names for a scope
	// clause at the end to still size it (and the longest "with" group the rules move).
	ClauseMaxTail int `json:"clause_max_tail"`
	// Prepositions after a weak opener make a phrase the rules do not know ("Helped
	// in", "Worked in"): the opener stays.
	Prepositions wordSet `json:"prepositions"`
	// OpenerQuestion is asked when the rules keep a weak opener ("Handled X"): only the
	// person knows what they did.
	OpenerQuestion string `json:"opener_question"`
	// GerundNouns are head nouns after which an -ing word is a modifier, not an
	// action ("caching layer", "billing service").
	GerundNouns wordSet `json:"gerund_nouns"`
	// HeadSkips are words between the verb and the thing a bullet names ("to" of
	// "Contributed to", "as" of "Served as").
	HeadSkips           wordSet           `json:"head_skips"`
	PerfectAuxiliaries  []string          `json:"perfect_auxiliaries"`
	PronounReplacements map[string]string `json:"pronoun_replacements"`
	// ObjectPronouns are dropped with the preposition before them ("by me").
	ObjectPronouns     wordSet  `json:"object_pronouns"`
	ObjectPrepositions []string `json:"object_prepositions"`
	TeamLeads          []string `json:"team_leads"`
	Relatives          wordSet  `json:"relatives"`
	// HeadEnds end the head noun phrase of an object ("the API for X").
	HeadEnds []string `json:"head_ends"`
	// ListEnders are filler that ends a list ("etc."); ListLeads start a filler that
	// may come before a list ("using best practices, code reviews"), which keeps
	// ListLeadReplacement in its place.
	ListEnders          wordSet `json:"list_enders"`
	ListLeads           wordSet `json:"list_leads"`
	ListLeadReplacement string  `json:"list_lead_replacement"`
	// CommonStarts are ordinary words that start a noun phrase, lowercased when the
	// phrase moves into the sentence ("The billing service" → "the billing service").
	CommonStarts wordSet `json:"common_starts"`
	// Tidy repairs the spacing and punctuation removals leave behind: each pair
	// replaces its first string with its second.
	Tidy [][2]string `json:"tidy"`
}

// guardData steers the Guard beyond numbers and technologies.
type guardData struct {
	Preambles []string `json:"preambles"`
	// LabelWords make a leading "...:" a label ("Improved bullet:").
	LabelWords []string    `json:"label_words"`
	Quotes     [][2]string `json:"quotes"`
	Emphasis   []string    `json:"emphasis"`
	// CommonCaps are capitalised words that name no product ("API", "SLA", "May").
	CommonCaps wordSet `json:"common_caps"`
	// SentenceOpeners are ordinary words that may start a later sentence of a rewrite.
	SentenceOpeners wordSet `json:"sentence_openers"`
	// StopWords carry no content of their own.
	StopWords wordSet `json:"stop_words"`
}

// honestyData steers the guard's honesty rules (see the Rule constants of honesty.go).
type honestyData struct {
	// RoleVerbs claim leading or owning the work; RoleLicenses are the words by which a
	// bullet says the person did.
	RoleVerbs    wordSet  `json:"role_verbs"`
	RoleLicenses []string `json:"role_licenses"`
	ScopeWords   []string `json:"scope_words"`
	// OutcomeWords claim that something improved; only a bullet with an improvement
	// cue licenses them.
	OutcomeWords wordSet `json:"outcome_words"`
	// MetricNames are named metrics (p95, MTTR) a rewrite may use only if the bullet
	// or the facts do.
	MetricNames        wordSet  `json:"metric_names"`
	Concepts           []string `json:"concepts"`
	NewConceptsAllowed int      `json:"new_concepts_allowed"`
	// TimeClaims state a duration in words ("in under a minute"): numbers too.
	TimeClaims []string `json:"time_claims"`
	// OrdinaryWords are lowercase forms of case-sensitive technologies that are
	// ordinary words in a sentence ("react", "processing", "spring"): written in
	// lowercase they do not name the technology in a rewrite.
	OrdinaryWords wordSet `json:"ordinary_words"`
	// ShortForms are lowercase short names of technologies ("pg", "kube").
	ShortForms map[string]string `json:"short_forms"`
	// Expansions pair a short form with its expansion ("dlq", "dead-letter queue"):
	// either evidences the other.
	Expansions [][2]string `json:"expansions"`
	// A fixed typo of a technology name is allowed: a token of the bullet at least
	// TypoMinLength letters long within TypoMaxEdits edits of a form of the name.
	TypoMinLength int `json:"typo_min_length"`
	TypoMaxEdits  int `json:"typo_max_edits"`
	// MaxTokenChars is the longest token a rewrite may add; TooLongCharSlack is how
	// many characters a long bullet's rewrite may add.
	MaxTokenChars    int `json:"max_token_chars"`
	TooLongCharSlack int `json:"too_long_char_slack"`
}

// hasCue reports whether one of the cue token sequences occurs in toks.
func hasCue(toks []string, cues [][]string) bool {
	for i := range toks {
		for _, c := range cues {
			if i+len(c) > len(toks) {
				continue
			}
			ok := true
			for j := range c {
				if toks[i+j] != c[j] {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// wordSet is a set of words, written in the data as a JSON array.
type wordSet map[string]bool

// UnmarshalJSON reads a JSON array of strings.
func (s *wordSet) UnmarshalJSON(b []byte) error {
	var words []string
	if err := json.Unmarshal(b, &words); err != nil {
		return err
	}
	*s = make(wordSet, len(words))
	for _, w := range words {
		(*s)[w] = true
	}
	return nil
}

// metricRule is a placeholder clause offered when a bullet has no metric.
type metricRule struct {
	Cues []string `json:"cues" optional:"true"`
	// Outcome marks a clause that claims an improvement ("cutting latency by [X%]"): it
	// is offered only to a bullet that itself says the work improved something.
	Outcome bool `json:"outcome" optional:"true"`
	// Clause is "" for a kind of work whose scope has no one unit (a migration moves
	// records, services or gigabytes): only the question is asked.
	Clause   string `json:"clause" optional:"true"`
	Question string `json:"question"`
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
	byFirst map[string][]phrase
	strong  map[string]bool
	neutral map[string]bool
	eVerbs  map[string]bool
	doubles map[string]bool
	pasts   map[string]bool // the irregular past forms
	// unitFirsts are the first words of the units written as two words ("per").
	unitFirsts map[string]bool
	metrics    []cueSet
	improved   [][]string // ImprovementCues as token sequences
	// instructionCues indexes the InstructionCues by their first word.
	instructionCues map[string][]string
	// expansionWords are the words of each Honesty.Expansions expansion.
	expansionWords [][]string
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

// compileRules decodes, checks and indexes rule data.
func compileRules(b []byte) (*wordRules, error) {
	var d ruleData
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("bullets: decode rule data: %w", err)
	}
	if missing := missingFields(reflect.ValueOf(d), ""); len(missing) > 0 {
		return nil, fmt.Errorf("bullets: rule data: missing %s", strings.Join(missing, ", "))
	}
	for _, c := range Codes() {
		if _, ok := d.Analysis.Penalties[c]; !ok {
			return nil, fmt.Errorf("bullets: rule data: no penalty for %s", c)
		}
	}
	w := &wordRules{
		data:    d,
		byFirst: map[string][]phrase{},
		strong:  set(d.Tiers.Strong),
		neutral: set(d.Tiers.Neutral),
		eVerbs:  set(d.EVerbs),
		doubles: set(d.DoubleFinal),
		pasts:   map[string]bool{},
	}
	for _, p := range d.Irregular {
		w.pasts[p] = true
	}
	w.unitFirsts = map[string]bool{}
	for u := range d.Numbers.Units {
		if first, _, ok := strings.Cut(u, " "); ok {
			w.unitFirsts[first] = true
		}
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
	for i, m := range d.Metrics {
		w.metrics = append(w.metrics, cueSet{index: i, cues: tokenLists(m.Cues)})
	}
	w.improved = tokenLists(d.ImprovementCues)
	for _, e := range d.Honesty.Expansions {
		w.expansionWords = append(w.expansionWords, strings.Fields(e[1]))
	}
	w.instructionCues = map[string][]string{}
	for _, c := range d.Analysis.InstructionCues {
		toks := wording.LowerTokens(c)
		if len(toks) == 0 || c != wording.Lower(c) {
			return nil, fmt.Errorf("bullets: rule data: instruction cue %q must be lowercase words", c)
		}
		w.instructionCues[toks[0]] = append(w.instructionCues[toks[0]], c)
	}
	return w, nil
}

// missingFields returns the JSON paths of the zero fields of the struct v (walking
// nested structs, not map or slice elements), except those tagged optional.
func missingFields(v reflect.Value, prefix string) []string {
	var out []string
	t := v.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		name := prefix + strings.Split(f.Tag.Get("json"), ",")[0]
		_, optional := f.Tag.Lookup("optional")
		switch {
		case optional:
		case fv.Kind() == reflect.Struct:
			out = append(out, missingFields(fv, name+".")...)
		case fv.IsZero() || (fv.Kind() == reflect.Map || fv.Kind() == reflect.Slice) && fv.Len() == 0:
			out = append(out, name)
		}
	}
	return out
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
// as "rules-v3.1". It is recorded on every Analysis and Result; it changes whenever the
// rules change, so stored analyses can be compared.
func RulesVersion() string { return rules().data.Version }

// past returns the simple past of a base verb: "build" → "built", "migrate" →
// "migrated", "ship" → "shipped", "deploy" → "deployed", "apply" → "applied".
func past(base string) string {
	r := rules()
	if p, ok := r.data.Irregular[base]; ok {
		return p
	}
	n := len(base)
	switch {
	case n == 0:
		return base
	case strings.HasSuffix(base, "e"):
		return base + "d"
	case n > 1 && base[n-1] == 'y' && !isVowel(base[n-2]):
		return base[:n-1] + "ied"
	case r.doubles[base]:
		return base + base[n-1:] + "ed"
	}
	return base + "ed"
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// isGerund reports whether a lowercase word is an -ing verb form.
func isGerund(w string) bool {
	if len(w) <= 5 || !strings.HasSuffix(w, "ing") || rules().data.VerbForms.NotGerunds[w] {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false // "proce!sing", "h264ing": not a word the rules may inflect
		}
	}
	return true
}

// gerundBase returns the base verb of a gerund: "building" → "build", "managing" →
// "manage", "shipping" → "ship", "automating" → "automate".
func gerundBase(g string) string {
	r := rules()
	vf := r.data.VerbForms
	stem := strings.TrimSuffix(g, "ing")
	n := len(stem)
	doubled := n > 2 && stem[n-1] == stem[n-2] && !vf.KeptDoubles[stem[n-1:]]
	switch {
	case n == 0:
		return g
	case r.eVerbs[stem+"e"]:
		return stem + "e"
	case doubled && (r.doubles[stem[:n-1]] || isKnownVerb(stem[:n-1])):
		return stem[:n-1]
	case isKnownVerb(stem):
		return stem
	case doubled:
		return stem[:n-1]
	}
	for _, e := range vf.SilentEStems {
		if strings.HasSuffix(stem, e) {
			if vf.NoEAfterVowel[e] && n > len(e) && isVowel(stem[n-len(e)-1]) {
				return stem // "maintain", "train", "join" keep no e
			}
			return stem + "e"
		}
	}
	return stem
}

// isKnownVerb reports whether a lowercase word is a base verb this package knows.
func isKnownVerb(w string) bool {
	r := rules()
	if _, ok := r.data.Irregular[w]; ok {
		return true
	}
	if r.eVerbs[w] || r.doubles[w] || r.data.VerbForms.BaseVerbs[w] {
		return true
	}
	p := w + "ed"
	if strings.HasSuffix(w, "e") {
		p = w + "d"
	}
	return r.strong[p] || r.neutral[p]
}

// isVerbForm reports whether a lowercase word is a verb this package knows, in base
// form or past tense ("cut", "reduced", "built").
func isVerbForm(w string) bool {
	r := rules()
	if r.strong[w] || r.neutral[w] || isKnownVerb(w) {
		return true
	}
	if r.pasts[w] {
		return true
	}
	if base, ok := strings.CutSuffix(w, "ed"); ok {
		return isKnownVerb(base) || isKnownVerb(base+"e") || len(base) > 1 && base[len(base)-1] == base[len(base)-2] && isKnownVerb(base[:len(base)-1]) ||
			strings.HasSuffix(base, "i") && isKnownVerb(base[:len(base)-1]+"y")
	}
	return false
}
