package ats

import (
	"slices"
	"sort"
	"strings"

	"github.com/resumekit/resumekit/internal/wording"
	"github.com/resumekit/resumekit/skills"
)

// Evidence is a keyword that shows a skill in a resume.
type Evidence struct {
	Keyword  string        `json:"keyword"`
	Sections []SectionKind `json:"sections"`
	InBullet bool          `json:"in_bullet"`
}

// SkillCoverage says whether a resume shows one of the catalog's skills, and, when it does
// not, how to close the gap.
type SkillCoverage struct {
	ID   string      `json:"id"`
	Name string      `json:"name"`
	Tier skills.Tier `json:"tier"`
	// Evidence are the skill's keywords the resume names, in catalog order; empty for a gap.
	Evidence []Evidence `json:"evidence"`
	// Shown reports whether an experience or project bullet shows the skill in use, rather
	// than a skills list only naming it.
	Shown bool `json:"shown"`
	// Gap says how to prove the skill and how long that takes; nil when there is evidence.
	Gap *Gap `json:"gap"`
}

// Gap is the catalog's advice for a skill a resume does not show.
type Gap struct {
	Proof         string      `json:"proof"`
	TimeToAcquire skills.Span `json:"time_to_acquire"`
	// Study names where to learn it when no catalog resource does; may be empty.
	Study string `json:"study,omitempty"`
	// Resources are the catalog resources that teach the skill, in catalog order.
	Resources []skills.Resource `json:"resources"`
}

// Coverage maps a resume onto the catalog's skills, must-have first: for each skill, the
// keywords that evidence it and where they appear, or, for a gap, how to prove the skill,
// the time it takes and the resources that teach it.
func (m *Matcher) Coverage(r Resume) []SkillCoverage {
	used, _ := m.scanResume(r, make([]usage, len(m.keywords)))
	var out []SkillCoverage
	for _, s := range m.cat.Skills() {
		sc := SkillCoverage{ID: s.ID, Name: s.Name, Tier: s.Tier, Evidence: []Evidence{}}
		for _, term := range s.Keywords {
			i, ok := m.index[term]
			u := used.of(i)
			if !ok || u.count == 0 {
				continue
			}
			sc.Evidence = append(sc.Evidence, Evidence{Keyword: term, Sections: u.sections, InBullet: u.inBullet})
			sc.Shown = sc.Shown || u.inBullet
		}
		if len(sc.Evidence) == 0 {
			g := &Gap{Proof: s.Proof, TimeToAcquire: s.TimeToAcquire, Study: s.Study, Resources: []skills.Resource{}}
			for _, id := range s.Resources {
				if res, ok := m.cat.Resource(id); ok {
					g.Resources = append(g.Resources, res)
				}
			}
			sc.Gap = g
		}
		out = append(out, sc)
	}
	return out
}

// Improvement is one change to a resume and what it would add to the score.
type Improvement struct {
	Keyword string `json:"keyword"`
	// Code is the finding the change answers (generic-term, unnamed-keyword,
	// context-free-keyword), or
	// "missing-keyword" for a job keyword the resume lacks.
	Code Code `json:"code"`
	// Action says what to change, for a person.
	Action string `json:"action"`
	// Gain is the score points the change would add.
	Gain float64 `json:"gain"`
}

// MissingKeywordCode is the [Improvement] code for adding a job keyword the resume lacks.
const MissingKeywordCode Code = "missing-keyword"

// Improvements lists the changes that would raise the score, largest gain first; at equal
// gain, changes the resume already has evidence for (generic-term, unnamed-keyword) come
// before adding a keyword, then the order of [Report.JobKeywords]. The changes: naming a
// missing keyword, or one of its alternatives (required ones weigh twice), replacing a
// generic stand-in with the specific term, and showing a listed keyword in a bullet. Gains
// follow the formula documented on [Matcher]; unmet requirements (years, degree,
// certification, title) are not changes a rewrite can make and are left to the findings.
func (r Report) Improvements() []Improvement {
	total := 0
	counted := map[string]bool{} // a set of alternatives weighs once
	for _, k := range r.JobKeywords {
		key := requirementKey(k.Keyword, k.Alternatives)
		if !counted[key] {
			counted[key] = true
			total += k.Weight
		}
	}
	for _, q := range r.Requirements {
		total += q.Weight
	}
	if total == 0 {
		return nil
	}
	matched := map[string]MatchedKeyword{}
	for _, m := range r.Matched {
		matched[m.Keyword] = m
	}
	missing := map[string]MissingKeyword{}
	for _, m := range r.Missing {
		missing[m.Keyword] = m
	}
	explained := map[string]Code{} // missing keyword → the finding that explains it
	for _, f := range r.Findings {
		if f.Code == GenericTerm || f.Code == UnnamedKeyword {
			explained[f.Keyword] = f.Code
		}
	}
	var out []Improvement
	for _, k := range r.JobKeywords {
		full := 100 * float64(k.Weight) / float64(total)
		need := "preferred"
		if k.Required {
			need = "required"
		}
		name := k.Keyword
		if len(k.Alternatives) > 0 {
			name += " (or " + wording.List(k.Alternatives, 3, "or") + ")"
		}
		m, found := matched[k.Keyword]
		_, unmet := missing[k.Keyword]
		switch {
		case !found && !unmet:
			// An alternative the resume does not show, of a requirement it meets otherwise,
			// or a later member of an unmet set (the set is named once, by its first).
		case !found && explained[k.Keyword] == GenericTerm:
			out = append(out, Improvement{Keyword: k.Keyword, Code: GenericTerm, Gain: round1(full),
				Action: "Name " + k.Keyword + " (" + need + ") where your resume uses a generic term for it."})
		case !found && explained[k.Keyword] == UnnamedKeyword:
			out = append(out, Improvement{Keyword: k.Keyword, Code: UnnamedKeyword, Gain: round1(full),
				Action: "Name " + k.Keyword + " (" + need + ") in the bullets that already show it."})
		case !found:
			out = append(out, Improvement{Keyword: k.Keyword, Code: MissingKeywordCode, Gain: round1(full),
				Action: "Add " + name + " (" + need + ") to an experience or project bullet, if you have used it."})
		case !m.InBullet && m.Points > 0:
			out = append(out, Improvement{Keyword: k.Keyword, Code: ContextFreeKeyword, Gain: round1(full * (1 - contextCredit)),
				Action: "Show " + k.Keyword + " in an experience or project bullet, not only in a list."})
		}
	}
	// At equal gain, a change the resume already has evidence for (naming what it shows)
	// comes before adding a keyword the person may not have.
	rank := func(c Code) int {
		if c == MissingKeywordCode {
			return 1
		}
		return 0
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Gain != out[j].Gain {
			return out[i].Gain > out[j].Gain
		}
		return rank(out[i].Code) < rank(out[j].Code)
	})
	return out
}

// requirementKey names the requirement of a job keyword: itself and its alternatives,
// sorted, so that every member of a set gives the same key.
func requirementKey(keyword string, alternatives []string) string {
	all := append([]string{keyword}, alternatives...)
	slices.Sort(all)
	return strings.Join(all, "\x00")
}

func round1(x float64) float64 {
	return float64(int(x*10+0.5)) / 10
}
