package ats

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

// twoPageDOCX is a two-page resume as Word saves it: a title, six jobs of six list
// paragraphs, skills and education.
func twoPageDOCX(tb testing.TB) []byte {
	tb.Helper()
	ps := []docxPara{{style: "Title", runs: []string{"Ada Lovelace"}}, {runs: []string{"Backend Engineer, Berlin"}},
		{style: "berschrift1", runs: []string{"Experience"}}}
	for j := range 6 {
		ps = append(ps, docxPara{style: "Heading2", runs: []string{fmt.Sprintf("Senior Engineer, Company %d", j)}},
			docxPara{runs: []string{fmt.Sprintf("Jan 20%02d – Dec 20%02d", 10+j, 11+j)}})
		for k := range 6 {
			ps = append(ps, docxPara{list: true, runs: []string{fmt.Sprintf("Built service %d in ", k), "Go", fmt.Sprintf(" with Kafka and PostgreSQL, cutting p99 latency by %d%% for 40 teams", 10+k)}})
		}
	}
	ps = append(ps, docxPara{style: "berschrift1", runs: []string{"Skills"}}, docxPara{runs: []string{"Go, Kafka, PostgreSQL, Redis, Kubernetes"}},
		docxPara{style: "berschrift1", runs: []string{"Education"}}, docxPara{runs: []string{"MSc Computer Science, TU Berlin"}})
	return docxOf(tb, paras(ps...))
}

// BenchmarkReadDOCX reads a two-page DOCX resume: unzip, walk the XML, parse sections.
func BenchmarkReadDOCX(b *testing.B) {
	benchRead(b, twoPageDOCX(b), readResume)
}

// BenchmarkReadJSONResume reads the sample JSON Resume through the entry point.
func BenchmarkReadJSONResume(b *testing.B) {
	benchRead(b, readFile(b, "testdata/resumes/jsonresume-full.json"), readResume)
}

// BenchmarkParseResumeMarkdown parses the two-page sample Markdown resume.
func BenchmarkParseResumeMarkdown(b *testing.B) {
	benchRead(b, readFile(b, "../examples/testdata/resume.md"), func(data []byte) error {
		_, err := ParseResume(string(data))
		return err
	})
}

// readResume is ReadResume on data with no file name.
func readResume(data []byte) error {
	_, err := ReadResume(context.Background(), data, "")
	return err
}

// readFile returns the test file's contents.
func readFile(b *testing.B, name string) []byte {
	b.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// benchRead measures read over data, in bytes per second.
func benchRead(b *testing.B, data []byte, read func([]byte) error) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := read(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseResumeLongItem is one list item wrapped over 20,000 lines (780 KB): joining
// continuation lines stays linear.
func BenchmarkParseResumeLongItem(b *testing.B) {
	text := "EXPERIENCE\n- " + strings.Repeat("built the thing with more things and\n  ", 20000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseResume(text); err != nil {
			b.Fatal(err)
		}
	}
}
