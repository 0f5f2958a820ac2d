// Command vocabgen builds skills/data/technologies.json, the technology vocabulary, from
// public source files and the curation in curation.json beside it. The data file is
// committed; the build never runs this program and never needs the network.
//
//	go run ./skills/internal/vocabgen \
//		-linguist languages.yml -linguist-commit SHA \
//		-explore path/to/github-explore/topics -explore-commit SHA \
//		-words /usr/share/dict/words \
//		-out skills/data/technologies.json
//
// Sources:
//   - GitHub Linguist's lib/linguist/languages.yml (MIT): languages of type programming, and
//     the data and markup formats the curation lists (most of Linguist's are one program's
//     files: "Git Attributes", "Wavefront Object").
//   - github/explore's topics/*/index.md (CC BY 4.0): the topics that name a technology (a
//     project with a URL whose description says what kind of software it is).
//   - curation.json (ours): exclusions, extra technologies, categories, case and context rules.
//
// Rules applied to every candidate:
//   - A term, or alias, that is already a form of a catalog keyword or generic term
//     (skills/data/backend.json) is left out: the catalog's keyword wins.
//   - A one-word name that is an ordinary English word (found in lowercase in -words) is left
//     out unless curation.json keeps it, and then it matches only as written (case-sensitive)
//     unless the curation says otherwise: "Swift", "Elixir" and "Chef" but not "swift".
//   - Names of one or two characters are left out unless curated.
//   - Aliases come from the sources' aliases and topic slugs without hyphens or versions
//     ("postgres", "nextjs"), never an English word.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/resumekit/resumekit/skills"
)

func main() {
	linguist := flag.String("linguist", "", "GitHub Linguist languages.yml")
	linguistCommit := flag.String("linguist-commit", "", "commit of languages.yml")
	explore := flag.String("explore", "", "github/explore topics directory (one index.md per topic, or topic.md files)")
	exploreCommit := flag.String("explore-commit", "", "commit of github/explore")
	words := flag.String("words", "/usr/share/dict/words", "English word list, one word a line")
	catalog := flag.String("catalog", "skills/data/backend.json", "the catalog whose forms the vocabulary must not repeat")
	curationPath := flag.String("curation", "skills/internal/vocabgen/curation.json", "curation file")
	out := flag.String("out", "skills/data/technologies.json", "output file")
	flag.Parse()
	if err := run(*linguist, *linguistCommit, *explore, *exploreCommit, *words, *catalog, *curationPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "vocabgen:", err)
		os.Exit(1)
	}
}

// curation is curation.json.
type curation struct {
	// Exclude are names (any case) never to include.
	Exclude []string `json:"exclude"`
	// Keep are English-word or short names to include anyway.
	Keep []string `json:"keep"`
	// Formats are Linguist data and markup names to include (as category "format").
	Formats []string `json:"formats"`
	// Extra are technologies no source lists well enough, with their own fields.
	Extra []skills.Technology `json:"extra"`
	// Rules override case and context rules, aliases and categories by term.
	Rules map[string]rule `json:"rules"`
}

type rule struct {
	Term          string          `json:"term,omitempty"` // rename
	Category      skills.Category `json:"category,omitempty"`
	Aliases       []string        `json:"aliases,omitempty"`
	DropAliases   []string        `json:"drop_aliases,omitempty"`
	CaseSensitive []skills.Form   `json:"case_sensitive,omitempty"`
	// AnyCase drops the default case-sensitivity of an English-word name.
	AnyCase bool `json:"any_case,omitempty"`
}

type vocabulary struct {
	Version      int                 `json:"version"`
	Sources      []skills.Source     `json:"sources"`
	Technologies []skills.Technology `json:"technologies"`
}

func run(linguist, linguistCommit, explore, exploreCommit, wordsPath, catalogPath, curationPath, out string) error {
	var cur curation
	if err := readJSON(curationPath, &cur); err != nil {
		return err
	}
	english, err := readWords(wordsPath)
	if err != nil {
		return err
	}
	taken, err := catalogForms(catalogPath)
	if err != nil {
		return err
	}
	b := builder{cur: cur, english: english, taken: taken, index: map[string]int{},
		exclude: foldSet(cur.Exclude), keep: foldSet(cur.Keep)}

	// The curated entries come first so that their canonical terms win over a source's
	// spelling and sources merge into them.
	for _, t := range cur.Extra {
		t.Source = "resumekit"
		b.add(t)
	}
	langs, err := readLinguist(linguist)
	if err != nil {
		return err
	}
	formats := foldSet(cur.Formats)
	for _, l := range langs {
		// Linguist's aliases are code-fence names ("nomad" for HCL, "bazel" for Starlark);
		// only spellings of the name itself are aliases a person would write.
		l.aliases = slices.DeleteFunc(l.aliases, func(a string) bool { return !sameStem(a, l.name) })
		switch {
		case l.kind == "programming":
			b.add(skills.Technology{Term: l.name, Aliases: l.aliases, Category: "language", Source: "linguist"})
		case formats[fold(l.name)]:
			b.add(skills.Technology{Term: l.name, Aliases: l.aliases, Category: "format", Source: "linguist"})
		}
	}
	topics, err := readExplore(explore)
	if err != nil {
		return err
	}
	for _, t := range topics {
		if cat, ok := topicCategory(t); ok {
			b.add(skills.Technology{Term: t.name, Aliases: t.aliases, Category: cat, Source: "github-explore"})
		}
	}
	b.applyRules()
	sort.Slice(b.out, func(i, j int) bool { return fold(b.out[i].Term) < fold(b.out[j].Term) })
	v := vocabulary{
		Version: 1,
		Sources: []skills.Source{
			{ID: "linguist", Name: "GitHub Linguist, lib/linguist/languages.yml", URL: "https://github.com/github-linguist/linguist/blob/main/lib/linguist/languages.yml", Commit: linguistCommit, License: "MIT"},
			{ID: "github-explore", Name: "GitHub Explore topics, topics/*/index.md", URL: "https://github.com/github/explore/tree/main/topics", Commit: exploreCommit, License: "CC-BY-4.0"},
			{ID: "resumekit", Name: "resumekit curation (skills/internal/vocabgen/curation.json)", URL: "https://github.com/resumekit/resumekit", License: "same as resumekit"},
		},
		Technologies: b.out,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "vocabgen: %d technologies (%d skipped as English words, %d as catalog forms)\n", len(b.out), b.skippedEnglish, b.skippedCatalog)
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

type builder struct {
	cur            curation
	english        map[string]bool
	taken          map[string]bool // folded forms of the catalog
	exclude, keep  map[string]bool
	index          map[string]int // folded form → index in out
	out            []skills.Technology
	skippedEnglish int
	skippedCatalog int
}

var versionSuffix = regexp.MustCompile(`[0-9]+$`)

// add merges t into the vocabulary, or leaves it out by the rules in the package doc.
func (b *builder) add(t skills.Technology) {
	t.Term = strings.TrimSpace(t.Term)
	if r, ok := b.cur.Rules[t.Term]; ok && r.Term != "" {
		t.Aliases = append(t.Aliases, t.Term)
		t.Term = r.Term
	}
	key := fold(t.Term)
	kept := b.keep[key]
	switch {
	case key == "" || b.exclude[key]:
		return
	case b.taken[key]:
		b.skippedCatalog++
		return
	case len(key) <= 2 && !kept:
		return
	case !strings.Contains(key, " ") && b.english[key] && !kept:
		b.skippedEnglish++
		return
	}
	if i, ok := b.index[key]; ok {
		// The same technology from another source: keep the first term, add aliases.
		b.out[i].Aliases = b.aliases(b.out[i].Term, append(b.out[i].Aliases, t.Aliases...))
		for _, a := range b.out[i].Aliases {
			b.index[fold(a)] = i
		}
		return
	}
	for _, a := range t.Aliases {
		if _, dup := b.index[fold(a)]; dup && fold(a) != key {
			// An alias naming another technology ("Bash" as an alias of Shell) is that one.
			t.Aliases = slices.DeleteFunc(t.Aliases, func(s string) bool { return s == a })
		}
	}
	t.Aliases = b.aliases(t.Term, t.Aliases)
	if !strings.Contains(key, " ") && b.english[key] || len(key) <= 2 {
		t.CaseSensitive = []skills.Form{{Form: t.Term}}
	}
	for _, a := range t.Aliases {
		if isAcronym(a) && (len(a) < 4 || b.english[fold(a)]) {
			// A short or English-word acronym counts only in capitals: "ELK", not "elk".
			t.CaseSensitive = append(t.CaseSensitive, skills.Form{Form: a})
		}
	}
	b.out = append(b.out, t)
	i := len(b.out) - 1
	b.index[key] = i
	for _, a := range t.Aliases {
		b.index[fold(a)] = i
	}
}

// aliases cleans a term's aliases: no hyphenated slugs, no versions, no English words, no
// catalog forms, nothing shorter than four bytes, no repeats, nothing another technology has.
func (b *builder) aliases(term string, in []string) []string {
	out := []string{}
	seen := map[string]bool{fold(term): true}
	for _, a := range in {
		a = strings.TrimSpace(a)
		k := fold(a)
		if seen[k] || len(a) < 4 && !isAcronym(a) || strings.Contains(a, "-") || strings.Contains(a, "_") ||
			b.english[k] && !isAcronym(a) || b.taken[k] || b.exclude[k] {
			continue
		}
		if v := versionSuffix.FindString(a); v != "" && fold(strings.TrimSuffix(a, v)) == fold(term) {
			continue // "angular2", "drupal7"
		}
		if i, ok := b.index[k]; ok && fold(b.out[i].Term) != fold(term) {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

func (b *builder) applyRules() {
	for i := range b.out {
		t := &b.out[i]
		r, ok := b.cur.Rules[t.Term]
		if !ok {
			continue
		}
		if r.Category != "" {
			t.Category = r.Category
		}
		t.Aliases = slices.DeleteFunc(t.Aliases, func(a string) bool { return slices.Contains(r.DropAliases, a) })
		have := map[string]bool{fold(t.Term): true}
		for _, a := range t.Aliases {
			have[fold(a)] = true
		}
		for _, a := range r.Aliases {
			if j, other := b.index[fold(a)]; other && j != i {
				continue // another technology's form
			}
			if !have[fold(a)] && !b.taken[fold(a)] {
				have[fold(a)] = true
				t.Aliases = append(t.Aliases, a)
			}
		}
		if r.AnyCase {
			t.CaseSensitive = nil
		}
		if len(r.CaseSensitive) > 0 {
			t.CaseSensitive = r.CaseSensitive
		}
	}
}

type language struct {
	name, kind string
	aliases    []string
}

// readLinguist reads the names, types and aliases of languages.yml. The file's top-level
// keys are language names; "type:" and "aliases:" are two-space indented fields.
func readLinguist(path string) ([]language, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []language
	var cur *language
	inAliases := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "" || strings.HasPrefix(line, "#") || line == "---":
		case !strings.HasPrefix(line, " ") && strings.HasSuffix(line, ":"):
			out = append(out, language{name: unquote(strings.TrimSuffix(line, ":"))})
			cur, inAliases = &out[len(out)-1], false
		case cur == nil:
		case strings.HasPrefix(line, "  type: "):
			cur.kind = strings.TrimSpace(strings.TrimPrefix(line, "  type: "))
			inAliases = false
		case line == "  aliases:":
			inAliases = true
		case inAliases && strings.HasPrefix(line, "  - "):
			cur.aliases = append(cur.aliases, unquote(strings.TrimPrefix(line, "  - ")))
		case strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "  -"):
			inAliases = false
		}
	}
	return out, sc.Err()
}

type topic struct {
	slug, name, description string
	aliases                 []string
	hasURL                  bool
}

// readExplore reads the front matter of every topic.
func readExplore(dir string) ([]topic, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []topic
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if e.IsDir() {
			path = filepath.Join(path, "index.md")
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		parts := strings.SplitN(string(data), "---", 3)
		if len(parts) < 3 {
			continue
		}
		fields := map[string]string{}
		for _, line := range strings.Split(parts[1], "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok {
				fields[strings.TrimSpace(k)] = unquote(strings.TrimSpace(v))
			}
		}
		t := topic{slug: fields["topic"], name: fields["display_name"], description: fields["short_description"],
			hasURL: fields["url"] != "" || fields["github_url"] != ""}
		for _, a := range strings.Split(fields["aliases"], ",") {
			if a = strings.TrimSpace(a); a != "" {
				t.aliases = append(t.aliases, a)
			}
		}
		if t.slug != "" {
			t.aliases = append(t.aliases, t.slug)
		}
		out = append(out, t)
	}
	return out, nil
}

// Words in a topic's short description that say what kind of technology it is, in order of
// precedence, and words that say it is not one.
var (
	categoryWords = []struct {
		re       *regexp.Regexp
		category skills.Category
	}{
		{regexp.MustCompile(`(?i)\b(database|data ?warehouse|key-value store|datastore|data store|search engine based)\b`), "database"},
		{regexp.MustCompile(`(?i)\bprogramming language|\blanguage\b`), "language"},
		{regexp.MustCompile(`(?i)\bframework\b`), "framework"},
		{regexp.MustCompile(`(?i)\b(library|toolkit|module|package for|orm)\b`), "library"},
		{regexp.MustCompile(`(?i)\bprotocol\b`), "protocol"},
		{regexp.MustCompile(`(?i)\b(cloud|platform|service|operating system|distribution)\b`), "platform"},
		{regexp.MustCompile(`(?i)\b(tool|software|engine|server|runtime|compiler|editor|ide|cli|sdk|manager|system|browser|container|orchestrat\w*|monitoring|testing|build|linter|queue|cache|infrastructure|javascript|python|open.source)\b`), "tool"},
	}
	notTechnology = regexp.MustCompile(`(?i)\b(video game|genre of|hackathon|school|university|game series|a game|is a game|cryptocurrency|social network|community|conference|anime|music|students|competition|streaming platform|mod\b|minecraft|roblox|fantasy console|fantasy computer)`)
)

// topicCategory decides whether a topic names a technology, and which kind.
func topicCategory(t topic) (skills.Category, bool) {
	if !t.hasURL || notTechnology.MatchString(t.description) || strings.EqualFold(t.name, t.slug) && strings.Contains(t.slug, "-") {
		return "", false
	}
	for _, c := range categoryWords {
		if c.re.MatchString(t.description) {
			return c.category, true
		}
	}
	return "", false
}

// catalogForms returns every folded form of the catalog's keywords and generic terms.
func catalogForms(path string) (map[string]bool, error) {
	var c struct {
		KeywordGroups []struct {
			Keywords, Related []struct {
				Term    string   `json:"term"`
				Aliases []string `json:"aliases"`
			}
		} `json:"keyword_groups"`
		GenericTerms []struct {
			Term    string   `json:"term"`
			Aliases []string `json:"aliases"`
		} `json:"generic_terms"`
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	forms := map[string]bool{}
	for _, g := range c.KeywordGroups {
		for _, k := range append(g.Keywords, g.Related...) {
			forms[fold(k.Term)] = true
			for _, a := range k.Aliases {
				forms[fold(a)] = true
			}
		}
	}
	for _, g := range c.GenericTerms {
		forms[fold(g.Term)] = true
		for _, a := range g.Aliases {
			forms[fold(a)] = true
		}
	}
	return forms, nil
}

// readWords returns the lowercase words of a word list: a word written only capitalised
// there ("Julia") is a name, not an English word.
func readWords(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, w := range strings.Split(string(data), "\n") {
		if w != "" && w == strings.ToLower(w) && !strings.Contains(w, "'") {
			out[w] = true
		}
	}
	return out, nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// isAcronym reports whether s is two or more capital letters and digits, starting with a
// letter: "ELK", "OCI", "D3".
func isAcronym(s string) bool {
	if len(s) < 2 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9') {
			return false
		}
	}
	return true
}

// sameStem reports whether alias starts with the first three letters or digits of name
// ("golang" for Go does not; "csharp" for C# does not; "postgres" for PostgreSQL does).
func sameStem(alias, name string) bool {
	stem := func(s string) string {
		var b strings.Builder
		for _, r := range strings.ToLower(s) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	a, n := stem(alias), stem(name)
	return len(n) >= 3 && strings.HasPrefix(a, n[:3])
}

func foldSet(list []string) map[string]bool {
	out := map[string]bool{}
	for _, s := range list {
		out[fold(s)] = true
	}
	return out
}

func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}
