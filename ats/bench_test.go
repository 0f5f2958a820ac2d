package ats

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/resumekit/resumekit/skills"
)

func sampleInputs(b *testing.B) (resume, job string) {
	b.Helper()
	r, err := os.ReadFile("../examples/testdata/resume.md")
	if err != nil {
		b.Fatal(err)
	}
	j, err := os.ReadFile("../examples/testdata/job.md")
	if err != nil {
		b.Fatal(err)
	}
	return string(r), string(j)
}

// BenchmarkMatch is the matching step for a two-page resume and a one-page job, both parsed.
func BenchmarkMatch(b *testing.B) {
	resume, job := sampleInputs(b)
	r, _ := ParseResume(resume)
	j, _ := ParseJob(job)
	m := NewMatcher(skills.Backend())
	b.SetBytes(int64(len(resume) + len(job)))
	b.ReportAllocs()
	for b.Loop() {
		m.Match(r, j)
	}
}

// BenchmarkMatchText is the whole pipeline from text: parse both, match, report.
func BenchmarkMatchText(b *testing.B) {
	resume, job := sampleInputs(b)
	b.SetBytes(int64(len(resume) + len(job)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Match(resume, job); err != nil {
			b.Fatal(err)
		}
	}
}

// bigResume repeats the sample resume to at least 1 MB.
func bigResume(b *testing.B) string {
	resume, _ := sampleInputs(b)
	return strings.Repeat(resume+"\n", (1<<20)/len(resume)+1)
}

// BenchmarkExtract is keyword extraction with the backend catalog over more than 1 MB.
func BenchmarkExtract(b *testing.B) {
	benchScan(b, skills.Backend().AppendMentions)
}

// benchScan runs scan over bigResume, reusing one mention buffer as callers do.
func benchScan(b *testing.B, scan func([]skills.Mention, string) []skills.Mention) {
	text := bigResume(b)
	buf := make([]skills.Mention, 0, 1<<16)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		buf = scan(buf[:0], text)
	}
}

// BenchmarkExtractRegexpBaseline is the naive approach on the same input: one
// case-insensitive regexp per form, with \b word boundaries.
func BenchmarkExtractRegexpBaseline(b *testing.B) {
	text := bigResume(b)
	var res []*regexp.Regexp
	for _, k := range skills.Backend().Keywords() {
		for _, form := range append([]string{k.Term}, k.Aliases...) {
			res = append(res, regexp.MustCompile(`(?i)\b`+regexp.QuoteMeta(form)+`\b`))
		}
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, re := range res {
			n += len(re.FindAllStringIndex(text, -1))
		}
		_ = n
	}
}

// largeCatalog is a valid catalog of n synthetic keywords plus the backend catalog's
// keywords (term and aliases), in one group: the text's keywords are found in it, so
// the benchmark measures matching, not only scanning past non-matches.
func largeCatalog(b *testing.B, n int) *skills.Catalog {
	var kws []string
	for i := range n {
		kws = append(kws, fmt.Sprintf(`{"term": "tech%05d", "aliases": ["tech %05d x"], "kind": "tool"}`, i, i))
	}
	for _, k := range skills.Backend().Keywords() {
		kw, err := json.Marshal(map[string]any{"term": k.Term, "aliases": k.Aliases, "kind": k.Kind})
		if err != nil {
			b.Fatal(err)
		}
		kws = append(kws, string(kw))
	}
	doc := `{"role": "r", "skills": [], "certifications": [], "generic_terms": [], "bullet_examples": [],
 "portfolio_signals": [], "resources": [], "keyword_groups": [{"id": "g", "name": "g", "placement": "p", "why": "w",
 "keywords": [` + strings.Join(kws, ",") + `]}]}`
	c, err := skills.Load(strings.NewReader(doc))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkExtractLargeCatalog is the same 1 MB text against 10,000 synthetic keywords
// (20,000 forms) plus the backend catalog's keywords, without a technology vocabulary:
// compare with BenchmarkExtract, whose automaton also holds the 1,194-term vocabulary,
// for what the automaton's size costs (more states, more cache misses per byte).
func BenchmarkExtractLargeCatalog(b *testing.B) {
	c := largeCatalog(b, 10000)
	if len(c.AppendMentions(nil, bigResume(b))) == 0 {
		b.Fatal("the large catalog matches nothing in the text")
	}
	benchScan(b, c.AppendMentions)
}

// BenchmarkMatchParallel is a job board's load: one parsed job matched against many
// resumes (the resume corpus's text and Markdown files, parsed each time) on every
// core; it reports resumes per second.
func BenchmarkMatchParallel(b *testing.B) {
	_, jobText := sampleInputs(b)
	job, err := ParseJob(jobText)
	if err != nil {
		b.Fatal(err)
	}
	var resumes []string
	for _, pattern := range []string{"testdata/resumes/*.md", "testdata/resumes/*.txt"} {
		names, _ := filepath.Glob(pattern)
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := ParseResume(string(data)); err == nil { // the rest are error cases
				resumes = append(resumes, string(data))
			}
		}
	}
	if len(resumes) < 10 {
		b.Fatalf("only %d resumes", len(resumes))
	}
	m := NewMatcher(skills.Backend())
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r, _ := ParseResume(resumes[int(next.Add(1))%len(resumes)]) // each parsed once above
			m.Match(r, job)
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "resumes/s")
}

// BenchmarkBuildBackend is loading the backend catalog and compiling its matcher.
func BenchmarkBuildBackend(b *testing.B) {
	var buf strings.Builder
	if err := skills.Backend().WriteJSON(&buf); err != nil {
		b.Fatal(err)
	}
	data := buf.String()
	b.ReportAllocs()
	for b.Loop() {
		c, err := skills.Load(strings.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		NewMatcher(c)
	}
}

// BenchmarkExtractAll is extraction of catalog keywords and the technology vocabulary (over
// a thousand more terms, in the same automaton), with overlaps, over more than 1 MB.
func BenchmarkExtractAll(b *testing.B) {
	benchScan(b, skills.Backend().AppendAllMentions)
}

// BenchmarkParseJob is reading a one-page job: levels, alternatives' cues and requirements.
func BenchmarkParseJob(b *testing.B) {
	_, job := sampleInputs(b)
	b.SetBytes(int64(len(job)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseJob(job); err != nil {
			b.Fatal(err)
		}
	}
}
