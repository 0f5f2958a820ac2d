package textmatch

import (
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// fuzzPatterns decodes patterns from spec: patterns are separated by ';',
// fields of a pattern by '|'. The first field is the text, case-sensitive if
// it starts with '='; later fields starting with '<' are NotPrecededBy
// strings, those starting with '>' NotFollowedBy strings.
func fuzzPatterns(spec string) []Pattern {
	var ps []Pattern
	for i, part := range strings.Split(spec, ";") {
		if i == 12 {
			break
		}
		fields := strings.Split(part, "|")
		p := Pattern{Text: fields[0]}
		if t, ok := strings.CutPrefix(p.Text, "="); ok {
			p.Text, p.CaseSensitive = t, true
		}
		for _, f := range fields[1:] {
			if c, ok := strings.CutPrefix(f, "<"); ok {
				p.NotPrecededBy = append(p.NotPrecededBy, c)
			} else if c, ok := strings.CutPrefix(f, ">"); ok {
				p.NotFollowedBy = append(p.NotFollowedBy, c)
			}
		}
		ps = append(ps, p)
	}
	return ps
}

var catalogOnce = sync.OnceValues(func() (*Matcher, error) { return Compile(benchPatterns()) })

// FuzzMatch holds the automaton to the reference implementation, for
// patterns decoded from the input and for the realistic catalog, and checks
// the result invariants.
func FuzzMatch(f *testing.F) {
	f.Add("Spring;Spring Boot;=Go|>-to-|> the extra|<let's ", "Spring\n Boot, Go-to-market; let's Go; Go.")
	f.Add("C;C++;C#;.NET;ASP.NET;R;R&D", "C++17, C#, ASP.NET and .NET; R&D; R.")
	f.Add("Node;Node.js;js", "Node.js, Node. js")
	f.Add("a b;b c;c;a", "a  b c a\tb\r\nc")
	f.Add("CI/CD;CI / CD;x|< ", "CI/CD • CI / CD – x  x")
	f.Add("é;中文;Go", "café 中文Go •Go– é\xff\xc3Go")
	f.Add("=SQL;sql;SQL", "NoSQL sql SQL Sql")
	f.Add("x|>.|<&", "x. &x x.y")
	catalog, err := catalogOnce()
	require.NoError(f, err)

	f.Fuzz(func(t *testing.T, spec, text string) {
		// The reference is quadratic; long texts add time, not coverage.
		text = text[:min(len(text), 2048)]
		got := catalog.FindAll(text)
		checkInvariants(t, text, catalog.Len(), got)
		require.Equal(t, refFindAll(benchPatterns(), text), got, "catalog")
		require.Equal(t, got, catalog.appendMatches(nil, text, ScanOptions{}, 1), "catalog scanned in pairs of parts")

		ps := fuzzPatterns(spec)
		m, err := Compile(ps)
		if err != nil {
			var pe *PatternError
			require.ErrorAs(t, err, &pe)
			return
		}
		got = m.FindAll(text)
		checkInvariants(t, text, len(ps), got)
		require.Equal(t, refFindAll(ps, text), got, "patterns %q", spec)
		require.Equal(t, got, m.appendMatches(nil, text, ScanOptions{}, 1), "scanned in pairs of parts")

		wide, err := compile(ps, math.MaxInt32, true)
		require.NoError(t, err)
		require.Equal(t, got, wide.FindAll(text), "the 32-bit table finds what the 16-bit one does")
		require.Equal(t, m.AppendMatchesWith(nil, text, ScanOptions{Overlaps: true}),
			wide.AppendMatchesWith(nil, text, ScanOptions{Overlaps: true}))

		// The options hold to the reference too: every pattern whose index shares a
		// residue with the spec's length is skipped.
		skip := make([]bool, len(ps))
		for i := range skip {
			skip[i] = (i+len(spec))%3 == 0
		}
		for _, opt := range []ScanOptions{{Overlaps: true}, {Skip: skip}, {Skip: skip, Overlaps: true}} {
			got = m.AppendMatchesWith(nil, text, opt)
			checkOrdered(t, text, len(ps), got)
			require.Equal(t, refFindAllWith(ps, text, opt), got, "patterns %q, %+v", spec, opt)
		}
	})
}

// checkOrdered checks matches that may overlap: within the text, each starting after the
// one before and ending after it (none inside another).
func checkOrdered(t *testing.T, text string, n int, ms []Match) {
	t.Helper()
	prevStart, prevEnd := -1, 0
	for i, m := range ms {
		require.Truef(t, 0 <= m.Pattern && m.Pattern < n, "match %d: pattern %d out of range", i, m.Pattern)
		require.Truef(t, prevStart < m.Start && prevEnd < m.End && m.Start < m.End && m.End <= len(text),
			"match %d: [%d,%d) after [%d,%d) in %d bytes", i, m.Start, m.End, prevStart, prevEnd, len(text))
		prevStart, prevEnd = m.Start, m.End
	}
}
