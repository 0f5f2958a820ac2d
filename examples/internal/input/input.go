// Package input reads the example programs' resume and job description files.
package input

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/resumekit/resumekit/ats"
)

// Resume reads and parses a resume file: JSON Resume when the name ends in .json, plain text
// or Markdown otherwise. Errors name the file.
func Resume(path string) (ats.Resume, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return ats.Resume{}, err
	}
	var r ats.Resume
	if strings.EqualFold(filepath.Ext(path), ".json") {
		r, err = ats.ParseJSONResume(data)
	} else {
		r, err = ats.ParseResume(string(data))
	}
	if err != nil {
		return ats.Resume{}, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// Job reads and parses a job description file. Errors name the file.
func Job(path string) (ats.Job, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return ats.Job{}, err
	}
	j, err := ats.ParseJob(string(data))
	if err != nil {
		return ats.Job{}, fmt.Errorf("%s: %w", path, err)
	}
	return j, nil
}

// Read reads and parses a resume file and a job description file; see [Resume] and [Job].
func Read(resumePath, jobPath string) (ats.Resume, ats.Job, error) {
	r, err := Resume(resumePath)
	if err != nil {
		return ats.Resume{}, ats.Job{}, err
	}
	j, err := Job(jobPath)
	if err != nil {
		return ats.Resume{}, ats.Job{}, err
	}
	return r, j, nil
}
