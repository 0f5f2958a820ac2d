// Command catalog prints the skills catalog: tiers with their skills and time to acquire, the
// certifications with verdicts, and the ATS keyword groups with placement advice.
//
//	go run ./examples/catalog                 # the embedded backend catalog
//	go run ./examples/catalog -tier must-have # one tier only
//	go run ./examples/catalog -json           # the whole catalog in its file format
//	go run ./examples/catalog -schema         # the JSON Schema of that format
//	go run ./examples/catalog -file my.json   # a catalog of your own, validated
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/resumekit/resumekit/examples/internal/cli"
	"github.com/resumekit/resumekit/examples/internal/textreport"
	"github.com/resumekit/resumekit/skills"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole program; it returns the exit status: 0 on success, 1 when the catalog
// cannot be read, 2 for a usage error.
func run(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("catalog", flag.ContinueOnError)
	tier := fs.String("tier", "", "show only this tier: must-have, nice-to-have or emerging")
	asJSON := fs.Bool("json", false, "print the whole catalog as JSON in its file format")
	schema := fs.Bool("schema", false, "print the JSON Schema of the catalog file format")
	file := fs.String("file", "", "load this catalog file instead of the embedded backend catalog")
	if code, ok := cli.Parse(fs, args, stderr, "catalog [-tier T] [-json] [-schema] [-file PATH]"); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "catalog: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if *tier != "" && !validTier(*tier) {
		fmt.Fprintf(stderr, "catalog: unknown tier %q (want must-have, nice-to-have or emerging)\n", *tier)
		return 2
	}
	if *schema {
		stdout.Write(skills.Schema())
		return 0
	}
	c := skills.Backend()
	if *file != "" {
		f, err := os.Open(*file)
		if err != nil {
			fmt.Fprintf(stderr, "catalog: %v\n", err)
			return 1
		}
		c, err = skills.Load(f)
		f.Close()
		if err != nil {
			// Load names every problem; one line each keeps it readable.
			fmt.Fprintf(stderr, "catalog: %s: %s\n", *file, strings.ReplaceAll(err.Error(), "\n", "; "))
			return 1
		}
	}
	if *asJSON {
		if err := c.WriteJSON(stdout); err != nil {
			fmt.Fprintf(stderr, "catalog: %v\n", err)
			return 1
		}
		return 0
	}
	printOverview(stdout, c, skills.Tier(*tier))
	return 0
}

func validTier(s string) bool {
	for _, t := range skills.Tiers() {
		if string(t) == s {
			return true
		}
	}
	return false
}

// width is the widest line printOverview writes, so the overview fits an 80-column terminal
// like the other examples' text.
const width = textreport.Width

func printOverview(w io.Writer, c *skills.Catalog, only skills.Tier) {
	fmt.Fprintf(w, "Skills for %s\n", c.Role())
	for _, t := range skills.Tiers() {
		if only != "" && t != only {
			continue
		}
		list := c.SkillsByTier(t)
		fmt.Fprintf(w, "\n%s (%d)\n", strings.ToUpper(string(t)), len(list))
		for _, s := range list {
			time := withCondition(s.TimeToAcquire)
			if s.AlsoTimeToAcquire != nil {
				time += "; " + withCondition(*s.AlsoTimeToAcquire)
			}
			fmt.Fprintf(w, "  • %s\n    %s\n", textreport.Wrap(s.Name, width, 4, "    "), textreport.Wrap(string(s.Kind)+" · "+time, width, 4, "    "))
			if only != "" {
				// One tier asked for: there is room for the why and the how.
				fmt.Fprintf(w, "    %s\n", textreport.Wrap("Why: "+s.Summary, width, 4, "    "))
				fmt.Fprintf(w, "    %s\n", textreport.Wrap("Prove it: "+s.Proof, width, 4, "    "))
			}
		}
	}
	if only != "" {
		return
	}
	fmt.Fprintf(w, "\nCERTIFICATIONS\n")
	for _, cert := range c.Certifications() {
		prep := cert.Prep.String() + " of preparation"
		if cert.Prep.Condition != "" {
			prep = withCondition(cert.Prep)
		}
		fmt.Fprintf(w, "  • %s\n    %s\n", textreport.Wrap(strings.ToUpper(string(cert.Verdict))+": "+cert.Name, width, 4, "    "),
			textreport.Wrap(cert.CostUSD.String()+" · "+prep, width, 4, "    "))
	}
	fmt.Fprintf(w, "\nATS KEYWORD GROUPS\n")
	for _, g := range c.Groups() {
		terms := make([]string, len(g.Keywords))
		for i, k := range g.Keywords {
			terms[i] = k.Term
		}
		fmt.Fprintf(w, "  • %s\n", textreport.Wrap(g.Name, width, 4, "    "))
		fmt.Fprintf(w, "%s\n", indent(wrapList(terms, width-4), "    "))
		fmt.Fprintf(w, "    %s\n", textreport.Wrap("Where: "+g.Placement, width, 4, "    "))
	}
}

func withCondition(s skills.Span) string {
	if s.Condition == "" {
		return s.String()
	}
	return s.String() + " " + s.Condition
}

// wrapList joins items with ", " and breaks lines between items only, so that a multi-word
// term ("API design") is never split.
func wrapList(items []string, width int) string {
	var b strings.Builder
	n := 0
	for i, item := range items {
		if i < len(items)-1 {
			item += ","
		}
		if n > 0 && n+1+len(item) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(item)
		n += len(item)
	}
	return b.String()
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
