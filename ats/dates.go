package ats

import (
	"slices"
	"strings"

	"github.com/resumekit/resumekit/internal/wording"
)

// yearMonth is a month of a year as a resume writes it. Month is 1–12, or 0 when only the
// year is given ("2019").
type yearMonth struct{ Year, Month int }

// dateRange is a span of time as a resume or a job writes it: "Jan 2020 – Mar 2021",
// "2019 – Present", "Since 2021". When Present is set, To is zero and the range runs to the
// date the reader takes as today.
type dateRange struct {
	From, To yearMonth
	Present  bool
}

// The years a date may name: older or later four-digit numbers are counts, not dates.
const (
	minYear = 1950
	maxYear = 2099
)

// monthStart holds the first letters of the month names, in either case, and maxMonthLen
// is the longest name: a cheap "no" for most words.
var monthStart, maxMonthLen = func() (start [256]bool, longest int) {
	for name := range monthNames {
		start[name[0]], start[name[0]-'a'+'A'] = true, true
		longest = max(longest, len(name))
	}
	return start, longest
}()

// monthNames maps month names and their abbreviations, lowercased, to month numbers. The
// seasons stand for their first month.
var monthNames = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
	// German, French and Spanish, as written without accents.
	"januar": 1, "februar": 2, "maerz": 3, "mai": 5, "juni": 6, "juli": 7, "okt": 10, "oktober": 10,
	"dez": 12, "dezember": 12, "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7,
	"aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12, "enero": 1, "ene": 1,
	"febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
	"septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12, "dic": 12,
	"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12,
}

// presentWords end a range that is still running: "2019 – Present", "Jan 2020 to date".
var presentWords = []string{"present", "current", "currently", "now", "today", "ongoing", "date",
	"heute", "aktuell", "jetzt", "aujourd'hui", "actuel", "actualidad", "presente", "hoy"}

// rangeWords join the two ends of a range besides dashes.
var rangeWords = []string{"to", "until", "till", "through", "thru", "bis", "au", "hasta"}

// findDateRange finds the first date range in s: "November 2016 to December 2017",
// "Jan 2020 – Mar 2021", "2019 - Present", "03/2019 - 05/2020", "2018–2020", "2019-03 to
// 2020-05", "2019-03-15 – 2020-05-01", "Since 2021". It returns the range and its byte offsets in s. A range whose end
// comes before its start is not a range, nor is a single date ("May 2020").
func findDateRange(s string) (r dateRange, start, end int, ok bool) {
	if !hasDigit(s) {
		return dateRange{}, 0, 0, false // every date has a four-digit year
	}
	for i := 0; i < len(s); i++ {
		if !isWordStart(s, i) {
			continue
		}
		if n := wordAt(s, i, "since"); n > 0 {
			j := skipSpace(s, i+n)
			if from, e, found := parseDate(s, j); found {
				return dateRange{From: from, Present: true}, i, e, true
			}
			continue
		}
		from, e, found := parseDate(s, i)
		if !found {
			continue
		}
		j, sep := skipSeparator(s, e)
		if !sep {
			i = e - 1
			continue
		}
		if to, e2, found := parseDate(s, j); found {
			if to.before(from) {
				i = e - 1
				continue
			}
			return dateRange{From: from, To: to}, i, e2, true
		}
		if n := presentAt(s, j); n > 0 {
			return dateRange{From: from, Present: true}, i, j + n, true
		}
		i = e - 1
	}
	return dateRange{}, 0, 0, false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

// before reports whether a comes before b. A year alone is compared by year only:
// "2020 – Mar 2020" is a range.
func (a yearMonth) before(b yearMonth) bool {
	if a.Year != b.Year || a.Month == 0 || b.Month == 0 {
		return a.Year < b.Year
	}
	return a.Month < b.Month
}

// monthIndex counts months from year 0 to the start of a's month. A year alone stands for
// its middle (July), so that "2018–2020" counts two years, not three.
func (a yearMonth) monthIndex() int {
	m := a.Month
	if m == 0 {
		m = 7
	}
	return a.Year*12 + m - 1
}

// span returns the range as months [from, to) counted by monthIndex, with now the month
// taken as today. A range written with months includes its last month ("Jan – Mar 2020" is
// three months); a range ending in a year alone ends mid-year.
func (r dateRange) span(now yearMonth) (from, to int) {
	from = r.From.monthIndex()
	end := r.To
	if r.Present {
		end = now
	}
	to = end.monthIndex()
	if end.Month != 0 {
		to++
	}
	return from, max(from, to)
}

// mergedMonths returns the months covered by the ranges, counting months where ranges
// overlap once.
func mergedMonths(ranges []dateRange, now yearMonth) int {
	type interval struct{ from, to int }
	spans := make([]interval, 0, len(ranges))
	for _, r := range ranges {
		f, t := r.span(now)
		if t > f {
			spans = append(spans, interval{f, t})
		}
	}
	slices.SortFunc(spans, func(a, b interval) int { return a.from - b.from })
	total, curFrom, curTo := 0, 0, -1
	for _, s := range spans {
		if s.from > curTo {
			if curTo > curFrom {
				total += curTo - curFrom
			}
			curFrom, curTo = s.from, s.to
			continue
		}
		curTo = max(curTo, s.to)
	}
	if curTo > curFrom {
		total += curTo - curFrom
	}
	return total
}

// parseDate reads a date at s[i:]: "November 2016", "Nov. 2016", "Nov, 2016", "03/2019",
// "2019-03", "2019". It returns the date and the offset just after it.
func parseDate(s string, i int) (yearMonth, int, bool) {
	if i >= len(s) {
		return yearMonth{}, 0, false
	}
	if isDigit(s[i]) {
		// "03/2019", "3/2019"
		if n := digitsAt(s, i); (n == 1 || n == 2) && i+n < len(s) && s[i+n] == '/' {
			m := atoi(s[i : i+n])
			if y, e, ok := yearAt(s, i+n+1); ok && m >= 1 && m <= 12 {
				return yearMonth{y, m}, e, true
			}
			return yearMonth{}, 0, false
		}
		y, e, ok := yearAt(s, i)
		if !ok {
			return yearMonth{}, 0, false
		}
		// "2019-03", but not "2019-2020"
		if e+3 <= len(s) && (s[e] == '-' || s[e] == '/') && digitsAt(s, e+1) == 2 && (e+3 == len(s) || !isAlnum(s[e+3])) {
			if m := atoi(s[e+1 : e+3]); m >= 1 && m <= 12 {
				e += 3
				// "2019-03-15": the day is read and dropped.
				if e+3 <= len(s) && s[e] == s[e-3] && digitsAt(s, e+1) == 2 && (e+3 == len(s) || !isAlnum(s[e+3])) {
					e += 3
				}
				return yearMonth{y, m}, e, true
			}
		}
		return yearMonth{Year: y}, e, true
	}
	if !monthStart[s[i]] {
		return yearMonth{}, 0, false
	}
	w := i
	for w < len(s) && wording.IsLetter(s[w]) {
		w++
	}
	if w-i > maxMonthLen {
		return yearMonth{}, 0, false
	}
	m, known := lookupLower(monthNames, s[i:w])
	if !known {
		return yearMonth{}, 0, false
	}
	j := w
	if j < len(s) && s[j] == '.' {
		j++
	}
	if j < len(s) && s[j] == ',' {
		j++
	}
	if k := skipSpace(s, j); k > j || j > w {
		j = k
	} else {
		return yearMonth{}, 0, false // "Jan2020" is not a date we read
	}
	y, e, ok := yearAt(s, j)
	if !ok {
		return yearMonth{}, 0, false
	}
	return yearMonth{y, m}, e, true
}

// yearAt reads a four-digit year standing alone at s[i:].
func yearAt(s string, i int) (int, int, bool) {
	if digitsAt(s, i) != 4 || i+4 < len(s) && wording.IsLetter(s[i+4]) {
		return 0, 0, false
	}
	y := atoi(s[i : i+4])
	if y < minYear || y > maxYear {
		return 0, 0, false
	}
	return y, i + 4, true
}

// skipSeparator skips a range separator with the spaces around it ("–", " - ", " to ") and
// returns the offset after it.
func skipSeparator(s string, i int) (int, bool) {
	j := skipSpace(s, i)
	for _, d := range []string{"–", "—", "−", "-", "~", "→", "->"} {
		if strings.HasPrefix(s[j:], d) {
			return skipSpace(s, j+len(d)), true
		}
	}
	if j == i {
		return 0, false // a word needs a space before it
	}
	for _, w := range rangeWords {
		if n := wordAt(s, j, w); n > 0 {
			return skipSpace(s, j+n), true
		}
	}
	return 0, false
}

// presentAt returns the length of a present word at s[i:] ("Present", "to date"), or 0.
func presentAt(s string, i int) int {
	for _, w := range presentWords {
		if n := wordAt(s, i, w); n > 0 {
			return n
		}
	}
	return 0
}

// wordAt returns len(w) if s[i:] starts with the word w in any case, followed by no letter.
func wordAt(s string, i int, w string) int {
	if len(s)-i < len(w) || !strings.EqualFold(s[i:i+len(w)], w) {
		return 0
	}
	if e := i + len(w); e < len(s) && wording.IsLetter(s[e]) {
		return 0
	}
	return len(w)
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\t':
			i++
		case strings.HasPrefix(s[i:], "\u00a0"):
			i += len("\u00a0")
		default:
			return i
		}
	}
	return i
}

// isWordStart reports whether s[i] begins a word: a letter or digit not preceded by one. A
// number does not begin after "/" or "." or a digit and "-": the 2019 of "13/2019", "1.2019"
// or "10-2019" is part of something else.
func isWordStart(s string, i int) bool {
	if !isAlnum(s[i]) || i > 0 && isAlnum(s[i-1]) {
		return false
	}
	if isDigit(s[i]) && i > 0 {
		switch s[i-1] {
		case '/', '.':
			return false
		case '-':
			return i < 2 || !isDigit(s[i-2])
		}
	}
	return true
}

func isAlnum(c byte) bool { return isDigit(c) || wording.IsLetter(c) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digitsAt counts the digits at s[i:].
func digitsAt(s string, i int) int {
	n := 0
	for i+n < len(s) && isDigit(s[i+n]) {
		n++
	}
	return n
}

// atoi reads a short run of ASCII digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
