package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/bullets"
	"github.com/resumekit/resumekit/examples/internal/textreport"
	"github.com/resumekit/resumekit/examples/internal/worddiff"
	"github.com/resumekit/resumekit/skills"
)

// report.tmpl is the -html page: one self-contained file, inline CSS, no scripts, no
// fetched resources.
//
//go:embed report.tmpl
var reportTemplate string

var reportPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct": func(f float64) string { return fmt.Sprintf("%.1f", f) },
}).Parse(reportTemplate))

// page is what report.tmpl renders.
type page struct {
	Score           int
	JobTitle        string // the job's title, when the report found one
	Gauge           gauge
	Parts           []scorePart
	Requirements    []reqPart
	KeywordsFound   int // keyword requirements the resume names anywhere
	KeywordsShown   int // of those, the ones an experience or project bullet shows
	RequirementsMet int
	Earned          float64 // Σ points, before rounding
	Weight          int     // Σ weights of the job's requirements, keywords and others
	AltExample      string  // the job's first set of alternatives ("Go or Python"); "" for none
	TopChanges      []ats.Improvement
	Rewrites        string // where the rewrites came from, in words

	Resume           []segment
	Job              []jobLine
	MissingRequired  []string
	MissingPreferred []string

	Findings  []ats.Finding
	Coverage  []tierView
	Bullets   []bulletView
	Total     int // bullets read
	NoRewrite bool
}

// gauge is the score's half-circle: Dash is the filled share of the arc's path length 100.
type gauge struct {
	Dash  int
	Label string // a word for the score band
}

// scorePart is one keyword requirement's share of the score: a keyword, or a set of
// alternatives any of which satisfies it.
type scorePart struct {
	Keyword      string
	Alternatives []string
	Required     bool
	Weight       int
	Where        string  // "shown in a bullet", "listed in skills", "missing"
	Anchor       string  // id of its first highlight in the resume text; "" when missing
	Points       float64 // what it adds
	Max          float64 // what it could add
	Found        bool
	InBullet     bool // found in an experience or project bullet, for full points
}

// reqPart is a requirement beyond keywords (years, degree, certification, title) and its
// share of the score.
type reqPart struct {
	ats.Requirement
	Label string  // "Years of experience"
	Asked string  // the job's line, without its Markdown marker
	Max   float64 // what it could add
}

// segment is a run of resume text: plain, or a highlighted keyword. A weak bullet's
// first segment carries its number (Open) and its last closes it (Close).
type segment struct {
	Text    string
	Mark    string // "", "req" or "pref"
	Keyword string
	ID      string // the first cut of a highlight's id: "k3-1" is job keyword 3's first mention
	Open    int    // 1-based weak bullet number that starts here; 0 for none
	Close   int    // 1-based weak bullet number that ends here; 0 for none
}

type tierView struct {
	Tier   skills.Tier
	Skills []skillView
}

type skillView struct {
	Name     string
	State    string // "shown", "listed", "gap"
	Evidence []string
	Gap      *ats.Gap
}

type bulletView struct {
	N          int
	Where      string
	Weaknesses []bullets.Weakness
	Codes      []bullets.Code
	Before     []diffPart
	After      []diffPart
	Rewrite    *bullets.Result
	Source     string // for a person: "the offline rules", "the model gpt-4o-mini", ...
	Facts      []string
}

// diffPart is a run of words of one line of a diff: Kind is "", "del", "ins", and Ph marks
// a placeholder to fill.
type diffPart struct {
	Text string
	Kind string
	Ph   bool
	Glue bool // no space before it: punctuation after a placeholder, or one after "("
}

func writeHTMLFile(path string, rv Review, resume ats.Resume, job ats.Job, withLines bool) error {
	var b bytes.Buffer
	if err := writeHTML(&b, rv, resume, job, withLines); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// writeHTML renders the review as one HTML page. withLines adds each weak bullet's line
// number, which only means something for a text resume.
func writeHTML(w io.Writer, rv Review, resume ats.Resume, job ats.Job, withLines bool) error {
	rep := rv.ATS
	p := page{
		Score:      rep.Score,
		Gauge:      gauge{Dash: max(0, min(100, rep.Score)), Label: band(rep.Score)},
		TopChanges: rv.Summary.TopChanges,
		Findings:   rep.Findings,
		Total:      rv.Summary.Bullets,
	}
	if rv.Summary.WeakBullets > 0 {
		if r := rv.Summary.Rewrites; r.Model+r.Rules+r.Cache > 0 {
			p.Rewrites = rewriteSummary(rv.Summary)
		} else {
			p.NoRewrite = true
		}
	}

	p.Parts, p.Requirements, p.Weight, p.Earned = scoreParts(rep)
	for _, part := range p.Parts {
		if part.Found {
			p.KeywordsFound++
		}
		if part.InBullet {
			p.KeywordsShown++
		}
		if p.AltExample == "" && len(part.Alternatives) > 0 {
			p.AltExample = orList(append([]string{part.Keyword}, part.Alternatives...))
		}
	}
	for _, r := range rep.Requirements {
		if r.Met {
			p.RequirementsMet++
		}
		if r.Kind == ats.TitleRequirement && r.Title != "" {
			p.JobTitle = r.Title
		}
	}
	for _, m := range rep.Missing {
		name := m.Keyword
		if len(m.Alternatives) > 0 {
			name += " (or " + strings.Join(m.Alternatives, ", ") + ")"
		}
		if m.Required {
			p.MissingRequired = append(p.MissingRequired, name)
		} else {
			p.MissingPreferred = append(p.MissingPreferred, name)
		}
	}
	p.Resume = segments(resume.Text, rep, rv.Bullets)
	p.Job = jobLines(job, rep)

	for _, tier := range skills.Tiers() {
		tv := tierView{Tier: tier}
		for _, c := range rv.Coverage {
			if c.Tier != tier {
				continue
			}
			sv := skillView{Name: c.Name, State: "gap", Gap: c.Gap}
			switch {
			case c.Shown:
				sv.State = "shown"
			case len(c.Evidence) > 0:
				sv.State = "listed"
			}
			for _, e := range c.Evidence {
				sv.Evidence = append(sv.Evidence, e.Keyword)
			}
			tv.Skills = append(tv.Skills, sv)
		}
		if len(tv.Skills) > 0 {
			p.Coverage = append(p.Coverage, tv)
		}
	}

	for i, b := range rv.Bullets {
		bv := bulletView{N: i + 1, Where: string(b.Section), Weaknesses: b.Analysis.Weaknesses, Codes: b.Analysis.Codes(), Rewrite: b.Rewrite, Facts: b.Facts}
		if withLines {
			bv.Where = fmt.Sprintf("line %d, %s", b.Line, b.Section)
		}
		if b.Rewrite == nil {
			bv.Before = []diffPart{{Text: b.Analysis.Line}}
		} else {
			bv.Before, bv.After = diffLines(b.Analysis.Line, b.Rewrite.Rewritten, b.Rewrite.Placeholders)
			bv.Source = sourceName(rv.Summary.Rewriter, *b.Rewrite)
		}
		p.Bullets = append(p.Bullets, bv)
	}
	return reportPage.Execute(w, p)
}

// scoreParts explains the score: one row per keyword requirement (a keyword, or a set of
// alternatives counted once) and one per other requirement, with the points each earned
// and could earn. weight is the score's denominator, earned the sum of the points.
func scoreParts(rep ats.Report) (parts []scorePart, reqs []reqPart, weight int, earned float64) {
	matched := map[string]ats.MatchedKeyword{}
	for _, m := range rep.Matched {
		matched[m.Keyword] = m
	}
	index := map[string]int{}
	for i, k := range rep.JobKeywords {
		index[k.Keyword] = i + 1
	}
	// Alternatives share one requirement: the first keyword of the set stands for it.
	seen := map[string]bool{}
	for _, k := range rep.JobKeywords {
		if seen[k.Keyword] {
			continue
		}
		part := scorePart{Keyword: k.Keyword, Alternatives: k.Alternatives, Required: k.Required, Weight: k.Weight, Where: "missing"}
		weight += k.Weight
		for _, name := range append([]string{k.Keyword}, k.Alternatives...) {
			seen[name] = true
			m, ok := matched[name]
			if !ok {
				continue
			}
			part.Points += m.Points
			if part.Found && m.Points == 0 {
				continue // an alternative that is not the best shown adds nothing
			}
			part.Found = true
			part.InBullet = m.InBullet
			part.Where = textreport.Where(m)
			if name != k.Keyword {
				part.Where += " as " + name
			}
			if m.Match == ats.Alias {
				part.Where += " (as an alias)"
			}
			part.Anchor = ""
			if len(m.Mentions) > 0 {
				part.Anchor = fmt.Sprintf("k%d-1", index[name])
			}
		}
		earned += part.Points
		parts = append(parts, part)
	}
	for _, r := range rep.Requirements {
		weight += r.Weight
		earned += r.Points
		reqs = append(reqs, reqPart{Requirement: r, Label: textreport.Label(r.Kind), Asked: textreport.Asked(r.Asked)})
	}
	for i := range parts {
		parts[i].Max = share(parts[i].Weight, weight)
	}
	for i := range reqs {
		reqs[i].Max = share(reqs[i].Weight, weight)
	}
	return parts, reqs, weight, earned
}

// orList joins names as a person offers a choice: "Go or Python", "Go, Python or Java".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// share is the score points a requirement of weight w could add out of total, to 0.1.
func share(w, total int) float64 {
	if total == 0 {
		return 0
	}
	return math.Round(1000*float64(w)/float64(total)) / 10
}

func band(score int) string {
	switch {
	case score >= 80:
		return "strong match"
	case score >= 60:
		return "good match, with gaps"
	case score >= 40:
		return "partial match"
	default:
		return "weak match"
	}
}

// sourceName says who wrote a rewrite, for a person.
func sourceName(rewriter string, r bullets.Result) string {
	switch r.Source {
	case bullets.SourceLLM:
		return "the model " + r.Model
	case bullets.SourceCache:
		return "the model " + strings.TrimPrefix(rewriter, "llm:") + " (from the cache)"
	}
	if rewriter != "rules" {
		return "the offline rules, because the model's rewrite was not used"
	}
	return "the offline rules"
}

// segments cuts the resume text into plain runs, highlighted keywords (at the positions
// the report gives, never found again here) and the bounds of the weak bullets.
func segments(text string, rep ats.Report, weak []BulletReview) []segment {
	required := map[string]bool{}
	index := map[string]int{}
	for i, k := range rep.JobKeywords {
		required[k.Keyword] = k.Required
		index[k.Keyword] = i + 1
	}
	cuts := []int{0, len(text)}
	marks := map[int]segment{} // by start offset
	ends := map[int]int{}      // mention end by start offset
	for _, m := range rep.Matched {
		for j, s := range m.Mentions {
			if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
				continue
			}
			if _, dup := marks[s.Start]; dup {
				continue
			}
			seg := segment{Mark: "pref", Keyword: m.Keyword, ID: fmt.Sprintf("k%d-%d", index[m.Keyword], j+1)}
			if required[m.Keyword] {
				seg.Mark = "req"
			}
			marks[s.Start], ends[s.Start] = seg, s.End
			cuts = append(cuts, s.Start, s.End)
		}
	}
	opens, closes := map[int]int{}, map[int]int{}
	for i, b := range weak {
		start, end := b.line.Start, b.line.Start+len(b.line.Text)
		if start < 0 || end > len(text) {
			continue
		}
		opens[start], closes[end] = i+1, i+1
		cuts = append(cuts, start, end)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)

	var out []segment
	markEnd := -1 // the end of the mention being cut, if one is
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		var seg segment
		switch m, ok := marks[a]; {
		case ok && a >= markEnd:
			seg, markEnd = m, ends[a]
		case a < markEnd:
			// The rest of a mention cut by a bullet's bound (or overlapped by another).
			seg = segment{Mark: out[len(out)-1].Mark, Keyword: out[len(out)-1].Keyword}
		}
		seg.Text = text[a:b]
		seg.Open, seg.Close = opens[a], closes[b]
		out = append(out, seg)
	}
	return out
}

// jobLine is one line of the job description as the ATS reads it: how much it asks for
// what it names, and its keywords highlighted at the report's positions.
type jobLine struct {
	Heading bool
	Level   ats.Level
	Parts   []segment
}

// jobLines cuts the job's lines at the mentions the report counted (those in ignored
// lines are not counted, so not marked).
func jobLines(job ats.Job, rep ats.Report) []jobLine {
	type mark struct {
		end      int
		keyword  string
		required bool
	}
	marks := map[int]mark{}
	for _, k := range rep.JobKeywords {
		for _, s := range k.Mentions {
			if s.Start >= 0 && s.End <= len(job.Text) && s.Start < s.End {
				marks[s.Start] = mark{s.End, k.Keyword, k.Required}
			}
		}
	}
	out := make([]jobLine, 0, len(job.Lines))
	for _, l := range job.Lines {
		jl := jobLine{Heading: l.Heading, Level: l.Level}
		start, end := l.Start, l.Start+len(l.Text)
		if start < 0 || end > len(job.Text) {
			jl.Parts = []segment{{Text: l.Text}}
			out = append(out, jl)
			continue
		}
		pos := start
		for i := start; i < end; i++ {
			m, ok := marks[i]
			if !ok || m.end > end {
				continue
			}
			if pos < i {
				jl.Parts = append(jl.Parts, segment{Text: job.Text[pos:i]})
			}
			seg := segment{Text: job.Text[i:m.end], Mark: "pref", Keyword: m.keyword}
			if m.required {
				seg.Mark = "req"
			}
			jl.Parts = append(jl.Parts, seg)
			pos, i = m.end, m.end-1
		}
		if pos < end {
			jl.Parts = append(jl.Parts, segment{Text: job.Text[pos:end]})
		}
		out = append(out, jl)
	}
	return out
}

// diffLines returns the old line with its deleted words marked and the new line with its
// inserted words and placeholders marked.
func diffLines(old, new string, placeholders []string) (before, after []diffPart) {
	isPh := map[string]bool{}
	for _, p := range placeholders {
		isPh[p] = true
	}
	for _, op := range worddiff.Diff(old, new) {
		switch op.Kind {
		case worddiff.Equal:
			before = append(before, diffPart{Text: op.Text, Glue: op.Glued})
			after = appendWords(after, op, "", isPh)
		case worddiff.Delete:
			before = append(before, diffPart{Text: op.Text, Kind: "del", Glue: op.Glued})
		case worddiff.Insert:
			after = appendWords(after, op, "ins", isPh)
		}
	}
	return before, after
}

// appendWords appends an op's run of words, cutting out the placeholders so they can be
// marked; the first part is glued to the one before it when the op is.
func appendWords(parts []diffPart, op worddiff.Op, kind string, isPh map[string]bool) []diffPart {
	first := len(parts)
	defer func() {
		if op.Glued && len(parts) > first {
			parts[first].Glue = true
		}
	}()
	text := op.Text
	var run []string
	flush := func() {
		if len(run) > 0 {
			parts = append(parts, diffPart{Text: strings.Join(run, " "), Kind: kind})
			run = nil
		}
	}
	for _, w := range worddiff.Words(text) {
		core := strings.TrimRight(w, ".,;:!?)")
		if i := strings.Index(core, "["); i >= 0 && isPh[core[i:]] {
			if i > 0 {
				run = append(run, core[:i])
			}
			flush()
			parts = append(parts, diffPart{Text: core[i:], Kind: kind, Ph: true, Glue: i > 0})
			if rest := w[len(core):]; rest != "" {
				parts = append(parts, diffPart{Text: rest, Kind: kind, Glue: true})
			}
			continue
		}
		run = append(run, w)
	}
	flush()
	return parts
}
