package ats

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFindDateRange(t *testing.T) {
	t.Parallel()
	ym := func(y, m int) yearMonth { return yearMonth{y, m} }
	tests := []struct {
		name  string
		line  string
		want  dateRange
		match string // the text the offsets cover; "" when no range is expected
	}{
		{"month names with to", "Backend Engineer, Acme — November 2016 to December 2017",
			dateRange{From: ym(2016, 11), To: ym(2017, 12)}, "November 2016 to December 2017"},
		{"abbreviations with en dash", "Acme Corp | Jan 2020 – Mar 2021", dateRange{From: ym(2020, 1), To: ym(2021, 3)}, "Jan 2020 – Mar 2021"},
		{"abbreviation with period and comma", "Sept. 2019 - Feb, 2021", dateRange{From: ym(2019, 9), To: ym(2021, 2)}, "Sept. 2019 - Feb, 2021"},
		{"year to Present", "Globex (2019 - Present)", dateRange{From: ym(2019, 0), Present: true}, "2019 - Present"},
		{"month to current", "Jun 2022 – current", dateRange{From: ym(2022, 6), Present: true}, "Jun 2022 – current"},
		{"to date", "May 2021 to date", dateRange{From: ym(2021, 5), Present: true}, "May 2021 to date"},
		{"numeric months", "03/2019 - 05/2020", dateRange{From: ym(2019, 3), To: ym(2020, 5)}, "03/2019 - 05/2020"},
		{"one-digit numeric month", "3/2019–11/2020", dateRange{From: ym(2019, 3), To: ym(2020, 11)}, "3/2019–11/2020"},
		{"ISO months", "2019-03 to 2020-05", dateRange{From: ym(2019, 3), To: ym(2020, 5)}, "2019-03 to 2020-05"},
		{"ISO days", "2019-03-15 – 2020-05-01", dateRange{From: ym(2019, 3), To: ym(2020, 5)}, "2019-03-15 – 2020-05-01"},
		{"years with en dash", "Initech, 2018–2020", dateRange{From: ym(2018, 0), To: ym(2020, 0)}, "2018–2020"},
		{"years with hyphen", "2016-2018", dateRange{From: ym(2016, 0), To: ym(2016+2, 0)}, "2016-2018"},
		{"since", "Staff Engineer since 2021", dateRange{From: ym(2021, 0), Present: true}, "since 2021"},
		{"Since with month", "Since March 2021", dateRange{From: ym(2021, 3), Present: true}, "Since March 2021"},
		{"season", "Summer 2019 - Fall 2019", dateRange{From: ym(2019, 6), To: ym(2019, 9)}, "Summer 2019 - Fall 2019"},
		{"mixed year and month", "2018 – Mar 2020", dateRange{From: ym(2018, 0), To: ym(2020, 3)}, "2018 – Mar 2020"},
		{"em dash without spaces", "Jan 2020—Present", dateRange{From: ym(2020, 1), Present: true}, "Jan 2020—Present"},
		{"second range after a bad one", "2020 - 2018, then 2019 - 2021", dateRange{From: ym(2019, 0), To: ym(2021, 0)}, "2019 - 2021"},

		{"single date", "Graduated May 2020", dateRange{}, ""},
		{"inverted", "2021 - 2019", dateRange{}, ""},
		{"numbers not years", "cut p99 from 1500 to 900 ms; 20190-20210", dateRange{}, ""},
		{"version numbers", "Python 3.10 - 3.12", dateRange{}, ""},
		{"bad month", "13/2019 - 05/2020", dateRange{}, ""},
		{"year glued to letters", "2019a - 2020b", dateRange{}, ""},
		{"month glued to year", "Jan2020 - Mar2021", dateRange{}, ""},
		{"word that is not a month", "Mayhem 2019 - 2020", dateRange{From: ym(2019, 0), To: ym(2020, 0)}, "2019 - 2020"},
		{"empty", "", dateRange{}, ""},
		{"separator at the end", "2019 -", dateRange{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, start, end, ok := findDateRange(tt.line)
			if tt.match == "" {
				assert.False(t, ok, "found %+v at %q", r, tt.line[start:end])
				return
			}
			if assert.True(t, ok) {
				assert.Equal(t, tt.want, r)
				assert.Equal(t, tt.match, tt.line[start:end])
			}
		})
	}
}

func TestMergedMonths(t *testing.T) {
	t.Parallel()
	now := yearMonth{2026, 12}
	ym := func(y, m int) yearMonth { return yearMonth{y, m} }
	tests := []struct {
		name   string
		ranges []dateRange
		want   int
	}{
		{"months are inclusive", []dateRange{{From: ym(2020, 1), To: ym(2020, 3)}}, 3},
		{"years alone count from mid-year", []dateRange{{From: ym(2018, 0), To: ym(2020, 0)}}, 24},
		{"present is the given month", []dateRange{{From: ym(2026, 1), Present: true}}, 12},
		{"overlaps merged", []dateRange{
			{From: ym(2018, 1), To: ym(2020, 12)},
			{From: ym(2020, 1), To: ym(2021, 12)},
		}, 48},
		{"contained range adds nothing", []dateRange{
			{From: ym(2015, 1), To: ym(2020, 12)},
			{From: ym(2016, 6), To: ym(2017, 6)},
		}, 72},
		{"gaps not counted", []dateRange{
			{From: ym(2010, 1), To: ym(2010, 12)},
			{From: ym(2012, 1), To: ym(2012, 12)},
		}, 24},
		{"unordered input", []dateRange{
			{From: ym(2022, 1), Present: true},
			{From: ym(2019, 1), To: ym(2021, 12)},
		}, 96},
		{"none", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, mergedMonths(tt.ranges, now))
		})
	}
}

func FuzzFindDateRange(f *testing.F) {
	for _, s := range []string{"Jan 2020 – Mar 2021", "2019 - Present", "03/2019 - 05/2020", "Since 2021", "2019-03 to 2020-05", "Sept. 2019 -"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, start, end, ok := findDateRange(s)
		if !ok {
			return
		}
		if start < 0 || end > len(s) || start >= end {
			t.Fatalf("offsets %d..%d outside %q", start, end, s)
		}
		if !r.Present && r.To.before(r.From) {
			t.Fatalf("inverted range %+v from %q", r, s)
		}
		if r.From.Year < minYear || r.From.Year > maxYear {
			t.Fatalf("year %d from %q", r.From.Year, s)
		}
	})
}
