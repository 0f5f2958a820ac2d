package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/examples/internal/textreport"
	"github.com/resumekit/resumekit/skills"
)

const width = textreport.Width

// shortName drops a skill name's parenthesised detail: "Caching patterns (Redis, …)" →
// "Caching patterns".
func shortName(name string) string {
	if i := strings.Index(name, " ("); i > 0 {
		return name[:i]
	}
	return name
}

func printCoverage(w io.Writer, cov []ats.SkillCoverage) {
	textreport.Heading(w, "Skill coverage")
	fmt.Fprintln(w, "✓ shown in a bullet   ~ only listed   ✗ no evidence")
	for _, tier := range skills.Tiers() {
		fmt.Fprintf(w, "\n%s\n", strings.ToUpper(string(tier)))
		for _, c := range cov {
			if c.Tier != tier {
				continue
			}
			mark := "✗"
			switch {
			case c.Shown:
				mark = "✓"
			case len(c.Evidence) > 0:
				mark = "~"
			}
			line := mark + " " + shortName(c.Name)
			if len(c.Evidence) > 0 {
				var terms []string
				for _, e := range c.Evidence {
					terms = append(terms, e.Keyword)
				}
				line += ": " + strings.Join(terms, ", ")
			}
			fmt.Fprintf(w, "  %s\n", textreport.Wrap(line, width, 2, "      "))
			if c.Gap == nil {
				continue
			}
			fmt.Fprintf(w, "      %s\n", textreport.Wrap("Prove it: "+c.Gap.Proof, width, 6, "      "))
			learn := "Time: " + c.Gap.TimeToAcquire.String()
			if c.Gap.TimeToAcquire.Condition != "" {
				learn += " " + c.Gap.TimeToAcquire.Condition
			}
			switch {
			case len(c.Gap.Resources) > 0:
				r := c.Gap.Resources[0]
				learn += ". Learn: " + r.Title
				if r.URL != "" {
					learn += " (" + r.URL + ")"
				}
			case c.Gap.Study != "":
				learn += ". Learn: " + c.Gap.Study
			}
			fmt.Fprintf(w, "      %s\n", textreport.Wrap(learn, width, 6, "      "))
		}
	}
}

// printBullets writes the weak bullets; withLines adds each one's line number, which only
// means something for a text resume.
func printBullets(w io.Writer, list []BulletReview, total int, noRewrite, withLines bool) {
	textreport.Heading(w, fmt.Sprintf("Weak bullets (%d of %d)", len(list), total))
	switch {
	case total == 0:
		fmt.Fprintln(w, textreport.Wrap("No experience or project bullets were found. Check that the resume's section headings (such as \"Experience\" and \"Projects\") are on lines of their own.", width, 0, ""))
		return
	case len(list) == 0:
		fmt.Fprintln(w, "None: every experience and project bullet reads as strong.")
		return
	}
	for i, b := range list {
		prefix := fmt.Sprintf("%2d. ", i+1)
		pad := strings.Repeat(" ", len(prefix))
		fmt.Fprintf(w, "\n%s%s\n", prefix, textreport.Wrap(b.Analysis.Line, width, len(pad), pad))
		codes := make([]string, 0, len(b.Analysis.Weaknesses))
		for _, c := range b.Analysis.Codes() {
			codes = append(codes, string(c))
		}
		where := string(b.Section)
		if withLines {
			where = fmt.Sprintf("line %d, %s", b.Line, b.Section)
		}
		fmt.Fprintf(w, "%s%s (%s)\n", pad, strings.Join(codes, ", "), where)
		if noRewrite || b.Rewrite == nil {
			continue
		}
		r := b.Rewrite
		fmt.Fprintf(w, "%s→ %s\n", pad, textreport.Wrap(r.Rewritten, width, len(pad)+2, pad+"  "))
		for _, q := range r.Questions {
			fmt.Fprintf(w, "%s? %s\n", pad, textreport.Wrap(q, width, len(pad)+2, pad+"  "))
		}
		for _, warn := range r.Warnings {
			fmt.Fprintf(w, "%s! %s\n", pad, textreport.Wrap(warn, width, len(pad)+2, pad+"  "))
		}
	}
}

func printSummary(w io.Writer, s Summary) {
	textreport.Heading(w, "Summary")
	fmt.Fprintf(w, "ATS score %d/100. The changes that would raise it most:\n", s.Score)
	for i, c := range s.TopChanges {
		prefix := fmt.Sprintf("%2d. ", i+1)
		fmt.Fprintf(w, "%s%s\n", prefix, textreport.Wrap(fmt.Sprintf("%s (+%.1f points)", c.Action, c.Gain), width, len(prefix), strings.Repeat(" ", len(prefix))))
	}
	if len(s.TopChanges) == 0 {
		fmt.Fprintln(w, "    none: the resume shows every keyword the job names.")
	}
	if s.WeakBullets > 0 {
		fmt.Fprintln(w, textreport.Wrap(fmt.Sprintf("Then rewrite the %d weak bullets above (rewrites by %s) and answer their questions with real figures.", s.WeakBullets, s.Rewriter), width, 0, ""))
	}
}
