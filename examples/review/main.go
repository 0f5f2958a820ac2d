// Command review is resumekit's main job: one command from a resume and a job description to
// a better resume. It prints, in order: the ATS match (score, keywords found and missing,
// findings), the resume's coverage of the catalog's skills with how to close each gap, the
// weak experience and project bullets with a rewrite of each, and the three changes that
// would raise the score most.
//
//	go run ./examples/review                                    # bundled sample, offline
//	go run ./examples/review -resume my.pdf -job job.txt        # your own (any format ats reads)
//	go run ./examples/review -html report.html                  # a page to read in a browser
//	go run ./examples/review -out better.md                     # the resume with the rewrites
//	go run ./examples/review -json                              # one JSON document
//	go run ./examples/review -answers answers.json              # your answers to the questions
//
// -resume - or -job - reads that input from stdin. With OPENAI_API_KEY set, bullets are
// rewritten by a model (OPENAI_BASE_URL and OPENAI_MODEL choose the server and model), with
// a progress line on stderr when stderr is a terminal; without it, by resumekit's offline
// rules. The summary says which wrote each rewrite and why the model did not. Text wraps to
// the terminal's width, or 80 columns. Exit status: 0 on success, 1 for unreadable input or
// an output file that cannot be written, 2 for usage errors.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/examples/internal/cli"
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
	e := env{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		width:  textreport.Width,
		now:    time.Now,
	}
	if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 {
		e.width = w
	}
	e.terminal = term.IsTerminal(int(os.Stderr.Fd()))
	code := run(ctx, os.Args[1:], e)
	stop()
	os.Exit(code)
}

// env is what run takes from the process: the standard streams, the environment, the
// terminal and the clock. Tests fill it in.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// width is the text report's line width: the terminal's, or textreport.Width.
	width int
	// terminal reports whether stderr is a terminal, where progress may be drawn.
	terminal bool
	now      func() time.Time
}

// Review is the JSON document -json prints.
type Review struct {
	ATS      ats.Report          `json:"ats"`
	Coverage []ats.SkillCoverage `json:"coverage"`
	Bullets  []BulletReview      `json:"bullets"`
	Summary  Summary             `json:"summary"`
	// AnswersTemplate is a ready-to-fill -answers file: every weak bullet with its
	// questions and empty answers (answers already given are kept).
	AnswersTemplate Answers `json:"answers_template"`
}

// BulletReview is one weak bullet: where it is, what is weak, and its rewrite (nil with
// -no-rewrite).
type BulletReview struct {
	// Line is the bullet's 1-based line in the resume; for JSON Resume input, in the text
	// rendered from it (see ats.ParseJSONResume).
	Line     int              `json:"line"`
	Section  ats.SectionKind  `json:"section"`
	Analysis bullets.Analysis `json:"analysis"`
	// Facts are the answers from -answers given to the rewriter for this bullet.
	Facts   []string        `json:"facts"`
	Rewrite *bullets.Result `json:"rewrite"`

	line ats.Line // where the bullet is in the resume's text, for -out and -html
}

// Summary is the short list of what to do first, and where the rewrites came from.
type Summary struct {
	Score       int               `json:"score"`
	TopChanges  []ats.Improvement `json:"top_changes"`
	WeakBullets int               `json:"weak_bullets"`
	Bullets     int               `json:"bullets"`
	// Rewriter is what was configured: "rules", or "llm:MODEL" (with OPENAI_API_KEY set),
	// or "none" with -no-rewrite. Rewrites says what actually wrote each rewrite.
	Rewriter string   `json:"rewriter"`
	Rewrites Rewrites `json:"rewrites"`
}

// Rewrites counts the rewrites by where they came from, and says why the model did not
// write the ones it did not.
type Rewrites struct {
	Model int `json:"llm"`
	Rules int `json:"rules"`
	Cache int `json:"cache"`
	// Reasons say why bullets were rewritten by the rules instead of the model: that no
	// model is configured, or the results' warnings, each with how many bullets it
	// applies to. Empty when the model wrote every rewrite.
	Reasons []Reason `json:"reasons"`
}

// Reason is one reason the model did not write some rewrites.
type Reason struct {
	Reason  string `json:"reason"`
	Bullets int    `json:"bullets"`
}

// noModel is the reason given when no model is configured.
const noModel = "OPENAI_API_KEY is not set"

// config is run's parsed command line.
type config struct {
	resumePath, jobPath         string
	asJSON, noRewrite           bool
	htmlPath, outPath, answPath string
	timeout                     time.Duration
	concurrency                 int
}

func parseFlags(args []string, stderr io.Writer) (config, int) {
	var c config
	fs := flag.NewFlagSet("review", flag.ContinueOnError)
	fs.StringVar(&c.resumePath, "resume", "", "resume `file`: text, Markdown, JSON Resume, Reactive Resume, DOCX or PDF (- reads stdin); default: the bundled sample")
	fs.StringVar(&c.jobPath, "job", "", "job description `file` (- reads stdin); default: the bundled sample")
	fs.BoolVar(&c.asJSON, "json", false, "print one JSON document with ats, coverage, bullets, summary and answers_template")
	fs.StringVar(&c.htmlPath, "html", "", "also write the review as one self-contained HTML `file`")
	fs.StringVar(&c.outPath, "out", "", "write the resume with the rewrites applied to `file`, in the resume's own format")
	fs.StringVar(&c.answPath, "answers", "", "JSON `file` of answers to the questions, keyed by bullet (see answers_template in -json)")
	fs.BoolVar(&c.noRewrite, "no-rewrite", false, "list weak bullets without rewriting them")
	fs.DurationVar(&c.timeout, "timeout", 60*time.Second, "overall deadline for rewriting; bullets not done by then use the offline rules")
	fs.IntVar(&c.concurrency, "concurrency", 4, "bullets rewritten at once")
	usage := "review [-resume FILE -job FILE] [-json] [-html FILE] [-out FILE] [-answers FILE] [-no-rewrite] [-timeout D] [-concurrency N]"
	if code, ok := cli.Parse(fs, args, stderr, usage, cli.ModelEnv("rewrite weak bullets through a model", "the model to ask")...); !ok {
		return c, code
	}
	fail := func(msg string) (config, int) {
		fmt.Fprintln(stderr, "review: "+msg)
		return c, 2
	}
	switch {
	case fs.NArg() > 0:
		return fail(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	case (c.resumePath == "") != (c.jobPath == ""):
		return fail("give both -resume and -job, or neither for the bundled sample")
	case c.resumePath == "-" && c.jobPath == "-":
		return fail("only one of -resume and -job can read stdin")
	case c.concurrency < 1:
		return fail("-concurrency must be at least 1")
	case c.timeout <= 0:
		return fail("-timeout must be positive")
	case c.noRewrite && c.outPath != "":
		return fail("-out writes the rewrites, so it cannot be used with -no-rewrite")
	case c.noRewrite && c.answPath != "":
		return fail("-answers feeds the rewrites, so it cannot be used with -no-rewrite")
	case c.outPath != "" && c.outPath == c.htmlPath:
		return fail("-out and -html name the same file; give each its own")
	}
	for _, out := range []struct{ flag, path string }{{"-out", c.outPath}, {"-html", c.htmlPath}} {
		for _, in := range []struct{ flag, path string }{{"-resume", c.resumePath}, {"-job", c.jobPath}, {"-answers", c.answPath}} {
			if out.path != "" && in.path != "" && in.path != "-" && samePath(out.path, in.path) {
				return fail(fmt.Sprintf("%s would overwrite the file %s reads; choose another file", out.flag, in.flag))
			}
		}
	}
	return c, -1
}

func run(ctx context.Context, args []string, e env) int {
	c, code := parseFlags(args, e.stderr)
	if code >= 0 {
		return code
	}
	if c.resumePath == "" {
		c.resumePath, c.jobPath = sampleResume, sampleJob
		if _, err := os.Stat(sampleResume); err != nil {
			fmt.Fprintf(e.stderr, "review: the bundled sample is read from %s: run from the repository root, or pass -resume and -job\n", sampleResume)
			return 1
		}
	}
	doc, job, err := readInputs(ctx, c.resumePath, c.jobPath, e.stdin)
	if err != nil {
		fmt.Fprintf(e.stderr, "review: %v\n", err)
		return 1
	}
	resume := doc.resume
	if c.outPath != "" {
		if err := outFormatError(doc, c.outPath); err != nil {
			fmt.Fprintf(e.stderr, "review: -out: %v\n", err)
			return 2
		}
	}

	catalog := skills.Backend()
	// Years of experience count up to today; tests fix the clock.
	m := ats.NewMatcher(catalog).At(e.now())
	rep := m.Match(resume, job)
	rv := Review{ATS: rep, Coverage: m.Coverage(resume), Bullets: []BulletReview{}}

	all := resume.Bullets()
	for _, l := range all {
		a := bullets.Analyze(l.Text)
		if !a.Weak {
			continue
		}
		rv.Bullets = append(rv.Bullets, BulletReview{Line: l.Number, Section: sectionOf(resume, l), Analysis: a, Facts: []string{}, line: l})
	}
	var answers Answers
	if c.answPath != "" {
		answers, err = readAnswers(c.answPath, rv.Bullets)
		if err != nil {
			fmt.Fprintf(e.stderr, "review: %v\n", err)
			return 1
		}
		for i := range rv.Bullets {
			rv.Bullets[i].Facts = answers.facts(rv.Bullets[i].Analysis.Line)
		}
	}

	name := "none"
	switch {
	case c.noRewrite:
	case len(rv.Bullets) > 0:
		if name, err = rewrite(ctx, e, c, rv.Bullets, jobKeywords(rep)); err != nil {
			fmt.Fprintf(e.stderr, "review: rewrite: %v\n", err)
			return 1
		}
	default:
		name = rewriterName(e.getenv) // nothing to rewrite; say what would have
	}
	rv.Summary = Summary{
		Score:       rep.Score,
		TopChanges:  top(rep.Improvements(), 3),
		WeakBullets: len(rv.Bullets),
		Bullets:     len(all),
		Rewriter:    name,
		Rewrites:    countRewrites(rv.Bullets, name),
	}
	rv.AnswersTemplate = answersTemplate(rv.Bullets, answers)

	if c.outPath != "" {
		data, err := applyRewrites(doc, rv.Bullets)
		if err == nil {
			err = os.WriteFile(c.outPath, data, 0o644)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "review: -out: %v\n", err)
			return 1
		}
		if !doc.jsonResume() && !doc.hasLines() {
			fmt.Fprintf(e.stderr, "review: -out: a %s resume cannot be rewritten in its own format; %s holds the Markdown text read from it, with the rewrites\n", doc.resume.Format, c.outPath)
		}
	}
	if c.htmlPath != "" {
		if err := writeHTMLFile(c.htmlPath, rv, resume, job, doc.hasLines()); err != nil {
			fmt.Fprintf(e.stderr, "review: -html: %v\n", err)
			return 1
		}
	}

	if c.asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rv); err != nil {
			fmt.Fprintf(e.stderr, "review: %v\n", err)
			return 1
		}
	} else {
		p := printer{w: e.stdout, width: max(e.width, minWidth)}
		textreport.ATSWidth(p.w, rep, catalog, p.width)
		p.coverage(rv.Coverage)
		p.bullets(rv.Bullets, len(all), c.noRewrite, doc.hasLines())
		p.summary(rv.Summary)
		if c.htmlPath == "" && c.outPath == "" && len(rv.Bullets) > 0 && !c.noRewrite {
			fmt.Fprintln(e.stdout, "\n"+textreport.Wrap("More: -html FILE writes this review as a web page, -out FILE a copy of the resume with the rewrites, and -answers FILE gives your answers to the questions to the model (-json prints a template).", p.width, 0, ""))
		}
	}
	for _, f := range []struct{ flag, path, what string }{
		{"-out", c.outPath, "the resume with the rewrites"},
		{"-html", c.htmlPath, "the review as a web page"},
	} {
		if f.path != "" {
			fmt.Fprintf(e.stderr, "review: wrote %s to %s\n", f.what, f.path)
		}
	}
	return 0
}

// rewrite rewrites the weak bullets in place, through a model when one is configured (with
// progress on a terminal's stderr), and returns the rewriter's name for the summary.
func rewrite(ctx context.Context, e env, c config, list []BulletReview, keywords []string) (string, error) {
	var progress func(done, total int)
	if e.terminal && e.getenv("OPENAI_API_KEY") != "" {
		progress = newProgress(e.stderr, e.now).update
	}
	rewriter, name := newRewriter(e.getenv, c.concurrency, progress)
	if name == "rules" && !c.asJSON {
		fmt.Fprintln(e.stderr, "review: "+noModel+": rewriting with offline rules")
	}
	if name == "rules" && c.answPath != "" {
		fmt.Fprintln(e.stderr, "review: the offline rules do not use answers; with OPENAI_API_KEY set, the model writes them into the rewrites")
	}
	reqs := make([]bullets.Request, len(list))
	for i, b := range list {
		reqs[i] = bullets.Request{Bullet: b.line.Text, JobKeywords: keywords, Facts: b.Facts}
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	results, err := rewriter.RewriteAll(ctx, reqs)
	cancel()
	if progress != nil {
		fmt.Fprint(e.stderr, "\r\x1b[K") // clear the progress line
	}
	for i := range results {
		list[i].Rewrite = &results[i]
	}
	return name, err
}

// newRewriter returns an LLM-backed rewriter when OPENAI_API_KEY is set, else the offline
// rules, and a name for the summary. progress, if not nil, hears of every bullet done.
func newRewriter(getenv func(string) string, concurrency int, progress func(done, total int)) (*bullets.Rewriter, string) {
	opts := []bullets.Option{bullets.WithConcurrency(concurrency)}
	client := cli.Model(getenv, "")
	if client == nil {
		return bullets.New(nil, opts...), "rules"
	}
	if progress != nil {
		opts = append(opts, bullets.WithProgress(progress))
	}
	return bullets.New(client, opts...), "llm:" + client.Model()
}

// rewriterName is the name newRewriter would give, without making a client.
func rewriterName(getenv func(string) string) string {
	if getenv("OPENAI_API_KEY") == "" {
		return "rules"
	}
	if model := getenv("OPENAI_MODEL"); model != "" {
		return "llm:" + model
	}
	return "llm:" + llm.DefaultModel
}

// countRewrites counts the rewrites by source and gathers, in order of first appearance,
// why the rules wrote those the model did not.
func countRewrites(list []BulletReview, rewriter string) Rewrites {
	r := Rewrites{Reasons: []Reason{}}
	seen := map[string]int{}
	addReason := func(reason string) {
		if i, ok := seen[reason]; ok {
			r.Reasons[i].Bullets++
			return
		}
		seen[reason] = len(r.Reasons)
		r.Reasons = append(r.Reasons, Reason{Reason: reason, Bullets: 1})
	}
	for _, b := range list {
		if b.Rewrite == nil {
			continue
		}
		switch b.Rewrite.Source {
		case bullets.SourceLLM:
			r.Model++
		case bullets.SourceCache:
			r.Cache++
		default:
			r.Rules++
			switch {
			case rewriter == "rules":
				addReason(noModel)
			case len(b.Rewrite.Warnings) == 0:
				addReason("no reason recorded")
			default:
				addReason(strings.Join(b.Rewrite.Warnings, "; "))
			}
		}
	}
	return r
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

// samePath reports whether two paths name the same file (or the same name, when the
// file does not exist yet).
func samePath(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	return filepath.Clean(a) == filepath.Clean(b)
}

// document is the resume as read: parsed, and the bytes -out needs.
type document struct {
	resume ats.Resume
	raw    []byte
}

// jsonResume reports whether -out can rewrite the document's own JSON.
func (d document) jsonResume() bool { return d.resume.Format == ats.FormatJSONResume }

// hasLines reports whether the resume's line numbers are the file's own (text and
// Markdown), rather than lines of text rendered from it.
func (d document) hasLines() bool {
	return d.resume.Format == ats.FormatText || d.resume.Format == ats.FormatMarkdown
}

// readInputs reads the resume (any format input.Parser reads, PDF included) and the job,
// with the examples' shared size and encoding rules; either path may be "-" for stdin. The
// resume's bytes are kept for -out.
func readInputs(ctx context.Context, resumePath, jobPath string, stdin io.Reader) (document, ats.Job, error) {
	raw, err := input.ReadFile(resumePath, stdin, ats.DefaultMaxFileBytes)
	if err != nil {
		return document{}, ats.Job{}, err
	}
	name := resumePath
	if name == "-" {
		name = ""
	}
	resume, err := input.Parser().ReadResume(ctx, raw, name)
	if err != nil {
		return document{}, ats.Job{}, fmt.Errorf("%s: %w", input.Name(resumePath), err)
	}
	data, err := input.ReadFile(jobPath, stdin, ats.DefaultMaxBytes)
	if err != nil {
		return document{}, ats.Job{}, err
	}
	text, err := ats.Parser{}.ReadText(data)
	if err != nil {
		return document{}, ats.Job{}, fmt.Errorf("%s: %w", input.Name(jobPath), err)
	}
	job, err := ats.ParseJob(text)
	if err != nil {
		return document{}, ats.Job{}, fmt.Errorf("%s: %w", input.Name(jobPath), err)
	}
	return document{resume: resume, raw: raw}, job, nil
}
