package ats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// jsonResume is the part of the JSON Resume schema (jsonresume.org) that resumekit reads.
// Unknown fields are ignored: the schema allows extensions.
type jsonResume struct {
	Basics struct {
		Name    string `json:"name"`
		Label   string `json:"label"`
		Summary string `json:"summary"`
	} `json:"basics"`
	Work []struct {
		Name       string   `json:"name"`
		Company    string   `json:"company"` // older versions of the schema
		Position   string   `json:"position"`
		StartDate  string   `json:"startDate"`
		EndDate    string   `json:"endDate"`
		Summary    string   `json:"summary"`
		Highlights []string `json:"highlights"`
	} `json:"work"`
	Projects []struct {
		Name        string   `json:"name"`
		Description string   `json:"description"`
		Highlights  []string `json:"highlights"`
		Keywords    []string `json:"keywords"`
	} `json:"projects"`
	Skills []struct {
		Name     string   `json:"name"`
		Keywords []string `json:"keywords"`
	} `json:"skills"`
	Education []struct {
		Institution string `json:"institution"`
		Area        string `json:"area"`
		StudyType   string `json:"studyType"`
	} `json:"education"`
	Certificates []struct {
		Name   string `json:"name"`
		Issuer string `json:"issuer"`
	} `json:"certificates"`
}

// ParseJSONResume is shorthand for Parser{}.ParseJSONResume(data).
func ParseJSONResume(data []byte) (Resume, error) { return Parser{}.ParseJSONResume(data) }

// ParseJSONResume reads a resume in the JSON Resume format: basics.summary, work (summary
// and highlights), projects (description, highlights, keywords), skills (name and keywords),
// education and certificates. It renders them as Markdown, with highlights as list items, and
// parses that, so offsets and line numbers refer to the rendered [Resume.Text].
func (p Parser) ParseJSONResume(data []byte) (Resume, error) {
	if err := p.check("JSON resume", string(data)); err != nil {
		return Resume{}, err
	}
	var doc jsonResume
	if err := json.Unmarshal(data, &doc); err != nil {
		return Resume{}, fmt.Errorf("ats: parse JSON resume: %w", err)
	}
	var b bytes.Buffer
	line := func(parts ...string) {
		s := strings.Join(nonEmpty(parts), " — ")
		if s != "" {
			b.WriteString(oneLine(s))
			b.WriteByte('\n')
		}
	}
	item := func(s string) {
		if s = oneLine(s); s != "" {
			b.WriteString("- " + s + "\n")
		}
	}
	heading := func(s string) { b.WriteString("\n## " + s + "\n") }

	if doc.Basics.Name != "" || doc.Basics.Label != "" {
		b.WriteString("# ")
		line(doc.Basics.Name, doc.Basics.Label)
	}
	if doc.Basics.Summary != "" {
		heading("Summary")
		line(doc.Basics.Summary)
	}
	if len(doc.Work) > 0 {
		heading("Experience")
		for _, w := range doc.Work {
			company := w.Name
			if company == "" {
				company = w.Company
			}
			b.WriteString("### ")
			line(w.Position, company, strings.Trim(w.StartDate+"–"+w.EndDate, "–"))
			line(w.Summary)
			for _, h := range w.Highlights {
				item(h)
			}
		}
	}
	if len(doc.Projects) > 0 {
		heading("Projects")
		for _, pr := range doc.Projects {
			b.WriteString("### ")
			line(pr.Name)
			line(pr.Description)
			for _, h := range pr.Highlights {
				item(h)
			}
			if len(pr.Keywords) > 0 {
				line("Stack: " + strings.Join(pr.Keywords, ", "))
			}
		}
	}
	if len(doc.Skills) > 0 {
		heading("Skills")
		for _, s := range doc.Skills {
			switch {
			case len(s.Keywords) == 0:
				item(s.Name)
			case s.Name == "":
				item(strings.Join(s.Keywords, ", "))
			default:
				item(s.Name + ": " + strings.Join(s.Keywords, ", "))
			}
		}
	}
	if len(doc.Education) > 0 {
		heading("Education")
		for _, e := range doc.Education {
			item(strings.Join(nonEmpty([]string{e.StudyType, e.Area, e.Institution}), ", "))
		}
	}
	if len(doc.Certificates) > 0 {
		heading("Certifications")
		for _, c := range doc.Certificates {
			item(strings.Join(nonEmpty([]string{c.Name, c.Issuer}), " — "))
		}
	}
	if strings.TrimSpace(b.String()) == "" {
		return Resume{}, fmt.Errorf("ats: parse JSON resume: %w: no basics, work, projects, skills, education or certificates", ErrEmpty)
	}
	return p.ParseResume(b.String())
}

func nonEmpty(parts []string) []string {
	out := parts[:0:0]
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// oneLine folds line breaks inside a JSON string so it stays one line of the rendering.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
