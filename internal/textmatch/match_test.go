package textmatch

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goLang is the Go-the-language pattern the skills catalog uses.
var goLang = Pattern{
	Text:          "Go",
	CaseSensitive: true,
	NotFollowedBy: []string{"-to-", "-live", " the extra", " to market"},
	NotPrecededBy: []string{"let's ", "on the "},
}

// show renders matches as "index:matched text" for readable failures.
func show(text string, ms []Match) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%d:%s", m.Pattern, text[m.Start:m.End]))
	}
	return out
}

func lits(texts ...string) []Pattern {
	ps := make([]Pattern, len(texts))
	for i, t := range texts {
		ps[i] = Pattern{Text: t}
	}
	return ps
}

func TestFindAll(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		patterns []Pattern
		text     string
		want     []string
	}{
		// Leftmost-longest.
		{"longest at same start", lits("Spring", "Spring Boot"), "Spring Boot and Spring", []string{"1:Spring Boot", "0:Spring"}},
		{"longest regardless of order", lits("Spring Boot", "Spring"), "Spring Boot", []string{"0:Spring Boot"}},
		{"node.js over node", lits("Node", "Node.js"), "Node.js, Node", []string{"1:Node.js", "0:Node"}},
		{"cloud-native over cloud", lits("cloud", "cloud-native"), "cloud-native on any cloud", []string{"1:cloud-native", "0:cloud"}},
		{"database design over database", lits("database", "database design"), "database design, database tuning", []string{"1:database design", "0:database"}},
		{"leftmost wins over longer later", lits("machine learning", "learning rate"), "machine learning rate", []string{"0:machine learning"}},
		{"continue after end", lits("a b", "b c", "c"), "a b c", []string{"0:a b", "2:c"}},
		{"shorter valid wins when longer fails", lits("Node", "Node.j"), "Node.js", []string{}},
		{"duplicates lowest index", lits("SQL", "sql", "SQL"), "SQL", []string{"0:SQL"}},
		{"duplicate after invalid case", []Pattern{{Text: "sql", CaseSensitive: true}, {Text: "SQL"}}, "SQL", []string{"1:SQL"}},
		{"invalid longer lets shorter win", []Pattern{{Text: "Go"}, {Text: "Go live", NotPrecededBy: []string{"to "}}}, "to Go live", []string{"0:Go"}},

		// Word boundaries.
		{"rust not in trust", lits("Rust"), "Trust & Safety, Rust", []string{"0:Rust"}},
		{"java not in javascript", lits("Java"), "JavaScript and Java", []string{"0:Java"}},
		{"sql not inside words", lits("SQL"), "NoSQL, MySQL, PostgreSQL, SQL_x, xSQL", []string{}},
		{"sql alone", lits("SQL"), "(SQL)", []string{"0:SQL"}},
		{"r not in r&d", lits("R"), "R&D budget", []string{}},
		{"d not in r&d", lits("D"), "R&D budget", []string{}},
		{"r before ampersand and space", lits("R"), "R & Python", []string{"0:R"}},
		{"r and d pattern", lits("R&D", "R", "D"), "led R&D", []string{"0:R&D"}},
		{"c not in c++ or c#", lits("C"), "C++ and C# but C.", []string{"0:C"}},
		{"c sharp", lits("C#", "C"), "C#, Java", []string{"0:C#"}},
		{"c plus plus", lits("C++"), "C++ and C++17 and (C++)", []string{"0:C++", "0:C++"}},
		{"dotnet not in asp.net", lits(".NET"), "ASP.NET and .NET", []string{"0:.NET"}},
		{"net not in asp.net", lits("NET"), "ASP.NET", []string{}},
		{"asp.net", lits(".NET", "ASP.NET"), "ASP.NET, .NET.", []string{"1:ASP.NET", "0:.NET"}},
		{"node not in node.js", lits("Node"), "Node.js", []string{}},
		{"js not in node.js", lits("js"), "Node.js", []string{}},
		{"sentence end", lits("Go", "Redis"), "Go. Redis, Go.\nRedis.", []string{"0:Go", "1:Redis", "0:Go", "1:Redis"}},
		{"possessive", lits("Go"), "Go's runtime", []string{"0:Go"}},
		{"hyphen slash parens", lits("Go", "Kafka", "Python", "Golang", "Redis"), "Kafka-backed Go/Python, Go (Golang) (Redis)", []string{"1:Kafka", "0:Go", "2:Python", "0:Go", "3:Golang", "4:Redis"}},
		{"punctuation boundaries", lits("Go"), `Go:Go;"Go"`, []string{"0:Go", "0:Go", "0:Go"}},
		{"underscore is a word char", lits("Go"), "Go_lang _Go", []string{}},
		{"digit is a word char", lits("Go"), "Go2 2Go", []string{}},
		{"ci/cd", lits("CI/CD", "CI / CD"), "CI/CD and CI / CD and CI\t/\nCD-based", []string{"0:CI/CD", "1:CI / CD", "1:CI\t/\nCD"}},
		{"micro-services", lits("micro-services", "services"), "micro-services, services", []string{"0:micro-services", "1:services"}},
		{"oauth 2.0", lits("OAuth 2.0"), "OAuth 2.0, OIDC; OAuth 2.0.", []string{"0:OAuth 2.0", "0:OAuth 2.0"}},
		{"version suffix is a word", lits("OAuth 2"), "OAuth 2.0", []string{}},
		{"dot then non-word", lits("Go"), "Go.. Go.- Go.(", []string{"0:Go", "0:Go", "0:Go"}},
		{"joiner at start of text", lits("NET"), ".NET &NET", []string{"0:NET", "0:NET"}},
		{"joiner after non-word", lits("NET"), "(.NET) -&NET", []string{"0:NET", "0:NET"}},

		// Unicode.
		{"bullets and dashes", lits("Go", "Rust"), "•Go –Rust—Go", []string{"0:Go", "1:Rust", "0:Go"}},
		{"accented letter is a word char", lits("caf", "Go"), "café éGo Goé", []string{}},
		{"combining mark continues a word", lits("Go", "e"), "Go\u0301 e\u0301 Go", []string{"0:Go"}},
		{"accented pattern", lits("Café"), "CAFé café CAFÉ", []string{"0:CAFé", "0:café"}},
		{"cjk is a word char", lits("Go"), "中文Go Go中文 中文 Go", []string{"0:Go"}},
		{"cjk pattern", lits("中文"), "说中文 中文", []string{"0:中文"}},
		{"emoji is not a word char", lits("Go"), "🚀Go🚀", []string{"0:Go"}},
		{"invalid utf-8 is not a word char", lits("Go"), "\xffGo\xc3", []string{"0:Go"}},
		{"non-breaking space is a boundary but not whitespace", lits("Spring Boot", "Spring"), "Spring\u00a0Boot", []string{"1:Spring"}},

		// Case.
		{"insensitive folds ascii", lits("kubernetes"), "Kubernetes KUBERNETES kUbErNeTeS", []string{"0:Kubernetes", "0:KUBERNETES", "0:kUbErNeTeS"}},
		{"sensitive exact only", []Pattern{{Text: "Go", CaseSensitive: true}}, "go GO Go gO", []string{"0:Go"}},
		{"sensitive pattern with space", []Pattern{{Text: "Spring Boot", CaseSensitive: true}}, "spring boot, Spring\nBoot", []string{"0:Spring\nBoot"}},
		{"kelvin sign does not fold", lits("k8s"), "\u212a8s K8S", []string{"0:K8S"}},

		// Whitespace.
		{"space matches runs", lits("Spring Boot"), "Spring\n  Boot Spring\tBoot Spring\r\nBoot", []string{"0:Spring\n  Boot", "0:Spring\tBoot", "0:Spring\r\nBoot"}},
		{"space needs whitespace", lits("Spring Boot"), "SpringBoot Spring-Boot", []string{}},
		{"pattern whitespace collapsed and trimmed", lits("  Spring \t Boot\n"), "Spring Boot", []string{"0:Spring Boot"}},
		{"undecided across whitespace", lits("x y z", "y z w", "y"), "x  y\n\nq", []string{"2:y"}},
		{"decided across whitespace", lits("x y z", "y z w", "y"), "x\ty  z w", []string{"0:x\ty  z"}},
		{"later overlapping longer loses", lits("a b", "b c d"), "a b c d", []string{"0:a b"}},
		{"pattern with several words", lits("test driven development"), "test\ndriven   development", []string{"0:test\ndriven   development"}},

		// Context: the Go language pattern.
		{"go plain", []Pattern{goLang}, "Go", []string{"0:Go"}},
		{"go in parens", []Pattern{goLang}, "Go (Golang)", []string{"0:Go"}},
		{"go slash", []Pattern{goLang}, "Go/Python", []string{"0:Go"}},
		{"written in go.", []Pattern{goLang}, "written in Go.", []string{"0:Go"}},
		{"golang is not go", []Pattern{goLang}, "Golang", []string{}},
		{"go-to-market", []Pattern{goLang}, "Go-to-market", []string{}},
		{"go-to-market lower", []Pattern{goLang}, "go-to-market", []string{}},
		{"go-live", []Pattern{goLang}, "Go-live", []string{}},
		{"go-live upper context", []Pattern{goLang}, "Go-LIVE", []string{}},
		{"go the extra mile", []Pattern{goLang}, "Go the extra mile", []string{}},
		{"go the extra mile newline", []Pattern{goLang}, "Go\n the  extra mile", []string{}},
		{"go the extra mile lower", []Pattern{goLang}, "go the extra mile", []string{}},
		{"go the distance", []Pattern{goLang}, "Go the distance", []string{"0:Go"}},
		{"go to market", []Pattern{goLang}, "Go to market", []string{}},
		{"let's go", []Pattern{goLang}, "Let's Go", []string{}},
		{"let's go lower", []Pattern{goLang}, "let's go", []string{}},
		{"let's go multiline", []Pattern{goLang}, "LET'S\n\tGo", []string{}},
		{"let's without space", []Pattern{goLang}, "let's(Go)", []string{"0:Go"}},
		{"on the go", []Pattern{goLang}, "on the Go", []string{}},
		{"on the go lower", []Pattern{goLang}, "on the go", []string{}},
		{"context is literal, not a word", []Pattern{goLang}, "Python the Go", []string{}},
		{"context only rejects that occurrence", []Pattern{goLang}, "Let's Go, Go", []string{"0:Go"}},
		{"whitespace-only context", []Pattern{{Text: "x", NotPrecededBy: []string{" "}}}, "x  x\n x", []string{"0:x"}},
		{"context at text edge", []Pattern{{Text: "Go", NotFollowedBy: []string{"-"}}}, "Go-", []string{}},
		{"context longer than text", []Pattern{{Text: "Go", NotPrecededBy: []string{"long prefix "}}}, "fix Go", []string{"0:Go"}},

		// Degenerate inputs.
		{"empty text", lits("Go"), "", []string{}},
		{"text is the pattern", lits("Go"), "Go", []string{"0:Go"}},
		{"whitespace text", lits("a b"), " \t\n ", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := Compile(tt.patterns)
			require.NoError(t, err)
			got := m.FindAll(tt.text)
			assert.Equal(t, tt.want, show(tt.text, got), "matcher")
			assert.Equal(t, tt.want, show(tt.text, refFindAll(tt.patterns, tt.text)), "reference")
		})
	}
}

func TestFindAllOffsets(t *testing.T) {
	t.Parallel()
	m, err := Compile([]Pattern{{Text: "Go"}, {Text: "Spring Boot"}, {Text: "é"}, {Text: "C++"}})
	require.NoError(t, err)
	text := "• Go – Spring\n  Boot, é — C++"
	want := []Match{
		{Pattern: 0, Start: 4, End: 6},
		{Pattern: 1, Start: 11, End: 24},
		{Pattern: 2, Start: 26, End: 28},
		{Pattern: 3, Start: 33, End: 36},
	}
	assert.Equal(t, want, m.FindAll(text))
}

func TestFindAllNone(t *testing.T) {
	t.Parallel()
	m, err := Compile(lits("Go"))
	require.NoError(t, err)
	assert.Nil(t, m.FindAll("nothing here"))
}

func TestAppendMatchesKeepsPrefix(t *testing.T) {
	t.Parallel()
	m, err := Compile(lits("Go", "Rust"))
	require.NoError(t, err)
	prefix := Match{Pattern: 9, Start: 1, End: 2}
	got := m.AppendMatches([]Match{prefix}, "Go and Rust")
	assert.Equal(t, []Match{prefix, {0, 0, 2}, {1, 7, 11}}, got)
}

func TestAppendMatchesAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	m, err := Compile(benchPatterns())
	require.NoError(t, err)
	text := benchText(64 << 10)
	dst := make([]Match, 0, len(m.FindAll(text))+64)
	allocs := testing.AllocsPerRun(10, func() {
		dst = m.AppendMatches(dst[:0], text)
	})
	assert.NotEmpty(t, dst)
	assert.Zero(t, allocs)
}

func TestLen(t *testing.T) {
	t.Parallel()
	m, err := Compile(lits("Go", "Go", "Rust"))
	require.NoError(t, err)
	assert.Equal(t, 3, m.Len())

	empty, err := Compile(nil)
	require.NoError(t, err)
	assert.Equal(t, 0, empty.Len())
	assert.Nil(t, empty.FindAll("Go"))
}

func TestZeroMatcher(t *testing.T) {
	t.Parallel()
	var m Matcher
	assert.Equal(t, 0, m.Len())
	assert.Nil(t, m.FindAll("Go"))
	assert.Equal(t, []Match{{1, 2, 3}}, m.AppendMatches([]Match{{1, 2, 3}}, "Go"))
}

func TestCompileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		patterns []Pattern
		index    int
		field    string
		err      error
	}{
		{"empty text", []Pattern{{Text: "Go"}, {Text: ""}}, 1, "Text", ErrEmptyText},
		{"whitespace text", []Pattern{{Text: " \t\r\n "}}, 0, "Text", ErrEmptyText},
		{"invalid utf-8 text", []Pattern{{Text: "Go"}, {Text: "Go"}, {Text: "G\xffo"}}, 2, "Text", ErrInvalidUTF8},
		{"empty preceded", []Pattern{{Text: "Go", NotPrecededBy: []string{"x", ""}}}, 0, "NotPrecededBy[1]", ErrEmptyContext},
		{"empty followed", []Pattern{{Text: "Go", NotFollowedBy: []string{""}}}, 0, "NotFollowedBy[0]", ErrEmptyContext},
		{"invalid utf-8 context", []Pattern{{Text: "Go", NotFollowedBy: []string{"\xc3"}}}, 0, "NotFollowedBy[0]", ErrInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := Compile(tt.patterns)
			require.Error(t, err)
			assert.Nil(t, m)
			assert.ErrorIs(t, err, tt.err)
			var pe *PatternError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.index, pe.Index)
			assert.Equal(t, tt.field, pe.Field)
			assert.Equal(t, fmt.Sprintf("textmatch: pattern %d %s: %v", tt.index, tt.field, tt.err), err.Error())
		})
	}
}

func TestCompileTooLarge(t *testing.T) {
	t.Parallel()
	_, err := compile(lits("kubernetes", "terraform"), 64, false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "textmatch: compile: automaton exceeds 64 transitions")
	assert.False(t, errors.Is(err, ErrEmptyText))

	_, err = compile(lits("kubernetes", "terraform"), 1<<20, false)
	require.NoError(t, err)
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	m, err := Compile(benchPatterns())
	require.NoError(t, err)
	text := benchText(16 << 10)
	want := m.FindAll(text)
	require.NotEmpty(t, want)
	var wg sync.WaitGroup
	results := make([][]Match, 8)
	for i := range results {
		wg.Go(func() { results[i] = m.FindAll(text) })
	}
	wg.Wait()
	for _, got := range results {
		assert.Equal(t, want, got)
	}
}

func TestMatchesReferenceOnResumeText(t *testing.T) {
	t.Parallel()
	ps := benchPatterns()
	m, err := Compile(ps)
	require.NoError(t, err)
	text := benchText(32 << 10)
	got := m.FindAll(text)
	require.NotEmpty(t, got)
	assert.Equal(t, refFindAll(ps, text), got)
	checkInvariants(t, text, len(ps), got)
}

// TestPairedScan holds the scan in pairs of parts to the reference where the parts are
// short (minHalf 1) and where candidates are so dense that the waiting rooms fill.
func TestPairedScan(t *testing.T) {
	t.Parallel()
	ps := []Pattern{{Text: "a"}, {Text: "a b"}, {Text: "Go", CaseSensitive: true}, {Text: "b", NotFollowedBy: []string{","}}}
	m, err := Compile(ps)
	require.NoError(t, err)
	dense := strings.Repeat("a, a b; Go, b, ", 1000)
	for _, text := range []string{dense, benchText(4 << 10), "a, b", "a b; Go"} {
		want := refFindAll(ps, text)
		for _, half := range []int{1, 2, minHalf} {
			assert.Equal(t, want, m.appendMatches(nil, text, ScanOptions{}, half), "minHalf %d, %d bytes", half, len(text))
		}
	}
}

// checkInvariants asserts what every result must satisfy whatever the
// patterns: offsets in range, non-empty, ordered and non-overlapping.
func checkInvariants(t *testing.T, text string, n int, ms []Match) {
	t.Helper()
	prevEnd := 0
	for i, m := range ms {
		require.Truef(t, 0 <= m.Pattern && m.Pattern < n, "match %d: pattern %d out of range", i, m.Pattern)
		require.Truef(t, prevEnd <= m.Start && m.Start < m.End && m.End <= len(text),
			"match %d: [%d,%d) after %d in %d bytes", i, m.Start, m.End, prevEnd, len(text))
		require.Falsef(t, strings.ContainsAny(text[m.Start:m.Start+1]+text[m.End-1:m.End], " \t\r\n"),
			"match %d: %q starts or ends with whitespace", i, text[m.Start:m.End])
		prevEnd = m.End
	}
}

func TestLargeCatalogMatchesReference(t *testing.T) {
	t.Parallel()
	ps := largeCatalog(2000)
	m, err := Compile(ps)
	require.NoError(t, err)
	text := benchText(8 << 10)
	got := m.FindAll(text)
	require.NotEmpty(t, got)
	assert.Equal(t, refFindAll(ps, text), got)
}

func TestScanOptions(t *testing.T) {
	t.Parallel()
	m, err := Compile([]Pattern{{Text: "RESTful API"}, {Text: "API design"}, {Text: "API"}, {Text: "Spring Boot"}, {Text: "Spring"}, {Text: "database design"}, {Text: "relational database"}})
	require.NoError(t, err)
	spans := func(text string, opt ScanOptions) []string {
		var out []string
		for _, mt := range m.AppendMatchesWith(nil, text, opt) {
			out = append(out, text[mt.Start:mt.End])
		}
		return out
	}
	text := "RESTful API design on Spring Boot; relational database design"
	assert.Equal(t, []string{"RESTful API", "Spring Boot", "relational database"}, spans(text, ScanOptions{}))
	assert.Equal(t, []string{"RESTful API", "API design", "Spring Boot", "relational database", "database design"},
		spans(text, ScanOptions{Overlaps: true}), "partial overlaps are reported, contained matches are not")
	assert.Equal(t, []string{"API design", "Spring", "relational database"},
		spans(text, ScanOptions{Skip: []bool{true, false, false, true}}), "skipped patterns are no candidates")
	assert.Equal(t, m.FindAll(text), m.AppendMatchesWith(nil, text, ScanOptions{Skip: []bool{}}))
}
