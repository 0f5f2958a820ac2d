// Package corpustest holds what the corpus tests of ats and ats/pdf share: the golden
// record of a resume read from the corpus in ats/testdata/resumes. Only tests import it.
package corpustest

import "github.com/resumekit/resumekit/ats"

// Section is the golden record of one section: its kind, heading, line, entries and the
// bullets within it.
type Section struct {
	Kind    ats.SectionKind `json:"kind"`
	Heading string          `json:"heading"`
	Line    int             `json:"line"`
	Entries []ats.Entry     `json:"entries,omitempty"`
	Bullets []string        `json:"bullets,omitempty"`
}

// Record is the golden record of a resume: the format it was read from and its sections.
type Record struct {
	Format   ats.Format `json:"format"`
	Sections []Section  `json:"sections"`
}

// RecordOf returns the golden record of r.
func RecordOf(r ats.Resume) Record {
	rec := Record{Format: r.Format}
	for _, s := range r.Sections {
		cs := Section{Kind: s.Kind, Heading: s.Heading, Line: s.Line, Entries: s.Entries}
		for _, l := range r.Bullets(s.Kind) {
			if l.Start >= s.Start && l.Start < s.End {
				cs.Bullets = append(cs.Bullets, l.Text)
			}
		}
		rec.Sections = append(rec.Sections, cs)
	}
	return rec
}
