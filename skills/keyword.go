package skills

// KeywordKind says what sort of thing a keyword names.
type KeywordKind string

// The kinds of keyword.
const (
	Language     KeywordKind = "language"      // a programming language or runtime: Go, Python, Node.js
	Framework    KeywordKind = "framework"     // Spring Boot, FastAPI, Express
	Database     KeywordKind = "database"      // PostgreSQL, Redis, Elasticsearch
	Cloud        KeywordKind = "cloud"         // a cloud provider: AWS, GCP, Azure
	CloudService KeywordKind = "cloud-service" // a provider's service: EC2, S3, Lambda
	Tool         KeywordKind = "tool"          // Docker, Kafka, Terraform, Prometheus
	Architecture KeywordKind = "architecture"  // REST API, microservices, event-driven
	Standard     KeywordKind = "standard"      // JWT, OAuth 2.0, OpenAPI
	Practice     KeywordKind = "practice"      // code review, test-driven development, on-call
)

func (k KeywordKind) valid() bool {
	switch k {
	case Language, Framework, Database, Cloud, CloudService, Tool, Architecture, Standard, Practice:
		return true
	}
	return false
}

// Technology reports whether keywords of this kind name a technology (everything but
// practices), as opposed to a way of working.
func (k KeywordKind) Technology() bool { return k != Practice }

// Keyword is a term an applicant tracking system looks for, with every spelling that counts
// as the same term.
type Keyword struct {
	// Term is the canonical spelling, used in reports: "PostgreSQL", "CI/CD".
	Term string `json:"term"`
	// Aliases are other spellings of the same term: "Postgres", "CI / CD".
	Aliases []string `json:"aliases"`
	// CaseSensitive lists the forms (the term or aliases) that count only with their exact
	// case, and the context they need, because a lowercase or different reading means
	// something else: "Go", "Rust", "REST", "Spring". Other forms ignore ASCII case.
	CaseSensitive []Form      `json:"case_sensitive,omitempty"`
	Kind          KeywordKind `json:"kind" jsonschema:"enum=language,enum=framework,enum=database,enum=cloud,enum=cloud-service,enum=tool,enum=architecture,enum=standard,enum=practice"`
	// Frameworks, for a language, are the keywords of frameworks commonly paired with it.
	Frameworks []string `json:"frameworks,omitempty"`
	// Services, for a cloud provider, are the keywords of its services (of any kind:
	// DynamoDB is a database).
	Services []string `json:"services,omitempty"`

	// Group is the id of the keyword group the keyword belongs to. It is set by the catalog
	// and is not part of the file format.
	Group string `json:"-"`
	// Listed reports whether the keyword is one of its group's own keywords rather than a
	// related one. It is set by the catalog and is not part of the file format.
	Listed bool `json:"-"`
}

// Form is a spelling of a keyword that counts only with its exact case, in the right
// context.
type Form struct {
	Form string `json:"form"`
	// NotPrecededBy rejects a match when the text just before it ends with one of these
	// (ASCII case ignored): "let's " keeps "Let's Go" from counting as the language.
	NotPrecededBy []string `json:"not_preceded_by,omitempty"`
	// NotFollowedBy rejects a match when the text just after it starts with one of these
	// (ASCII case ignored): "-to-" keeps "Go-to-market" from counting.
	NotFollowedBy []string `json:"not_followed_by,omitempty"`
}

func (k Keyword) clone() Keyword {
	k.Aliases = cloneStrings(k.Aliases)
	k.Frameworks = cloneStrings(k.Frameworks)
	k.Services = cloneStrings(k.Services)
	if k.CaseSensitive != nil {
		forms := make([]Form, len(k.CaseSensitive))
		for i, f := range k.CaseSensitive {
			f.NotPrecededBy = cloneStrings(f.NotPrecededBy)
			f.NotFollowedBy = cloneStrings(f.NotFollowedBy)
			forms[i] = f
		}
		k.CaseSensitive = forms
	}
	return k
}

// Group is a set of keywords that belong together on a resume, with advice on where they go.
type Group struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Keywords are the group's own keywords, the ones applicant tracking systems screen for.
	Keywords []Keyword `json:"keywords"`
	// Related are further keywords filed under the group: frameworks, cloud services and the
	// technologies the skills name.
	Related []Keyword `json:"related,omitempty"`
	// Placement says where on the resume the group's keywords belong.
	Placement string `json:"placement"`
	// Why says why the group matters in screening.
	Why string `json:"why"`
}

func (g Group) clone() Group {
	g.Keywords = cloneAll(g.Keywords, Keyword.clone)
	g.Related = cloneAll(g.Related, Keyword.clone)
	return g
}

// GenericTerm is a vague term that stands in for specific keywords: "relational database"
// for PostgreSQL and MySQL, "the cloud" for AWS, GCP and Azure. An applicant tracking system
// looking for the specific term does not count the generic one.
type GenericTerm struct {
	Term          string   `json:"term"`
	Aliases       []string `json:"aliases"`
	CaseSensitive []Form   `json:"case_sensitive,omitempty"`
	// Specific are the canonical terms of the keywords the generic term stands in for.
	Specific []string `json:"specific"`
}

func (g GenericTerm) clone() GenericTerm {
	k := Keyword{Term: g.Term, Aliases: g.Aliases, CaseSensitive: g.CaseSensitive}.clone()
	g.Aliases, g.CaseSensitive = k.Aliases, k.CaseSensitive
	g.Specific = cloneStrings(g.Specific)
	return g
}

// cloneAll returns a copy of xs that shares no memory with it, each element copied by
// clone: nil for nil.
func cloneAll[T any](xs []T, clone func(T) T) []T {
	if xs == nil {
		return nil
	}
	out := make([]T, len(xs))
	for i, x := range xs {
		out[i] = clone(x)
	}
	return out
}

// cloneAt returns a copy, made by clone, of the element of xs that index gives for key.
func cloneAt[T any](xs []T, clone func(T) T, index map[string]int, key string) (T, bool) {
	i, ok := index[key]
	if !ok {
		var zero T
		return zero, false
	}
	return clone(xs[i]), true
}

func cloneStrings(s []string) []string {
	if s == nil {
		return nil
	}
	return append([]string(nil), s...)
}
