// Package textreport renders resumekit results as plain text for the example programs: no
// colour, no terminal codes, lines of at most a given width (Width by default).
package textreport

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/skills"
)

// Width is the default line width, so output fits an 80-column terminal.
const Width = 80

// MinWidth is the narrowest width the renderers lay out for; a narrower one is treated as
// MinWidth.
const MinWidth = 40

// Bar draws a 0–100 score as 20 cells: "████████░░░░░░░░░░░░".
func Bar(score int) string {
	score = max(0, min(100, score))
	full := (score + 2) / 5
	return strings.Repeat("█", full) + strings.Repeat("░", 20-full)
}

// Wrap breaks s at spaces into lines of at most width columns. The first line is printed
// by the caller from column col (after its own prefix); every later line starts with indent.
func Wrap(s string, width, col int, indent string) string {
	var b strings.Builder
	first := true
	for _, word := range strings.Fields(s) {
		n := utf8.RuneCountInString(word)
		switch {
		case first:
			first = false
		case col+1+n > width:
			b.WriteString("\n" + indent)
			col = utf8.RuneCountInString(indent)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += n
	}
	return b.String()
}

// Heading writes a section heading with a rule under it.
func Heading(w io.Writer, title string) {
	fmt.Fprintf(w, "\n%s\n%s\n", title, strings.Repeat("─", utf8.RuneCountInString(title)))
}

// ATS is shorthand for ATSWidth(w, rep, c, Width).
func ATS(w io.Writer, rep ats.Report, c *skills.Catalog) {
	ATSWidth(w, rep, c, Width)
}

// ATSWidth writes a report for a person in lines of at most width columns (at least
// MinWidth): the score with a bar, the requirements beyond keywords (title, years, degree,
// certifications) met or not, the job's keywords found and missing by keyword group
// (required first; the vocabulary's technologies by category after the catalog's groups),
// and the findings with what to change. Below Width, each keyword takes
// two lines instead of a table row.
func ATSWidth(w io.Writer, rep ats.Report, c *skills.Catalog, width int) {
	width = max(width, MinWidth)
	Heading(w, "ATS match")
	fmt.Fprintf(w, "Score %3d/100  %s\n", rep.Score, Bar(rep.Score))
	fmt.Fprintln(w, Wrap(fmt.Sprintf("%d of %d job keywords found (%d required missing)",
		len(rep.Matched), len(rep.JobKeywords), requiredMissing(rep)), width, 0, ""))

	matched := map[string]ats.MatchedKeyword{}
	for _, m := range rep.Matched {
		matched[m.Keyword] = m
	}
	if len(rep.Requirements) > 0 {
		fmt.Fprintf(w, "\nRequirements\n")
		for _, r := range rep.Requirements {
			fmt.Fprintln(w, requirementLine(r, width))
		}
	}
	// The catalog's keyword groups first, in catalog order, then the technology
	// vocabulary's categories in the order of categories, then any other group the job's
	// keywords name.
	var groups []string
	names := map[string]string{}
	for _, g := range c.Groups() {
		groups = append(groups, g.ID)
		names[g.ID] = g.Name
	}
	for _, cat := range categories {
		if _, ok := names[string(cat.category)]; ok {
			continue // cloud services join the catalog's "cloud" group
		}
		groups = append(groups, string(cat.category))
		names[string(cat.category)] = "Other technologies: " + cat.name
	}
	for _, k := range rep.JobKeywords {
		if _, ok := names[k.Group]; !ok {
			groups = append(groups, k.Group)
			names[k.Group] = "Other technologies: " + k.Group
		}
	}
	for _, g := range groups {
		var lines []string
		for _, required := range []bool{true, false} {
			for _, k := range rep.JobKeywords {
				if k.Group != g || k.Required != required {
					continue
				}
				lines = append(lines, keywordLine(k, matched, width))
			}
		}
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", names[g])
		for _, l := range lines {
			fmt.Fprintln(w, l)
		}
	}
	if len(rep.Findings) == 0 {
		return
	}
	Heading(w, "What to change")
	for i, f := range rep.Findings {
		prefix := fmt.Sprintf("%2d. ", i+1)
		fmt.Fprintf(w, "%s%s\n", prefix, Wrap("["+string(f.Code)+"] "+f.Message, width, len(prefix), strings.Repeat(" ", len(prefix))))
	}
}

// categories names the technology vocabulary's categories for a person, in the order the
// report lists them.
var categories = []struct {
	category skills.Category
	name     string
}{
	{skills.LanguageCategory, "languages"},
	{skills.FrameworkCategory, "frameworks"},
	{skills.LibraryCategory, "libraries"},
	{skills.DatabaseCategory, "databases"},
	{skills.CloudCategory, "cloud services"},
	{skills.PlatformCategory, "platforms"},
	{skills.ToolCategory, "tools"},
	{skills.ProtocolCategory, "protocols"},
	{skills.FormatCategory, "data and markup formats"},
}

// requirementLine is one requirement: met or not, what the job asks and what the resume
// shows, and its points.
func requirementLine(r ats.Requirement, width int) string {
	mark, need := "✗", "preferred"
	if r.Met {
		mark = "✓"
	}
	if r.Required {
		need = "required"
	}
	text := fmt.Sprintf("%s (%s): %s", Label(r.Kind), need, Asked(r.Asked))
	if r.Shown != "" {
		text += " — the resume shows: " + r.Shown
	} else {
		text += " — the resume does not show it"
	}
	text += fmt.Sprintf(" (+%.1f)", r.Points)
	return "  " + mark + " " + Wrap(text, width, 4, "      ")
}

// Label names a requirement's kind for a person: "Years of experience", "Job title".
func Label(k ats.RequirementKind) string {
	switch k {
	case ats.YearsRequirement:
		return "Years of experience"
	case ats.DegreeRequirement:
		return "Degree"
	case ats.CertificationRequirement:
		return "Certification"
	case ats.TitleRequirement:
		return "Job title"
	}
	return string(k)
}

// Asked is a job line as a requirement quotes it: without the Markdown heading or list
// marker it starts with ("## ", "- ", "* ", "• ", "1. "), but with any emphasis it holds
// ("**5+ years** of Go" stays whole).
func Asked(line string) string {
	s := strings.TrimSpace(line)
	if t := strings.TrimLeft(s, "#"); len(t) < len(s) && (t == "" || t[0] == ' ') {
		s = strings.TrimSpace(t)
	}
	for _, m := range []string{"- ", "* ", "+ ", "• "} {
		if t, ok := strings.CutPrefix(s, m); ok {
			return strings.TrimSpace(t)
		}
	}
	if i := strings.IndexAny(s, ".)"); i > 0 && i <= 3 && strings.Trim(s[:i], "0123456789") == "" && strings.HasPrefix(s[i+1:], " ") {
		return strings.TrimSpace(s[i+1:])
	}
	return s
}

// keywordLine is one keyword as a table row, or below Width as two lines.
func keywordLine(k ats.JobKeyword, matched map[string]ats.MatchedKeyword, width int) string {
	need := "preferred"
	if k.Required {
		need = "required"
	}
	m, ok := matched[k.Keyword]
	if !ok {
		for _, alt := range k.Alternatives {
			if _, shown := matched[alt]; shown {
				// One of its alternatives satisfies the requirement.
				if width < Width {
					return fmt.Sprintf("  ○ %s (%s)\n      not needed: %s counts", k.Keyword, need, alt)
				}
				return fmt.Sprintf("  ○ %-24s %-9s  not needed: %s counts", k.Keyword, need, alt)
			}
		}
		if width < Width {
			return fmt.Sprintf("  ✗ %s (%s)\n      missing", k.Keyword, need)
		}
		return fmt.Sprintf("  ✗ %-24s %-9s  missing", k.Keyword, need)
	}
	where := Where(m)
	if m.Match == ats.Alias {
		where += " (alias)"
	}
	if width < Width {
		return fmt.Sprintf("  ✓ %s (%s)\n      %s", k.Keyword, need, Wrap(fmt.Sprintf("%s +%.1f", where, m.Points), width, 6, "      "))
	}
	return fmt.Sprintf("  ✓ %-24s %-9s  %-34s +%.1f", k.Keyword, need, where, m.Points)
}

// Where says where a resume shows a matched keyword: "shown in a bullet", or "listed in
// skills, summary" when no experience or project bullet names it.
func Where(m ats.MatchedKeyword) string {
	if m.InBullet {
		return "shown in a bullet"
	}
	s := make([]string, len(m.Sections))
	for i, k := range m.Sections {
		s[i] = string(k)
	}
	return "listed in " + strings.Join(s, ", ")
}

func requiredMissing(rep ats.Report) int {
	n := 0
	for _, m := range rep.Missing {
		if m.Required {
			n++
		}
	}
	return n
}
