// Package input reads the example programs' inputs: a resume in any format ats reads (PDF
// through ats/pdf), a job description, "-" for standard input. It never reads more than
// the size limit plus one byte from any input, so /dev/zero or a 2 GB file fails at once
// with a clear error instead of filling memory.
package input

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/ats/pdf"
)

// The examples' PDF reader starts PDFium on the first PDF only and lives as long as the
// program. Plain variables, not an initialised one, so that a program that never calls
// Parser (rewrite) does not link PDFium.
var (
	pdfOnce   sync.Once
	pdfReader *pdf.Reader
)

// Parser is the ats.Parser the examples read resumes with: the default limits, and PDF
// text through ats/pdf.
func Parser() ats.Parser {
	return ats.Parser{PDF: func(ctx context.Context, data []byte) (string, error) {
		pdfOnce.Do(func() { pdfReader = pdf.New() })
		return pdfReader.Text(ctx, data)
	}}
}

// ReadFile reads path, or stdin for "-", reading at most limit+1 bytes: more than limit
// is an error wrapping ats.ErrTooLarge. Errors name the input.
func ReadFile(path string, stdin io.Reader, limit int) ([]byte, error) {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err // *fs.PathError names the path and says what went wrong
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("%s is a directory; give a file", path)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Name(path), err)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s: %w: more than %s", Name(path), ats.ErrTooLarge, Size(limit))
	}
	return data, nil
}

// Size says a size in bytes the way a person reads it: "16 MiB", "256 KiB", "900 bytes".
func Size(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Name is how errors name an input: its path, or "stdin" for "-".
func Name(path string) string {
	if path == "-" {
		return "stdin"
	}
	return path
}

// Resume reads and parses a resume file in any format ats.Parser.ReadResume reads
// (text, Markdown, JSON Resume, Reactive Resume, DOCX, PDF); "-" reads stdin. Errors
// name the file.
func Resume(ctx context.Context, path string, stdin io.Reader) (ats.Resume, error) {
	data, err := ReadFile(path, stdin, ats.DefaultMaxFileBytes)
	if err != nil {
		return ats.Resume{}, err
	}
	name := path
	if path == "-" {
		name = ""
	}
	r, err := Parser().ReadResume(ctx, data, name)
	if err != nil {
		return ats.Resume{}, fmt.Errorf("%s: %w", Name(path), err)
	}
	return r, nil
}

// Job reads and parses a job description file, with the same encoding, size and binary
// rules as resumes; "-" reads stdin. Errors name the file.
func Job(path string, stdin io.Reader) (ats.Job, error) {
	data, err := ReadFile(path, stdin, ats.DefaultMaxBytes)
	if err != nil {
		return ats.Job{}, err
	}
	text, err := ats.Parser{}.ReadText(data)
	if err == nil {
		var j ats.Job
		if j, err = ats.ParseJob(text); err == nil {
			return j, nil
		}
	}
	return ats.Job{}, fmt.Errorf("%s: %w", Name(path), err)
}

// Read reads and parses a resume file and a job description file; see [Resume] and [Job].
// At most one of them can be "-", standard input.
func Read(resumePath, jobPath string) (ats.Resume, ats.Job, error) {
	if resumePath == "-" && jobPath == "-" {
		return ats.Resume{}, ats.Job{}, errors.New("only one input can be read from stdin (-)")
	}
	r, err := Resume(context.Background(), resumePath, os.Stdin)
	if err != nil {
		return ats.Resume{}, ats.Job{}, err
	}
	j, err := Job(jobPath, os.Stdin)
	if err != nil {
		return ats.Resume{}, ats.Job{}, err
	}
	return r, j, nil
}
