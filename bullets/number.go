package bullets

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/resumekit/resumekit/internal/wording"
)

// unit is what a number measures, after normalization: times are in seconds, sizes in
// bytes, and scale words and suffixes are multiplied out (5K = 5000, 2M = 2,000,000).
type unit uint8

const (
	unitCount   unit = iota // a plain quantity: 3 services, 5K req/min, 2 million users
	unitPercent             // 40%, 40 percent
	unitTime                // in seconds: 3.2s, 180ms, 18 months
	unitBytes               // 2 GB, 500MB
	unitMoney               // $1.2M, €300
	unitRatio               // 10x, doubled
)

var unitNames = [...]string{"count", "percent", "time", "bytes", "money", "ratio"}

func (u unit) String() string { return unitNames[u] }

// claim is one number stated in a text.
type claim struct {
	wording.Span
	value float64
	unit  unit
	// year marks a bare four-digit year (2019, "from 2019 to 2021"): it is a number
	// for the guard, but not a metric for the analysis.
	year bool
	// token is set for a number with a suffix this package does not know ("500rps",
	// "10Gbps", "2FA"): its lowercase digits and suffix, without thousands separators.
	// Such a claim is the same as another only if their tokens are equal.
	token string
}

// same reports whether two claims state the same quantity.
func (c claim) same(o claim) bool {
	if c.token != "" || o.token != "" {
		return c.token == o.token
	}
	if c.unit != o.unit {
		return false
	}
	d := math.Abs(c.value - o.value)
	return d <= 1e-9*math.Max(1, math.Max(math.Abs(c.value), math.Abs(o.value)))
}

// text renders a claim for a person, from the text it came from.
func (c claim) text(s string) string { return strings.TrimSpace(s[c.Start:c.End]) }

var unitWords = map[string]struct {
	unit   unit
	factor float64
}{
	"%": {unitPercent, 1}, "percent": {unitPercent, 1}, "pct": {unitPercent, 1},
	"k": {unitCount, 1e3}, "thousand": {unitCount, 1e3},
	"mn": {unitCount, 1e6}, "million": {unitCount, 1e6}, "mil": {unitCount, 1e6}, "millions": {unitCount, 1e6},
	"b": {unitCount, 1e9}, "bn": {unitCount, 1e9}, "billion": {unitCount, 1e9},
	"x": {unitRatio, 1}, "×": {unitRatio, 1}, "times": {unitRatio, 1}, "fold": {unitRatio, 1},
	"ms": {unitTime, 1e-3}, "msec": {unitTime, 1e-3}, "millisecond": {unitTime, 1e-3}, "milliseconds": {unitTime, 1e-3},
	"s": {unitTime, 1}, "sec": {unitTime, 1}, "secs": {unitTime, 1}, "second": {unitTime, 1}, "seconds": {unitTime, 1},
	"min": {unitTime, 60}, "mins": {unitTime, 60}, "minute": {unitTime, 60}, "minutes": {unitTime, 60},
	"h": {unitTime, 3600}, "hr": {unitTime, 3600}, "hrs": {unitTime, 3600}, "hour": {unitTime, 3600}, "hours": {unitTime, 3600},
	"day": {unitTime, 86400}, "days": {unitTime, 86400},
	"wk": {unitTime, 604800}, "wks": {unitTime, 604800}, "week": {unitTime, 604800}, "weeks": {unitTime, 604800},
	"mo": {unitTime, 2629800}, "mos": {unitTime, 2629800}, "month": {unitTime, 2629800}, "months": {unitTime, 2629800},
	"yr": {unitTime, 31557600}, "yrs": {unitTime, 31557600}, "year": {unitTime, 31557600}, "years": {unitTime, 31557600},
	"kb": {unitBytes, 1e3}, "mb": {unitBytes, 1e6}, "gb": {unitBytes, 1e9}, "tb": {unitBytes, 1e12}, "pb": {unitBytes, 1e15},
	"bytes": {unitBytes, 1},
	"st":    {unitCount, 1}, "nd": {unitCount, 1}, "rd": {unitCount, 1}, "th": {unitCount, 1},
}

// numberWords are quantities written as words. "one" is left out: "one of the" is
// rarely a claim.
var numberWords = map[string]struct {
	value float64
	unit  unit
}{
	"zero": {0, unitCount}, "two": {2, unitCount}, "three": {3, unitCount}, "four": {4, unitCount},
	"five": {5, unitCount}, "six": {6, unitCount}, "seven": {7, unitCount}, "eight": {8, unitCount},
	"nine": {9, unitCount}, "ten": {10, unitCount}, "eleven": {11, unitCount}, "twelve": {12, unitCount},
	"fifteen": {15, unitCount}, "twenty": {20, unitCount}, "thirty": {30, unitCount}, "forty": {40, unitCount},
	"fifty": {50, unitCount}, "sixty": {60, unitCount}, "seventy": {70, unitCount}, "eighty": {80, unitCount},
	"ninety": {90, unitCount}, "hundred": {100, unitCount}, "thousand": {1e3, unitCount},
	"million": {1e6, unitCount}, "billion": {1e9, unitCount}, "dozen": {12, unitCount},
	"dozens": {12, unitCount}, "hundreds": {100, unitCount}, "thousands": {1e3, unitCount},
	"millions": {1e6, unitCount}, "billions": {1e9, unitCount},
	"doubled": {2, unitRatio}, "tripled": {3, unitRatio}, "quadrupled": {4, unitRatio},
	"twofold": {2, unitRatio}, "threefold": {3, unitRatio}, "tenfold": {10, unitRatio},
	"double": {2, unitRatio}, "doubling": {2, unitRatio}, "triple": {3, unitRatio}, "tripling": {3, unitRatio},
	"half": {50, unitPercent}, "halve": {50, unitPercent}, "halved": {50, unitPercent}, "halving": {50, unitPercent},
}

// scaleWords multiply a number written before them: "two million", "3 thousand".
var scaleWords = map[string]float64{"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}

// yearFollowers are words after which a four-digit number is still read as a year.
var yearFollowers = map[string]bool{"to": true, "and": true, "through": true, "until": true, "till": true, "onward": true, "onwards": true, "present": true}

// appendClaims appends every number stated in s to dst, skipping those inside any of
// the skip spans (sorted, such as technology names "OAuth 2.0", "Python 3"). Digits
// that are part of an identifier ("EC2", "p95", "HTTP/2", "N+1", "COVID-19", "x86") are
// not numbers; a number with a suffix this package does not know ("500rps", "2FA") is
// a claim compared by its exact token. The scan starts at s[from:], reading what comes
// before only as context; lower must be wording.Lower(s).
func appendClaims(dst []claim, s, lower string, from int, skip []wording.Span) []claim {
	si := 0
	inSkip := func(pos int) bool {
		for si < len(skip) && skip[si].End <= pos {
			si++
		}
		return si < len(skip) && skip[si].Start <= pos
	}
	for i := from; i < len(s); {
		c := s[i]
		money := false
		start := i
		switch {
		case c == '$' && i+1 < len(s) && wording.IsDigit(s[i+1]):
			money = true
			i++
		case currencyLen(s[i:]) > 0:
			money = true
			i += currencyLen(s[i:])
		case wording.IsDigit(c):
		case wording.IsLetter(c) || c >= utf8.RuneSelf:
			// A word: a number word, or an identifier whose digits are not numbers.
			j := i
			seg := i // start of the current hyphen-joined part
			for j < len(s) && (wording.IsAlnum(s[j]) || s[j] == '-' && j+1 < len(s) && wording.IsAlnum(s[j+1])) {
				if s[j] == '-' {
					if wording.IsDigit(s[j+1]) && !identifierPrefix(s[seg:j]) {
						break // "sub-100ms", "top-5": the digits are a number
					}
					seg = j + 1
				}
				j++
			}
			if j == i {
				_, size := utf8.DecodeRuneInString(s[i:])
				i += size
				continue
			}
			if cl, end, ok := wordClaim(lower, i, j); ok && !inSkip(i) {
				dst = append(dst, cl)
				j = end
			}
			i = j
			continue
		default:
			i++
			continue
		}
		// Digits after a letter and a joiner belong to an identifier: "HTTP/2", "N+1".
		if !money && identifierJoin(s, start) {
			for i < len(s) && (wording.IsAlnum(s[i]) || s[i] == '.' && i+1 < len(s) && wording.IsDigit(s[i+1])) {
				i++
			}
			continue
		}
		numStart := i
		plain := true // no separators and no decimals
		for i < len(s) && wording.IsDigit(s[i]) {
			i++
		}
		for i+3 < len(s) && s[i] == ',' && wording.IsDigit(s[i+1]) && wording.IsDigit(s[i+2]) && wording.IsDigit(s[i+3]) && (i+4 >= len(s) || !wording.IsDigit(s[i+4])) {
			i += 4
			plain = false
		}
		if i+1 < len(s) && s[i] == '.' && wording.IsDigit(s[i+1]) {
			i++
			for i < len(s) && wording.IsDigit(s[i]) {
				i++
			}
			plain = false
		}
		digits := strings.ReplaceAll(s[numStart:i], ",", "")
		v, err := strconv.ParseFloat(digits, 64)
		if err != nil {
			continue
		}
		cl := claim{Span: wording.Span{Start: start, End: i}, value: v, unit: unitCount}
		if money {
			cl.unit = unitMoney
		}
		// The unit: attached ("180ms", "5K", "40%") or after one space ("3.2 s", "40 percent").
		identifier := false
		hasUnit := false
		for pass := 0; pass < 2; pass++ {
			j := i
			attached := true
			if j < len(s) && (s[j] == ' ' || s[j] == '-' && pass == 0) {
				j++
				attached = false
			}
			k := j
			switch {
			case k < len(s) && s[k] == '%':
				k++
			case strings.HasPrefix(s[k:], "×"):
				k += len("×")
			default:
				for k < len(s) && wording.IsLetter(s[k]) {
					k++
				}
			}
			if k == j || (k < len(s) && wording.IsDigit(s[k])) {
				break
			}
			word := lower[j:k]
			u, ok := unitWords[word]
			if word == "per" && strings.HasPrefix(lower[k:], " cent") {
				u, ok, k = unitWords["percent"], true, k+len(" cent")
			}
			if word == "m" && s[j] == 'M' || word == "m" && money {
				u, ok = unitWords["million"], true
			} else if word == "m" {
				u, ok = unitWords["min"], true
			}
			if !ok {
				if attached && pass == 0 {
					identifier = true // "2FA", "3D", "4xx"
				}
				break
			}
			hasUnit = true
			cl.value *= u.factor
			if u.unit != unitCount || cl.unit == unitCount {
				if !(money && u.unit == unitCount) {
					cl.unit = u.unit
				}
			}
			cl.End = k
			i = k
			if u.unit != unitCount || u.factor == 1 {
				break // a scale ("5K") may be followed by a unit ("5K req"), nothing else
			}
		}
		if identifier {
			for i < len(s) && wording.IsAlnum(s[i]) {
				i++
			}
			if !inSkip(start) {
				dst = append(dst, claim{Span: wording.Span{Start: start, End: i}, token: strings.ReplaceAll(lower[start:i], ",", "")})
			}
			continue
		}
		if inSkip(start) {
			continue
		}
		if plain && !hasUnit && !money && len(digits) == 4 && v >= 1950 && v <= 2099 {
			cl.year = !followedByWord(lower, i) || yearPreceders[wordBefore(lower, start)]
		}
		dst = append(dst, cl)
	}
	return dst
}

// wordClaim reads a number word at lower[i:j] ("three", "twenty-five", "two million",
// "doubled") and returns its claim and where it ends.
func wordClaim(lower string, i, j int) (claim, int, bool) {
	w := lower[i:j]
	nw, ok := numberWords[w]
	if !ok {
		a, b, found := strings.Cut(w, "-")
		na, okA := numberWords[a]
		nb, okB := numberWords[b]
		if !found || !okA || !okB || na.value < 20 || nb.value >= 10 {
			return claim{}, 0, false
		}
		nw.value, nw.unit = na.value+nb.value, unitCount
	}
	cl := claim{Span: wording.Span{Start: i, End: j}, value: nw.value, unit: nw.unit}
	// "two million", "five hundred".
	if j+1 < len(lower) && lower[j] == ' ' {
		k := j + 1
		for k < len(lower) && wording.IsLetter(lower[k]) {
			k++
		}
		if f, ok := scaleWords[lower[j+1:k]]; ok && nw.unit == unitCount && nw.value < 1000 {
			cl.value *= f
			cl.End = k
		}
	}
	// "forty percent", "two hours": a unit word after a count.
	if cl.unit == unitCount && cl.End+1 < len(lower) && lower[cl.End] == ' ' {
		k := cl.End + 1
		for k < len(lower) && wording.IsLetter(lower[k]) {
			k++
		}
		w := lower[cl.End+1 : k]
		u, ok := unitWords[w]
		if w == "per" && strings.HasPrefix(lower[k:], " cent") {
			u, ok, k = unitWords["percent"], true, k+len(" cent")
		}
		if ok && u.unit != unitCount && len(w) > 1 && (k == len(lower) || !wording.IsAlnum(lower[k])) {
			cl.value *= u.factor
			cl.unit = u.unit
			cl.End = k
		}
	}
	return cl, cl.End, true
}

// yearPreceders are words before a four-digit number that make it a year ("in 2021
// migrated ...").
var yearPreceders = map[string]bool{
	"in": true, "since": true, "from": true, "during": true, "until": true, "through": true,
	"early": true, "late": true, "mid": true, "q1": true, "q2": true, "q3": true, "q4": true,
	"h1": true, "h2": true, "fy": true, "january": true, "february": true, "march": true,
	"april": true, "may": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true,
}

// wordBefore returns the lowercase letter-or-digit word that ends just before the
// spaces before position i.
func wordBefore(lower string, i int) string {
	for i > 0 && lower[i-1] == ' ' {
		i--
	}
	j := i
	for j > 0 && wording.IsAlnum(lower[j-1]) {
		j--
	}
	return lower[j:i]
}

// followedByWord reports whether a letter word (other than a year follower) comes next
// after position i, so "2000 users" is a count but "in 2021." and "2019 to 2021" are
// years.
func followedByWord(lower string, i int) bool {
	for i < len(lower) && lower[i] == ' ' {
		i++
	}
	k := i
	for k < len(lower) && wording.IsLetter(lower[k]) {
		k++
	}
	return k > i && !yearFollowers[lower[i:k]]
}

// hasMetric reports whether any claim counts as a metric: every number except years
// and identifiers such as "2FA"; of the numbers with an unknown suffix, rates
// ("500rps", "10Gbps") and "MM" counts are metrics.
func hasMetric(claims []claim) bool {
	for _, c := range claims {
		if !c.year && (c.token == "" || strings.HasSuffix(c.token, "ps") || strings.HasSuffix(c.token, "mm")) {
			return true
		}
	}
	return false
}

// currencyLen returns the length of a currency sign followed by a digit at the start of
// s, or 0.
func currencyLen(s string) int {
	for _, sign := range [...]string{"€", "£"} {
		if strings.HasPrefix(s, sign) && len(s) > len(sign) && wording.IsDigit(s[len(sign)]) {
			return len(sign)
		}
	}
	return 0
}

// identifierJoin reports whether digits at s[i:] belong to an identifier: after a
// letter and a slash or plus ("HTTP/2", "N+1"), an upper-case word and a hyphen
// ("COVID-19", "SHA-256"; "sub-100ms" and "top-5" are numbers), or an alphanumeric and
// a dot ("v1.2").
func identifierJoin(s string, i int) bool {
	if i < 2 {
		return false
	}
	switch prev2 := s[i-2]; s[i-1] {
	case '/', '+':
		return wording.IsLetter(prev2)
	case '-':
		j := i - 1
		for j > 0 && wording.IsAlnum(s[j-1]) {
			j--
		}
		return wording.IsLetter(prev2) && identifierPrefix(s[j:i-1])
	case '.':
		return wording.IsAlnum(prev2)
	}
	return false
}

// identifierPrefix reports whether the word before a hyphen and digits makes them an
// identifier: it has no lower-case letter ("COVID", "SHA") or holds digits of its own
// ("x86-64").
func identifierPrefix(w string) bool {
	for i := 0; i < len(w); i++ {
		if wording.IsDigit(w[i]) {
			return true
		}
	}
	return strings.ToUpper(w) == w
}
