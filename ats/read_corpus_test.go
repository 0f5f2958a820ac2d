package ats

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// corpusDir holds the resume corpus: each file, with SOURCES naming where it came from,
// and NAME.golden.json with the sections, entries and bullets read from it.
const corpusDir = "testdata/resumes"

// CorpusSection is the golden record of one section. It is exported for the PDF
// package's corpus test, which writes the same records.
type corpusSection struct {
	Kind    SectionKind `json:"kind"`
	Heading string      `json:"heading"`
	Line    int         `json:"line"`
	Entries []Entry     `json:"entries,omitempty"`
	Bullets []string    `json:"bullets,omitempty"`
}

type corpusRecord struct {
	Format   Format          `json:"format"`
	Sections []corpusSection `json:"sections"`
}

func recordOf(r Resume) corpusRecord {
	rec := corpusRecord{Format: r.Format}
	for _, s := range r.Sections {
		bullets := mapped(s.Bullets(), func(l Line) string { return l.Text })
		rec.Sections = append(rec.Sections, corpusSection{Kind: s.Kind, Heading: s.Heading, Line: s.Line, Entries: s.Entries, Bullets: bullets})
	}
	return rec
}

// corpusNotRead are the corpus files in formats resumekit does not read, with the error
// they must get: a FRESH resume shares key names with JSON Resume but not their shapes.
var corpusNotRead = map[string]error{"fresh-starter-resume.json": ErrNotResume}

// TestCorpus reads every resume of the corpus except the PDFs (ats/pdf reads those) and
// compares what it read with the golden file; go test ./ats -run TestCorpus -update
// rewrites the goldens and the generated DOCX files.
func TestCorpus(t *testing.T) {
	t.Parallel()
	if *update {
		writeCorpusDOCX(t)
	}
	files, err := os.ReadDir(corpusDir)
	require.NoError(t, err)
	read := 0
	for _, f := range files {
		name := f.Name()
		if name == "SOURCES" || strings.HasSuffix(name, ".golden.json") || strings.HasSuffix(name, ".pdf") {
			continue
		}
		read++
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(filepath.Join(corpusDir, name))
			require.NoError(t, err)
			r, err := ReadResume(context.Background(), data, name)
			if want, ok := corpusNotRead[name]; ok {
				require.ErrorIs(t, err, want)
				assert.Contains(t, err.Error(), "FRESH")
				return
			}
			require.NoError(t, err)
			assertGolden(t, filepath.Join(corpusDir, name+".golden.json"), recordOf(r))
			assert.True(t, r.HasSection(Experience) || r.HasSection(Projects), "every corpus resume has work to read")
			assert.NotEmpty(t, r.Bullets(), "every corpus resume has bullets")
		})
	}
	sources, err := os.ReadFile(filepath.Join(corpusDir, "SOURCES"))
	require.NoError(t, err)
	for _, f := range files {
		if n := f.Name(); n != "SOURCES" && !strings.HasSuffix(n, ".golden.json") {
			assert.Contains(t, string(sources), n, "SOURCES names every corpus file")
		}
	}
	assert.GreaterOrEqual(t, read, 20)
}

// writeCorpusDOCX writes the corpus's DOCX files: one as Word saves it (styles.xml with
// localised style ids, list paragraphs), one as Google Docs exports a two-column template
// (a layout table), one without styles.xml (style ids only).
func writeCorpusDOCX(t *testing.T) {
	word := paras(
		docxPara{style: "Title", runs: []string{"Daniel Schmidt"}},
		docxPara{runs: []string{"Site Reliability Engineer · Munich · daniel@example.com"}},
		docxPara{style: "berschrift1", runs: []string{"Professional Experience"}},
		docxPara{style: "Heading2", runs: []string{"Site Reliability Engineer, ", "BMW Group"}},
		docxPara{runs: []string{"Munich", "\t", "05/2019 – Present"}},
		docxPara{list: true, runs: []string{"Built the Prometheus and Thanos monitoring stack for 1,200 Kubernetes nodes"}},
		docxPara{list: true, runs: []string{"Cut alert noise by 60% by moving alerts to ", "SLO burn rates"}},
		docxPara{style: "Heading2", runs: []string{"Linux Administrator, Siemens AG"}},
		docxPara{runs: []string{"2015 – 2019"}},
		docxPara{style: "ListBullet", runs: []string{"Automated server builds with Ansible for 3 data centres"}},
		docxPara{},
		docxPara{style: "berschrift1", runs: []string{"Skills"}},
		docxPara{runs: []string{"Kubernetes, Prometheus, Thanos, Terraform, Ansible, Go, Python"}},
		docxPara{style: "berschrift1", runs: []string{"Education"}},
		docxPara{runs: []string{"B.Sc. Informatik, TU München, 2015"}},
	)
	writeFile(t, "word-export.docx", docxOf(t, word))

	left := paras(
		docxPara{style: "Heading2", runs: []string{"EXPERIENCE"}},
		docxPara{style: "Heading2", runs: []string{"Backend Engineer — Monzo"}},
		docxPara{runs: []string{"2021 – Present"}},
		docxPara{list: true, runs: []string{"Built the card authorisation service in Go with Cassandra"}},
		docxPara{list: true, runs: []string{"Ran chaos tests on the payments path every week"}},
		docxPara{style: "Heading2", runs: []string{"Software Engineer — Sky"}},
		docxPara{runs: []string{"2018 – 2021"}},
		docxPara{list: true, runs: []string{"Wrote the video entitlement API in Node.js"}},
	)
	right := paras(
		docxPara{style: "Heading2", runs: []string{"SKILLS"}},
		docxPara{runs: []string{"Go, Cassandra, Kafka, Node.js, GCP"}},
		docxPara{style: "Heading2", runs: []string{"EDUCATION"}},
		docxPara{runs: []string{"MEng Computing, Imperial College London"}},
	)
	gdocs := paras(docxPara{style: "Title", runs: []string{"Hannah Lee"}}, docxPara{runs: []string{"London · hannah@example.com"}}) +
		`<w:tbl><w:tr><w:tc>` + left + `</w:tc><w:tc>` + right + `</w:tc></w:tr></w:tbl>`
	writeFile(t, "google-docs-two-column.docx", docxOf(t, gdocs))

	lo := paras(
		docxPara{style: "Heading1", runs: []string{"Pedro Alves"}},
		docxPara{style: "Heading2", runs: []string{"Experience"}},
		docxPara{runs: []string{"DevOps Engineer, Nubank — São Paulo — 2020 – Present"}},
		docxPara{style: "ListBullet", runs: []string{"Moved 200 services from Mesos to Kubernetes on AWS"}},
		docxPara{style: "ListBullet", runs: []string{"Built the Clojure service template with tracing and metrics built in"}},
		docxPara{style: "Heading2", runs: []string{"Skills"}},
		docxPara{runs: []string{"Kubernetes, AWS, Terraform, Clojure, Datomic"}},
	)
	data := zipOf(t, map[string]string{
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + lo + `</w:body></w:document>`,
	})
	writeFile(t, "libreoffice-no-styles.docx", data)
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(corpusDir, name), data, 0o644))
}

// FuzzReadResume feeds the entry point arbitrary bytes, seeded with the corpus: it must
// return a resume or an error, never panic, and a resume's offsets index its text.
func FuzzReadResume(f *testing.F) {
	files, _ := os.ReadDir(corpusDir)
	for _, e := range files {
		if n := e.Name(); !strings.HasSuffix(n, ".golden.json") && !strings.HasSuffix(n, ".pdf") && n != "SOURCES" {
			if data, err := os.ReadFile(filepath.Join(corpusDir, n)); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadResume(context.Background(), data, "")
		if err != nil {
			return
		}
		for _, s := range r.Sections {
			if s.Start < 0 || s.End > len(r.Text) || s.Start > s.End {
				t.Fatalf("section %q spans %d..%d of %d bytes", s.Heading, s.Start, s.End, len(r.Text))
			}
			for _, l := range s.Lines {
				if l.Start < 0 || l.End > len(r.Text) || l.Start > l.End {
					t.Fatalf("line %q spans %d..%d of %d bytes", l.Text, l.Start, l.End, len(r.Text))
				}
			}
		}
	})
}
