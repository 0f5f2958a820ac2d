package wording_test

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/resumekit/resumekit/internal/wording"
)

func TestTokenize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     []string
	}{
		{name: "inner hyphens kept", in: "a cutting-edge, state-of-the-art API", want: []string{"a", "cutting-edge", "state-of-the-art", "API"}},
		{name: "punctuation separates", in: "I/O isn't N+1 (p95)", want: []string{"I", "O", "isn", "t", "N", "1", "p95"}},
		{name: "leading and trailing hyphens", in: "-5% -- x-", want: []string{"5", "x"}},
		{name: "non-ASCII letters and digits", in: "Zürich ٣ ✓ naïve", want: []string{"Zürich", "٣", "naïve"}},
		{name: "invalid UTF-8", in: "a\xffb", want: []string{"a", "b"}},
		{name: "empty", in: "", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, sp := range wording.Tokenize(nil, tt.in) {
				got = append(got, tt.in[sp.Start:sp.End])
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestText(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "built go 3x Äpi", wording.Lower("Built GO 3x ÄPI"), "ASCII only, offsets kept")
	assert.Equal(t, []string{"used", "kafka", "for", "etc"}, wording.LowerTokens("Used Kafka for, etc."))
	assert.Equal(t, "Éclair", wording.UpperFirst("éclair"))
	assert.Equal(t, 4, wording.CountWords("  one two\tthree\r\nfour "))
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
