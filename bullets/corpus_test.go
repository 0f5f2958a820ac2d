package bullets

import (
	"bufio"
	"context"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/internal/wording"
)

// corpusLine is one bullet of testdata/corpus: who published it (see SOURCES.md) and
// the bullet as written there.
type corpusLine struct{ source, bullet string }

func readCorpus(t *testing.T, name string) []corpusLine {
	t.Helper()
	f, err := os.Open("testdata/corpus/" + name)
	require.NoError(t, err)
	defer f.Close()
	var out []corpusLine
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		source, bullet, ok := strings.Cut(sc.Text(), "\t")
		require.True(t, ok, "%s: a line without a tab: %q", name, sc.Text())
		out = append(out, corpusLine{source, bullet})
	}
	require.NoError(t, sc.Err())
	return out
}

// claimRules are the guard rules about what a rewrite claims: a corpus rewrite may
// break none of them. (Style rules such as a weak opener are checked on their own.)
var claimRules = []string{
	RuleInventedNumber, RuleDroppedNumber, RuleInventedTechnology, RuleDroppedTechnology,
	RuleUnlicensedRole, RuleUnlicensedScope, RuleUnlicensedOutcome, RuleNewConcepts,
}

// brokenPatterns are the broken sentences rule rewrites have produced, each found on a
// real bullet; the list only grows.
var brokenPatterns = []*regexp.Regexp{
	regexp.MustCompile(`\bContributed to (in|on|out|to|with|at|as) `), // "Helped in creating X"
	regexp.MustCompile(`(^| )'(re|s|ve|ll|d) `),                       // "we're building" without "we"
	regexp.MustCompile(`\(\s*(including|incl\.)?\s*\)`),               // "(including myself)" without "myself"
	regexp.MustCompile(`\bSupported (the team|out)\b`),                // "Helped the team adopt X"
	regexp.MustCompile(`^Applied [^ ]+\.?$`),                          // "Used AWS."
	regexp.MustCompile(`[a-z]\.NET\b`),                                // "the.NET"
	regexp.MustCompile(`\bInitially wrote\b`),                         // a passive turned inside a clause
	regexp.MustCompile(`^Cached layer\b`),                             // "Responsible for caching layer"
	regexp.MustCompile(`^Refactored and [a-z]+ion\b`),                 // "Refactoring and optimization of"
	regexp.MustCompile(`, [a-z]+ing and [a-z]+ed\b`),                  // "designing and developed"
	regexp.MustCompile(`^\W*(Automated|Contributed to) \*\*`),         // "**Worked on**" → "Automated ** the"
	regexp.MustCompile(` [,.;:]( |$)`),                                // a space before punctuation
}

// doubledWord returns a word written twice in a row ("the the"), or "": Go's regexp
// has no back references.
func doubledWord(s string) string {
	words := strings.Fields(wording.Lower(s))
	for i := 1; i < len(words); i++ {
		if words[i] == words[i-1] && !wording.IsDigit(words[i][0]) {
			return words[i]
		}
	}
	return ""
}

// TestCorpus rewrites, with the rules, every bullet of the public corpus in
// testdata/corpus (weak.tsv and strong.tsv, sources and licences in SOURCES.md; none
// written for this repository's other tests) and checks each rewrite in code:
//   - no number, technology, part, scope or outcome the bullet does not state (the
//     guard's claim rules, against the bullet without any text addressed to a model);
//   - none of the broken patterns rule rewrites have produced;
//   - a weak bullet that was rewritten opens with no weak phrase and has lost its
//     own; one the rules leave as it is asks at least one question;
//   - a strong bullet comes back as it was, or loses only filler and buzzwords and
//     gains a placeholder clause.
//
// The rewrites are also kept in testdata/corpus/rewrites.golden (go test -update),
// which a person reads line by line: the closing note of the change says how many of
// them they would send unedited.
func TestCorpus(t *testing.T) {
	t.Parallel()
	rw := New(nil)
	var g strings.Builder
	for _, set := range []struct {
		file   string
		strong bool
	}{{"weak.tsv", false}, {"strong.tsv", true}} {
		g.WriteString("# " + set.file + "\n\n")
		for i, line := range readCorpus(t, set.file) {
			res, err := rw.Rewrite(context.Background(), Request{Bullet: line.bullet})
			require.NoError(t, err)
			g.WriteString("< " + line.bullet + "\n> " + res.Rewritten + "\n")
			for _, q := range res.Questions {
				g.WriteString("? " + q + "\n")
			}
			for _, w := range res.Warnings {
				g.WriteString("! " + w + "\n")
			}
			g.WriteString("\n")

			at := func() string {
				return set.file + ":" + strconv.Itoa(i+1) + " " + line.bullet + "\n  → " + res.Rewritten
			}
			a := Analyze(line.bullet)
			bullet := line.bullet
			if clean, ok := parseBullet(vocabFor(nil), bullet).withoutInstructions(); ok {
				bullet = clean
			}
			for _, v := range (Guard{}).Check(Request{Bullet: bullet}, res.Rewritten) {
				assert.NotContains(t, claimRules, v.Rule, "%s\n  %s", at(), v.Message)
			}
			for _, p := range brokenPatterns {
				assert.False(t, p.MatchString(res.Rewritten), "%s\n  broken: %s", at(), p)
			}
			assert.Empty(t, doubledWord(res.Rewritten), "%s\n  a doubled word", at())

			unchanged := res.Rewritten == strings.TrimSpace(line.bullet)
			switch {
			case set.strong:
				assert.True(t, unchanged || onlyCleaned(line.bullet, res.Rewritten), "%s\n  a strong bullet changed", at())
			case unchanged || Analyze(res.Rewritten).Has(WeakOpener):
				// Left as it is (no rule gives an honest stronger sentence): it asks.
				if a.Weak {
					assert.NotEmpty(t, res.Questions, "%s\n  left as it is without a question", at())
				}
				if a.Has(WeakOpener) {
					assert.Contains(t, res.Questions, rules().data.Rewrite.OpenerQuestion, "%s\n  a weak opener kept without asking", at())
				}
			default:
				if op, ok := parseBullet(vocabFor(nil), line.bullet).weakOpener(); ok {
					weak := wording.Lower(line.bullet[op.Start:op.End])
					assert.False(t, strings.HasPrefix(wording.Lower(res.Rewritten), weak), "%s\n  the weak phrase %q stayed", at(), weak)
				}
			}
		}
	}
	golden(t, "testdata/corpus/rewrites.golden", g.String())
}

// onlyCleaned reports whether a rewrite of a strong bullet only dropped or replaced
// its filler and buzzwords and added a placeholder clause: every other word is the
// bullet's own.
func onlyCleaned(bullet, rewrite string) bool {
	if i := strings.LastIndex(rewrite, ", "); i >= 0 && strings.Contains(rewrite[i:], "[") {
		rewrite = rewrite[:i] // the placeholder clause
	}
	own := wording.LowerTokens(bullet)
	r := rules()
	for _, w := range wording.LowerTokens(rewrite) {
		if slices.Contains(own, w) {
			continue
		}
		replaced := false
		for _, rep := range r.data.BuzzwordReplacements {
			replaced = replaced || slices.Contains(wording.LowerTokens(rep), w)
		}
		if !replaced {
			return false
		}
	}
	return true
}
