package wording_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/resumekit/resumekit/internal/wording"
)

func TestTokenize(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][]string{
		"a cutting-edge, state-of-the-art API": {"a", "cutting-edge", "state-of-the-art", "API"}, // inner hyphens kept
		"I/O isn't N+1 (p95)":                  {"I", "O", "isn", "t", "N", "1", "p95"},          // punctuation separates
		"-5% -- x-":                            {"5", "x"},                                       // outer hyphens do not
		"Zürich ٣ ✓ naïve":                     {"Zürich", "٣", "naïve"},                         // letters and digits of any script
		"a\xffb":                               {"a", "b"},                                       // invalid UTF-8 separates
		"":                                     nil,
	} {
		var got []string
		for _, sp := range wording.Tokenize(nil, in) {
			got = append(got, in[sp.Start:sp.End])
		}
		assert.Equal(t, want, got, "%q", in)
	}
}

func TestText(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "built go 3x Äpi", wording.Lower("Built GO 3x ÄPI"), "ASCII only, offsets kept")
	assert.Equal(t, []string{"used", "kafka", "for", "etc"}, wording.LowerTokens("Used Kafka for, etc."))
	assert.Equal(t, "Éclair", wording.UpperFirst("éclair"))
	for _, s := range []string{"  one two\tthree\r\nfour ", "Built\u00a0Go\u2003services", "", " \x85 ", "a\xffb c", "a\vb\fc\x1cd"} {
		n := len(strings.Fields(s))
		assert.Equal(t, n, wording.CountWords(s), "%q", s)
		for k := range n + 2 {
			assert.Equal(t, n <= k, wording.AtMostWords(s, k), "%q, %d", s, k)
		}
	}
	assert.Equal(t, "a b c", wording.Squash(" a \t b\n\nc "))
	assert.True(t, wording.HasUpper("gRPC"))
	assert.False(t, wording.HasUpper("grpc ÄÖ"))
	for in, want := range map[string]int{"- Built": 2, "- - Built": 4, "• 1. Built": 7, "  •  Built": 7, "1. Built": 3, "Built": 0, "  Built": 2, "-5% off": 0, "": 0} {
		assert.Equal(t, want, wording.BodyStart(in), in)
	}
	s := "Cut [X%] of [N] and [unclosed"
	var got []string
	for _, sp := range wording.Brackets(s) {
		got = append(got, s[sp.Start:sp.End])
	}
	assert.Equal(t, []string{"[X%]", "[N]"}, got)
	assert.Equal(t, "A, B or C", wording.List([]string{"A", "B", "C", "D"}, 3, "or"))
	assert.Equal(t, "A, B, C and D", wording.List([]string{"A", "B", "C", "D"}, 0, "and"))
	assert.Equal(t, "A", wording.List([]string{"A"}, 3, "or"))
	assert.Equal(t, "", wording.List(nil, 3, "or"))
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "Built a cutting-edge API", "I/O -5% x- \xff é٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, sp := range wording.Tokenize(nil, s) {
			if sp.Start < last || sp.Start >= sp.End || sp.End > len(s) {
				t.Fatalf("bad span %+v after %d in %q", sp, last, s)
			}
			if !utf8.ValidString(s[sp.Start:sp.End]) {
				t.Fatalf("token %q splits a rune", s[sp.Start:sp.End])
			}
			last = sp.End
		}
		if got := wording.Lower(s); len(got) != len(s) {
			t.Fatalf("Lower changed the length of %q", s)
		}
	})
}
