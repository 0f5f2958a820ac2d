package skills

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/resumekit/resumekit/internal/textmatch"
	"github.com/resumekit/resumekit/internal/wording"
)

//go:embed data/backend.json
var backendJSON []byte

// MaxCatalogSize is the largest catalog file [Load] reads, in bytes.
const MaxCatalogSize = 8 << 20

// Catalog is a validated, immutable set of skills, certifications, keywords and guidance for
// one role. Accessors return copies, so callers cannot change it. A Catalog is safe for
// concurrent use by multiple goroutines. The zero value is an empty catalog: it has no
// skills or keywords and finds no mentions; get a real one from [Backend], [Load] or
// [LoadWithVocabulary].
type Catalog struct {
	file catalogFile

	keywords     []Keyword // every keyword, group order, own keywords before related ones
	keywordIndex map[string]int
	generics     []GenericTerm
	genericIndex map[string]int
	skillIndex   map[string]int
	resIndex     map[string]int
	groupIndex   map[string]int

	exact  map[string]lookupEntry // case-sensitive forms, as written
	folded map[string]lookupEntry // every form, ASCII-folded with spaces collapsed

	technologies []Technology // the vocabulary, if loaded with one
	techIndex    map[string]int
	sources      []Source

	matcher  *textmatch.Matcher // keywords, generic terms and the vocabulary
	patterns []patternInfo      // by matcher pattern index
	// keywordMatcher has the matcher's keyword and generic-term patterns only, at the
	// same indices; it is matcher itself when there is no vocabulary.
	keywordMatcher *textmatch.Matcher
	// matchBufs holds *[]textmatch.Match scratch buffers for the scans.
	matchBufs sync.Pool
}

// catalogFile is the JSON file format, documented by [Schema].
type catalogFile struct {
	// Role is the job the catalog describes, such as "Backend Developer".
	Role             string            `json:"role"`
	Skills           []Skill           `json:"skills"`
	Certifications   []Certification   `json:"certifications"`
	KeywordGroups    []Group           `json:"keyword_groups"`
	GenericTerms     []GenericTerm     `json:"generic_terms"`
	BulletExamples   []BulletExample   `json:"bullet_examples"`
	PortfolioSignals []PortfolioSignal `json:"portfolio_signals"`
	Resources        []Resource        `json:"resources"`
}

type lookupEntry struct {
	index   int // into keywords or generics
	generic bool
}

var backend = sync.OnceValue(func() *Catalog {
	c, err := LoadWithVocabulary(bytes.NewReader(backendJSON), bytes.NewReader(technologiesJSON))
	if err != nil {
		// The embedded file is checked by the package's tests; reaching this is a build defect.
		panic("skills: embedded backend catalog is invalid: " + err.Error())
	}
	return c
})

// Backend returns the embedded catalog for backend developers, with the embedded technology
// vocabulary (see [Catalog.Technologies]). It is parsed and validated once, on first use,
// and shared: every call returns the same *Catalog.
func Backend() *Catalog { return backend() }

// Load reads a catalog in the JSON format described by [Schema] and validates it. It rejects
// unknown fields, trailing data, empty names, duplicate ids or terms, references to unknown
// keywords or resources, inverted ranges and unknown enum values, with an error naming the
// item and field. A file larger than [MaxCatalogSize] is rejected.
func Load(r io.Reader) (*Catalog, error) {
	f, err := decodeCatalog(r)
	if err != nil {
		return nil, err
	}
	return build(*f, nil)
}

// decodeCatalog reads and validates a catalog file.
func decodeCatalog(r io.Reader) (*catalogFile, error) {
	f, err := decodeFile[catalogFile](r, "catalog")
	if err != nil {
		return nil, err
	}
	if err := validate(f); err != nil {
		return nil, fmt.Errorf("skills: invalid catalog: %w", err)
	}
	return f, nil
}

// decodeFile reads one JSON object of type T from r, at most MaxCatalogSize bytes, with
// no unknown fields and nothing after it; what names the file in errors ("catalog").
func decodeFile[T any](r io.Reader, what string) (*T, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxCatalogSize+1))
	if err != nil {
		return nil, fmt.Errorf("skills: read %s: %w", what, err)
	}
	if len(data) > MaxCatalogSize {
		return nil, fmt.Errorf("skills: read %s: larger than %d bytes", what, MaxCatalogSize)
	}
	var f T
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("skills: decode %s: %s", what, describeJSONError(data, err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("skills: decode %s: unexpected data after the %s object at %s", what, what, position(data, dec.InputOffset()))
	}
	return &f, nil
}

// describeJSONError turns a decoding error into a message with a line and column.
func describeJSONError(data []byte, err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		// Offset counts the offending byte itself.
		return fmt.Sprintf("%s: %s", position(data, syntax.Offset-1), syntax.Error())
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "value"
		}
		return fmt.Sprintf("%s: %s: cannot use JSON %s as %s", position(data, typ.Offset), field, typ.Value, typ.Type)
	case errors.Is(err, io.EOF):
		return "empty input"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end of input"
	}
	// Unknown fields come back as plain errors, `json: unknown field "x"`, with no offset:
	// point at the first place the name is used as a key.
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if name, ok := strings.CutPrefix(msg, "unknown field "); ok {
		if loc := regexp.MustCompile(regexp.QuoteMeta(name) + `\s*:`).FindIndex(data); loc != nil {
			return fmt.Sprintf("%s: %s", position(data, int64(loc[0])), msg)
		}
	}
	return msg
}

// position formats a byte offset as "line L, column C" (both counted from 1).
func position(data []byte, offset int64) string {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(offset) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("line %d, column %d", line, col)
}

// build indexes a validated file and, if v is not nil, a validated vocabulary.
func build(f catalogFile, v *vocabularyFile) (*Catalog, error) {
	c := &Catalog{
		file:         f,
		keywordIndex: map[string]int{},
		genericIndex: map[string]int{},
		skillIndex:   map[string]int{},
		resIndex:     map[string]int{},
		groupIndex:   map[string]int{},
		exact:        map[string]lookupEntry{},
		folded:       map[string]lookupEntry{},
	}
	for gi := range f.KeywordGroups {
		g := &f.KeywordGroups[gi]
		c.groupIndex[g.ID] = gi
		for i := range g.Keywords {
			g.Keywords[i].Group, g.Keywords[i].Listed = g.ID, true
			c.keywords = append(c.keywords, g.Keywords[i])
		}
		for i := range g.Related {
			g.Related[i].Group = g.ID
			c.keywords = append(c.keywords, g.Related[i])
		}
	}
	for i, k := range c.keywords {
		c.keywordIndex[k.Term] = i
		c.index(lookupEntry{index: i}, k.Term, k.Aliases, k.CaseSensitive)
	}
	c.generics = f.GenericTerms
	for i, g := range c.generics {
		c.genericIndex[g.Term] = i
		c.index(lookupEntry{index: i, generic: true}, g.Term, g.Aliases, g.CaseSensitive)
	}
	for i, s := range f.Skills {
		c.skillIndex[s.ID] = i
	}
	for i, r := range f.Resources {
		c.resIndex[r.ID] = i
	}
	c.techIndex = map[string]int{}
	if v != nil {
		c.technologies, c.sources = v.Technologies, v.Sources
		for i, t := range c.technologies {
			c.techIndex[t.Term] = i
		}
	}
	if err := c.compile(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Catalog) index(e lookupEntry, term string, aliases []string, exact []Form) {
	for _, f := range exact {
		c.exact[wording.Squash(f.Form)] = e
	}
	c.folded[foldKey(term)] = e
	for _, a := range aliases {
		c.folded[foldKey(a)] = e
	}
}

// Role returns the job the catalog describes.
func (c *Catalog) Role() string { return c.file.Role }

// Skills returns every skill, must-have first, in catalog order.
func (c *Catalog) Skills() []Skill {
	out := make([]Skill, 0, len(c.file.Skills))
	for _, t := range Tiers() {
		out = append(out, c.SkillsByTier(t)...)
	}
	return out
}

// SkillsByTier returns the skills of one tier in catalog order.
func (c *Catalog) SkillsByTier(t Tier) []Skill {
	var out []Skill
	for _, s := range c.file.Skills {
		if s.Tier == t {
			out = append(out, s.clone())
		}
	}
	return out
}

// Skill returns the skill with the given id.
func (c *Catalog) Skill(id string) (Skill, bool) {
	return cloneAt(c.file.Skills, Skill.clone, c.skillIndex, id)
}

// Certifications returns every certification in catalog order.
func (c *Catalog) Certifications() []Certification {
	return append([]Certification(nil), c.file.Certifications...)
}

// Groups returns every keyword group in catalog order.
func (c *Catalog) Groups() []Group { return cloneAll(c.file.KeywordGroups, Group.clone) }

// Group returns the keyword group with the given id.
func (c *Catalog) Group(id string) (Group, bool) {
	return cloneAt(c.file.KeywordGroups, Group.clone, c.groupIndex, id)
}

// Keywords returns every keyword, group by group, each group's own keywords before its
// related ones.
func (c *Catalog) Keywords() []Keyword { return cloneAll(c.keywords, Keyword.clone) }

// Keyword returns the keyword whose canonical term is term, exactly as spelled.
// Use [Catalog.Lookup] to resolve an alias or another spelling.
func (c *Catalog) Keyword(term string) (Keyword, bool) {
	return cloneAt(c.keywords, Keyword.clone, c.keywordIndex, term)
}

// Lookup resolves a term, alias or spelling to its canonical keyword: "Postgres",
// "postgresql" and "PostgreSQL" all give PostgreSQL; "k8s" gives Kubernetes. A case-sensitive
// form matches exactly first; failing that, ASCII case and runs of spaces are ignored, so
// Lookup("golang") and Lookup("go") both give Go. Generic terms are not keywords: see
// [Catalog.Generic].
func (c *Catalog) Lookup(term string) (Keyword, bool) {
	e, ok := c.resolve(term)
	if !ok || e.generic {
		return Keyword{}, false
	}
	return c.keywords[e.index].clone(), true
}

// Generic resolves a generic term or one of its aliases, like [Catalog.Lookup].
func (c *Catalog) Generic(term string) (GenericTerm, bool) {
	e, ok := c.resolve(term)
	if !ok || !e.generic {
		return GenericTerm{}, false
	}
	return c.generics[e.index].clone(), true
}

func (c *Catalog) resolve(term string) (lookupEntry, bool) {
	if e, ok := c.exact[wording.Squash(term)]; ok {
		return e, true
	}
	e, ok := c.folded[foldKey(term)]
	if ok {
		return e, true
	}
	// A case-sensitive form asked for in another case ("go", "rest").
	for form, e := range c.exact {
		if foldKey(form) == foldKey(term) {
			return e, true
		}
	}
	return lookupEntry{}, false
}

// GenericTerms returns every generic term in catalog order.
func (c *Catalog) GenericTerms() []GenericTerm { return cloneAll(c.generics, GenericTerm.clone) }

// BulletExamples returns the weak→strong bullet pairs in catalog order.
func (c *Catalog) BulletExamples() []BulletExample {
	return append([]BulletExample(nil), c.file.BulletExamples...)
}

// PortfolioSignals returns the portfolio signals in catalog order.
func (c *Catalog) PortfolioSignals() []PortfolioSignal {
	return append([]PortfolioSignal(nil), c.file.PortfolioSignals...)
}

// Resources returns every learning resource in catalog order.
func (c *Catalog) Resources() []Resource { return cloneAll(c.file.Resources, Resource.clone) }

// Resource returns the resource with the given id.
func (c *Catalog) Resource(id string) (Resource, bool) {
	return cloneAt(c.file.Resources, Resource.clone, c.resIndex, id)
}

// WriteJSON writes the catalog in its file format, indented, so that [Load] reads it back.
func (c *Catalog) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c.file); err != nil {
		return fmt.Errorf("skills: write catalog: %w", err)
	}
	return nil
}

// foldKey is the lookup key of a form: ASCII lowercase with runs of spaces collapsed.
func foldKey(s string) string { return strings.ToLower(wording.Squash(s)) }

func itoa(n int) string { return strconv.Itoa(n) }
