// Command review is resumekit's main job: one command from a resume and a job description to
// a better resume. It prints, in order: the ATS match (score, keywords found and missing,
// findings), the resume's coverage of the catalog's skills with how to close each gap, the
// weak experience and project bullets with a rewrite of each, and the three changes that
// would raise the score most.
//
//	go run ./examples/review                                    # bundled sample, offline
//	go run ./examples/review -resume my.md -job job.txt         # your own (.json: JSON Resume)
//	go run ./examples/review -json                              # one JSON document
//
// With OPENAI_API_KEY set, bullets are rewritten by a model (OPENAI_BASE_URL and OPENAI_MODEL
// choose the server and model); without it, by resumekit's offline rules. Exit status: 0 on
// success, 1 for unreadable input, 2 for usage errors.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/examples/internal/input"
	"github.com/resumekit/resumekit/examples/internal/textreport"
	"github.com/resumekit/resumekit/llm"
	"github.com/resumekit/resumekit/skills"
)

// The bundled sample, relative to the repository root.
const (
	sampleResume = "examples/testdata/resume.md"
	sampleJob    = "examples/testdata/job.md"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// Review is the JSON document -json prints.
type Review struct {
	ATS      ats.Report          `json:"ats"`
	Coverage []ats.SkillCoverage `json:"coverage"`
	Bullets  []BulletReview      `json:"bullets"`
	Summary  Summary             `json:"summary"`
}

// BulletReview is one weak bullet: where it is, what is weak, and its rewrite (nil with
// -no-rewrite).
type BulletReview struct {
	// Line is the bullet's 1-based line in the resume; for JSON Resume input, in the text
	// rendered from it (see ats.ParseJSONResume).
	Line     int              `json:"line"`
	Section  ats.SectionKind  `json:"section"`
	Analysis bullets.Analysis `json:"analysis"`
	Rewrite  *bullets.Result  `json:"rewrite"`
}

// Summary is the short list of what to do first.
type Summary struct {
	Score       int               `json:"score"`
	TopChanges  []ats.Improvement `json:"top_changes"`
	WeakBullets int               `json:"weak_bullets"`
	Bullets     int               `json:"bullets"`
	Rewriter    string            `json:"rewriter"` // "rules", or "llm:MODEL"
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("review", flag.ContinueOnError)
	fs.SetOutput(stderr)
	resumePath := fs.String("resume", "", "resume `file` (.json for JSON Resume); default: the bundled sample")
	jobPath := fs.String("job", "", "job description `file`; default: the bundled sample")
	asJSON := fs.Bool("json", false, "print one JSON document with ats, coverage, bullets and summary")
	noRewrite := fs.Bool("no-rewrite", false, "list weak bullets without rewriting them")
	timeout := fs.Duration("timeout", 60*time.Second, "overall deadline for rewriting; bullets not done by then use the offline rules")
	concurrency := fs.Int("concurrency", 4, "bullets rewritten at once")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: review [-resume FILE -job FILE] [-json] [-no-rewrite] [-timeout D] [-concurrency N]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "review: unexpected argument %q\n", fs.Arg(0))
		return 2
	case (*resumePath == "") != (*jobPath == ""):
		fmt.Fprintln(stderr, "review: give both -resume and -job, or neither for the bundled sample")
		return 2
	case *concurrency < 1:
		fmt.Fprintln(stderr, "review: -concurrency must be at least 1")
		return 2
	case *timeout <= 0:
		fmt.Fprintln(stderr, "review: -timeout must be positive")
		return 2
	}
	if *resumePath == "" {
		*resumePath, *jobPath = sampleResume, sampleJob
		if _, err := os.Stat(sampleResume); err != nil {
			fmt.Fprintf(stderr, "review: the bundled sample is read from %s: run from the repository root, or pass -resume and -job\n", sampleResume)
			return 1
		}
	}

	resume, job, err := input.Read(*resumePath, *jobPath)
	if err != nil {
		fmt.Fprintf(stderr, "review: %v\n", err)
		return 1
	}

	catalog := skills.Backend()
	m := ats.NewMatcher(catalog)
	rep := m.Match(resume, job)
	rv := Review{ATS: rep, Coverage: m.Coverage(resume), Bullets: []BulletReview{}}

	rewriter, name := newRewriter(getenv, *concurrency)
	if name == "rules" && !*noRewrite && !*asJSON {
		fmt.Fprintln(stderr, "review: OPENAI_API_KEY is not set: rewriting with offline rules")
	}
	all := resume.Bullets()
	var reqs []bullets.Request
	keywords := jobKeywords(rep)
	for _, l := range all {
		a := bullets.Analyze(l.Text)
		if !a.Weak {
			continue
		}
		rv.Bullets = append(rv.Bullets, BulletReview{Line: l.Number, Section: sectionOf(resume, l), Analysis: a})
		reqs = append(reqs, bullets.Request{Bullet: l.Text, JobKeywords: keywords})
	}
	if !*noRewrite && len(reqs) > 0 {
		rctx, cancel := context.WithTimeout(ctx, *timeout)
		results, err := rewriter.RewriteAll(rctx, reqs)
		cancel()
		if err != nil {
			fmt.Fprintf(stderr, "review: rewrite: %v\n", err)
			return 1
		}
		for i := range results {
			rv.Bullets[i].Rewrite = &results[i]
		}
	}
	rv.Summary = Summary{Score: rep.Score, TopChanges: top(rep.Improvements(), 3), WeakBullets: len(rv.Bullets), Bullets: len(all), Rewriter: name}

	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rv); err != nil {
			fmt.Fprintf(stderr, "review: %v\n", err)
			return 1
		}
		return 0
	}
	textreport.ATS(stdout, rep, catalog)
	printCoverage(stdout, rv.Coverage)
	printBullets(stdout, rv.Bullets, len(all), *noRewrite, !strings.EqualFold(filepath.Ext(*resumePath), ".json"))
	printSummary(stdout, rv.Summary)
	return 0
}

// newRewriter returns an LLM-backed rewriter when OPENAI_API_KEY is set, else the offline
// rules, and a name for the summary.
func newRewriter(getenv func(string) string, concurrency int) (*bullets.Rewriter, string) {
	key := getenv("OPENAI_API_KEY")
	if key == "" {
		return bullets.New(nil, bullets.WithConcurrency(concurrency)), "rules"
	}
	var opts []llm.Option
	if u := getenv("OPENAI_BASE_URL"); u != "" {
		opts = append(opts, llm.WithBaseURL(u))
	}
	if model := getenv("OPENAI_MODEL"); model != "" {
		opts = append(opts, llm.WithModel(model))
	}
	client := llm.New(key, opts...)
	return bullets.New(client, bullets.WithConcurrency(concurrency)), "llm:" + client.Model()
}

func jobKeywords(rep ats.Report) []string {
	out := make([]string, len(rep.JobKeywords))
	for i, k := range rep.JobKeywords {
		out[i] = k.Keyword
	}
	return out
}

func sectionOf(r ats.Resume, l ats.Line) ats.SectionKind {
	for _, s := range r.Sections {
		if s.Start <= l.Start && l.Start < s.End {
			return s.Kind
		}
	}
	return ats.Other
}

func top(list []ats.Improvement, n int) []ats.Improvement {
	if len(list) > n {
		list = list[:n]
	}
	if list == nil {
		list = []ats.Improvement{}
	}
	return list
}
