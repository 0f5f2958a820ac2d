// Command rewrite rewrites weak resume bullets, one per line, from FILE or stdin ("-" or no
// FILE). The input follows ats's rules: at most 1 MiB, UTF-8 (a byte order mark is dropped)
// or UTF-16 with a byte order mark, no binary data; lines end in LF, CRLF or CR.
//
//	go run ./examples/rewrite bullets.txt              # rules only unless OPENAI_API_KEY is set
//	go run ./examples/rewrite -json < bullets.txt      # one JSON object per line
//	go run ./examples/rewrite -job job.txt bullets.txt # tailor to the job's keywords
//	go run ./examples/rewrite -timeout 30s bullets.txt # bullets not done by then use the rules
//
// With OPENAI_API_KEY set it asks the model (OPENAI_BASE_URL and OPENAI_MODEL select
// another OpenAI-compatible server or model); without it, it applies the offline
// rule-based rewriter and says so on stderr. The key is never printed.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/examples/internal/cli"
	"github.com/resumekit/resumekit/examples/internal/input"
	"github.com/resumekit/resumekit/llm"
	"github.com/resumekit/resumekit/skills"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// progressAbove is the batch size from which progress is shown on a terminal.
const progressAbove = 10

// run is the whole program; it returns the exit status: 0 on success (fallbacks
// included), 1 when input cannot be read or output written, 2 for a usage error.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("rewrite", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object per bullet instead of text")
	jobFile := fs.String("job", "", "tailor the rewrites to the keywords of this job description `file`")
	model := fs.String("model", "", "model `name` (default: $OPENAI_MODEL, else "+llm.DefaultModel+")")
	concurrency := fs.Int("concurrency", bullets.DefaultConcurrency, "bullets sent to the model at once")
	timeout := fs.Duration("timeout", 0, "overall deadline; bullets not done by then use the rules (0: none)")
	prompt := fs.String("prompt", bullets.DefaultPrompt, "prompt `version`: "+strings.Join(bullets.PromptVersions(), ", "))
	usage := "rewrite [-json] [-job FILE] [-model NAME] [-concurrency N] [-timeout D] [-prompt VERSION] [FILE]"
	if code, ok := cli.Parse(fs, args, stderr, usage, cli.ModelEnv("rewrite through a model", "the model to ask when -model is not given")...); !ok {
		return code
	}
	switch {
	case fs.NArg() > 1:
		fmt.Fprintf(stderr, "rewrite: unexpected argument %q\n", fs.Arg(1))
		return 2
	case *concurrency < 1:
		fmt.Fprintln(stderr, "rewrite: -concurrency must be at least 1")
		return 2
	case *timeout < 0:
		fmt.Fprintln(stderr, "rewrite: -timeout must not be negative")
		return 2
	case !slices.Contains(bullets.PromptVersions(), *prompt):
		fmt.Fprintf(stderr, "rewrite: unknown prompt version %q (have %s)\n", *prompt, strings.Join(bullets.PromptVersions(), ", "))
		return 2
	}

	path := "-"
	if fs.NArg() == 1 {
		path = fs.Arg(0)
	}
	var keywords []string
	if *jobFile != "" {
		job, err := readText(*jobFile, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "rewrite: read job: %v\n", err)
			return 1
		}
		keywords = jobKeywords(job)
	}
	lines, err := readBullets(path, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "rewrite: read bullets: %v\n", err)
		return 1
	}

	var completer llm.Completer
	if client := cli.Model(getenv, *model); client != nil {
		completer = client
	} else {
		fmt.Fprintln(stderr, "rewrite: OPENAI_API_KEY is not set; using the offline rule-based rewriter")
	}
	opts := []bullets.Option{bullets.WithConcurrency(*concurrency), bullets.WithPrompt(*prompt)}
	if isTerminal(stderr) && len(lines) > progressAbove {
		opts = append(opts, bullets.WithProgress(func(done, total int) {
			fmt.Fprintf(stderr, "\rrewrite: %d/%d bullets", done, total)
			if done == total {
				fmt.Fprintln(stderr)
			}
		}))
	}
	rw := bullets.New(completer, opts...)

	if *timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	}
	reqs := make([]bullets.Request, len(lines))
	for i, l := range lines {
		reqs[i] = bullets.Request{Bullet: l, JobKeywords: keywords}
	}
	results, err := rw.RewriteAll(ctx, reqs)
	if err != nil {
		// Blank lines are skipped, so only a strict-mode failure could land here; the
		// results are complete anyway.
		fmt.Fprintf(stderr, "rewrite: %v\n", err)
	}

	w := bufio.NewWriter(stdout)
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, r := range results {
			if err := enc.Encode(r); err != nil {
				fmt.Fprintf(stderr, "rewrite: write: %v\n", err)
				return 1
			}
		}
	} else {
		for i, r := range results {
			printResult(w, i+1, r)
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "rewrite: write: %v\n", err)
		return 1
	}
	return 0
}

// readText reads a text file, or stdin for "-", with the rules ats applies to resumes:
// at most ats.DefaultMaxBytes (never reading more than one byte past it), a UTF-8 byte
// order mark dropped, UTF-16 with one decoded, binary data refused.
func readText(path string, stdin io.Reader) (string, error) {
	data, err := input.ReadFile(path, stdin, ats.DefaultMaxBytes)
	if err != nil {
		return "", err
	}
	text, err := ats.Parser{}.ReadText(data)
	if err != nil {
		return "", fmt.Errorf("%s: %w", input.Name(path), err)
	}
	return text, nil
}

// readBullets returns the non-blank lines of a bullets file, trimmed. Lines end in "\n",
// "\r\n" or a lone "\r" (classic Mac files), as in ats.
func readBullets(path string, stdin io.Reader) ([]string, error) {
	text, err := readText(path, stdin)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

// jobKeywords returns the canonical catalog keywords a job description mentions, in
// order of first mention.
func jobKeywords(job string) []string {
	var out []string
	for _, m := range skills.Backend().Mentions(job) {
		if !m.Generic && !slices.Contains(out, m.Term) {
			out = append(out, m.Term)
		}
	}
	return out
}

// printResult writes one result for a person: before → after, codes, questions.
func printResult(w io.Writer, n int, r bullets.Result) {
	fmt.Fprintf(w, "%d. before: %s\n", n, r.Original)
	fmt.Fprintf(w, "   after:  %s\n", r.Rewritten)
	codes := make([]string, len(r.Weaknesses))
	for i, c := range r.Weaknesses {
		codes[i] = string(c)
	}
	if len(codes) == 0 {
		codes = []string{"none"}
	}
	fmt.Fprintf(w, "   weaknesses: %s\n", strings.Join(codes, ", "))
	for _, q := range r.Questions {
		fmt.Fprintf(w, "   ask: %s\n", q)
	}
	source := string(r.Source)
	if r.Model != "" {
		source += " (" + r.Model + ")"
	}
	fmt.Fprintf(w, "   source: %s\n", source)
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "   note: %s\n", warn)
	}
	fmt.Fprintln(w)
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
