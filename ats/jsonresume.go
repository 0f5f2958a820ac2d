package ats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/resumekit/resumekit/internal/wording"
)

// jsonObject is one object of a JSON resume document, decoded loosely so that every version
// of the schema and every extension field can be read.
type jsonObject map[string]any

// str returns the first of keys that holds a non-blank string: str("name", "company") reads
// v1's work.name and v0's work.company.
func (o jsonObject) str(keys ...string) string {
	for _, k := range keys {
		if s, ok := o[k].(string); ok && strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// strs returns the strings of the array under key, skipping blanks and non-strings.
func (o jsonObject) strs(key string) []string {
	arr, _ := o[key].([]any)
	var out []string
	for _, v := range arr {
		if s, ok := v.(string); ok && strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// objects returns the objects of the array under key.
func (o jsonObject) objects(key string) []jsonObject {
	arr, _ := o[key].([]any)
	out := make([]jsonObject, 0, len(arr))
	for _, v := range arr {
		if m, ok := v.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// extras returns, sorted by key, the string arrays of o under keys not in known: the
// extension fields ("technologies", "tools") people add to their entries.
func (o jsonObject) extras(known ...string) [][2]string {
	var out [][2]string
	for k := range o {
		if slices.Contains(known, k) {
			continue
		}
		if vals := o.strs(k); len(vals) > 0 {
			out = append(out, [2]string{fieldLabel(k), strings.Join(vals, ", ")})
		}
	}
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return out
}

// fieldLabel turns a JSON key into a label: "techStack" → "Tech Stack", "tools_used" →
// "Tools Used".
func fieldLabel(key string) string {
	var b strings.Builder
	prevLower := false
	for i, r := range key {
		switch {
		case r == '_' || r == '-':
			b.WriteByte(' ')
			prevLower = false
			continue
		case unicode.IsUpper(r) && prevLower:
			b.WriteByte(' ')
		case i == 0:
			r = unicode.ToUpper(r)
		}
		b.WriteRune(r)
		prevLower = unicode.IsLower(r) || unicode.IsDigit(r)
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// renderer writes a resume document as the Markdown [Parser.ParseResume] reads: "##"
// sections, "###" entry headings, list items for highlights.
type renderer struct {
	b bytes.Buffer
	// entries are the entries rendered, by the line number of their heading: the document
	// says which part is the title, the organisation, the place and the dates, so they are
	// not guessed back from the heading.
	entries map[int]Entry
}

func (w *renderer) line(s string) {
	if s = wording.Squash(s); s != "" {
		w.b.WriteString(s)
		w.b.WriteByte('\n')
	}
}

func (w *renderer) item(s string) {
	if s = wording.Squash(s); s != "" {
		w.b.WriteString("- " + s + "\n")
	}
}

// text writes a multi-line string: its list items as items, its other lines as lines.
func (w *renderer) text(s string) {
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if n := bulletMarker(l); n > 0 {
			w.item(l[n:])
		} else {
			w.line(l)
		}
	}
}

func (w *renderer) section(title string) { w.b.WriteString("\n## " + title + "\n") }

// entry writes an entry heading from its non-empty parts and records the entry.
func (w *renderer) entry(e Entry) {
	e = Entry{Title: wording.Squash(e.Title), Org: wording.Squash(e.Org), Place: wording.Squash(e.Place), Dates: wording.Squash(e.Dates)}
	if s := strings.Join(nonEmpty([]string{e.Title, e.Org, e.Place, e.Dates}), " — "); s != "" {
		if w.entries == nil {
			w.entries = map[int]Entry{}
		}
		w.entries[bytes.Count(w.b.Bytes(), []byte("\n"))+1] = e
		w.b.WriteString("### " + s + "\n")
	}
}

// parse parses the rendered Markdown as a resume of the given format, and gives its entries
// the fields the document named; what names the format in errors.
func (w *renderer) parse(p Parser, f Format, what string) (Resume, error) {
	if strings.TrimSpace(w.b.String()) == "" {
		return Resume{}, fmt.Errorf("ats: parse %s: %w: every section is empty", what, ErrEmpty)
	}
	r, err := p.ParseResume(w.b.String())
	r.Format = f
	for i := range r.Sections {
		for j := range r.Sections[i].Entries {
			e := &r.Sections[i].Entries[j]
			if known, ok := w.entries[e.Line]; ok {
				known.Line, known.Start = e.Line, e.Start
				*e = known
			}
		}
	}
	return r, err
}

// place reads a location given as a string ("Austin, TX") or as an object with city,
// region and country, as some exports write work.location.
func (o jsonObject) place(key string) string {
	if s := o.str(key); s != "" {
		return s
	}
	loc, _ := o[key].(map[string]any)
	l := jsonObject(loc)
	return strings.Join(nonEmpty([]string{l.str("city"), l.str("region"), l.str("countryCode", "country")}), ", ")
}

func (w *renderer) label(label, value string) {
	if value = strings.TrimSpace(value); value != "" {
		w.line(label + ": " + value)
	}
}

func (w *renderer) extras(o jsonObject, known ...string) {
	for _, kv := range o.extras(known...) {
		w.label(kv[0], kv[1])
	}
}

// dates renders a start and end date as a range: "2020-01 – 2022-03", "2020-01 – Present"
// (JSON Resume leaves endDate out for a current position).
func dates(start, end string) string {
	switch {
	case start == "" && end == "":
		return ""
	case start == "":
		return end
	case end == "":
		return start + " – Present"
	}
	return start + " – " + end
}

// jsonResumeKeys are the top-level keys of the JSON Resume schema, v0 and v1.
var jsonResumeKeys = []string{
	"basics", "work", "volunteer", "education", "awards", "certificates", "publications", "skills",
	"languages", "interests", "references", "projects", "meta",
}

// ParseJSONResume is shorthand for Parser{}.ParseJSONResume(data).
func ParseJSONResume(data []byte) (Resume, error) { return Parser{}.ParseJSONResume(data) }

// ParseJSONResume reads a resume in the JSON Resume format (jsonresume.org), v1 and the v0
// field names (work.company, work.website, education.gpa, languages.name): basics, work,
// volunteer, education, awards, certificates, publications, skills, languages, interests,
// references and projects. Extension fields that hold arrays of strings ("technologies",
// "tools") are read into their entry as "Label: a, b" lines. It renders the document as
// Markdown (entries as "###" headings, highlights as list items) and parses that, so
// offsets and line numbers refer to the rendered [Resume.Text]; each [Entry] takes its title,
// organisation, place (a string, or an object with city, region and country) and dates from
// the document's fields rather than from the heading. A UTF-8 byte order mark and
// UTF-16 with a byte order mark are accepted. A Reactive Resume export (which also has
// "basics") is read as one. A document with none of the schema's sections, and a FRESH
// resume (fresh-standard, whose "employment", "education" and "skills" are objects), are
// errors wrapping [ErrNotResume].
func (p Parser) ParseJSONResume(data []byte) (Resume, error) {
	text, err := DecodeText(data)
	if err != nil {
		return Resume{}, err
	}
	if err := p.check("JSON resume", text); err != nil {
		return Resume{}, err
	}
	var doc jsonObject
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		return Resume{}, fmt.Errorf("ats: parse JSON resume: %w", err)
	}
	if len(doc) == 0 {
		return Resume{}, fmt.Errorf("ats: parse JSON resume: %w: an empty object", ErrEmpty)
	}
	if isReactiveResume(doc) {
		return p.parseReactiveResume(doc)
	}
	if isFRESH(doc) {
		// FRESH shares key names with JSON Resume ("projects", "skills") but not their
		// shapes: read as JSON Resume it would lose its jobs, or fail on a shape error
		// that does not say why.
		return Resume{}, fmt.Errorf("ats: parse JSON resume: %w: a FRESH resume (employment.history): convert it to JSON Resume first, for example with HackMyResume's CONVERT command", ErrNotResume)
	}
	if !slices.ContainsFunc(jsonResumeKeys, func(k string) bool { _, ok := doc[k]; return ok }) {
		return Resume{}, fmt.Errorf("ats: parse JSON resume: %w: a JSON document that is neither JSON Resume (no %s) nor a Reactive Resume export (no sections with items)",
			ErrNotResume, strings.Join(jsonResumeKeys[:len(jsonResumeKeys)-1], ", "))
	}
	if err := checkJSONResumeShape(doc); err != nil {
		return Resume{}, err
	}
	return renderJSONResume(doc).parse(p, FormatJSONResume, "JSON resume")
}

// isFRESH reports whether doc is a FRESH resume (fresh-standard), which says so in
// meta.format ("FRESH@0.6.0") or keeps its jobs under employment.history.
func isFRESH(doc jsonObject) bool {
	meta, _ := doc["meta"].(map[string]any)
	if f, _ := meta["format"].(string); strings.HasPrefix(strings.ToUpper(f), "FRESH") {
		return true
	}
	employment, _ := doc["employment"].(map[string]any)
	_, ok := employment["history"].([]any)
	return ok
}

// checkJSONResumeShape rejects a document whose sections have the wrong JSON type, which
// would otherwise be skipped without a word: "work" must be an array of objects, "basics"
// and "meta" objects.
func checkJSONResumeShape(doc jsonObject) error {
	for _, k := range jsonResumeKeys {
		v, ok := doc[k]
		if !ok || v == nil {
			continue
		}
		switch k {
		case "basics", "meta":
			if _, ok := v.(map[string]any); !ok {
				return fmt.Errorf("ats: parse JSON resume: %s is %s, want an object", k, jsonType(v))
			}
		default:
			arr, ok := v.([]any)
			if !ok {
				return fmt.Errorf("ats: parse JSON resume: %s is %s, want an array of objects", k, jsonType(v))
			}
			for i, item := range arr {
				if _, ok := item.(map[string]any); !ok {
					return fmt.Errorf("ats: parse JSON resume: %s[%d] is %s, want an object", k, i, jsonType(item))
				}
			}
		}
	}
	return nil
}

func jsonType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "null"
}

func renderJSONResume(doc jsonObject) *renderer {
	w := new(renderer)
	basics, _ := doc["basics"].(map[string]any)
	b := jsonObject(basics)
	if head := strings.Join(nonEmpty([]string{b.str("name"), b.str("label")}), " — "); head != "" {
		w.b.WriteString("# " + wording.Squash(head) + "\n")
	}
	if s := b.str("summary"); s != "" {
		w.section("Summary")
		w.text(s)
	}
	if work := doc.objects("work"); len(work) > 0 {
		w.section("Experience")
		for _, e := range work {
			w.entry(Entry{Title: e.str("position"), Org: e.str("name", "company"), Place: e.place("location"), Dates: dates(e.str("startDate"), e.str("endDate"))})
			w.text(e.str("description"))
			w.text(e.str("summary"))
			for _, h := range e.strs("highlights") {
				w.item(h)
			}
			w.label("Keywords", strings.Join(e.strs("keywords"), ", "))
			w.extras(e, "name", "company", "position", "location", "description", "url", "website",
				"startDate", "endDate", "summary", "highlights", "keywords")
		}
	}
	if projects := doc.objects("projects"); len(projects) > 0 {
		w.section("Projects")
		for _, e := range projects {
			w.entry(Entry{Title: e.str("name"), Org: e.str("entity"), Dates: dates(e.str("startDate"), e.str("endDate"))})
			w.label("Roles", strings.Join(e.strs("roles"), ", "))
			w.text(e.str("description"))
			w.text(e.str("summary"))
			for _, h := range e.strs("highlights") {
				w.item(h)
			}
			w.label("Stack", strings.Join(e.strs("keywords"), ", "))
			w.extras(e, "name", "entity", "type", "url", "startDate", "endDate", "roles", "description",
				"summary", "highlights", "keywords")
		}
	}
	if skills := doc.objects("skills"); len(skills) > 0 {
		w.section("Skills")
		for _, s := range skills {
			name := s.str("name")
			if level := s.str("level"); level != "" && name != "" {
				name += " (" + level + ")"
			}
			kw := strings.Join(s.strs("keywords"), ", ")
			switch {
			case kw == "":
				w.item(name)
			case name == "":
				w.item(kw)
			default:
				w.item(name + ": " + kw)
			}
		}
	}
	if education := doc.objects("education"); len(education) > 0 {
		w.section("Education")
		for _, e := range education {
			degree := strings.Join(nonEmpty([]string{e.str("studyType"), e.str("area")}), ", ")
			w.entry(Entry{Title: degree, Org: e.str("institution"), Place: e.place("location"), Dates: dates(e.str("startDate"), e.str("endDate"))})
			w.label("Score", e.str("score", "gpa"))
			w.label("Courses", strings.Join(e.strs("courses"), ", "))
			w.extras(e, "institution", "url", "area", "studyType", "startDate", "endDate", "score", "gpa", "courses")
		}
	}
	if certs := doc.objects("certificates"); len(certs) > 0 {
		w.section("Certifications")
		for _, c := range certs {
			w.item(strings.Join(nonEmpty([]string{c.str("name"), c.str("issuer"), c.str("date")}), " — "))
		}
	}
	if vol := doc.objects("volunteer"); len(vol) > 0 {
		w.section("Volunteering")
		for _, e := range vol {
			w.entry(Entry{Title: e.str("position"), Org: e.str("organization"), Place: e.place("location"), Dates: dates(e.str("startDate"), e.str("endDate"))})
			w.text(e.str("summary"))
			for _, h := range e.strs("highlights") {
				w.item(h)
			}
			w.extras(e, "organization", "position", "url", "website", "startDate", "endDate", "summary", "highlights")
		}
	}
	if awards := doc.objects("awards"); len(awards) > 0 {
		w.section("Awards")
		for _, a := range awards {
			w.item(strings.Join(nonEmpty([]string{a.str("title"), a.str("awarder"), a.str("date"), a.str("summary")}), " — "))
		}
	}
	if pubs := doc.objects("publications"); len(pubs) > 0 {
		w.section("Publications")
		for _, pb := range pubs {
			w.item(strings.Join(nonEmpty([]string{pb.str("name"), pb.str("publisher"), pb.str("releaseDate"), pb.str("summary")}), " — "))
		}
	}
	if langs := doc.objects("languages"); len(langs) > 0 {
		w.section("Languages")
		for _, l := range langs {
			name, level := l.str("language", "name"), l.str("fluency", "level")
			if level != "" {
				name += " (" + level + ")"
			}
			w.item(name)
		}
	}
	if interests := doc.objects("interests"); len(interests) > 0 {
		w.section("Interests")
		for _, in := range interests {
			w.item(strings.Join(nonEmpty([]string{in.str("name"), strings.Join(in.strs("keywords"), ", ")}), ": "))
		}
	}
	if refs := doc.objects("references"); len(refs) > 0 {
		w.section("References")
		for _, rf := range refs {
			w.item(strings.Join(nonEmpty([]string{rf.str("reference"), rf.str("name")}), " — "))
		}
	}
	return w
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
