package ats_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/ats/internal/corpustest"
)

// corpusNotRead are the corpus files in formats resumekit does not read, with the error
// they must get: a FRESH resume shares key names with JSON Resume but not their shapes.
var corpusNotRead = map[string]error{"fresh-starter-resume.json": ats.ErrNotResume}

// TestCorpus reads every resume of the corpus except the PDFs (ats/pdf reads those) and
// compares what it read with the golden file; go test ./ats -run TestCorpus -update
// rewrites the goldens and the generated DOCX files.
func TestCorpus(t *testing.T) {
	t.Parallel()
	if *ats.Update {
		ats.WriteCorpusDOCX(t)
	}
	files, err := os.ReadDir(ats.CorpusDir)
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
			data, err := os.ReadFile(filepath.Join(ats.CorpusDir, name))
			require.NoError(t, err)
			r, err := ats.ReadResume(context.Background(), data, name)
			if want, ok := corpusNotRead[name]; ok {
				require.ErrorIs(t, err, want)
				assert.Contains(t, err.Error(), "FRESH")
				return
			}
			require.NoError(t, err)
			ats.AssertGolden(t, filepath.Join(ats.CorpusDir, name+".golden.json"), corpustest.RecordOf(r))
			assert.True(t, r.HasSection(ats.Experience) || r.HasSection(ats.Projects), "every corpus resume has work to read")
			assert.NotEmpty(t, r.Bullets(), "every corpus resume has bullets")
		})
	}
	sources, err := os.ReadFile(filepath.Join(ats.CorpusDir, "SOURCES"))
	require.NoError(t, err)
	for _, f := range files {
		if n := f.Name(); n != "SOURCES" && !strings.HasSuffix(n, ".golden.json") {
			assert.Contains(t, string(sources), n, "SOURCES names every corpus file")
		}
	}
	assert.GreaterOrEqual(t, read, 20)
}

// FuzzReadResume feeds the entry point arbitrary bytes, seeded with the corpus: it must
// return a resume or an error, never panic, and a resume's offsets index its text.
func FuzzReadResume(f *testing.F) {
	files, _ := os.ReadDir(ats.CorpusDir)
	for _, e := range files {
		if n := e.Name(); !strings.HasSuffix(n, ".golden.json") && !strings.HasSuffix(n, ".pdf") && n != "SOURCES" {
			if data, err := os.ReadFile(filepath.Join(ats.CorpusDir, n)); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ats.ReadResume(context.Background(), data, "")
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
