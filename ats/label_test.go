package ats

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalizeLabel(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Skills & Tools":        "skills and tools",
		"Compétences":           "competences",
		"IT-Kenntnisse":         "it-kenntnisse",
		"  -Work- 'History' ":   "work history",
		"’Projects’ —":          "projects",
		"Don’t --- ' ’ & 2024:": "don't and",
		"":                      "",
	} {
		assert.Equal(t, want, normalizeLabel(in), "%q", in)
	}
	for _, w := range []string{"", "-", "'", "’", "-'’x’'-", "a-b", "’’", "x’", "--'"} {
		assert.Equal(t, strings.Trim(w, "-'’"), trimWordEdges(w), "%q", w)
	}
}
