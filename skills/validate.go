package skills

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// validate checks a decoded file and returns every problem found, each naming the item and
// field, joined with errors.Join.
func validate(f *catalogFile) error {
	v := &validator{}
	v.text("role", f.Role)

	resources := map[string]bool{}
	for i, r := range f.Resources {
		at := v.identified("resources", i, r.ID, resources)
		v.text(at+".title", r.Title)
		v.enum(at+".kind", string(r.Kind), r.Kind.valid())
		v.enum(at+".cost", string(r.Cost), r.Cost.valid())
		v.text(at+".summary", r.Summary)
		v.text(at+".best_for", r.BestFor)
		if len(r.Tiers) == 0 {
			v.add(at+".tiers", "is empty")
		}
		for j, t := range r.Tiers {
			v.enum(fmt.Sprintf("%s.tiers[%d]", at, j), string(t), t.valid())
		}
		v.url(at+".url", r.URL)
	}

	// Every form of every keyword and generic term, folded, must be unique across the catalog.
	forms := map[string]string{} // folded form → path of its owner
	terms := map[string]KeywordKind{}
	groups := map[string]bool{}
	var keywords []keywordAt
	for i, g := range f.KeywordGroups {
		at := v.identified("keyword_groups", i, g.ID, groups)
		v.text(at+".name", g.Name)
		v.text(at+".placement", g.Placement)
		v.text(at+".why", g.Why)
		if len(g.Keywords) == 0 {
			v.add(at+".keywords", "is empty")
		}
		for j, k := range g.Keywords {
			keywords = append(keywords, keywordAt{v.item(at+".keywords", j, k.Term), k})
		}
		for j, k := range g.Related {
			keywords = append(keywords, keywordAt{v.item(at+".related", j, k.Term), k})
		}
	}
	for _, ka := range keywords {
		v.forms(ka.at, ka.k.Term, ka.k.Aliases, ka.k.CaseSensitive, forms)
		v.enum(ka.at+".kind", string(ka.k.Kind), ka.k.Kind.valid())
		terms[ka.k.Term] = ka.k.Kind
	}
	for _, ka := range keywords {
		k := ka.k
		if len(k.Frameworks) > 0 && k.Kind != Language {
			v.add(ka.at+".frameworks", fmt.Sprintf("only a %s keyword has frameworks, not a %s", Language, k.Kind))
		}
		if len(k.Services) > 0 && k.Kind != Cloud {
			v.add(ka.at+".services", fmt.Sprintf("only a %s keyword has services, not a %s", Cloud, k.Kind))
		}
		v.refs(ka.at+".frameworks", k.Frameworks, terms, Framework)
		v.refs(ka.at+".services", k.Services, terms, "")
	}
	generics := map[string]bool{}
	for i, g := range f.GenericTerms {
		at := v.item("generic_terms", i, g.Term)
		v.forms(at, g.Term, g.Aliases, g.CaseSensitive, forms)
		if generics[g.Term] {
			v.add(at+".term", "duplicate")
		}
		generics[g.Term] = true
		if len(g.Specific) == 0 {
			v.add(at+".specific", "is empty")
		}
		v.refs(at+".specific", g.Specific, terms, "")
	}

	skills := map[string]bool{}
	for i, s := range f.Skills {
		at := v.identified("skills", i, s.ID, skills)
		v.text(at+".name", s.Name)
		v.enum(at+".tier", string(s.Tier), s.Tier.valid())
		v.enum(at+".kind", string(s.Kind), s.Kind.valid())
		v.text(at+".summary", s.Summary)
		v.text(at+".proof", s.Proof)
		v.span(at+".time_to_acquire", s.TimeToAcquire)
		if s.AlsoTimeToAcquire != nil {
			v.span(at+".also_time_to_acquire", *s.AlsoTimeToAcquire)
		}
		if len(s.Keywords) == 0 {
			v.add(at+".keywords", "is empty")
		}
		v.refs(at+".keywords", s.Keywords, terms, "")
		for j, id := range s.Resources {
			if !resources[id] {
				v.add(fmt.Sprintf("%s.resources[%d]", at, j), fmt.Sprintf("unknown resource %q", id))
			}
		}
	}

	certs := map[string]bool{}
	for i, c := range f.Certifications {
		at := v.identified("certifications", i, c.ID, certs)
		v.text(at+".name", c.Name)
		v.text(at+".issuer", c.Issuer)
		v.rangeOf(at+".cost_usd", c.CostUSD.Min, c.CostUSD.Max)
		v.span(at+".prep", c.Prep)
		v.enum(at+".verdict", string(c.Verdict), c.Verdict.valid())
		v.text(at+".advice", c.Advice)
	}
	for i, b := range f.BulletExamples {
		at := fmt.Sprintf("bullet_examples[%d]", i)
		v.text(at+".demonstrates", b.Demonstrates)
		v.text(at+".weak", b.Weak)
		v.text(at+".strong", b.Strong)
	}
	for i, p := range f.PortfolioSignals {
		at := fmt.Sprintf("portfolio_signals[%d]", i)
		v.text(at+".title", p.Title)
		v.text(at+".why", p.Why)
		v.text(at+".how", p.How)
	}
	return errors.Join(v.errs...)
}

type keywordAt struct {
	at string
	k  Keyword
}

type validator struct{ errs []error }

func (v *validator) add(path, msg string) {
	v.errs = append(v.errs, fmt.Errorf("%s: %s", path, msg))
}

// item names element i of a list by index and, when it has one, by its id or term.
func (v *validator) item(list string, i int, name string) string {
	if strings.TrimSpace(name) == "" {
		return fmt.Sprintf("%s[%d]", list, i)
	}
	return fmt.Sprintf("%s[%d] %q", list, i, name)
}

func (v *validator) text(path, s string) {
	switch {
	case strings.TrimSpace(s) == "":
		v.add(path, "is empty")
	case !utf8.ValidString(s):
		v.add(path, "is not valid UTF-8")
	}
}

// identified names element i of a list by its id, checks that the id is set and not in seen,
// and adds it to seen.
func (v *validator) identified(list string, i int, id string, seen map[string]bool) string {
	at := v.item(list, i, id)
	v.text(at+".id", id)
	if seen[id] && id != "" {
		v.add(at+".id", "duplicate id")
	}
	seen[id] = true
	return at
}

// url checks that a URL, when there is one, is http or https.
func (v *validator) url(path, u string) {
	if u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		v.add(path, fmt.Sprintf("%q is not an http(s) URL", u))
	}
}

func (v *validator) enum(path, value string, ok bool) {
	if !ok {
		v.add(path, fmt.Sprintf("unknown value %q", value))
	}
}

func (v *validator) rangeOf(path string, lo, hi int) {
	switch {
	case lo < 0:
		v.add(path+".min", fmt.Sprintf("%d is negative", lo))
	case hi < lo:
		v.add(path, fmt.Sprintf("min %d is greater than max %d", lo, hi))
	case hi == 0:
		v.add(path+".max", "is zero")
	}
}

func (v *validator) span(path string, s Span) {
	v.rangeOf(path, s.Min, s.Max)
	v.enum(path+".unit", string(s.Unit), s.Unit.valid())
}

// forms checks a term's spellings and records them, folded, as taken.
func (v *validator) forms(at, term string, aliases []string, exact []Form, taken map[string]string) {
	v.text(at+".term", term)
	own := map[string]bool{term: true}
	claim := func(path, form string) {
		key := foldKey(form)
		if key == "" {
			return
		}
		if owner, ok := taken[key]; ok {
			v.add(path, fmt.Sprintf("%q is already a form of %s", form, owner))
			return
		}
		taken[key] = at
	}
	claim(at+".term", term)
	for i, a := range aliases {
		path := fmt.Sprintf("%s.aliases[%d]", at, i)
		v.text(path, a)
		claim(path, a)
		own[a] = true
	}
	for i, f := range exact {
		path := fmt.Sprintf("%s.case_sensitive[%d]", at, i)
		if !own[f.Form] {
			v.add(path+".form", fmt.Sprintf("%q is neither the term nor one of its aliases", f.Form))
		}
		for j, s := range f.NotPrecededBy {
			if s == "" {
				v.add(fmt.Sprintf("%s.not_preceded_by[%d]", path, j), "is empty")
			}
		}
		for j, s := range f.NotFollowedBy {
			if s == "" {
				v.add(fmt.Sprintf("%s.not_followed_by[%d]", path, j), "is empty")
			}
		}
	}
}

// refs checks that every term names a known keyword, of the given kind unless kind is "".
func (v *validator) refs(path string, refs []string, terms map[string]KeywordKind, kind KeywordKind) {
	for i, t := range refs {
		k, ok := terms[t]
		switch {
		case !ok:
			v.add(fmt.Sprintf("%s[%d]", path, i), fmt.Sprintf("unknown keyword %q", t))
		case kind != "" && k != kind:
			v.add(fmt.Sprintf("%s[%d]", path, i), fmt.Sprintf("%q is a %s keyword, not a %s", t, k, kind))
		}
	}
}
