package ats

import (
	"html"
	"slices"
	"strings"

	"github.com/resumekit/resumekit/internal/wording"
)

// isReactiveResume reports whether doc is a Reactive Resume export (rxresu.me): a
// "sections" object whose members hold "items" or "content".
func isReactiveResume(doc jsonObject) bool {
	sections, ok := doc["sections"].(map[string]any)
	if !ok {
		return false
	}
	for _, v := range sections {
		if s, ok := v.(map[string]any); ok {
			if _, items := s["items"]; items {
				return true
			}
			if _, content := s["content"]; content {
				return true
			}
		}
	}
	return false
}

// parseReactiveResume renders a Reactive Resume export as Markdown and parses that.
func (p Parser) parseReactiveResume(doc jsonObject) (Resume, error) {
	return renderReactiveResume(doc).parse(p, FormatReactiveResume, "Reactive Resume export")
}

// reactiveSections are the built-in sections of a Reactive Resume export, in the order
// rendered, with the kind of heading each gets.
var reactiveSections = []struct{ key, heading string }{
	{"summary", "Summary"}, {"experience", "Experience"}, {"projects", "Projects"}, {"skills", "Skills"},
	{"education", "Education"}, {"certifications", "Certifications"}, {"awards", "Awards"},
	{"publications", "Publications"}, {"volunteer", "Volunteering"}, {"languages", "Languages"},
	{"interests", "Interests"}, {"references", "References"},
}

// reactiveKnown are the item fields rendered by name; other string-array fields are extras.
var reactiveKnown = []string{
	"id", "visible", "name", "title", "company", "position", "organization", "institution", "issuer",
	"awarder", "publisher", "network", "username", "location", "date", "summary", "description",
	"studyType", "area", "score", "level", "keywords", "url", "icon", "options",
}

// renderReactiveResume renders a Reactive Resume export as Markdown. Items the author hid
// ("visible": false) are left out, as on their resume; summaries are HTML.
func renderReactiveResume(doc jsonObject) *renderer {
	w := new(renderer)
	basics, _ := doc["basics"].(map[string]any)
	b := jsonObject(basics)
	if head := strings.Join(nonEmpty([]string{b.str("name"), b.str("headline", "label")}), " — "); head != "" {
		w.b.WriteString("# " + wording.Squash(head) + "\n")
	}
	all, _ := doc["sections"].(map[string]any)
	sections := jsonObject(all)
	rendered := map[string]bool{}
	for _, s := range reactiveSections {
		sec, _ := sections[s.key].(map[string]any)
		if sec == nil {
			continue
		}
		rendered[s.key] = true
		renderReactiveSection(w, jsonObject(sec), s.key, s.heading)
	}
	// User-defined sections: "custom" holds them by id; other unknown keys are read the same.
	var rest []string
	for k := range sections {
		if !rendered[k] && k != "profiles" {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		sec, _ := sections[k].(map[string]any)
		if k == "custom" {
			ids := make([]string, 0, len(sec))
			for id := range sec {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			for _, id := range ids {
				if c, ok := sec[id].(map[string]any); ok {
					renderReactiveSection(w, jsonObject(c), id, fieldLabel(id))
				}
			}
			continue
		}
		if sec != nil {
			renderReactiveSection(w, jsonObject(sec), k, fieldLabel(k))
		}
	}
	return w
}

func renderReactiveSection(w *renderer, sec jsonObject, key, heading string) {
	if v, ok := sec["visible"].(bool); ok && !v {
		return
	}
	if name := sec.str("name"); name != "" {
		heading = name
	}
	if content := htmlText(sec.str("content")); content != "" {
		w.section(heading)
		w.text(content)
		return
	}
	items := sec.objects("items")
	items = slices.DeleteFunc(items, func(it jsonObject) bool { v, ok := it["visible"].(bool); return ok && !v })
	if len(items) == 0 {
		return
	}
	w.section(heading)
	for _, it := range items {
		switch key {
		case "skills", "languages", "interests":
			name := it.str("name")
			if d := it.str("description"); d != "" {
				name += " (" + d + ")"
			}
			w.item(strings.Join(nonEmpty([]string{name, strings.Join(it.strs("keywords"), ", ")}), ": "))
			continue
		case "certifications", "awards", "publications", "references":
			w.item(strings.Join(nonEmpty([]string{
				it.str("name", "title"), it.str("issuer", "awarder", "publisher"), it.str("date"),
				wording.Squash(htmlText(it.str("summary"))),
			}), " — "))
			continue
		case "education":
			degree := strings.Join(nonEmpty([]string{it.str("studyType"), it.str("area")}), ", ")
			w.entry(Entry{Title: degree, Org: it.str("institution"), Place: it.place("location"), Dates: it.str("date")})
			w.label("Score", it.str("score"))
		default:
			w.entry(Entry{Title: it.str("position", "name", "title"), Org: it.str("company", "organization", "description"), Place: it.place("location"), Dates: it.str("date")})
		}
		w.text(htmlText(it.str("summary")))
		w.label("Stack", strings.Join(it.strs("keywords"), ", "))
		w.extras(it, reactiveKnown...)
	}
}

// htmlText turns the small HTML of a rich-text field into text: list items become "- "
// lines, paragraphs and breaks become line breaks, other tags are dropped and entities
// decoded.
func htmlText(s string) string {
	if !strings.Contains(s, "<") {
		return html.UnescapeString(s)
	}
	var b strings.Builder
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			b.WriteString(html.UnescapeString(s))
			break
		}
		b.WriteString(html.UnescapeString(s[:lt]))
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			break // an unclosed tag: the rest is markup
		}
		tag := strings.ToLower(strings.Trim(s[lt+1:lt+gt], "/ "))
		if i := strings.IndexAny(tag, " \t\n"); i >= 0 {
			tag = tag[:i]
		}
		closing := strings.HasPrefix(s[lt+1:], "/")
		switch tag {
		case "li":
			if !closing {
				b.WriteString("\n- ")
			}
		case "p", "br", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr":
			b.WriteByte('\n')
		}
		s = s[lt+gt+1:]
	}
	// A paragraph inside a list item ("<li><p>Built…</p></li>") leaves the marker alone on
	// its line: join it with the item's text.
	var out []string
	pending := false
	for _, l := range strings.Split(b.String(), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
		case l == "-":
			pending = true
		case pending:
			out = append(out, "- "+l)
			pending = false
		default:
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
