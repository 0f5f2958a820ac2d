package bullets

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWordTiersDisjoint(t *testing.T) {
	t.Parallel()
	d := rules().data
	tiers := map[string][]string{
		"strong": d.Tiers.Strong, "neutral": d.Tiers.Neutral, "weak": d.Tiers.Weak, "overused": d.Tiers.Overused,
	}
	for _, f := range d.Filler {
		tiers["filler"] = append(tiers["filler"], f.Phrase)
	}
	tiers["pronouns"] = d.Pronouns
	seen := map[string]string{}
	for tier, words := range tiers {
		require.NotEmpty(t, words, tier)
		for _, w := range words {
			key := strings.ToLower(strings.TrimSpace(w))
			require.Equal(t, key, w, "%s: %q must be lowercase and trimmed", tier, w)
			if other, ok := seen[key]; ok {
				t.Errorf("%q is in both %s and %s", w, other, tier)
			}
			seen[key] = tier
		}
	}
	for w := range d.BuzzwordReplacements {
		assert.Contains(t, d.Tiers.Overused, w, "replacement for a word that is not overused")
	}
	for _, w := range d.Tiers.Strong {
		assert.Equal(t, "", tierOf(w, d.Tiers.Weak, d.Tiers.Overused), w)
	}
}

func tierOf(w string, lists ...[]string) string {
	for _, l := range lists {
		for _, x := range l {
			if x == w {
				return x
			}
		}
	}
	return ""
}

// TestRulesVersionPinned fails when data/rules.json changes without a new version:
// stored analyses record the version, so it must identify the rules exactly.
func TestRulesVersionPinned(t *testing.T) {
	t.Parallel()
	pinned := map[string]string{
		"rules-v1": "3847390be9dd3464cf3f42744cd66415b93a8e922472a0ba895b30be55b7e342",
		"rules-v2": "4e5101a82e5aeb28c14fe4c2c8f90ccbd597b9218641916e680ee0a3f49d612b", // "was part of" openers
		"rules-v3": "17642a6107beb57bb7ddd956e435f00f9b350a772b53f3887cc02c71a69dbf56", // "running [N] jobs per day" metric
	}
	sum := sha256.Sum256(rulesJSON)
	got := hex.EncodeToString(sum[:])
	want, ok := pinned[RulesVersion()]
	require.True(t, ok, "rules version %s is not pinned; add it with hash %s", RulesVersion(), got)
	assert.Equal(t, want, got, "data/rules.json changed but its version %s did not; bump the version and pin the new hash", RulesVersion())
}

func TestCompileRulesErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		json string
		want string
	}{
		{name: "syntax", json: `{`, want: "bullets: decode rule data"},
		{name: "unknown field", json: `{"version": "x", "nope": 1}`, want: "unknown field"},
		{name: "no version", json: `{"default_verb": "Built"}`, want: "version, default_verb and default_metric are required"},
		{name: "empty phrase", json: `{"version": "x", "default_verb": "Built", "default_metric": {"clause": "c"}, "tiers": {"weak": ["  "]}}`, want: "empty phrase"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := compileRules([]byte(tt.json))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestVerbForms(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, past string }{
		{name: "irregular", in: "build", past: "built"},
		{name: "silent e", in: "migrate", past: "migrated"},
		{name: "consonant y", in: "apply", past: "applied"},
		{name: "vowel y", in: "deploy", past: "deployed"},
		{name: "doubled", in: "ship", past: "shipped"},
		{name: "plain", in: "design", past: "designed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.past, past(tt.in))
		})
	}
	for g, base := range map[string]string{
		"building": "build", "managing": "manage", "shipping": "ship", "automating": "automate",
		"maintaining": "maintain", "optimizing": "optimize", "running": "run", "designing": "design",
		"improving": "improve", "logging": "log", "securing": "secure", "reducing": "reduce",
	} {
		assert.Equal(t, base, gerundBase(g), g)
	}
}
