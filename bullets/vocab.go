package bullets

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"weak"

	"github.com/resumekit/resumekit/internal/wording"
	"github.com/resumekit/resumekit/skills"
)

// vocab is what this package needs from one catalog: the catalog and its index.
type vocab struct {
	catalog *skills.Catalog
	*vocabIndex
}

// vocabIndex indexes the technologies of one catalog. Catalogs are immutable, so it
// never goes stale.
type vocabIndex struct {
	// tech holds the canonical terms of keywords that name a technology.
	tech map[string]bool
	// specific maps a generic term to the keywords it stands in for.
	specific map[string][]string
	// folded maps the canonical term of a technology the catalog matches only with its
	// exact case ("Helm", "Spring") to its lowercase forms, term and aliases.
	folded map[string][]string
	// foldedBy indexes the same lowercase forms by their first word.
	foldedBy map[string][]foldedForm
}

// foldedForm is one lowercase form of a case-sensitive technology.
type foldedForm struct{ form, term string }

// backendVocab is the vocabulary of the embedded catalog, built once.
var backendVocab = sync.OnceValue(func() *vocab {
	c := skills.Backend()
	return &vocab{catalog: c, vocabIndex: newVocabIndex(c)}
})

// indexes caches the index of every other catalog in use, keyed by a weak pointer to
// it: the entry goes when its catalog is garbage collected, so a program that loads
// catalog after catalog does not keep them all.
var indexes sync.Map // weak.Pointer[skills.Catalog] → *vocabIndex

// vocabFor returns the vocabulary of c; nil means skills.Backend().
func vocabFor(c *skills.Catalog) *vocab {
	if c == nil || c == skills.Backend() {
		return backendVocab()
	}
	key := weak.Make(c)
	if idx, ok := indexes.Load(key); ok {
		return &vocab{catalog: c, vocabIndex: idx.(*vocabIndex)}
	}
	idx, loaded := indexes.LoadOrStore(key, newVocabIndex(c))
	if !loaded {
		runtime.AddCleanup(c, func(key weak.Pointer[skills.Catalog]) { indexes.Delete(key) }, key)
	}
	return &vocab{catalog: c, vocabIndex: idx.(*vocabIndex)}
}

// newVocabIndex indexes the technologies of c: its technology keywords and its vocabulary.
func newVocabIndex(c *skills.Catalog) *vocabIndex {
	v := &vocabIndex{tech: map[string]bool{}, specific: map[string][]string{}, folded: map[string][]string{}, foldedBy: map[string][]foldedForm{}}
	fold := func(term string, aliases []string) {
		for _, f := range append([]string{term}, aliases...) {
			if lf := wording.Lower(f); !rules().data.Technology.CommonReadings[lf] && !slices.Contains(v.folded[term], lf) {
				v.folded[term] = append(v.folded[term], lf)
				if toks := wording.LowerTokens(lf); len(toks) > 0 {
					v.foldedBy[toks[0]] = append(v.foldedBy[toks[0]], foldedForm{lf, term})
				}
			}
		}
	}
	for _, k := range c.Keywords() {
		if !k.Kind.Technology() {
			continue
		}
		v.tech[k.Term] = true
		if len(k.CaseSensitive) > 0 {
			fold(k.Term, k.Aliases)
		}
	}
	// The vocabulary's technologies are found by the same scan (Mention.Technology);
	// only their case-sensitive forms need indexing here.
	for _, t := range c.Technologies() {
		if len(t.CaseSensitive) > 0 {
			fold(t.Term, t.Aliases)
		}
	}
	for _, g := range c.GenericTerms() {
		v.specific[g.Term] = g.Specific
	}
	return v
}

// technologies returns the canonical technology terms mentioned in ms, in order,
// without repeats.
func (v *vocab) technologies(dst []string, ms []skills.Mention) []string {
	for _, m := range ms {
		if m.Generic || !m.Technology && !v.tech[m.Term] || slices.Contains(dst, m.Term) {
			continue
		}
		dst = append(dst, m.Term)
	}
	return dst
}

// writtenFold reports whether a form of the technology term that the catalog matches
// only with its exact case is written in lower, in any case, as a whole word: "used
// helm to deploy" evidences Helm.
func (v *vocab) writtenFold(lower, term string) bool {
	for _, f := range v.folded[term] {
		for i := 0; ; {
			j := strings.Index(lower[i:], f)
			if j < 0 {
				break
			}
			j += i
			end := j + len(f)
			if (j == 0 || !wording.IsAlnum(lower[j-1])) && (end == len(lower) || !wording.IsAlnum(lower[end])) {
				return true
			}
			i = j + 1
		}
	}
	return false
}
