package pdf

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestATSLinksNoPDFCode guards the split: package ats imports no third-party code, so a
// program that reads text, Markdown, JSON and DOCX resumes does not carry PDFium.
func TestATSLinksNoPDFCode(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "github.com/resumekit/resumekit/ats").Output()
	require.NoError(t, err)
	for _, p := range strings.Fields(string(out)) {
		require.True(t, strings.HasPrefix(p, "github.com/resumekit/resumekit/"), "ats depends on %s", p)
	}
}
