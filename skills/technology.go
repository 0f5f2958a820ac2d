package skills

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
)

//go:embed data/technologies.json
var technologiesJSON []byte

// Category says what kind of technology a [Technology] is.
type Category string

// The categories of the technology vocabulary.
const (
	LanguageCategory  Category = "language"  // a programming or query language: Elixir, Scala
	FrameworkCategory Category = "framework" // Phoenix, Next.js, Spring Cloud
	LibraryCategory   Category = "library"   // pandas, SQLAlchemy, Redux
	DatabaseCategory  Category = "database"  // Snowflake, ClickHouse, Neo4j
	CloudCategory     Category = "cloud"     // a cloud provider's service: Amazon Redshift, Cloud Spanner
	PlatformCategory  Category = "platform"  // an operating system or hosted platform: Linux, Heroku
	ToolCategory      Category = "tool"      // Datadog, Apache Airflow, Ansible
	ProtocolCategory  Category = "protocol"  // WebSocket, SAML, AMQP
	FormatCategory    Category = "format"    // a data or markup format: YAML, Protocol Buffers
)

func (c Category) valid() bool {
	switch c {
	case LanguageCategory, FrameworkCategory, LibraryCategory, DatabaseCategory, CloudCategory,
		PlatformCategory, ToolCategory, ProtocolCategory, FormatCategory:
		return true
	}
	return false
}

// Technology is a named technology of the vocabulary: a language, framework, library,
// database, cloud service, platform, tool, protocol or format that a job may ask for beyond
// the catalog's own keywords. Its forms follow the same rules as a [Keyword]'s: aliases, and
// case-sensitive forms with the context they need ("Swift", not "swift"; "Chef", not "sous
// Chef").
type Technology struct {
	// Term is the canonical spelling: "Apache Airflow".
	Term string `json:"term"`
	// Aliases are other spellings: "Airflow".
	Aliases []string `json:"aliases"`
	// CaseSensitive lists the forms that count only with their exact case and context; see
	// [Keyword.CaseSensitive].
	CaseSensitive []Form   `json:"case_sensitive,omitempty"`
	Category      Category `json:"category"`
	// Source is the id of the [Source] the entry comes from.
	Source string `json:"source"`
}

func (t Technology) clone() Technology {
	k := Keyword{Term: t.Term, Aliases: t.Aliases, CaseSensitive: t.CaseSensitive}.clone()
	t.Aliases, t.CaseSensitive = k.Aliases, k.CaseSensitive
	return t
}

// Source names where technologies of the vocabulary come from, and under which licence.
type Source struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	URL     string `json:"url"`
	Commit  string `json:"commit,omitempty"`
	License string `json:"license"`
}

// vocabularyFile is the file format of data/technologies.json.
type vocabularyFile struct {
	Version      int          `json:"version"`
	Sources      []Source     `json:"sources"`
	Technologies []Technology `json:"technologies"`
}

// LoadWithVocabulary reads a catalog, like [Load], and a technology vocabulary in the format
// of the embedded skills/data/technologies.json, validates both and compiles them into one
// matcher. The vocabulary may not repeat a form of the catalog's keywords or generic terms:
// a technology the catalog names is the catalog's keyword. [Backend] is the embedded catalog
// loaded with the embedded vocabulary.
func LoadWithVocabulary(catalog, vocabulary io.Reader) (*Catalog, error) {
	f, err := decodeCatalog(catalog)
	if err != nil {
		return nil, err
	}
	v, err := decodeFile[vocabularyFile](vocabulary, "vocabulary")
	if err != nil {
		return nil, err
	}
	if err := validateVocabulary(f, v); err != nil {
		return nil, fmt.Errorf("skills: invalid vocabulary: %w", err)
	}
	return build(*f, v)
}

// validateVocabulary checks the vocabulary against itself and the catalog's forms.
func validateVocabulary(f *catalogFile, v *vocabularyFile) error {
	val := &validator{}
	forms := map[string]string{}
	for i, g := range f.KeywordGroups {
		for j, k := range append(append([]Keyword(nil), g.Keywords...), g.Related...) {
			at := fmt.Sprintf("catalog keyword_groups[%d] keyword %d %q", i, j, k.Term)
			for _, s := range append([]string{k.Term}, k.Aliases...) {
				forms[foldKey(s)] = at
			}
		}
	}
	for i, g := range f.GenericTerms {
		at := fmt.Sprintf("catalog generic_terms[%d] %q", i, g.Term)
		for _, s := range append([]string{g.Term}, g.Aliases...) {
			forms[foldKey(s)] = at
		}
	}
	if v.Version != 1 {
		val.add("version", fmt.Sprintf("unknown version %d", v.Version))
	}
	sources := map[string]bool{}
	for i, s := range v.Sources {
		at := val.identified("sources", i, s.ID, sources)
		val.text(at+".name", s.Name)
		val.text(at+".license", s.License)
		val.url(at+".url", s.URL)
	}
	if len(v.Technologies) == 0 {
		val.add("technologies", "is empty")
	}
	for i, t := range v.Technologies {
		at := val.item("technologies", i, t.Term)
		val.forms(at, t.Term, t.Aliases, t.CaseSensitive, forms)
		val.enum(at+".category", string(t.Category), t.Category.valid())
		if !sources[t.Source] {
			val.add(at+".source", fmt.Sprintf("unknown source %q", t.Source))
		}
	}
	return errors.Join(val.errs...)
}

// Technologies returns the technology vocabulary, ordered by term; empty for a catalog
// loaded without one.
func (c *Catalog) Technologies() []Technology { return cloneAll(c.technologies, Technology.clone) }

// Technology returns the vocabulary's technology whose canonical term is term, exactly as
// spelled.
func (c *Catalog) Technology(term string) (Technology, bool) {
	return cloneAt(c.technologies, Technology.clone, c.techIndex, term)
}

// Sources returns where the vocabulary's technologies come from, with their licences.
func (c *Catalog) Sources() []Source {
	return append([]Source(nil), c.sources...)
}
