package pdf

import (
	"testing"

	"github.com/klippa-app/go-pdfium/responses"
	"github.com/stretchr/testify/assert"
)

func box(l, r, top, bot float64) responses.CharPosition {
	return responses.CharPosition{Left: l, Right: r, Top: top, Bottom: bot}
}

// TestRunsOfReadsEachCharOnce feeds runsOf what PDFium returned for a line of a U.S.
// Digital Corps resume: two overlapping rects ("Nonpro" and "fits", the "r" and "o" inside
// both boxes), a space PDFium generated with no box, and a control code the font mapped a
// glyph to. PDFium's own rect text read the line as "Nonprorofits".
func TestRunsOfReadsEachCharOnce(t *testing.T) {
	t.Parallel()
	rects := []*responses.GetPageTextStructuredRect{
		{Text: "Nonpro", PointPosition: box(10, 46, 20, 10)},
		{Text: "rofits and", PointPosition: box(38, 90, 20, 10)},
	}
	var chars []*responses.GetPageTextStructuredChar
	x := 10.0
	for _, c := range "Nonprofits" {
		chars = append(chars, &responses.GetPageTextStructuredChar{Text: string(c), PointPosition: box(x, x+5, 19, 11)})
		x += 5
	}
	chars = append(chars,
		&responses.GetPageTextStructuredChar{Text: "\x06", PointPosition: box(x, x+1, 19, 11)},
		&responses.GetPageTextStructuredChar{Text: " ", PointPosition: box(0, 0, 0, 0)},
		&responses.GetPageTextStructuredChar{Text: "a", PointPosition: box(x+3, x+8, 19, 11)},
		&responses.GetPageTextStructuredChar{Text: "n", PointPosition: box(x+8, x+13, 19, 11)},
		&responses.GetPageTextStructuredChar{Text: "d", PointPosition: box(x+13, x+18, 19, 11)},
		&responses.GetPageTextStructuredChar{Text: "\r\n", PointPosition: box(0, 0, 0, 0)},
	)
	runs := runsOf(rects, chars)
	var text string
	for _, r := range runs {
		text += r.text
	}
	assert.Equal(t, "Nonprofits and", text)
	assert.Equal(t, "Nonprof", runs[0].text, "a char in both boxes goes to the rect its predecessor is in")
	assert.Equal(t, 38.0, runs[1].x0)
}
