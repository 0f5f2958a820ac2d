package bullets

import (
	"slices"
	"strings"
	"sync"

	"github.com/resumekit/resumekit/internal/wording"
	"github.com/resumekit/resumekit/skills"
)

// vocab is what this package needs from one catalog, indexed once.
type vocab struct {
	catalog *skills.Catalog
	// tech holds the canonical terms of keywords that name a technology.
	tech map[string]bool
	// specific maps a generic term to the keywords it stands in for.
	specific map[string][]string
	// folded maps the canonical term of a technology the catalog matches only with its
	// exact case ("Helm", "Spring") to its lowercase forms, term and aliases.
	folded map[string][]string
}

// vocabs caches a vocab per catalog, like encoding/json's type cache: catalogs are
// immutable, so the index never goes stale.
var vocabs sync.Map // *skills.Catalog → *vocab

func vocabFor(c *skills.Catalog) *vocab {
	if c == nil {
		c = skills.Backend()
	}
	if v, ok := vocabs.Load(c); ok {
		return v.(*vocab)
	}
	v := &vocab{catalog: c, tech: map[string]bool{}, specific: map[string][]string{}, folded: map[string][]string{}}
	for _, k := range c.Keywords() {
		if !k.Kind.Technology() {
			continue
		}
		v.tech[k.Term] = true
		if len(k.CaseSensitive) == 0 {
			continue
		}
		for _, f := range append([]string{k.Term}, k.Aliases...) {
			if lf := wording.Lower(f); !rules().data.Technology.CommonReadings[lf] && !slices.Contains(v.folded[k.Term], lf) {
				v.folded[k.Term] = append(v.folded[k.Term], lf)
			}
		}
	}
	for _, g := range c.GenericTerms() {
		v.specific[g.Term] = g.Specific
	}
	got, _ := vocabs.LoadOrStore(c, v)
	return got.(*vocab)
}

// technologies returns the canonical technology terms mentioned in ms, in order,
// without repeats.
func (v *vocab) technologies(dst []string, ms []skills.Mention) []string {
	for _, m := range ms {
		if m.Generic || !v.tech[m.Term] || slices.Contains(dst, m.Term) {
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
