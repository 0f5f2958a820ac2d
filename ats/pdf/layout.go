package pdf

import (
	"math"
	"slices"
	"strings"
)

// run is one run of text on a page, in PDF points with y growing upwards.
type run struct {
	text             string
	x0, x1, top, bot float64
}

func (r run) width() float64  { return r.x1 - r.x0 }
func (r run) height() float64 { return r.top - r.bot }
func (r run) middle() float64 { return (r.top + r.bot) / 2 }

// Layout thresholds, in points unless said otherwise.
const (
	minGutter      = 9    // the narrowest gap between two columns
	wideRun        = 0.55 // a run wider than this share of the text's width spans the columns
	minColumnRuns  = 3    // each column holds at least this many runs
	paragraphGap   = 1.6  // a gap between lines over this many line heights starts a new block
	pointsPerSpace = 4.5  // indentation, in points per space written
	maxIndent      = 8    // spaces
	columnGap      = 1.5  // a gap between runs of a line over this many line heights is written as a tab
)

// layout puts a page's runs into reading order: lines of runs left to right, and on a page
// of two columns the text above them, the left column, the right column, and the text
// below, band by band between the runs that span both columns. A narrow left sidebar comes
// after the main column it stands beside.
func layout(runs []run) string {
	runs = slices.DeleteFunc(runs, func(r run) bool { return strings.TrimSpace(r.text) == "" || r.height() <= 0 })
	if len(runs) == 0 {
		return ""
	}
	left, right := math.Inf(1), math.Inf(-1)
	for _, r := range runs {
		left, right = min(left, r.x0), max(right, r.x1)
	}
	gutter, ok := findGutter(runs, left, right)
	if !ok {
		return writeLines(lines(runs))
	}
	// Walk down the page; a run crossing the gutter closes the current band.
	slices.SortStableFunc(runs, func(a, b run) int { return cmpDesc(a.top, b.top) })
	var out []string
	var colL, colR []run
	flush := func() {
		if len(colL)+len(colR) == 0 {
			return
		}
		first, second := colL, colR
		if width(colL) < sidebarShare*width(colR) {
			// A narrow left sidebar (contact, skills, languages) comes after the main
			// column, so that the name and headline on top of the main column do not
			// land in the sidebar's last section.
			first, second = colR, colL
		}
		for _, col := range [][]run{first, second} {
			if s := writeLines(lines(col)); s != "" {
				out = append(out, s)
			}
		}
		colL, colR = nil, nil
	}
	var span []run
	for _, r := range runs {
		switch {
		case r.x1 <= gutter:
			colL = append(colL, r)
		case r.x0 >= gutter:
			colR = append(colR, r)
		default:
			// A spanning run on the line of a column run belongs with that line (a date
			// right-aligned across the gutter would otherwise cut the column).
			flush()
			span = append(span, r)
			continue
		}
		if len(span) > 0 {
			out = append(out, writeLines(lines(span)))
			span = nil
		}
	}
	flush()
	if len(span) > 0 {
		out = append(out, writeLines(lines(span)))
	}
	return strings.Join(out, "\n\n")
}

// sidebarShare: a left column narrower than this share of the right one is a sidebar.
const sidebarShare = 0.6

// width returns the horizontal extent of runs, 0 for none.
func width(runs []run) float64 {
	if len(runs) == 0 {
		return 0
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range runs {
		lo, hi = min(lo, r.x0), max(hi, r.x1)
	}
	return hi - lo
}

// findGutter returns the x of the widest vertical gap between columns of text in the middle
// of the page, ignoring runs that span most of the width (a name, a rule of text), if the
// text on each side of it is a column.
func findGutter(runs []run, left, right float64) (float64, bool) {
	w := right - left
	var narrow []run
	for _, r := range runs {
		if r.width() < wideRun*w {
			narrow = append(narrow, r)
		}
	}
	if len(narrow) == 0 {
		return 0, false
	}
	slices.SortFunc(narrow, func(a, b run) int { return cmpAsc(a.x0, b.x0) })
	// The gutter lies in the middle of the narrow runs' extent: a wide heading may reach
	// past the columns.
	nLeft, nRight := narrow[0].x0, math.Inf(-1)
	for _, r := range narrow {
		nRight = max(nRight, r.x1)
	}
	lo, hi := nLeft+0.15*(nRight-nLeft), nRight-0.15*(nRight-nLeft)
	best, bestX := 0.0, 0.0
	reach := math.Inf(-1)
	for _, r := range narrow {
		if gap := r.x0 - reach; gap > best && reach > math.Inf(-1) {
			mid := reach + gap/2
			if mid >= lo && mid <= hi {
				best, bestX = gap, mid
			}
		}
		reach = max(reach, r.x1)
	}
	if best < minGutter {
		return 0, false
	}
	var nl, nr int
	for _, r := range narrow {
		if r.x1 <= bestX {
			nl++
		} else if r.x0 >= bestX {
			nr++
		}
	}
	return bestX, nl >= minColumnRuns && nr >= minColumnRuns
}

// line is the runs of one text line, left to right.
type line struct {
	runs     []run
	top, bot float64
}

// lines groups runs into lines: a run whose middle lies within a line's height joins it.
func lines(runs []run) []line {
	sorted := slices.Clone(runs)
	slices.SortStableFunc(sorted, func(a, b run) int { return cmpDesc(a.top, b.top) })
	var out []line
	for _, r := range sorted {
		if n := len(out); n > 0 && r.middle() <= out[n-1].top && r.middle() >= out[n-1].bot {
			l := &out[n-1]
			l.runs = append(l.runs, r)
			l.top, l.bot = max(l.top, r.top), min(l.bot, r.bot)
			continue
		}
		out = append(out, line{runs: []run{r}, top: r.top, bot: r.bot})
	}
	for i := range out {
		slices.SortStableFunc(out[i].runs, func(a, b run) int { return cmpAsc(a.x0, b.x0) })
	}
	return out
}

// writeLines writes lines as text: runs joined by a space where there is a gap, indentation
// from the lines' left edge as spaces (so a wrapped list item keeps its hanging indent),
// and a blank line where the gap between two lines is much taller than a line.
func writeLines(ls []line) string {
	if len(ls) == 0 {
		return ""
	}
	colLeft := math.Inf(1)
	for _, l := range ls {
		colLeft = min(colLeft, l.runs[0].x0)
	}
	heights := make([]float64, len(ls))
	for i, l := range ls {
		heights[i] = l.top - l.bot
	}
	slices.Sort(heights)
	lh := heights[len(heights)/2]
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('\n')
			if ls[i-1].bot-l.top > paragraphGap*lh {
				b.WriteByte('\n')
			}
		}
		indent := min(maxIndent, max(0, int((l.runs[0].x0-colLeft)/pointsPerSpace)))
		b.WriteString(strings.Repeat(" ", indent))
		var text strings.Builder
		for j, r := range l.runs {
			t := typography.Replace(strings.TrimRight(r.text, "\r\n"))
			gap := 0.0
			if j > 0 {
				gap = r.x0 - l.runs[j-1].x1
			}
			switch {
			case j == 0:
			case gap > columnGap*lh:
				// A gap as wide as a tab stop sets apart what the author aligned apart:
				// "Two Rivers Public Health Department        Kearney, NE (Remote)".
				text.WriteByte('\t')
			case gap > 1 && !strings.HasSuffix(text.String(), " ") && !strings.HasPrefix(t, " "):
				text.WriteByte(' ')
			}
			text.WriteString(t)
		}
		b.WriteString(tabSpaces.Replace(strings.TrimRight(text.String(), " ")))
	}
	return b.String()
}

// tabSpaces drops the spaces runs leave around a tab.
var tabSpaces = strings.NewReplacer(" \t", "\t", "\t ", "\t")

// typography undoes what typesetting does to words: ligatures ("ﬁ" in "conﬁgured" would
// hide the word from keyword matching), soft hyphens and no-break spaces.
var typography = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st",
	"\u00ad", "", "\u00a0", " ")

func cmpDesc(a, b float64) int { return cmpAsc(b, a) }

func cmpAsc(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
