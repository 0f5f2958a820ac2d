package skills

import (
	"fmt"
	"strings"

	"github.com/resumekit/resumekit/internal/textmatch"
)

// Mention is one occurrence of a catalog term in a text.
type Mention struct {
	// Term is the canonical term of the keyword, generic term or technology found.
	Term string
	// Start and End are byte offsets into the text: text[Start:End] is what was written.
	Start, End int
	// Alias reports whether the text used another spelling than Term ("Postgres").
	Alias bool
	// Generic reports whether Term is a generic term ("relational database"), not a keyword.
	Generic bool
	// Technology reports whether Term is a technology of the vocabulary ("Apache Airflow"),
	// not a catalog keyword; see [Catalog.Technologies]. Only [Catalog.AppendAllMentions]
	// reports these.
	Technology bool
	// Index is where Term stands in [Catalog.Keywords], or in [Catalog.GenericTerms] for a
	// generic term, or in [Catalog.Technologies] for a technology: a caller that keeps a
	// table per term indexes it without looking the term up.
	Index int
}

type patternInfo struct {
	term       string
	index      int // see Mention.Index
	alias      bool
	generic    bool
	technology bool
}

// compile builds the matcher over every form of every keyword and generic term.
func (c *Catalog) compile() error {
	var pats []textmatch.Pattern
	add := func(index int, term string, aliases []string, exact []Form, generic, technology bool) {
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
			c.patterns = append(c.patterns, patternInfo{term: term, index: index, alias: i > 0, generic: generic, technology: technology})
		}
	}
	for i, k := range c.keywords {
		add(i, k.Term, k.Aliases, k.CaseSensitive, false, false)
	}
	for i, g := range c.generics {
		add(i, g.Term, g.Aliases, g.CaseSensitive, true, false)
	}
	catalogPats := len(pats)
	// One automaton for the catalog and the vocabulary: AppendAllMentions reads a text once
	// for both.
	for i, t := range c.technologies {
		add(i, t.Term, t.Aliases, t.CaseSensitive, false, true)
	}
	m, err := textmatch.Compile(pats)
	if err != nil {
		return fmt.Errorf("skills: compile keyword matcher: %w", err)
	}
	c.matcher, c.keywordMatcher = m, m
	if catalogPats < len(pats) {
		// The keywords alone, the first patterns, get their own small automaton too: the
		// vocabulary's states would only slow AppendMentions down (a bigger table is
		// colder in cache), and it finds exactly what it found before.
		if c.keywordMatcher, err = textmatch.Compile(pats[:catalogPats]); err != nil {
			return fmt.Errorf("skills: compile keyword matcher: %w", err)
		}
	}
	return nil
}

// AppendMentions appends to dst every mention of a catalog keyword or generic term in text,
// in order, without overlaps, and returns the extended slice. Where forms overlap the
// leftmost, then longest, wins: "Spring Boot" over "Spring", "Node.js" over "Node". Short and
// symbolic terms match as whole tokens ("Go", "C#", "CI/CD", ".NET"), and ambiguous forms only
// in the case and context the catalog gives them ("Go" the language, not "go-to-market").
// The technology vocabulary is not searched: see [Catalog.AppendAllMentions]. It allocates
// only to grow dst.
func (c *Catalog) AppendMentions(dst []Mention, text string) []Mention {
	return c.scan(dst, text, c.keywordMatcher, textmatch.ScanOptions{})
}

// scan appends the mentions m finds in text to dst, the automaton's matches going through a
// buffer reused across calls, so that a scan allocates only to grow dst.
func (c *Catalog) scan(dst []Mention, text string, m *textmatch.Matcher, opt textmatch.ScanOptions) []Mention {
	if m == nil {
		return dst // the zero Catalog has no terms
	}
	buf, ok := c.matchBufs.Get().(*[]textmatch.Match)
	if !ok {
		b := make([]textmatch.Match, 0, 256)
		buf = &b
	}
	defer c.matchBufs.Put(buf)
	*buf = m.AppendMatchesWith((*buf)[:0], text, opt)
	return c.appendMentions(dst, text, *buf)
}

// AppendAllMentions is [Catalog.AppendMentions] over the catalog and its technology
// vocabulary together, in the same single pass, and it also reports two different terms
// whose forms overlap: "RESTful API design" gives REST API and API design, "relational
// database design" gives relational database and database design. A form inside a longer one
// is still not reported ("Spring" in "Spring Boot"), nor a second overlapping mention of the
// same term.
func (c *Catalog) AppendAllMentions(dst []Mention, text string) []Mention {
	return c.scan(dst, text, c.matcher, textmatch.ScanOptions{Overlaps: true})
}

func (c *Catalog) appendMentions(dst []Mention, text string, matches []textmatch.Match) []Mention {
	first := len(dst)
	for _, m := range matches {
		p := c.patterns[m.Pattern]
		if n := len(dst); n > first && m.Start < dst[n-1].End && dst[n-1].Term == p.term {
			continue // "Go (Golang)" style overlaps of one term count once
		}
		// The canonical spelling in other case ("postgresql") is not an alias.
		alias := p.alias && !strings.EqualFold(text[m.Start:m.End], p.term)
		dst = append(dst, Mention{Term: p.term, Start: m.Start, End: m.End, Alias: alias, Generic: p.generic,
			Technology: p.technology, Index: p.index})
	}
	return dst
}

// Mentions returns every mention of a catalog term in text; see [Catalog.AppendMentions].
func (c *Catalog) Mentions(text string) []Mention { return c.AppendMentions(nil, text) }
