package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/examples/internal/textreport"
	"github.com/resumekit/resumekit/skills"
)

// minWidth is the narrowest text report laid out.
const minWidth = textreport.MinWidth

// printer writes the text report in lines of at most width columns.
type printer struct {
	w     io.Writer
	width int
}

// shortName drops a skill name's parenthesised detail: "Caching patterns (Redis, …)" →
// "Caching patterns".
func shortName(name string) string {
	if i := strings.Index(name, " ("); i > 0 {
		return name[:i]
	}
	return name
}

func (p printer) coverage(cov []ats.SkillCoverage) {
	w, width := p.w, p.width
	textreport.Heading(w, "Skill coverage")
	// Wrap joins words with one space, so the legend's entries are told apart by "·".
	fmt.Fprintln(w, textreport.Wrap("✓ shown in a bullet · ~ only listed · ✗ no evidence", width, 0, ""))
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

// bullets writes the weak bullets; withLines adds each one's line number, which only means
// something for a text resume.
func (p printer) bullets(list []BulletReview, total int, noRewrite, withLines bool) {
	w, width := p.w, p.width
	textreport.Heading(w, fmt.Sprintf("Weak bullets (%d of %d)", len(list), total))
	switch {
	case total == 0:
		fmt.Fprintln(w, textreport.Wrap("No experience or project bullets were found. Check that the resume's section headings (such as \"Experience\" and \"Projects\") are on lines of their own.", width, 0, ""))
		return
	case len(list) == 0:
		fmt.Fprintln(w, textreport.Wrap("None: every experience and project bullet reads as strong.", width, 0, ""))
		return
	}
	warned := map[string]int{} // a warning already printed in full, by the bullet it was printed for
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
		fmt.Fprintf(w, "%s%s\n", pad, textreport.Wrap(strings.Join(codes, ", ")+" ("+where+")", width, len(pad), pad))
		if noRewrite || b.Rewrite == nil {
			continue
		}
		r := b.Rewrite
		fmt.Fprintf(w, "%s→ %s\n", pad, textreport.Wrap(r.Rewritten, width, len(pad)+2, pad+"  "))
		for _, q := range r.Questions {
			fmt.Fprintf(w, "%s? %s\n", pad, textreport.Wrap(q, width, len(pad)+2, pad+"  "))
		}
		for _, warn := range r.Warnings {
			if n, ok := warned[warn]; ok {
				// A provider that is down gives every bullet the same long warning.
				fmt.Fprintf(w, "%s! the same as bullet %d\n", pad, n)
				continue
			}
			warned[warn] = i + 1
			fmt.Fprintf(w, "%s! %s\n", pad, textreport.Wrap(warn, width, len(pad)+2, pad+"  "))
		}
	}
}

func (p printer) summary(s Summary) {
	w, width := p.w, p.width
	textreport.Heading(w, "Summary")
	fmt.Fprintln(w, textreport.Wrap(fmt.Sprintf("ATS score %d/100. The changes that would raise it most:", s.Score), width, 0, ""))
	for i, c := range s.TopChanges {
		prefix := fmt.Sprintf("%2d. ", i+1)
		fmt.Fprintf(w, "%s%s\n", prefix, textreport.Wrap(fmt.Sprintf("%s (+%.1f points)", c.Action, c.Gain), width, len(prefix), strings.Repeat(" ", len(prefix))))
	}
	if len(s.TopChanges) == 0 {
		fmt.Fprintln(w, "    "+textreport.Wrap("none: the resume shows every keyword the job names.", width, 4, "    "))
	}
	if s.WeakBullets == 0 {
		return
	}
	if s.Rewrites.Model+s.Rewrites.Rules+s.Rewrites.Cache == 0 {
		fmt.Fprintln(w, textreport.Wrap(fmt.Sprintf("Then rewrite the %d weak bullets above.", s.WeakBullets), width, 0, ""))
		return
	}
	fmt.Fprintln(w, textreport.Wrap(fmt.Sprintf("Then use the rewrites of the %d weak bullets above and answer their questions with real figures. %s", s.WeakBullets, rewriteSummary(s)), width, 0, ""))
}

// rewriteSummary says in words where the rewrites came from and, for those the model did
// not write, why: "Rewrites: 2 by the model (llm:gpt-4o-mini), 1 by the offline rules
// (the model's reply was cut off: 1)."
func rewriteSummary(s Summary) string {
	r := s.Rewrites
	model := strings.TrimPrefix(s.Rewriter, "llm:")
	var parts []string
	if r.Model > 0 {
		parts = append(parts, fmt.Sprintf("%d by the model %s", r.Model, model))
	}
	if r.Cache > 0 {
		parts = append(parts, fmt.Sprintf("%d by the model %s, from the cache", r.Cache, model))
	}
	if r.Rules > 0 {
		var why []string
		for _, reason := range r.Reasons {
			why = append(why, fmt.Sprintf("%s (%s)", strings.TrimSuffix(reason.Reason, "."), plural(reason.Bullets, "bullet")))
		}
		rules := fmt.Sprintf("%d by the offline rules", r.Rules)
		if r.Model+r.Cache == 0 && s.Rewriter != "rules" {
			rules = fmt.Sprintf("all %d by the offline rules, none by the model %s", r.Rules, model)
		}
		parts = append(parts, rules+"; why the model did not: "+strings.Join(why, "; "))
	}
	return "Rewrites: " + strings.Join(parts, ", ") + "."
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
