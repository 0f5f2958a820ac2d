package bullets

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
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

// UnmarshalJSON reads a unit by its name, as the rule data writes it.
func (u *unit) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return err
	}
	i := slices.Index(unitNames[:], name)
	if i < 0 {
		return fmt.Errorf("unknown unit %q", name)
	}
	*u = unit(i)
	return nil
}

// unitWord is a word after a number that says what it measures ("ms", "percent", "k"):
// the value is multiplied by factor. Upper, when set, names the unit word to read
// instead when the word is written in upper case or after a currency ("5M" is a million,
// "5m" five minutes).
type unitWord struct {
	Unit   unit    `json:"unit"`
	Factor float64 `json:"factor"`
	Upper  string  `json:"upper"`
}

// numberWord is a quantity written as a word ("three", "doubled", "half").
type numberWord struct {
	Value float64 `json:"value"`
	Unit  unit    `json:"unit"`
}

// numberData are the words the number reader knows.
type numberData struct {
	Units map[string]unitWord `json:"units"`
	// Words are quantities written as words. "one" is left out: "one of the" is rarely
	// a claim.
	Words map[string]numberWord `json:"words"`
	// Scales multiply a number written before them: "two million", "3 thousand".
	Scales map[string]float64 `json:"scales"`
	// YearFollowers are words after which a four-digit number is still read as a year
	// ("2019 to 2021"); YearPreceders make one a year ("in 2021 migrated ...").
	YearFollowers wordSet `json:"year_followers"`
	YearPreceders wordSet `json:"year_preceders"`
	// Currencies are the signs of money amounts ("$1.2M").
	Currencies []string `json:"currencies"`
	// MetricSuffixes are the endings of unknown-suffix numbers that are still metrics:
	// rates ("500rps", "10Gbps") and "MM" counts.
	MetricSuffixes []string `json:"metric_suffixes"`
}

// unitAt returns the unit written at lower[j:k], the letters after a number, or a
// two-word unit that starts there ("per cent"), and where it ends.
func unitAt(lower string, j, k int) (unitWord, int, bool) {
	r := rules()
	units := r.data.Numbers.Units
	if second := spaceEnd(lower, k); second > k && r.unitFirsts[lower[j:k]] {
		e := second
		for e < len(lower) && wording.IsLetter(lower[e]) {
			e++
		}
		if u, ok := units[lower[j:k]+" "+lower[second:e]]; ok && e > second {
			return u, e, true
		}
	}
	u, ok := units[lower[j:k]]
	return u, k, ok
}

// spaceEnd returns the end of the run of white space at s[i:], i when there is none.
// How much space separates a number from its unit does not change what it says (and
// the rule-based rewriter squashes it).
func spaceEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

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

// appendClaims appends every number stated in s to dst, skipping those inside any of
// the skip spans (sorted, such as technology names "OAuth 2.0", "Python 3"). Digits
// that are part of an identifier ("EC2", "p95", "HTTP/2", "N+1", "COVID-19", "x86") are
// not numbers; a number with a suffix this package does not know ("500rps", "2FA") is
// a claim compared by its exact token. The scan starts at s[from:], reading what comes
// before only as context; lower must be wording.Lower(s).
func appendClaims(dst []claim, s, lower string, from int, skip []wording.Span) []claim {
	nd := &rules().data.Numbers
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
		case !wording.IsAlnum(c) && currencyLen(nd.Currencies, s[i:]) > 0:
			money = true
			i += currencyLen(nd.Currencies, s[i:])
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
			if cl, end, ok := wordClaim(nd, lower, i, j); ok && !inSkip(i) {
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
		// The unit: attached ("180ms", "5K", "40%") or after white space ("3.2 s", "40 percent").
		identifier := false
		hasUnit := false
		for pass := 0; pass < 2; pass++ {
			j := i
			attached := true
			if e := spaceEnd(s, j); e > j {
				j, attached = e, false
			} else if j < len(s) && s[j] == '-' && pass == 0 {
				j, attached = j+1, false
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
			u, k, ok := unitAt(lower, j, k)
			if ok && u.Upper != "" && (s[j] >= 'A' && s[j] <= 'Z' || money) {
				u = nd.Units[u.Upper]
			}
			if !ok {
				if attached && pass == 0 {
					identifier = true // "2FA", "3D", "4xx"
				}
				break
			}
			hasUnit = true
			cl.value *= u.Factor
			if u.Unit != unitCount || cl.unit == unitCount {
				if !(money && u.Unit == unitCount) {
					cl.unit = u.Unit
				}
			}
			cl.End = k
			i = k
			if u.Unit != unitCount || u.Factor == 1 {
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
			cl.year = !followedByWord(lower, i) || nd.YearPreceders[wordBefore(lower, start)]
		}
		dst = append(dst, cl)
	}
	return dst
}

// wordClaim reads a number word at lower[i:j] ("three", "twenty-five", "two million",
// "doubled") and returns its claim and where it ends.
func wordClaim(nd *numberData, lower string, i, j int) (claim, int, bool) {
	w := lower[i:j]
	nw, ok := nd.Words[w]
	if !ok {
		a, b, found := strings.Cut(w, "-")
		na, okA := nd.Words[a]
		nb, okB := nd.Words[b]
		if !found || !okA || !okB || na.Value < 20 || nb.Value >= 10 {
			return claim{}, 0, false
		}
		nw.Value, nw.Unit = na.Value+nb.Value, unitCount
	}
	cl := claim{Span: wording.Span{Start: i, End: j}, value: nw.Value, unit: nw.Unit}
	// "two million", "five hundred".
	if next := spaceEnd(lower, j); next > j {
		k := next
		for k < len(lower) && wording.IsLetter(lower[k]) {
			k++
		}
		if f, ok := nd.Scales[lower[next:k]]; ok && nw.Unit == unitCount && nw.Value < 1000 {
			cl.value *= f
			cl.End = k
		}
	}
	// "forty percent", "two hours": a unit word after a count.
	if next := spaceEnd(lower, cl.End); cl.unit == unitCount && next > cl.End {
		k := next
		for k < len(lower) && wording.IsLetter(lower[k]) {
			k++
		}
		u, k, ok := unitAt(lower, next, k)
		if ok && u.Unit != unitCount && k-next > 1 && (k == len(lower) || !wording.IsAlnum(lower[k])) {
			cl.value *= u.Factor
			cl.unit = u.Unit
			cl.End = k
		}
	}
	return cl, cl.End, true
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
	return k > i && !rules().data.Numbers.YearFollowers[lower[i:k]]
}

// hasMetric reports whether any claim counts as a metric: every number except years
// and identifiers such as "2FA"; of the numbers with an unknown suffix, rates
// ("500rps", "10Gbps") and "MM" counts are metrics.
func hasMetric(claims []claim) bool {
	for _, c := range claims {
		if !c.year && (c.token == "" || slices.ContainsFunc(rules().data.Numbers.MetricSuffixes, func(x string) bool { return strings.HasSuffix(c.token, x) })) {
			return true
		}
	}
	return false
}

// currencyLen returns the length of a currency sign followed by a digit at the start of
// s, or 0.
func currencyLen(currencies []string, s string) int {
	for _, sign := range currencies {
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
