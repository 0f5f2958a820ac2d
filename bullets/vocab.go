package bullets

import (
	"sync"

	"github.com/resumekit/resumekit/skills"
)

// vocab is what this package needs from one catalog, indexed once.
type vocab struct {
	catalog *skills.Catalog
	// tech holds the canonical terms of keywords that name a technology.
	tech map[string]bool
	// specific maps a generic term to the keywords it stands in for.
	specific map[string][]string
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
	v := &vocab{catalog: c, tech: map[string]bool{}, specific: map[string][]string{}}
	for _, k := range c.Keywords() {
		if k.Kind.Technology() {
			v.tech[k.Term] = true
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
		if m.Generic || !v.tech[m.Term] || contains(dst, m.Term) {
			continue
		}
		dst = append(dst, m.Term)
	}
	return dst
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
