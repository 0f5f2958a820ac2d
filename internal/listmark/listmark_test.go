package listmark

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line string
		want int
	}{
		{"- item", 2}, {"* item", 2}, {"+ item", 2}, {"• item", len("•") + 1}, {"●\titem", len("●") + 1},
		{"▪ item", len("▪") + 1}, {"– item", len("–") + 1}, {"➢ item", len("➢") + 1}, {"✓ item", len("✓") + 1},
		{"\uf0b7 item", len("\uf0b7") + 1}, {"〓 item", len("〓") + 1}, {"o item", 2}, {"of course", 0}, {"o", 0}, {"1. item", 3}, {"12) item", 4}, {"3.\titem", 3},
		{"-5% cost", 0}, {"**bold**", 0}, {"item", 0}, {"-", 0}, {"1.5x faster", 0}, {"2024 was", 0}, {"", 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Len(tt.line), "%q", tt.line)
	}
}
