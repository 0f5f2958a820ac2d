package bullets

import (
	"strings"

	"github.com/resumekit/resumekit/internal/wording"
)

// bulletBody returns the text of a resume line without its list marker and outer
// white space: "  - Built X. " → "Built X.".
func bulletBody(raw string) string {
	return strings.TrimSpace(raw[wording.BodyStart(raw):])
}
