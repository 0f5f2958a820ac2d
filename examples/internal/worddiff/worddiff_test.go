package worddiff

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		old, new string
		want     []Op
	}{
		{"same", "Built a Go service", "Built  a Go service", []Op{{Kind: Equal, Text: "Built a Go service"}}},
		{"both empty", "", "", nil},
		{"all new", "", "Cut latency", []Op{{Kind: Insert, Text: "Cut latency"}}},
		{"all gone", "Cut latency", " ", []Op{{Kind: Delete, Text: "Cut latency"}}},
		{
			"opener replaced",
			"Responsible for maintaining the billing service.",
			"Maintained the billing service, cutting bugs by [X%].",
			[]Op{{Kind: Delete, Text: "Responsible for maintaining"}, {Kind: Insert, Text: "Maintained"}, {Kind: Equal, Text: "the billing service"}, {Kind: Insert, Text: ", cutting bugs by [X%]", Glued: true}, {Kind: Equal, Text: ".", Glued: true}},
		},
		{
			// The punctuation that ends a word is its own unit: the word stays, only what
			// follows it changes.
			"punctuation after a kept word",
			"Moved the cron jobs to AWS.",
			"Moved the cron jobs to AWS with the team, running [N] jobs per day.",
			[]Op{{Kind: Equal, Text: "Moved the cron jobs to AWS"}, {Kind: Insert, Text: "with the team, running [N] jobs per day"}, {Kind: Equal, Text: ".", Glued: true}},
		},
		{
			"changed punctuation is glued on both sides",
			"reported by customers.",
			"reported by customers, serving [N] requests.",
			[]Op{{Kind: Equal, Text: "reported by customers"}, {Kind: Insert, Text: ", serving [N] requests", Glued: true}, {Kind: Equal, Text: ".", Glued: true}},
		},
		{
			"a word of punctuation only stays a word",
			"a ... b",
			"a ... c?",
			[]Op{{Kind: Equal, Text: "a ..."}, {Kind: Delete, Text: "b"}, {Kind: Insert, Text: "c?"}},
		},
		{
			"placeholder with spaces is one word",
			"Saved time",
			"Saved [time saved] hours",
			[]Op{{Kind: Equal, Text: "Saved"}, {Kind: Delete, Text: "time"}, {Kind: Insert, Text: "[time saved] hours"}},
		},
		{
			"unclosed bracket stays words",
			"a [b c",
			"a [b d",
			[]Op{{Kind: Equal, Text: "a [b"}, {Kind: Delete, Text: "c"}, {Kind: Insert, Text: "d"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, Diff(tt.old, tt.new))
		})
	}
}

func TestWords(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []string{"cut", "[N records]", "by", "[X%]."}, Words(" cut [N records]\tby [X%]. "))
	assert.Nil(t, Words("  "))
}

func TestDiffIsShortest(t *testing.T) {
	t.Parallel()
	// Every pair of short word sequences over a two-word alphabet: the Equal words must
	// number as many as the longest common subsequence found by brute force.
	seqs := []string{""}
	for n := 0; n < 5; n++ {
		for _, s := range seqs {
			if len(Words(s)) == n {
				seqs = append(seqs, strings.TrimSpace(s+" a"), strings.TrimSpace(s+" b"))
			}
		}
	}
	for _, a := range seqs {
		for _, b := range seqs {
			ops := Diff(a, b)
			checkRebuild(t, a, b, ops)
			equal := 0
			for _, op := range ops {
				if op.Kind == Equal {
					equal += len(Words(op.Text))
				}
			}
			assert.Equal(t, bruteLCS(Words(a), Words(b)), equal, "%q vs %q", a, b)
		}
	}
}

func TestDiffTooLong(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("w ", MaxWords+1)
	ops := Diff(long, "w")
	assert.Equal(t, []Op{{Kind: Delete, Text: strings.TrimSpace(long)}, {Kind: Insert, Text: "w"}}, ops)
}

func FuzzDiff(f *testing.F) {
	f.Add("Responsible for maintaining the billing service.", "Maintained the billing service, cutting bugs by [X%].")
	f.Add("a [b c] d", "a [b c] e [")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkRebuild(t, a, b, Diff(a, b))
	})
}

// checkRebuild checks that the ops give back both lines' words and that no two neighbours
// have the same kind.
func checkRebuild(t *testing.T, a, b string, ops []Op) {
	t.Helper()
	var old, new strings.Builder
	add := func(sb *strings.Builder, op Op) {
		if sb.Len() > 0 && !op.Glued {
			sb.WriteByte(' ')
		}
		sb.WriteString(op.Text)
	}
	for i, op := range ops {
		if i > 0 && ops[i-1].Kind == op.Kind {
			t.Fatalf("neighbours of one kind in %v", ops)
		}
		if op.Kind != Insert {
			add(&old, op)
		}
		if op.Kind != Delete {
			add(&new, op)
		}
	}
	if old.String() != strings.Join(Words(a), " ") || new.String() != strings.Join(Words(b), " ") {
		t.Fatalf("ops %v do not rebuild %q and %q", ops, a, b)
	}
}

func bruteLCS(a, b []string) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if a[0] == b[0] {
		return 1 + bruteLCS(a[1:], b[1:])
	}
	return max(bruteLCS(a[1:], b), bruteLCS(a, b[1:]))
}

func BenchmarkDiff(b *testing.B) {
	old := "Worked on various backend features using best practices, code reviews, unit tests, etc."
	new := "Delivered backend features with code reviews and unit tests, shipping [N] features per quarter."
	for b.Loop() {
		Diff(old, new)
	}
}
