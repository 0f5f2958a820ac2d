package pdf

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// twoPagePDF is a two-page resume: a header, four jobs of five bullets, skills, education.
func twoPagePDF(tb testing.TB) []byte {
	tb.Helper()
	p := newPDF()
	p.AddPage()
	var b strings.Builder
	b.WriteString("Ada Lovelace\nBackend Engineer, Berlin\n\nEXPERIENCE\n")
	for j := range 6 {
		fmt.Fprintf(&b, "\nSenior Engineer, Company %d\nJan 20%02d - Dec 20%02d\n", j, 10+j, 11+j)
		for k := range 6 {
			fmt.Fprintf(&b, "- Built service %d in Go with Kafka and PostgreSQL, cutting p99 latency by %d%% for 40 teams\n", k, 10+k)
		}
	}
	b.WriteString("\nSKILLS\nGo, Kafka, PostgreSQL, Redis, Kubernetes, Terraform, AWS\n\nEDUCATION\nMSc Computer Science, TU Berlin\n")
	p.MultiCell(0, 14, b.String(), "", "L", false)
	if p.PageCount() != 2 {
		tb.Fatalf("fixture has %d pages, want 2", p.PageCount())
	}
	return bytesOf(tb, p)
}

// BenchmarkText reads a two-page resume with a started Reader.
func BenchmarkText(b *testing.B) {
	data := twoPagePDF(b)
	r := shared()
	if _, err := r.Text(context.Background(), data); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Text(context.Background(), data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstText is what one command pays: start PDFium, read a two-page resume.
func BenchmarkFirstText(b *testing.B) {
	data := twoPagePDF(b)
	b.ReportAllocs()
	for b.Loop() {
		r := New()
		if _, err := r.Text(context.Background(), data); err != nil {
			b.Fatal(err)
		}
		if err := r.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
