// Command atsmatch compares a resume with a job description the way an applicant tracking
// system would, and explains the result.
//
//	go run ./examples/atsmatch -resume examples/testdata/resume.md -job examples/testdata/job.md
//	go run ./examples/atsmatch -resume resume.json -job job.txt -json
//	go run ./examples/atsmatch -resume resume.md -job job.md -present 2026-06
//
// The resume may be plain text, Markdown, JSON Resume, Reactive Resume, DOCX or PDF, told
// apart by its content; "-" reads either input from stdin. The report lists the job's requirements beyond keywords (title, years of
// experience, degree, certifications) and, for keywords the job offers as alternatives
// ("Go, Python, or similar"), which one counts. -present sets the month that "Present" in a
// resume's dates means (default: this month), for years of experience.
// Exit status: 0 on success, 1 for an unreadable or invalid file, 2 for usage errors.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/examples/internal/cli"
	"github.com/resumekit/resumekit/examples/internal/input"
	"github.com/resumekit/resumekit/examples/internal/textreport"
	"github.com/resumekit/resumekit/skills"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("atsmatch", flag.ContinueOnError)
	resumePath := fs.String("resume", "", "resume `file`: text, Markdown, JSON Resume, Reactive Resume, DOCX or PDF (- reads stdin)")
	jobPath := fs.String("job", "", "job description `file` (- reads stdin)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	present := fs.String("present", "", "`YYYY-MM` that \"Present\" in the resume's dates means (default: this month)")
	if code, ok := cli.Parse(fs, args, stderr, "atsmatch -resume FILE -job FILE [-json] [-present YYYY-MM]"); !ok {
		return code
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "atsmatch: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	case *resumePath == "" || *jobPath == "":
		fmt.Fprintln(stderr, "atsmatch: give both -resume and -job")
		fs.Usage()
		return 2
	case *resumePath == "-" && *jobPath == "-":
		fmt.Fprintln(stderr, "atsmatch: only one of -resume and -job can read stdin")
		return 2
	}
	now := time.Now()
	if *present != "" {
		t, err := time.Parse("2006-01", *present)
		if err != nil {
			fmt.Fprintf(stderr, "atsmatch: -present %q: want YYYY-MM, such as 2026-06\n", *present)
			return 2
		}
		now = t
	}
	resume, job, err := input.Read(*resumePath, *jobPath)
	if err != nil {
		fmt.Fprintf(stderr, "atsmatch: %v\n", err)
		return 1
	}
	c := skills.Backend()
	rep := ats.NewMatcher(c).At(now).Match(resume, job)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintf(stderr, "atsmatch: %v\n", err)
			return 1
		}
		return 0
	}
	textreport.ATS(stdout, rep, c)
	return 0
}
