package input

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/ats"
)

func TestReadFileLimit(t *testing.T) {
	t.Parallel()
	data, err := ReadFile("-", strings.NewReader("EXPERIENCE\n- Built it\n"), 100)
	require.NoError(t, err)
	assert.Equal(t, "EXPERIENCE\n- Built it\n", string(data))

	// An endless input stops at limit+1 bytes.
	_, err = ReadFile("/dev/zero", nil, 1<<20)
	require.ErrorIs(t, err, ats.ErrTooLarge)
	assert.Equal(t, "/dev/zero: text too large: more than 1 MiB", err.Error())

	_, err = ReadFile("-", strings.NewReader(strings.Repeat("a", 11)), 10)
	require.ErrorIs(t, err, ats.ErrTooLarge)
	assert.Contains(t, err.Error(), "stdin: ")

	_, err = ReadFile(filepath.Join(t.TempDir(), "missing.txt"), nil, 10)
	require.ErrorIs(t, err, os.ErrNotExist)

	// A directory opens but cannot be read: say so once, not "dir: read dir: is a directory".
	dir := t.TempDir()
	_, err = ReadFile(dir, nil, 10)
	require.EqualError(t, err, dir+" is a directory; give a file")
}

func TestSize(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{16 << 20: "16 MiB", 256 << 10: "256 KiB", 1500: "1500 bytes", 0: "0 bytes", 3<<20 + 1: "3145729 bytes"} {
		assert.Equal(t, want, Size(n), "%d", n)
	}
}

func TestResumeAndJob(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	resume := filepath.Join(dir, "cv.md")
	job := filepath.Join(dir, "job.txt")
	require.NoError(t, os.WriteFile(resume, []byte("## Experience\n- Built Go services\n"), 0o600))
	// A job description saved as UTF-16 by Notepad.
	require.NoError(t, os.WriteFile(job, []byte{0xFF, 0xFE, 'G', 0, 'o', 0, '\n', 0}, 0o600))
	r, j, err := Read(resume, job)
	require.NoError(t, err)
	assert.Equal(t, ats.FormatMarkdown, r.Format)
	assert.Equal(t, "Go\n", j.Text)

	_, _, err = Read("-", "-")
	require.ErrorContains(t, err, "only one input can be read from stdin")

	bin := filepath.Join(dir, "job.bin")
	require.NoError(t, os.WriteFile(bin, []byte("Go\x00\x01"), 0o600))
	_, err = Job(bin, nil)
	require.ErrorIs(t, err, ats.ErrBinary)
	assert.Contains(t, err.Error(), bin+": ")

	_, err = Resume(context.Background(), bin, nil)
	require.ErrorIs(t, err, ats.ErrBinary)

	// "-" reads stdin: a JSON Resume piped in is told by its content.
	r, err = Resume(context.Background(), "-", strings.NewReader(`{"work":[{"name":"Acme","highlights":["Built Go services"]}]}`))
	require.NoError(t, err)
	assert.Equal(t, ats.FormatJSONResume, r.Format)
	j, err = Job("-", strings.NewReader("Requirements: Go"))
	require.NoError(t, err)
	assert.Equal(t, "Requirements: Go", j.Text)
}

func TestResumePDF(t *testing.T) {
	t.Parallel()
	r, err := Resume(context.Background(), "../../../ats/testdata/resumes/two-column.pdf", nil)
	require.NoError(t, err)
	assert.Equal(t, ats.FormatPDF, r.Format)
	assert.True(t, r.HasSection(ats.Experience))
	assert.NotEmpty(t, r.Bullets())
}
