package skills

import (
	"fmt"
	"strings"

	"github.com/resumekit/resumekit/internal/textmatch"
)

// Mention is one occurrence of a catalog term in a text.
type Mention struct {
	// Term is the canonical term of the keyword or generic term found.
	Term string
	// Start and End are byte offsets into the text: text[Start:End] is what was written.
	Start, End int
	// Alias reports whether the text used another spelling than Term ("Postgres").
	Alias bool
	// Generic reports whether Term is a generic term ("relational database"), not a keyword.
	Generic bool
}

type patternInfo struct {
	term    string
	alias   bool
	generic bool
}

// compile builds the matcher over every form of every keyword and generic term.
func (c *Catalog) compile() error {
	var pats []textmatch.Pattern
	add := func(term string, aliases []string, exact []Form, generic bool) {
		forms := map[string]Form{}
		for _, f := range exact {
			forms[f.Form] = f
		}
		for i, text := range append([]string{term}, aliases...) {
			p := textmatch.Pattern{Text: text}
			if f, ok := forms[text]; ok {
				p.CaseSensitive, p.NotPrecededBy, p.NotFollowedBy = true, f.NotPrecededBy, f.NotFollowedBy
			}
			pats = append(pats, p)
			c.patterns = append(c.patterns, patternInfo{term: term, alias: i > 0, generic: generic})
		}
	}
	for _, k := range c.keywords {
		add(k.Term, k.Aliases, k.CaseSensitive, false)
	}
	for _, g := range c.generics {
		add(g.Term, g.Aliases, g.CaseSensitive, true)
	}
	m, err := textmatch.Compile(pats)
	if err != nil {
		return fmt.Errorf("skills: compile keyword matcher: %w", err)
	}
	c.matcher = m
	return nil
}

// AppendMentions appends to dst every mention of a catalog keyword or generic term in text,
// in order, without overlaps, and returns the extended slice. Where forms overlap the
// leftmost, then longest, wins: "Spring Boot" over "Spring", "Node.js" over "Node". Short and
// symbolic terms match as whole tokens ("Go", "C#", "CI/CD", ".NET"), and ambiguous forms only
// in the case and context the catalog gives them ("Go" the language, not "go-to-market").
// It allocates only to grow dst.
func (c *Catalog) AppendMentions(dst []Mention, text string) []Mention {
	var buf [32]textmatch.Match
	matches := c.matcher.AppendMatches(buf[:0], text)
	for _, m := range matches {
		p := c.patterns[m.Pattern]
		// The canonical spelling in other case ("postgresql") is not an alias.
		alias := p.alias && !strings.EqualFold(text[m.Start:m.End], p.term)
		dst = append(dst, Mention{Term: p.term, Start: m.Start, End: m.End, Alias: alias, Generic: p.generic})
	}
	return dst
}

// Mentions returns every mention of a catalog term in text; see [Catalog.AppendMentions].
func (c *Catalog) Mentions(text string) []Mention { return c.AppendMentions(nil, text) }
